"""A closed standard stream (`argmap ... >&-`) and the crashes found by an adversarial run: a clean
exit code and one line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import main

# every command that writes to stdout, with arguments that make it write something
STDOUT_COMMANDS = {
    "validate": ["validate", "{map}"],
    "gaps": ["gaps", "{map}"],
    "show": ["show", "{map}"],
    "brief": ["brief", "{map}"],
    "eval": ["eval", "{map}"],
    "drill": ["drill", "{map}", "--no-save", "--count", "1"],
    "schemes": ["schemes"],
    "schema": ["schema"],
    "convert": ["convert", "{map}", "--to", "json", "-o", "-"],
    "fmt-diff": ["fmt", "--diff", "{map}"],
    "diff": ["diff", "{map}", "{map}"],
    "render-dot": ["render", "{map}", "-f", "dot", "-o", "-"],
    "help": ["--help"],
    "version": ["--version"],
}


def run_closed(args: list[str], *, close: str) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m argmap ARGS` with stdout (or stderr) closed, as `>&-` does in a shell; the
    other stream is captured."""
    fd = 1 if close == "stdout" else 2
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        stdin=subprocess.DEVNULL,
        stdout=None if fd == 1 else subprocess.PIPE,
        stderr=None if fd == 2 else subprocess.PIPE,
        preexec_fn=lambda: os.close(fd),
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(STDOUT_COMMANDS))
def test_closed_stdout_is_an_io_error_with_one_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    args = [a.replace("{map}", str(path)) for a in STDOUT_COMMANDS[name]]
    proc = run_closed(args, close="stdout")
    assert proc.returncode == 2
    assert proc.stderr == b"argmap: I/O error: standard output is closed\n"


def test_closed_stdout_does_not_matter_to_a_command_that_writes_a_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    out = tmp_path / "out.dot"
    proc = run_closed(["render", str(path), "-o", str(out)], close="stdout")
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert out.read_bytes().startswith(b"digraph")


def test_closed_stderr_keeps_the_exit_code_and_the_output(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP.replace("claim: Schools should require uniforms.", "claim: [x]"), encoding="utf-8")
    proc = run_closed(["validate", str(path)], close="stderr")
    assert (proc.returncode, proc.stdout) == (
        1,
        (
            f"{path}\n    16:10  error    the claim text of thesis 'uniforms-help' must be text, not a list  [schema]\n"
            "\n1 file checked: 1 error, 0 warnings\n"
        ).encode(),
    )
    proc = run_closed(["show", str(path), "--focus", "cost"], close="stderr")
    assert proc.returncode == 0
    assert proc.stdout.startswith(b"School uniforms\n")


def run(args: list[str]) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return int(code or 0), out.getvalue().decode(), err.getvalue().decode()


@pytest.mark.parametrize("text", ["[a]", "12", "{x: 1}", "null"])
def test_show_focus_below_a_thesis_whose_text_is_invalid(text: str, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP.replace("claim: Schools should require uniforms.", f"claim: {text}"), encoding="utf-8")
    code, out, err = run(["show", str(path), "--focus", "cost", "--width", "100"])
    assert code == 0
    assert "\n✗ cost: Uniforms cost poor families money. [1] ⚠ minor no-quote\n" in out
    assert err.startswith(f"argmap: {path}: 1 error(s), 0 warning(s); first: {path}:16:10: error: ")
    code, out, err = run(["show", str(path), "--focus", "uniforms-help"])
    assert (code, out) == (2, "")
    assert err.endswith("argmap: --focus: no claim with id 'uniforms-help'\n")


def test_snapshot_path_with_nul_is_bad_text_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        BASE_MAP.replace("    url: https://example.org/uniforms\n", '    url: x\n    snapshot: "a\\0b"\n', 1).replace(
            "url: x", "url: https://example.org/uniforms"
        ),
        encoding="utf-8",
    )
    code, out, err = run(["validate", "-f", "parsable", str(path)])
    assert (code, err) == (1, "")
    assert out == (
        f"{path}:9:15: error: 'snapshot' of source 'op-ed' contains the control or formatting character \\x00 "
        "(at character 2); remove it [bad-text]\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["gaps"],
        ["brief"],
        ["eval"],
        ["drill", "--no-save", "--count", "1"],
        ["render", "-o", "{out}"],
    ],
)
def test_the_problems_line_escapes_a_hostile_file_name(args: list[str], tmp_path: Path) -> None:
    """OSC and CSI sequences in a map's file name reached stderr raw in the "N error(s)" line."""
    path = tmp_path / "e\x1b]0;title\x07\x1b[2Jx.yaml"
    path.write_text(BASE_MAP.replace("claim: Schools should require uniforms.", "claim: [x]"), encoding="utf-8")
    command = [a.replace("{out}", str(tmp_path / "o.svg")) for a in args]
    _code, _out, err = run([command[0], str(path), *command[1:]])
    shown = str(path).replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert err.startswith(
        f"argmap: {shown}: 1 error(s), 0 warning(s); first: {shown}:16:10: error: the claim text of thesis "
        "'uniforms-help' must be text, not a list [schema] (run 'argmap validate "
    )
    assert "\x1b" not in err and "\x07" not in err


@pytest.mark.parametrize("name", sorted(set(STDOUT_COMMANDS) - {"help", "version"}))
def test_a_closed_pipe_is_a_quiet_exit(name: str, tmp_path: Path) -> None:
    """`argmap ... | head` where the reader is gone before anything is written: no traceback, no
    message, and the exit code of the run itself (0 here: the map is clean)."""
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    args = [a.replace("{map}", str(path)) for a in STDOUT_COMMANDS[name]]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "argmap", *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (0, b"")
