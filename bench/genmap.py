"""Synthetic maps for benchmarks and property tests: `python bench/genmap.py N [--seed S] > map.yaml`.

A generated map has N claims in a tree (fan-out 3 to 5, depth growing with N), every claim citing
one or two of the map's sources (some with quotes and locators), correlations with `between`,
counterpoints with rebuttals, and about one `ref` per 50 claims (refs never close a support cycle:
they point at claims already written under a different branch and are listed as counterpoints).
The map validates clean.

With `--format2` (generate(..., format2=True)) the map is `argmap: 2` and uses format 2's constructs
too: about one claim in four with two or more premises joins two of them into a linked argument
(some with a scheme, an assumption, a weight or an undercut), and about one premise in twelve has an
undercut of its own step. Claims, sources and refs are as in format 1, so the two are comparable;
the arguments' assumptions come on top of the N claims (about one per 130).
"""

from __future__ import annotations

import argparse
import random
import sys

WORDS = [
    "policy",
    "evidence",
    "regime",
    "report",
    "prisoners",
    "border",
    "economy",
    "fuel",
    "records",
    "interview",
    "analysts",
    "officials",
    "security",
    "uprising",
    "activists",
    "combat",
    "support",
    "history",
    "network",
    "released",
    "fighters",
    "intelligence",
    "strategy",
    "narrative",
    "pressure",
    "conflict",
    "cooperation",
    "pragmatic",
    "documented",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


SCHEMES = ("expert-opinion", "cause-to-effect", "sign", "example")


def generate(n_claims: int, *, seed: int = 0, sources: int | None = None, format2: bool = False) -> str:
    """YAML text of a valid map with exactly `n_claims` claims (n_claims >= 1); `format2` for a
    format-2 map with linked arguments, assumptions, schemes, weights and undercuts."""
    rng = random.Random(seed)
    n_sources = sources or max(3, n_claims // 20)
    out: list[str] = [
        "# A synthetic map from bench/genmap.py (no $schema comment: it would be wrong wherever the map is saved)",
        f"argmap: {2 if format2 else 1}",
        f"title: Synthetic map of {n_claims} claims",
        "analyses: s0",
        "sources:",
    ]
    for i in range(n_sources):
        out += [
            f"  s{i}:",
            f"    title: Source number {i}",
            "    kind: report",
            f"    url: https://example.org/s{i}",
            f"    date: {2000 + i % 20}-0{1 + i % 9}",
        ]
    # Build the tree first: parent index and kind for every claim.
    kinds = ["thesis"]
    parents = [-1]
    children: dict[int, list[int]] = {0: []}
    frontier = [0]
    count = 1
    while count < n_claims:
        next_frontier = []
        for parent in frontier:
            parent_kind = kinds[parent]
            for _ in range(rng.randint(3, 5)):
                if count >= n_claims:
                    break
                if parent_kind in ("counterpoint", "undercut"):
                    kind = "rebuttal"
                elif format2 and parent_kind == "premise" and rng.random() < 0.08:
                    kind = "undercut"
                else:
                    kind = rng.choices(["premise", "correlation", "counterpoint"], [6, 1, 2])[0]
                kinds.append(kind)
                parents.append(parent)
                children[parent].append(count)
                children[count] = []
                next_frontier.append(count)
                count += 1
            if count >= n_claims:
                break
        frontier = next_frontier or frontier
    list_key = {
        "premise": "premises",
        "correlation": "correlations",
        "counterpoint": "counterpoints",
        "rebuttal": "rebuttals",
        "undercut": "undercuts",
    }
    # format 2: two premises of some claims become a linked argument (claim index -> its members)
    linked: dict[int, list[int]] = {}
    if format2:
        for index in range(n_claims):
            premises = [c for c in children[index] if kinds[c] == "premise"]
            if len(premises) >= 2 and kinds[index] in ("thesis", "premise") and rng.random() < 0.25:
                linked[index] = premises[:2]
    refs_at: dict[int, list[int]] = {}
    for target in range(1, n_claims, 50):
        holder = rng.randrange(0, n_claims)
        if kinds[holder] not in ("counterpoint", "undercut") and holder != target and parents[target] != holder:
            refs_at.setdefault(holder, []).append(target)

    def emit(index: int, indent: str, first_prefix: str) -> list[str]:
        lines = [f"{first_prefix}id: c{index}", f"{indent}claim: {_sentence(rng, rng.randint(6, 18))}"]
        lines.append(f"{indent}cite:")
        for source in rng.sample(range(n_sources), k=min(n_sources, rng.randint(1, 2))):
            if rng.random() < 0.3:
                lines += [
                    f"{indent}  - source: s{source}",
                    f"{indent}    locator: p. {rng.randint(1, 300)}",
                    f'{indent}    quote: "{_sentence(rng, 5)}"',
                ]
            else:
                lines.append(f"{indent}  - s{source}")
        if kinds[index] == "correlation":
            lines.append(f"{indent}between: [{rng.choice(WORDS)} rate, {rng.choice(WORDS)} level]")
        groups: dict[str, list[int]] = {}
        joined = linked.get(index, [])
        for child in children[index]:
            if child not in joined:
                groups.setdefault(list_key[kinds[child]], []).append(child)
        for target in refs_at.get(index, ()):
            groups.setdefault("counterpoints", []).append(-target)  # negative: a ref item
        for key, members in groups.items():
            lines.append(f"{indent}{key}:")
            for child in members:
                if child < 0:
                    lines.append(f"{indent}  - ref: c{-child}")
                else:
                    lines += emit_child(child, indent + "  ")
        if joined:
            lines += emit_argument(index, joined, indent)
        return lines

    def emit_argument(index: int, members: list[int], indent: str) -> list[str]:
        """The linked argument of claim `index` joining `members`; its premises carry no undercuts
        of their own (a linked argument's undercuts are the argument's)."""
        lines = [f"{indent}arguments:", f"{indent}  - id: a{index}"]
        inner = indent + "    "
        if rng.random() < 0.5:
            lines.append(f"{inner}scheme: {rng.choice(SCHEMES)}")
        if rng.random() < 0.3:
            lines.append(f"{inner}weight: {rng.choice((0.4, 0.6, 0.8))}")
        lines.append(f"{inner}premises:")
        undercuts: list[int] = []
        for member in members:
            undercuts += [c for c in children[member] if kinds[c] == "undercut"]
            children[member] = [c for c in children[member] if kinds[c] != "undercut"]
            lines += emit_child(member, inner + "  ")
        if rng.random() < 0.3:
            lines += [f"{inner}assumptions:", f"{inner}  - id: a{index}-assumed"]
            lines.append(f"{inner}    claim: {_sentence(rng, rng.randint(6, 12))}")
        if undercuts:
            lines.append(f"{inner}undercuts:")
            for undercut in undercuts:
                lines += emit_child(undercut, inner + "  ")
        return lines

    def emit_child(index: int, indent: str) -> list[str]:
        return emit(index, indent + "  ", f"{indent}- ")

    out.append("thesis:")
    body = emit(0, "  ", "  ")
    out += body
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format2", action="store_true", help="a format-2 map (linked arguments, undercuts, ...)")
    args = parser.parse_args()
    sys.stdout.write(generate(args.claims, seed=args.seed, format2=args.format2))


if __name__ == "__main__":
    main()
