"""End-to-end medians of `argmap gaps` and `argmap show`, against `argmap validate` on the same maps.

    python bench/bench_gaps_show.py [--runs N] [--claims N]

Targets: each under 300 ms on maps/assad_isis.yaml; within 1.5x of validate on a 10k-claim map
(written to bench/out/ by bench/genmap.py). Output goes to a pipe, as in CI.

Each run is timed twice: CPU time of the child process (user + system, from getrusage deltas; steady
on a busy machine, and what the targets are about) and wall time. Commands are run in interleaved
rounds, so that a machine that gets busier slows every command alike, and medians are reported.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchenv import child_env  # noqa: E402

ENV = child_env()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_of(args: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one end-to-end run of `argmap ARGS` with output to a pipe."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV
    )
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if proc.returncode not in (0, 1):
        raise SystemExit(f"argmap {' '.join(args)} exited {proc.returncode}")
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median reported)")
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the generated map")
    options = parser.parse_args()
    from genmap import generate

    big = ROOT / "bench" / "out" / f"map_{options.claims}.yaml"
    if not big.exists():
        big.parent.mkdir(parents=True, exist_ok=True)
        big.write_text(generate(options.claims), encoding="utf-8")
    commands = {"validate": ["validate"], "gaps": ["gaps"], "show": ["show", "--width", "100"]}
    print(f"{'map':<22} {'command':<9} {'CPU ms':>8} {'x validate':>11} {'wall ms':>8} {'x validate':>11}")
    for label, path in (("maps/assad_isis.yaml", "maps/assad_isis.yaml"), (f"{options.claims} claims", str(big))):
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        wall: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, args in commands.items():
                c, w = time_of([*args, path])
                cpu[name].append(c)
                wall[name].append(w)
        cpu_median = {name: statistics.median(values) for name, values in cpu.items()}
        wall_median = {name: statistics.median(values) for name, values in wall.items()}
        for name in ("gaps", "show", "validate"):
            print(
                f"{label:<22} {name:<9} {cpu_median[name] * 1000:>8.0f} "
                f"{cpu_median[name] / cpu_median['validate']:>11.2f} {wall_median[name] * 1000:>8.0f} "
                f"{wall_median[name] / wall_median['validate']:>11.2f}"
            )


if __name__ == "__main__":
    main()
