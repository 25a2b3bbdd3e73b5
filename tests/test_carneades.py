"""The Carneades 4 YAML reader (argmap.formats.carneades) on small hand-written graphs."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_in_process

from argmap.analysis.evaluate import evaluate
from argmap.formats import REGISTRY, by_extension
from argmap.formats.carneades import read
from argmap.model import ClaimKind

GRAPH = b"""meta:
  title: Birds
statements:
  flies: Tweety flies.
  grounded: Tweety is grounded.
  bird:
    text: Tweety is a bird.
  ill: Tweety is ill.
issues:
  i1:
    positions: [flies, grounded]
    standard: CCE
arguments:
  a1:
    conclusion: flies
    premises: {minor: bird}
    weight: 0.8
    undercutter: ill
  a2:
    conclusion: grounded
    premises: [ill]
    scheme: Expert Opinion
assumptions: [bird, ill]
tests:
  in: [ill, bird]
  out: [flies]
"""


def test_registered_and_not_taken_for_argmap_yaml() -> None:
    assert by_extension("tweety.carneades.yaml") is REGISTRY["carneades"]
    assert by_extension("t.cyaml") is REGISTRY["carneades"]


def test_statements_arguments_issues_assumptions_and_tests() -> None:
    result = read(GRAPH, file="t.carneades.yaml")
    assert result.problems == ()
    m = result.map
    assert m is not None
    assert m.title == "Birds" and m.sources[0].kind == "dataset" and m.sources[0].title == "Birds"
    claims = m.claim_index
    assert claims["bird"].position.line == 6 and claims["bird"].text == "Tweety is a bird."
    assert claims["bird"].note == "Carneades: assumed"
    assert (claims["flies"].standard, claims["grounded"].standard) == ("clear-and-convincing",) * 2
    a1, a2 = sorted(m.arguments, key=lambda a: a.id)
    assert (a1.conclusion, a1.premises, a1.weight, a1.scheme) == ("flies", ("bird",), 0.8, None)
    assert (a2.scheme, a2.premises) == ("expert-opinion", ("ill",))
    undercuts = [(e.child, e.argument) for e in m.edges if e.kind is ClaimKind.UNDERCUT]
    assert undercuts == [("ill", "a1")]
    attacks = sorted((e.child, e.parent) for e in m.edges if e.kind in (ClaimKind.COUNTERPOINT, ClaimKind.REBUTTAL))
    assert attacks == [("flies", "grounded"), ("grounded", "flies")]
    assert [(x.claim, x.label, x.position.line) for x in m.expect] == [
        ("ill", "stands", 25),
        ("bird", "stands", 25),
        ("flies", "falls", 26),
    ]
    labels = {v.id: v.label for v in evaluate(m).verdicts}
    assert labels["ill"] == "stands"


def test_problems_have_positions_and_hostile_input_is_refused() -> None:
    bad = read(b"statements:\n  a: A\narguments:\n  x:\n    conclusion: a\n    premises: [nope]\n", file="c.cyaml")
    assert [(p.line, p.message) for p in bad.problems] == [(4, "a support step names an unknown statement 'nope'")]
    assert read(b"statements: &a\n  a: *a\n", file="c.cyaml").map is None
    assert read(b"- 1\n", file="c.cyaml").map is None
    hostile = read(b'statements:\n  a: "\\e[31mred"\n', file="c.cyaml")
    assert [p.rule for p in hostile.problems] == ["bad-text"]
    assert hostile.map is not None and "\x1b" not in hostile.map.claims[0].text


# What Carneades and argmap label differently, and what the importer does about it.
DIFFERENT = b"""statements:
  p: P
  q: Q
  r: R
  s: S
  x: X
  exc: An exception.
  rival: A rival of r.
issues:
  i1:
    positions: [r, rival]
argument_schemes:
  - id: strong
    weight:
      constant: 0.7
  - id: rule
    premises: [a]
arguments:
  a1:
    conclusion: p
    premises: [q]
    scheme: strong
    undercutter: exc
  a2:
    conclusion: q
    premises: [p]
  a3:
    conclusion: r
    premises: [s]
assumptions: [s, x]
tests:
  in: [x, p, r]
  out: [exc, rival]
"""


def test_cycles_inert_attacks_scheme_weights_and_tests_argmap_cannot_reproduce() -> None:
    from argmap.checks.runner import check_map
    from argmap.formats.carneades import read_graph

    result = read(DIFFERENT, file="d.carneades.yaml")
    m = result.map
    assert m is not None
    assert [p for p in check_map(m) if p.severity >= 2] == []  # it validates with no error
    assert [(p.line, p.column, p.rule, p.message) for p in result.problems] == [
        (16, 5, "schema", "an argument scheme without a constant weight is not read (argmap does not "
         "instantiate rule-based schemes); it is left out"),
        (23, 18, "schema", "'exc' is neither assumed nor argued for, so Carneades never accepts it; its undercut "
         "of argument 'a1' is left out (argmap would take it as given)"),
        (24, 3, "schema", "argument 'a2' would close a support cycle through 'p' (argmap holds none; Carneades "
         "leaves such a cycle unaccepted); it is left out"),
        (11, 20, "schema", "'rival' is neither assumed nor argued for, so Carneades never accepts it; its attacks "
         "on the other positions of its issue are left out (argmap would take it as given)"),
        (33, 9, "loss", "Carneades expects 'exc' out, argmap's eval labels it stands; the test is kept in the "
         "claim's note, not in expect:"),
    ]  # fmt: skip
    assert {a.id: a.weight for a in m.arguments} == {"a1": 0.7, "a3": None}
    # no undercut; r, argued for, still attacks its rival, which falls as Carneades expects
    assert sorted((e.child, e.parent, str(e.kind)) for e in m.edges) == [
        ("q", "p", "premise"),
        ("r", "rival", "counterpoint"),
        ("s", "r", "premise"),
    ]
    expected = [("x", "stands"), ("p", "stands"), ("r", "stands"), ("rival", "falls")]
    assert [(x.claim, x.label) for x in m.expect] == expected
    assert m.claim_index["exc"].note == "Carneades test: out; argmap's eval: stands"
    every = read_graph(DIFFERENT, file="d.carneades.yaml", only_reproducible=False).map
    assert every is not None and [(x.claim, x.label) for x in every.expect][-2:] == [
        ("exc", "falls"),
        ("rival", "falls"),
    ]


def test_a_plain_yml_graph_is_told_by_its_content(tmp_path: Path) -> None:
    from argmap.formats.convert import reader_format

    graph = tmp_path / "birds.yml"
    graph.write_bytes(GRAPH)
    own = tmp_path / "map.yml"
    own.write_bytes(b"argmap: 1\ntitle: T\nsources: {}\nthesis: {id: t, claim: T}\n")
    assert reader_format(str(graph), GRAPH, None) is REGISTRY["carneades"]
    assert reader_format(str(own), own.read_bytes(), None) is REGISTRY["argmap"]
    assert reader_format("other.yaml", b"title: x\n", None) is REGISTRY["argmap"]  # its reader says what is wrong
    code, out, err = run_in_process("convert", str(graph), "-o", "-", "--to", "json")
    assert (code, err) == (0, "") and json.loads(out)["title"] == "Birds"
    assert run_in_process("validate", str(graph), "-f", "parsable")[:2] == (0, "")
    code, out, _ = run_in_process("validate", str(tmp_path), "--all-formats", "-f", "json")
    assert json.loads(out)["files"] == 2
    assert json.loads(run_in_process("validate", str(tmp_path), "-f", "json")[1])["files"] == 1
