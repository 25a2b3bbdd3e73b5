"""Ranked gaps: the gaps of `find_gaps` grouped into one item per root cause, each with a severity,
in the order a fact-checker reads them (worst first).

A cause is a source (every gap a weak source causes: the claims resting on it, its citations
without a quote, its missing record), one counterpoint, one claim's correlation-only support, one
open question of a scheme, or, in a map of one text (`analyses:`), one of a few kinds of claim that
rest on that text alone. Each item lists every claim and source it covers, so that nothing is lost
by grouping: every gap of `find_gaps` is a member of exactly one item.

The severity rules, the weights and the order are user documentation in docs/gaps.md ("Severity
and rank"); keep the two in step. Pure functions over the model and the gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from argmap.analysis.gaps import KINDS, Gap, _Sources, missing_fields
from argmap.findings import GapSeverity
from argmap.model import ArgMap, Claim, ClaimKind

#: a weak point this many relations from the thesis or fewer is "near the thesis"
NEAR = 2
#: the depth of a claim no thesis reaches
_FAR = 1_000_000

_KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}
_ATTACKING = frozenset({ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT, ClaimKind.REBUTTAL})
_DIGIT = re.compile(r"\d")
# two or more capitalised words in a row (a person's or a body's name), "al-" particles allowed
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:al-)?[A-Z][\w'’-]+)+")


def claim_depths(argmap: ArgMap) -> dict[str, int]:
    """Claim id -> the fewest relations (support or attack, refs included) from a thesis; 0 for a thesis."""
    depths = {thesis: 0 for thesis in argmap.thesis_ids if thesis in argmap.claim_index}
    todo = list(depths)
    children = argmap.children_index
    for claim_id in todo:  # breadth first: todo grows while it is walked
        depth = depths[claim_id] + 1
        for edge in children.get(claim_id, ()):
            if edge.child not in depths:
                depths[edge.child] = depth
                todo.append(edge.child)
    return depths


def states_specifics(claim: Claim, thesis_text: str) -> bool:
    """True when a claim states figures or dates (a digit) or names (two capitalised words in a row
    that the thesis does not use): what a fact-checker can check, and must find a source for."""
    if _DIGIT.search(claim.text):
        return True
    return any(name.group(0) not in thesis_text for name in _NAME.finditer(claim.text))


@dataclass
class _Group:
    """The gaps of one cause, each with its own severity."""

    key: tuple[str, ...]
    members: list[tuple[Gap, GapSeverity]] = field(default_factory=list)


class _Ranker:
    def __init__(self, argmap: ArgMap) -> None:
        self.argmap = argmap
        self.analysed = argmap.analyses
        self.depths = claim_depths(argmap)
        self.sources = _Sources(argmap)
        thesis = argmap.thesis_claim
        self.thesis_text = thesis.text if thesis else ""

    def depth(self, claim_id: str | None) -> int:
        return _FAR if claim_id is None else self.depths.get(claim_id, _FAR)

    def near(self, claim_id: str | None) -> bool:
        return self.depth(claim_id) <= NEAR

    def quotes_or_cites_analysed(self, claim_id: str) -> bool:
        return any(c.source == self.analysed for c in self.argmap.claim_index[claim_id].cites)

    def quotes_analysed(self, claim: Claim) -> bool:
        return self.analysed is not None and any(c.source == self.analysed and c.quote for c in claim.cites)

    # --- the cause and severity of one gap (docs/gaps.md, "Severity and rank") --------------------

    def classify(self, gap: Gap) -> tuple[tuple[str, ...], GapSeverity]:
        kind, claim_id = gap.kind, gap.claim
        claim = self.argmap.claim(claim_id) if claim_id else None
        near = self.near(claim_id)
        if kind == "unsupported" and claim is not None:
            return self._unsupported(claim, near)
        if kind == "no-quote" and gap.source is not None:
            if gap.source == self.analysed:
                return ("analysed", "no-quote"), GapSeverity.MINOR
            quoted = claim is not None and self.quotes_analysed(claim)
            return ("source", gap.source), GapSeverity.INFO if quoted else GapSeverity.MINOR
        if kind == "source-incomplete" and gap.source is not None:
            if gap.source == self.analysed:
                return ("analysed", "source"), GapSeverity.INFO
            return ("source", gap.source), GapSeverity.MINOR
        if kind == "single-source" and gap.source is not None:
            if gap.source == self.analysed:
                return ("analysed", "single-source"), GapSeverity.INFO
            return ("source", gap.source), GapSeverity.MAJOR
        if kind in ("unanswered", "correlation-only", "unchallenged-load-bearing"):
            if kind == "unchallenged-load-bearing" or near:
                return ("claim", kind, claim_id or ""), GapSeverity.CRITICAL
            return ("claim", kind, claim_id or ""), GapSeverity.MAJOR
        if kind == "uncited":
            return ("claim", kind, claim_id or ""), GapSeverity.MAJOR if near else GapSeverity.MINOR
        if kind == "open-question":
            severity = GapSeverity.MAJOR if self.depth(claim_id) <= NEAR - 1 else GapSeverity.MINOR
            return ("claim", kind, claim_id or "", gap.reason), severity
        return ("claim", kind, claim_id or "", gap.source or "", gap.reason), GapSeverity.MINOR

    def _unsupported(self, claim: Claim, near: bool) -> tuple[tuple[str, ...], GapSeverity]:
        cited = list(dict.fromkeys(c.source for c in claim.cites))
        weak = {s: self.sources.weakness(s) for s in cited}
        anonymous = [s for s in cited if (src := self.argmap.source(s)) is not None and src.anonymous]
        if anonymous:
            return ("source", anonymous[0]), GapSeverity.CRITICAL if near else GapSeverity.MAJOR
        unknown = [s for s in cited if weak[s] == "unknown"]
        if unknown:
            return ("source", unknown[0]), GapSeverity.MAJOR
        via = [s for s in cited if weak[s] == "via"]
        if via:
            return ("source", via[0]), GapSeverity.MINOR
        if claim.kind in _ATTACKING:
            return ("analysed", "attacks"), GapSeverity.INFO
        if claim.kind is ClaimKind.CORRELATION or states_specifics(claim, self.thesis_text):
            return ("analysed", "specifics"), GapSeverity.MAJOR
        return ("analysed", "plain"), GapSeverity.INFO

    # --- one item per group -----------------------------------------------------------------------

    def item(self, group: _Group) -> Gap:
        members = sorted(group.members, key=lambda m: m[0].sort_key())
        gaps = [g for g, _ in members]
        severity = max(s for _, s in members)
        # the item's kind: its worst gap's, the earlier kind of docs/gaps.md first on a tie
        worst = min((g for g, s in members if s == severity), key=lambda g: _KIND_ORDER[g.kind])
        head = group.key[0]
        claims = list(dict.fromkeys(c for g in gaps for c in self._claims_of(g, carried=head == "source")))
        sources = list(dict.fromkeys(s for g in gaps if g.source for s in (g.source,)))
        kinds = sorted({g.kind for g in gaps}, key=_KIND_ORDER.__getitem__)
        position, reason, fix, source = worst.position, worst.reason, worst.fix, worst.source
        if head == "source":
            source_id = group.key[1]
            sources = [source_id, *(s for s in sources if s != source_id)]
            reason, fix = self._source_text(source_id, gaps, claims)
            defined = self.argmap.source(source_id)
            position, source = (defined.position if defined else gaps[0].position), source_id
        elif head == "analysed":
            reason, fix = self._analysed_text(group.key[1], gaps, worst)
            position = gaps[0].position
            if self.analysed and self.analysed not in sources:
                sources = [self.analysed, *sources]
            source = self.analysed
        elif worst.kind == "unanswered" and self.analysed is not None:
            reason, fix = self._open_in_text(worst)
        return Gap(
            worst.kind,
            claims[0] if claims else None,
            source,
            position,
            reason,
            fix,
            severity=severity,
            claims=tuple(claims),
            sources=tuple(sources),
            kinds=tuple(kinds),
        )

    def _claims_of(self, gap: Gap, *, carried: bool) -> Iterable[str]:
        """The claims a gap hits: its claim; for a counterpoint, what it attacks too; for a claim
        resting on a weak source (`carried`), what it supports too."""
        if gap.claim is None:
            return ()
        if gap.kind == "unanswered" or (carried and gap.kind == "unsupported"):
            # a counterpoint and what it attacks; a claim resting on a weak source and what it supports
            parents = self.argmap.parents_index.get(gap.claim, ())
            if gap.kind == "unsupported":
                if self.argmap.claim_index[gap.claim].kind in _ATTACKING:
                    return (gap.claim,)
                return (gap.claim, *(e.parent for e in parents if not e.attacks))
            return (gap.claim, *(e.parent for e in parents))
        return (gap.claim,)

    def _source_text(self, source_id: str, gaps: Sequence[Gap], claims: Sequence[str]) -> tuple[str, str]:
        source = self.argmap.source(source_id)
        if source is None:
            what = f"undefined source '{source_id}'"
        elif source.anonymous:
            what = f"anonymous source '{source_id}'"
        elif source.via:
            what = f"source '{source_id}', known only through '{source.via}'"
        else:
            what = f"source '{source_id}'"
        by_kind: dict[str, list[Gap]] = {}
        for gap in gaps:
            by_kind.setdefault(gap.kind, []).append(gap)
        parts: list[str] = []
        resting = [g.claim for g in by_kind.get("unsupported", ()) if g.claim]
        nearest = min((self.depth(c) for c in resting), default=_FAR)
        if resting:
            with_text = any(self.argmap.claim_index[c].cites and self.quotes_or_cites_analysed(c) for c in resting)
            beyond = " beyond the analysed text" if with_text else ""
            steps = f", the nearest {_count(nearest, 'step')} from the thesis" if nearest < _FAR else ""
            parts.append(f"the only support{beyond} of {_count(len(resting), 'claim')}{steps}")
        unquoted = by_kind.get("no-quote", [])
        if unquoted:
            parts.append(f"{_count(len(unquoted), 'citation')} of it without quote or locator")
        tops = [g.claim for g in by_kind.get("single-source", ()) if g.claim]
        if tops:
            parts.append("the whole support of " + ", ".join(f"'{t}'" for t in tops[:3]) + " leads back to it")
        if source is not None and (missing := missing_fields(source)):
            parts.append("no " + ", no ".join(missing))
        reason = f"{what}: " + "; ".join(parts)
        for kind in ("source-incomplete", "unsupported", "single-source", "no-quote"):
            if kind in by_kind:
                return reason, by_kind[kind][0].fix
        return reason, gaps[0].fix  # pragma: no cover - a source group has one of the kinds above

    def _analysed_text(self, what: str, gaps: Sequence[Gap], worst: Gap) -> tuple[str, str]:
        text = f"'{self.analysed}'"
        n = len(gaps)
        if what == "specifics":
            return (
                f"{_count(n, 'claim')} {_verb(n, 'states', 'state')} figures, dates, names or correlations on "
                f"the word of the analysed text {text} alone",
                "find where each comes from (who counted, who said it, when) and cite that source with a locator",
            )
        if what == "plain":
            return (
                f"{_count(n, 'claim')} {_verb(n, 'rests', 'rest')} on the analysed text {text} alone",
                f"cite independent evidence for those that matter: a named source other than {text}",
            )
        if what == "attacks":
            return (
                f"{_count(n, 'counterpoint or rebuttal', 'counterpoints and rebuttals')} "
                f"{_verb(n, 'cites', 'cite')} the analysed text {text} as the place where a weakness is "
                "visible, which is their evidence",
                "none needed",
            )
        if what == "single-source":
            return (
                f"{_count(n, 'branch', 'branches')} {_verb(n, 'leads', 'lead')} back to the analysed text "
                f"{text} alone, as a map of one text does",
                f"support the branches that matter with evidence independent of {text}",
            )
        if what == "no-quote":
            return (
                f"{_count(n, 'citation')} of the analysed text {text} without quote or locator",
                f"add the exact words from {text} as quote",
            )
        return f"the analysed text's own record: {worst.reason}", worst.fix

    def _open_in_text(self, gap: Gap) -> tuple[str, str]:
        claim = self.argmap.claim(gap.claim or "")
        targets = [e.parent for e in self.argmap.parents_index.get(gap.claim or "", ())]
        target = f" against '{targets[0]}'" if targets else ""
        kind = claim.kind.value if claim else "counterpoint"
        conceded = claim is not None and "conceded" in claim.tags
        reason = f"{kind} '{gap.claim}'{target}: the text " + (
            "raises this itself and leaves it open" if conceded else "leaves this open"
        )
        narrow = f"weigh '{targets[0]}' as contested" if targets else "weigh the point as contested"
        return reason, f"{narrow}, or find an answer in another source"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def rank_key(gap: Gap, depths: dict[str, int], first: int = 0) -> tuple[object, ...]:
    """The rank order: severity (worst first), closeness to the thesis (the nearest claim the item
    covers), the number of claims it covers (more first), then position, kind and ids, and last the
    place of the item's first gap in `find_gaps`'s order (`first`), so that the order is total."""
    closeness = min((depths.get(c, _FAR) for c in gap.claims), default=_FAR)
    severity = int(gap.severity) if gap.severity is not None else -1
    return (
        -severity,
        closeness,
        -len(gap.claims),
        gap.position.file,
        gap.position.line,
        gap.position.column,
        gap.kind,
        gap.claims,
        gap.sources,
        first,
    )


def rank_gaps(argmap: ArgMap, gaps: Iterable[Gap]) -> list[Gap]:
    """One ranked item per cause, in rank order, each with its severity and 1-based rank."""
    ranker = _Ranker(argmap)
    groups: dict[tuple[str, ...], _Group] = {}
    for gap in gaps:
        key, severity = ranker.classify(gap)
        groups.setdefault(key, _Group(key)).members.append((gap, severity))
    # groups keep the order of their first gap (dicts keep insertion order): the last tie-break
    items = [ranker.item(group) for group in groups.values()]
    order = sorted(range(len(items)), key=lambda n: rank_key(items[n], ranker.depths, n))
    return [replace(items[n], rank=rank) for rank, n in enumerate(order, 1)]


def hit_claims(argmap: ArgMap, item: Gap) -> list[str]:
    """The claims a ranked weak point is about (what a diagram marks): an unanswered counterpoint
    itself, not what it attacks; for an item about a source, the claims citing it, not those they
    support; otherwise every claim it covers."""
    if item.kind == "unanswered" and item.claim is not None:
        return [item.claim]
    if item.source is not None:
        cited = [c for c in item.claims if any(x.source == item.source for x in argmap.claim_index[c].cites)]
        if cited:
            return cited
    return list(item.claims)


def at_least(gaps: Iterable[Gap], minimum: GapSeverity) -> list[Gap]:
    """The ranked gaps of `minimum` severity or worse, in their order."""
    return [g for g in gaps if g.severity is not None and g.severity >= minimum]


__all__ = ["NEAR", "at_least", "claim_depths", "hit_claims", "rank_gaps", "rank_key", "states_specifics"]
