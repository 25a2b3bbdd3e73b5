"""The semantic diff of two maps: what a change did to the argument, not to the text.

    diff_maps(old, new) -> MapDiff: thesis labels that changed first, then claims added, removed,
    renamed, moved and reworded, citations and quotes gained and lost, links (refs) made and
    undone, sources added, removed and changed, gaps opened and closed, and other eval labels.

Claims and sources are matched by id; a claim whose id changed while its text and place did not
is reported once, as renamed. Everything here reads the model; nothing reads YAML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap.analysis.evaluate import evaluate
from argmap.analysis.gaps import find_gaps
from argmap.model import ArgMap, Claim, Edge, Source
from argmap.text.safe import shorten

#: every kind of change, in report order
KINDS = (
    "thesis-label-changed",
    "claim-added",
    "claim-removed",
    "claim-renamed",
    "claim-moved",
    "claim-reworded",
    "citation-added",
    "citation-removed",
    "link-added",
    "link-removed",
    "source-added",
    "source-removed",
    "source-changed",
    "gap-opened",
    "gap-closed",
    "label-changed",
)
#: --fail-on conditions: a kind of change, or `any`
FAIL_ON = (
    "any",
    "thesis-label-changed",
    "claim-removed",
    "citation-removed",
    "source-removed",
    "gap-opened",
    "label-changed",
)
_SOURCE_FIELDS = (
    "title",
    "kind",
    "author",
    "publisher",
    "date",
    "url",
    "accessed",
    "note",
    "via",
    "anonymous",
    "snapshot",
)


@dataclass(frozen=True)
class Change:
    """One change: its kind, the claim or source it is about, one line saying what changed, and
    the values before and after where there are such (a text, a label)."""

    kind: str
    id: str
    message: str
    old: str | None = None
    new: str | None = None
    line: int | None = None  # in the new map (the old one for what was removed)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "message": self.message,
            "old": self.old,
            "new": self.new,
            "line": self.line,
        }


@dataclass(frozen=True)
class MapDiff:
    """The changes from map `old` to map `new`, in report order."""

    old: str
    new: str
    changes: tuple[Change, ...] = field(default=())

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def fails(self, conditions: Iterable[str]) -> bool:
        """Whether any --fail-on condition holds."""
        wanted = set(conditions)
        return bool(self.changes) and ("any" in wanted or any(c.kind in wanted for c in self.changes))

    def to_dict(self) -> dict[str, object]:
        counts = Counter(c.kind for c in self.changes)
        return {
            "version": 1,
            "old": self.old,
            "new": self.new,
            "counts": {kind: counts[kind] for kind in KINDS if counts[kind]},
            "changes": [c.to_dict() for c in self.changes],
        }


def _claims(argmap: ArgMap) -> dict[str, Claim]:
    return argmap.claim_index


def _place(claim: Claim) -> tuple[str, str | None, str | None]:
    return (claim.kind.value, claim.parent, claim.argument)


def _place_text(claim: Claim) -> str:
    if claim.parent is None:
        return "a thesis"
    via = f" (in argument '{claim.argument}')" if claim.argument else ""
    return f"a {claim.kind.value} of '{claim.parent}'{via}"


def _citations(claim: Claim) -> Counter[tuple[str, str]]:
    return Counter((c.source, c.quote or "") for c in claim.cites)


def diff_maps(old: ArgMap, new: ArgMap, *, semantics: str | None = None) -> MapDiff:
    """Every change from `old` to `new` (see the module doc)."""
    before, after = _claims(old), _claims(new)
    removed = [i for i in before if i not in after]
    added = [i for i in after if i not in before]
    renamed = _renames(before, after, removed, added)
    changes: dict[str, list[Change]] = {kind: [] for kind in KINDS}

    for old_id, new_id in renamed.items():
        claim = after[new_id]
        changes["claim-renamed"].append(
            Change("claim-renamed", new_id, f"'{old_id}' is now '{new_id}'", old_id, new_id, claim.position.line)
        )
    for claim_id in added:
        if claim_id in renamed.values():
            continue
        claim = after[claim_id]
        changes["claim-added"].append(
            Change(
                "claim-added",
                claim_id,
                f"{_place_text(claim)}: {shorten(claim.text, 100)}",
                None,
                claim.text,
                claim.position.line,
            )
        )
    for claim_id in removed:
        if claim_id in renamed:
            continue
        claim = before[claim_id]
        changes["claim-removed"].append(
            Change(
                "claim-removed",
                claim_id,
                f"was {_place_text(claim)}: {shorten(claim.text, 100)}",
                claim.text,
                None,
                claim.position.line,
            )
        )
    pairs = [(i, i) for i in before if i in after] + list(renamed.items())
    for old_id, new_id in pairs:
        a, b = before[old_id], after[new_id]
        line = b.position.line
        if _place(a) != _place(b) and (old_id, new_id) not in renamed.items():
            changes["claim-moved"].append(
                Change(
                    "claim-moved",
                    new_id,
                    f"was {_place_text(a)}, is {_place_text(b)}",
                    _place_text(a),
                    _place_text(b),
                    line,
                )
            )
        if a.text != b.text:
            changes["claim-reworded"].append(
                Change("claim-reworded", new_id, reworded(a.text, b.text), a.text, b.text, line)
            )
        if [(c.source, c.quote) for c in a.cites] == [(c.source, c.quote) for c in b.cites]:
            continue  # the usual claim: the same citations, in the same order
        gained = _citations(b) - _citations(a)
        lost = _citations(a) - _citations(b)
        for (source, quote), _ in sorted(gained.items()):
            what = f"cites '{source}'" + (f': "{shorten(quote, 80)}"' if quote else "")
            changes["citation-added"].append(Change("citation-added", new_id, what, None, quote or source, line))
        for (source, quote), _ in sorted(lost.items()):
            what = f"no longer cites '{source}'" + (f': "{shorten(quote, 80)}"' if quote else "")
            changes["citation-removed"].append(Change("citation-removed", new_id, what, quote or source, None, line))
    _links(old, new, renamed, changes)
    _sources(old, new, changes)
    _gaps(old, new, renamed, changes)
    _labels(old, new, renamed, semantics, changes)
    ordered = tuple(change for kind in KINDS for change in changes[kind])
    return MapDiff(old.file, new.file, ordered)


def reworded(old: str, new: str, *, context: int = 4) -> str:
    """The words that changed, with a few words around them: "…approach was practical, not
    theoretical." → "…approach was practical." (each side at most 80 characters)."""
    a, b = old.split(), new.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    lead = max(0, start - context)

    def side(words: list[str]) -> str:
        middle = words[lead : len(words) - end + min(end, 2)]
        text = ("…" if lead else "") + " ".join(middle) + ("…" if end > 2 else "")
        return shorten(text, 80)

    return f"{side(a)} → {side(b)}"


def _renames(before: dict[str, Claim], after: dict[str, Claim], removed: list[str], added: list[str]) -> dict[str, str]:
    """Removed ids whose claim reappears under a new id: the one added claim of the same kind with
    the same text, or else the one in the same place (kind, parent, argument) with the same
    citations (a claim renamed and reworded in one change)."""
    renamed: dict[str, str] = {}
    for key in (_same_text, _same_place):
        taken = set(renamed.values())
        candidates: dict[object, list[str]] = {}
        for claim_id in added:
            if claim_id not in taken:
                candidates.setdefault(key(after[claim_id], {}), []).append(claim_id)
        for claim_id in removed:
            if claim_id in renamed:
                continue
            found = candidates.get(key(before[claim_id], renamed), [])
            if len(found) == 1:
                renamed[claim_id] = found.pop()
    return renamed


def _same_text(claim: Claim, renamed: dict[str, str]) -> object:
    return ("text", claim.text, claim.kind.value)


def _same_place(claim: Claim, renamed: dict[str, str]) -> object:
    parent = renamed.get(claim.parent or "", claim.parent)
    return ("place", claim.kind.value, parent, claim.argument, tuple(sorted(_citations(claim).items())))


def _edge_key(edge: Edge, renamed: dict[str, str]) -> tuple[str, str, str, str]:
    return (
        renamed.get(edge.child, edge.child),
        renamed.get(edge.parent, edge.parent),
        edge.kind.value,
        edge.argument or "",
    )


def _links(old: ArgMap, new: ArgMap, renamed: dict[str, str], changes: dict[str, list[Change]]) -> None:
    before = {_edge_key(e, renamed): e for e in old.edges if e.ref}
    after = {_edge_key(e, {}): e for e in new.edges if e.ref}
    for key, edge in after.items():
        if key not in before:
            child, parent, kind, _ = key
            message = f"'{child}' now also stands as a {kind} of '{parent}'"
            changes["link-added"].append(Change("link-added", child, message, None, parent, edge.position.line))
    for key, edge in before.items():
        if key not in after:
            child, parent, kind, _ = key
            message = f"'{child}' no longer stands as a {kind} of '{parent}'"
            changes["link-removed"].append(Change("link-removed", child, message, parent, None, edge.position.line))


def _source_text(source: Source) -> str:
    return f"{source.title} ({source.kind})"


def _sources(old: ArgMap, new: ArgMap, changes: dict[str, list[Change]]) -> None:
    before = {s.id: s for s in old.sources}
    after = {s.id: s for s in new.sources}
    for source_id, source in after.items():
        if source_id not in before:
            changes["source-added"].append(
                Change("source-added", source_id, _source_text(source), None, source.title, source.position.line)
            )
    for source_id, source in before.items():
        if source_id not in after:
            changes["source-removed"].append(
                Change("source-removed", source_id, _source_text(source), source.title, None, source.position.line)
            )
            continue
        other = after[source_id]
        for name in _SOURCE_FIELDS:
            a, b = getattr(source, name), getattr(other, name)
            if a != b:
                shown_a = "(none)" if a in (None, "") else shorten(str(a), 60)
                shown_b = "(none)" if b in (None, "") else shorten(str(b), 60)
                changes["source-changed"].append(
                    Change(
                        "source-changed",
                        source_id,
                        f"{name}: {shown_a} → {shown_b}",
                        None if a is None else str(a),
                        None if b is None else str(b),
                        other.field_position(name).line,
                    )
                )


def _gaps(old: ArgMap, new: ArgMap, renamed: dict[str, str], changes: dict[str, list[Change]]) -> None:
    def key(kind: str, claim: str | None, source: str | None) -> tuple[str, str, str]:
        return (kind, claim or "", source or "")

    before = {key(g.kind, renamed.get(g.claim or "", g.claim), g.source): g for g in find_gaps(old)}
    after = {key(g.kind, g.claim, g.source): g for g in find_gaps(new)}
    for k, gap in after.items():
        if k not in before:
            what = gap.claim or gap.source or ""
            message = f"{gap.kind}: {gap.reason}"
            changes["gap-opened"].append(Change("gap-opened", what, message, None, gap.kind, gap.position.line))
    for k, gap in before.items():
        if k not in after:
            what = renamed.get(gap.claim or "", gap.claim) or gap.source or ""
            message = f"{gap.kind}: {gap.reason}"
            changes["gap-closed"].append(Change("gap-closed", what, message, gap.kind, None, None))


def _labels(
    old: ArgMap, new: ArgMap, renamed: dict[str, str], semantics: str | None, changes: dict[str, list[Change]]
) -> None:
    if not old.claims or not new.claims:
        return
    # labels are computed with an evaluation, a reason only when asked for: only changed labels need one
    a = evaluate(old, semantics=semantics)
    b = evaluate(new, semantics=semantics)
    theses = set(new.thesis_ids)
    for claim_id in old.claim_index:
        new_id = renamed.get(claim_id, claim_id)
        before, after = a.label(claim_id), b.label(new_id)
        if after is None or after == before or (verdict := b.verdict(new_id)) is None:
            continue
        kind = "thesis-label-changed" if new_id in theses else "label-changed"
        claim = new.claim_index.get(new_id)
        message = f"{before} → {after}: {verdict.reason.removeprefix(after + ': ')}"
        changes[kind].append(Change(kind, new_id, message, before, after, claim.position.line if claim else None))
