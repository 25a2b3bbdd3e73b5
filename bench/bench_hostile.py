"""Time and peak memory of argmap on the hostile maps of bench/hostile_maps.py (issue 17).

    .venv/bin/python bench/bench_hostile.py            # the sizes the issue names
    .venv/bin/python bench/bench_hostile.py --scale 0.1

Each command runs once in a child process; wall time and the child's peak RSS are printed.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import hostile_maps

CASES = [
    ("unknown-refs", 1000, "validate"),
    ("self-refs", 8000, "validate"),
    ("attack-cycle", 8000, "validate"),
    ("attack-cycle", 8000, "eval"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    scale = parser.parse_args().scale
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    for kind, size, command in CASES:
        n = max(2, int(size * scale))
        path = out / f"hostile-{kind}-{n}.yaml"
        path.write_text(hostile_maps.KINDS[kind](n))
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "argmap", command, str(path)], capture_output=True, timeout=600)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        print(f"{command:9} {kind:13} {n:6} claims  {wall:7.2f} s  peak RSS so far {peak} MB")


if __name__ == "__main__":
    main()
