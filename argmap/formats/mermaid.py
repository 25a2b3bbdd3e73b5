"""A Mermaid flowchart of the map, for GitHub Markdown (```mermaid blocks) and Mermaid's own tools.

    flowchart BT
      c0(["Schools should require uniforms."])
      c1["Uniforms reduce bullying."] --> c0
      c2["Uniforms cost money."] --x c0

Nodes get generated ids (`c0`, `a0`, `s0`; never a user's id, which could be a Mermaid keyword or
an edge operator), and labels are quoted strings in which every character but letters, digits,
spaces and a few safe punctuation marks is written as a Mermaid entity code (`#35;` for `#`), so
no text can end the string, open a link, markup, a `click` or `%%{init}` directive. Supports are
arrows, attacks end in a cross, refs are dotted; a linked argument is a small junction node that
its premises join (assumptions by a dotted line) and its undercuts attack; an undercut of a single
premise attacks a junction on that premise's step. Kinds and sides are classes (classDef).

The map's title is the diagram's title, in Mermaid's front matter (`---` / `title: "..."` / `---`).

Past Mermaid's default limits (50,000 characters, 500 edges) the writer refuses: `--focus ID` and
`--depth N` convert a part of the map instead.
"""

from __future__ import annotations

import json

from argmap.analysis.sides import FOR, sides
from argmap.findings import Problem, cannot_write
from argmap.formats.losses import Losses
from argmap.model import ArgMap, ClaimKind, Position
from argmap.text.safe import visible

__all__ = ["MAX_EDGES", "MAX_TEXT", "label", "write"]

#: Mermaid's defaults: maxTextSize and maxEdges
MAX_TEXT = 50_000
MAX_EDGES = 500
_SAFE_PUNCTUATION = frozenset(" .,!?'/-+=_")
_SHAPES = {ClaimKind.THESIS: ('(["', '"])'), ClaimKind.ASSUMPTION: ('("', '")')}
_STYLES = (
    ("sideFor", "fill:#e8f4ea,stroke:#2e7d32,color:#1b3d1f"),
    ("sideAgainst", "fill:#fdecea,stroke:#c62828,color:#4a1010"),
    ("thesis", "stroke-width:3px"),
    ("premise", "stroke-width:1px"),
    ("correlation", "stroke-width:1px,stroke-dasharray:6 2"),
    ("counterpoint", "stroke-width:2px"),
    ("rebuttal", "stroke-width:2px"),
    ("undercut", "stroke-width:2px,stroke-dasharray:2 2"),
    ("assumption", "stroke-width:1px,stroke-dasharray:4 4"),
    ("junction", "fill:#ffffff,stroke:#555555"),
)


def label(text: str) -> str:
    """`text` as the inside of a quoted Mermaid label that shows exactly this text (whitespace runs
    as one space): letters, digits and a few punctuation marks as they are, the rest entity codes."""
    out = []
    for ch in " ".join(text.split()):
        if (ch.isalnum() and (ch.isascii() or ch.isalpha())) or ch in _SAFE_PUNCTUATION:
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out) or " "  # Mermaid refuses an empty label


#: Mermaid passes a title through an HTML sanitiser and shows what comes out as text, so `&`, `<`
#: and `>` would show as `&amp;`, `&lt;`, `&gt;` (and `&#1;` as a control character): their
#: full-width forms look the same and are no markup to anything
_TITLE_FORMS = str.maketrans({"&": "\uff06", "<": "\uff1c", ">": "\uff1e"})


def _front_matter(title: str) -> list[str]:
    """The diagram's title as Mermaid's front matter (YAML, which Mermaid reads before the
    flowchart), or nothing for a map without one. The title is made one line, its unsafe characters
    visible and no workflow command left in it, and written as a double-quoted string (JSON's
    escapes are YAML's): no text can end the string, the line or the front matter. Mermaid shows a
    title as text, never as markup."""
    flat = " ".join(visible(title, one_line=False).split()).translate(_TITLE_FORMS)
    return ["---", f"title: {json.dumps(flat, ensure_ascii=False)}", "---"] if flat else []


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    losses = Losses("mermaid")
    node = {claim_id: f"c{i}" for i, claim_id in enumerate(argmap.claim_index)}
    side_of = sides(argmap)
    lines = [*_front_matter(argmap.title), "flowchart BT"]
    for claim in argmap.claim_index.values():
        opening, closing = _SHAPES.get(claim.kind, ('["', '"]'))
        lines.append(f"  {node[claim.id]}{opening}{label(claim.text)}{closing}")
        for what, present in (
            ("citations", claim.cites),
            ("notes", claim.note),
            ("tags", claim.tags),
            ("weights", claim.weight is not None),
            ("correlation variables (between)", claim.between),
            ("proof standards", claim.standard),
            ("critical questions (answers, raises)", claim.answers or claim.raises),
        ):
            if present:
                losses.add(what, claim.position)
    junction: dict[str, str] = {}
    for i, argument in enumerate(argmap.arguments):
        junction[argument.id] = f"a{i}"
        lines.append(f'  a{i}((" "))')
        if argument.scheme or argument.weight is not None or argument.note or argument.tags:
            losses.add("argument schemes, weights, notes and tags", argument.position)
    steps: dict[str, str] = {}
    edges: list[str] = []
    for edge in argmap.edges_resolved:
        if edge.undercuts and edge.argument is None:
            premise = argmap.claim_index[edge.parent]
            if edge.parent not in steps and premise.parent is not None and premise.parent in node:
                steps[edge.parent] = f"s{len(steps)}"
                lines.append(f'  {steps[edge.parent]}((" "))')
    for edge in argmap.edges_resolved:
        child = node[edge.child]
        dotted = edge.ref
        if edge.note:
            losses.add("notes on refs", edge.position)
        if edge.argument is not None and edge.argument in junction:
            target = junction[edge.argument]
            if edge.undercuts:
                edges.append(f"  {child} {'-.-x' if dotted else '--x'} {target}")
            else:
                edges.append(f"  {child} {'-.-' if dotted or edge.kind is ClaimKind.ASSUMPTION else '---'} {target}")
            continue
        if edge.undercuts:
            target = steps.get(edge.parent, node[edge.parent])
            edges.append(f"  {child} {'-.-x' if dotted else '--x'} {target}")
        elif edge.attacks:
            edges.append(f"  {child} {'-.-x' if dotted else '--x'} {node[edge.parent]}")
        elif edge.child in steps and not edge.ref:
            edges.append(f"  {child} --- {steps[edge.child]}")
            edges.append(f"  {steps[edge.child]} --> {node[edge.parent]}")
        else:
            edges.append(f"  {child} {'-.->' if dotted else '-->'} {node[edge.parent]}")
    for argument in argmap.arguments:
        if argument.conclusion in node:
            edges.append(f"  {junction[argument.id]} --> {node[argument.conclusion]}")
    lines.extend(edges)
    lines.extend(f"  classDef {name} {style}" for name, style in _STYLES)
    groups: dict[str, list[str]] = {}
    for claim in argmap.claim_index.values():
        groups.setdefault(claim.kind.value, []).append(node[claim.id])
        side = side_of.get(claim.id)
        if side is not None:
            groups.setdefault("sideFor" if side.stance == FOR else "sideAgainst", []).append(node[claim.id])
    groups["junction"] = [*junction.values(), *steps.values()]
    lines.extend(f"  class {','.join(ids)} {name}" for name, ids in groups.items() if ids)
    whole: tuple[tuple[str, object], ...] = (
        ("sources", argmap.sources),
        ("the description", argmap.description),
        ("expectations (expect)", argmap.expect),
    )
    for what, given in whole:
        if given:
            losses.add(what, _top(argmap))
    text = "\n".join(lines) + "\n"
    if len(edges) > MAX_EDGES or len(text) > MAX_TEXT:
        where = _top(argmap)
        message = (
            f"the flowchart has {len(edges)} edges and {len(text):,} characters, past Mermaid's default limits "
            f"({MAX_EDGES} edges, {MAX_TEXT:,} characters); convert a part with --focus ID and/or --depth N"
        )
        return "", (cannot_write(where.file, where.line, where.column, message),)
    return text, losses.problems()


def _top(argmap: ArgMap) -> Position:
    """Where a loss of the map as a whole is reported: the start of the file."""
    first = argmap.claims[0].position if argmap.claims else Position(argmap.file, 1, 1)
    return Position(first.file, 1, 1)
