"""How many expected labels of Carneades examples (their `tests:` blocks) argmap's eval reproduces.

.venv/bin/python bench/carneades_expect.py DIR   # DIR: Carneades *.yml files, fetched, not committed
"""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.analysis.evaluate import evaluate
from argmap.formats.carneades import read


def main(folder: str) -> None:
    for semantics in ("grounded", "weighed"):
        total = hit = files = errors = 0
        for path in sorted(Path(folder).iterdir()):
            result = read(path.read_bytes(), file=path.name)
            if result.map is None or not result.map.expect:
                continue
            files += 1
            errors += sum(1 for p in result.problems if p.severity >= 2)
            evaluation = evaluate(result.map, semantics=semantics)
            for expectation in result.map.expect:
                verdict = evaluation.verdict(expectation.claim)
                total += 1
                hit += verdict is not None and verdict.label == expectation.label
        print(f"{semantics}: {hit}/{total} expected labels ({100 * hit / max(total, 1):.0f}%) in {files} files")


if __name__ == "__main__":
    main(sys.argv[1])
