""" "Did you mean ...?": the one way argmap suggests a known name for a misspelt one."""

from __future__ import annotations

from collections.abc import Iterable

#: how alike two names must be (difflib's ratio) for one to be suggested for the other
CUTOFF = 0.7
#: a name at least this long that starts a known one suggests it (the shortest such, then the first
#: in sorting order), however much longer the known one is
MIN_PREFIX = 3

#: how many name comparisons the suggestions of one map may cost in all: past it, unknown names are
#: reported without a suggestion (1,000 unknown refs among 1,000 ids took 26 s of validate)
BUDGET = 50_000
#: of those, how many may be full similarity ratios (the costly part: a quick bound rules out most
#: names, but ids alike in their letters, such as 'source-00001' and 'source-00002', pass it; 50,000
#: of them cost 4 s of validate)
RATIO_BUDGET = 5_000
_spent = 0
_ratios = 0


def reset_budget() -> None:
    """Start the comparison budget afresh (once per map read)."""
    global _spent, _ratios
    _spent = 0
    _ratios = 0


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name most like `name`, or None when none is close enough (or the budget is spent):
    a known name that `name` starts, else the most similar one by difflib's ratio."""
    from difflib import SequenceMatcher  # only when a name is unknown: a clean run never needs it

    global _spent, _ratios
    candidates = list(known)
    if _spent + len(candidates) > BUDGET or _ratios >= RATIO_BUDGET:
        return None
    _spent += len(candidates)
    # the start of a long id, as one types it (ids made from a claim's first words run long)
    if len(name) >= MIN_PREFIX:
        started = [c for c in candidates if c.startswith(name) and c != name]
        if started:
            return min(started, key=lambda c: (len(c), c))
    matcher = SequenceMatcher()
    matcher.set_seq2(name)
    best: tuple[float, str] | None = None
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        if _ratios >= RATIO_BUDGET:
            return None
        _ratios += 1
        score = matcher.ratio()
        # ties go to the greater name, as difflib.get_close_matches breaks them
        if score >= CUTOFF and (best is None or (score, candidate) > best):
            best = (score, candidate)
    return best[1] if best is not None else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """ "; did you mean 'x'?" to append to a message, or '' when nothing is close."""
    match = closest(name, known)
    return f"; did you mean '{match}'?" if match is not None else ""
