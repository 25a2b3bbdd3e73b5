"""Hostile but valid maps whose work once grew faster than their size (issue 17), made by bench/hostile_maps.py."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.pipeline import validate_paths
from argmap.text import suggest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import hostile_maps


def test_suggestions_for_many_unknown_refs_stay_within_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, n=n, cutoff=cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    path = tmp_path / "m.yaml"
    path.write_text(hostile_maps.unknown_refs(1000))
    problems = validate_paths([str(path)]).problems
    unknown = [p for p in problems if p.rule == "unknown-ref"]
    assert len(unknown) == 1000
    assert unknown[0].message == "ref to unknown claim 'claim-00000x'; did you mean 'claim-00000'?"
    assert unknown[-1].message == "ref to unknown claim 'claim-00999x'"
    assert sum(compared) <= suggest.BUDGET  # was 1,000 x 1,000 comparisons: 26 s


def test_thousands_of_self_references_are_checked_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(hostile_maps.self_refs(4000))
    # before the fix about 18 s (every edge scanned for every cycle); now well under 1 s
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(path)], capture_output=True, text=True, timeout=15
    )
    assert done.returncode == 1
    assert "support cycle: c0 -> c0 (each supports the next)" in done.stdout
    assert done.stdout.count("[support-cycle]") == 4000


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (700 * 2**20, 700 * 2**20))


def test_a_long_attack_cycle_under_expect_costs_linear_memory(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(hostile_maps.attack_cycle(8000))
    # before the fix every member listed every other: 1.1 GB; now about 80 MB
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "eval", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 0, done.stderr
    assert "c0     in an attack cycle with 'c1', 'c2', 'c3', 'c4' and 7995 more" in done.stdout
