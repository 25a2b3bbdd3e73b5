"""Speed of `argmap --version` and `argmap validate`, as medians of end-to-end runs.

    python bench/bench_validate.py [--runs N] [--sizes 1000,10000,100000] [--format2]

Reports, on this machine: `argmap --version`; validate of maps/assad_isis.yaml; and for generated
maps of each size, validate end to end beside PyYAML's libyaml `yaml.compose` of the same file (the
floor for any YAML reader that keeps positions; measured in a fresh process with the garbage
collector paused; the two run in turns, so that their ratio holds while the machine's speed
moves), with peak memory of the validate process. `--format2` adds generated format-2
maps of the same sizes (linked arguments, undercuts, assumptions: bench/genmap.py --format2).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from benchenv import child_env  # noqa: E402
from genmap import generate  # noqa: E402

COMPOSE = (
    "import gc, sys, yaml; data = open(sys.argv[1], 'rb').read().decode(); gc.disable(); "
    "yaml.compose(data, Loader=yaml.CSafeLoader)"
)


def timed(cmd: list[str]) -> tuple[float, int]:
    """CPU time (user + system) of one run of the child, and its peak RSS (KiB).

    CPU time rather than wall time: it is what the code costs, and it varies far less than wall
    time when other work shares the machine's two cores. Wall time is printed alongside.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    WALL.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, after.ru_maxrss


WALL: list[float] = []
ENV = child_env()


def median_of(cmd: list[str], runs: int) -> tuple[float, int]:
    WALL.clear()
    results = [timed(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def paired(first: list[str], second: list[str], runs: int) -> tuple[tuple[float, float, int], float]:
    """(median CPU, median wall, peak RSS) of `first` and the median CPU of `second`, run in turns
    (which goes first alternates from round to round), so that a change in the machine's speed
    during the run moves both alike and their ratio stays comparable."""
    cpu: dict[int, list[float]] = {0: [], 1: []}
    wall: list[float] = []
    rss = 0
    for round_ in range(runs):
        for which in (0, 1) if round_ % 2 == 0 else (1, 0):
            WALL.clear()
            seconds, peak = timed(first if which == 0 else second)
            cpu[which].append(seconds)
            if which == 0:
                wall.append(WALL[0])
                rss = max(rss, peak)
    return (statistics.median(cpu[0]), statistics.median(wall), rss), statistics.median(cpu[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--format2", action="store_true", help="also time generated format-2 maps")
    args = parser.parse_args()
    argmap = [sys.executable, "-m", "argmap"]
    rows = []
    version, _ = median_of([*argmap, "--version"], args.runs)
    rows.append(("argmap --version", version, statistics.median(WALL), None, None, None))
    assad, _ = median_of([*argmap, "validate", "maps/assad_isis.yaml"], args.runs)
    rows.append(("validate maps/assad_isis.yaml", assad, statistics.median(WALL), None, None, None))
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    cases = [(size, False) for size in sizes] + ([(size, True) for size in sizes] if args.format2 else [])
    for size, format2 in cases:
        path = OUT / (f"map2_{size}.yaml" if format2 else f"map_{size}.yaml")
        if not path.exists():
            path.write_text(generate(size, seed=0, format2=format2), encoding="utf-8")
        runs = args.runs if size < 100_000 else max(1, min(args.runs, 3))
        (validate, wall, rss), compose = paired(
            [*argmap, "validate", str(path)], [sys.executable, "-c", COMPOSE, str(path)], runs
        )
        rows.append(
            (
                f"validate {size} claims{' (format 2)' if format2 else ''} ({path.stat().st_size / 1e6:.1f} MB)",
                validate,
                wall,
                compose,
                validate / compose,
                rss,
            )
        )
    print("medians of CPU time (user+system) per run; wall time beside it")
    print(f"{'case':<44} {'cpu':>9} {'wall':>9} {'compose':>9} {'ratio':>6} {'peak RSS':>10}")
    for name, seconds, wall, compose, ratio, rss in rows:
        print(
            f"{name:<44} {seconds * 1000:>7.0f}ms {wall * 1000:>7.0f}ms "
            f"{'' if compose is None else f'{compose * 1000:.0f}ms':>9} "
            f"{'' if ratio is None else f'{ratio:.2f}x':>6} "
            f"{'' if rss is None else f'{rss / 1024:.0f} MB':>10}"
        )


if __name__ == "__main__":
    main()
