"""Per-rule cases as data: the base map passes; one edit makes exactly the expected problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE_MAP

from argmap.checks import REGISTRY
from argmap.checks.runner import check_map
from argmap.formats.argmap_yaml import load_bytes


def problems_of(text: str, *, snapshots: dict[str, str] | None = None, base_dir: str | None = None):
    loaded = load_bytes(text.encode("utf-8"), file="m.yaml", base_dir=base_dir)
    found = list(loaded.problems)
    if loaded.map is not None:
        found += check_map(loaded.map, snapshots=snapshots or {})
    return sorted(found)


def edit(old: str, new: str) -> str:
    assert BASE_MAP.count(old) == 1, old
    return BASE_MAP.replace(old, new)


CASES = [
    # (rule, edited map, [(line, column)], a fragment of the first message)
    (
        "duplicate-id",
        edit("- id: cost\n", "- id: less-bullying\n"),
        [(30, 7)],
        "duplicate claim id 'less-bullying' (first defined at 18:7)",
    ),
    (
        "unknown-ref",
        edit("        - survey\n", "        - survey\n    - ref: uniforms-attendanc\n"),
        [(24, 7)],
        "ref to unknown claim 'uniforms-attendanc'; did you mean 'uniforms-attendance'?",
    ),
    (
        "premise-needs-citation",
        edit("      cite: [survey]\n", ""),
        [(25, 7)],
        "correlation 'uniforms-attendance' cites no source",
    ),
    (
        "premise-needs-citation",
        edit("          cite: [op-ed]\n", ""),
        [(34, 11)],
        "rebuttal 'cheaper-than-fashion' cites no source",
    ),
    (
        "correlation-needs-variables",
        edit("[uniform policy, attendance rate]", "[uniform policy]"),
        [(27, 16)],
        "names only 1 distinct variable",
    ),
    (
        "correlation-needs-variables",
        edit("[uniform policy, attendance rate]", "[a, A]"),
        [(27, 16)],
        "names only 1 distinct variable",
    ),
    (
        "support-cycle",
        edit("        - survey\n", "        - survey\n      premises:\n        - ref: uniforms-help\n"),
        [(25, 11)],
        "support cycle: less-bullying -> uniforms-help -> less-bullying",
    ),
    (
        "empty-claim",
        edit("claim: Uniforms cost poor families money.", 'claim: "  "'),
        [(31, 14)],
        "counterpoint 'cost' has an empty claim text",
    ),
    (
        "unknown-source",
        edit("      cite: [op-ed]\n      rebuttals", "      cite: [oped]\n      rebuttals"),
        [(32, 14)],
        "counterpoint 'cost' cites unknown source 'oped'; did you mean 'op-ed'?",
    ),
    ("unknown-source", edit("analyses: op-ed", "analyses: op-ad"), [(3, 11)], "analyses names unknown source"),
    ("unknown-source", edit("via: op-ed", "via: nowhere"), [(13, 10)], "is via unknown source 'nowhere'"),
    (
        "via-cycle",
        edit("    via: op-ed\n", "    via: op-ed\n  poll:\n    title: A poll\n    kind: dataset\n    via: poll\n"),
        [(14, 3, "unused-source"), (17, 10)],
        "in a circle: 'poll' -> 'poll'",
    ),
    (
        "via-cycle",
        edit("    kind: article\n", "    kind: article\n    via: survey\n"),
        [(8, 10)],
        "known via each other in a circle: 'op-ed' -> 'survey' -> 'op-ed'",
    ),
    (
        "unused-source",
        edit("    via: op-ed\n", "    via: op-ed\n  poll:\n    title: A poll\n    kind: dataset\n"),
        [(14, 3)],
        "source 'poll' is never cited",
    ),
    (
        "bad-url",
        edit("https://example.org/uniforms", "javascript:alert(1)"),
        [(8, 10)],
        "must start with http:// or https:// (scheme: javascript)",
    ),
    ("bad-url", edit("https://example.org/uniforms", "https:///nohost"), [(8, 10)], "has no host"),
    ("bad-date", edit("date: 2021-09", "date: 2021-13"), [(9, 11)], "write 2019, 2019-05 or 2019-05-14"),
    ("bad-date", edit("date: 2021-09", "date: 2021-02-30"), [(9, 11)], "'2021-02-30'"),
    (
        "schema",
        edit("      cite:\n        - source", "      cites:\n        - source"),
        [(18, 7, "premise-needs-citation"), (20, 7)],
        "unknown key 'cites' in premise 'less-bullying'; did you mean 'cite'?",
    ),
    (
        "schema",
        edit("  id: uniforms-help", "  id: 1.10"),
        [(15, 7)],
        'is read by YAML as a number; quote it to make it text: "1.10"',
    ),
    (
        "schema",
        edit("kind: dataset", "kind: datset"),
        [(12, 11)],
        "unknown source kind 'datset'; did you mean 'dataset'?",
    ),
    ("schema", edit("  id: uniforms-help", "  id: Uniforms Help"), [(15, 7)], "is not a valid id"),
    ("schema", edit("    - id: cost\n", "    - id: cost\n      id: cost2\n"), [(31, 7)], "duplicate key 'id'"),
    (
        "syntax",
        edit('"fewer taunts about brands"', '"fewer taunts'),
        [(22, 18)],
        "YAML syntax error: while scanning a quoted scalar: found unexpected end of stream",
    ),
    (
        "comment-in-text",
        edit("claim: Uniforms cost poor families money.", "claim: Uniforms cost #1 money."),
        [(31, 28)],
        "the claim text of counterpoint 'cost' ends where a YAML comment begins ('#1 money.' is not part of it)",
    ),
    (
        "bad-text",
        edit("claim: Uniforms cost poor families money.", 'claim: "Uniforms\\e[31m cost"'),
        [(31, 14)],
        "\\x1b",
    ),
]


def test_base_map_is_clean() -> None:
    assert problems_of(BASE_MAP) == []


@pytest.mark.parametrize("rule_id, text, positions, fragment", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_case(rule_id: str, text: str, positions: list[tuple[int, int]], fragment: str) -> None:
    found = problems_of(text)
    expected = [(pos[0], pos[1], pos[2] if len(pos) > 2 else rule_id) for pos in positions]
    assert [(p.line, p.column, p.rule) for p in found] == expected, found
    first = next(p for p in found if p.rule == rule_id)
    assert fragment in first.message
    assert first.severity == REGISTRY[rule_id].severity


def test_every_rule_has_a_case() -> None:
    from test_format2 import CASES as FORMAT2_CASES

    covered = {case[0] for case in CASES + FORMAT2_CASES} | {
        "quote-not-found",
        "expect",
        "schema-comment",
    }  # expect: tests/test_eval.py; schema-comment: tests/test_edit.py
    assert covered == set(REGISTRY)


def test_quote_found_in_snapshot_named_in_the_map(tmp_path: Path) -> None:
    (tmp_path / "op-ed.txt").write_text("They saw “fewer   taunts about\nbrands” at once.", encoding="utf-8")
    text = edit("    kind: article\n", "    kind: article\n    snapshot: op-ed.txt\n")
    assert problems_of(text, base_dir=str(tmp_path)) == []


def test_quote_not_found_in_snapshot_given_on_the_command_line(tmp_path: Path) -> None:
    snapshot = tmp_path / "op-ed.txt"
    snapshot.write_text("They saw no taunts at all.", encoding="utf-8")
    found = problems_of(BASE_MAP, snapshots={"op-ed": str(snapshot)})
    assert [(p.rule, p.line, p.column) for p in found] == [("quote-not-found", 22, 18)]
    assert found[0].message == "quote not found in the snapshot of 'op-ed': \"fewer taunts about brands\""


def test_quote_of_a_source_known_via_another_is_checked_in_the_others_snapshot(tmp_path: Path) -> None:
    snapshot = tmp_path / "op-ed.txt"
    snapshot.write_text("fewer taunts about brands", encoding="utf-8")
    text = edit("        - survey\n", "        - source: survey\n          quote: not in the op-ed\n")
    found = problems_of(text, snapshots={"op-ed": str(snapshot)})
    assert [(p.rule, p.line, p.column) for p in found] == [("quote-not-found", 24, 18)]
    assert "snapshot of 'op-ed'" in found[0].message


def test_unreadable_snapshot_is_a_warning(tmp_path: Path) -> None:
    text = edit("    kind: article\n", "    kind: article\n    snapshot: missing.txt\n")
    found = problems_of(text, base_dir=str(tmp_path))
    assert [(p.rule, str(p.severity), p.line, p.column) for p in found] == [("quote-not-found", "warning", 8, 15)]


@pytest.mark.parametrize(
    "written, message",
    [
        ("/dev/zero", "/dev/zero: a snapshot must be a file inside the map's folder"),
        ("../../../../../../../../etc/passwd", "a snapshot must be a file inside the map's folder"),
        ("/etc/passwd", "/etc/passwd: a snapshot must be a file inside the map's folder"),
        ("fifo", "fifo: not a regular file"),
        ("folder", "folder: not a regular file"),
    ],
)
def test_a_snapshot_named_in_a_map_is_a_regular_file_inside_its_folder(
    tmp_path: Path, written: str, message: str
) -> None:
    import os

    os.mkfifo(tmp_path / "fifo")  # reading it would block for ever
    (tmp_path / "folder").mkdir()
    text = edit("    kind: article\n", f"    kind: article\n    snapshot: {written}\n")
    found = problems_of(text, base_dir=str(tmp_path))
    assert [(p.rule, str(p.severity), p.line, p.column) for p in found] == [("quote-not-found", "warning", 8, 15)]
    assert found[0].message.startswith("snapshot of source 'op-ed' cannot be read: ")
    assert found[0].message.endswith(message)


def test_a_snapshot_named_in_a_map_read_from_stdin_is_not_read() -> None:
    text = edit("    kind: article\n", "    kind: article\n    snapshot: op-ed.txt\n")
    found = problems_of(text, base_dir=None)
    assert [(p.rule, p.line, p.column) for p in found] == [("quote-not-found", 8, 15)]
    assert "read from stdin" in found[0].message


def test_ids_may_not_end_with_a_newline() -> None:
    found = problems_of(edit("- id: cost\n", '- id: "cost\\n"\n'))
    assert [(p.rule, p.line, p.column) for p in found] == [("schema", 30, 11)]
    assert "is not a valid id" in found[0].message
