"""Each command's cost as a multiple of `validate` on the same generated map, in one interleaved run.

    python bench/bench_ratios.py [--runs 7] [--size 10000] [--instructions]

The figures issue targets are stated in (brief at most 1.5x validate, eval at most 1.2x, at 10k
claims). Each round runs every command once, the order reversed from round to round, after one
warm-up run each; reported are medians of child CPU time (user + system) and the ratio to validate's
median. Output goes to pipes, as in CI. With --instructions, each command runs once more under
valgrind's callgrind and the ratios are of instruction counts, which the machine's load does not
move (see bench/compare.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from compare import OUT, ROOT, counted, timed  # noqa: E402
from genmap import generate  # noqa: E402

COMMANDS = ("validate", "eval", "brief", "gaps", "show")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds (medians are reported)")
    parser.add_argument("--size", type=int, default=10000, help="claims in the generated map")
    parser.add_argument("--instructions", action="store_true", help="count instructions under valgrind instead")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"map_{args.size}.yaml"
    if not path.exists():
        path.write_text(generate(args.size, seed=0), encoding="utf-8")
    argvs = {name: [name, str(path)] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for name, argv in argvs.items():  # warm-up: caches, and every command must do its work
        code = timed(argv, tree=ROOT)[2]
        if code > 1:
            sys.exit(f"{name} ended with exit {code}: nothing to measure")
    if args.instructions:
        count = {name: counted(argv, tree=ROOT) for name, argv in argvs.items()}
        print(f"{path.name}: instructions of one run each (valgrind callgrind)")
        for name in COMMANDS:
            print(f"{name:<10} {count[name] / 1e6:>7.0f}M instr  {count[name] / count['validate']:>5.2f}x validate")
        return
    for round_ in range(args.runs):
        for name in COMMANDS if round_ % 2 == 0 else COMMANDS[::-1]:
            cpu[name].append(timed(argvs[name], tree=ROOT)[1])
    base = statistics.median(cpu["validate"])
    print(f"{path.name}: medians of {args.runs} interleaved rounds")
    for name in COMMANDS:
        median = statistics.median(cpu[name])
        print(f"{name:<10} {median * 1000:>7.0f} ms cpu  {median / base:>5.2f}x validate", flush=True)


if __name__ == "__main__":
    main()
