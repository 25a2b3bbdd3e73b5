"""`argmap validate` end to end: output formats (golden), exit codes, settings, paths and stdin."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import ASSAD_MAP, BASE_MAP, ROOT, run_argmap, run_in_pty

HERE = Path(__file__).resolve().parent / "validate"
GOLDEN = HERE / "golden"
PROBLEMS = "tests/validate/problems.yaml"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ARGMAP_REGEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


@pytest.mark.parametrize("fmt", ["text", "parsable", "json", "github", "sarif"])
def test_output_formats_are_exact(fmt: str) -> None:
    result = run_argmap("validate", PROBLEMS, "--format", fmt, "--no-config")
    assert result.returncode == 1
    out = result.stdout.decode()
    check_golden(f"problems.{fmt}", out.replace(__import__("argmap").__version__, "VERSION"))
    assert result.stderr == b""


def test_parsable_lines_have_the_documented_shape() -> None:
    out = run_argmap("validate", PROBLEMS, "-f", "parsable").stdout.decode().splitlines()
    assert out == [
        "tests/validate/problems.yaml:8:10: error: url of source 'op-ed' must start with http:// or "
        "https:// (scheme: javascript) [bad-url]",
        "tests/validate/problems.yaml:14:3: warning: source 'poll' is never cited [unused-source]",
        "tests/validate/problems.yaml:28:7: error: correlation 'uniforms-attendance' cites no source; "
        "add cite: [source-id] (with a quote or locator where you can) [premise-needs-citation]",
    ]


def test_json_is_stable_and_complete() -> None:
    document = json.loads(run_argmap("validate", PROBLEMS, "-f", "json").stdout)
    assert set(document) == {"version", "tool", "files", "settings", "summary", "problems"}
    assert document["summary"] == {"errors": 2, "warnings": 1, "infos": 0}
    assert document["problems"][0] == {
        "file": PROBLEMS,
        "line": 8,
        "column": 10,
        "rule": "bad-url",
        "severity": "error",
        "message": "url of source 'op-ed' must start with http:// or https:// (scheme: javascript)",
    }


def test_sarif_is_valid_sarif_2_1_0() -> None:
    document = json.loads(run_argmap("validate", PROBLEMS, "-f", "sarif").stdout)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error"]


def test_github_is_the_default_under_github_actions() -> None:
    result = run_argmap("validate", PROBLEMS, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.decode() == (GOLDEN / "problems.github").read_text(encoding="utf-8")


def test_clean_map_exits_0() -> None:
    result = run_argmap("validate", str(ASSAD_MAP))
    assert (result.returncode, result.stdout) == (0, b"1 file checked, no problems\n")


def test_warnings_pass_unless_strict() -> None:
    assert run_argmap("validate", "tests/validate/warning_only.yaml").returncode == 0
    assert run_argmap("validate", "--strict", "tests/validate/warning_only.yaml").returncode == 1


def test_disable_and_enable() -> None:
    result = run_argmap(
        "validate", PROBLEMS, "-f", "parsable", "--disable", "bad-url", "--disable", "premise-needs-citation"
    )
    assert result.returncode == 0 and result.stdout.count(b"\n") == 1
    assert run_argmap("validate", PROBLEMS, "--disable", "no-such-rule").returncode == 2


def test_settings_file_and_override(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text((HERE / "warning_only.yaml").read_text())
    (tmp_path / ".argmap.yaml").write_text("strict: true\ndisable: [bad-url]\n")
    assert run_argmap("validate", str(tmp_path / "m.yaml")).returncode == 1
    assert run_argmap("validate", str(tmp_path / "m.yaml"), "--no-config").returncode == 0
    assert run_argmap("validate", str(tmp_path / "m.yaml"), "--disable", "unused-source").returncode == 0
    (tmp_path / ".argmap.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\nstrict = true\n")
    assert run_argmap("validate", str(tmp_path / "m.yaml")).returncode == 1
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\nstrict = 'yes'\n")
    result = run_argmap("validate", str(tmp_path / "m.yaml"))
    assert result.returncode == 2 and b"'strict' must be true or false" in result.stderr


def test_directories_are_searched_for_maps() -> None:
    result = run_argmap("validate", "tests/validate/tree", "-f", "parsable")
    assert result.returncode == 1
    assert result.stdout.decode() == (
        "tests/validate/tree/sub/bad.yml:32:14: error: counterpoint 'cost' cites unknown source 'nobody' "
        "[unknown-source]\n"
    )
    summary = run_argmap("validate", "tests/validate/tree").stdout.decode().splitlines()[-1]
    assert summary == "2 files checked: 1 error, 0 warnings"


def test_a_folder_that_holds_no_map_is_said_so_on_stderr(tmp_path: Path) -> None:
    # a CI step pointed at the wrong folder would otherwise check nothing and pass in silence
    (tmp_path / "ci.yaml").write_text("name: ci\non: push\n")
    (tmp_path / "notes.md").write_text("# notes\n")
    warning = (
        f"argmap: warning: no map in the folder {tmp_path} (a map is a .yaml or .yml file with a top-level "
        "argmap: key{})\n"
    )
    other = "; --all-formats reads Argdown, AIF, JSON, Carneades and Kialo files too"
    result = run_argmap("validate", str(tmp_path), "tests/validate/tree/sub")
    assert result.returncode == 1  # the map of the other folder has an error: the warning changes nothing
    assert result.stderr.decode() == warning.format(other)
    assert result.stdout.decode().splitlines()[-1] == "1 file checked: 1 error, 0 warnings"
    result = run_argmap("validate", str(tmp_path))
    assert (result.returncode, result.stdout) == (0, b"0 files checked, no problems\n")
    assert result.stderr.decode() == warning.format(other)
    assert run_argmap("validate", "--all-formats", str(tmp_path)).stderr.decode() == warning.format("")
    result = run_argmap("gaps", str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr.decode()) == (1, b"", warning.format(""))
    result = run_argmap("fmt", "--check", str(tmp_path))
    assert result.returncode == 0
    assert result.stderr.decode() == warning.format("") + "0 files would be reformatted, 0 unchanged\n"
    # a folder with a map in it, a file named directly, stdin: no warning
    assert run_argmap("validate", "tests/validate/tree", str(tmp_path / "ci.yaml")).stderr.count(b"warning") == 0


def test_stdin() -> None:
    result = run_argmap(
        "validate", "-", "-f", "parsable", input=BASE_MAP.replace("- id: cost", "- id: less-bullying").encode()
    )
    assert result.returncode == 1
    assert result.stdout.decode() == (
        "<stdin>:30:7: error: duplicate claim id 'less-bullying' (first defined at 18:7) [duplicate-id]\n"
    )


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["validate", "no/such/file.yaml"], b"argmap: no/such/file.yaml: no such file or directory"),
        (["validate"], b"Missing argument"),
        (["validate", "x", "--format", "xml"], b"Invalid value for '-f' / '--format'"),
        (["validate", PROBLEMS, "--snapshot", "nonsense"], b"'nonsense' is not ID=PATH"),
        (["nosuchcommand"], b"No such command"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: bytes) -> None:
    result = run_argmap(*args)
    assert result.returncode == 2 and fragment in result.stderr
    assert b"Traceback" not in result.stderr


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    fifo_free = tmp_path / "m.yaml"
    fifo_free.write_bytes(b"argmap: 1\n")
    result = run_argmap("validate", str(fifo_free / "below-a-file.yaml"))
    assert result.returncode == 2 and b"no such file or directory" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("data", [b"", b"\xff\xfe\x00", b"- 1\n", b"argmap: 1\n\ttitle: x", b"a: &a [*a]\n"])
def test_malformed_input_exits_1_with_a_position(data: bytes) -> None:
    result = run_argmap("validate", "-", "-f", "parsable", input=data)
    assert result.returncode == 1
    assert result.stdout.startswith(b"<stdin>:") and b"Traceback" not in result.stderr


def test_version_and_module_entry_point() -> None:
    import argmap

    result = run_argmap("--version")
    assert (result.returncode, result.stdout.decode()) == (0, f"argmap, version {argmap.__version__}\n")


def test_schema_command_prints_the_published_schema() -> None:
    result = run_argmap("schema")
    assert result.returncode == 0
    assert result.stdout.decode() == (ROOT / "schemas" / "argmap.schema.json").read_text(encoding="utf-8")


def test_text_output_on_a_terminal_is_coloured_but_honours_no_color() -> None:
    coloured = run_in_pty(["validate", PROBLEMS])
    assert b"\x1b[1;31merror" in coloured and b"bad-url" in coloured
    plain = run_in_pty(["validate", PROBLEMS], {"NO_COLOR": "1"})  # removes colour; bold and dim may stay
    assert b"bad-url" in plain and b"31m" not in plain and b"33m" not in plain


ANSI = re.compile(rb"\x1b\[[0-9;]*m")
COLOUR = re.compile(rb"\x1b\[[0-9;]*3[1-7]m")  # a foreground colour


def test_force_color_colours_piped_text_and_no_color_removes_the_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """validate asks the same terminal question as gaps and show (argmap.reports.terminal)."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    golden = (GOLDEN / "problems.text").read_text(encoding="utf-8")
    forced = run_argmap("validate", PROBLEMS, "--no-config", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert forced.returncode == 1 and b"\x1b[1;31merror" in forced.stdout
    assert ANSI.sub(b"", forced.stdout).decode() == golden
    no_colour = run_argmap(
        "validate", PROBLEMS, "--no-config", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"}
    )
    assert not COLOUR.search(no_colour.stdout) and ANSI.sub(b"", no_colour.stdout).decode() == golden


def test_github_actions_must_be_true_to_pick_github() -> None:
    result = run_argmap("validate", PROBLEMS, "--no-config", env={"GITHUB_ACTIONS": "1"})
    assert result.stdout.decode() == (GOLDEN / "problems.text").read_text(encoding="utf-8")


def test_piped_text_output_has_no_escape_codes() -> None:
    out = run_argmap("validate", PROBLEMS).stdout
    assert b"\x1b" not in out


def test_hostile_text_in_messages_is_made_visible(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP.replace("cite: [op-ed]\n      rebuttals", 'cite: ["x\\e]0;pwned\\a"]\n      rebuttals'))
    out = run_argmap("validate", str(path)).stdout
    assert b"\x1b" not in out and b"\x07" not in out and b"\\x1b" in out


@pytest.mark.parametrize("command", [["validate"], ["show"], ["gaps"], ["eval"]])
def test_an_internal_error_is_one_line_naming_the_file(command: list[str], monkeypatch) -> None:
    from click.testing import CliRunner

    from argmap.checks import REGISTRY, Rule
    from argmap.cli import main

    def broken(argmap, context):
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    monkeypatch.setitem(
        REGISTRY,
        "duplicate-id",
        Rule("duplicate-id", REGISTRY["duplicate-id"].severity, REGISTRY["duplicate-id"].doc, broken),
    )
    with CliRunner().isolation() as (_out, err, _), pytest.raises(SystemExit) as exit_info:
        main([*command, str(ASSAD_MAP)])
    assert exit_info.value.code == 2
    lines = err.getvalue().decode().splitlines()
    assert lines == [f"argmap: {ASSAD_MAP}: internal error: ZeroDivisionError: boom (run with --traceback for details)"]
    with CliRunner().isolation(), pytest.raises(ZeroDivisionError):
        main(["--traceback", *command, str(ASSAD_MAP)])


@pytest.mark.parametrize("command", [["validate", "-f", "parsable"], ["gaps"], ["show"], ["eval"], ["brief"]])
def test_a_closed_pipe_ends_quietly(command: list[str], tmp_path: Path) -> None:
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from genmap import generate

    path = tmp_path / "big.yaml"
    text = generate(3000, seed=1)
    path.write_text(text.replace("cite:", "cites:", 500) if command[0] == "validate" else text)
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", *command, str(path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.read(100)
    process.stdout.close()  # like `| head -c 100`
    stderr = process.stderr.read()
    # validate's exit code still says what it found (1: the map has errors); the others ran: 0
    assert process.wait(timeout=120) == (1 if command[0] == "validate" else 0)
    assert stderr == b""


def test_directories_find_maps_in_every_yaml_style(tmp_path: Path) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbfargmap: 1\ntitle: x\n")
    (tmp_path / "quoted.yaml").write_text('"argmap": 1\ntitle: x\n')
    (tmp_path / "flow.yml").write_text("{title: x, argmap: 1}\n")
    (tmp_path / "broken.yaml").write_text("argmap: [\n")
    (tmp_path / "ci.yaml").write_text("name: ci\non: push\n")
    (tmp_path / "mentions.yaml").write_text("tool: argmap\n")
    result = run_argmap("validate", str(tmp_path), "-f", "parsable")
    assert result.returncode == 1
    files = sorted({line.split(":")[0] for line in result.stdout.decode().splitlines()})
    assert files == [str(tmp_path / name) for name in ("bom.yaml", "broken.yaml", "flow.yml", "quoted.yaml")]


def test_duplicate_keys_in_a_settings_file_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text((HERE / "warning_only.yaml").read_text())
    (tmp_path / ".argmap.yaml").write_text("strict: true\nstrict: false\n")
    result = run_argmap("validate", str(tmp_path / "m.yaml"))
    assert result.returncode == 2
    assert result.stderr.decode() == f"argmap: {tmp_path / '.argmap.yaml'}:2:1: duplicate key 'strict'\n"


@pytest.mark.parametrize("command", [["validate"], ["show"], ["gaps"], ["eval"], ["brief"]])
def test_a_full_stdout_is_an_output_error_not_an_internal_one(command: list[str]) -> None:
    import subprocess
    import sys

    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "argmap", *command, str(ASSAD_MAP)], cwd=ROOT, stdout=full, stderr=subprocess.PIPE
        )
    assert result.returncode == 2
    assert result.stderr.decode() == "argmap: cannot write output: No space left on device\n"


def test_list_rules_needs_no_path() -> None:
    from argmap.checks import REGISTRY

    result = run_argmap("validate", "--list-rules")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.decode().splitlines()] == list(REGISTRY)


def test_validate_paths_names_folders_without_maps_from_any_iterable(tmp_path: Path) -> None:
    from argmap.pipeline import validate_paths

    result = validate_paths(iter([str(tmp_path), "tests/validate/tree"]))
    assert (result.files, result.empty_folders) == (2, (str(tmp_path),))
