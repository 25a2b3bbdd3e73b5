"""The graph-to-map builder every importer uses (argmap.formats.build): ids, theses, the tree, refs."""

from __future__ import annotations

from argmap.checks.runner import check_map
from argmap.formats.build import MapBuilder, make_id
from argmap.model import ArgMap, ClaimKind, Position


def at(line: int) -> Position:
    return Position("in.json", line, 1)


def built(builder: MapBuilder) -> ArgMap:
    result = builder.build()
    assert result.problems == ()
    assert result.map is not None
    assert list(check_map(result.map)) == []
    return result.map


def test_make_id_keeps_valid_ids_and_slugs_the_rest() -> None:
    assert make_id("node-12") == "node-12"
    assert make_id("Populism is bad!") == "populism-is-bad"
    assert make_id("Élan vital") == "elan-vital"
    assert make_id("???") == "claim"
    assert make_id("_x") == "x"
    assert len(make_id("a" * 200)) == 80
    taken: set[str] = set()
    assert [make_id("A b", taken), make_id("a-b", taken), make_id("a b", taken)] == ["a-b", "a-b-2", "a-b-3"]


def test_a_graph_becomes_a_tree_with_refs_in_file_order() -> None:
    b = MapBuilder("in.json", title="T", source_title="in.json", source_kind="dataset", id_label="nodeID")
    b.statement("1", "Thesis", at(1))
    b.statement("2", "Premise A", at(2), quote="A said so")
    b.statement("3", "Premise B", at(3))
    b.statement("4", "Objection", at(4))
    b.statement("5", "Not relevant", at(5))
    b.statement("6", "Single", at(6))
    b.statement("7", "Reply", at(7))
    b.support("1", ["2", "3"], at(8), key="RA 1", scheme="expert-opinion")
    b.support("1", ["6"], at(9), key="RA2")
    b.attack("4", "2", at(10))
    b.attack("7", "4", at(11))
    b.undercut("5", "RA2", at(12))
    b.support("4", ["3"], at(13))
    m = built(b)
    assert [(c.id, c.kind, c.parent, c.depth, c.argument) for c in m.claims] == [
        ("1", ClaimKind.THESIS, None, 0, None),
        ("6", ClaimKind.PREMISE, "1", 1, None),
        ("5", ClaimKind.UNDERCUT, "6", 2, None),
        ("2", ClaimKind.PREMISE, "1", 1, "ra-1"),
        ("4", ClaimKind.COUNTERPOINT, "2", 2, None),
        ("7", ClaimKind.REBUTTAL, "4", 3, None),
        ("3", ClaimKind.PREMISE, "1", 1, "ra-1"),
    ]
    assert [(e.child, e.parent, e.ref) for e in m.edges if e.ref] == [("3", "4", True)]
    (argument,) = m.arguments
    assert (argument.id, argument.premises, argument.scheme, argument.note) == (
        "ra-1",
        ("2", "3"),
        "expert-opinion",
        "nodeID: RA 1",
    )
    assert m.theses == ("1",) and m.version == 2
    (source,) = m.sources
    assert (source.id, source.title, source.kind) == ("in-json-source", "in.json", "dataset")
    assert all(c.cites[0].source == source.id for c in m.claims)
    assert m.claim_index["2"].cites[0].quote == "A said so"


def test_a_changed_id_is_kept_in_the_note() -> None:
    b = MapBuilder("in.ad", title="T", source_title="in", id_label="Argdown title")
    b.statement("Big Claim", "The claim", at(1), note="from section 1")
    m = built(b)
    (claim,) = m.claims
    assert (claim.id, claim.note) == ("big-claim", "from section 1\nArgdown title: Big Claim")


def test_theses_are_what_supports_or_attacks_nothing_and_cycles_get_one() -> None:
    b = MapBuilder("in.json", title="T", source_title="in")
    for key in "abcd":
        b.statement(key, key.upper(), at(ord(key)))
    b.attack("a", "b", at(10))
    b.attack("b", "a", at(11))
    b.support("c", ["d"], at(12))
    m = built(b)
    assert m.theses == ("c", "a")
    assert [(c.id, c.kind) for c in m.claims] == [
        ("c", ClaimKind.THESIS),
        ("d", ClaimKind.PREMISE),
        ("a", ClaimKind.THESIS),
        ("b", ClaimKind.COUNTERPOINT),
    ]
    assert [(e.child, e.parent, e.kind, e.ref) for e in m.edges if e.ref] == [("a", "b", ClaimKind.REBUTTAL, True)]


def test_an_undercut_step_whose_premise_is_written_elsewhere_becomes_a_linked_argument() -> None:
    b = MapBuilder("in.json", title="T", source_title="in")
    for key in ("t", "p", "q", "u"):
        b.statement(key, key.upper(), at(1))
    b.support("t", ["p"], at(2))
    b.support("q", ["p"], at(3), key="step")
    b.support("t", ["q"], at(4))
    b.undercut("u", "step", at(5))
    m = built(b)
    assert [(a.id, a.conclusion, a.premises) for a in m.arguments] == [("step", "q", ("p",))]
    assert m.claim_index["u"].argument == "step"


def test_unknown_names_are_problems_with_the_relation_position() -> None:
    b = MapBuilder("in.json", title="T", source_title="in")
    b.statement("a", "A", at(1))
    b.statement("a", "again", at(2))
    b.support("a", ["zz"], at(3))
    b.attack("yy", "a", at(4))
    b.undercut("a", "nope", at(5))
    result = b.build()
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "original id 'a' is given twice; the first is kept"),
        (5, "an undercut of an unknown support step 'nope'"),
        (3, "a support step names an unknown statement 'zz'"),
        (4, "an attack names an unknown statement 'yy'"),
    ]
    assert result.map is not None and [c.id for c in result.map.claims] == ["a"]
