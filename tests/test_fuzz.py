"""Fuzzing: mutated real maps through every command in-process (tests/fuzzing.py), bounded for CI.

`bench/fuzz.py --minutes N` runs the same target for as long as asked.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzzing import COMMANDS, check_command, mutated_maps
from hypothesis import HealthCheck, given, settings

#: examples per command: about a minute for every command together on a slow machine
EXAMPLES = 25


@pytest.mark.parametrize("command", sorted(COMMANDS))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(case=mutated_maps())
def test_every_command_keeps_its_contract_on_mutated_maps(command: str, case: tuple[Path, bytes]) -> None:
    seed, data = case
    with tempfile.TemporaryDirectory() as folder:
        check_command(command, seed, data, Path(folder))
