"""DOT text for a DiagramView, built with the `graphviz` package, with all escaping done here.

Safety rules (see docs/render.md and ../shared/HOSTILE_INPUT.md):
- node ids are generated (n0, n1, ... in document order); user ids appear only inside labels;
- every user string goes through `dot_string`: `&` becomes `&amp;` (dot decodes entities in plain
  labels), then `graphviz.escape` doubles backslashes (no `\\N`, `\\l`, no escaped closing quote)
  and marks it as not-HTML (a claim shaped `<...>` stays text); the package escapes `"`;
- every quoted string is capped at MAX_STRING_BYTES (dot refuses strings of 16,382 bytes or more);
- only http(s) URLs reach the `URL` attribute, percent-encoded so that no `"`, `<`, `>`, `'`,
  backslash or white space reaches the SVG, and with `&` written as `&amp;`.

The graph, its default attributes and the legend are made with `graphviz.Digraph` calls. The
statements for claims and relations (thousands on a large map) are appended to the Digraph's
`body` as finished lines, written by `dot_statement` exactly as the package's `node()`/`edge()`
would write them (same order, same quoting, see `dot_id`), but without its per-call overhead;
tests/test_render.py checks that both give the same text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import quote as percent_quote

from argmap.model import ClaimKind
from argmap.text.urls import safe_url
from argmap.views.diagram import DiagramView, ViewEdge, ViewNode

#: dot rejects a quoted string of 16,382 bytes or more; stay far below
MAX_STRING_BYTES = 8000
DIRECTIONS = ("TB", "LR", "BT", "RL")
FONT = "Helvetica,Arial,sans-serif"
#: characters that may stay unencoded in a URL passed to dot (RFC 3986 reserved and unreserved,
#: and % so that existing escapes survive); everything else, `&` aside, is percent-encoded
_URL_SAFE = "-._~:/?#[]@!$()*+,;=%"


@dataclass(frozen=True)
class Theme:
    """Colours and line styles of one look. Shapes are the same in every theme."""

    name: str
    background: str
    text: str
    legend_border: str
    #: kind -> (fill, border, font colour)
    kinds: Mapping[ClaimKind, tuple[str, str, str]]
    support: str
    attack: str
    gap: str


# Okabe-Ito colours (safe for the common colour-vision deficiencies): blue #0072B2, bluish green
# #009E73, sky blue #56B4E9, orange #E69F00, vermillion #D55E00, reddish purple #CC79A7.
THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light", background="white", text="#1a1a1a", legend_border="#999999",
        kinds={
            ClaimKind.THESIS: ("#0072B2", "#00507d", "white"),
            ClaimKind.PREMISE: ("#dff2ec", "#009E73", "#1a1a1a"),
            ClaimKind.CORRELATION: ("#e3f2fb", "#56B4E9", "#1a1a1a"),
            ClaimKind.COUNTERPOINT: ("#fbecd0", "#E69F00", "#1a1a1a"),
            ClaimKind.REBUTTAL: ("#f6e4ee", "#CC79A7", "#1a1a1a"),
        },
        support="#009E73", attack="#D55E00", gap="#D55E00",
    ),
    "dark": Theme(
        name="dark", background="#1e1f22", text="#e8e8e8", legend_border="#777777",
        kinds={
            ClaimKind.THESIS: ("#0b4f7a", "#56B4E9", "white"),
            ClaimKind.PREMISE: ("#173d33", "#2fc59b", "#e8e8e8"),
            ClaimKind.CORRELATION: ("#1b3647", "#56B4E9", "#e8e8e8"),
            ClaimKind.COUNTERPOINT: ("#463614", "#E69F00", "#e8e8e8"),
            ClaimKind.REBUTTAL: ("#44283a", "#CC79A7", "#e8e8e8"),
        },
        support="#2fc59b", attack="#ff7a3d", gap="#ff5a36",
    ),
    "print": Theme(
        name="print", background="white", text="black", legend_border="black",
        kinds={
            ClaimKind.THESIS: ("white", "black", "black"),
            ClaimKind.PREMISE: ("white", "black", "black"),
            ClaimKind.CORRELATION: ("white", "black", "black"),
            ClaimKind.COUNTERPOINT: ("#d9d9d9", "black", "black"),
            ClaimKind.REBUTTAL: ("#bdbdbd", "black", "black"),  # mid grey: apart from white premises on paper
        },
        support="black", attack="black", gap="black",
    ),
}

#: kind -> (shape, style, peripheries): the shape tells the kinds apart in every theme
SHAPES: dict[ClaimKind, tuple[str, str, str]] = {
    ClaimKind.THESIS: ("box", "rounded,filled,bold", "2"),
    ClaimKind.PREMISE: ("box", "rounded,filled", "1"),
    ClaimKind.CORRELATION: ("box", "filled,diagonals", "1"),
    ClaimKind.COUNTERPOINT: ("box", "filled", "1"),
    ClaimKind.REBUTTAL: ("box", "rounded,filled,bold", "1"),
}

# Support: solid line, filled arrowhead. Attack: dashed line, bar ("tee") end. Not colour alone.
SUPPORT_STYLE = {"style": "solid", "arrowtail": "normal", "penwidth": "1.4"}
ATTACK_STYLE = {"style": "dashed", "arrowtail": "tee", "penwidth": "1.6"}


# -- escaping ------------------------------------------------------------------------------------

def _cost(ch: str) -> int:
    """Bytes one character takes in the DOT file after escaping."""
    if ch == "&":
        return 5
    if ch in '\\"':
        return 2
    return len(ch.encode("utf-8", "surrogatepass"))


def _fit(text: str, budget: int) -> tuple[str, int]:
    """The longest prefix of `text` whose escaped size fits `budget` bytes, and that size."""
    whole = (len(text.encode("utf-8", "surrogatepass")) + 4 * text.count("&") + text.count("\\")
             + text.count('"'))
    if whole <= budget:
        return text, whole
    used = 0
    for index, ch in enumerate(text):
        cost = _cost(ch)
        if used + cost > budget:
            return text[:index], used
        used += cost
    return text, used


def dot_string(lines: str | list[str] | tuple[str, ...], *, limit: int = MAX_STRING_BYTES) -> str:
    """Plain DOT text for already-cleaned user `lines`, shown literally, one per line.

    Capped so that the escaped string stays under `limit` bytes; a cut ends with an ellipsis.
    Returns a `graphviz.quoting.NoHtml` string (never read as an HTML label).
    """
    import graphviz

    if isinstance(lines, str):
        lines = lines.split("\n")
    # Escape all lines in one pass: join them with a newline (no line holds one: a str is split
    # above, view lines are single lines), escape, then write each newline as DOT's line break \n.
    joined = "\n".join(lines)
    budget = limit - 8  # room for the ellipsis and the quotes
    if _escaped_size(joined) >= budget:
        joined = "\n".join(_cut_to_budget(lines, budget))
    escaped = graphviz.escape(joined.replace("&", "&amp;")).replace("\n", "\\n")
    return graphviz.nohtml(escaped)


def _escaped_size(text: str) -> int:
    """Bytes `text` takes in a DOT string once escaped (a newline becomes the two bytes \\n)."""
    return (len(text.encode("utf-8", "surrogatepass")) + 4 * text.count("&") + text.count("\\")
            + text.count('"') + text.count("\n"))


def _cut_to_budget(lines: list[str] | tuple[str, ...], budget: int) -> list[str]:
    """The first lines of `lines` whose escaped size (with a \\n between lines) stays under
    `budget`; the line that does not fit is cut and ends with an ellipsis."""
    kept: list[str] = []
    for line in lines:
        separator = 2 if kept else 0
        part, used = _fit(line, budget - separator)
        if part != line or budget - separator - used <= 0:
            kept.append(part + "…")
            break
        kept.append(part)
        budget -= separator + used
    return kept


def dot_url(url: str | None) -> str | None:
    """An http(s) URL encoded for dot's URL attribute, or None for anything else."""
    checked = safe_url(url)
    if checked is None:
        return None
    encoded = percent_quote(checked, safe=_URL_SAFE + "&").replace("&", "&amp;")
    return encoded if len(encoded) < MAX_STRING_BYTES else None


#: a DOT ID that needs no quotes (graphviz.quoting.ID), and the keywords that always need them
_PLAIN_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


def dot_id(value: str) -> str:
    """`value` written as a DOT ID, as `graphviz.quoting.quote` writes a non-HTML string.

    Only for argmap's own constants and for the output of `dot_string`/`dot_url`: there every
    backslash is already doubled, so escaping each `"` is all the package's quoting would do.
    """
    if _PLAIN_ID.match(value) and value.lower() not in _KEYWORDS:
        return value
    return '"' + value.replace('"', '\\"') + '"'


def dot_statement(left: str, label: str | None, attrs: Mapping[str, str]) -> str:
    """One node (`left` is its id) or edge (`left` is "a -> b") statement line, as the graphviz
    package writes it: the label first, then the other attributes sorted by name."""
    items = [f"label={dot_id(label)}"] if label is not None else []
    items.extend(_attribute(key, value) for key, value in sorted(attrs.items()))
    return f"\t{left} [{' '.join(items)}]\n"


#: attributes that hold map text; every other attribute takes one of a few values set by argmap
_TEXT_ATTRIBUTES = frozenset({"label", "tooltip", "URL"})
_ATTRIBUTE_TEXT: dict[tuple[str, str], str] = {}


def _attribute(key: str, value: str) -> str:
    """`key=value` in DOT; argmap's own styling attributes are written once and remembered."""
    if key in _TEXT_ATTRIBUTES:
        return f"{dot_id(key)}={dot_id(value)}"
    text = _ATTRIBUTE_TEXT.get((key, value))
    if text is None:
        text = _ATTRIBUTE_TEXT[key, value] = f"{dot_id(key)}={dot_id(value)}"
    return text


# -- building ------------------------------------------------------------------------------------

def node_label(node: ViewNode) -> list[str]:
    """The lines of a node's label: id, claim text, correlation variables, citations, hidden count."""
    lines = [node.title, *node.lines]
    if node.between:
        lines.extend(node.between_lines)
    if node.citations:
        lines.append(node.citations)
    if node.hidden_children:
        lines.append(f"+{node.hidden_children} more below")
    return lines


def to_dot(view: DiagramView, *, direction: str = "LR", theme: str = "light", legend: bool = True,
           mark_gaps: bool = False) -> str:
    """The DOT source of `view`: deterministic for the same view and options."""
    import graphviz

    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    look = THEMES[theme]
    graph = graphviz.Digraph("argmap")
    graph.attr("graph", rankdir=direction, bgcolor=look.background, fontname=FONT, fontsize="16",
               fontcolor=look.text, label=dot_string([view.title]), labelloc="t", labeljust="c",
               nodesep="0.3", ranksep="0.55", pad="0.3", outputorder="edgesfirst")
    graph.attr("node", fontname=FONT, fontsize="11", margin="0.14,0.08", penwidth="1.3")
    graph.attr("edge", dir="back", arrowsize="0.9")
    ids = {node.id: f"n{index}" for index, node in enumerate(view.nodes)}
    urls: dict[str, str | None] = {}  # a source's URL is checked and encoded once
    for node in view.nodes:
        if node.url is not None and node.url not in urls:
            urls[node.url] = dot_url(node.url)
        attrs = _node_attrs(node, look, mark_gaps, url=urls.get(node.url or ""))
        graph.body.append(dot_statement(ids[node.id], dot_string(node_label(node)), attrs))
    for edge in view.edges:
        line = dot_statement(f"{ids[edge.parent]} -> {ids[edge.child]}", None, _edge_attrs(edge, look))
        graph.body.append(line)
    if legend:
        _add_legend(graph, look, mark_gaps=mark_gaps, vertical=direction in ("TB", "BT"))
    return graph.source


def _node_attrs(node: ViewNode, look: Theme, mark_gaps: bool, *, url: str | None) -> dict[str, str]:
    """A node's attributes but its label; `url` is `dot_url(node.url)`."""
    fill, border, font = look.kinds[node.kind]
    shape, style, peripheries = SHAPES[node.kind]
    classes = ["claim", node.kind.value]
    attrs = {"shape": shape, "style": style, "fillcolor": fill, "color": border, "fontcolor": font,
             "peripheries": peripheries, "tooltip": dot_string(node.tooltip)}
    if node.kind is ClaimKind.THESIS:
        attrs["fontsize"] = "13"
    if mark_gaps and node.gaps:
        classes.append("gap")
        attrs.update(style=_dashed(style), color=look.gap, penwidth="2.6")
    if url:
        attrs["URL"] = url
        classes.append("linked")
    attrs["class"] = " ".join(classes)
    return attrs


def _dashed(style: str) -> str:
    parts = [p for p in style.split(",") if p not in ("bold", "solid")]
    return ",".join(parts + ["dashed"])


def _edge_attrs(edge: ViewEdge, look: Theme) -> dict[str, str]:
    attrs = dict(ATTACK_STYLE if edge.attacks else SUPPORT_STYLE)
    attrs["color"] = look.attack if edge.attacks else look.support
    attrs["tooltip"] = dot_string(edge.tooltip)
    classes = ["relation", "attack" if edge.attacks else "support", edge.kind.value]
    if edge.ref:
        classes.append("ref")
        attrs["constraint"] = "false"
    attrs["class"] = " ".join(classes)
    return attrs


def _add_legend(graph: object, look: Theme, *, mark_gaps: bool, vertical: bool) -> None:
    """A cluster naming each kind in its style, and one support and one attack edge."""
    import graphviz

    legend = graphviz.Digraph("cluster_legend")
    legend.attr("graph", label="Legend", fontsize="12", style="rounded", color=look.legend_border,
                fontcolor=look.text, margin="10", rankdir="TB")
    legend.attr("node", fontsize="10", width="1.3", height="0.3", margin="0.08,0.04")
    names = [kind for kind in ClaimKind if kind in SHAPES]
    for index, kind in enumerate(names):
        fill, border, font = look.kinds[kind]
        shape, style, peripheries = SHAPES[kind]
        legend.node(f"legend{index}", label=kind.value, shape=shape, style=style, fillcolor=fill,
                    color=border, fontcolor=font, peripheries=peripheries, tooltip=kind.value,
                    **{"class": f"legend {kind.value}"})
    extra = len(names)
    if mark_gaps:
        legend.node(f"legend{extra}", label="weak (gaps)", shape="box", style="rounded,dashed",
                    color=look.gap, penwidth="2.6", fontcolor=look.text, tooltip="weak claim",
                    **{"class": "legend gap"})
        extra += 1
    samples = (("supports", SUPPORT_STYLE, look.support), ("attacks", ATTACK_STYLE, look.attack))
    for index, (verb, style, colour) in enumerate(samples):
        top, bottom = f"legend{extra + 2 * index}", f"legend{extra + 2 * index + 1}"
        legend.node(top, label="claim", shape="plaintext", fontcolor=look.text, height="0.2",
                    **{"class": "legend"})
        legend.node(bottom, label=verb, shape="plaintext", fontcolor=colour, height="0.2",
                    **{"class": "legend"})
        legend.edge(top, bottom, color=colour, tooltip=f"{verb}", **style,
                    **{"class": f"legend {'attack' if verb == 'attacks' else 'support'}"})
    # stack the kinds in one column so the legend stays narrow: along the ranks in TB/BT, within
    # one rank in LR/RL
    if vertical:
        for index in range(extra - 1):
            legend.edge(f"legend{index}", f"legend{index + 1}", style="invis", dir="none")
    else:
        legend.body.append("\t{rank=same; " + " ".join(f"legend{i};" for i in range(extra)) + "}\n")
    graph.subgraph(legend)  # type: ignore[attr-defined]
