"""The diagram view: a small node/edge picture of a map, derived from the model, for renderers.

`build_view` picks the claims to draw (all of them, or the subtree under `focus` cut at `depth`),
and turns each into a `ViewNode` holding everything a diagram shows: its kind, the wrapped label
lines, the compact citation marker, the tooltip text (full claim, quotes, sources, gap reasons)
and at most one link (the first cited source with an http(s) URL). Each relation becomes one
`ViewEdge`; a `ref` is one more edge to the same node, never a copy of the claim.

A support step that is more than an arrow is drawn through a `ViewJunction`, a small node, as
Argdown and AIF draw them: a linked argument (format 2) joins its premises and assumptions there,
and one arrow leads from it to the conclusion; an undercut points at the junction of the step it
attacks (a linked argument's, or that of the one-premise step from an undercut premise to its parent).

Text here is still plain text (control characters already made visible); escaping for DOT is
argmap.render.dot's job, so the view stays useful to any other renderer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from argmap.graph import descendants
from argmap.model import ArgMap, Claim, ClaimKind, Edge, quick_init
from argmap.text.safe import visible
from argmap.text.urls import safe_url
from argmap.views.wrap import wrap_chars

DEFAULT_WRAP = 32
#: at most this many lines of claim text in a node; the rest is in the tooltip
MAX_LABEL_LINES = 8
#: a tooltip shows at most this many characters of any one note or quote
MAX_FIELD_CHARS = 600


class ViewError(ValueError):
    """The view cannot be built as asked (unknown focus id, bad depth)."""


@quick_init  # one per claim or relation drawn
@dataclass(frozen=True, slots=True)
class ViewNode:
    """One claim as drawn."""

    id: str
    kind: ClaimKind
    #: the header line (the claim id) and the wrapped claim text
    title: str
    lines: tuple[str, ...]
    #: compact citation marker such as "[article, pax-report]", "" when the claim cites nothing
    citations: str
    #: for correlations: the variables it links, shown in the label
    between: tuple[str, ...]
    #: the variables as label lines ("between: a \u2194 b", wrapped)
    between_lines: tuple[str, ...]
    tooltip: str
    url: str | None
    #: reasons from `argmap gaps` when the claim was marked weak
    gaps: tuple[str, ...] = ()
    #: the worst severity of those weak points ("critical", "major", ...; "" when not marked)
    gap_severity: str = ""
    #: supporters/attackers not drawn because of --depth/--focus
    hidden_children: int = 0


@quick_init  # one per claim or relation drawn
@dataclass(frozen=True, slots=True)
class ViewJunction:
    """A support step drawn as a node: a linked argument, or an undercut one-premise step.

    `id` is `argument:ID` or `step:PREMISE-ID` (never a claim id: a claim id has no colon)."""

    id: str
    conclusion: str
    #: the argument's scheme, shown beside the junction ("" when none)
    label: str
    tooltip: str


#: what an edge is to a junction: "" a plain relation between claims, "member" a premise or
#: assumption into its step's junction, "conclusion" the junction's arrow to what the step supports
EDGE_ROLES = ("", "member", "conclusion")


@quick_init  # one per claim or relation drawn
@dataclass(frozen=True, slots=True)
class ViewEdge:
    """`child` supports (kind premise/correlation/assumption) or attacks (counterpoint/rebuttal/
    undercut) `parent`; either end may be a junction's id (see `role`)."""

    child: str
    parent: str
    kind: ClaimKind
    ref: bool
    tooltip: str
    role: str = ""

    @property
    def attacks(self) -> bool:
        return self.kind.attacks


@dataclass(frozen=True)
class DiagramView:
    """What a diagram draws: nodes in document order, edges in document order."""

    title: str
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    #: claims of the map that are not drawn (because of --depth/--focus)
    hidden: int = 0
    #: support steps drawn as junction nodes, in document order
    junctions: tuple[ViewJunction, ...] = ()


def clean(text: str) -> str:
    """User text on one line: control characters visible, white space runs made one space."""
    return " ".join(visible(text, one_line=False).split())


def clean_block(text: str) -> str:
    """User text keeping its line breaks: control characters visible, tabs made spaces."""
    lines = visible(text, one_line=False).replace("\t", " ").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def wrap_text(text: str, width: int, *, max_lines: int = MAX_LABEL_LINES) -> tuple[str, ...]:
    """`text` wrapped at `width` characters (long words broken), cut to `max_lines` with an ellipsis."""
    width = max(width, 8)
    # max_lines lines of at most `width` characters, each followed by one space or newline, hold at
    # most `room` characters of the cleaned text: only that much is cleaned and broken (from the next
    # word boundary on, nothing shows), so that a claim of megabytes costs no more to draw than a
    # paragraph. The clean text of a prefix is a prefix of the clean text; when cleaning shrank the
    # prefix too much (runs of trailing blanks), the whole text is cleaned.
    room = max_lines * (width + 1) + 1
    flat = clean(text[: 8 * room]) if len(text) > 8 * room else ""
    if len(flat) <= 2 * room:
        flat = clean(text)
    if not flat:
        return ("",)
    if len(flat) > 2 * room:
        boundary = flat.find(" ", room, 2 * room)
        flat = flat[: boundary if boundary >= 0 else 2 * room]
    lines, cut = wrap_chars(flat, width, max_lines=max_lines)
    if cut:
        last = lines[-1]
        lines[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return tuple(lines)


class _CitationTexts(dict):  # type: ignore[type-arg]
    """Source id -> (marker, tooltip head, tooltip link line), each worked out once per source.

    The marker is the id as shown in a label; the head is `- id: title (date)`; the link line is
    the source's http(s) URL on a line of its own, or "".
    """

    def __init__(self, argmap: ArgMap, urls: Mapping[str, str | None]) -> None:
        super().__init__()
        self._argmap = argmap
        self._urls = urls

    def __missing__(self, source_id: str) -> tuple[str, str, str]:
        source = self._argmap.source(source_id)
        marker = clean(source_id)
        head = f"- {marker}"
        link = ""
        if source is not None:
            if source.title:
                head += f": {_cut(clean(source.title), 160)}"
            if source.date:
                head += f" ({clean(source.date)})"
            if self._urls.get(source.id):
                link = f"\n  {clean(source.url or '')}"
        self[source_id] = texts = (marker, head, link)
        return texts


def _tooltip(claim: Claim, gaps: Sequence[str], cited: _CitationTexts) -> str:
    parts = [f"{claim.kind.value}: {clean(claim.id)}", clean_block(claim.text)]
    if claim.between:
        parts.append("between: " + " | ".join(clean(v) for v in claim.between))
    if claim.note:
        parts.append("note: " + _cut(clean_block(claim.note), MAX_FIELD_CHARS))
    for cite in claim.cites:
        _, line, link = cited[cite.source]
        if cite.locator:
            line += f", {_cut(clean(cite.locator), 80)}"
        if cite.quote:
            line += f"\n  \u201c{_cut(clean(cite.quote), MAX_FIELD_CHARS)}\u201d"
        parts.append(line + link)
    for reason in gaps:
        parts.append(f"gap: {_cut(clean(reason), MAX_FIELD_CHARS)}")
    return "\n".join(parts)


def _citations(claim: Claim, cited: _CitationTexts) -> str:
    # each marker once, in order (a list searched per citation: 40,000 citations took minutes)
    ids = dict.fromkeys(cited[cite.source][0] for cite in claim.cites)
    return f"[{', '.join(ids)}]" if ids else ""


def _first_url(claim: Claim, urls: Mapping[str, str | None]) -> str | None:
    for cite in claim.cites:
        url = urls.get(cite.source)
        if url:
            return url
    return None


def _edge_tooltip(edge: Edge) -> str:
    verb = "attacks" if edge.attacks else "supports"
    text = f"{clean(edge.child)} ({edge.kind.value}) {verb} {clean(edge.parent)}"
    if edge.ref:
        text += " (ref)"
    if edge.note:
        text += "\n" + _cut(clean_block(edge.note), MAX_FIELD_CHARS)
    return text


def build_view(
    argmap: ArgMap,
    *,
    wrap: int = DEFAULT_WRAP,
    depth: int | None = None,
    focus: str | None = None,
    gaps: Mapping[str, Sequence[str]] | None = None,
    gap_severities: Mapping[str, str] | None = None,
) -> DiagramView:
    """The nodes and edges to draw for `argmap`.

    `focus` is a claim id to draw instead of the thesis as the root; `depth` keeps only claims at
    most that many relations below the root. Without either, every claim is drawn. `gaps` maps a
    claim id to the reasons it was found weak, `gap_severities` to the worst severity among them.
    """
    if depth is not None and depth < 0:
        raise ViewError("--depth must be 0 or more")
    if focus is not None and argmap.claim(focus) is None:
        raise ViewError(_unknown_focus(argmap, focus))
    claims = list(argmap.claim_index.values())
    if focus is not None or depth is not None:
        root = focus if focus is not None else argmap.thesis
        if root is None or argmap.claim(root) is None:
            raise ViewError("the map has no thesis claim to start --depth from; use --focus ID")
        keep = set(descendants(argmap, root, max_depth=depth))
        claims = [c for c in claims if c.id in keep]
    shown = {c.id for c in claims}
    weak = gaps or {}
    urls = {source.id: safe_url(source.url) for source in argmap.source_index.values()}
    cited = _CitationTexts(argmap, urls)
    nodes = []
    for claim in claims:
        reasons = tuple(weak.get(claim.id, ()))
        between = tuple(_cut(clean(v), 80) for v in claim.between)
        hidden_children = (
            sum(1 for e in argmap.children(claim.id) if e.child not in shown)
            if len(shown) < len(argmap.claim_index)
            else 0
        )
        nodes.append(
            ViewNode(
                id=claim.id,
                kind=claim.kind,
                title=_cut(clean(claim.id), 80),
                lines=wrap_text(claim.text, wrap),
                citations=_citations(claim, cited),
                between=between,
                between_lines=wrap_text("between: " + " \u2194 ".join(between), wrap, max_lines=3) if between else (),
                tooltip=_tooltip(claim, reasons, cited),
                url=_first_url(claim, urls),
                gaps=reasons,
                gap_severity=(gap_severities or {}).get(claim.id, "") if reasons else "",
                hidden_children=hidden_children,
            )
        )
    junctions, edges = _relations(argmap, shown)
    return DiagramView(
        title=clean(argmap.title),
        nodes=tuple(nodes),
        edges=edges,
        hidden=len(argmap.claim_index) - len(nodes),
        junctions=junctions,
    )


def _relations(argmap: ArgMap, shown: set[str]) -> tuple[tuple[ViewJunction, ...], tuple[ViewEdge, ...]]:
    """The junctions and the edges between drawn claims and junctions, in document order."""
    drawn = [e for e in argmap.edges_resolved if e.child in shown and e.parent in shown]
    # one-premise steps that an undercut attacks: premise id -> the claim it is written under
    undercut_steps = {
        e.parent: premise.parent
        for e in drawn
        if e.undercuts and e.argument is None
        for premise in (argmap.claim(e.parent),)
        if premise is not None and premise.parent is not None and premise.parent in shown
    }
    junctions: dict[str, ViewJunction] = {}
    edges: list[ViewEdge] = []

    def junction(key: str, conclusion: str, label: str, tooltip: str) -> str:
        if key not in junctions:
            junctions[key] = ViewJunction(key, conclusion, label, tooltip)
            edges.append(ViewEdge(key, conclusion, ClaimKind.PREMISE, False, tooltip, role="conclusion"))
        return key

    for e in drawn:
        tooltip = _edge_tooltip(e)
        if e.argument is not None and argmap.argument_index.get(e.argument) is not None:
            argument = argmap.argument_index[e.argument]
            key = junction(f"argument:{argument.id}", argument.conclusion, *_argument_texts(argmap, argument.id))
            role = "" if e.undercuts else "member"
            edges.append(ViewEdge(e.child, key, e.kind, e.ref, tooltip, role=role))
        elif e.undercuts and e.parent in undercut_steps:
            step_to = undercut_steps[e.parent]
            key = junction(f"step:{e.parent}", step_to, *_step_texts(e.parent, step_to))
            edges.append(ViewEdge(e.child, key, e.kind, e.ref, tooltip))
        elif not e.attacks and not e.ref and undercut_steps.get(e.child) == e.parent:
            key = junction(f"step:{e.child}", e.parent, *_step_texts(e.child, e.parent))
            edges.append(ViewEdge(e.child, key, e.kind, e.ref, tooltip, role="member"))
        else:
            edges.append(ViewEdge(e.child, e.parent, e.kind, e.ref, tooltip))
    return tuple(junctions.values()), tuple(edges)


def _argument_texts(argmap: ArgMap, argument_id: str) -> tuple[str, str]:
    """A linked argument's junction label (its scheme) and tooltip."""
    argument = argmap.argument_index[argument_id]
    scheme = clean(argument.scheme) if argument.scheme else ""
    members = ", ".join(clean(m) for m in (*argument.premises, *argument.assumptions))
    tooltip = f"argument: {clean(argument.id)}"
    if scheme:
        tooltip += f" ({scheme})"
    tooltip += f"\n{members} together support {clean(argument.conclusion)}"
    if argument.note:
        tooltip += "\nnote: " + _cut(clean_block(argument.note), MAX_FIELD_CHARS)
    return _cut(scheme, 40), tooltip


def _step_texts(premise: str, conclusion: str) -> tuple[str, str]:
    return "", f"step: {clean(premise)} supports {clean(conclusion)}"


def _unknown_focus(argmap: ArgMap, focus: str) -> str:
    from argmap.text.suggest import did_you_mean

    return f"--focus: no claim with id '{visible(focus)}'{did_you_mean(focus, argmap.claim_index)}"
