"""'Did you mean': the one suggestion helper, and what the commands that name an id say with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_in_process as run

from argmap.text import suggest
from argmap.text.suggest import closest, did_you_mean

IDS = ["bans-hurt-shops-that-depend-on-drivers", "bans-hurt-shops", "clean-air-in-centres", "footfall-rises"]


@pytest.fixture(autouse=True)
def fresh_budget() -> None:
    suggest.reset_budget()


def test_a_near_spelling_is_suggested() -> None:
    assert closest("clean-air-in-centers", IDS) == "clean-air-in-centres"
    assert did_you_mean("footfal-rises", IDS) == "; did you mean 'footfall-rises'?"


def test_the_start_of_a_long_id_suggests_the_shortest_id_it_starts() -> None:
    # 'bans-hurt' is far from either by difflib's ratio (0.38 and 0.75 of lengths), but starts both
    assert closest("bans-hurt", IDS) == "bans-hurt-shops"
    assert closest("bans-hurt-shops-that", IDS) == "bans-hurt-shops-that-depend-on-drivers"
    assert closest("clean", IDS) == "clean-air-in-centres"
    # ties in length go to the first in sorting order
    assert closest("ab", ["ab-y", "ab-x"]) is None  # too short a start to mean anything
    assert closest("abc", ["abc-y", "abc-x"]) == "abc-x"


def test_nothing_close_suggests_nothing() -> None:
    assert closest("nope", IDS) is None
    assert did_you_mean("zzz", IDS) == ""


MAP = """\
argmap: 1
title: Car-free centres
analyses: text
sources:
  text: {title: An op-ed, kind: article}
thesis:
  id: ban-cars
  claim: Cities should ban private cars from their centres.
  cite: [text]
  counterpoints:
    - id: bans-hurt-shops-that-depend-on-drivers
      claim: Bans hurt shops that depend on drivers.
      cite: [text]
"""


def test_add_under_the_start_of_an_id_names_the_id(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    code, out, err = run("add", str(path), "--under", "bans-hurt", "--kind", "rebuttal", "--claim", "Footfall rises.")
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: {path}: no claim or argument has the id 'bans-hurt'; "
        "did you mean 'bans-hurt-shops-that-depend-on-drivers'?\n"
    )
    assert path.read_text(encoding="utf-8") == MAP
