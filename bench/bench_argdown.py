"""`argmap validate` of a generated map beside `argdown json` of the same map written as Argdown.

    python bench/bench_argdown.py [--runs N] [--sizes 1000,10000,100000] [--argdown PATH]

For each size, bench/genmap.py writes the map (to bench/out/) and `argmap convert` writes its
Argdown document; then, in interleaved rounds, `argmap validate map.yaml` and `argdown json
map.argdown DIR` (the Argdown CLI parsing the document and writing its JSON export, the nearest
thing it has to a check) each run once. Medians of CPU time (user + system of the child) and of
wall time are reported with argmap's ratio to Argdown's in the same rounds. Node runs its garbage
collector beside the main thread, so its CPU time exceeds its wall time: both ratios are printed.

The Argdown CLI is `argdown` on PATH unless --argdown or ARGDOWN names it; `npm install
@argdown/cli` installs it (bench/ does not install it). Target: at 100k claims, validate at most
0.5x of `argdown json`.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from benchenv import child_env  # noqa: E402
from genmap import generate  # noqa: E402

ENV = child_env()


def run(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of `cmd`, which must exit 0 or 1."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def map_of(claims: int) -> tuple[Path, Path]:
    """The generated map of `claims` claims and its Argdown document (both made once, in bench/out/)."""
    OUT.mkdir(parents=True, exist_ok=True)
    yaml_path = OUT / f"map_{claims}.yaml"
    if not yaml_path.exists():
        yaml_path.write_text(generate(claims), encoding="utf-8")
    argdown_path = OUT / f"map_{claims}.argdown"
    if not argdown_path.exists() or argdown_path.stat().st_mtime < yaml_path.stat().st_mtime:
        cmd = [sys.executable, "-m", "argmap", "convert", str(yaml_path), "-o", str(argdown_path)]
        subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)
    return yaml_path, argdown_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds (medians reported)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="claims per generated map, comma-separated")
    parser.add_argument("--argdown", default=os.environ.get("ARGDOWN", "argdown"), help="the Argdown CLI")
    options = parser.parse_args()
    argdown = shutil.which(options.argdown)
    if argdown is None:
        raise SystemExit(f"{options.argdown}: not found; `npm install @argdown/cli` installs the Argdown CLI")
    version = subprocess.run([argdown, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"argdown {version}; {options.runs} interleaved rounds; medians")
    heads = ("argmap cpu", "argdown cpu", "ratio", "argmap wall", "argdown wall", "ratio")
    print(f"{'claims':>8} " + " ".join(f"{head:>12}" for head in heads))
    for claims in (int(size) for size in options.sizes.split(",")):
        yaml_path, argdown_path = map_of(claims)
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        with tempfile.TemporaryDirectory() as out:
            for _ in range(options.runs):
                ours.append(run([sys.executable, "-m", "argmap", "validate", str(yaml_path)]))
                theirs.append(run([argdown, "json", str(argdown_path), out]))
        cpu = statistics.median(c for c, _ in ours), statistics.median(c for c, _ in theirs)
        wall = statistics.median(w for _, w in ours), statistics.median(w for _, w in theirs)
        print(
            f"{claims:>8} {cpu[0]:>11.2f}s {cpu[1]:>11.2f}s {cpu[0] / cpu[1]:>11.2f}x "
            f"{wall[0]:>11.2f}s {wall[1]:>11.2f}s {wall[0] / wall[1]:>11.2f}x"
        )


if __name__ == "__main__":
    main()
