"""Writing output files: through links to descriptors and devices, symlinks kept, read-only files
refused, no temporary file left by SIGTERM, and dot killed with argmap."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import main
from argmap.output import is_stream

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str]) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return int(code or 0), out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    return path


def test_descriptor_links_and_devices_are_streams(tmp_path: Path) -> None:
    assert is_stream("/dev/stdout") and is_stream("/dev/null") and is_stream("/dev/fd/1") and is_stream("-")
    os.mkfifo(tmp_path / "fifo")
    assert is_stream(str(tmp_path / "fifo"))
    (tmp_path / "file").write_text("x")
    os.symlink(tmp_path / "file", tmp_path / "link")
    assert not is_stream(str(tmp_path / "file")) and not is_stream(str(tmp_path / "link"))
    assert not is_stream(str(tmp_path / "missing.svg"))


def test_a_link_to_stdout_is_written_through_not_replaced(mapfile: Path, tmp_path: Path) -> None:
    """`render -o /dev/stdout > file` wrote a regular file over the link and left `file` empty."""
    link = tmp_path / "out"
    os.symlink("/proc/self/fd/1", link)
    target = tmp_path / "captured.svg"
    with open(target, "wb") as stdout:
        proc = subprocess.run(
            [sys.executable, "-m", "argmap", "render", str(mapfile), "-o", str(link)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert os.readlink(link) == "/proc/self/fd/1"
    assert target.read_bytes().startswith(b"<?xml") and target.read_bytes().rstrip().endswith(b"</svg>")
    with open(target, "wb") as stdout:
        proc = subprocess.run(
            [sys.executable, "-m", "argmap", "brief", str(mapfile), "-o", "/dev/stdout"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert Path("/dev/stdout").is_symlink()
    assert target.read_text(encoding="utf-8").startswith("# Debate brief: School uniforms\n")


@pytest.mark.parametrize("command", [["render"], ["brief"]])
def test_dev_null_needs_no_format(command: list[str], mapfile: Path) -> None:
    assert run([*command, str(mapfile), "-o", "/dev/null"]) == (0, "", "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlinked_output_stays_a_symlink(mapfile: Path, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "out.dot"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "out.dot"
    os.symlink("real/out.dot", link)
    assert run(["render", str(mapfile), "-o", str(link)]) == (0, "", "")
    assert os.readlink(link) == "real/out.dot"
    assert real.read_bytes().startswith(b"digraph")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.dot"]


def test_a_read_only_output_is_refused_and_left_as_it_was(mapfile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    out.write_bytes(b"precious")
    out.chmod(0o444)
    code, stdout, err = run(["render", str(mapfile), "-o", str(out)])
    assert (code, stdout) == (2, "")
    assert err == f"argmap: {out}: the file is read-only, so it was left as it was (make it writable first)\n"
    assert out.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml", "out.svg"]


SIGTERM_DURING_WRITE = """
import os, signal, sys
real_fsync = os.fsync
def fsync(fd):  # the signal arrives while the new file is being written
    os.kill(os.getpid(), signal.SIGTERM)
    real_fsync(fd)
os.fsync = fsync
from argmap.cli import main
main(sys.argv[1:])
"""


def test_sigterm_during_a_write_leaves_no_temporary_file(mapfile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    out.write_bytes(b"the previous version")
    proc = subprocess.run(
        [sys.executable, "-c", SIGTERM_DURING_WRITE, "render", str(mapfile), "-o", str(out)],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (143, b"", b"argmap: terminated\n")
    assert out.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml", "out.svg"]


def _layout_children(pid: int) -> list[tuple[int, str]]:
    """The layout programs argmap `pid` runs: (pid, start time), the start time telling a reused pid."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if int(fields[1]) == pid and b"-Tsvg" in command:
                found.append((int(entry.name), fields[19]))
    return found


def _start_time(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except OSError:
        return None


def test_sigterm_during_a_render_kills_dot(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "genmap.py"), "4000"], stdout=big.open("wb"), check=True, timeout=120
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", str(big), "--all", "-o", str(tmp_path / "big.svg")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    layout: list[tuple[int, str]] = []
    while not layout and time.monotonic() < deadline and proc.poll() is None:
        layout = _layout_children(proc.pid)
        time.sleep(0.01)
    assert layout, "the layout program never started"
    time.sleep(0.3)  # well inside the layout (it takes seconds), past argmap's start-up
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert err.endswith(b"argmap: terminated\n")
    for pid, started in layout:  # gone (killed and reaped by argmap), not left running on its own
        assert _start_time(pid) != started
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]
