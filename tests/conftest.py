"""Shared test helpers: a small valid map as text, and running the CLI in-process or as a process.

Tests behave the same however the suite is launched: child processes see ordinary stdout buffering
and the default Ctrl-C disposition, and under CI (CI set) a skipped test is a failure.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

# PYTHONUNBUFFERED (set by some containers and IDEs) makes every write of a child argmap reach the
# file at once; an installed argmap buffers, and errors such as a full stdout surface differently
# (at the final flush). Children run as on a user's machine.
os.environ.pop("PYTHONUNBUFFERED", None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ASSAD_MAP = ROOT / "maps" / "assad_isis.yaml"

# A valid map used as the base of many tests; line numbers matter (see test_rules.py).
BASE_MAP = """\
argmap: 1
title: School uniforms
analyses: op-ed
sources:
  op-ed:
    title: Why uniforms work
    kind: article
    url: https://example.org/uniforms
    date: 2021-09
  survey:
    title: National school survey
    kind: dataset
    via: op-ed
thesis:
  id: uniforms-help
  claim: Schools should require uniforms.
  premises:
    - id: less-bullying
      claim: Uniforms reduce bullying about clothes.
      cite:
        - source: op-ed
          quote: "fewer taunts about brands"
        - survey
  correlations:
    - id: uniforms-attendance
      claim: Schools with uniforms have higher attendance.
      between: [uniform policy, attendance rate]
      cite: [survey]
  counterpoints:
    - id: cost
      claim: Uniforms cost poor families money.
      cite: [op-ed]
      rebuttals:
        - id: cheaper-than-fashion
          claim: A uniform costs less than the clothes children would otherwise demand.
          cite: [op-ed]
"""


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips (with a reason) only when it is absent and CI is not set."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing, and CI must have ../shared beside the checkout")
        pytest.skip(f"{path} is not present (../shared is not beside this checkout)")
    return path


def run_argmap(
    *args: str,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m argmap ARGS` as a real process (end-to-end)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if env is None or "GITHUB_ACTIONS" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        input=input,
        capture_output=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def run_in_process(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """argmap's own main() (exit-code policy included) in CliRunner's isolation; real crashes raise."""
    from click.testing import CliRunner

    from argmap.cli import main

    with CliRunner().isolation(input=input) as (out, err, _):
        try:
            main(["--traceback", *args])
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue().decode(), err.getvalue().decode()


def run_in_pty(args: list[str], env: dict[str, str] | None = None) -> bytes:
    """Run `python -m argmap ARGS` with stdout on a pseudo-terminal; return what it wrote there.
    NO_COLOR, FORCE_COLOR and TERM come only from `env` (TERM defaults to xterm-256color)."""
    import pty

    main, secondary = pty.openpty()
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", *args],
        cwd=ROOT,
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env={**base, "TERM": "xterm-256color", "COLUMNS": "200", **(env or {})},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks)


@pytest.fixture(scope="session", autouse=True)
def _children_get_the_default_ctrl_c() -> Iterator[None]:
    """A shell that runs the suite in the background (`pytest &`, `trap '' INT`) starts it with SIGINT
    ignored, and an ignored signal stays ignored across fork and exec: a child argmap would never see
    Ctrl-C. With Python's own handler installed here instead, the disposition a child starts with after
    exec is the default one (caught signals are reset by exec), for every way a test starts a child."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    """Under CI every test runs: a skip (a missing file, tool or permission) is reported as a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every test must run: {reason}"


@pytest.fixture(autouse=True)
def _not_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests pin the default text format; GitHub Actions sets GITHUB_ACTIONS=true, which changes it.
    A test that wants it sets it itself."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def base_map(tmp_path: Path) -> Path:
    path = tmp_path / "base.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    return path
