"""The AIF writer: a map -> AIFdb nodeset JSON (nodes, edges, locutions), and what AIF cannot hold.

One I node per claim (nodeID: the claim id), one RA per support step, one CA per attack or undercut,
an L node with a YA ("Asserting") per claim with a quote. See argmap.formats.aif for the reading side.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.checks.ids import SCHEMA
from argmap.findings import Problem, Severity
from argmap.model import ArgMap, ClaimKind, Edge


def write_aif(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    from argmap.formats.aif import AIF_SCHEME_NAMES

    taken = {c.id for c in argmap.claims} | {a.id for a in argmap.arguments}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    losses: dict[str, list[tuple[int, int]]] = {}
    counter = [0]

    def fresh(prefix: str) -> str:
        while True:
            counter[0] += 1
            candidate = f"{prefix}{counter[0]}"
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    def edge(source: str, target: str, **extra: Any) -> None:
        edges.append({"edgeID": fresh("e"), "fromID": source, "toID": target, "formEdgeID": None, **extra})

    def lost(what: str, line: int, column: int) -> None:
        losses.setdefault(what, []).append((line, column))

    # Two fields AIF tools ignore keep what AIF has no word for: `"thesis": true` on a thesis's I
    # node, and `"home": true` on the edge from a claim into the RA or CA of the relation it is
    # written at, for a claim that supports or attacks more than one thing (else the place is plain).
    theses = set(argmap.thesis_ids)
    relations: dict[str, int] = {}
    for e in argmap.edges:
        relations[e.child] = relations.get(e.child, 0) + 1

    def home(e: Edge) -> dict[str, Any]:
        return {"home": True} if not e.ref and relations.get(e.child, 0) > 1 else {}

    seen: set[str] = set()
    for claim in argmap.claims:
        if claim.id in seen:
            continue
        seen.add(claim.id)
        i_node: dict[str, Any] = {"nodeID": claim.id, "text": claim.text, "type": "I"}
        if claim.id in theses:
            i_node["thesis"] = True
        nodes.append(i_node)
        where = (claim.position.line, claim.position.column)
        quotes = [c for c in claim.cites if c.quote]
        if quotes:
            l_id, ya_id = fresh("l"), fresh("ya")
            nodes.append({"nodeID": l_id, "text": quotes[0].quote, "type": "L"})
            nodes.append({"nodeID": ya_id, "text": "Asserting", "type": "YA"})
            locutions.append({"nodeID": l_id})
            edge(l_id, ya_id)
            edge(ya_id, claim.id)
        if len(claim.cites) > 1 or any(c.locator or c.note for c in claim.cites):
            lost("citations (sources, locators; only a first quote is kept)", *where)
        for field, present in (("tags", claim.tags), ("notes", claim.note), ("weights", claim.weight is not None)):
            if present:
                lost(field, *where)
        if claim.between:
            lost("correlations' variables (a correlation becomes a premise)", *where)
        if claim.standard or claim.answers or claim.raises or claim.inferred:
            lost("standards, answered and raised questions, inferred marks", *where)

    parent_of = {c.id: c.parent for c in argmap.claims}
    plain_ra: dict[tuple[str, str], str] = {}
    arg_ra: dict[str, str] = {}
    arguments = argmap.argument_index
    undercuts = []
    for e in argmap.edges:
        if e.kind.undercuts:
            undercuts.append(e)
        elif e.attacks:
            ca = fresh("ca")
            nodes.append({"nodeID": ca, "text": "Default Conflict", "type": "CA"})
            edge(e.child, ca, **home(e))
            edge(ca, e.parent)
        elif e.argument is None:
            ra = fresh("ra")
            plain_ra.setdefault((e.child, e.parent), ra)
            nodes.append({"nodeID": ra, "text": "Default Inference", "type": "RA"})
            edge(e.child, ra, **home(e))
            edge(ra, e.parent)
        else:
            ra = arg_ra.get(e.argument, "")
            if not ra:
                ra = arg_ra[e.argument] = e.argument
                argument = arguments.get(e.argument)
                node: dict[str, Any] = {"nodeID": ra, "text": "Default Inference", "type": "RA"}
                if argument is not None:
                    if argument.scheme in AIF_SCHEME_NAMES:
                        node["text"] = node["scheme"] = AIF_SCHEME_NAMES[argument.scheme]
                    if len(argument.premises) + len(argument.assumptions) == 1 and argument.scheme is None:
                        node["linked"] = True
                    where = (argument.position.line, argument.position.column)
                    if argument.weight is not None or argument.note or argument.tags:
                        lost("arguments' weights, notes and tags", *where)
                nodes.append(node)
                edge(ra, e.parent)
            if e.kind is ClaimKind.ASSUMPTION:
                edge(e.child, ra, assumption=True, **home(e))
            else:
                edge(e.child, ra, **home(e))
    for e in undercuts:
        target = arg_ra.get(e.argument or "") or plain_ra.get((e.parent, parent_of.get(e.parent) or ""))
        if target is None:
            lost("undercuts of a step AIF does not hold", e.position.line, e.position.column)
            continue
        ca = fresh("ca")
        nodes.append({"nodeID": ca, "text": "Default Conflict", "type": "CA"})
        edge(e.child, ca, **home(e))
        edge(ca, target)
    if argmap.sources:
        lost("the map's sources and title", 1, 1)
    if argmap.expect:
        lost("expectations (expect:)", argmap.expect[0].position.line, argmap.expect[0].position.column)
    problems = tuple(
        Problem(argmap.file, where[0][0], where[0][1], SCHEMA, Severity.WARNING, f"AIF cannot hold {what}")
        for what, where in losses.items()
    )
    document = {"nodes": nodes, "edges": edges, "locutions": locutions}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n", problems
