"""`argmap add`'s core: a new claim inserted under another one, in canonical position and style.

The new item goes after the last item of the list it belongs in (`premises:` for a premise, and so
on), indented as that list's items are; when the claim has no such list yet, the list is inserted
where the canonical key order puts it (before the first key that comes after it, and above that
key's comments). Nothing else in the file changes: the insertion is one piece of text, so taking it
out again gives the original bytes. The result must validate with no problem the map did not have.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import yaml

from argmap.edit.document import Document, EditError, UnreadableMap, parse, scalar_end, scalars
from argmap.edit.records import ARGUMENT, CLAIM, id_scalars, walk_claims
from argmap.edit.verify import check, new_problems
from argmap.formats.argmap_spec import ID_PATTERN
from argmap.formats.yaml_nodes import MappingNode, ScalarNode, SequenceNode
from argmap.formats.yaml_style import WIDTH, flow_line, fold_text
from argmap.text.safe import visible
from argmap.text.suggest import did_you_mean

#: --kind -> the list a claim of that kind is written in
KINDS = {
    "premise": "premises",
    "correlation": "correlations",
    "counterpoint": "counterpoints",
    "undercut": "undercuts",
    "rebuttal": "rebuttals",
    "argument": "arguments",
    "assumption": "assumptions",
}
MAX_SLUG = 48


@dataclass(frozen=True)
class Citation:
    """A `--cite SOURCE[:QUOTE]` option."""

    source: str
    quote: str | None = None

    @classmethod
    def parse(cls, value: str) -> Citation:
        source, sep, quote = value.partition(":")
        return cls(source.strip(), quote if sep else None)


@dataclass(frozen=True)
class Added:
    """The file's new bytes, the new claim's id and line, and the inserted text (for taking it out)."""

    data: bytes
    id: str
    line: int
    offset: int
    inserted: str


def slug(text: str, taken: set[str], fallback: str = "claim") -> str:
    """A unique id made of the first words of `text` ("Uniforms cost money." -> uniforms-cost-money)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = re.sub(r"(?<=[a-z])['’](?=[a-z])", "", ascii_text)  # "Mamlouk's" -> mamlouks
    base = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        candidate = f"{base}-{word}" if base else word
        if len(candidate) > MAX_SLUG:
            break
        base = candidate
    base = base or fallback
    chosen, n = base, 2
    while chosen in taken:
        chosen, n = f"{base}-{n}", n + 1
    return chosen


def add_bytes(
    data: bytes,
    *,
    file: str,
    under: str,
    kind: str,
    text: str,
    claim_id: str | None = None,
    cites: Sequence[Citation] = (),
    between: Sequence[str] = (),
    base_dir: str | None = None,
) -> Added:
    """Insert a claim of `kind` with `text` under claim or argument `under`. Raises EditError with the
    reason when it cannot (unknown id, taken id, a result that would not validate), UnreadableMap
    when the map cannot be read."""
    if kind not in KINDS:
        raise EditError(f"unknown kind '{visible(kind)}' (one of {', '.join(KINDS)})")
    document = parse(data, file)
    before = check(data, file, base_dir)
    if before.map is None:
        raise UnreadableMap(before.problems)
    if document.mixed_line_ends:
        raise EditError(f"{file}: the file mixes CRLF and LF line ends; run 'argmap fmt' on it first")
    if not text.strip():
        raise EditError("--claim: the claim text is empty")
    parents = dict(reversed(list(walk_claims(id_scalars(document.root)))))  # the first definition wins
    taken = {c.id for c in before.map.claims} | {a.id for a in before.map.arguments}
    if under not in parents:
        raise EditError(
            f"{file}: no claim or argument has the id '{visible(under)}'{visible(did_you_mean(under, taken))}"
        )
    if claim_id is None:
        claim_id = slug(text, taken)
    elif not ID_PATTERN.fullmatch(claim_id):
        raise EditError(f"--id: '{visible(claim_id)}' is not a valid id (lowercase letters, digits, '-' and '_')")
    elif claim_id in taken:
        raise EditError(f"--id: '{claim_id}' is already the id of a claim or argument; choose another")
    parent = parents[under]
    is_argument = any(isinstance(k, ScalarNode) and k.value == "premises" for k, _ in parent.value) and not any(
        isinstance(k, ScalarNode) and k.value == "claim" for k, _ in parent.value
    )
    list_key = KINDS[kind]
    if is_argument and kind == "argument":
        raise EditError(f"--under {under}: an argument holds premises, assumptions and undercuts, not arguments")
    offset, block = _place(
        document,
        parent,
        list_key,
        partial(_item, kind, claim_id, text, cites, between, taken | {claim_id}),
        ARGUMENT.rank if is_argument else CLAIM.rank,
    )
    new_text = document.text[:offset] + block + document.text[offset:]
    after = document.encode(new_text)
    result = check(after, file, base_dir)
    added = new_problems(before, result)
    if result.map is None or added:
        shown = "; ".join(f"{p.line}:{p.column}: {p.message} [{p.rule}]" for p in (added or list(result.problems))[:3])
        missing = {p.rule for p in added}
        if result.map is not None and added and missing <= _OPTION_FOR.keys():
            # what the new claim lacks, said as the option that gives it
            known = visible(", ".join(before.map.source_index)) or "none yet: add one under sources"
            wanted = "; ".join(_OPTION_FOR[rule].format(kind=kind, sources=known) for rule in sorted(missing))
            raise EditError(f"{file}: the claim was not added: {wanted}")
        raise EditError(f"{file}: the claim was not added: the map would not validate: {visible(shown)}")
    lines = block.split("\n")
    line = (
        document.text.count("\n", 0, offset)
        + 1
        + next(i for i, piece in enumerate(lines) if f"id: {claim_id}" in piece)
    )
    return Added(after, claim_id, line, offset, block)


#: the rules a new claim breaks for want of an option, and the option's hint
_OPTION_FOR = {
    "premise-needs-citation": "a {kind} cites its source: pass --cite SOURCE[:QUOTE] (the map's sources: {sources})",
    "correlation-needs-variables": "a correlation names what it links: pass --between VARIABLE for each of two or more",
}


def _item(
    kind: str,
    claim_id: str,
    text: str,
    cites: Sequence[Citation],
    between: Sequence[str],
    taken: set[str],
    base: int,
) -> list[str]:
    """The lines of the new list item, indented from column 0 of the item ("- id: ..."), which
    goes at column `base` of the file (the layout fills lines to WIDTH columns of the file)."""
    if kind == "argument":
        argument_id = slug(f"{claim_id} argument", taken)
        claim = _claim_lines("premise", claim_id, text, cites, between, base + 4)
        return [f"- id: {argument_id}", "  premises:", *("    " + line for line in claim)]
    return _claim_lines(kind, claim_id, text, cites, between, base)


def _claim_lines(
    kind: str, claim_id: str, text: str, cites: Sequence[Citation], between: Sequence[str], column: int
) -> list[str]:
    """The claim item's lines from its dash, which is at `column` of the file."""
    lines = [f"- id: {claim_id}"]
    written = _scalar(text)
    if len(written) + column + 9 > WIDTH:
        folded = fold_text(text, column + 4)
        if folded is not None:
            lines += ["  claim: >-", *(line[column:] for line in folded)]
        else:
            lines.append(f"  claim: {written}")
    else:
        lines.append(f"  claim: {written}")
    flow = None
    if cites and all(c.quote is None for c in cites):
        flow = flow_line(" " * column + "  cite:", [_scalar(c.source) for c in cites])
    if flow is not None:
        lines.append(flow[column:])
    elif cites:
        lines.append("  cite:")
        for cite in cites:
            if cite.quote is None:
                lines.append(f"    - {_scalar(cite.source)}")
            else:
                lines += [
                    f"    - source: {_scalar(cite.source)}",
                    f"      quote: {json.dumps(cite.quote, ensure_ascii=False)}",
                ]
    if between:
        variables = [json.dumps(b, ensure_ascii=False) for b in between]
        flow = flow_line(" " * column + "  between:", variables)
        lines += [flow[column:]] if flow is not None else ["  between:", *(f"    - {v}" for v in variables)]
    return lines


def _scalar(text: str) -> str:
    """`text` as a one-line YAML scalar: plain when that reads back as the same text, else quoted."""
    dumped: str = yaml.safe_dump({"k": text}, allow_unicode=True, width=1_000_000, sort_keys=False)[3:].rstrip("\n")
    if "\n" in dumped or dumped.startswith(("'", "|", ">")):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return dumped


def _place(
    document: Document,
    parent: MappingNode,
    list_key: str,
    make_item: Callable[[int], list[str]],
    rank: dict[str, int],
) -> tuple[int, str]:
    """Where the new item goes and the text to insert there (whole lines): `make_item(column)`
    gives the item's lines for its dash at `column` of the file."""
    text = document.text
    if parent.flow_style:
        raise EditError(
            f"{_where(document, parent)}: the claim is written in flow style ({{...}}); "
            "run 'argmap fmt' on the file first"
        )
    keys = [k for k, _ in parent.value if isinstance(k, ScalarNode)]
    key_column = document.column(keys[0].start_mark.index)
    existing = next((v for k, v in parent.value if isinstance(k, ScalarNode) and k.value == list_key), None)
    if existing is not None:
        if not isinstance(existing, SequenceNode) or existing.flow_style or not existing.value:
            raise EditError(
                f"{_where(document, existing)}: '{list_key}' is not written as a block list; "
                "run 'argmap fmt' on the file first"
            )
        first = existing.value[0]
        dash = text.rfind("-", document.line_start(first.start_mark.index), first.start_mark.index)
        dash_column = document.column(dash) if dash >= 0 else document.column(first.start_mark.index) - 2
        content = document.column(first.start_mark.index) - dash_column
        item = make_item(dash_column + content - 2)
        lines = [" " * dash_column + item[0], *(" " * (dash_column + content - 2) + line for line in item[1:])]
        return _after_line(text, _subtree_end(text, existing.value[-1]), lines)
    lines = [" " * key_column + f"{list_key}:", *(" " * (key_column + 2) + line for line in make_item(key_column + 2))]
    later = [k for k in keys if rank.get(k.value, len(rank)) > rank.get(list_key, len(rank))]
    if later:
        start = later[0].start_mark.index
        above = document.trivia.leading.get(start, [])
        offset = document.line_start(start)
        for _ in above:
            offset = document.line_start(offset - 1)
        return offset, "".join(line + "\n" for line in lines)
    return _after_line(text, _subtree_end(text, parent), lines)


def _subtree_end(text: str, node: object) -> int:
    found = scalars(node)  # type: ignore[arg-type]
    return scalar_end(text, found[-1]) if found else 0


def _after_line(text: str, offset: int, lines: list[str]) -> tuple[int, str]:
    """Insert `lines` after the line that holds `offset` (its trailing comment stays on it)."""
    end = text.find("\n", offset)
    block = "".join(line + "\n" for line in lines)
    if end < 0:
        return len(text), "\n" + block
    return end + 1, block


def _where(document: Document, node: object) -> str:
    mark = node.start_mark  # type: ignore[attr-defined]
    return f"{document.file}:{mark.line + 1}:{mark.column + 1}"
