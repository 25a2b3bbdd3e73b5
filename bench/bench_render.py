"""Benchmark `argmap render`: argmap's own time beside plain `dot -Tsvg` on the same DOT.

    python bench/bench_render.py [--sizes 100 1000 5000] [--runs 5] [--baseline DIR]

For each size a synthetic map (bench/genmap.py) is written to bench/out/render_N.yaml, and its DOT
to bench/out/render_N.dot. Then, in rounds (the commands of one round run one after the other, in
an order that alternates between rounds, so that a busy machine slows all of them alike):

- argmap: `python -m argmap render MAP -o OUT.svg` (Python start-up, imports, load, checks, view,
  DOT, dot, SVG check, atomic write);
- dot: plain `dot -Tsvg` reading the same DOT on stdin, with the flags argmap passes (the layout
  limits past LARGE_MAP claims);
- argmap .dot: `python -m argmap render MAP -o OUT.dot`: all of argmap's own work for an SVG but
  the SVG check, with no Graphviz run;
- baseline (with --baseline DIR): the same argmap command run from the source tree DIR (an older
  checkout), to compare two versions in the same conditions.

Each is reported as the median wall time and the median CPU time (user + system) of the child
processes, from resource.getrusage(RUSAGE_CHILDREN) before and after each run; it includes dot's
CPU time when argmap runs it. CPU time is the steadier figure on a shared machine. "overhead" is
(argmap - dot) / dot; on a busy machine this difference of two long runs is noisy, so "own" adds
a steadier estimate: (argmap .dot + the SVG check measured in this process) / dot. A last table
splits argmap's own work by step, measured in this process
(medians of wall time; the Python start-up is `python -c pass` and the imports are measured in a
fresh interpreter).
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from benchenv import child_env  # noqa: E402
from genmap import generate  # noqa: E402

IMPORTS = (
    "import argmap.cli, argmap.commands.render, argmap.render.pipeline, argmap.views.diagram, argmap.render.dot, "
    "argmap.render.graphviz, argmap.render.check, "
    "argmap.formats.argmap_yaml, argmap.checks.runner, graphviz, xml.etree.ElementTree"
)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(
    args: list[str], *, stdin_path: Path | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> tuple[float, float]:
    """Wall and child CPU seconds of one run of `args` (which must succeed)."""
    with contextlib.ExitStack() as stack:
        stdin = stack.enter_context(open(stdin_path, "rb")) if stdin_path else subprocess.DEVNULL
        cpu = children_cpu()
        start = time.perf_counter()
        subprocess.run(
            args, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, env=env, cwd=cwd
        )
        wall = time.perf_counter() - start
        return wall, children_cpu() - cpu


def median_in_process(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from argmap.formats.argmap_yaml import load_bytes
    from argmap.render.graphviz import LARGE_MAP, LARGE_MAP_FLAGS
    from argmap.render.pipeline import RenderOptions, map_to_dot

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=5, help="rounds per size (medians are reported)")
    parser.add_argument(
        "--baseline", type=Path, metavar="DIR", help="also time argmap from this source tree (an older checkout)"
    )
    args = parser.parse_args()
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    python = sys.executable

    variants: dict[str, Callable[[Path, Path, Path, list[str]], tuple[float, float]]] = {
        "argmap": lambda yaml, dot, svg, flags: timed_run(
            [python, "-m", "argmap", "render", str(yaml), "-o", str(svg), "--timeout", "900"], env=child_env()
        ),
        "dot": lambda yaml, dot, svg, flags: timed_run(["dot", "-Tsvg", *flags], stdin_path=dot),
        "argmap .dot": lambda yaml, dot, svg, flags: timed_run(
            [python, "-m", "argmap", "render", str(yaml), "-o", str(svg.with_suffix(".argmap.dot"))], env=child_env()
        ),
    }
    if args.baseline is not None:
        baseline = args.baseline.resolve()
        variants["baseline"] = lambda yaml, dot, svg, flags: timed_run(
            [python, "-m", "argmap", "render", str(yaml), "-o", str(svg), "--timeout", "900"],
            env=child_env(baseline),
            cwd=baseline,
        )

    print(f"medians of {args.runs} interleaved rounds; wall s / child CPU s (user + system)")
    widths = {name: max(11, len(name) + 5) for name in variants}
    header = f"{'claims':>7} " + " ".join(f"{name + ' wall':>{widths[name]}} {'cpu':>7}" for name in variants)
    print(header + f" {'overhead wall':>14} {'overhead cpu':>13} {'own cpu':>8}")
    phases: list[tuple[int, dict[str, float]]] = []
    for size in args.sizes:
        path = out_dir / f"render_{size}.yaml"
        path.write_text(generate(size, seed=1), encoding="utf-8")
        data = path.read_bytes()
        source, count = map_to_dot(
            load_bytes(data, file=str(path), base_dir=str(out_dir)).map, RenderOptions(format="dot")
        )
        dot_file = out_dir / f"render_{size}.dot"
        dot_file.write_text(source, encoding="utf-8")
        flags = list(LARGE_MAP_FLAGS) if count > LARGE_MAP else []
        svg_out = out_dir / f"render_{size}.svg"
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        names = list(variants)
        for name in names:  # warm-up: bytecode cache, file cache
            variants[name](path, dot_file, svg_out, flags)
        for round_ in range(args.runs):
            for name in names if round_ % 2 == 0 else names[::-1]:
                results[name].append(variants[name](path, dot_file, svg_out, flags))
        med = {
            name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
            for name, runs in results.items()
        }
        over_wall = (med["argmap"][0] - med["dot"][0]) / med["dot"][0]
        over_cpu = (med["argmap"][1] - med["dot"][1]) / med["dot"][1]
        steps = step_times(data, path, out_dir, svg_out, args.runs)
        phases.append((size, steps))
        own = (med["argmap .dot"][1] + steps["svg"]) / med["dot"][1]
        row = f"{size:>7} " + " ".join(f"{med[name][0]:>{widths[name]}.3f} {med[name][1]:>7.3f}" for name in variants)
        print(row + f" {over_wall:>14.0%} {over_cpu:>13.0%} {own:>8.0%}", flush=True)

    start_up = statistics.median(timed_run([python, "-c", "pass"], env=child_env())[0] for _ in range(args.runs))
    imports = statistics.median(in_fresh_interpreter(IMPORTS) for _ in range(args.runs))
    print(f"\nargmap's own steps (median wall s): Python start-up {start_up:.3f}, imports {imports:.3f}")
    print(f"{'claims':>7} {'load':>7} {'checks':>7} {'view':>7} {'DOT':>7} {'SVG check':>10}")
    for size, steps in phases:
        print(
            f"{size:>7} {steps['load']:>7.3f} {steps['checks']:>7.3f} {steps['view']:>7.3f} "
            f"{steps['dot']:>7.3f} {steps['svg']:>10.3f}"
        )


def in_fresh_interpreter(statement: str) -> float:
    """Seconds a fresh interpreter spends on `statement` (measured inside it)."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, text=True, cwd=ROOT, env=child_env()
    )
    return float(out.stdout)


def step_times(data: bytes, path: Path, out_dir: Path, svg: Path, runs: int) -> dict[str, float]:
    """Median wall time of each of argmap's own steps, in this process."""
    import gc

    from argmap.checks.runner import check_map
    from argmap.formats.argmap_yaml import load_bytes
    from argmap.render.check import check_svg
    from argmap.render.dot import to_dot
    from argmap.views.diagram import build_view

    svg_bytes = svg.read_bytes()
    argmap = load_bytes(data, file=str(path), base_dir=str(out_dir)).map
    view = build_view(argmap)
    gc.disable()  # as the CLI runs
    try:
        return {
            "load": median_in_process(lambda: load_bytes(data, file=str(path), base_dir=str(out_dir)), runs),
            "checks": median_in_process(lambda: check_map(argmap), runs),
            "view": median_in_process(lambda: build_view(argmap), runs),
            "dot": median_in_process(lambda: to_dot(view), runs),
            "svg": median_in_process(lambda: check_svg(svg_bytes), runs),
        }
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
