"""DOT text for a DiagramView, built with the `graphviz` package, with all escaping done here.

Safety rules (see docs/render.md and ../shared/HOSTILE_INPUT.md):
- node ids are generated (n0, n1, ... in document order); user ids appear only inside labels;
- every user string goes through `dot_string`: `&` becomes `&amp;` (dot decodes entities in plain
  labels), then `graphviz.escape` doubles backslashes (no `\\N`, `\\l`, no escaped closing quote)
  and marks it as not-HTML (a claim shaped `<...>` stays text); the package escapes `"`;
- every quoted string is capped at MAX_STRING_BYTES (dot refuses strings of 16,382 bytes or more);
- only http(s) URLs reach the `URL` attribute, percent-encoded so that no `"`, `<`, `>`, `'`,
  backslash or white space reaches the SVG, and with `&` written as `&amp;`.

Colours, shapes and line styles come from argmap.render.themes. The graph, its default
attributes and the legend are made with `graphviz.Digraph` calls; the statements for claims and
relations (thousands on a large map) are appended to its body as finished lines by
argmap.render.statements, exactly as the package's node()/edge() would write them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import quote as percent_quote

from argmap.model import ClaimKind
from argmap.render.statements import StatementWriter
from argmap.render.themes import ATTACK_STYLE, SHAPES, SUPPORT_STYLE, THEMES, Theme
from argmap.text.urls import safe_url
from argmap.views.diagram import DiagramView, ViewEdge, ViewJunction, ViewNode

#: dot rejects a quoted string of 16,382 bytes or more; stay far below
MAX_STRING_BYTES = 8000
DIRECTIONS = ("TB", "LR", "BT", "RL")
#: one font name that every layout program measures (graphviz-pure knows Arial's metrics, not a
#: list of names; the system Graphviz finds Arial or its metric twin through fontconfig)
FONT = "Arial"
#: characters that may stay unencoded in a URL passed to dot (RFC 3986 reserved and unreserved,
#: and % so that existing escapes survive); everything else, `&` aside, is percent-encoded
_URL_SAFE = "-._~:/?#[]@!$()*+,;=%"


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
    whole = len(text.encode("utf-8", "surrogatepass")) + 4 * text.count("&") + text.count("\\") + text.count('"')
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
    result: str = graphviz.nohtml(escaped)
    return result


def _escaped_size(text: str) -> int:
    """Bytes `text` takes in a DOT string once escaped (a newline becomes the two bytes \\n)."""
    return (
        len(text.encode("utf-8", "surrogatepass"))
        + 4 * text.count("&")
        + text.count("\\")
        + text.count('"')
        + text.count("\n")
    )


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


def to_dot(
    view: DiagramView,
    *,
    direction: str = "LR",
    theme: str = "light",
    legend: bool = True,
    mark_gaps: bool = False,
    engine: str = "dot",
    minlen: Mapping[int, int] | None = None,
) -> str:
    """The DOT source of `view`: deterministic for the same view and options.

    `minlen` gives the rank offset of the edges (by index in `view.edges`) that start a band of
    `--layout columns` (argmap.render.layout). For an engine other than dot, boxes may not overlap
    and the legend is one block (a table in one box) that Graphviz packs beside the map."""
    import graphviz

    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    look = THEMES[theme]
    graph = graphviz.Digraph("argmap")
    graph.attr(
        "graph",
        rankdir=direction,
        bgcolor=look.background,
        fontname=FONT,
        fontsize="16",
        fontcolor=look.text,
        label=dot_string([view.title]),
        labelloc="t",
        labeljust="c",
        nodesep="0.3",
        ranksep="0.55",
        pad="0.3",
        outputorder="edgesfirst",
    )
    if engine != "dot":
        # force-directed engines: push overlapping boxes apart (prism keeps the layout's shape)
        # with a margin around each box, and pack the legend's box beside the map, not inside it
        graph.attr("graph", overlap="prism", sep="+14", esep="+6", pack="true", packmode="graph")
    graph.attr("node", fontname=FONT, fontsize="11", margin="0.14,0.08", penwidth="1.3")
    graph.attr("edge", dir="back", arrowsize="0.9")
    ids = {node.id: f"n{index}" for index, node in enumerate(view.nodes)}
    ids.update((junction.id, f"j{index}") for index, junction in enumerate(view.junctions))
    urls: dict[str, str | None] = {}  # a source's URL is checked and encoded once
    writer = StatementWriter()  # the package's node()/edge() lines, written without its overhead
    for node in view.nodes:
        if node.url is not None and node.url not in urls:
            urls[node.url] = dot_url(node.url)
        attrs = _node_attrs(node, look, mark_gaps, url=urls.get(node.url or ""))
        graph.body.append(writer.statement(ids[node.id], dot_string(node_label(node)), attrs))
    for junction in view.junctions:
        label, attrs = _junction_attrs(junction, look)
        graph.body.append(writer.statement(ids[junction.id], label, attrs))
    offsets = minlen or {}
    for index, edge in enumerate(view.edges):
        attrs = _edge_attrs(edge, look)
        if index in offsets:
            # a band of --layout columns starts here: its rank offset, and no pull towards the
            # parent's side, so that the band sits beside the one before it
            attrs.update(minlen=str(offsets[index]), weight="0")
        graph.body.append(writer.statement(f"{ids[edge.parent]} -> {ids[edge.child]}", None, attrs))
    if legend and view.nodes:
        # the legend explains what this drawing shows: its kinds of claim, its kinds of arrow
        shown = Shown(
            frozenset(node.kind for node in view.nodes),
            supports=any(not e.attacks for e in view.edges),
            attacks=any(e.attacks for e in view.edges),
            junctions=bool(view.junctions),
        )
        if engine != "dot":
            graph.body.append(_legend_box(look, mark_gaps=mark_gaps, shown=shown))
        else:
            _add_legend(graph, look, mark_gaps=mark_gaps, vertical=direction in ("TB", "BT"), shown=shown)
    source: str = graph.source
    return source


def _node_attrs(node: ViewNode, look: Theme, mark_gaps: bool, *, url: str | None) -> dict[str, str]:
    """A node's attributes but its label; `url` is `dot_url(node.url)`."""
    fill, border, font = look.kinds[node.kind]
    shape, style, peripheries = SHAPES[node.kind]
    classes = ["claim", node.kind.value]
    attrs = {
        "shape": shape,
        "style": style,
        "fillcolor": fill,
        "color": border,
        "fontcolor": font,
        "peripheries": peripheries,
        "tooltip": dot_string(node.tooltip),
    }
    if node.kind is ClaimKind.THESIS:
        attrs["fontsize"] = "13"
    if mark_gaps and node.gaps:
        # critical: a heavy dashed border in the theme's gap colour; major: a lighter dotted one
        classes += ["gap", node.gap_severity or "critical"]
        if node.gap_severity in ("", "critical"):
            attrs.update(style=_dashed(style), color=look.gap, penwidth="3")
        else:
            attrs.update(style=_dashed(style, "dotted"), color=look.gap_major, penwidth="2.2")
    if url:
        attrs["URL"] = url
        classes.append("linked")
    attrs["class"] = " ".join(classes)
    return attrs


def _dashed(style: str, line: str = "dashed") -> str:
    parts = [p for p in style.split(",") if p not in ("bold", "solid")]
    return ",".join([*parts, line])


def _junction_attrs(junction: ViewJunction, look: Theme) -> tuple[str, dict[str, str]]:
    """A junction's label and attributes: a dot, with its scheme beside it when it has one."""
    attrs = {
        "shape": "point",
        "width": "0.13",
        "color": look.support,
        "fillcolor": look.support,
        "tooltip": dot_string(junction.tooltip),
        "class": "junction " + ("argument" if junction.id.startswith("argument:") else "step"),
    }
    if junction.label:
        attrs.update(xlabel=dot_string([junction.label]), fontsize="9", fontcolor=look.support)
    return dot_string([""]), attrs


def _edge_attrs(edge: ViewEdge, look: Theme) -> dict[str, str]:
    attrs = dict(ATTACK_STYLE if edge.attacks else SUPPORT_STYLE)
    attrs["color"] = look.attack if edge.attacks else look.support
    attrs["tooltip"] = dot_string(edge.tooltip)
    if edge.role == "member":  # into the junction: the arrow is the junction's, to the conclusion
        attrs.update(dir="none", arrowtail="none")
        if edge.kind is ClaimKind.ASSUMPTION:
            attrs["style"] = "dashed"
    classes = ["relation", "attack" if edge.attacks else "support", edge.kind.value]
    if edge.role:
        classes.append(edge.role)
    if edge.ref:
        classes.append("ref")
        attrs["constraint"] = "false"
    attrs["class"] = " ".join(classes)
    return attrs


class Shown(NamedTuple):
    """What a drawing holds, which its legend names: kinds of claim, and kinds of arrow."""

    kinds: frozenset[ClaimKind]
    supports: bool = True
    attacks: bool = True
    junctions: bool = False


def _add_legend(graph: object, look: Theme, *, mark_gaps: bool, vertical: bool, shown: Shown) -> None:
    """A cluster naming each kind of claim drawn in its style, a sample of each kind of arrow drawn
    (support, attack), and the junction of a linked argument when the drawing has one."""
    import graphviz

    legend = graphviz.Digraph("cluster_legend")
    legend.attr(
        "graph",
        label="Legend",
        fontsize="12",
        style="rounded",
        color=look.legend_border,
        fontcolor=look.text,
        margin="10",
        rankdir="TB",
    )
    legend.attr("node", fontsize="10", width="1.3", height="0.3", margin="0.08,0.04")
    names = [kind for kind in ClaimKind if kind in shown.kinds]
    for index, kind in enumerate(names):
        fill, border, font = look.kinds[kind]
        shape, style, peripheries = SHAPES[kind]
        legend.node(
            f"legend{index}",
            label=kind.value,
            shape=shape,
            style=style,
            fillcolor=fill,
            color=border,
            fontcolor=font,
            peripheries=peripheries,
            tooltip=kind.value,
            **{"class": f"legend {kind.value}"},
        )
    extra = len(names)
    if mark_gaps:
        for severity, color, line, width in (
            ("critical", look.gap, "dashed", "3"),
            ("major", look.gap_major, "dotted", "2.2"),
        ):
            legend.node(
                f"legend{extra}",
                label=f"{severity} weak point",
                shape="box",
                style=f"rounded,{line}",
                color=color,
                penwidth=width,
                fontcolor=look.text,
                tooltip=f"a claim a {severity} weak point hits (argmap gaps)",
                **{"class": f"legend gap {severity}"},
            )
            extra += 1
    if shown.junctions:
        legend.node(
            f"legend{extra}",
            label="\u25cf joins premises that\nsupport only together",
            shape="plaintext",
            fontcolor=look.support,
            tooltip="linked argument",
            **{"class": "legend junction"},
        )
        extra += 1
    samples = [
        sample
        for sample, drawn in (
            (("supports", SUPPORT_STYLE, look.support), shown.supports),
            (("attacks", ATTACK_STYLE, look.attack), shown.attacks),
        )
        if drawn
    ]
    arrows: list[tuple[str, str]] = []  # (the claim an arrow points to, its verb)
    for index, (verb, sample_style, colour) in enumerate(samples):
        top, bottom = f"legend{extra + 2 * index}", f"legend{extra + 2 * index + 1}"
        arrows.append((top, bottom))
        legend.node(top, label="claim", shape="plaintext", fontcolor=look.text, height="0.2", **{"class": "legend"})
        legend.node(bottom, label=verb, shape="plaintext", fontcolor=colour, height="0.2", **{"class": "legend"})
        legend.edge(
            top,
            bottom,
            color=colour,
            tooltip=f"{verb}",
            **sample_style,
            **{"class": f"legend {'attack' if verb == 'attacks' else 'support'}"},
        )
    # stack the kinds in one column so the legend stays narrow: along the ranks in TB/BT, within
    # one rank in LR/RL, where the arrow samples join that rank too (an arrow from one rank to the
    # next would be as long as the map's widest box)
    if vertical:
        for index in range(extra - 1):
            legend.edge(f"legend{index}", f"legend{index + 1}", style="invis", dir="none")
    else:
        # top to bottom: the kinds, then each arrow's verb above the claim it points to; dot puts
        # the tail of a flat edge below its head in LR/RL, so invisible edges run upwards
        order = [f"legend{index}" for index in range(extra)]
        for claim, verb in arrows:
            order += [verb, claim]
        legend.body.append("\t{rank=same; " + " ".join(f"{name};" for name in order) + "}\n")
        for above, below in itertools.pairwise(order):
            if (below, above) not in arrows:
                legend.edge(below, above, style="invis", dir="none")
    graph.subgraph(legend)  # type: ignore[attr-defined]


def _legend_box(look: Theme, *, mark_gaps: bool, shown: Shown) -> str:
    """The legend as one box holding a table, for the force-directed engines (they ignore
    clusters, and would scatter the legend's boxes among the claims). An HTML-like label made of
    argmap's own words and the theme's colours only: no map text reaches it."""
    rows = ['<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>']
    for kind in ClaimKind:
        if kind in shown.kinds:
            fill, border, font = look.kinds[kind]
            rows.append(
                f'<TR><TD COLSPAN="2" BGCOLOR="{fill}" COLOR="{border}" BORDER="1">'
                f'<FONT COLOR="{font}">{kind.value}</FONT></TD></TR>'
            )
    if mark_gaps:
        rows.append(f'<TR><TD COLSPAN="2"><FONT COLOR="{look.gap}">- - critical weak point</FONT></TD></TR>')
        rows.append(f'<TR><TD COLSPAN="2"><FONT COLOR="{look.gap_major}">·· major weak point</FONT></TD></TR>')
    if shown.junctions:
        rows.append(
            f'<TR><TD COLSPAN="2"><FONT COLOR="{look.support}">● joins premises that support only together'
            "</FONT></TD></TR>"
        )
    if shown.supports:
        rows.append(
            f'<TR><TD ALIGN="RIGHT"><FONT COLOR="{look.support}">——▶</FONT></TD>'
            f'<TD ALIGN="LEFT"><FONT COLOR="{look.support}">supports</FONT></TD></TR>'
        )
    if shown.attacks:
        rows.append(
            f'<TR><TD ALIGN="RIGHT"><FONT COLOR="{look.attack}">- - -⊣</FONT></TD>'
            f'<TD ALIGN="LEFT"><FONT COLOR="{look.attack}">attacks</FONT></TD></TR>'
        )
    table = (
        f'<<TABLE BORDER="1" COLOR="{look.legend_border}" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>>"
    )
    return f'\tlegend [label={table} shape=plaintext fontsize=10 fontcolor="{look.text}" tooltip=Legend class=legend]\n'
