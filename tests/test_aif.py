"""The AIF reader and writer (argmap.formats.aif): each construct on small hand-written nodesets,
problems with positions, hostile text, and the round trip argmap -> AIF -> argmap."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings

from argmap.checks.runner import check_map
from argmap.formats import REGISTRY, by_extension
from argmap.formats.aif import read, write
from argmap.model import ArgMap, ClaimKind
from tests.strategies import dump, format2_documents, load, signature


def nodeset(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]], **extra: Any) -> bytes:
    document = {
        "nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
        "edges": [{"edgeID": f"e{n}", "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)],
        "locutions": [],
        **extra,
    }
    return json.dumps(document, indent=1).encode()


def clean(data: bytes, file: str = "t.aif") -> ArgMap:
    result = read(data, file=file)
    assert result.problems == (), result.problems
    assert result.map is not None
    assert [p for p in check_map(result.map) if p.severity >= 2] == []
    return result.map


LINKED = [("1", "I", "Act now"), ("2", "I", "Experts say so"), ("3", "I", "They are experts")]
LINKED += [("4", "RA", "Argument From Expert Opinion")]
LINKED_EDGES = [("2", "4"), ("3", "4"), ("4", "1")]


def test_registered_by_extension() -> None:
    assert by_extension("x.aif") is REGISTRY["aif"]
    assert by_extension("x.XAIF.json") is REGISTRY["aif"]
    assert by_extension("x.yaml") is REGISTRY["argmap"]


def test_a_linked_ra_with_a_scheme_name_is_an_argument_with_the_scheme() -> None:
    m = clean(nodeset(LINKED, LINKED_EDGES))
    (argument,) = m.arguments
    assert (argument.id, argument.conclusion, argument.premises, argument.scheme) == (
        "4",
        "1",
        ("2", "3"),
        "expert-opinion",
    )
    assert [(c.id, c.kind, c.argument) for c in m.claims] == [
        ("1", ClaimKind.THESIS, None),
        ("2", ClaimKind.PREMISE, "4"),
        ("3", ClaimKind.PREMISE, "4"),
    ]
    (source,) = m.sources
    assert (source.title, source.kind) == ("t.aif", "dataset")
    assert m.claims[1].position == ("t.aif", 8, 3)  # the node object of nodeID 2


def test_an_unknown_scheme_name_is_kept_in_the_note() -> None:
    nodes = [*LINKED[:3], ("4", "RA", "Argument From Vagueness")]
    (argument,) = clean(nodeset(nodes, LINKED_EDGES)).arguments
    assert (argument.scheme, argument.note) == (None, "AIF scheme: Argument From Vagueness")


def test_ca_on_an_i_node_is_an_attack_and_on_an_ra_an_undercut() -> None:
    nodes = [*LINKED, ("5", "I", "It costs"), ("6", "CA", "Default Conflict")]
    nodes += [("7", "I", "They are paid"), ("8", "CA", "Default Conflict")]
    edges = [*LINKED_EDGES, ("5", "6"), ("6", "1"), ("7", "8"), ("8", "4")]
    m = clean(nodeset(nodes, edges))
    kinds = {c.id: (c.kind, c.parent, c.argument) for c in m.claims}
    assert kinds["5"] == (ClaimKind.COUNTERPOINT, "1", None)
    assert kinds["7"] == (ClaimKind.UNDERCUT, "1", "4")


def test_a_locution_gives_the_quote_and_the_speaker() -> None:
    nodes = [*LINKED, ("9", "L", "Bob : experts say so"), ("10", "YA", "Asserting")]
    edges = [*LINKED_EDGES, ("9", "10"), ("10", "2")]
    claim = clean(nodeset(nodes, edges)).claim_index["2"]
    assert (claim.cites[0].quote, claim.note) == ("experts say so", "AIF speaker: Bob")
    participants = [{"participantID": 7, "firstname": "Ann", "surname": "Lee"}]
    nodes[4] = ("9", "L", "experts say so")
    data = nodeset(nodes, edges, participants=participants)
    document = json.loads(data)
    document["locutions"] = [{"nodeID": "9", "personID": 7}]
    claim = clean(json.dumps(document).encode()).claim_index["2"]
    assert claim.note == "AIF speaker: Ann Lee"


def test_the_xaif_wrapper_is_read() -> None:
    inner = json.loads(nodeset(LINKED, LINKED_EDGES))
    m = clean(json.dumps({"AIF": inner, "OVA": {"nodes": []}, "text": "x"}).encode(), "t.xaif.json")
    assert [c.id for c in m.claims] == ["1", "2", "3"]


def test_malformed_json_is_one_problem_with_its_position() -> None:
    data = '{"nodes": [\n  {"nodeID": 1,}\n]}'
    result = read(data.encode(), file="bad.aif")
    assert result.map is None
    ((line, column, rule),) = [(p.line, p.column, p.rule) for p in result.problems]
    # where Python's own JSON parser places the error (one column apart between Python versions)
    try:
        json.loads(data)
    except json.JSONDecodeError as error:
        expected = (error.lineno, error.colno)
    assert (line, column, rule) == (*expected, "syntax")
    assert (line, column) in ((2, 15), (2, 16))


def test_an_unknown_node_type_and_a_dangling_edge_are_problems_at_the_node_and_edge() -> None:
    data = nodeset([*LINKED, ("5", "XX", "What")], [*LINKED_EDGES, ("1", "99")])
    result = read(data, file="t.aif")
    assert [(p.line, p.message) for p in result.problems] == [
        (23, "node '5' has unknown type XX; it is left out"),
        (45, "an edge names an unknown node '99'; it is left out"),
    ]
    assert result.map is not None and len(result.map.claims) == 3


def test_not_aif_and_hostile_text() -> None:
    assert read(b"[1, 2]", file="x.aif").map is None
    assert read(b'{"nodes": [], "edges": []}', file="x.aif").map is None
    hostile = nodeset([("1", "I", "\x1b]8;;javascript:alert(1)\x07click\x1b]8;;\x07")], [])
    result = read(hostile, file="h.aif")
    assert [p.rule for p in result.problems] == ["bad-text"]
    assert result.map is not None and "\x1b" not in result.map.claims[0].text
    for data in (b"", b"\xff\xfe", b"{" * 100_000, b'{"nodes": [{"nodeID": true}]}', b'{"nodes": {}}'):
        read(data, file="x.aif")  # never raises


def _expected(argmap: ArgMap) -> dict[str, Any]:
    """What AIF carries of a map: correlations become premises, weights are lost."""
    sig = signature(argmap)
    for claim in sig["claims"].values():
        if claim["kind"] == "correlation":
            claim["kind"] = "premise"
    sig["relations"] = sorted((c, p, "premise" if k == "correlation" else k, a) for c, p, k, a in sig["relations"])
    for argument in sig["arguments"].values():
        argument["weight"] = None
    return sig


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(format2_documents(refs=False))
def test_round_trip_keeps_what_aif_carries(document: dict[str, Any]) -> None:
    original = load(dump(document))
    text, losses = write(original)
    assert all(p.severity == 1 for p in losses)
    back = clean(text.encode(), "g.aif")
    assert signature(back) == _expected(original)
