"""Map text never starts a GitHub Actions workflow command in any command's output.

The runner executes a log line that starts, after white space, with `::name ...::` (annotations,
`::add-mask::`, `::stop-commands::`), and in the older syntax one holding `##[name]`; a pull request
could forge annotations or hide log lines. Map text is put where wrapping makes it start a line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import main
from argmap.text.safe import no_workflow_commands, visible

FORGED = "::error file=x.py,line=1::forged ::add-mask::secret ##[warning]old :::stop-commands::t"
# Long claims so that every width wraps one of the commands to the start of a line.
HOSTILE = (
    BASE_MAP.replace("title: School uniforms", f'title: "{FORGED}"')
    .replace("claim: Uniforms cost poor families money.", f'claim: "{FORGED} {FORGED}"')
    .replace("claim: Uniforms reduce bullying about clothes.", f'claim: "{" ".join(["word"] * 9)} {FORGED}"')
    .replace('quote: "fewer taunts about brands"', f'quote: "{FORGED}"')
    .replace("title: National school survey", f'title: "{FORGED}"')
    .replace(
        "      cite: [op-ed]\n      rebuttals",
        f'      note: "{FORGED}\\n{FORGED}"\n      cite: [op-ed]\n      rebuttals',
    )
)

COMMANDS = {
    "validate": ["validate", "{map}", "--snapshot", "op-ed={snap}"],
    "validate-parsable": ["validate", "-f", "parsable", "{map}", "--snapshot", "op-ed={snap}"],
    "gaps": ["gaps", "{map}"],
    "gaps-markdown": ["gaps", "-f", "markdown", "{map}"],
    "show-40": ["show", "{map}", "--width", "40"],
    "show-57": ["show", "{map}", "--width", "57"],
    "show-100": ["show", "{map}", "--width", "100"],
    "brief": ["brief", "{map}"],
    "brief-against": ["brief", "{map}", "--side", "against"],
    "drill": ["drill", "{map}", "--no-save", "--count", "5", "--seed", "1"],
    "eval": ["eval", "{map}", "--explain", "uniforms-help"],
    "diff": ["diff", "{base}", "{map}"],
    "diff-markdown": ["diff", "-f", "markdown", "{base}", "{map}"],
    "convert-markdown": ["convert", "{map}", "--to", "markdown", "-o", "-"],
    "convert-mermaid": ["convert", "{map}", "--to", "mermaid", "-o", "-"],
}


def run(args: list[str]) -> tuple[int, str, str]:
    # drill: pass on every item, so that each one (and the map text it quotes) is shown
    with CliRunner().isolation(input="\n" * 10) as (out, err, _):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return int(code or 0), out.getvalue().decode(), err.getvalue().decode()


def workflow_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_output_line_is_a_workflow_command(name: str, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "base.yaml").write_text(BASE_MAP, encoding="utf-8")
    (tmp_path / "snap.txt").write_text("nothing quoted here", encoding="utf-8")
    values = {"{map}": str(path), "{base}": str(tmp_path / "base.yaml"), "{snap}": str(tmp_path / "snap.txt")}
    args = [values.get(a, a.replace("{snap}", values["{snap}"])) for a in COMMANDS[name]]
    code, out, err = run(args)
    assert code in (0, 1), err
    # the text is there, only inert (eval names claims by id alone)
    assert ("forged" in out) is (not name.startswith("eval"))
    assert workflow_lines(out) == []
    assert workflow_lines(err) == []


def test_the_escape_is_a_zero_width_space_inside_each_command_start() -> None:
    assert no_workflow_commands("::error::x") == ":\u200b:error:\u200b:x"
    assert no_workflow_commands(":::") == ":\u200b:\u200b:"
    assert no_workflow_commands("##[error]x and # [ok]") == "#\u200b#[error]x and # [ok]"
    assert no_workflow_commands("a: b, c:d") == "a: b, c:d"
    assert visible("std::vector \x1b") == "std:\u200b:vector \\x1b"
    for line in visible(FORGED).split():
        assert not line.startswith("::")


def test_github_format_keeps_its_own_commands_and_breaks_the_maps(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "snap.txt").write_text("nothing quoted here", encoding="utf-8")
    code, out, _ = run(["validate", "-f", "github", str(path), "--snapshot", f"op-ed={tmp_path / 'snap.txt'}"])
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        f"::error file={path},line=22,col=18,title=argmap quote-not-found::quote not found in the snapshot of "
        "'op-ed': \":\u200b:error file=x.py,line=1:\u200b:forged :\u200b:add-mask:\u200b:secret…\""
    )
