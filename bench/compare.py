"""Every command, this source tree against another one (an older checkout), in one interleaved run.

    git worktree add /tmp/argmap-base <commit>      # the tree to compare against
    python bench/compare.py /tmp/argmap-base [--runs 7] [--sizes 1000,10000] [--instructions]

For each case (start-up, validate, gaps, show, eval, brief, render to DOT and to SVG, on the Assad map
(the baseline's copy, which both trees read) and on generated maps of each size), both trees run the
same argmap command on the same file, alternating which goes first from round to round, after one
warm-up run each. Reported: medians of child CPU time (user + system) and of wall time, and the ratio
this/baseline of each. The ratio is the figure to read: absolute times move with the machine's load,
ratios measured in one run do not. A case that either tree ends with exit 2 (or the two with different
exit codes) did not do the same work, and is reported as not comparable. Output goes to pipes or
bench/out/, as in CI.

With --instructions, each case runs once per tree under valgrind's callgrind instead, and the
figures are instruction counts: the same for the same code and input however busy the machine
is, so that a change of a few percent can be seen on a machine whose times move by more.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from benchenv import child_env  # noqa: E402
from genmap import generate  # noqa: E402


def _run(command: list[str], *, tree: Path) -> int:
    """Run `command` from source tree `tree` as an installed argmap runs, output to pipes; its exit code."""
    done = subprocess.run(
        command,
        cwd=tree,
        env=child_env(tree),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return done.returncode


def timed(argv: list[str], *, tree: Path) -> tuple[float, float, int]:
    """(wall seconds, child CPU seconds, exit code) of one run of `python -m argmap ARGV` from source
    tree `tree`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = _run([sys.executable, "-m", "argmap", *argv], tree=tree)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), code


def counted(argv: list[str], *, tree: Path) -> int:
    """Instructions of one run of `python -m argmap ARGV` from source tree `tree`, counted by
    valgrind's callgrind: the same count for the same code and input however busy the machine is,
    so that a change of a few percent shows in one run. Only the Python process is counted (a `dot`
    it starts is not), and a count is not a time (a cache miss costs no more instructions than a
    hit): read it beside the CPU times."""
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "callgrind.log"
        valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", f"--log-file={log}"]
        _run([*valgrind, sys.executable, "-m", "argmap", *argv], tree=tree)
        found = re.search(r"refs:\s+([\d,]+)", log.read_text(encoding="utf-8", errors="replace"))
    if found is None:
        sys.exit(f"valgrind gave no instruction count for {' '.join(argv)}")
    return int(found.group(1).replace(",", ""))


def comparable(name: str, argv: list[str], trees: dict[str, Path]) -> bool:
    """Run the case once in each tree (a warm-up: caches, bytecode) and say whether both did the
    same work; a case that either ends with exit 2, or the two with different codes, is reported."""
    codes = {tree: timed(argv, tree=path)[2] for tree, path in trees.items()}
    if codes["this"] != codes["baseline"] or codes["this"] > 1:
        print(f"{name:<22} not comparable: exit {codes['this']} here, {codes['baseline']} in the baseline")
        return False
    return True


def cases(sizes: list[int], assad: str) -> list[tuple[str, list[str]]]:
    """(name, argv) of every case; generated maps are written to bench/out/ once."""
    OUT.mkdir(exist_ok=True)
    result: list[tuple[str, list[str]]] = [("--version", ["--version"])]
    maps = [("assad", assad)]
    for size in sizes:
        path = OUT / f"map_{size}.yaml"
        if not path.exists():
            path.write_text(generate(size, seed=0), encoding="utf-8")
        maps.append((f"{size // 1000}k" if size >= 1000 else str(size), str(path)))
    for label, path in maps:
        result += [
            (f"validate {label}", ["validate", path]),
            (f"gaps {label}", ["gaps", path]),
            (f"show {label}", ["show", path, "--width", "100"]),
            (f"eval {label}", ["eval", path]),
            (f"brief {label}", ["brief", path]),
            (f"render .dot {label}", ["render", path, "-o", str(OUT / f"compare_{label}.dot")]),
        ]
        if label == "assad" or label == "1k":
            result.append((f"render .svg {label}", ["render", path, "-o", str(OUT / f"compare_{label}.svg")]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", type=Path, help="the source tree to compare against")
    parser.add_argument("--runs", type=int, default=7, help="rounds per case (medians are reported)")
    parser.add_argument("--sizes", default="1000,10000", help="generated map sizes, comma separated")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under valgrind (one run per case and tree, after a warm-up) instead of timing",
    )
    parser.add_argument(
        "--assad",
        type=Path,
        help="the Assad map both trees run on (default: the baseline's own maps/assad_isis.yaml, which an "
        "older tree can read; this tree reads every older map format too)",
    )
    args = parser.parse_args()
    baseline = args.baseline.resolve()
    if not (baseline / "argmap" / "__init__.py").is_file():
        parser.error(f"{baseline} holds no argmap source tree")
    assad = str((args.assad or baseline / "maps" / "assad_isis.yaml").resolve())
    trees = {"this": ROOT, "baseline": baseline}
    print(f"this tree: {ROOT}\nbaseline:  {baseline}\nAssad map: {assad}")
    sizes = [int(size) for size in args.sizes.split(",") if size]
    chosen = [(name, argv) for name, argv in cases(sizes, assad) if args.only in name]
    if args.instructions:
        compare_instructions(chosen, trees)
        return
    print(f"medians of {args.runs} interleaved rounds; {os.cpu_count()} CPUs")
    print(f"{'case':<22} {'this cpu':>9} {'base cpu':>9} {'ratio':>6}  {'this wall':>9} {'base wall':>9} {'ratio':>6}")
    ratios: list[float] = []
    for name, argv in chosen:
        if not comparable(name, argv, trees):
            continue
        runs: dict[str, list[tuple[float, float, int]]] = {tree: [] for tree in trees}
        for round_ in range(args.runs):
            order = list(trees) if round_ % 2 == 0 else list(trees)[::-1]
            for tree in order:
                runs[tree].append(timed(argv, tree=trees[tree]))
        wall = {tree: statistics.median(w for w, _, _ in runs[tree]) for tree in trees}
        cpu = {tree: statistics.median(c for _, c, _ in runs[tree]) for tree in trees}
        ratio = cpu["this"] / cpu["baseline"] if cpu["baseline"] else float("nan")
        ratios.append(ratio)
        print(
            f"{name:<22} {cpu['this'] * 1000:>7.0f}ms {cpu['baseline'] * 1000:>7.0f}ms {ratio:>5.2f}x  "
            f"{wall['this'] * 1000:>7.0f}ms {wall['baseline'] * 1000:>7.0f}ms "
            f"{wall['this'] / wall['baseline']:>5.2f}x",
            flush=True,
        )
    if ratios:
        print(f"CPU ratio: median {statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x")


def compare_instructions(chosen: list[tuple[str, list[str]]], trees: dict[str, Path]) -> None:
    """The cases counted in instructions (millions), this tree against the baseline."""
    print("instructions of the Python process (valgrind callgrind), millions; one run each after a warm-up")
    print(f"{'case':<22} {'this':>9} {'baseline':>9} {'ratio':>6}")
    ratios: list[float] = []
    for name, argv in chosen:
        if not comparable(name, argv, trees):
            continue
        count = {tree: counted(argv, tree=path) for tree, path in trees.items()}
        ratio = count["this"] / count["baseline"]
        ratios.append(ratio)
        print(f"{name:<22} {count['this'] / 1e6:>8.0f}M {count['baseline'] / 1e6:>8.0f}M {ratio:>5.2f}x", flush=True)
    if ratios:
        print(f"instruction ratio: median {statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x")


if __name__ == "__main__":
    main()
