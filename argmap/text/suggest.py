""" "Did you mean ...?": the one way argmap suggests a known name for a misspelt one."""

from __future__ import annotations

from collections.abc import Iterable

#: how alike two names must be (difflib's ratio) for one to be suggested for the other
CUTOFF = 0.7

#: how many name comparisons the suggestions of one map may cost in all: past it, unknown names are
#: reported without a suggestion (1,000 unknown refs among 1,000 ids took 26 s of validate)
BUDGET = 50_000
_spent = 0


def reset_budget() -> None:
    """Start the comparison budget afresh (once per map read)."""
    global _spent
    _spent = 0


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name most like `name`, or None when none is close enough."""
    import difflib  # only when a name is unknown: a clean run never needs it

    global _spent
    candidates = list(known)
    if _spent + len(candidates) > BUDGET:
        return None
    _spent += len(candidates)
    matches = difflib.get_close_matches(name, candidates, n=1, cutoff=CUTOFF)
    return matches[0] if matches else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """ "; did you mean 'x'?" to append to a message, or '' when nothing is close."""
    match = closest(name, known)
    return f"; did you mean '{match}'?" if match is not None else ""
