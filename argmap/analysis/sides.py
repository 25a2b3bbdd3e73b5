"""Whose point each claim is: sides derived from the structure, never written in the map.

A thesis and what supports it are its side (`for`); a counterpoint or undercut is on the other side
from what it is written under; so a rebuttal, which attacks a counterpoint, is on the side of the
claim that counterpoint attacked. A claim keeps the side of the place where it is written out (a
`ref` adds a relation, not a side). With several theses, each is a position of its own, and from
the point of view of one thesis every other thesis is a rival: what is `for` a rival is against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from argmap.model import ArgMap

FOR = "for"
AGAINST = "against"


@dataclass(frozen=True)
class Side:
    """The thesis a claim belongs to (the root of the tree it is written in) and its stance on it."""

    thesis: str
    stance: str  # FOR or AGAINST

    def toward(self, thesis: str) -> str:
        """The claim's stance on `thesis`: its own for its thesis, the opposite for a rival's."""
        if thesis == self.thesis:
            return self.stance
        return AGAINST if self.stance == FOR else FOR


def sides(argmap: ArgMap) -> Mapping[str, Side]:
    """Claim id -> its Side, for every claim whose chain of parents reaches a thesis (worked out
    once per map: the evaluation and the brief both ask)."""
    return argmap.derived("sides", lambda: _sides(argmap))


def _sides(argmap: ArgMap) -> dict[str, Side]:
    result: dict[str, Side] = {}
    # two Sides per thesis, shared by every claim on them (they are frozen), each mapped to the other
    opposite: dict[Side, Side] = {}
    # a claim is written after its parent, so one pass in document order sees every parent first
    for claim in argmap.claim_index.values():
        if claim.parent is None:
            mine, theirs = Side(claim.id, FOR), Side(claim.id, AGAINST)
            opposite[mine], opposite[theirs] = theirs, mine
            result[claim.id] = mine
            continue
        parent = result.get(claim.parent)
        if parent is None:
            continue
        result[claim.id] = opposite[parent] if claim.kind.attacks else parent
    return result


def stance_toward(argmap_sides: Mapping[str, Side], claim_id: str, thesis: str) -> str | None:
    """The stance of `claim_id` on `thesis` (None for a claim outside every thesis's tree)."""
    side = argmap_sides.get(claim_id)
    return None if side is None else side.toward(thesis)
