"""How many expected labels of Carneades examples (their `tests:` blocks) argmap's eval reproduces,
and whether each graph imports with no error.

.venv/bin/python bench/carneades_expect.py DIR [--by-kind]   # DIR: Carneades *.yml, fetched, not committed

Every test of a graph counts, not only those the import keeps in `expect:` (the importer moves the
ones argmap does not reproduce into claim notes). `--by-kind` sorts the differences under grounded
semantics by their cause (docs/convert.md, "Carneades").
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from argmap.analysis.evaluate import evaluate
from argmap.checks.runner import check_map
from argmap.formats.carneades import read, read_graph
from argmap.model import ArgMap, Expectation


def _kind(argmap: ArgMap, expectation: Expectation, got: str | None, cycle: bool) -> str:
    claim = argmap.claim_index[expectation.claim]
    supported = any(e.parent == claim.id and not e.attacks for e in argmap.edges)
    if cycle:
        return "a support cycle left out"
    if not supported and "Carneades: assumed" not in (claim.note or "") and expectation.label == "falls":
        return "neither assumed nor argued for: given in argmap"
    if got == "undecided":
        return "a mutual attack (issue positions) left undecided"
    return "other"


def main(folder: str, *, by_kind: bool = False) -> None:
    kinds: Counter[str] = Counter()
    for semantics in ("grounded", "weighed"):
        total = hit = files = errors = 0
        for path in sorted(Path(folder).iterdir()):
            data = path.read_bytes()
            result = read_graph(data, file=path.name, only_reproducible=False)
            if result.map is None or not result.map.expect:
                continue
            files += 1
            imported = read(data, file=path.name)
            problems = [*imported.problems, *(check_map(imported.map) if imported.map else ())]
            errors += any(p.severity >= 2 for p in problems)
            cycle = any("support cycle" in p.message for p in result.problems)
            evaluation = evaluate(result.map, semantics=semantics)
            for expectation in result.map.expect:
                verdict = evaluation.verdict(expectation.claim)
                got = verdict.label if verdict is not None else None
                total += 1
                hit += got == expectation.label
                if got != expectation.label and semantics == "grounded":
                    kinds[_kind(result.map, expectation, got, cycle)] += 1
        print(
            f"{semantics}: {hit}/{total} expected labels ({100 * hit / max(total, 1):.0f}%) in {files} files; "
            f"{files - errors} of them import with no error"
        )
    if by_kind:
        for kind, count in kinds.most_common():
            print(f"  {count:3}  {kind}")


if __name__ == "__main__":
    main(sys.argv[1], by_kind="--by-kind" in sys.argv[2:])
