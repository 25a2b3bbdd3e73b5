"""The scheme catalogue: the ids the format fixes, its generated page, and `argmap schemes`."""

from __future__ import annotations

import json
import re

from conftest import ROOT, run_in_process

from argmap.schemes import CATALOGUE, SCHEMES, schemes_markdown

REQUIRED = (
    "expert-opinion",
    "position-to-know",
    "witness-testimony",
    "cause-to-effect",
    "correlation-to-cause",
    "sign",
    "example",
    "analogy",
    "consequences",
    "practical-reasoning",
)
ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def test_the_catalogue_holds_the_schemes_the_format_names() -> None:
    assert set(REQUIRED) <= set(SCHEMES)
    assert [q.id for q in SCHEMES["expert-opinion"].questions] == [
        "expertise",
        "field",
        "opinion",
        "trustworthiness",
        "consistency",
        "backup-evidence",
    ]


def test_ids_are_well_formed_and_unique() -> None:
    assert len(SCHEMES) == len(CATALOGUE)
    for scheme in CATALOGUE:
        assert ID.fullmatch(scheme.id)
        ids = [q.id for q in scheme.questions]
        assert len(ids) == len(set(ids)) and ids, scheme.id
        assert all(ID.fullmatch(q) for q in ids)
        assert all(q.text.endswith("?") for q in scheme.questions), scheme.id
        assert scheme.premises and scheme.conclusion


def test_docs_page_is_generated_from_the_catalogue() -> None:
    assert (ROOT / "docs" / "schemes.md").read_text(encoding="utf-8") == schemes_markdown(), (
        "run: python -m argmap.schemes > docs/schemes.md"
    )


def test_schemes_command_prints_one_scheme_as_text() -> None:
    code, out, err = run_in_process("schemes", "position-to-know")
    assert (code, err) == (0, "")
    assert out == (
        "position-to-know: Argument from position to know\n"
        "  premise:    S is in a position to know whether A is true.\n"
        "  premise:    S asserts that A is true.\n"
        "  conclusion: A is plausibly true.\n"
        "  ? position   Is S really in a position to know whether A is true?\n"
        "  ? honesty    Is S an honest, trustworthy source?\n"
        "  ? assertion  Did S actually assert A, in those terms?\n"
    )


def test_schemes_command_lists_every_scheme_and_json_round_trips() -> None:
    code, out, _ = run_in_process("schemes")
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines() if line and not line.startswith(" ")] == list(SCHEMES)
    code, out, _ = run_in_process("schemes", "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["version"] == 1
    assert [s["id"] for s in document["schemes"]] == list(SCHEMES)
    assert document["schemes"][0] == SCHEMES["expert-opinion"].to_dict()


def test_unknown_scheme_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run_in_process("schemes", "expert-opinon")
    assert (code, out) == (2, "")
    assert err == (
        "argmap: no scheme 'expert-opinon'; did you mean 'expert-opinion'? (run 'argmap schemes' for the list)\n"
    )
