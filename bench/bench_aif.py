"""Reading a directory of 661 small AIF nodesets (2-26 claims each) in one process: the AIF reader,
then argmap's checks, then the AIF writer, per file; prints the total and per-file medians. Then the
issue's figure itself: `argmap convert DIR -o OUT --to argmap`, one call as a user runs it (a new
process, output written), median wall time of --runs calls (target: under 10 s).

    .venv/bin/python bench/bench_aif.py [--runs N]
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.checks.runner import check_map
from argmap.formats.aif import read, write

OUT = Path(__file__).parent / "out" / "aif661"


def nodeset(rng: random.Random, claims: int) -> dict[str, object]:
    nodes: list[dict[str, object]] = []
    edges: list[dict[str, object]] = []
    for i in range(claims):
        nodes.append({"nodeID": str(i), "text": f"Claim number {i} of a small debate.", "type": "I"})
        nodes.append({"nodeID": f"L{i}", "text": f"Speaker{i % 3} : claim number {i}", "type": "L"})
        nodes.append({"nodeID": f"Y{i}", "text": "Asserting", "type": "YA"})
        edges += [{"fromID": f"L{i}", "toID": f"Y{i}"}, {"fromID": f"Y{i}", "toID": str(i)}]
    for i in range(1, claims):
        target = str(rng.randrange(i))
        kind = rng.choice(("RA", "RA", "CA"))
        nodes.append({"nodeID": f"S{i}", "text": "Default Inference", "type": kind})
        edges += [{"fromID": str(i), "toID": f"S{i}"}, {"fromID": f"S{i}", "toID": target}]
    return {"nodes": nodes, "edges": edges, "locutions": []}


def main() -> None:
    rng = random.Random(661)
    OUT.mkdir(parents=True, exist_ok=True)
    for n in range(661):
        (OUT / f"{n:03}.aif").write_text(json.dumps(nodeset(rng, rng.randint(2, 26))))
    files = sorted(OUT.glob("*.aif"))
    times = []
    start = time.perf_counter()
    problems = 0
    for path in files:
        t0 = time.perf_counter()
        result = read(path.read_bytes(), file=str(path))
        assert result.map is not None
        problems += sum(1 for p in [*result.problems, *check_map(result.map)] if p.severity >= 2)
        write(result.map)
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    print(
        f"{len(files)} files: {total:.2f} s total, "
        f"median {statistics.median(times) * 1000:.1f} ms/file, errors {problems}"
    )
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    walls = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as target:
            command = [sys.executable, "-m", "argmap", "convert", str(OUT), "-o", target, "--to", "argmap"]
            t0 = time.perf_counter()
            done = subprocess.run([*command, "--format", "json"], capture_output=True, check=False)
            walls.append(time.perf_counter() - t0)
            summary = json.loads(done.stdout)["summary"]
    print(
        f"argmap convert DIR -o OUT --to argmap: median {statistics.median(walls):.2f} s wall of {runs} calls "
        f"(exit {done.returncode}; {summary['written']} written, {summary['failed']} failed)"
    )


if __name__ == "__main__":
    main()
