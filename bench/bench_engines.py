"""`argmap render` with each layout program, in one interleaved run: graphviz-pure against the system dot.

    python bench/bench_engines.py [--sizes 1000,10000] [--runs 3]

For each generated map (bench/genmap.py, written to bench/out/map_N.yaml) both programs draw the
whole map (`--all`, so that the overview of large maps does not hide the layout) as SVG, end to end:
`python -m argmap render MAP -o OUT.svg --all`, once with ARGMAP_DOT=dot (the system Graphviz) and
once with graphviz-pure (the default where it is installed), alternating which goes first from
round to round. Reported: medians of child CPU time and wall time, and the ratio pure/system of
each; the ratio is the figure to read.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from benchenv import child_env  # noqa: E402
from genmap import generate  # noqa: E402


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one `python -m argmap ARGV` run; fails loudly."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "argmap", *argv], env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"argmap {' '.join(argv)} failed: {proc.stderr.decode(errors='replace')}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    system = shutil.which("dot")
    if system is None:
        raise SystemExit("the system Graphviz's dot is not on PATH")
    from argmap.render.graphviz import find_pure

    pure = find_pure()
    if pure is None:
        raise SystemExit("graphviz-pure is not installed (pip install graphviz-pure)")
    OUT.mkdir(exist_ok=True)
    programs = {"pure": pure, "system": system}
    print(f"graphviz-pure: {pure}\nsystem dot:    {system}\nmedians of {args.runs} interleaved rounds")
    print(f"{'map':<10} {'pure cpu':>9} {'dot cpu':>9} {'ratio':>6}  {'pure wall':>9} {'dot wall':>9} {'ratio':>6}")
    for size in (int(s) for s in args.sizes.split(",") if s):
        path = OUT / f"map_{size}.yaml"
        if not path.exists():
            path.write_text(generate(size, seed=0), encoding="utf-8")
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
        for round_ in range(args.runs):
            order = list(programs) if round_ % 2 == 0 else list(programs)[::-1]
            for name in order:
                env = {**child_env(), "ARGMAP_DOT": programs[name]}
                argv = ["render", str(path), "-o", str(OUT / f"engines_{name}_{size}.svg"), "--all", "--timeout", "900"]
                runs[name].append(timed(argv, env))
        wall = {name: statistics.median(w for w, _ in runs[name]) for name in programs}
        cpu = {name: statistics.median(c for _, c in runs[name]) for name in programs}
        print(
            f"{size:<10} {cpu['pure']:>8.2f}s {cpu['system']:>8.2f}s {cpu['pure'] / cpu['system']:>5.2f}x  "
            f"{wall['pure']:>8.2f}s {wall['system']:>8.2f}s {wall['pure'] / wall['system']:>5.2f}x",
            flush=True,
        )


if __name__ == "__main__":
    main()
