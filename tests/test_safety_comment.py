"""comment-in-text: a YAML comment right after an unquoted text value, which cut the text short."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import main


def parsable(path: Path) -> tuple[int, str]:
    with CliRunner().isolation() as (out, _err, _):
        try:
            main(["validate", "--no-config", "-f", "parsable", str(path)])
        except SystemExit as exc:
            code = exc.code
    return int(code or 0), out.getvalue().decode()


def test_a_comment_after_plain_text_is_a_warning_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        BASE_MAP.replace("title: School uniforms", "title: School uniforms  # the draft")
        .replace("claim: Uniforms cost poor families money.", "claim: Uniforms cost\n        poor families #1 money.")
        .replace("title: Why uniforms work", "title: Why ünïforms work # é")
        .replace("kind: dataset", "kind: dataset # a kind is no prose")
        .replace("cite: [survey]", "cite: [survey] # a list is no text"),
        encoding="utf-8",
    )
    code, out = parsable(path)
    assert code == 0
    assert out == (
        f"{path}:2:25: warning: title ends where a YAML comment begins ('# the draft' is not part of it); "
        "quote the text to keep it [comment-in-text]\n"
        f"{path}:6:30: warning: 'title' of source 'op-ed' ends where a YAML comment begins ('# é' is not part "
        "of it); quote the text to keep it [comment-in-text]\n"
        f"{path}:32:23: warning: the claim text of counterpoint 'cost' ends where a YAML comment begins ('#1 "
        "money.' is not part of it); quote the text to keep it [comment-in-text]\n"
    )


def test_quoted_text_and_a_hash_inside_a_word_are_not_comments(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        BASE_MAP.replace("title: School uniforms", 'title: "School uniforms # kept"')
        .replace("claim: Uniforms cost poor families money.", "claim: Uniforms cost C# programmers money.")
        .replace("title: Why uniforms work", "title: 'Why # uniforms work'"),
        encoding="utf-8",
    )
    assert parsable(path) == (0, "")
