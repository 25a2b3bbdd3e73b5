"""Generators of hostile but valid-looking maps, for the resource tests and bench_hostile.py.

Each function returns the text of one map of about `n` claims (or `n` of whatever it multiplies)
that makes some algorithm do more work than its input suggests. Run
`python bench/hostile_maps.py KIND N > map.yaml` for one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

HEAD = "argmap: 1\ntitle: T\nsources:\n  s:\n    title: S\n    kind: article\n"
THESIS = "thesis:\n  id: t\n  claim: T.\n  cite: [s]\n"


def unknown_refs(n: int) -> str:
    """n premises, each with a ref to an id that does not exist (but is close to many that do)."""
    lines = [HEAD, THESIS, "  premises:\n"]
    for i in range(n):
        lines.append(f"    - id: claim-{i:05d}\n      claim: C.\n      cite: [s]\n      premises:\n")
        lines.append(f"        - ref: claim-{i:05d}x\n")
    return "".join(lines)


def unknown_sources(n: int) -> str:
    """n sources and n premises, each citing a source id that does not exist but is close to one."""
    lines = [HEAD]
    lines += [f"  source-{i:05d}:\n    title: S\n    kind: article\n" for i in range(n)]
    lines += [THESIS, "  premises:\n"]
    lines += [f"    - id: c{i}\n      claim: C.\n      cite: [source-{i:05d}x]\n" for i in range(n)]
    return "".join(lines)


def unknown_expect(n: int) -> str:
    """n premises and an `expect:` naming n claim ids that do not exist but are close to one."""
    lines = [HEAD, THESIS, "  premises:\n"]
    lines += [f"    - id: claim-{i:05d}\n      claim: C.\n      cite: [s]\n" for i in range(n)]
    lines.append("expect:\n  stands:\n")
    lines += [f"    - claim-{i:05d}x\n" for i in range(n)]
    return "".join(lines)


def self_refs(n: int) -> str:
    """n premises, each with a ref to itself: n support cycles of one claim."""
    lines = [HEAD, THESIS, "  premises:\n"]
    for i in range(n):
        lines.append(f"    - id: c{i}\n      claim: C.\n      cite: [s]\n      premises:\n        - ref: c{i}\n")
    return "".join(lines)


def attack_cycle(n: int) -> str:
    """One attack cycle of n claims through refs, with an `expect:` that makes validate evaluate it."""
    lines = [HEAD, THESIS, "  counterpoints:\n"]
    for i in range(n):
        lines.append(f"    - id: c{i}\n      claim: C.\n      cite: [s]\n      rebuttals:\n")
        lines.append(f"        - ref: c{(i + 1) % n}\n")
    lines.append("expect:\n  undecided: [t]\n")
    return "".join(lines)


def support_cycle(n: int) -> str:
    """One support cycle of n claims through refs, with an `expect:` that makes validate evaluate it."""
    lines = [HEAD, THESIS, "  premises:\n"]
    for i in range(n):
        lines.append(f"    - id: c{i}\n      claim: C.\n      cite: [s]\n      premises:\n")
        lines.append(f"        - ref: c{(i + 1) % n}\n")
    lines.append("expect:\n  undecided: [t]\n")
    return "".join(lines)


def ref_ladder(n: int) -> str:
    """n premises of the thesis, each supported through a ref by the next: a chain n deep, n wide."""
    lines = [HEAD, THESIS, "  premises:\n"]
    for i in range(n):
        lines.append(f"    - id: c{i}\n      claim: C.\n      cite: [s]\n")
        if i + 1 < n:
            lines.append(f"      premises:\n        - ref: c{i + 1}\n")
    return "".join(lines)


def via_chain(n: int) -> str:
    """n sources each known through the next, and n premises each citing one of them."""
    lines = [HEAD]
    for i in range(n):
        lines.append(f"  v{i}:\n    title: V\n    kind: article\n")
        if i + 1 < n:
            lines.append(f"    via: v{i + 1}\n")
    lines += [THESIS, "  premises:\n"]
    lines += [f"    - id: c{i}\n      claim: C.\n      cite: [v{i}]\n" for i in range(n)]
    return "".join(lines)


def wide_correlation(n: int) -> str:
    """One correlation `between` n variables."""
    names = ", ".join(f"v{i}" for i in range(n))
    return HEAD + THESIS + f"  correlations:\n    - id: k\n      claim: K.\n      cite: [s]\n      between: [{names}]\n"


def many_citations(n: int) -> str:
    """n sources, all cited by one premise."""
    lines = [HEAD]
    lines += [f"  s{i}:\n    title: S\n    kind: article\n" for i in range(n)]
    cites = ", ".join(f"s{i}" for i in range(n))
    lines += [THESIS, f"  premises:\n    - id: p\n      claim: P.\n      cite: [{cites}]\n"]
    return "".join(lines)


def long_claim(n: int) -> str:
    """A thesis whose text is n words (about 5n bytes)."""
    return HEAD + f"thesis:\n  id: t\n  claim: {'word ' * n}end\n  cite: [s]\n"


def shared_subtree(n: int) -> str:
    """n counterpoints of the thesis, each rebutted through a ref by one claim with n premises:
    a brief that writes the shared subtree in every block writes n * n items."""
    lines = [HEAD, THESIS, "  premises:\n    - id: r\n      claim: R.\n      cite: [s]\n      premises:\n"]
    lines += [f"        - id: p{i}\n          claim: P.\n          cite: [s]\n" for i in range(n)]
    lines.append("  counterpoints:\n")
    lines += [
        f"    - id: c{i}\n      claim: C.\n      cite: [s]\n      rebuttals:\n        - ref: r\n" for i in range(n)
    ]
    return "".join(lines)


def shared_snapshot(n: int) -> str:
    """n sources whose snapshot is the same file `snapshot.txt` (beside the map), each quoted once."""
    lines = ["argmap: 1\ntitle: T\nsources:\n"]
    lines += [f"  s{i}:\n    title: S\n    kind: article\n    snapshot: snapshot.txt\n" for i in range(n)]
    lines += ["thesis:\n  id: t\n  claim: T.\n  cite: [s0]\n  premises:\n"]
    lines += [
        f"    - id: c{i}\n      claim: C.\n      cite:\n        - source: s{i}\n          quote: word\n"
        for i in range(n)
    ]
    return "".join(lines)


def long_version_list(n: int) -> str:
    """`argmap:` given a flow list of n numbers instead of a version."""
    return "argmap: [" + ", ".join(["1"] * n) + "]\ntitle: T\n" + HEAD.split("title: T\n", 1)[1] + THESIS


def deep_version_list(n: int) -> str:
    """`argmap:` given a flow list nested n deep instead of a version."""
    return "argmap: " + "[" * n + "]" * n + "\ntitle: T\n" + HEAD.split("title: T\n", 1)[1] + THESIS


KINDS: dict[str, Callable[[int], str]] = {
    "unknown-refs": unknown_refs,
    "unknown-sources": unknown_sources,
    "unknown-expect": unknown_expect,
    "self-refs": self_refs,
    "attack-cycle": attack_cycle,
    "support-cycle": support_cycle,
    "ref-ladder": ref_ladder,
    "via-chain": via_chain,
    "wide-correlation": wide_correlation,
    "many-citations": many_citations,
    "long-claim": long_claim,
    "shared-subtree": shared_subtree,
    "shared-snapshot": shared_snapshot,
    "long-version-list": long_version_list,
    "deep-version-list": deep_version_list,
}

if __name__ == "__main__":
    sys.stdout.write(KINDS[sys.argv[1]](int(sys.argv[2])))
