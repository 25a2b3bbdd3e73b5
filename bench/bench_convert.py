"""End-to-end medians of `argmap convert` to each writer, against `argmap validate` on the same map.

    python bench/bench_convert.py [--runs N] [--claims N]

Target: converting a 10k-claim map (bench/genmap.py, written to bench/out/) to any writer within 2x
of validate on it. Commands run in interleaved rounds (a machine that gets busier slows each alike);
CPU time of the child (user + system) and wall time are both reported, as medians, with each one's
ratio to validate's in the same rounds. Mermaid refuses a map past its default limits (500 edges):
on the 10k map it builds the whole flowchart and then refuses, which is the same work, and exits 1.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_gaps_show import time_of  # noqa: E402

WRITERS = {
    "argmap": "yaml",
    "json": "json",
    "mermaid": "mmd",
    "graphml": "graphml",
    "markdown": "md",
    "argdown": "argdown",
    "aif": "aif",
}


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
    with tempfile.TemporaryDirectory() as out:
        commands = {"validate": ["validate", str(big)]}
        for name, extension in WRITERS.items():
            commands[f"to {name}"] = ["convert", str(big), "-o", str(Path(out) / f"map.{extension}")]
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        wall: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, args in commands.items():
                c, w = time_of(args)
                cpu[name].append(c)
                wall[name].append(w)
    cpu_median = {name: statistics.median(values) for name, values in cpu.items()}
    wall_median = {name: statistics.median(values) for name, values in wall.items()}
    print(f"{options.claims} claims, {options.runs} interleaved runs")
    print(f"{'command':<12} {'CPU ms':>8} {'x validate':>11} {'wall ms':>8} {'x validate':>11}")
    for name in commands:
        print(
            f"{name:<12} {cpu_median[name] * 1000:>8.0f} {cpu_median[name] / cpu_median['validate']:>11.2f} "
            f"{wall_median[name] * 1000:>8.0f} {wall_median[name] / wall_median['validate']:>11.2f}"
        )


if __name__ == "__main__":
    main()
