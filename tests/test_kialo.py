"""The Kialo text-export reader (argmap.formats.kialo): the outline, refs, positions, hostile text."""

from __future__ import annotations

from argmap.formats import REGISTRY, by_extension
from argmap.formats.kialo import read, sniff
from argmap.model import ClaimKind

EXPORT = b"""Discussion Title: Ban cars?

1. Towns should ban cars.
1.1. Pro: Cars pollute.
1.1.1. Con: Electric cars do not.
1.2. Con: Cars carry the old
and the ill.
1.2.1. Pro: -> See 1.1.
"""


def test_registered_and_sniffed() -> None:
    assert by_extension("d.kialo.txt") is REGISTRY["kialo"]
    assert sniff(EXPORT) and not sniff(b"argmap: 2\n")


def test_the_outline_becomes_claims_with_refs_and_line_positions() -> None:
    result = read(EXPORT, file="d.kialo.txt")
    assert result.problems == ()
    m = result.map
    assert m is not None
    assert m.title == "Ban cars?" and m.sources[0].kind == "document"
    assert [(c.id, c.kind, c.parent, c.position.line, c.note) for c in m.claims] == [
        ("1", ClaimKind.THESIS, None, 3, None),
        ("1-1", ClaimKind.PREMISE, "1", 4, "Kialo number: 1.1"),
        ("1-1-1", ClaimKind.COUNTERPOINT, "1-1", 5, "Kialo number: 1.1.1"),
        ("1-2", ClaimKind.COUNTERPOINT, "1", 6, "Kialo number: 1.2"),
    ]
    assert m.claim_index["1-2"].text == "Cars carry the old\nand the ill."
    assert [(e.child, e.parent, e.kind, e.position.line) for e in m.edges if e.ref] == [
        ("1-1", "1-2", ClaimKind.PREMISE, 8)
    ]


def test_problems_and_hostile_text() -> None:
    assert read(b"just some text\n", file="x.txt").map is None
    broken = read(b"1. T\n1.5.2. Pro: orphan\n1.1. Con: -> See 9.\n", file="x.txt")
    assert [(p.line, p.message) for p in broken.problems] == [
        (2, "claim 1.5.2 has no claim 1.5 above it"),
        (3, "'-> See 9' names no claim"),
    ]
    escape = read(b"1. T\n1.1. Pro: \x1b]0;owned\x07\n", file="x.txt")
    assert escape.map is None and [(p.line, p.rule) for p in escape.problems] == [(2, "syntax")]
    hostile = read("1. T\n1.1. Pro: \u202eevil\n".encode(), file="x.txt")
    assert [(p.line, p.rule) for p in hostile.problems] == [(2, "bad-text")]
    assert hostile.map is not None and "\u202e" not in hostile.map.claims[1].text
