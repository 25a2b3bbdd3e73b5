"""End-to-end medians of `argmap gaps` and `argmap show`, against `argmap validate` on the same maps.

    python bench/bench_gaps_show.py [--runs N] [--claims N]

Targets: each under 300 ms on maps/assad_isis.yaml; within 1.5x of validate on a 10k-claim map
(written to bench/out/ by bench/genmap.py). Output goes to a pipe, as in CI.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def seconds_of(args: list[str]) -> float:
    """Wall time of one end-to-end run of `argmap ARGS` with output to a pipe."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"argmap {' '.join(args)} exited {proc.returncode}")
    return elapsed


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
    rows = []
    commands = {"validate": ["validate"], "gaps": ["gaps"], "show": ["show", "--width", "100"]}
    for label, path in (("maps/assad_isis.yaml", "maps/assad_isis.yaml"), (f"{options.claims} claims", str(big))):
        # Interleaved rounds, so that a busy machine slows every command alike.
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, args in commands.items():
                times[name].append(seconds_of([*args, path]))
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name in ("gaps", "show", "validate"):
            rows.append((label, name, medians[name], medians[name] / medians["validate"]))
    print(f"{'map':<22} {'command':<9} {'median ms':>10} {'x validate':>11}")
    for label, command, seconds, ratio in rows:
        print(f"{label:<22} {command:<9} {seconds * 1000:>10.0f} {ratio:>11.2f}")


if __name__ == "__main__":
    main()
