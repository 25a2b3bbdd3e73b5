"""The loader's plain paths (common claims and citations read without the general path's checks)
give exactly the map and the problems the general path gives, on every map there is and on mutated
ones; and they are taken for the common case, so that the comparison is not empty."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.formats import argmap_yaml
from argmap.formats.argmap_yaml import _Walker, load_bytes
from argmap.formats.base import LoadResult
from tests.fuzzing import mutated_maps

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
MAPS = sorted(
    [*ROOT.glob("maps/*.yaml"), *ROOT.glob("tests/**/*.yaml"), *SHARED.glob("**/*.yaml")],
    key=str,
)


@contextmanager
def plain_paths(on: bool) -> Iterator[None]:
    before = _Walker.plain_paths
    _Walker.plain_paths = on
    try:
        yield
    finally:
        _Walker.plain_paths = before


def both(data: bytes) -> tuple[LoadResult, LoadResult]:
    with plain_paths(True):
        plain = load_bytes(data, file="m.yaml")
    with plain_paths(False):
        general = load_bytes(data, file="m.yaml")
    return plain, general


def assert_same(plain: LoadResult, general: LoadResult) -> None:
    assert plain.problems == general.problems
    assert plain.map == general.map
    if plain.map is not None and general.map is not None:  # `positions` is left out of Claim equality
        assert [c.positions for c in plain.map.claims] == [c.positions for c in general.map.claims]
        assert [c.cites for c in plain.map.claims] == [c.cites for c in general.map.claims]


@pytest.mark.parametrize("path", MAPS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_every_map_reads_the_same_by_both_paths(path: Path) -> None:
    assert_same(*both(path.read_bytes()))


@given(mutated_maps())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_maps_read_the_same_by_both_paths(case: tuple[Path, bytes]) -> None:
    assert_same(*both(case[1]))


CASES = {
    "plain": "claim: Plain text.\n",
    "comment after the text": "claim: Plain text # not part of it\n",
    "double-quoted escape": 'claim: "Bell \\a here"\n',
    "empty quote": "claim: Text.\n      cite: [{source: s, quote: ''}]\n",
    "comment after a quote": "claim: Text.\n      cite:\n        - source: s\n          quote: Words # cut\n",
    "quote twice": "claim: Text.\n      cite:\n        - {source: s, quote: a, quote: b}\n",
    "number as text": "claim: 1.5\n",
    "unknown key": "claim: Text.\n      clam: x\n",
    "key of a later format": "claim: Text.\n      inferred: true\n",
    "bad citation source": "claim: Text.\n      cite: [{source: Not An Id, locator: p. 2}]\n",
}


@pytest.mark.parametrize("name", CASES)
def test_claims_that_need_a_message_read_the_same_by_both_paths(name: str) -> None:
    data = (
        "argmap: 1\ntitle: T\nsources:\n  s: {title: S, kind: report}\nthesis:\n  id: t\n  claim: Thesis.\n"
        "  cite: [s]\n  premises:\n    - id: p\n      " + CASES[name]
    ).encode()
    plain, general = both(data)
    assert_same(plain, general)
    if name != "plain":
        assert general.problems, name  # each case is one the general path has something to say about
        assert general.problems[0].rule != "syntax", name  # and not for the YAML


def test_the_plain_paths_are_taken_for_the_common_claim_and_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[str] = []
    claim, citation = _Walker.plain_claim, _Walker.plain_citation
    monkeypatch.setattr(_Walker, "plain_claim", lambda self, node: taken.append("claim") or claim(self, node))
    monkeypatch.setattr(
        _Walker, "plain_citation", lambda self, node, cid: taken.append("citation") or citation(self, node, cid)
    )
    data = (
        b"argmap: 1\ntitle: T\nsources:\n  s: {title: S, kind: report}\nthesis:\n  id: t\n  claim: Thesis.\n"
        b"  cite: [s]\n  premises:\n    - id: p\n      claim: Premise.\n"
        b"      cite: [{source: s, quote: Words, locator: p. 2}]\n"
    )
    result = argmap_yaml.load_bytes(data, file="m.yaml")
    assert result.problems == ()
    assert taken == ["claim", "claim", "citation"]
    assert result.map is not None
    assert result.map.claims[1].cites[0].quote == "Words"
    assert result.map.claims[1].cites[0].quote_position is not None
    assert result.map.claims[1].cites[0].quote_position.short() == "12:33"
