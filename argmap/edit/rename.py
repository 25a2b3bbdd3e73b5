"""`argmap rename`'s core: an id changed everywhere it is written, and nothing else.

A claim or argument id is written where the claim is defined (`id:`) and where it is mentioned
(`ref:`, the lists of `expect`); a source id is a key of `sources` and is mentioned in citations
(`cite: [id]`, `source: id`), in `via` and in `analyses`. Each of those scalars is replaced in
place, its quoting kept, so renaming back gives the original bytes. Critical-question ids
(`answers`, `raises`) belong to the argument schemes, not to the map, and are never renamed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import yaml

from argmap.edit.document import EditError, UnreadableMap, parse
from argmap.edit.records import id_scalars
from argmap.edit.verify import check
from argmap.formats.argmap_spec import ID_PATTERN
from argmap.formats.yaml_nodes import ScalarNode
from argmap.text.safe import visible
from argmap.text.suggest import did_you_mean

SPACES = ("claim", "source")


@dataclass(frozen=True)
class Renamed:
    """The file's new bytes, what was renamed (a claim id or a source id) and in how many places."""

    data: bytes
    space: str
    places: int


def rename_bytes(
    data: bytes, old: str, new: str, *, file: str, base_dir: str | None = None, only: str | None = None
) -> Renamed:
    """Rename id `old` to `new` in a map's bytes. Raises EditError (with the reason) when `old` names
    nothing, `new` is not a valid id or is taken, and UnreadableMap when the map cannot be read."""
    document = parse(data, file)
    before = check(data, file, base_dir)
    if before.map is None:
        raise UnreadableMap(before.problems)
    argmap = before.map
    if not ID_PATTERN.fullmatch(new):
        raise EditError(
            f"'{visible(new)}' is not a valid id: lowercase letters, digits, '-' and '_', starting with a "
            "letter or digit, at most 80 characters"
        )
    claim_ids = {c.id: c.position for c in argmap.claims} | {a.id: a.position for a in argmap.arguments}
    source_ids = {s.id: s.position for s in argmap.sources}
    spaces = [space for space, ids in zip(SPACES, (claim_ids, source_ids), strict=True) if old in ids]
    if only is not None:
        spaces = [space for space in spaces if space == only]
    if not spaces:
        known = [*claim_ids, *source_ids] if only is None else list(claim_ids if only == "claim" else source_ids)
        what = "claim, argument or source" if only is None else ("claim or argument" if only == "claim" else "source")
        raise EditError(f"{file}: no {what} has the id '{visible(old)}'{visible(did_you_mean(old, known))}")
    if len(spaces) > 1:
        raise EditError(
            f"{file}: '{visible(old)}' is both a claim id and a source id; say which with --only claim or --only source"
        )
    space = spaces[0]
    taken = claim_ids if space == "claim" else source_ids
    if new in taken:
        raise EditError(f"{file}: '{new}' is already the id of a {space} (at {taken[new].short()}); choose another")
    if new == old:
        return Renamed(data, space, 0)
    if document.mixed_line_ends:
        raise EditError(f"{file}: the file mixes CRLF and LF line ends; run 'argmap fmt' on it first")
    found = id_scalars(document.root)
    targets = [s for s in (found.claim_ids if space == "claim" else found.source_ids) if s.value == old]
    text = document.text
    pieces: list[str] = []
    last = 0
    for scalar in sorted(targets, key=lambda s: s.start_mark.index):
        pieces.append(text[last : scalar.start_mark.index])
        pieces.append(_written(scalar, new))
        last = scalar.end_mark.index
    pieces.append(text[last:])
    after = document.encode("".join(pieces))
    result = check(after, file, base_dir)
    if result.map is None or Counter(p.rule for p in result.problems) != Counter(p.rule for p in before.problems):
        raise EditError(
            f"{file}: internal error: renaming would change the map's problems; the file was left as it was"
        )
    return Renamed(after, space, len(targets))


def _written(scalar: ScalarNode, new: str) -> str:
    """How `new` is written in place of `scalar`: in the same quotes, or plain when it reads as text."""
    if scalar.style in ('"', "'"):
        return f"{scalar.style}{new}{scalar.style}"
    if isinstance(yaml.safe_load(f"k: {new}")["k"], str):
        return new
    return f'"{new}"'  # an id such as 2019 or 1e3 would read as a number
