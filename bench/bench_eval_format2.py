"""eval's core on format-2 frameworks of 10k, 50k and 100k claims: time per claim should stay flat.

    python bench/bench_eval_format2.py [--repeat N]

The maps are built as models directly (no YAML; the reader is measured by bench_validate.py): a
tree of claims where every third support is a linked argument of two or three premises with an
assumption, every fifth step is undercut, counterpoints and rebuttals alternate, and one claim in
fifty adds a ref. Both semantics, medians of N runs, in this process, with the garbage collector
paused as the CLI pauses it.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argmap.analysis.evaluate import evaluate
from argmap.model import ArgMap, Argument, Claim, ClaimKind, Edge, Position

P = Position("bench.yaml", 1, 1)


def framework(n: int, *, seed: int = 0) -> ArgMap:
    rng = random.Random(seed)
    claims = [Claim("c0", "thesis", ClaimKind.THESIS, P)]
    edges: list[Edge] = []
    arguments: list[Argument] = []
    i = 1
    while i < n:
        parent = rng.randrange(0, i)
        roll = rng.random()
        if roll < 0.3 and i + 3 < n:
            ids = [f"c{i}", f"c{i + 1}", f"c{i + 2}"]
            argument = Argument(f"a{i}", f"c{parent}", P, (ids[0], ids[1]), (ids[2],), weight=rng.random())
            arguments.append(argument)
            for claim_id, kind in zip(ids, (ClaimKind.PREMISE, ClaimKind.PREMISE, ClaimKind.ASSUMPTION), strict=True):
                claims.append(Claim(claim_id, "x", kind, P, parent=f"c{parent}", argument=argument.id))
                edges.append(Edge(claim_id, f"c{parent}", kind, P, argument=argument.id))
            if rng.random() < 0.2:
                claims.append(Claim(f"c{i + 3}", "u", ClaimKind.UNDERCUT, P, parent=f"c{parent}", argument=argument.id))
                edges.append(Edge(f"c{i + 3}", f"c{parent}", ClaimKind.UNDERCUT, P, argument=argument.id))
                i += 1
            i += 3
            continue
        kind = ClaimKind.PREMISE if roll < 0.7 else ClaimKind.COUNTERPOINT if roll < 0.85 else ClaimKind.REBUTTAL
        claims.append(Claim(f"c{i}", "x", kind, P, parent=f"c{parent}", weight=rng.random()))
        edges.append(Edge(f"c{i}", f"c{parent}", kind, P))
        if rng.random() < 0.02:
            edges.append(Edge(f"c{rng.randrange(0, i)}", f"c{parent}", ClaimKind.COUNTERPOINT, P, ref=True))
        i += 1
    return ArgMap(
        file="bench.yaml", thesis="c0", claims=tuple(claims), edges=tuple(edges), arguments=tuple(arguments), version=2
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gc.disable()  # as argmap.cli runs every command: the cyclic collector only rescans the model
    print(f"{'claims':>8} {'grounded s':>11} {'us/claim':>9} {'weighed s':>10} {'us/claim':>9}")
    for n in (10_000, 50_000, 100_000):
        argmap = framework(n)
        row = [f"{len(argmap.claims):>8}"]
        for semantics in ("grounded", "weighed"):
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                evaluate(argmap, semantics=semantics)
                times.append(time.perf_counter() - start)
            seconds = statistics.median(times)
            row.append(f"{seconds:>10.3f} {seconds / len(argmap.claims) * 1e6:>9.2f}")
        print(" ".join(row), flush=True)


if __name__ == "__main__":
    main()
