"""The map as a Markdown outline, for reading and for pull-request comments.

    # School uniforms

    - **thesis** (for): Schools should require uniforms. `uniforms-help`
      - **premise** (for): Uniforms reduce bullying about clothes. `less-bullying`\\
        cites: [Why uniforms work](https://example.org/uniforms), para 3: “fewer taunts about brands”

Each claim is one list item nested under the claim it is written under (a linked argument is an
item of its own holding its premises, assumptions and undercuts); a ref is an item that points to
the claim by id. All map text goes through argmap.text.markup.md_escape, so it renders as exactly
itself; a source's URL becomes a link only when it is http(s), percent-encoded for the link.
"""

from __future__ import annotations

from argmap.analysis.sides import sides
from argmap.findings import Problem
from argmap.formats.losses import Losses
from argmap.model import ArgMap, Argument, Citation, Claim, Edge, Position, Source
from argmap.text.markup import md_escape
from argmap.text.safe import shorten
from argmap.text.urls import safe_url

__all__ = ["link_target", "write"]

_URL_ESCAPES = {ch: f"%{ord(ch):02X}" for ch in "()<>[]\\\"'`*_ "}


def link_target(url: str) -> str:
    """An http(s) URL as a Markdown link destination: the characters Markdown reads percent-encoded."""
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in url)


def _source_link(source: Source | None, source_id: str) -> str:
    if source is None:
        return f"`{source_id}`"
    title = md_escape(source.title or source_id)
    url = safe_url(source.url)
    return f"[{title}]({link_target(url)})" if url else title


class _Writer:
    def __init__(self, argmap: ArgMap) -> None:
        self.map = argmap
        self.side = sides(argmap)
        self.losses = Losses("markdown")
        self.out: list[str] = []
        self.edges_of: dict[str, list[Edge]] = {}
        for edge in argmap.edges:
            self.edges_of.setdefault(edge.parent, []).append(edge)
        self.arguments_of: dict[str, list[Argument]] = {}
        for argument in argmap.arguments:
            self.arguments_of.setdefault(argument.conclusion, []).append(argument)
        self.written: set[str] = set()

    def item(self, depth: int, text: str, more: list[str]) -> None:
        indent = "  " * depth
        lines = [text, *more]
        self.out.append(f"{indent}- " + f"\\\n{indent}  ".join(lines) + "\n")

    def citation(self, cite: Citation) -> str:
        source = self.map.source(cite.source)
        url = safe_url(source.url) if source is not None else None
        text = f"[`{cite.source}`]({link_target(url)})" if url else f"`{cite.source}`"
        if cite.locator:
            text += f", {md_escape(cite.locator)}"
        if cite.quote:
            text += f": “{md_escape(cite.quote)}”"
        if cite.note:
            text += f" ({md_escape(cite.note)})"
        return text

    def claim(self, claim: Claim, depth: int) -> None:
        self.written.add(claim.id)
        side = self.side.get(claim.id)
        stance = f" ({side.stance})" if side is not None else ""
        inferred = " *(inferred)*" if claim.inferred else ""
        more = []
        if claim.cites:
            more.append("cites: " + "; ".join(self.citation(c) for c in claim.cites))
        if claim.between:
            more.append("between: " + " ↔ ".join(md_escape(v) for v in claim.between))
        if claim.weight is not None:
            more.append(f"weight: {claim.weight:g}")
        if claim.tags:
            more.append("tags: " + ", ".join(md_escape(t) for t in claim.tags))
        if claim.note:
            more.append("note: " + md_escape(claim.note))
        for what, given in (("proof standards", claim.standard), ("critical questions", claim.answers or claim.raises)):
            if given:
                self.losses.add(what, claim.position)
        text = md_escape(claim.text) if claim.text else "*(no text)*"
        self.item(depth, f"**{claim.kind.value}**{stance}{inferred}: {text} `{claim.id}`", more)
        self.children(claim, depth + 1)

    def children(self, claim: Claim, depth: int) -> None:
        own = self.edges_of.get(claim.id, [])
        for edge in own:
            if edge.argument is None:
                self.edge(edge, depth)
        for argument in self.arguments_of.get(claim.id, []):
            details = [f"scheme: {md_escape(argument.scheme)}"] if argument.scheme else []
            if argument.weight is not None:
                details.append(f"weight: {argument.weight:g}")
            if argument.tags:
                details.append("tags: " + ", ".join(md_escape(t) for t in argument.tags))
            if argument.note:
                details.append("note: " + md_escape(argument.note))
            self.item(depth, f"**linked argument** `{argument.id}`: its premises hold only together", details)
            for edge in own:
                if edge.argument == argument.id:
                    self.edge(edge, depth + 1)

    def edge(self, edge: Edge, depth: int) -> None:
        child = self.map.claim(edge.child)
        if edge.ref or child is None or child.id in self.written:
            side = self.side.get(edge.child)
            stance = f" ({side.stance})" if side is not None else ""
            shown = f": {md_escape(shorten(child.text, 80))}" if child is not None else ""
            note = [f"note: {md_escape(edge.note)}"] if edge.note else []
            self.item(depth, f"**{edge.kind.value}**{stance}: see `{edge.child}`{shown}", note)
            return
        self.claim(child, depth)

    def document(self) -> str:
        m = self.map
        self.out.append(f"# {md_escape(m.title) if m.title else 'Argument map'}\n\n")
        if m.description:
            self.out.append(md_escape(m.description) + "\n\n")
        if m.analyses:
            self.out.append(f"Analyses: {_source_link(m.source(m.analyses), m.analyses)}\n\n")
        for thesis in m.thesis_ids:
            claim = m.claim(thesis)
            if claim is not None:
                self.claim(claim, 0)
        if m.sources:
            self.out.append("\n## Sources\n\n")
            for source in m.sources:
                facts = [md_escape(v) for v in (source.kind, source.author, source.publisher, source.date) if v]
                if source.anonymous:
                    facts.append("anonymous")
                if source.via:
                    facts.append(f"via `{source.via}`")
                more = [f"note: {md_escape(source.note)}"] if source.note else []
                self.item(0, f"`{source.id}`: {_source_link(source, source.id)} — {', '.join(facts)}", more)
        top = Position(m.claims[0].position.file if m.claims else m.file, 1, 1)
        if m.expect:
            self.losses.add("expectations (expect)", top)
        if m.semantics:
            self.losses.add("the evaluation semantics", top)
        return "".join(self.out)


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    writer = _Writer(argmap)
    return writer.document(), writer.losses.problems()
