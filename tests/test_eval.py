"""argmap eval: the textbook cases of grounded semantics, the support extension, reasons, the CLI,
the `expect` rule, and hypothesis properties (complete, grounded, least) on random graphs."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import run_in_process as run
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluate import evaluate, explain, label_claims
from argmap.checks.runner import check_map
from argmap.formats.argmap_yaml import load_bytes
from argmap.model import ArgMap, Claim, ClaimKind, Edge, Position

ROOT = Path(__file__).resolve().parents[1]
ASSAD = ROOT / "maps" / "assad_isis.yaml"
GOLDEN = ROOT / "tests" / "debate"
REGEN = os.environ.get("ARGMAP_REGEN") == "1"

HEAD = """\
argmap: 1
title: Test
sources:
  s: {title: A source, kind: article}
thesis:
  id: t
  claim: The thesis.
"""


def text(body: str, tail: str = "") -> str:
    """HEAD, then `body` (claim lists of the thesis) indented under it, then top-level `tail`."""
    return HEAD + textwrap.indent(textwrap.dedent(body), "  ") + tail


def load(body: str) -> ArgMap:
    result = load_bytes(text(body).encode(), file="m.yaml")
    assert result.map is not None, result.problems
    assert not [p for p in result.problems if p.severity >= 2], result.problems
    return result.map


def labels(argmap: ArgMap, **kw: object) -> dict[str, str]:
    return {v.id: v.label for v in evaluate(argmap, **kw).verdicts}  # type: ignore[arg-type]


def reasons(argmap: ArgMap, **kw: object) -> dict[str, str]:
    return {v.id: v.reason for v in evaluate(argmap, **kw).verdicts}  # type: ignore[arg-type]


# --- textbook cases -----------------------------------------------------------------------------

REINSTATEMENT = """\
  counterpoints:
    - id: a
      claim: An attack.
      cite: [s]
      rebuttals:
        - id: r
          claim: The answer.
          cite: [s]
"""


def test_reinstatement_a_defeated_counterpoint_no_longer_defeats_its_target() -> None:
    m = load(REINSTATEMENT)
    assert labels(m) == {"t": "stands", "a": "falls", "r": "stands"}
    assert reasons(m) == {
        "t": "stands: every attacker falls ('a')",
        "a": "falls: attacked by 'r', which stands",
        "r": "stands: not attacked",
    }


def test_unanswered_counterpoint_defeats_its_target() -> None:
    m = load("""\
      counterpoints:
        - id: a
          claim: An attack.
          cite: [s]
    """)
    assert labels(m) == {"t": "falls", "a": "stands"}


def test_two_counterpoints_only_one_answered_target_falls() -> None:
    m = load("""\
        counterpoints:
          - id: a
            claim: An attack.
            cite: [s]
            rebuttals:
              - id: r
                claim: The answer.
                cite: [s]
          - id: b
            claim: A second attack, never answered.
            cite: [s]
    """)
    assert labels(m) == {"t": "falls", "a": "falls", "r": "stands", "b": "stands"}
    assert reasons(m)["t"] == "falls: attacked by 'b', which stands"


ODD_CYCLE = """\
  counterpoints:
    - id: a
      claim: A attacks the thesis.
      cite: [s]
      rebuttals:
        - id: b
          claim: B attacks A.
          cite: [s]
          counterpoints:
            - id: c
              claim: C attacks B.
              cite: [s]
              rebuttals:
                - ref: a
"""


def test_odd_attack_cycle_is_undecided() -> None:
    m = load(ODD_CYCLE)
    assert labels(m) == {"t": "undecided", "a": "undecided", "b": "undecided", "c": "undecided"}
    assert reasons(m) == {
        "t": "undecided: attacked by 'a', which is undecided",
        "a": "undecided: in an attack cycle with 'b' and 'c'",
        "b": "undecided: in an attack cycle with 'a' and 'c'",
        "c": "undecided: in an attack cycle with 'a' and 'b'",
    }


EVEN_CYCLE = """\
  counterpoints:
    - id: a
      claim: A attacks the thesis.
      cite: [s]
      rebuttals:
        - id: b
          claim: B attacks A.
          cite: [s]
          counterpoints:
            - ref: a
"""


def test_even_attack_cycle_is_undecided_under_grounded() -> None:
    m = load(EVEN_CYCLE)
    assert labels(m) == {"t": "undecided", "a": "undecided", "b": "undecided"}
    assert reasons(m)["a"] == "undecided: in an attack cycle with 'b'"


def test_an_unattacked_attacker_breaks_the_even_cycle() -> None:
    m = load(
        EVEN_CYCLE
        + """\
            - id: d
              claim: D attacks B too, unanswered.
              cite: [s]
"""
    )
    assert labels(m) == {"t": "falls", "a": "stands", "b": "falls", "d": "stands"}


# --- support ------------------------------------------------------------------------------------

SUPPORTED = """\
  premises:
    - id: p
      claim: A premise.
      cite: [s]
      counterpoints:
        - id: x
          claim: Attacks the premise.
          cite: [s]
    - id: q
      claim: Another premise.
      cite: [s]
"""


def test_a_claim_stands_while_one_supporter_stands() -> None:
    m = load(SUPPORTED)
    assert labels(m) == {"t": "stands", "p": "falls", "x": "stands", "q": "stands"}
    assert reasons(m)["t"] == "stands: supported by 'q', which stands; not attacked"


def test_a_claim_whose_every_supporter_falls_loses_its_support() -> None:
    m = load(SUPPORTED)
    result = reasons(m, assume_false=["q"])
    assert labels(m, assume_false=["q"]) == {"t": "falls", "p": "falls", "x": "stands", "q": "falls"}
    assert result["q"] == "falls: assumed false (--assume-false)"
    assert result["t"] == "falls: lost its support, every supporter falls ('p' and 'q')"


def test_support_cycle_is_undecided() -> None:
    m = load("""\
      premises:
        - id: p
          claim: P.
          cite: [s]
          premises:
            - id: q
              claim: Q.
              cite: [s]
              premises:
                - ref: p
    """)
    assert labels(m) == {"t": "undecided", "p": "undecided", "q": "undecided"}
    assert reasons(m)["p"] == "undecided: in a support cycle with 'q'"
    assert reasons(m)["t"] == "undecided: its support is open: 'p' is undecided"


def test_assume_false_reinstates_what_it_attacked() -> None:
    m = load(REINSTATEMENT)
    assert labels(m, assume_false=["r"]) == {"t": "falls", "a": "stands", "r": "falls"}


def test_the_evaluation_made_once_per_map_answers_every_question_asked_of_it() -> None:
    # the default evaluation and the framework are kept on the map (ArgMap.derived); an evaluation
    # with --assume-false or another semantics is its own, before and after the kept one
    m = load(SUPPORTED)
    assert labels(m, assume_false=["q"])["t"] == "falls"
    first = evaluate(m)
    assert evaluate(m) is first
    assert labels(m) == {"t": "stands", "p": "falls", "x": "stands", "q": "stands"}
    assert labels(m, assume_false=["q"]) == {"t": "falls", "p": "falls", "x": "stands", "q": "falls"}
    assert label_claims(m, assume_false=["q"])["t"] == "falls"
    assert label_claims(m) == labels(m)
    assert evaluate(m, semantics="weighed").semantics == "weighed"
    assert evaluate(m).semantics == "grounded"
    again = load(SUPPORTED)  # an equal map is another map: nothing is shared between the two
    assert evaluate(again) is not first and labels(again) == labels(m)


def test_an_evaluation_writes_a_reason_when_it_is_first_asked_for_and_keeps_it() -> None:
    # labels come with the evaluation; the words of a verdict are written on demand (a brief of a
    # 10k-claim map reads every label and a handful of reasons), the same either way
    m = load(EVEN_CYCLE)
    lazy = evaluate(m, assume_false=["b"])
    assert [lazy.label(i) for i in ("t", "a", "b", "nothing")] == ["falls", "stands", "falls", None]
    assert lazy.verdict("nothing") is None
    thesis = lazy.verdict("t")
    assert thesis is not None and lazy.verdict("t") is thesis
    assert thesis.reason == "falls: attacked by 'a', which stands"
    assert lazy.verdicts[0] is thesis  # the one already written is not written again
    assert [v.id for v in lazy.verdicts] == ["t", "a", "b"]
    assert lazy.verdict("b") == lazy.verdicts[2]
    assert lazy.verdicts[2].reason == "falls: assumed false (--assume-false)"
    eager = evaluate(load(EVEN_CYCLE), assume_false=["b"])
    assert eager.to_dict() == lazy.to_dict() and eager.verdicts == lazy.verdicts


def test_explain_lists_the_chain_down_to_the_leaves_once_each() -> None:
    m = load(EVEN_CYCLE)
    lines = [(d, v.id, shown) for d, v, shown in explain(evaluate(m), "t")]
    assert lines == [(0, "t", False), (1, "a", False), (2, "b", False), (3, "a", True)]


def test_assad_map_thesis_stands() -> None:
    m = load_bytes(ASSAD.read_bytes(), file=str(ASSAD)).map
    assert m is not None
    result = evaluate(m)
    assert result.thesis_label == "stands"
    assert result.verdict("facilitated-armed-brigades").reason == (  # type: ignore[union-attr]
        "falls: lost its support, no argument for it holds ('defector-argument'; because of 'defectors-unnamed')"
    )
    assert [v.id for v in result.verdicts] == list(m.claim_index)


# --- properties on random graphs ----------------------------------------------------------------

POS = Position("g", 1, 1)


def graph_map(n: int, edges: list[tuple[int, int, bool]]) -> ArgMap:
    claims = tuple(Claim(f"c{i}", "x", ClaimKind.THESIS if i == 0 else ClaimKind.PREMISE, POS) for i in range(n))
    return ArgMap(
        file="g",
        thesis="c0",
        claims=claims,
        edges=tuple(
            Edge(f"c{a}", f"c{b}", ClaimKind.COUNTERPOINT if attack else ClaimKind.PREMISE, POS)
            for a, b, attack in edges
        ),
    )


@st.composite
def graphs(draw: st.DrawFn, max_n: int = 9, attacks_only: bool = False) -> tuple[int, list]:
    n = draw(st.integers(1, max_n))
    edge = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.just(True) if attacks_only else st.booleans())
    return n, draw(st.lists(edge, max_size=3 * n))


def local_label(i: int, lab: dict[int, str], edges: list, forced: set[int] = frozenset()) -> str:
    """What the rules force on claim i given everybody else's labels."""
    if i in forced:
        return "falls"
    attackers = [a for a, b, att in edges if b == i and att]
    supporters = [a for a, b, att in edges if b == i and not att]
    if any(lab[a] == "stands" for a in attackers) or (supporters and all(lab[s] == "falls" for s in supporters)):
        return "falls"
    if all(lab[a] == "falls" for a in attackers) and (not supporters or any(lab[s] == "stands" for s in supporters)):
        return "stands"
    return "undecided"


def naive_grounded(n: int, edges: list, forced: set[int] = frozenset()) -> dict[int, str]:
    """Round after round from all-undecided, settling only what the rules force (slow, obvious)."""
    lab = {i: "undecided" for i in range(n)}
    while True:
        new = {i: (lab[i] if lab[i] != "undecided" else local_label(i, lab, edges, forced)) for i in range(n)}
        if new == lab:
            return lab
        lab = new


@settings(max_examples=300, deadline=None)
@given(graphs(), st.data())
def test_labelling_is_complete_and_equals_the_naive_least_fixpoint(graph: tuple, data: st.DataObject) -> None:
    n, edges = graph
    forced = set(data.draw(st.lists(st.integers(0, n - 1), max_size=2)))
    got = label_claims(graph_map(n, edges), assume_false=[f"c{i}" for i in forced])
    lab = {i: got[f"c{i}"] for i in range(n)}
    for i in range(n):  # complete: every label is exactly what the rules say given the others
        assert lab[i] == local_label(i, lab, edges, forced)
    assert lab == naive_grounded(n, edges, forced)


@settings(max_examples=150, deadline=None)
@given(graphs(max_n=5))
def test_grounded_is_contained_in_every_complete_labelling(graph: tuple) -> None:
    n, edges = graph
    got = label_claims(graph_map(n, edges))
    grounded = {i: got[f"c{i}"] for i in range(n)}
    completes = []
    for combo in itertools.product(("stands", "falls", "undecided"), repeat=n):
        lab = dict(enumerate(combo))
        if all(lab[i] == local_label(i, lab, edges) for i in range(n)):
            completes.append(lab)
    assert grounded in completes
    for lab in completes:  # least: what grounded decides, every complete labelling decides alike
        assert all(lab[i] == grounded[i] for i in range(n) if grounded[i] != "undecided")


@settings(max_examples=300, deadline=None)
@given(graphs(attacks_only=True))
def test_attack_only_maps_give_dungs_grounded_extension(graph: tuple) -> None:
    n, edges = graph
    attackers = {i: {a for a, b, _ in edges if b == i} for i in range(n)}
    extension: set[int] = set()
    while True:  # least fixpoint of the characteristic function F(S) = {a | S defends a}
        attacked_by_ext = {b for a, b, _ in edges if a in extension}
        new = {i for i in range(n) if attackers[i] <= attacked_by_ext}
        if new == extension:
            break
        extension = new
    got = label_claims(graph_map(n, edges))
    assert {i for i in range(n) if got[f"c{i}"] == "stands"} == extension
    assert {i for i in range(n) if got[f"c{i}"] == "falls"} == {b for a, b, _ in edges if a in extension}


# --- the expect rule ----------------------------------------------------------------------------


def expect_problems(body: str, tail: str) -> list[tuple[int, int, str]]:
    result = load_bytes(text(body, tail).encode(), file="m.yaml")
    assert result.map is not None
    return [(p.line, p.column, p.message) for p in check_map(result.map) if p.rule == "expect"]


def test_expect_rule_passes_when_labels_match() -> None:
    assert expect_problems(REINSTATEMENT, "expect:\n  stands: [t, r]\n  falls: [a]\n  undecided: []\n") == []


def test_expect_rule_reports_a_wrong_label_with_the_reason() -> None:
    assert expect_problems(REINSTATEMENT, "expect:\n  falls: [t]\n  undecided: [r]\n") == [
        (17, 11, "expected 't' to fall, but eval labels it stands: every attacker falls ('a')"),
        (18, 15, "expected 'r' to stay undecided, but eval labels it stands: not attacked"),
    ]


def test_expect_rule_reports_an_unknown_claim_with_a_suggestion() -> None:
    assert expect_problems(REINSTATEMENT, "expect:\n  stands: [t, rr]\n") == [
        (17, 15, "expect stands: no claim 'rr'"),
    ]


def test_expect_rule_runs_in_validate() -> None:
    code, out, _ = run("validate", "-f", "parsable", "-", input=text(REINSTATEMENT, "expect:\n  falls: [t]\n"))
    assert code == 1
    assert out == (
        "<stdin>:17:11: error: expected 't' to fall, but eval labels it stands: every attacker falls ('a') [expect]\n"
    )


# --- the command --------------------------------------------------------------------------------


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_eval_text_golden_on_the_assad_map() -> None:
    code, out, err = run("eval", str(ASSAD))
    assert code == 0 and err == ""
    check_golden("eval_assad.txt", out)


def test_eval_json_shape_is_stable() -> None:
    code, out, _ = run("eval", "-f", "json", "-", input=text(REINSTATEMENT))
    assert code == 0
    assert json.loads(out) == {
        "semantics": "grounded",
        "claims": [
            {
                "id": "t",
                "label": "stands",
                "reason": "stands: every attacker falls ('a')",
                "side": {"thesis": "t", "stance": "for"},
                "via": [],
            },
            {
                "id": "a",
                "label": "falls",
                "reason": "falls: attacked by 'r', which stands",
                "side": {"thesis": "t", "stance": "against"},
                "via": ["r"],
            },
            {
                "id": "r",
                "label": "stands",
                "reason": "stands: not attacked",
                "side": {"thesis": "t", "stance": "for"},
                "via": [],
            },
        ],
        "thesis": "stands",
        "theses": {"t": "stands"},
    }


def test_eval_text_groups_by_label_then_gives_the_thesis() -> None:
    code, out, _ = run("eval", "--assume-false", "r", "-", input=text(REINSTATEMENT))
    assert code == 0
    assert out == (
        "Grounded semantics: an attack nobody answers defeats what it attacks (docs/eval.md).\n\n"
        "Stands (1)\n  a  every attacker falls ('r')\n\n"
        "Falls (2)\n  t  attacked by 'a', which stands\n  r  assumed false (--assume-false)\n\n"
        "Undecided (0)\n\nThesis 't' falls.\n"
    )


def test_eval_explain_prints_the_chain() -> None:
    code, out, _ = run("eval", "--explain", "t", "-", input=text(EVEN_CYCLE))
    assert code == 0
    assert out == (
        "t: undecided: attacked by 'a', which is undecided\n"
        "  a: undecided: in an attack cycle with 'b'\n"
        "    b: undecided: in an attack cycle with 'a'\n"
        "      a (see above)\n"
    )


@pytest.mark.parametrize("option", ["--assume-false", "--explain"])
def test_unknown_claim_id_is_a_usage_error_with_a_suggestion(option: str) -> None:
    code, out, err = run("eval", option, "white-on-tacit-asistance", str(ASSAD))
    assert code == 2 and out == ""
    assert err == (
        f"argmap: {option}: no claim 'white-on-tacit-asistance' in {ASSAD}; did you mean 'white-on-tacit-assistance'?\n"
    )


def test_explain_with_json_is_a_usage_error() -> None:
    code, _, err = run("eval", "--explain", "t", "-f", "json", "-", input=text(REINSTATEMENT))
    assert code == 2 and "--explain prints text" in err


def test_unreadable_map_exits_1_and_missing_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: [\n")
    assert run("eval", str(bad))[0] == 1
    assert run("eval", str(tmp_path / "missing.yaml"))[0] == 2


def test_eval_end_to_end_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "eval", "-f", "json", str(ASSAD)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["thesis"] == "stands" and len(data["claims"]) == 66
    assert {c["label"] for c in data["claims"]} <= {"stands", "falls", "undecided"}
