"""The fuzz target of tests/test_fuzz.py for as long as asked: mutated maps through every command.

    .venv/bin/python bench/fuzz.py --minutes 20           # every command in turn, until time is up
    .venv/bin/python bench/fuzz.py --minutes 5 --only render

Each round runs hypothesis on every command (or those whose name contains --only) with a fresh
random seed; a failure is printed with its shrunk example and the run goes on. Exit status 1 when
anything failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing import COMMANDS, check_command, mutated_maps
from hypothesis import HealthCheck, given, seed, settings


def fuzz(command: str, examples: int, rng_seed: int) -> None:
    @seed(rng_seed)
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=mutated_maps())
    def target(case: tuple[Path, bytes]) -> None:
        with tempfile.TemporaryDirectory() as folder:
            check_command(command, case[0], case[1], Path(folder))

    target()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--examples", type=int, default=100, help="examples per command per round")
    options = parser.parse_args()
    end = time.monotonic() + options.minutes * 60
    commands = [c for c in sorted(COMMANDS) if options.only in c]
    failures = 0
    rounds = 0
    while time.monotonic() < end:
        rounds += 1
        for command in commands:
            if time.monotonic() >= end:
                break
            rng_seed = random.randrange(2**32)
            started = time.monotonic()
            try:
                fuzz(command, options.examples, rng_seed)
            except Exception:
                failures += 1
                print(f"FAIL {command} (seed {rng_seed}):", flush=True)
                traceback.print_exc(file=sys.stdout)
            else:
                print(f"ok   {command} {options.examples} examples, {time.monotonic() - started:.0f} s", flush=True)
    print(f"{rounds} rounds, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
