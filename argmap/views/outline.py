"""The outline view: everything the interactive HTML page shows about a map, as plain JSON-ready data.

`outline_data` reads the model (and the gaps, the evaluation and the sides worked out from it) and
returns a dict of lists, strings and numbers: the claims in document order, each with its kind, text,
side, verdict, gaps, citations and the ids of what it supports, attacks and is supported or attacked by;
the tree the outline draws (`kids`: each claim's children in written order, a `ref` marked as one);
and the sources, with a link only for an http(s) URL. Every string is the map's text with control
characters made visible; escaping for the page is argmap.render.page's job, and the page inserts
these strings into its DOM only as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from argmap.model import ArgMap, Claim, Source
from argmap.text.safe import visible
from argmap.text.urls import safe_url

#: the most characters of any one map string the page carries (the YAML may hold more)
MAX_TEXT = 20_000


def _text(value: str | None) -> str:
    """Map text as the page shows it: control characters visible, line breaks kept, capped."""
    if not value:
        return ""
    shown = visible(value, one_line=False)
    return shown if len(shown) <= MAX_TEXT else shown[: MAX_TEXT - 1] + "…"


def _id(value: str) -> str:
    return visible(value)


def _tree(argmap: ArgMap) -> tuple[list[str], dict[str, list[tuple[str, bool]]]]:
    """The roots of the outline and, per claim, its children as (id, is_ref) in written order.

    A child is a claim written under its parent; every other relation to a drawn claim (a `ref`, or a
    second definition of an id) is a ref leaf. Each claim appears once as a full item, so the tree
    has no cycle whatever the map says; claims that no root reaches become roots of their own.
    """
    index = argmap.claim_index
    kids: dict[str, list[tuple[str, bool]]] = {}
    placed: set[str] = set()
    roots = [c.id for c in index.values() if c.parent is None or c.parent not in index]
    order = list(roots)
    for claim_id in index:
        if claim_id not in roots:
            order.append(claim_id)
    result_roots: list[str] = []
    for start in order:
        if start in placed:
            continue
        result_roots.append(start)
        placed.add(start)
        stack = [start]
        while stack:
            node = stack.pop()
            items: list[tuple[str, bool]] = []
            for edge in argmap.children(node):
                child = edge.child
                own = not edge.ref and index[child].parent == node and child not in placed
                if own:
                    placed.add(child)
                    stack.append(child)
                items.append((child, not own))
            if items:
                kids[node] = items
    return result_roots, kids


def _source(source: Source) -> dict[str, object]:
    record: dict[str, object] = {"title": _text(source.title), "kind": _text(source.kind)}
    for name in ("author", "publisher", "date", "accessed", "note", "via"):
        value = getattr(source, name)
        if value:
            record[name] = _text(value)
    url = safe_url(source.url)
    if url is not None:
        record["url"] = url
    elif source.url:
        record["url_text"] = _text(source.url)  # shown as text, never a link
    if source.anonymous:
        record["anonymous"] = True
    return record


def _claim(
    argmap: ArgMap,
    claim: Claim,
    *,
    side: str,
    verdict: tuple[str, str] | None,
    gaps: Sequence[dict[str, str | int]],
) -> dict[str, object]:
    record: dict[str, object] = {"id": _id(claim.id), "kind": claim.kind.value, "text": _text(claim.text)}
    if side:
        record["side"] = side
    if claim.note:
        record["note"] = _text(claim.note)
    if claim.between:
        record["between"] = [_text(v) for v in claim.between]
    if claim.tags:
        record["tags"] = [_text(t) for t in claim.tags]
    if claim.argument:
        record["argument"] = _id(claim.argument)
    if claim.cites:
        record["cites"] = [
            {
                key: value
                for key, value in (
                    ("source", _id(c.source)),
                    ("quote", _text(c.quote)),
                    ("locator", _text(c.locator)),
                    ("note", _text(c.note)),
                )
                if value
            }
            for c in claim.cites
        ]
    if verdict is not None:
        record["eval"], record["eval_reason"] = verdict[0], _text(verdict[1])
    if gaps:
        record["gaps"] = list(gaps)
    relations: dict[str, list[str]] = {}
    for edge in argmap.parents_index.get(claim.id, ()):
        relations.setdefault("attacks" if edge.attacks else "supports", []).append(_id(edge.parent))
    for edge in argmap.children(claim.id):
        relations.setdefault("attacked_by" if edge.attacks else "supported_by", []).append(_id(edge.child))
    record.update({key: list(dict.fromkeys(ids)) for key, ids in relations.items()})
    return record


def outline_data(
    argmap: ArgMap,
    *,
    gaps: Mapping[str, Sequence[dict[str, str | int]]] | None = None,
    verdicts: Mapping[str, tuple[str, str]] | None = None,
    sides: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """The page's data for `argmap`: claims, the outline's tree, sources (see the module docstring).

    `gaps` maps a claim id to its gaps (`kind`, `reason`, `fix`, and `severity` once ranked);
    `verdicts` a claim id to its eval label and reason; `sides` a claim id to `for` or `against`.
    """
    gaps = gaps or {}
    verdicts = verdicts or {}
    sides = sides or {}
    roots, kids = _tree(argmap)
    claims = [
        _claim(argmap, claim, side=sides.get(claim.id, ""), verdict=verdicts.get(claim.id), gaps=gaps.get(claim.id, ()))
        for claim in argmap.claim_index.values()
    ]
    return {
        "title": _text(argmap.title),
        "description": _text(argmap.description),
        "theses": [_id(t) for t in argmap.thesis_ids],
        "roots": [_id(r) for r in roots],
        "kids": {_id(parent): [[_id(child), ref] for child, ref in items] for parent, items in kids.items()},
        "claims": claims,
        "sources": {_id(s.id): _source(s) for s in argmap.source_index.values()},
    }


GapRecords = dict[str, list[dict[str, "str | int"]]]


def analyses(argmap: ArgMap) -> tuple[GapRecords, dict[str, tuple[str, str]], dict[str, str]]:
    """The gaps, the verdicts and the sides of `argmap`'s claims, as `outline_data` takes them.

    The gaps are the ranked weak points of `argmap gaps` (one per cause, with its severity and rank),
    each listed on the claims it hits (argmap.analysis.ranking.hit_claims), worst first.
    """
    from argmap.analysis.evaluate import evaluate
    from argmap.analysis.gaps import find_gaps
    from argmap.analysis.ranking import hit_claims, rank_gaps
    from argmap.analysis.sides import sides

    found: GapRecords = {}
    for gap in rank_gaps(argmap, find_gaps(argmap)):
        item: dict[str, str | int] = {"kind": gap.kind, "reason": _text(gap.reason), "fix": _text(gap.fix)}
        item["rank"] = gap.rank
        if gap.severity is not None:
            item["severity"] = str(gap.severity)
        for claim_id in dict.fromkeys(hit_claims(argmap, gap)):
            if claim_id in argmap.claim_index:
                found.setdefault(claim_id, []).append(item)
    evaluation = evaluate(argmap)
    verdicts = {v.id: (v.label, v.reason) for v in evaluation.verdicts}
    stances: dict[str, str] = {}
    for claim_id, side in sides(argmap).items():
        stances[claim_id] = side.toward(argmap.thesis) if argmap.thesis else side.stance
    return found, verdicts, stances
