"""End-to-end medians of the editing commands: `fmt --check`, `fmt`, `diff`, beside their floors.

    python bench/bench_edit.py [--runs N] [--claims N]      (ruamel.yaml: pip install -e '.[bench]')

Targets (issue 14): `fmt --check` of maps/assad_isis.yaml under 300 ms; `fmt` of a 1k-claim map under
2 s; `fmt` of a 10k-claim map within 1.3x of ruamel.yaml's own round-trip load and dump of the same
file (the floor for a comment-keeping YAML tool; ruamel's settings are those that keep argmap's maps
byte-identical); `diff` of two 10k-claim maps within 3x of `validate` of one.

The maps are written by bench/genmap.py, which does not write the canonical layout, so `fmt` does
all its work: lay out, read the result back, compare. `fmt` rewrites a fresh copy in every run (the
copy is made outside the timing). Commands run in interleaved rounds and medians are reported, CPU
time (user + system of the child) and wall time; output goes to a pipe, as in CI.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from benchenv import child_env  # noqa: E402

ENV = child_env()
RUAMEL = """\
import sys
from pathlib import Path
from ruamel.yaml import YAML
yaml = YAML()
yaml.width = 4096
yaml.preserve_quotes = True
yaml.indent(mapping=2, sequence=4, offset=2)
data = yaml.load(Path(sys.argv[1]))
yaml.dump(data, sys.stdout)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_of(command: list[str], prepare: Callable[[], None] | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of `command`, after `prepare` (not timed)."""
    if prepare is not None:
        prepare()
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV)
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {proc.returncode}")
    return cpu, wall


def argmap(*args: str) -> list[str]:
    return [sys.executable, "-m", "argmap", *args]


def generated(claims: int, seed: int = 0) -> Path:
    from genmap import generate

    path = OUT / f"map_{claims}{'' if seed == 0 else f'_seed{seed}'}.yaml"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(claims, seed=seed), encoding="utf-8")
    return path


def edited(path: Path) -> Path:
    """A copy of `path` after a review's worth of change: ten claims reworded, one id renamed."""
    target = path.with_name(path.stem + "_edited.yaml")
    if not target.exists():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        changed = 0
        for i, line in enumerate(lines):
            if line.lstrip().startswith("claim: ") and i % 97 == 0 and changed < 10:
                lines[i] = line.rstrip("\n") + " Edited.\n"
                changed += 1
        target.write_text("".join(lines).replace("id: c17\n", "id: c17-renamed\n"), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median reported)")
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the large generated map")
    options = parser.parse_args()
    small, big = generated(1000), generated(options.claims)
    big_edited = edited(big)
    scratch_small, scratch_big = OUT / "fmt_scratch_1k.yaml", OUT / "fmt_scratch_big.yaml"
    assad = str(ROOT / "maps" / "assad_isis.yaml")
    formatted_assad = OUT / "assad_formatted.yaml"
    formatted_assad.write_bytes(
        subprocess.run(
            argmap("fmt", "-"), input=Path(assad).read_bytes(), capture_output=True, env=ENV, check=True
        ).stdout
    )
    try:
        import ruamel.yaml  # noqa: F401

        have_ruamel = True
    except ImportError:
        have_ruamel = False
        print("ruamel.yaml is not installed (pip install -e '.[bench]'): its floor is left out")
    runs: dict[str, tuple[list[str], Callable[[], None] | None]] = {
        "fmt --check assad (changes)": (argmap("fmt", "--check", assad), None),
        "fmt --check assad (formatted)": (argmap("fmt", "--check", str(formatted_assad)), None),
        "validate assad": (argmap("validate", assad), None),
        "fmt 1k": (argmap("fmt", str(scratch_small)), lambda: shutil.copy(small, scratch_small)),
        f"fmt {options.claims}": (argmap("fmt", str(scratch_big)), lambda: shutil.copy(big, scratch_big)),
        f"diff {options.claims}": (argmap("diff", str(big), str(big_edited)), None),
        f"validate {options.claims}": (argmap("validate", str(big)), None),
    }
    if have_ruamel:
        runs[f"ruamel load+dump {options.claims}"] = ([sys.executable, "-c", RUAMEL, str(big)], None)
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    wall: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(options.runs):
        for name, (command, prepare) in runs.items():
            c, w = time_of(command, prepare)
            cpu[name].append(c)
            wall[name].append(w)
    median_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    median_wall = {name: statistics.median(values) for name, values in wall.items()}
    print(f"{'command':<34} {'CPU ms':>8} {'wall ms':>8}")
    for name in runs:
        print(f"{name:<34} {median_cpu[name] * 1000:>8.0f} {median_wall[name] * 1000:>8.0f}")
    big_fmt, big_diff, big_validate = f"fmt {options.claims}", f"diff {options.claims}", f"validate {options.claims}"
    print()
    print(
        f"diff / validate ({options.claims} claims): CPU {median_cpu[big_diff] / median_cpu[big_validate]:.2f}x, "
        f"wall {median_wall[big_diff] / median_wall[big_validate]:.2f}x (target: within 3x)"
    )
    if have_ruamel:
        floor = f"ruamel load+dump {options.claims}"
        print(
            f"fmt / ruamel load+dump ({options.claims} claims): CPU {median_cpu[big_fmt] / median_cpu[floor]:.2f}x, "
            f"wall {median_wall[big_fmt] / median_wall[floor]:.2f}x (target: within 1.3x)"
        )


if __name__ == "__main__":
    main()
