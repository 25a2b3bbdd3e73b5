"""Where an argument is thin: `find_gaps` lists weak points, `coverage` measures evidence overall.

Pure functions over the model (never YAML). Every gap has a stable kebab-case kind, the claim and/or
source it concerns, a position, a one-line reason and a concrete fix. The kinds and their exact
definitions are user documentation in docs/gaps.md; keep the two in step.

Gap texts (reason, fix) may quote user text (titles, ids); renderers escape them like any other
untrusted text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from argmap.analysis.argument_gaps import open_questions, unchallenged_load_bearing, unstated_assumptions
from argmap.findings import GapSeverity
from argmap.graph import strongly_connected_components
from argmap.model import ArgMap, Citation, Claim, ClaimKind, Edge, Position, Source, quick_init

#: every gap kind, in the order docs/gaps.md describes them
KINDS: tuple[str, ...] = (
    "uncited",
    "unsupported",
    "no-quote",
    "unanswered",
    "correlation-only",
    "single-source",
    "source-incomplete",
    "unstated-assumption",
    "open-question",
    "unchallenged-load-bearing",
)

#: one-line description per kind (for help texts and listings)
KIND_SUMMARIES: dict[str, str] = {
    "uncited": "a claim (other than the thesis) with no citation",
    "unsupported": "a claim that cites only the analysed text, sources known via it, or anonymous sources",
    "no-quote": "a citation with neither quote nor locator",
    "unanswered": "a counterpoint with no rebuttal",
    "correlation-only": "a claim supported by correlations alone, with no premise giving a mechanism",
    "single-source": "a claim whose whole support tree leads back to one source",
    "source-incomplete": "a source with no URL, no date, or neither author nor publisher",
    "unstated-assumption": "an assumption of an argument: the text leaves it unstated",
    "open-question": "a critical question of an argument's scheme that the map neither answers nor raises",
    "unchallenged-load-bearing": "a premise nobody attacks whose falling alone would bring a thesis down",
}

# What to point at, per source kind, when a citation lacks a locator.
_LOCATOR_HINT = {
    "book": "a page",
    "report": "a page or section",
    "study": "a page or table",
    "document": "a page",
    "article": "a paragraph",
    "web": "a section or paragraph",
    "video": "a timestamp",
    "speech": "a timestamp or paragraph",
    "interview": "a timestamp or question",
    "dataset": "a table or field",
    "cable": "a paragraph number",
    "statement": "a paragraph",
    "testimony": "a page or timestamp",
}


@quick_init  # a 10k-claim map has over 10,000 gaps
@dataclass(frozen=True, slots=True)
class Gap:
    """One weak point, a Finding (argmap.findings) whose id is its kind and whose message is its reason.

    `claim` and `source` are ids (either may be None, never both). `find_gaps` gives one gap per
    place, without a severity; `argmap.analysis.ranking` groups them into one ranked gap per cause,
    with its severity, its rank (1-based), every claim and source it covers, and the kinds of the
    gaps it groups.
    """

    kind: str
    claim: str | None
    source: str | None
    position: Position
    reason: str
    fix: str
    severity: GapSeverity | None = None
    rank: int = 0
    claims: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return self.position.file

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def column(self) -> int:
        return self.position.column

    @property
    def id(self) -> str:
        return self.kind

    @property
    def message(self) -> str:
        return self.reason

    @property
    def category(self) -> str:
        return "gap"

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (
            self.position.file,
            self.position.line,
            self.position.column,
            self.kind,
            self.claim or "",
            self.source or "",
        )

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape documented in docs/gaps.md."""
        return {
            "kind": self.kind,
            "claim": self.claim,
            "source": self.source,
            "file": self.position.file,
            "line": self.position.line,
            "column": self.position.column,
            "reason": self.reason,
            "fix": self.fix,
            "severity": None if self.severity is None else str(self.severity),
            "rank": self.rank or None,
            "claims": list(self.claims or ((self.claim,) if self.claim else ())),
            "sources": list(self.sources or ((self.source,) if self.source else ())),
            "kinds": list(self.kinds or (self.kind,)),
        }


@dataclass(frozen=True)
class Coverage:
    """Counts behind the three coverage shares; each share is 1.0 when there is nothing to count."""

    premises: int = 0
    premises_independent: int = 0
    citations: int = 0
    citations_checkable: int = 0
    counterpoints: int = 0
    counterpoints_answered_count: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def premises_with_independent_evidence(self) -> float:
        return self._share(self.premises_independent, self.premises)

    @property
    def citations_with_quote_or_locator(self) -> float:
        return self._share(self.citations_checkable, self.citations)

    @property
    def counterpoints_answered(self) -> float:
        return self._share(self.counterpoints_answered_count, self.counterpoints)

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape documented in docs/gaps.md (shares rounded to 4 decimals)."""

        def part(total: int, covered: int) -> dict[str, object]:
            return {"total": total, "covered": covered, "share": round(self._share(covered, total), 4)}

        return {
            "premises_with_independent_evidence": part(self.premises, self.premises_independent),
            "citations_with_quote_or_locator": part(self.citations, self.citations_checkable),
            "counterpoints_answered": part(self.counterpoints, self.counterpoints_answered_count),
        }

    def __add__(self, other: Coverage) -> Coverage:
        """Counts of two maps together (for a run over several files)."""
        return Coverage(*(a + b for a, b in zip(self._counts(), other._counts(), strict=False)))

    def _counts(self) -> tuple[int, ...]:
        return (
            self.premises,
            self.premises_independent,
            self.citations,
            self.citations_checkable,
            self.counterpoints,
            self.counterpoints_answered_count,
        )

    def summary(self) -> str:
        """`coverage: 12/40 premises with independent evidence (30%), ...` (one line)."""

        def part(n: int, total: int, what: str) -> str:
            percent = 100 * n // total if total else 100  # floor: never rounds up to 100%
            return f"{n}/{total} {what} ({percent}%)"

        return (
            "coverage: "
            + part(self.premises_independent, self.premises, "premises with independent evidence")
            + ", "
            + part(self.citations_checkable, self.citations, "citations with quote or locator")
            + ", "
            + part(self.counterpoints_answered_count, self.counterpoints, "counterpoints answered")
        )


# --- sources: via chains, roots, independence ----------------------------------------------------


class _Sources:
    """Per-source facts computed once: via root, and why it is not independent evidence (if so)."""

    def __init__(self, argmap: ArgMap) -> None:
        self.argmap = argmap
        self.root: dict[str, str] = {}
        self.weak: dict[str, str | None] = {}  # source id -> "analysed" | "via" | "anonymous" | "unknown" | None
        self._reaches: dict[str, bool] = {}  # source id -> whether its via chain holds the analysed text

    def _compute(self, source_id: str) -> None:
        # Walk the via chain until it ends, loops, or meets a source already computed; then settle
        # every source on the walk at once (a chain of n sources costs n steps, not n * n / 2).
        analysed = self.argmap.analyses
        chain = [source_id]
        at = {source_id: 0}
        current = self.argmap.source(source_id)
        tail_root: str | None = None
        tail_reaches = False
        loop_start: int | None = None
        while current is not None and current.via:
            via = current.via
            if via in at:
                loop_start = at[via]
                break
            if via in self.root:
                tail_root, tail_reaches = self.root[via], self._reaches[via]
                break
            at[via] = len(chain)
            chain.append(via)
            current = self.argmap.source(via)
        root = tail_root if tail_root is not None else chain[-1]
        # a source on a via loop is rooted in the member just before it (its walk stops there)
        loop = chain[loop_start:] if loop_start is not None else []
        loop_reaches = analysed is not None and analysed in loop
        reaches = tail_reaches or loop_reaches
        for i in range(len(chain) - 1, -1, -1):
            member = chain[i]
            reaches = reaches or member == analysed
            if loop_start is not None and i >= loop_start:
                self.root[member] = chain[i - 1] if i > loop_start else chain[-1]
                self._reaches[member] = loop_reaches
            else:
                self.root[member] = root
                self._reaches[member] = reaches
            self.weak[member] = self._weakness(member)

    def _weakness(self, source_id: str) -> str | None:
        source = self.argmap.source(source_id)
        analysed = self.argmap.analyses
        if source is None:
            return "unknown"
        if analysed is not None and source_id == analysed:
            return "analysed"
        if self._reaches[source_id]:
            return "via"
        if source.anonymous:
            return "anonymous"
        return None

    def root_of(self, source_id: str) -> str:
        if source_id not in self.root:
            self._compute(source_id)
        return self.root[source_id]

    def weakness(self, source_id: str) -> str | None:
        if source_id not in self.weak:
            self._compute(source_id)
        return self.weak[source_id]

    def independent(self, source_id: str) -> bool:
        return self.weakness(source_id) is None

    def roots_and_independent(self, source_ids: Iterable[str]) -> tuple[dict[str, str], frozenset[str]]:
        """Via root of each of `source_ids`, and those of them that are independent evidence.

        For the loops over every citation of a large map: a dict and a set lookup per citation
        instead of two method calls.
        """
        ids = set(source_ids)
        return ({s: self.root_of(s) for s in ids}, frozenset(s for s in ids if self.independent(s)))


def _cited_ids(argmap: ArgMap) -> set[str]:
    return {cite.source for claim in argmap.claim_index.values() for cite in claim.cites}


def _title(source: Source | None, source_id: str) -> str:
    return f"'{source.title}'" if source and source.title else f"'{source_id}'"


# --- the gap kinds, one function each -------------------------------------------------------------


def _uncited(argmap: ArgMap, claim: Claim) -> Iterable[Gap]:
    # an assumption is unstated by definition (its own kind says so), an inferred claim drawn from its supports
    if claim.kind not in (ClaimKind.THESIS, ClaimKind.ASSUMPTION) and not claim.inferred and not claim.cites:
        yield Gap(
            "uncited",
            claim.id,
            None,
            claim.position,
            f"{claim.kind.value} '{claim.id}' cites no source",
            "cite the source it comes from, with a quote or a locator",
        )


def _unsupported(argmap: ArgMap, claim: Claim, sources: _Sources) -> Iterable[Gap]:
    if claim.kind is ClaimKind.THESIS or not claim.cites:
        return
    cited = list(dict.fromkeys(c.source for c in claim.cites))
    if any(sources.independent(s) for s in cited):
        return
    analysed = argmap.analyses
    weak = {s: sources.weakness(s) for s in cited}
    via = [s for s in cited if weak[s] == "via" and not _anonymous(argmap, s)]
    anonymous = [s for s in cited if _anonymous(argmap, s)]
    unknown = [s for s in cited if weak[s] == "unknown"]
    parts = []
    if analysed in cited:
        parts.append(f"the analysed text '{analysed}'")
    if via:
        parts.append(f"sources known only through '{analysed}' (" + ", ".join(f"'{s}'" for s in via) + ")")
    if anonymous:
        parts.append("anonymous sources (" + ", ".join(f"'{s}'" for s in anonymous) + ")")
    if unknown:
        parts.append("undefined sources (" + ", ".join(f"'{s}'" for s in unknown) + ")")
    reason = f"{claim.kind.value} '{claim.id}' rests only on " + " and ".join(parts)
    if via:
        first = via[0]
        fix = (
            f"find {_title(argmap.source(first), first)} itself and cite it with a URL and "
            f"{_hint(argmap.source(first))}"
        )
    elif anonymous:
        first = anonymous[0]
        fix = f"name the people or work behind {_title(argmap.source(first), first)}, or cite an independent source"
    elif unknown:
        fix = f"define source '{unknown[0]}' under sources, or cite an independent source"
    else:
        fix = f"cite independent evidence for it: a named source other than '{analysed}'"
    yield Gap("unsupported", claim.id, None, claim.position, reason, fix)


def _anonymous(argmap: ArgMap, source_id: str) -> bool:
    source = argmap.source(source_id)
    return bool(source and source.anonymous)


def _hint(source: Source | None) -> str:
    return _LOCATOR_HINT.get(source.kind, "a page or section") if source else "a page or section"


def _no_quote(argmap: ArgMap, claim: Claim, cite: Citation) -> Gap:
    """The gap of a citation that has neither quote nor locator (the caller has tested that)."""
    source = argmap.source(cite.source)
    return Gap(
        "no-quote",
        claim.id,
        cite.source,
        cite.position,
        f"citation of '{cite.source}' for '{claim.id}' has neither quote nor locator",
        f"add the exact words from {_title(source, cite.source)} as quote, or {_hint(source)} as locator",
    )


def _unanswered(argmap: ArgMap, claim: Claim) -> Iterable[Gap]:
    if claim.kind not in (ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT) or argmap.attackers(claim.id):
        return
    targets = [e.parent for e in argmap.parents_index.get(claim.id, ())]
    target = f" against '{targets[0]}'" if targets else ""
    yield Gap(
        "unanswered",
        claim.id,
        None,
        claim.position,
        f"{claim.kind.value} '{claim.id}'{target} has no rebuttal",
        f"add a rebuttal to '{claim.id}', or concede the point"
        + (f" and narrow '{targets[0]}' accordingly" if targets else ""),
    )


_SUPPORT_KINDS = frozenset((ClaimKind.PREMISE, ClaimKind.CORRELATION))
Support = dict[str, tuple[Edge, ...]]


def _support(argmap: ArgMap) -> Support:
    """Claim id -> its supporting edges (premise and correlation, refs included); claims with no supporter are left out.

    Built once per `find_gaps` call and passed along (not cached in a module global, which would keep
    the last map alive until the interpreter's final garbage collection walks it).
    """
    return {
        parent: support
        for parent, edges in argmap.children_index.items()
        if (support := tuple(e for e in edges if e.kind in _SUPPORT_KINDS))
    }


def _correlation_only(argmap: ArgMap, claim: Claim, support: Support) -> Iterable[Gap]:
    edges = support.get(claim.id, ())
    # a supporter is a correlation when the claim is one (a ref keeps the kind of the claim it names)
    if not edges or any(argmap.claim_index[e.child].kind is not ClaimKind.CORRELATION for e in edges):
        return
    ids = list(dict.fromkeys(e.child for e in edges))
    variables: dict[str, None] = {}  # ordered, and a set: `between` may name thousands
    for cid in ids:
        correlated = argmap.claim(cid)
        if correlated is not None:
            variables.update(dict.fromkeys(correlated.between))
    listed = ", ".join(f"'{i}'" for i in ids)
    link = (" linking " + " and ".join(f"'{v}'" for v in list(variables)[:3])) if variables else ""
    yield Gap(
        "correlation-only",
        claim.id,
        None,
        claim.position,
        f"{claim.kind.value} '{claim.id}' is supported only by correlation{'s' if len(ids) > 1 else ''} {listed}",
        f"add a premise giving the mechanism{link}, with its evidence",
    )


def _support_roots(
    argmap: ArgMap, roots: dict[str, str], support: Support, components: list[list[str]]
) -> dict[str, object]:
    """Claim id -> the via root shared by every citation in its support tree: a source id, MANY, or NONE.

    The support tree of a claim is the claim with every claim supporting it, transitively (premise and
    correlation edges, refs included). Computed as a least fixed point, so support cycles are harmless.
    `roots` gives the via root of every cited source; `components` are _support_components'.
    """
    result: dict[str, object] = {}
    for claim in argmap.claim_index.values():
        value: object = _NONE
        for cite in claim.cites:
            value = _join(value, roots[cite.source])
            if value is _MANY:
                break
        result[claim.id] = value
    # Components of the support graph come out supporters first: each is settled from its own
    # citations and the settled components below it, once (a fixed point over document order took
    # one pass per claim of a ref ladder written bottom up).
    for component in components:
        members = set(component)
        value = _NONE
        for cid in component:
            value = _join(value, result[cid])
            for edge in support.get(cid, ()):
                if edge.child not in members:
                    value = _join(value, result[edge.child])
        for cid in component:
            result[cid] = value
    return result


def _support_components(argmap: ArgMap, support: Support) -> list[list[str]]:
    """Strongly connected components of the support graph (claim -> its supporters), supporters first,
    among the claims that have supporters: any other claim is a component of its own with nothing
    below it, which _support_roots has settled from its citations already."""
    claims = argmap.claim_index
    return strongly_connected_components(
        [cid for cid in support if cid in claims],
        lambda cid: [e.child for e in support[cid] if e.child in support and e.child in claims],
    )


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_NONE = _Marker("NONE")
_MANY = _Marker("MANY")


def _join(a: object, b: object) -> object:
    if a is _NONE:
        return b
    if b is _NONE or a == b:
        return a
    return _MANY


def _single_source(argmap: ArgMap, roots: dict[str, str], support: Support) -> Iterable[Gap]:
    """`roots` gives the via root of every cited source."""
    components = _support_components(argmap, support)
    tree_roots = _support_roots(argmap, roots, support, components)
    # A claim's support tree holds a claim it supports only when both are on one support cycle (in
    # one strongly connected component): that decides which branch is the top without walking trees,
    # and only the branches reported are walked.
    component_of = {cid: n for n, component in enumerate(components) for cid in component}
    for claim in argmap.claim_index.values():
        root = tree_roots[claim.id]
        if not isinstance(root, str) or not support.get(claim.id):
            continue
        if _covered_by_parent(argmap, claim, tree_roots, component_of, support):
            continue
        members = _support_tree(support, claim.id)
        member_cites = [c for m in members for c in argmap.claim_index[m].cites]
        n_cites = len(member_cites)
        source = argmap.source(root)
        via_note = ""
        if any(roots[c.source] != c.source for c in member_cites):
            via_note = " (directly or through sources known via it)"
        yield Gap(
            "single-source",
            claim.id,
            root,
            claim.position,
            f"all {n_cites} citation{'s' if n_cites != 1 else ''} in the support tree of '{claim.id}' "
            f"({len(members)} claims) lead back to '{root}'{via_note}",
            f"support '{claim.id}' with evidence independent of {_title(source, root)}",
        )


def _covered_by_parent(
    argmap: ArgMap, claim: Claim, roots: dict[str, object], component_of: dict[str, int], support: Support
) -> bool:
    """True when a claim that `claim` supports is a single-source branch root too (report only the top).

    `component_of` numbers the strongly connected components of the support graph: a claim that
    `claim` supports is in the support tree of `claim` only when both are in one component. In a
    support cycle every member has the same support tree; there the first one written is the top.
    """
    for edge in argmap.parents_index.get(claim.id, ()):
        if (
            edge.kind not in _SUPPORT_KINDS
            or not isinstance(roots[edge.parent], str)
            or not support.get(edge.parent, ())
        ):
            continue
        if component_of.get(edge.parent) != component_of[claim.id]:
            return True
        parent = argmap.claim_index[edge.parent]
        if (parent.position.line, parent.position.column) < (claim.position.line, claim.position.column):
            return True
    return False


def _support_tree(support: Support, root: str) -> list[str]:
    seen = {root}
    order = [root]
    for node in order:
        for edge in support.get(node, ()):
            if edge.child not in seen:
                seen.add(edge.child)
                order.append(edge.child)
    return order


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]


def missing_fields(source: Source) -> list[str]:
    """What makes a source incomplete: any of "URL", "date", "author or publisher"."""
    missing = []
    if not source.url:
        missing.append("URL")
    if not source.date:
        missing.append("date")
    if not source.author and not source.publisher:
        missing.append("author or publisher")
    return missing


def _source_incomplete(argmap: ArgMap, source: Source) -> Iterable[Gap]:
    missing = missing_fields(source)
    if not missing:
        return
    listed = _and(missing)
    no_listed = _and([f"no {m}" for m in missing])
    if source.anonymous:
        reason = f"source '{source.id}' is anonymous: {no_listed}"
        fix = f"identify who is behind {_title(source, source.id)} and record its {listed}, or note why it cannot be"
    elif source.via:
        reason = f"source '{source.id}' has {no_listed} (known via '{source.via}')"
        fix = f"find {_title(source, source.id)} itself and record its {listed}"
    else:
        reason = f"source '{source.id}' has {no_listed}"
        fix = f"record the {listed} of {_title(source, source.id)}"
    yield Gap("source-incomplete", None, source.id, source.position, reason, fix)


# --- public API ----------------------------------------------------------------------------------


def find_gaps(argmap: ArgMap, *, kinds: Collection[str] | None = None) -> list[Gap]:
    """Every gap of the chosen kinds (all when None), sorted by file position, then kind and ids.

    Raises ValueError for an unknown kind.
    """
    wanted = set(KINDS if kinds is None else kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown gap kind(s): {', '.join(sorted(unknown))}; valid: {', '.join(KINDS)}")
    sources = _Sources(argmap)
    roots, independent = sources.roots_and_independent(_cited_ids(argmap))
    gaps: list[Gap] = []
    uncited, unsupported, no_quote = "uncited" in wanted, "unsupported" in wanted, "no-quote" in wanted
    unanswered, correlation_only = "unanswered" in wanted, "correlation-only" in wanted
    support = _support(argmap)
    # The cheap tests that rule a gap out are made here, so that large clean maps stay fast.
    for claim in argmap.claim_index.values():
        cites = claim.cites
        if not cites:
            if uncited:
                gaps.extend(_uncited(argmap, claim))
        else:
            if unsupported and not any(c.source in independent for c in cites):
                gaps.extend(_unsupported(argmap, claim, sources))
            if no_quote:
                gaps.extend(_no_quote(argmap, claim, c) for c in cites if not (c.quote or c.locator))
        if unanswered and claim.kind in (ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT):
            gaps.extend(_unanswered(argmap, claim))
        if correlation_only and claim.id in support:
            gaps.extend(_correlation_only(argmap, claim, support))
    if "single-source" in wanted:
        gaps.extend(_single_source(argmap, roots, support))
    if "source-incomplete" in wanted:
        for source in argmap.source_index.values():
            gaps.extend(_source_incomplete(argmap, source))
    for kind, find in (
        ("unstated-assumption", unstated_assumptions),
        ("open-question", open_questions),
        ("unchallenged-load-bearing", unchallenged_load_bearing),
    ):
        if kind in wanted:
            gaps.extend(
                Gap(k, claim_id, None, position, reason, fix) for k, claim_id, position, reason, fix in find(argmap)
            )
    return sorted(gaps, key=Gap.sort_key)


def has_independent_evidence(argmap: ArgMap, claim: Claim) -> bool:
    """True when the claim cites a source that is not the analysed text, not known via it, not anonymous."""
    sources = _Sources(argmap)
    return any(sources.independent(c.source) for c in claim.cites)


def coverage(argmap: ArgMap) -> Coverage:
    """The three coverage counts; a premise here is every premise and correlation (docs/gaps.md)."""
    _, independent = _Sources(argmap).roots_and_independent(_cited_ids(argmap))
    claims = argmap.claim_index.values()
    premises = [c for c in claims if c.kind in (ClaimKind.PREMISE, ClaimKind.CORRELATION)]
    counterpoints = [c for c in claims if c.kind is ClaimKind.COUNTERPOINT]
    cites = [cite for c in claims for cite in c.cites]
    children = argmap.children_index
    return Coverage(
        premises=len(premises),
        premises_independent=sum(1 for c in premises if any(x.source in independent for x in c.cites)),
        citations=len(cites),
        citations_checkable=sum(1 for x in cites if x.quote or x.locator),
        counterpoints=len(counterpoints),
        counterpoints_answered_count=sum(1 for c in counterpoints if any(e.attacks for e in children.get(c.id, ()))),
    )
