"""The examples in every rule's documentation, run: the failing one breaks the rule, the passing
one validates clean (no problem of any rule, warnings included).

An example is completed into a whole map with the frame of argmap.checks.examples; a rule whose
examples need a snapshot declares its text (`example_snapshots`), written here to a file and given
as `--snapshot` would give it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.checks import REGISTRY, Rule
from argmap.checks.examples import FRAME, complete, examples
from argmap.checks.runner import check_map
from argmap.findings import Problem
from argmap.formats.argmap_yaml import load_bytes

RULES = list(REGISTRY.values())


def validate(text: str, rule: Rule, folder: Path) -> list[Problem]:
    snapshots = {}
    for source, content in rule.example_snapshots.items():
        path = folder / f"{source}.txt"
        path.write_text(content, encoding="utf-8")
        snapshots[source] = str(path)
    loaded = load_bytes(text.encode("utf-8"), file="example.yaml", base_dir=str(folder))  # as a file in `folder`
    found = list(loaded.problems)
    if loaded.map is not None:
        found += check_map(loaded.map, snapshots=snapshots)
    return sorted(found)


def test_the_frame_alone_validates_clean(tmp_path: Path) -> None:
    assert validate(FRAME, REGISTRY["syntax"], tmp_path) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_failing_example_breaks_the_rule(rule: Rule, tmp_path: Path) -> None:
    found = validate(complete(examples(rule.doc)["Fails"]), rule, tmp_path)
    assert rule.id in {p.rule for p in found}, found


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_passing_example_validates_clean(rule: Rule, tmp_path: Path) -> None:
    assert validate(complete(examples(rule.doc)["Passes"]), rule, tmp_path) == []


def test_an_example_replaces_the_frames_keys_in_place_and_adds_the_others() -> None:
    example = "thesis:\n  id: t\n  claim: T.\nexpect:\n  stands: [t]\n"
    assert complete(example) == (
        "argmap: 1\ntitle: School uniforms\nsources:\n"
        "  survey: {title: National school survey, kind: dataset}\n"
        "thesis:\n  id: t\n  claim: T.\nexpect:\n  stands: [t]\n"
    )


def test_an_example_may_be_broken_yaml_and_keeps_its_text() -> None:
    assert complete('title: "School uniforms').splitlines()[1] == 'title: "School uniforms'


@pytest.mark.parametrize(
    "example, message",
    [
        ("  premises: []\n", "holds only top-level keys"),
        ("title: a\ntitle: b\n", "writes the top-level key 'title' twice"),
    ],
)
def test_an_example_that_is_not_top_level_keys_is_refused(example: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        complete(example)


def test_a_docstring_gives_one_failing_and_one_passing_example() -> None:
    doc = "Summary.\n\nFails:\n```yaml\ntitle: a\n```\n\nPasses:\n```yaml\ntitle: b\n```\n"
    assert examples(doc) == {"Fails": "title: a\n", "Passes": "title: b\n"}
    with pytest.raises(ValueError, match="two Fails examples"):
        examples(doc + "\nFails:\n```yaml\ntitle: c\n```\n")
