"""A map -> Argdown text that argmap reads back to the same map (and Argdown's own tools can read).

Each thesis heads a relation tree: every claim is defined once, `[id]: text`, where the map writes it,
and referred to as `[id]` elsewhere; premises and correlations are `+`, counterpoints and rebuttals
`-`, the undercut of a premise's step `_` below that premise. A linked argument is a
premise-conclusion structure after the tree, headed `<id>`; its undercuts are relations below its
inference line. What Argdown has no syntax for (citations, notes, weights, schemes, correlation
variables, the sources, the theses) goes into YAML data blocks and the frontmatter, written as JSON.

Text is escaped with backslashes wherever Argdown would read syntax in it, so that it reads back
exactly: brackets, angle brackets, `#`, braces, `@`, `*`, `_`, `\\`, a `/` before `/` or `*`, tabs and
runs of spaces. What cannot be kept (a line break in a text becomes a space) and what only argmap
reads back (weights, proof standards, schemes, critical questions, expectations) are reported.
"""

from __future__ import annotations

import json
import re
from collections import deque
from typing import Any

from argmap.findings import Problem, loss
from argmap.model import ArgMap, Argument, Claim, ClaimKind, Edge, Position
from argmap.text.safe import UNSAFE_CHARS, visible

__all__ = ["escape", "write"]

_ESCAPE = re.compile(r"[\\\[\]<>#{}@*_\t]|/(?=[/*])|(?<= ) ")
_TAG_ESCAPE = re.compile(r"[\\()\[\]<>#{}@*_\t]|/(?=[/*])|(?<= ) ")
_INDENT = "    "
#: fields only argmap reads back, with how a loss message names them
_ARGMAP_ONLY = {
    "weight": "weights",
    "standard": "proof standards",
    "answers": "critical questions answered",
    "raises": "critical questions raised",
    "scheme": "argument schemes",
}


def escape(text: str) -> str:
    """`text` on one line, escaped so that Argdown reads exactly it back (line breaks become spaces,
    control and bidirectional characters visible escapes such as `\\x1b`, never raw)."""
    flat = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    if not flat.isprintable():
        flat = visible(flat, one_line=False, inert_commands=False)  # data: read back as written
    return _ESCAPE.sub(lambda m: "\\" + m.group(), flat)


def _json(value: Any) -> str:
    """JSON on one line; all ASCII (escapes) when it would otherwise hold an unsafe character."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if not text.isprintable() and UNSAFE_CHARS.search(text):
        text = json.dumps(value, separators=(", ", ": "))
    return text


class _Writer:
    def __init__(self, argmap: ArgMap) -> None:
        self.m = argmap
        self.lines: list[str] = []
        self.written: set[str] = set()
        self.queued: set[str] = set()
        self.queue: deque[Argument] = deque()
        self.relations: set[tuple[str, str, ClaimKind]] = set()
        self.losses: dict[str, tuple[Position, int]] = {}
        self.arguments_of: dict[str, list[Argument]] = {}
        for argument in argmap.arguments:
            self.arguments_of.setdefault(argument.conclusion, []).append(argument)
        self.conclusions = {a.conclusion for a in argmap.arguments}
        self.argument_edges: dict[str, list[Edge]] = {}
        #: (argument, member) -> whether the map writes the member out there (not a ref)
        self.member_home: dict[tuple[str, str], bool] = {}
        for edge in argmap.edges_resolved:
            if edge.argument is not None and edge.kind is ClaimKind.UNDERCUT:
                self.argument_edges.setdefault(edge.argument, []).append(edge)
            elif edge.argument is not None:
                self.member_home.setdefault((edge.argument, edge.child), not edge.ref)

    def loss(self, what: str, position: Position) -> None:
        first, count = self.losses.get(what, (position, 0))
        self.losses[what] = (first, count + 1)

    # Pieces of a line.

    def data(self, claim: Claim, role: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if role:
            data["role"] = role
        cites: list[Any] = []
        for cite in claim.cites:
            extra = {k: v for k, v in (("quote", cite.quote), ("locator", cite.locator), ("note", cite.note)) if v}
            cites.append({"source": cite.source, **extra} if extra else cite.source)
        data["cite"] = cites  # even when empty: else the reader would cite the Argdown file
        if claim.note is not None:
            data["note"] = claim.note
        if claim.between:
            data["between"] = list(claim.between)
        if claim.inferred != (claim.id in self.conclusions):
            data["inferred"] = claim.inferred
        for name in ("weight", "standard", "answers", "raises"):
            value = getattr(claim, name)
            if value is not None:
                data[name] = value
                self.loss(name, claim.position)
        return data

    def definition(self, claim: Claim, role: str | None = None) -> str:
        if "\n" in claim.text or "\r" in claim.text:
            self.loss("line breaks", claim.position)
        if UNSAFE_CHARS.search(claim.text) or any(UNSAFE_CHARS.search(t) for t in claim.tags):
            self.loss("control characters", claim.position)
        parts = [f"[{escape(claim.id)}]: {escape(claim.text)}"]
        parts.extend(self.tag(t) for t in claim.tags)
        data = self.data(claim, role)
        if data:
            parts.append(_json(data))
        self.written.add(claim.id)
        return " ".join(parts)

    @staticmethod
    def tag(tag: str) -> str:
        flat = " ".join(visible(tag, inert_commands=False).split())
        return "#(" + _TAG_ESCAPE.sub(lambda m: "\\" + m.group(), flat) + ")"

    def reference(self, claim_id: str, role: str | None = None) -> str:
        return f"[{escape(claim_id)}]" + (" " + _json({"role": role}) if role else "")

    # Trees.

    def claim_line(self, claim_id: str, role: str | None, prefix: str, define: bool = True) -> tuple[str, bool]:
        """`prefix` then the claim's definition (where the map writes it, once) or a reference; and
        whether it was defined."""
        claim = self.m.claim(claim_id)
        if claim is None or claim_id in self.written or not define:
            return prefix + self.reference(claim_id, role), False
        return prefix + self.definition(claim, role), True

    def children(self, claim_id: str, depth: int) -> None:
        pad = _INDENT * depth
        for edge in self.m.children(claim_id):
            if edge.argument is not None:
                continue  # a premise, assumption or undercut of a linked argument: in its structure
            relation = (edge.child, edge.parent, edge.kind)
            if relation in self.relations:
                self.loss("repeated", edge.position)
                continue
            self.relations.add(relation)
            symbol = {ClaimKind.PREMISE: "+", ClaimKind.CORRELATION: "+", ClaimKind.UNDERCUT: "_"}.get(edge.kind, "-")
            role = "correlation" if edge.kind is ClaimKind.CORRELATION else None
            line, defined = self.claim_line(edge.child, role, f"{pad}{symbol} ", not edge.ref)
            self.lines.append(line)
            if defined:
                self.children(edge.child, depth + 1)
        for argument in self.arguments_of.get(claim_id, ()):
            if argument.id not in self.queued:
                self.queued.add(argument.id)
                self.queue.append(argument)

    def structure(self, argument: Argument) -> None:
        """A linked argument as a premise-conclusion structure."""
        head = [f"<{escape(argument.id)}>"]
        head.extend(self.tag(t) for t in argument.tags)
        data: dict[str, Any] = {}
        if argument.scheme is not None:
            data["scheme"] = argument.scheme
            self.loss("scheme", argument.position)
        if argument.weight is not None:
            data["weight"] = argument.weight
            self.loss("weight", argument.position)
        if argument.note is not None:
            data["note"] = argument.note
        if data:
            head.append(_json(data))
        self.lines.extend(["", " ".join(head), ""])
        number = 0
        members = [(p, None) for p in argument.premises] + [(a, "assumption") for a in argument.assumptions]
        for claim_id, role in members:
            number += 1
            home = self.member_home.get((argument.id, claim_id), True)
            line, defined = self.claim_line(claim_id, role, f"({number}) ", home)
            self.lines.append(line)
            if defined:
                self.children(claim_id, 1)
        self.lines.append("----")
        for edge in self.argument_edges.get(argument.id, ()):
            line, defined = self.claim_line(edge.child, None, f"{_INDENT}<_ ", not edge.ref)
            self.lines.append(line)
            if defined:
                self.children(edge.child, 2)
        number += 1
        line, defined = self.claim_line(argument.conclusion, None, f"({number}) ")
        self.lines.append(line)
        if defined:
            self.children(argument.conclusion, 1)

    def frontmatter(self) -> None:
        own: dict[str, Any] = {}
        sources: dict[str, Any] = {}
        for source in self.m.sources:
            record: dict[str, Any] = {"title": source.title, "kind": source.kind}
            for name in ("author", "publisher", "date", "url", "accessed", "note", "via", "snapshot"):
                value = getattr(source, name)
                if value is not None:
                    record[name] = value
            if source.anonymous:
                record["anonymous"] = True
            sources.setdefault(source.id, record)
        own["sources"] = sources
        if self.m.analyses is not None:
            own["analyses"] = self.m.analyses
        if self.m.description is not None:
            own["description"] = self.m.description
        if self.m.semantics is not None:
            own["semantics"] = self.m.semantics
            self.loss("semantics", Position(self.m.file, 1, 1))
        own["theses"] = list(self.m.thesis_ids)
        if self.m.expect:
            expect: dict[str, list[str]] = {}
            for e in self.m.expect:
                expect.setdefault(e.label, []).append(e.claim)
            own["expect"] = expect
            self.loss("expect", self.m.expect[0].position)
        self.lines.extend(["===", f"title: {_json(self.m.title)}", f"argmap: {_json(own)}", "==="])

    def write(self) -> tuple[str, tuple[Problem, ...]]:
        self.frontmatter()
        roots = list(self.m.thesis_ids)
        seen_ids: set[str] = set()
        for claim in self.m.claims:
            if claim.id in seen_ids:
                self.loss("duplicate", claim.position)
            seen_ids.add(claim.id)
        for root in [*roots, *(c.id for c in self.m.claims)]:  # then what no thesis reaches
            if root in self.written:
                continue
            line, defined = self.claim_line(root, None, "")
            self.lines.extend(["", line])
            if defined:
                self.children(root, 1)
            while self.queue:
                self.structure(self.queue.popleft())
        return "\n".join(self.lines) + "\n", tuple(self.problems())

    def problems(self) -> list[Problem]:
        messages = {
            "line breaks": "line breaks in a text: Argdown keeps a statement on one paragraph; they became spaces",
            "control characters": "control or bidirectional characters in a text or tag: written as visible escapes",
            "repeated": "a relation written twice between the same claims: Argdown holds it once",
            "duplicate": "claims with an id given twice: Argdown has one statement per title; the first is kept",
            "semantics": "the map's evaluation semantics: Argdown has none; kept in the frontmatter for argmap only",
            "expect": "expectations (expect:): Argdown has none; kept in the frontmatter for argmap only",
        }
        found: list[Problem] = []
        for what, (position, count) in self.losses.items():
            if what in _ARGMAP_ONLY:
                message = f"{_ARGMAP_ONLY[what]}: Argdown has none; kept in data blocks for argmap only"
            else:
                message = messages[what]
            found.append(loss(position.file, position.line, position.column, f"{message} ({count} in all)"))
        return found


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    """Argdown text of the map, and what Argdown cannot hold as problems (warnings)."""
    return _Writer(argmap).write()
