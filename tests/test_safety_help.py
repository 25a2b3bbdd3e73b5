"""Every command's --help ends with an example that runs, and shell completion completes claim ids
for --focus, --explain and --assume-false from the map already on the command line."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import COMMANDS, EXAMPLES, cli, main
from argmap.commands.common import complete_claim_ids

ROOT = Path(__file__).resolve().parent.parent


def help_text(name: str) -> str:
    with CliRunner().isolation() as (out, _err, _):
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        return out.getvalue().decode()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_ends_with_an_example(name: str) -> None:
    assert help_text(name).endswith(f"\n  Example:\n    {EXAMPLES[name]}\n")


def test_every_example_runs(tmp_path: Path) -> None:
    """In a fresh repository with the Assad map, in order (new makes the map add and rename edit)."""
    (tmp_path / "maps").mkdir()
    shutil.copy(ROOT / "maps" / "assad_isis.yaml", tmp_path / "maps")
    (tmp_path / ".argmap.yaml").write_text("disable: [unused-source]\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for step in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "maps"]):
        subprocess.run([*git, *step], cwd=tmp_path, check=True, capture_output=True)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    order = ["new", "add", "rename", *sorted(set(EXAMPLES) - {"new", "add", "rename"})]
    for name in order:
        line = EXAMPLES[name].replace("argmap ", f"{shlex.quote(sys.executable)} -m argmap ", 1)
        proc = subprocess.run(
            ["sh", "-c", line], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=300
        )
        # 0 ran clean; 1 for validate --strict, gaps and fmt --check, which find something in this map
        assert proc.returncode in ((0, 1) if name in ("validate", "gaps", "fmt") else (0,)), (name, proc.stderr)
        assert b"Traceback" not in proc.stderr
    assert (tmp_path / "assad.svg").read_bytes().startswith(b"<?xml")
    made = (tmp_path / "maps" / "uniforms.yaml").read_text(encoding="utf-8")
    assert "id: uniforms-help" in made and "claim: Uniforms save time." in made


def completions(args: list[str], incomplete: str, option: str) -> list[tuple[str, str | None]]:
    command = cli.get_command(click.Context(cli), args[0])
    assert command is not None
    ctx = command.make_context(args[0], list(args[1:]), resilient_parsing=True)
    (param,) = [p for p in command.params if option in getattr(p, "opts", ())]
    return [(item.value, item.help) for item in complete_claim_ids(ctx, param, incomplete)]


@pytest.mark.parametrize(
    ("command", "option"),
    [
        ("show", "--focus"),
        ("render", "--focus"),
        ("drill", "--focus"),
        ("eval", "--explain"),
        ("eval", "--assume-false"),
    ],
)
def test_completion_offers_the_maps_claim_ids(command: str, option: str, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP.replace("Uniforms cost poor families money.", '"Costs \\e[2J money"'), encoding="utf-8")
    assert completions([command, str(path)], "c", option) == [
        ("cost", "Costs \\x1b[2J money"),
        ("cheaper-than-fashion", "A uniform costs less than the clothes children…"),
    ]
    assert [value for value, _ in completions([command, str(path)], "", option)] == [
        "uniforms-help",
        "less-bullying",
        "uniforms-attendance",
        "cost",
        "cheaper-than-fashion",
    ]


@pytest.mark.parametrize("given", [[], ["-"], ["missing.yaml"], ["{dir}"], ["{bad}"]])
def test_completion_is_quiet_without_a_readable_map(given: list[str], tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(b"\xff\xfe: [")
    args = [a.replace("{dir}", str(tmp_path)).replace("{bad}", str(tmp_path / "bad.yaml")) for a in given]
    assert completions(["show", *args], "", "--focus") == []


def test_bash_completion_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    env = {
        **os.environ,
        "_ARGMAP_COMPLETE": "bash_complete",
        "COMP_WORDS": f"argmap show {path} --focus un",
        "COMP_CWORD": "4",
    }
    proc = subprocess.run(
        [sys.executable, "-c", "from argmap.cli import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "plain,uniforms-help\nplain,uniforms-attendance\n"
