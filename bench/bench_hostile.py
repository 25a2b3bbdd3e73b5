"""Time, peak memory and output size of argmap on the hostile maps of bench/hostile_maps.py (issue 17).

    .venv/bin/python bench/bench_hostile.py                  # every case, at the sizes the issue names
    .venv/bin/python bench/bench_hostile.py --scale 0.1      # smaller
    .venv/bin/python bench/bench_hostile.py --only brief     # the cases whose name contains 'brief'

Each case runs once in a child process, with a time limit (--timeout, default 120 s) and an
address-space limit (--memory, default 3000 MB); wall time, the child's own peak RSS, the bytes it
wrote to stdout and its exit code are printed. A case past a limit shows '>' before the limit.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import hostile_maps

#: (kind, size, command arguments; {map} is the map's path, {out} an output path)
CASES: list[tuple[str, int, tuple[str, ...]]] = [
    ("unknown-refs", 1000, ("validate", "{map}")),
    ("unknown-sources", 400, ("validate", "{map}")),
    ("unknown-expect", 400, ("validate", "{map}")),
    ("self-refs", 8000, ("validate", "{map}")),
    ("attack-cycle", 8000, ("validate", "{map}")),
    ("attack-cycle", 8000, ("eval", "{map}")),
    ("attack-cycle", 8000, ("brief", "{map}")),
    ("attack-cycle", 700, ("eval", "--explain", "t", "{map}")),
    ("support-cycle", 8000, ("validate", "{map}")),
    ("support-cycle", 8000, ("eval", "{map}")),
    ("support-cycle", 8000, ("brief", "{map}")),
    ("support-cycle", 700, ("eval", "--explain", "t", "{map}")),
    ("long-claim", 800_000, ("render", "-o", "{out}.dot", "{map}")),
    ("long-claim", 10_000_000, ("render", "-o", "{out}.dot", "{map}")),
    ("wide-correlation", 40_000, ("gaps", "{map}")),
    ("wide-correlation", 40_000, ("show", "{map}")),
    ("wide-correlation", 40_000, ("brief", "{map}")),
    ("many-citations", 40_000, ("render", "-o", "{out}.dot", "{map}")),
    ("via-chain", 8000, ("gaps", "{map}")),
    ("via-chain", 8000, ("show", "{map}")),
    ("via-chain", 8000, ("brief", "{map}")),
    ("ref-ladder", 8000, ("gaps", "{map}")),
    ("ref-ladder", 8000, ("show", "{map}")),
    ("ref-ladder", 8000, ("brief", "{map}")),
    ("shared-subtree", 1000, ("brief", "{map}")),
    ("shared-snapshot", 40, ("validate", "{map}")),
    ("long-version-list", 1_000_000, ("validate", "{map}")),
    ("deep-version-list", 900, ("validate", "{map}")),
]
#: the size of the one snapshot file every source of `shared-snapshot` names, at scale 1
SNAPSHOT_BYTES = 60 * 2**20


def _limits(memory_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))


def run_case(
    kind: str, n: int, args: tuple[str, ...], folder: Path, *, timeout: float, memory_mb: int, scale: float
) -> str:
    path = folder / f"{kind}-{n}.yaml"
    path.write_text(hostile_maps.KINDS[kind](n))
    if kind == "shared-snapshot":
        line = b"word " * 15 + b"\n"
        (folder / "snapshot.txt").write_bytes(line * int(SNAPSHOT_BYTES * scale / len(line)))
    argv = [a.format(map=path, out=folder / "out") for a in args]
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "argmap", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: _limits(memory_mb),
    )
    killer = threading.Timer(timeout, child.kill)
    killer.start()
    written = 0
    assert child.stdout is not None
    while chunk := child.stdout.read(1 << 20):
        written += len(chunk)
    _, status, usage = os.wait4(child.pid, 0)
    killer.cancel()
    timed_out = time.perf_counter() - start >= timeout
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    size = path.stat().st_size
    mark = ">" if timed_out else " "
    return (
        f"{' '.join(args[:-1] if args[-1] == '{map}' else args):28.28} {kind:17} {n:>10} {size / 1024:9.0f} KB"
        f" {mark}{wall:7.2f} s {usage.ru_maxrss // 1024:6} MB {written / 1024:10.0f} KB out  exit {code}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--memory", type=int, default=3000, help="address-space limit in MB")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="argmap-hostile-"))
    try:
        print(f"{'command':28} {'map':17} {'size':>10} {'file':>12} {'time':>10} {'peak':>9} {'stdout':>17}")
        for kind, size, args in CASES:
            if options.only not in f"{' '.join(args)} {kind}":
                continue
            n = max(2, int(size * options.scale))
            line = run_case(
                kind, n, args, folder, timeout=options.timeout, memory_mb=options.memory, scale=options.scale
            )
            print(line, flush=True)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
