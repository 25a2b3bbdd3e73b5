"""The Carneades 4 YAML reader (argmap.formats.carneades) on small hand-written graphs."""

from __future__ import annotations

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
