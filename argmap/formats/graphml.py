"""GraphML of the map, for yEd, Gephi, networkx and other graph tools.

Every claim is a node whose id is the claim's id, with data keys for its text, kind, side, cited
source ids, quotes, tags, note, weight and the rest; a linked argument is a node of its own (its
id, `kind` "argument", its scheme), which its premises and assumptions support and which supports
its conclusion; an undercut of a single premise attacks a `step:` node on that premise's way to its
conclusion. Edges carry their kind, whether they are a support, an attack or an undercut, and
whether they are a ref. Every text is XML-escaped, and characters XML 1.0 cannot hold (control
characters, lone surrogates) are removed, so the file is always well-formed.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from argmap.analysis.sides import sides
from argmap.findings import Problem
from argmap.formats.losses import Losses
from argmap.model import ArgMap, Claim, Position

__all__ = ["write", "xml_text"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: (id, for, attr.name, attr.type): the keys declared at the top of the file
_KEYS = (
    ("title", "graph", "title", "string"),
    ("description", "graph", "description", "string"),
    ("text", "node", "text", "string"),
    ("kind", "node", "kind", "string"),
    ("side", "node", "side", "string"),
    ("thesis", "node", "thesis", "string"),
    ("sources", "node", "sources", "string"),
    ("quotes", "node", "quotes", "string"),
    ("tags", "node", "tags", "string"),
    ("note", "node", "note", "string"),
    ("between", "node", "between", "string"),
    ("inferred", "node", "inferred", "boolean"),
    ("standard", "node", "standard", "string"),
    ("answers", "node", "answers", "string"),
    ("raises", "node", "raises", "string"),
    ("scheme", "node", "scheme", "string"),
    ("node_weight", "node", "weight", "double"),
    ("relation", "edge", "relation", "string"),
    ("edge_kind", "edge", "kind", "string"),
    ("ref", "edge", "ref", "boolean"),
    ("edge_note", "edge", "note", "string"),
    ("edge_weight", "edge", "weight", "double"),
)


def xml_text(text: str) -> str:
    """Text as XML character data: escaped, with what XML 1.0 cannot hold removed (a carriage return
    is a character reference, which XML parsers keep, where a raw one would become a line feed)."""
    return escape(_NOT_XML.sub("", text), {"\r": "&#13;"})


def _attribute(text: str) -> str:
    return quoteattr(_NOT_XML.sub("", text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _data(key: str, value: object) -> str:
    if value is None or value == "" or value == () or value is False:
        return ""
    if value is True:
        shown = "true"
    elif isinstance(value, float):
        shown = repr(value)
    elif isinstance(value, tuple):
        shown = "; ".join(str(v) for v in value)
    else:
        shown = str(value)
    return f'<data key="{key}">{xml_text(shown)}</data>'


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    losses = Losses("graphml")
    side_of = sides(argmap)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ]
    out.extend(f'  <key id="{k}" for="{f}" attr.name="{n}" attr.type="{t}"/>\n' for k, f, n, t in _KEYS)
    out.append('  <graph id="argmap" edgedefault="directed">\n')
    out.append(f"    {_data('title', argmap.title)}{_data('description', argmap.description)}\n")
    for claim in argmap.claim_index.values():
        out.append(_node(claim, side_of.get(claim.id), losses))
    for argument in argmap.arguments:
        out.append(
            f"    <node id={_attribute(argument.id)}>{_data('kind', 'argument')}{_data('scheme', argument.scheme)}"
            f"{_data('node_weight', argument.weight)}{_data('note', argument.note)}{_data('tags', argument.tags)}"
            "</node>\n"
        )
    # A premise whose own step is undercut gets a step node between it and its conclusion.
    steps = {
        e.parent
        for e in argmap.edges_resolved
        if e.undercuts and e.argument is None and argmap.claim_index[e.parent].parent is not None
    }
    out.extend(f"    <node id={_attribute('step:' + p)}>{_data('kind', 'step')}</node>\n" for p in sorted(steps))
    edges: list[tuple[str, str, str, str, bool, str | None, float | None]] = []
    for edge in argmap.edges_resolved:
        weight = None if edge.ref else argmap.claim_index[edge.child].weight
        relation = "undercut" if edge.undercuts else "attack" if edge.attacks else "support"
        row = (edge.child, edge.parent, relation, edge.kind.value, edge.ref, edge.note, weight)
        if edge.argument is not None and edge.argument in argmap.argument_index:
            edges.append((*row[:1], edge.argument, *row[2:]))
        elif edge.undercuts and edge.parent in steps:
            edges.append((*row[:1], f"step:{edge.parent}", *row[2:]))
        elif edge.child in steps and not edge.ref and not edge.attacks:
            edges.append((*row[:1], f"step:{edge.child}", *row[2:]))
            edges.append((f"step:{edge.child}", edge.parent, relation, edge.kind.value, False, None, None))
        else:
            edges.append(row)
    for argument in argmap.arguments:
        edges.append((argument.id, argument.conclusion, "support", "argument", False, None, argument.weight))
    for i, (source, target, relation, kind, ref, note, weight) in enumerate(edges):
        out.append(
            f'    <edge id="e{i}" source={_attribute(source)} target={_attribute(target)}>{_data("relation", relation)}'
            f"{_data('edge_kind', kind)}{_data('ref', ref)}{_data('edge_note', note)}{_data('edge_weight', weight)}"
            "</edge>\n"
        )
    out.append("  </graph>\n</graphml>\n")
    top = Position(argmap.claims[0].position.file if argmap.claims else argmap.file, 1, 1)
    if argmap.sources:
        losses.add("source records (titles, authors, dates, URLs; claims keep the source ids)", top)
    if argmap.expect:
        losses.add("expectations (expect)", top)
    return "".join(out), losses.problems()


def _node(claim: Claim, side: object, losses: Losses) -> str:
    quotes = tuple(c.quote for c in claim.cites if c.quote)
    if any(c.locator or c.note for c in claim.cites):
        losses.add("citation locators and notes", claim.position)
    return (
        f"    <node id={_attribute(claim.id)}>{_data('text', claim.text)}{_data('kind', claim.kind.value)}"
        f"{_data('side', getattr(side, 'stance', None))}{_data('thesis', getattr(side, 'thesis', None))}"
        f"{_data('sources', tuple(dict.fromkeys(c.source for c in claim.cites)))}{_data('quotes', quotes)}"
        f"{_data('tags', claim.tags)}{_data('note', claim.note)}{_data('between', claim.between)}"
        f"{_data('inferred', claim.inferred)}{_data('standard', claim.standard)}{_data('answers', claim.answers)}"
        f"{_data('raises', claim.raises)}{_data('node_weight', claim.weight)}</node>\n"
    )
