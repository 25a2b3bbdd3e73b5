"""Benchmark `argmap render`: DOT generation, and SVG end to end beside plain `dot -Tsvg`.

    python bench/bench_render.py [--sizes 100 1000 5000] [--runs 5]

For each size a synthetic map (bench/genmap.py) is written to bench/out/. Reported medians:
- dot-gen: load + view + DOT text in-process (argmap.render.map_to_dot after loading);
- argmap svg: `argmap render MAP -o OUT.svg` in a subprocess (Python start, load, checks, DOT, dot, SVG
  check, atomic write);
- plain dot: `dot -Tsvg` on the same DOT text with the same flags argmap passes (large-map limits);
- overhead: (argmap svg - plain dot) / plain dot.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from genmap import generate  # noqa: E402


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from argmap.loader import load_bytes
    from argmap.render import LARGE_MAP, LARGE_MAP_FLAGS, RenderOptions, map_to_dot

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    print(f"{'claims':>7} {'dot-gen':>9} {'argmap svg':>11} {'plain dot':>10} {'overhead':>9}")
    for size in args.sizes:
        path = out_dir / f"render_{size}.yaml"
        path.write_text(generate(size, seed=1), encoding="utf-8")
        data = path.read_bytes()

        def gen() -> str:
            loaded = load_bytes(data, file=str(path), base_dir=str(out_dir))
            return map_to_dot(loaded.map, RenderOptions(format="dot"))[0]

        source = gen()
        dot_file = out_dir / f"render_{size}.dot"
        dot_file.write_text(source, encoding="utf-8")
        flags = list(LARGE_MAP_FLAGS) if size > LARGE_MAP else []
        svg_out = out_dir / f"render_{size}.svg"
        t_gen = median_time(gen, args.runs)
        t_argmap = median_time(lambda: subprocess.run(
            [sys.executable, "-m", "argmap", "render", str(path), "-o", str(svg_out), "--timeout", "600"],
            check=True, capture_output=True), args.runs)
        t_dot = median_time(lambda: subprocess.run(
            ["dot", "-Tsvg", *flags, str(dot_file)], check=True, capture_output=True), args.runs)
        overhead = (t_argmap - t_dot) / t_dot
        print(f"{size:>7} {t_gen:>8.3f}s {t_argmap:>10.3f}s {t_dot:>9.3f}s {overhead:>8.1%}", flush=True)


if __name__ == "__main__":
    main()
