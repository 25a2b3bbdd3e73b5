"""validate's settings as a CI gate: what a settings file may not do, every form of pyproject.toml,
malformed settings as one message with a position, the settings file named in the report, and a
folder that cannot be read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import main

BROKEN = BASE_MAP.replace("url: https://example.org/uniforms", "url: javascript:alert(1)").replace(
    "thesis:\n", "thesis: [\n", 1
)


def run(args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        old = os.getcwd()
        if cwd:
            os.chdir(cwd)
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
        finally:
            os.chdir(old)
    return int(code or 0), out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "m.yaml").write_text(BASE_MAP, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("rule", ["syntax", "schema"])
def test_a_settings_file_cannot_disable_syntax_or_schema(rule: str, repo: Path) -> None:
    (repo / "maps" / "m.yaml").write_text(BROKEN, encoding="utf-8")
    settings = repo / "maps" / ".argmap.yaml"
    settings.write_text(f"disable: [{rule}]\n", encoding="utf-8")
    assert run(["validate", str(repo / "maps")]) == (
        2,
        "",
        f"argmap: {settings}: '{rule}' cannot be disabled: it decides whether a file is a map\n",
    )
    code, out, err = run(["validate", "--no-config", "--disable", rule, str(repo / "maps")])
    assert (code, out) == (2, "")
    assert err.endswith(
        f"Error: Invalid value for --disable: '{rule}' cannot be disabled: it decides whether a file is a map\n"
    )


def test_the_report_names_the_settings_file(repo: Path) -> None:
    settings = repo / "maps" / ".argmap.yaml"
    settings.write_text("strict: true\n", encoding="utf-8")
    code, out, _ = run(["validate", str(repo / "maps")])
    assert (code, out.splitlines()[-1]) == (0, f"1 file checked, no problems (settings: {settings})")
    code, out, _ = run(["validate", "-f", "json", str(repo / "maps")])
    assert json.loads(out)["settings"] == str(settings)
    code, out, _ = run(["validate", "-f", "json", "--no-config", str(repo / "maps")])
    assert json.loads(out)["settings"] is None
    code, out, _ = run(["validate", "--no-config", str(repo / "maps")])
    assert out == "1 file checked, no problems\n"


@pytest.mark.parametrize(
    "toml",
    [
        "[tool.argmap]\ndisable = ['unused-source']\n",
        "[tool]\nargmap = {disable = ['unused-source']}\n",
        "tool.argmap.disable = ['unused-source']\n",
        "[tool]\nother = 1\n[tool.argmap]\ndisable = ['unused-source']\n",
    ],
)
def test_every_form_of_tool_argmap_in_pyproject_is_read(toml: str, repo: Path) -> None:
    (repo / "pyproject.toml").write_text(toml, encoding="utf-8")
    (repo / "maps" / "m.yaml").write_text(
        BASE_MAP.replace("sources:\n", "sources:\n  unused:\n    title: Never cited\n    kind: article\n", 1),
        encoding="utf-8",
    )
    code, out, _ = run(["validate", "--strict", str(repo / "maps")])
    assert (code, out) == (0, f"1 file checked, no problems (settings: {repo / 'pyproject.toml'} [tool.argmap])\n")
    code, out, _ = run(["validate", "--strict", "--no-config", str(repo / "maps")])
    assert code == 1 and "[unused-source]" in out


def test_a_pyproject_without_argmap_settings_is_passed_over(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project]\nname = 'argmap-maps'\n", encoding="utf-8")
    (repo / "maps" / ".argmap.yaml").write_text("strict: true\n", encoding="utf-8")
    (repo / "maps" / "sub").mkdir()
    (repo / "maps" / "sub" / "pyproject.toml").write_text("[tool.black]\nline-length = 1\n# argmap\n")
    (repo / "maps" / "sub" / "m.yaml").write_text(BASE_MAP, encoding="utf-8")
    code, out, _ = run(["validate", str(repo / "maps" / "sub")])
    assert code == 0
    assert out.endswith(f"(settings: {repo / 'maps' / '.argmap.yaml'})\n")


DEEP_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_YAML = "disable: " + "[" * 5000 + "]" * 5000 + "\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("pyproject.toml", "tool = 1\n", "{f}: 'tool' must be a table, not int"),
        (
            "pyproject.toml",
            "[tool.argmap]\nstrict = tru\n",
            "{f}: not valid TOML: Invalid value (at line 2, column 10)",
        ),
        ("pyproject.toml", DEEP_TOML, "{f}: not valid TOML: nested too deeply"),
        ("pyproject.toml", "[tool.argmap]\nstrict = 1\n", "{f} [tool.argmap]: 'strict' must be true or false"),
        ("pyproject.toml", "tool.argmap = 3\n", "{f} [tool.argmap]: argmap settings must be a mapping"),
        (".argmap.yaml", DEEP_YAML, "{f}:1:41: nested too deeply for settings"),
        (".argmap.yaml", "[a]: 1\n", "{f}:1:1: a key must be text"),
        (".argmap.yaml", "strict: true\n? {x: 1}\n: 2\n", "{f}:2:3: a key must be text"),
        (".argmap.yaml", "strict: [\n", "{f}:2:1: not valid YAML: expected the node content, but found '<stream end>'"),
        (".argmap.yaml", "- strict\n", "{f}: argmap settings must be a mapping"),
        (".argmap.yaml", b"strict: \xff\n", "{f}: not UTF-8 (byte 9)"),
    ],
)
def test_malformed_settings_are_one_message_and_exit_2(name: str, text: str | bytes, message: str, repo: Path) -> None:
    settings = repo / name
    settings.write_bytes(text if isinstance(text, bytes) else text.encode())
    expected = (2, "", "argmap: " + message.format(f=settings) + "\n")
    assert run(["validate", "--config", str(settings), str(repo / "maps")]) == expected
    if name == ".argmap.yaml" or b"argmap" in settings.read_bytes():
        assert run(["validate", str(repo / "maps")]) == expected  # found, not named


def test_an_unreadable_subfolder_is_an_error_not_skipped(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    (maps / "locked").mkdir(parents=True)
    (maps / "m.yaml").write_text(BASE_MAP, encoding="utf-8")
    (maps / "locked" / "n.yaml").write_text(BROKEN, encoding="utf-8")
    (maps / "locked").chmod(0)
    # root reads any folder: run without the capabilities that let it (setpriv is util-linux's)
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-m", "argmap", "validate", "--no-config", str(maps)],
            capture_output=True,
            check=False,
            timeout=60,
        )
    finally:
        (maps / "locked").chmod(0o755)
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr == f"argmap: {maps / 'locked'}: cannot read the folder: Permission denied\n".encode()
