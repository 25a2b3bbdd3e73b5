"""Format 2 end to end: the reader, its rules, and eval's textbook cases, each a small map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_in_process

from argmap.analysis.evaluate import evaluate
from argmap.checks import REGISTRY
from argmap.checks.runner import check_map
from argmap.formats.argmap_yaml import load_bytes
from argmap.model import ClaimKind

HERE = Path(__file__).parent / "format2"
BASE = (HERE / "base.yaml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[tuple[int, int, str, str]]:
    loaded = load_bytes(text.encode("utf-8"), file="m.yaml")
    found = list(loaded.problems)
    if loaded.map is not None:
        found += check_map(loaded.map)
    return [(p.line, p.column, p.rule, p.message) for p in sorted(found)]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def labels(text: str, **options: object) -> dict[str, str]:
    loaded = load_bytes(text.encode("utf-8"), file="m.yaml")
    assert loaded.map is not None and not loaded.problems, loaded.problems
    return {v.id: v.label for v in evaluate(loaded.map, **options).verdicts}  # type: ignore[arg-type]


def test_the_base_map_is_clean_and_loads_its_structure() -> None:
    assert problems_of(BASE) == []
    argmap = load_bytes(BASE.encode(), file="m.yaml").map
    assert argmap is not None and argmap.version == 2
    (argument,) = argmap.arguments
    assert (argument.id, argument.conclusion, argument.premises, argument.assumptions, argument.scheme) == (
        "expert-case",
        "uniforms-help",
        ("head-teachers-say",),
        ("heads-know",),
        "expert-opinion",
    )
    kinds = {c.id: (c.kind.value, c.parent, c.argument) for c in argmap.claims}
    assert kinds["heads-know"] == ("assumption", "uniforms-help", "expert-case")
    assert kinds["heads-biased"] == ("undercut", "uniforms-help", "expert-case")
    assert kinds["selection"] == ("undercut", "uniforms-attendance", None)
    assert kinds["anonymous-survey"] == ("rebuttal", "heads-biased", None)
    cost = argmap.claim("cost")
    assert cost is not None and cost.weight == 0.4
    assert argmap.claim("head-teachers-say").answers == "opinion"  # type: ignore[union-attr]


# (rule, edited map, [(line, column, rule)], a fragment of the first message of that rule)
CASES = [
    (
        "inferred-needs-support",
        edit(
            "      between: [uniform policy, attendance rate]\n      cite: [survey]\n",
            "      between: [uniform policy, attendance rate]\n      inferred: true\n",
        ),
        [(35, 17)],
        "correlation 'uniforms-attendance' is inferred but nothing supports it",
    ),
    (
        "unknown-scheme",
        edit("scheme: expert-opinion", "scheme: expert-opinon"),
        [(12, 15)],
        "names the unknown scheme 'expert-opinon'; did you mean 'expert-opinion'?",
    ),
    (
        "unknown-question",
        edit("answers: expertise", "answers: expertize"),
        [(21, 20)],
        "'expertize' is not a critical question of scheme 'expert-opinion'; did you mean 'expertise'?",
    ),
    (
        "unknown-question",
        edit("      scheme: expert-opinion\n", ""),
        [(16, 20), (20, 20), (25, 19)],
        "premise 'head-teachers-say' answers 'opinion', but argument 'expert-case' names no (known) scheme",
    ),
    (
        "premise-needs-citation",
        edit("          cite: [op-ed]\n          raises", "          raises"),
        [(23, 11)],
        "undercut 'heads-biased' cites no source",
    ),
    (
        "duplicate-id",
        edit("- id: expert-case", "- id: cost"),
        [(11, 7)],
        "argument id 'cost' is also a claim's id (defined at 41:7)",
    ),
    (
        "schema",
        edit("weight: 0.4", "weight: 1.5"),
        [(44, 15)],
        "the weight of counterpoint 'cost' must be a number from 0 to 1, not 1.5",
    ),
    ("schema", edit("weight: 0.4", "weight: heavy"), [(44, 15)], "must be a number from 0 to 1, not text"),
    (
        "schema",
        edit("      cite: [op-ed]\n      weight: 0.4\n", "      cite: [op-ed]\n      undercuts: []\n"),
        [(44, 7)],
        "only premises and correlations have 'undercuts'",
    ),
    (
        "schema",
        edit("          raises: trustworthiness", "          answers: trustworthiness"),
        [(26, 11)],
        "only the premises and assumptions of an argument answer its critical questions",
    ),
    (
        "schema",
        edit("argmap: 2", "argmap: 1"),
        [(9, 3), (10, 3), (36, 7), (44, 7)],
        "'inferred' in the thesis 'uniforms-help' is format 2: write 'argmap: 2' at the top of the map",
    ),
]


@pytest.mark.parametrize("rule_id, text, positions, fragment", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_case(rule_id: str, text: str, positions: list[tuple[int, ...]], fragment: str | None) -> None:
    found = problems_of(text)
    assert [(line, column, rule) for line, column, rule, _ in found] == [
        (p[0], p[1], p[2] if len(p) > 2 else rule_id) for p in positions
    ], found
    first = next(message for _, _, rule, message in found if rule == rule_id)
    if fragment is not None:
        assert fragment in first, first
    assert REGISTRY[rule_id].id == rule_id  # type: ignore[index]


def test_assumptions_and_inferred_claims_need_no_citation() -> None:
    found = problems_of(edit("      cite: [survey]\n      undercuts:", "      inferred: true\n      undercuts:"))
    assert [rule for _, _, rule, _ in found] == ["inferred-needs-support"]  # a correlation has no premises
    assert problems_of(BASE) == []  # heads-know (an assumption) and the thesis (inferred) cite nothing


# -- eval: the textbook cases ---------------------------------------------------------------------


def test_linked_support_fails_with_one_premise_convergent_support_does_not() -> None:
    linked = labels((HERE / "linked.yaml").read_text(encoding="utf-8"))
    convergent = labels((HERE / "convergent.yaml").read_text(encoding="utf-8"))
    assert linked == {"bridge-safe": "falls", "inspected": "stands", "no-cracks": "falls", "crack-photo": "stands"}
    assert convergent == {**linked, "bridge-safe": "stands"}


UNDERCUT = """\
argmap: 2
title: Undercut
sources:
  s: {title: S, kind: report}
thesis:
  id: t
  claim: Crime fell because of the new policy.
  premises:
    - id: p
      claim: Crime fell after the policy began.
      cite: [s]
      undercuts:
        - id: u
          claim: Crime fell just as much in cities without the policy.
          cite: [s]
"""


def test_a_standing_undercut_leaves_the_premise_standing_and_the_parent_unsupported() -> None:
    assert labels(UNDERCUT) == {"t": "falls", "p": "stands", "u": "stands"}
    answered = (
        UNDERCUT + "          rebuttals:\n            - id: r\n              claim: Those cities differ.\n"
        "              cite: [s]\n"
    )
    assert labels(answered) == {"t": "stands", "p": "stands", "u": "falls", "r": "stands"}
    code, out, _ = run_in_process("eval", "-", input=UNDERCUT)
    assert code == 0 and "  t  lost its support, no argument for it holds ('p'; because of 'u')\n" in out


def test_an_assumption_assumed_false_fails_its_argument() -> None:
    assert labels(BASE)["uniforms-help"] == "falls"  # 'cost' stands unanswered
    answered = edit(
        "      weight: 0.4\n",
        "      weight: 0.4\n      rebuttals:\n        - id: grants\n"
        "          claim: Grants pay for uniforms.\n          cite: [op-ed]\n",
    )
    assert labels(answered)["uniforms-help"] == "stands"
    assert labels(answered, assume_false=["heads-know"])["uniforms-help"] == "falls"
    assert labels(answered, assume_false=["selection"])["uniforms-help"] == "stands"


RIVALS = """\
argmap: 2
title: Two positions
sources:
  s: {title: S, kind: report}
theses:
  - id: build
    claim: The town should build the bypass.
    cite: [s]
    counterpoints:
      - ref: keep
  - id: keep
    claim: The town should keep the old road.
    counterpoints:
      - ref: build
"""


def test_two_rival_theses_attacking_each_other_are_both_undecided() -> None:
    assert problems_of(RIVALS) == []
    assert labels(RIVALS) == {"build": "undecided", "keep": "undecided"}
    code, out, _ = run_in_process("eval", "-f", "json", "-", input=RIVALS)
    document = json.loads(out)
    assert code == 0 and document["theses"] == {"build": "undecided", "keep": "undecided"}
    assert [c["side"] for c in document["claims"]] == [
        {"thesis": "build", "stance": "for"},
        {"thesis": "keep", "stance": "for"},
    ]
    code, out, _ = run_in_process("eval", "-", input=RIVALS)
    assert out.endswith("Thesis 'build' undecided.\nThesis 'keep' undecided.\n")


WEIGHED = """\
argmap: 2
title: Weighed
semantics: weighed
sources:
  s: {title: S, kind: report}
thesis:
  id: t
  claim: The drug works.
  standard: STANDARD
  premises:
    - id: trial
      claim: A trial found an effect.
      cite: [s]
      weight: PRO
  counterpoints:
    - id: small
      claim: The trial was small.
      cite: [s]
      weight: CON
"""


@pytest.mark.parametrize(
    "standard, pro, con, expected",
    [
        ("scintilla", "0.2", "0.9", "stands"),
        ("preponderance", "0.6", "0.5", "stands"),
        ("preponderance", "0.5", "0.5", "falls"),
        ("clear-and-convincing", "0.9", "0.5", "stands"),
        ("clear-and-convincing", "0.7", "0.5", "falls"),
        ("beyond-reasonable-doubt", "0.9", "0.1", "stands"),
        ("beyond-reasonable-doubt", "0.9", "0.3", "falls"),
        ("dialectical-validity", "0.9", "0.1", "falls"),
    ],
)
def test_a_weighed_pro_con_pair_under_each_proof_standard(standard: str, pro: str, con: str, expected: str) -> None:
    text = WEIGHED.replace("STANDARD", standard).replace("PRO", pro).replace("CON", con)
    assert labels(text)["t"] == expected
    assert labels(text, semantics="grounded")["t"] == "falls"  # grounded: the unanswered attack wins


def test_dialectical_validity_holds_once_the_con_argument_is_defeated() -> None:
    text = WEIGHED.replace("STANDARD", "dialectical-validity").replace("PRO", "0.9").replace("CON", "0.1")
    text += "      rebuttals:\n        - id: enough\n          claim: It was big enough.\n          cite: [s]\n"
    assert labels(text) == {"t": "stands", "trial": "stands", "small": "falls", "enough": "stands"}


def test_explain_names_what_a_label_rests_on() -> None:
    code, out, _ = run_in_process("eval", "--explain", "bridge-safe", str(HERE / "convergent.yaml"))
    assert code == 0
    assert out.endswith("load-bearing: 'bridge-safe' stands only via 'inspected'\n")


# -- gaps: format 2's kinds -------------------------------------------------------------------------


def gaps_of(text: str, kinds: list[str]) -> list[tuple[str, str | None, int, int]]:
    from argmap.analysis.gaps import find_gaps

    argmap = load_bytes(text.encode("utf-8"), file="m.yaml").map
    assert argmap is not None
    return [(g.kind, g.claim, g.line, g.column) for g in find_gaps(argmap, kinds=kinds)]


def test_unstated_assumptions_and_open_questions_are_gaps() -> None:
    assert gaps_of(BASE, ["unstated-assumption", "open-question"]) == [
        ("open-question", "uniforms-help", 12, 15),
        ("open-question", "uniforms-help", 12, 15),
        ("open-question", "uniforms-help", 12, 15),
        ("unstated-assumption", "heads-know", 19, 11),
    ]
    code, out, _ = run_in_process("gaps", "-k", "open-question", "-f", "parsable", str(HERE / "base.yaml"))
    assert code == 0
    assert [line.split(" open: ")[0].split("(expert-opinion) ")[1] for line in out.splitlines()] == [
        "leaves the critical question 'field'",
        "leaves the critical question 'consistency'",
        "leaves the critical question 'backup-evidence'",
    ]
    answered = BASE.replace(
        "          answers: opinion\n",
        "          answers: opinion\n"
        "        - id: heads-agree\n          claim: Other heads say the same.\n"
        "          cite: [survey]\n          answers: consistency\n",
    )
    assert [g[0] for g in gaps_of(answered, ["open-question"])] == ["open-question"] * 2


def test_an_unchallenged_premise_that_alone_carries_the_thesis_is_a_gap() -> None:
    convergent = (HERE / "convergent.yaml").read_text(encoding="utf-8")
    assert gaps_of(convergent, ["unchallenged-load-bearing"]) == [("unchallenged-load-bearing", "inspected", 9, 7)]
    assert gaps_of((HERE / "linked.yaml").read_text(encoding="utf-8"), ["unchallenged-load-bearing"]) == []


def test_an_unanswered_undercut_is_an_unanswered_gap() -> None:
    assert gaps_of(BASE, ["unanswered"]) == [("unanswered", "selection", 37, 11), ("unanswered", "cost", 41, 7)]


# -- sides in brief and drill ---------------------------------------------------------------------

SIDED = """\
argmap: 1
title: Sides
sources:
  s: {title: S, kind: report}
thesis:
  id: t
  claim: Censorship should end.
  counterpoints:
    - id: c
      claim: Censorship keeps order.
      cite: [s]
      premises:
        - id: cp
          claim: Riots fell under censorship.
          cite: [s]
          counterpoints:
            - id: k
              claim: Riots fell everywhere in those years.
              cite: [s]
"""


def test_a_counterpoint_raised_by_the_thesis_side_is_not_the_opponents_point() -> None:
    from argmap.analysis.evaluate import evaluate as run_eval
    from argmap.analysis.gaps import find_gaps
    from argmap.analysis.sides import sides
    from argmap.debate.brief import build_brief, to_markdown
    from argmap.debate.drill import drill_items

    argmap = load_bytes(SIDED.encode(), file="m.yaml").map
    assert argmap is not None
    assert {c: s.stance for c, s in sides(argmap).items()} == {"t": "for", "c": "against", "cp": "against", "k": "for"}
    brief = to_markdown(build_brief(argmap, side="for", evaluation=run_eval(argmap), gaps=find_gaps(argmap)))
    assert "### Block 1: `c`" in brief and "`k`" not in brief.split("## Blocks")[1].split("## Weak points")[0]
    assert [i.key for i in drill_items(argmap, side="for") if i.key.startswith("counter:")] == ["counter:c"]


def test_brief_and_drill_take_a_thesis_with_for() -> None:
    code, out, _ = run_in_process("brief", "--for", "keep", "-", input=RIVALS)
    assert code == 0 and "`keep`" in out.split("## Thesis")[1].split("##")[0]
    code, _, err = run_in_process("brief", "--for", "kep", "-", input=RIVALS)
    assert code == 2
    assert err == "argmap: --for: 'kep' is not a thesis of <stdin>; did you mean 'keep'? (theses: build, keep)\n"


def test_critical_questions_become_drill_items_and_cross_examination_questions() -> None:
    from argmap.debate.drill import drill_items

    argmap = load_bytes(BASE.encode(), file="m.yaml").map
    assert argmap is not None
    questions = {i.key: i.prepared for i in drill_items(argmap, side="for") if i.key.startswith("question:")}
    # 'trustworthiness' is raised by the undercut 'heads-biased', so it is drilled as their attack instead
    assert questions == {
        "question:expert-case:expertise": ("heads-know: Head teachers see most of the bullying in their schools.",),
        "question:expert-case:field": (),
        "question:expert-case:opinion": (
            "head-teachers-say: Head teachers report less bullying after uniforms came in.",
        ),
        "question:expert-case:consistency": (),
        "question:expert-case:backup-evidence": (),
    }
    code, out, _ = run_in_process("brief", str(HERE / "base.yaml"))
    assert code == 0
    assert (
        "- Is E an expert in the field that A actually belongs to? — argument 'expert-case' (expert-opinion): "
        "critical question 'field' (`uniforms-help`; weak point 4)\n" in out
    )


@pytest.mark.parametrize("size", [50, 2000])
def test_generated_format2_maps_validate_clean_and_use_every_construct(size: int) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from genmap import generate

    loaded = load_bytes(generate(size, seed=1, format2=True).encode(), file="g.yaml")
    assert loaded.map is not None and loaded.problems == ()
    assert list(check_map(loaded.map)) == []
    kinds = {c.kind for c in loaded.map.claims}
    assert loaded.map.version == 2
    if size >= 2000:
        assert {ClaimKind.UNDERCUT, ClaimKind.ASSUMPTION} <= kinds
        assert any(a.scheme for a in loaded.map.arguments) and any(a.weight for a in loaded.map.arguments)
        assert any(e.undercuts and e.argument for e in loaded.map.edges)
        assert any(e.undercuts and not e.argument for e in loaded.map.edges)
