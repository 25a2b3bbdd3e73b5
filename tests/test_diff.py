"""argmap diff: the change to the argument. Golden diffs of a realistic change to the Assad map (text,
markdown, json), exact changes for small edits, git revisions and git's external-diff arguments,
--fail-on exit codes, hostile text, and properties: a map against itself is empty, and a generated
edit is reported exactly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ASSAD_MAP, BASE_MAP, run_argmap, run_in_process
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import dump, format2_documents

from argmap.analysis.diff import diff_maps
from argmap.formats.argmap_yaml import load_bytes
from argmap.model import ArgMap

GOLDEN = Path(__file__).parent / "diff" / "golden"
REGEN = os.environ.get("ARGMAP_REGEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def model(text: str, file: str = "m.yaml") -> ArgMap:
    loaded = load_bytes(text.encode("utf-8"), file=file)
    assert loaded.map is not None, loaded.problems
    return loaded.map


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def assad_changed() -> str:
    """A realistic review: a rebuttal added to an unanswered objection, a quote cut short, a claim
    reworded, an id renamed, a source's note edited."""
    text = ASSAD_MAP.read_text(encoding="utf-8")
    text = changed(
        text,
        '              quote: "Amr Al-Absi (ISIS)"\n',
        '              quote: "Amr Al-Absi"\n',
    )
    text = changed(
        text,
        "        - id: penetration-is-counterterrorism\n",
        "        - id: penetration-is-counterterrorism\n"
        "          rebuttals:\n"
        "            - id: embedding-let-groups-grow\n"
        "              claim: Waiting for the opportune moment let the groups grow in the meantime.\n"
        "              cite:\n"
        "                - source: article\n"
        '                  quote: "only at the opportune moment do we move"\n',
    )
    text = text.replace("mamlouk-embed-and-wait", "mamlouk-embed-then-strike")
    text = changed(
        text,
        "embeds itself in them and moves only at the opportune moment.",
        "embeds itself in them and moves later.",
    )
    return text


@pytest.fixture(scope="module")
def assad_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("diff")
    old, new = folder / "old.yaml", folder / "new.yaml"
    shutil.copy(ASSAD_MAP, old)
    new.write_text(assad_changed(), encoding="utf-8")
    return old, new


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_golden_diff_of_a_realistic_change_to_the_assad_map(
    fmt: str, assad_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, _ = assad_pair
    monkeypatch.chdir(old.parent)
    code, out, err = run_in_process("diff", "old.yaml", "new.yaml", "-f", fmt)
    assert (code, err) == (0, "")
    check_golden(f"assad_change.{ {'text': 'txt', 'markdown': 'md', 'json': 'json'}[fmt] }", out)


def test_a_map_against_itself_has_no_change() -> None:
    code, out, _ = run_in_process("diff", str(ASSAD_MAP), str(ASSAD_MAP), "--fail-on", "any")
    assert (code, out) == (0, f"{ASSAD_MAP} → {ASSAD_MAP}: no change to the argument\n")


@pytest.mark.parametrize(
    "condition, code",
    [
        ("any", 1),
        ("citation-removed", 1),
        ("gap-opened", 1),
        ("label-changed", 1),
        ("claim-removed", 0),
        ("thesis-label-changed", 0),
    ],
)
def test_fail_on_exits_1_only_when_its_condition_holds(
    condition: str, code: int, assad_pair: tuple[Path, Path]
) -> None:
    old, new = assad_pair
    assert run_in_process("diff", str(old), str(new), "--fail-on", condition)[0] == code


def test_exact_changes_of_small_edits() -> None:
    old = model(BASE_MAP)
    new = model(
        changed(BASE_MAP, "          cite: [op-ed]\n", "          cite: [survey]\n").replace(
            "claim: Uniforms cost poor families money.", "claim: Uniforms cost money."
        )
    )
    diff = diff_maps(old, new)
    assert [(c.kind, c.id, c.message) for c in diff.changes] == [
        ("claim-reworded", "cost", "Uniforms cost poor families money. → Uniforms cost money."),
        ("citation-added", "cheaper-than-fashion", "cites 'survey'"),
        ("citation-removed", "cheaper-than-fashion", "no longer cites 'op-ed'"),
        (
            "gap-opened",
            "cheaper-than-fashion",
            "no-quote: citation of 'survey' for 'cheaper-than-fashion' has neither quote nor locator",
        ),
        (
            "gap-closed",
            "cheaper-than-fashion",
            "no-quote: citation of 'op-ed' for 'cheaper-than-fashion' has neither quote nor locator",
        ),
    ]


def test_a_thesis_that_falls_is_reported_first() -> None:
    rebuttal = (
        "      rebuttals:\n        - id: cheaper-than-fashion\n"
        "          claim: A uniform costs less than the clothes children would otherwise demand.\n"
        "          cite: [op-ed]\n"
    )
    diff = diff_maps(model(BASE_MAP), model(changed(BASE_MAP, rebuttal, "")))
    assert [(c.kind, c.id, c.old, c.new) for c in diff.changes if "label" in c.kind or c.kind == "claim-removed"] == [
        ("thesis-label-changed", "uniforms-help", "stands", "falls"),
        (
            "claim-removed",
            "cheaper-than-fashion",
            "A uniform costs less than the clothes children would otherwise demand.",
            None,
        ),
        ("label-changed", "cost", "falls", "stands"),
    ]


def test_moved_and_renamed_claims_and_sources() -> None:
    text = BASE_MAP + "    - id: moved\n      claim: M.\n      cite: [op-ed]\n"
    old = model(text)
    new_text = changed(text, "    - id: moved\n      claim: M.\n      cite: [op-ed]\n", "")
    new_text = changed(
        new_text,
        "      rebuttals:\n",
        "      rebuttals:\n        - id: moved\n          claim: M.\n          cite: [op-ed]\n",
    )
    new_text = new_text.replace("less-bullying", "less-teasing").replace(
        "title: National school survey", "title: School survey"
    )
    diff = diff_maps(old, model(new_text))
    assert [(c.kind, c.id, c.message) for c in diff.changes if c.kind.startswith(("claim", "source"))] == [
        ("claim-renamed", "less-teasing", "'less-bullying' is now 'less-teasing'"),
        ("claim-moved", "moved", "was a counterpoint of 'uniforms-help', is a rebuttal of 'cost'"),
        ("source-changed", "survey", "title: National school survey → School survey"),
    ]


def test_json_shape(assad_pair: tuple[Path, Path]) -> None:
    old, new = assad_pair
    code, out, _ = run_in_process("diff", str(old), str(new), "-f", "json")
    document = json.loads(out)
    assert code == 0 and document["version"] == 1 and set(document) == {"version", "old", "new", "counts", "changes"}
    assert set(document["changes"][0]) == {"kind", "id", "message", "old", "new", "line"}
    assert sum(document["counts"].values()) == len(document["changes"])


def test_hostile_text_is_made_inert_in_text_and_markdown() -> None:
    hostile = 'claim: "Text with \\e]8;;javascript:x\\e\\\\ [link](javascript:x) <b>**bold**</b>"'
    new = model(changed(BASE_MAP, "claim: Uniforms cost poor families money.", hostile))
    diff = diff_maps(model(BASE_MAP), new)
    from argmap.reports.diff import format_markdown, format_text

    text = format_text(diff)
    assert "\x1b" not in text and "\\x1b]8;;javascript:x" in text
    markdown = format_markdown(diff)
    assert "\x1b" not in markdown and "\\[link\\](javascript:x) \\<b\\>\\*\\*bold\\*\\*\\</b\\>" in markdown


def _git(folder: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revisions_and_git_as_diff_driver(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    _git(tmp_path, "add", "m.yaml")
    _git(tmp_path, "commit", "-qm", "first")
    path.write_text(
        BASE_MAP.replace("claim: Uniforms cost poor families money.", "claim: Uniforms cost money."), encoding="utf-8"
    )
    proc = run_argmap("diff", "git:HEAD:m.yaml", "m.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines()[0] == "git:HEAD:m.yaml → m.yaml: 1 change: 1 claim reworded"
    (tmp_path / ".gitattributes").write_text("*.yaml diff=argmap\n", encoding="utf-8")
    import sys

    _git(tmp_path, "config", "diff.argmap.command", f"{sys.executable} -m argmap diff")
    done = subprocess.run(["git", "diff", "--ext-diff"], cwd=tmp_path, capture_output=True, check=True)
    assert done.stdout.decode().splitlines()[:3] == [
        "a/m.yaml → b/m.yaml: 1 change: 1 claim reworded",
        "Claims reworded:",
        "  ~ cost (line 30): Uniforms cost poor families money. → Uniforms cost money.",
    ]
    missing = run_argmap("diff", "git:HEAD:nothing.yaml", "m.yaml", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.decode().startswith("argmap: git:HEAD:nothing.yaml: fatal:")


def test_dev_null_stands_for_no_map() -> None:
    diff = diff_maps(model("argmap: 1\ntitle: t\nsources: {}\nthesis: {id: t, claim: T.}\n"), model(BASE_MAP))
    code, out, _ = run_in_process("diff", os.devnull, str(ASSAD_MAP))
    assert code == 0 and out.startswith(f"{os.devnull} → {ASSAD_MAP}: ") and "Claims added:" in out
    assert diff.of_kind("claim-added")


def test_unreadable_side_prints_its_problems_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: [\n", encoding="utf-8")
    code, out, err = run_in_process("diff", str(bad), str(ASSAD_MAP))
    assert (code, out) == (1, "") and err.startswith(f"{bad}:3:1: error: YAML syntax error")
    assert run_in_process("diff", "only-one.yaml")[0] == 2


def _claims_of(node: object) -> list[dict]:
    """Every claim record (a dict with `id` and `claim`) of a generated document."""
    found: list[dict] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "id" in item and "claim" in item:
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


@settings(max_examples=40, deadline=None)
@given(format2_documents(max_depth=2), st.data())
def test_a_generated_reword_is_reported_exactly(document: dict, choice: st.DataObject) -> None:
    old = model(dump(document))
    assert diff_maps(old, old).changes == ()
    target = choice.draw(st.sampled_from(sorted(_claims_of(document), key=lambda c: c["id"])))
    before_text = target["claim"]
    target["claim"] = before_text + " (edited)"
    diff = diff_maps(old, model(dump(document)))
    assert [(c.kind, c.id, c.old, c.new) for c in diff.changes] == [
        ("claim-reworded", target["id"], before_text, before_text + " (edited)")
    ]


def test_an_aif_file_saved_as_json_is_read_as_aif_by_its_content(tmp_path: Path) -> None:
    source, aif = tmp_path / "map.yaml", tmp_path / "map.aif"
    source.write_text(BASE_MAP, encoding="utf-8")
    code, _, err = run_in_process("convert", str(source), "-o", str(aif), "--to", "aif")
    assert code == 0, err
    # the same AIF in two files named .json, the extension argmap's own JSON also uses (the file's
    # name is the name of the provenance source, so both are map.json)
    old, new = tmp_path / "old" / "map.json", tmp_path / "new" / "map.json"
    for copy in (old, new):
        copy.parent.mkdir()
        shutil.copy(aif, copy)
    code, out, err = run_in_process("diff", str(old), str(new), "-f", "json")
    assert (code, err) == (0, "")
    assert (json.loads(out)["counts"], json.loads(out)["changes"]) == ({}, [])
    # validate reads it the same way
    code, _, err = run_in_process("validate", str(new))
    assert (code, err) == (0, "")
