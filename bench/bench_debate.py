"""Speed of the debate commands: eval's core on 10k/50k/100k-claim maps (time per claim should stay
flat: linear time), and end-to-end medians of eval, brief and drill on maps/assad_isis.yaml.

    python bench/bench_debate.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from benchenv import child_env  # noqa: E402
from genmap import generate  # noqa: E402

from argmap.analysis.evaluate import evaluate  # noqa: E402
from argmap.formats.argmap_yaml import load_bytes  # noqa: E402


def median_time(func, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    print("eval core (argmap.evaluate.evaluate, map already loaded)")
    print(f"{'claims':>8} {'median s':>10} {'us/claim':>9}")
    for n in (10_000, 50_000, 100_000):
        path = out / f"map_{n}.yaml"
        if not path.exists():
            path.write_text(generate(n), encoding="utf-8")
        argmap = load_bytes(path.read_bytes(), file=str(path)).map
        assert argmap is not None
        seconds = median_time(lambda argmap=argmap: evaluate(argmap), args.repeat)
        print(f"{n:>8} {seconds:>10.3f} {seconds / n * 1e6:>9.2f}")
    assad = str(ROOT / "maps" / "assad_isis.yaml")
    env = {**child_env(), "XDG_STATE_HOME": tempfile.mkdtemp(prefix="argmap-bench-")}
    commands = {
        "eval": ["eval", assad],
        "eval --format json": ["eval", "-f", "json", assad],
        "brief (Markdown)": ["brief", assad],
        "brief -o x.html": ["brief", assad, "-o", str(out / "assad_brief.html")],
        "brief --side against": ["brief", assad, "--side", "against"],
        "drill --count 3 (piped)": ["drill", assad, "--count", "3", "--seed", "1"],
        "--version (start-up floor)": ["--version"],
    }
    print(f"\nend to end on maps/assad_isis.yaml, median of {args.repeat} runs")
    for name, argv in commands.items():

        def once(argv: list[str] = argv) -> None:
            subprocess.run(
                [sys.executable, "-m", "argmap", *argv],
                input=b"a\ny\n\nb\nn\n",
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
                env=env,
            )

        print(f"  {name:<28} {median_time(once, args.repeat) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
