"""The pre-commit hook checks maps only: other YAML a commit changes is skipped, not failed."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import main

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"


def run(args: list[str]) -> tuple[int, str]:
    with CliRunner().isolation() as (out, _err, _):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return int(code or 0), out.getvalue().decode()


def test_the_hook_runs_its_entry_on_maps_only(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = shlex.split(hook["entry"])
    assert entry[:2] == ["argmap", "validate"]
    compose, good, bad = tmp_path / "compose.yaml", tmp_path / "m.yaml", tmp_path / "bad.yml"
    compose.write_text(COMPOSE, encoding="utf-8")
    good.write_text(BASE_MAP, encoding="utf-8")
    bad.write_text(BASE_MAP.replace("claim: Schools should require uniforms.", "claim: [x]"), encoding="utf-8")
    staged = [str(p) for p in (compose, good, bad, tmp_path / "notes.yaml")]
    (tmp_path / "notes.yaml").write_text("argmap_is_mentioned: here\n", encoding="utf-8")
    assert all(re.search(hook["files"], p) for p in staged)
    code, out = run([*entry[1:], "--no-config", *staged])
    assert (code, out.splitlines()[-1]) == (1, "2 files checked: 1 error, 0 warnings")
    assert str(compose) not in out and str(bad) in out
    assert run([*entry[1:], "--no-config", str(compose)]) == (0, "0 files checked, no problems\n")
    code, out = run(["validate", "--no-config", str(compose)])  # without it, compose.yaml is read as a map
    assert code == 1 and "[schema]" in out
