"""The drill state file: two drills at once keep both sessions, a FIFO or a deeply nested file is
the documented warning (never a hang or a crash), and a symlinked state file stays a symlink."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE_MAP


def drill(map_path: Path, state_home: Path, answers: str = "\n", *, count: int = 1) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", "drill", str(map_path), "--count", str(count), "--seed", "1"],
        input=answers,
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_STATE_HOME": str(state_home)},
        timeout=60,
        check=False,
    )


@pytest.fixture
def maps(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(BASE_MAP, encoding="utf-8")
    second.write_text(BASE_MAP.replace("title: School uniforms", "title: Other"), encoding="utf-8")
    return first, second


def state_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "argmap" / "drill.json"


def test_two_drills_at_once_keep_both_sessions(maps: tuple[Path, Path], tmp_path: Path) -> None:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "argmap", "drill", str(path), "--count", "1", "--seed", "1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for path in maps
    ]
    for proc in procs:  # both have read the (empty) state and wait for an answer
        prompt = b""
        while not prompt.endswith(b"Your answer (Enter to pass): "):
            byte = proc.stdout.read(1)  # type: ignore[union-attr]
            assert byte, proc.stderr.read()  # type: ignore[union-attr]
            prompt += byte
    for proc in procs:
        proc.communicate(b"\n", timeout=60)
        assert proc.returncode == 0
    state = json.loads(state_file(tmp_path).read_text(encoding="utf-8"))
    assert sorted(state["maps"]) == sorted(f"path:{path.resolve()}" for path in maps)
    assert [entry["title"] for _, entry in sorted(state["maps"].items())] == ["School uniforms", "Other"]
    assert all(len(entry["missed"]) == 1 for entry in state["maps"].values())


def test_a_fifo_as_state_is_a_warning_not_a_hang(maps: tuple[Path, Path], tmp_path: Path) -> None:
    fifo = state_file(tmp_path)
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    proc = drill(maps[0], tmp_path / "state")
    assert proc.returncode == 0
    assert proc.stderr == (
        f"argmap: warning: ignoring unreadable drill state {fifo}: not a regular file\n"
        f"argmap: warning: could not save drill state: {fifo}: not a regular file, left as it is\n"
    )
    assert "Score: 0/1" in proc.stdout
    assert fifo.is_fifo()


def test_a_deeply_nested_state_is_the_documented_warning(maps: tuple[Path, Path], tmp_path: Path) -> None:
    path = state_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    proc = drill(maps[0], tmp_path / "state")
    assert proc.returncode == 0
    assert proc.stderr == f"argmap: warning: ignoring unreadable drill state {path}: nested too deeply\n"
    state = json.loads(path.read_text(encoding="utf-8"))  # replaced after the session, as documented
    assert list(state["maps"]) == [f"path:{maps[0].resolve()}"]


def test_a_symlinked_state_file_stays_a_symlink(maps: tuple[Path, Path], tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "drill.json"
    real.parent.mkdir()
    real.write_text('{"version": 1, "maps": {}}\n', encoding="utf-8")
    link = state_file(tmp_path)
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    proc = drill(maps[0], tmp_path / "state")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert list(json.loads(real.read_text(encoding="utf-8"))["maps"]) == [f"path:{maps[0].resolve()}"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["drill.json", "drill.json.lock"]
