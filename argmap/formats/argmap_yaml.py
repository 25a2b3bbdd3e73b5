"""Load a map: YAML nodes -> ArgMap (frozen model) plus the problems found on the way.

The walk is iterative (no recursion, whatever the nesting), visits each YAML node at most once
(an aliased node seen twice is refused, so nothing is ever expanded), and turns every structural
mistake into a Problem with the node's position: wrong types, unknown keys (with a suggestion for a
near miss), duplicate keys, missing required keys, values YAML reads as numbers, booleans or dates.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from argmap.model import (
    LIST_KEY, ArgMap, Citation, Claim, ClaimKind, Edge, Expectation, Position, Source,
)
from argmap.checks.ids import BAD_TEXT, DUPLICATE_ID, SCHEMA, SYNTAX, RuleId
from argmap.findings import Problem, Severity
from argmap.formats.base import LoadResult, MapFormat
from argmap.text.safe import first_unsafe, visible
from argmap.text.suggest import did_you_mean
from argmap.formats.yaml_nodes import raw_text_problems
from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode, read_yaml

MAX_CLAIM_DEPTH = 200
# Written with ^...$ for the JSON Schema (ECMA regex); always used with fullmatch, since in Python
# "$" also matches before a final newline.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
SOURCE_KINDS = (
    "article", "report", "book", "interview", "statement", "speech", "cable", "dataset", "web",
    "video", "study", "testimony", "document", "other",
)
TOP_KEYS = ("argmap", "title", "description", "analyses", "sources", "thesis", "expect")
TOP_REQUIRED = ("argmap", "title", "sources", "thesis")
SOURCE_KEYS = (
    "title", "kind", "author", "publisher", "date", "url", "accessed", "note", "via", "anonymous",
    "snapshot",
)
CLAIM_KEYS = (
    "id", "claim", "cite", "tags", "note", "premises", "correlations", "counterpoints", "rebuttals",
    "between",
)
CITE_KEYS = ("source", "quote", "locator", "note")
REF_KEYS = ("ref", "note")
EXPECT_KEYS = ("stands", "falls", "undecided")

_STR = "tag:yaml.org,2002:str"
_SCALAR_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null (empty)",
    "tag:yaml.org,2002:timestamp": "a date",
}
_MERGE = "tag:yaml.org,2002:merge"
_CHILD_KINDS = {key: kind for kind, key in LIST_KEY.items()}


def _fmt(what: object) -> str:
    """Message parts are built lazily as tuples (template, *parts): the walk's hot path makes many and
    almost none is ever shown. A trailing "first-word" keeps only the first word."""
    if isinstance(what, tuple):
        first_word = what[-1] == "first-word"
        parts = what[1:-1] if first_word else what[1:]
        text = what[0].format(*(_fmt(p) for p in parts))
        return text.split()[0] if first_word and text.split() else text
    return str(what)


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _SCALAR_NAMES.get(node.tag, "text")


class _Walker:
    """Holds the file name and the problems found while one map is walked.

    read_yaml has refused every anchor and alias, so the node graph is a tree: each node is
    visited once and nothing can expand.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    # -- positions and problems ---------------------------------------------------------------

    def pos(self, node: Node) -> Position:
        mark = node.start_mark
        return Position(self.file, mark.line + 1, mark.column + 1)

    def report(self, node: Node, message: str, rule: RuleId = SCHEMA) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, rule, Severity.ERROR, message)
        )

    # -- typed values -------------------------------------------------------------------------

    def mapping(
        self, node: Node, what: object, allowed: tuple[str, ...], *, required: tuple[str, ...] = ()
    ) -> dict[str, tuple[Node, Node]] | None:
        """Key text -> (key node, value node), with unknown, duplicate and missing keys reported."""
        if not isinstance(node, MappingNode):
            self.report(node, f"{_fmt(what)} must be a mapping, not {_node_kind(node)}")
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.report(key_node, "YAML merge keys (<<) are not allowed in a map; write the keys out",
                            SYNTAX)
                continue
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, f"keys in {_fmt(what)} must be plain names, not {_node_kind(key_node)}")
                continue
            key = key_node.value
            if key in fields:
                first = self.pos(fields[key][0])
                self.report(key_node, f"duplicate key '{visible(key)}' in {_fmt(what)} "
                                      f"(first at {first.short()})")
                continue
            if key not in allowed:
                suggestion = did_you_mean(key, allowed) or f"; expected one of: {', '.join(allowed)}"
                self.report(key_node, f"unknown key '{visible(key)}' in {_fmt(what)}{suggestion}")
                continue
            fields[key] = (key_node, value_node)
        for key in required:
            if key not in fields:
                self.report(node, f"{_fmt(what)} is missing the required key '{key}'")
        return fields

    def text(self, node: Node, what: object, *, allow_empty: bool = True) -> str | None:
        """A string value; numbers, booleans, dates and nulls must be quoted to be text."""
        if not isinstance(node, ScalarNode):
            self.report(node, f"{_fmt(what)} must be text, not {_node_kind(node)}")
            return None
        if node.tag != _STR:
            self.report(node, f"{_fmt(what)} is read by YAML as {_node_kind(node)}; "
                              f"quote it to make it text: \"{visible(node.value)}\"")
            return None
        value = node.value
        # Raw unsafe characters are found in one pass over the file (raw_text_problems); only
        # double-quoted scalars can make new ones, through escapes such as "\e" or "\ud800".
        unsafe = first_unsafe(value) if node.style == '"' else None
        if unsafe is not None:
            offset, char = unsafe
            self.report(node, f"{_fmt(what)} contains the control or formatting character "
                              f"{visible(char)} (at character {offset + 1}); remove it", BAD_TEXT)
        if not allow_empty and not value.strip():
            self.report(node, f"{_fmt(what)} is empty")
        return value

    def date(self, node: Node, what: object) -> str | None:
        """A date is kept as the text written, bare (2019, 2019-05-14) or quoted."""
        if isinstance(node, ScalarNode) and node.tag in (_STR, "tag:yaml.org,2002:int",
                                                         "tag:yaml.org,2002:timestamp"):
            return self.text(node, what) if node.tag == _STR else node.value
        if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            return node.value  # e.g. 2019.5: kept, and the bad-date rule says what is wrong
        self.report(node, f"{_fmt(what)} must be a date such as 2019, 2019-05 or 2019-05-14")
        return None

    def ident(self, node: Node, what: object) -> str | None:
        value = self.text(node, what)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.report(node, f"{_fmt(what)} '{visible(value)}' is not a valid id: use lowercase letters, "
                              "digits, '-' and '_', starting with a letter or digit (at most 80)")
            return None
        return value

    def sequence(self, node: Node, what: object, example: object) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.report(node, f"{_fmt(what)} must be a list, not {_node_kind(node)}; e.g. {_fmt(example)}")
            return []
        return list(node.value)

    def string_list(self, node: Node, what: object) -> tuple[tuple[str, Position], ...]:
        items = []
        for item in self.sequence(node, what, ("{}: [a, b]", ("{}", what, "first-word"))):
            value = self.text(item, ("an entry of {}", what))
            if value is not None:
                items.append((value, self.pos(item)))
        return tuple(items)

    # -- the parts of a map ---------------------------------------------------------------------

    def sources(self, node: Node) -> tuple[Source, ...]:
        if not isinstance(node, MappingNode):
            self.report(node, f"sources must be a mapping from source id to record, not {_node_kind(node)}")
            return ()
        result = []
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.report(key_node, "YAML merge keys (<<) are not allowed in a map", SYNTAX)
                continue
            source_id = self.ident(key_node, "source id")
            if source_id is None:
                continue
            if source_id in seen:
                first = self.pos(seen[source_id])
                self.report(key_node, f"duplicate source id '{source_id}' (first defined at {first.short()})",
                            DUPLICATE_ID)
                continue
            seen[source_id] = key_node
            source = self.source(source_id, key_node, value_node)
            if source is not None:
                result.append(source)
        return tuple(result)

    def source(self, source_id: str, key_node: Node, node: Node) -> Source | None:
        what = f"source '{source_id}'"
        fields = self.mapping(node, what, SOURCE_KEYS, required=("title", "kind"))
        if fields is None:
            return None
        values: dict[str, object] = {}
        positions: dict[str, Position] = {}
        for name, (_, value_node) in fields.items():
            positions[name] = self.pos(value_node)
            label = f"'{name}' of {_fmt(what)}"
            if name in ("date", "accessed"):
                values[name] = self.date(value_node, label)
            elif name == "anonymous":
                if isinstance(value_node, ScalarNode) and value_node.tag == "tag:yaml.org,2002:bool":
                    values[name] = value_node.value.lower() in ("true", "yes", "on")
                else:
                    self.report(value_node, f"{_fmt(label)} must be true or false")
            elif name == "via":
                values[name] = self.ident(value_node, label)
            elif name == "kind":
                kind = self.text(value_node, label)
                if kind is not None and kind not in SOURCE_KINDS:
                    extra = did_you_mean(kind, SOURCE_KINDS) or f"; one of: {', '.join(SOURCE_KINDS)}"
                    self.report(value_node, f"unknown source kind '{visible(kind)}'{extra}")
                values[name] = kind
            else:
                values[name] = self.text(value_node, label, allow_empty=name not in ("title",))
        return Source(
            id=source_id, position=self.pos(key_node), positions=positions,
            **{k: v for k, v in values.items() if v is not None},  # type: ignore[arg-type]
        )

    def citation(self, node: Node, claim_id: str) -> Citation | None:
        if isinstance(node, ScalarNode) and node.tag == _STR and ID_PATTERN.fullmatch(node.value):
            # the common case, `cite: [source-id]`: a plain slug can hold no unsafe character
            mark = node.start_mark
            return Citation(source=node.value, position=Position(self.file, mark.line + 1, mark.column + 1))
        what = ("a citation of claim '{}'", claim_id)
        if isinstance(node, ScalarNode):
            source = self.ident(node, ("the source id in {}", what))
            return Citation(source=source, position=self.pos(node)) if source else None
        fields = self.mapping(node, what, CITE_KEYS, required=("source",))
        if fields is None or "source" not in fields:
            return None
        values: dict[str, str | None] = {}
        for name, (_, value_node) in fields.items():
            if name == "source":
                values[name] = self.ident(value_node, ("the source id in {}", what))
            else:
                values[name] = self.text(value_node, ("'{}' in {}", name, what), allow_empty=False)
        if not values.get("source"):
            return None
        quote_node = fields.get("quote")
        return Citation(
            source=values["source"],  # type: ignore[arg-type]
            position=self.pos(node),
            quote=values.get("quote"),
            locator=values.get("locator"),
            note=values.get("note"),
            quote_position=self.pos(quote_node[1]) if quote_node else None,
        )

    def claims(self, root: Node) -> tuple[list[Claim], list[Edge]]:
        """Walk the thesis and everything under it, depth first in document order, without recursion."""
        claims: list[Claim] = []
        edges: list[Edge] = []
        # (node, kind, parent id, depth)
        stack: list[tuple[Node, ClaimKind, str | None, int]] = [(root, ClaimKind.THESIS, None, 0)]
        while stack:
            node, kind, parent, depth = stack.pop()
            what = "the thesis" if kind is ClaimKind.THESIS else ("a {}", kind.value)
            if kind is not ClaimKind.THESIS and isinstance(node, MappingNode):
                is_ref = False
                for key_node, _ in node.value:
                    if key_node.value == "ref":
                        is_ref = True
                        break
                if is_ref:
                    edge = self.ref(node, kind, parent)
                    if edge is not None:
                        edges.append(edge)
                    continue
            fields = self.mapping(node, _ClaimName(node, kind), CLAIM_KEYS, required=("id", "claim"))
            if fields is None:
                continue
            claim_id = self.ident(fields["id"][1], ("the id of {}", what)) if "id" in fields else None
            label = ("{} '{}'", kind.value, claim_id) if claim_id else what
            text_node = fields.get("claim", (None, None))[1]
            text = self.text(text_node, ("the claim text of {}", label)) if text_node is not None else None
            cites: list[Citation] = []
            if "cite" in fields:
                for item in self.sequence(fields["cite"][1], ("'cite' of {}", label), "cite: [source-id]"):
                    citation = self.citation(item, claim_id or "?")
                    if citation is not None:
                        cites.append(citation)
            tags = self.string_list(fields["tags"][1], ("tags of {}", label)) if "tags" in fields else ()
            note = self.text(fields["note"][1], ("the note of {}", label)) if "note" in fields else None
            between: tuple[tuple[str, Position], ...] = ()
            between_position = None
            if "between" in fields:
                key_node, value_node = fields["between"]
                if kind is not ClaimKind.CORRELATION:
                    self.report(key_node, f"'between' belongs to correlations; {_fmt(label)} is a {kind}")
                else:
                    between = self.string_list(value_node, ("between of {}", label))
                    between_position = self.pos(value_node)
            for list_key in ("premises", "correlations", "counterpoints", "rebuttals"):
                if list_key not in fields:
                    continue
                key_node, value_node = fields[list_key]
                if list_key == "rebuttals" and kind is not ClaimKind.COUNTERPOINT:
                    self.report(key_node, f"only counterpoints have 'rebuttals'; to attack {_fmt(label)}, "
                                          "list the attack under 'counterpoints'")
                    continue
                if list_key == "counterpoints" and kind is ClaimKind.COUNTERPOINT:
                    self.report(key_node, f"the claims that attack {_fmt(label)} are listed under 'rebuttals'")
                    continue
                if depth + 1 > MAX_CLAIM_DEPTH:
                    self.report(key_node, f"claims are nested more than {MAX_CLAIM_DEPTH} levels deep")
                    continue
                items = self.sequence(value_node, ("'{}' of {}", list_key, label), ("{}: [...]", list_key))
                child_kind = _CHILD_KINDS[list_key]
                for item in reversed(items):
                    stack.append((item, child_kind, claim_id, depth + 1))
            if claim_id is None or text is None:
                continue
            if not text.strip():
                text = ""
            position = self.pos(node)
            claims.append(Claim(
                id=claim_id, text=text, kind=kind, position=position, parent=parent, depth=depth,
                cites=tuple(cites), tags=tuple(t for t, _ in tags), note=note,
                between=tuple(b for b, _ in between), between_position=between_position,
                text_position=self.pos(text_node) if text_node is not None else None,
            ))
            if parent is not None:
                edges.append(Edge(child=claim_id, parent=parent, kind=kind, position=position))
        # Document order (the stack visits lists in key order, which need not be document order).
        claims.sort(key=lambda c: (c.position.line, c.position.column))
        edges.sort(key=lambda e: (e.position.line, e.position.column))
        return claims, edges

    def ref(self, node: MappingNode, kind: ClaimKind, parent: str | None) -> Edge | None:
        fields = self.mapping(node, f"a reference in the {LIST_KEY[kind]} list", REF_KEYS)
        if fields is None or "ref" not in fields:
            return None
        target = self.ident(fields["ref"][1], "the claim id in 'ref'")
        note = self.text(fields["note"][1], "the note of a reference") if "note" in fields else None
        if target is None or parent is None:
            return None
        return Edge(child=target, parent=parent, kind=kind, position=self.pos(node), ref=True, note=note)

    def expectations(self, node: Node) -> tuple[Expectation, ...]:
        fields = self.mapping(node, "expect", EXPECT_KEYS)
        if fields is None:
            return ()
        result = []
        for label, (_, value_node) in fields.items():
            for claim_id, position in self.string_list(value_node, f"expect {_fmt(label)}"):
                result.append(Expectation(claim=claim_id, label=label, position=position))
        return tuple(result)


class _ClaimName:
    """How messages name a claim before its id is checked ("premise 'x'"), worked out only if needed."""

    def __init__(self, node: Node, kind: ClaimKind) -> None:
        self.node, self.kind = node, kind

    def __str__(self) -> str:
        claim_id = None
        if isinstance(self.node, MappingNode):
            for key, value in self.node.value:
                if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                    claim_id = value.value if ID_PATTERN.fullmatch(value.value) else None
        name = "the thesis" if self.kind is ClaimKind.THESIS else f"a {self.kind}"
        if claim_id:
            name = f"the thesis '{claim_id}'" if self.kind is ClaimKind.THESIS else f"{self.kind} '{claim_id}'"
        return name


def _top(walker: _Walker, root: Node, file: str, base_dir: str | None) -> ArgMap | None:
    fields = walker.mapping(root, "the map (top level)", TOP_KEYS, required=TOP_REQUIRED)
    if fields is None:
        return None
    version = 1
    if "argmap" in fields:
        node = fields["argmap"][1]
        if not (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int" and node.value == "1"):
            walker.report(node, f"unsupported format version {visible(str(getattr(node, 'value', '?')))}; "
                                "this argmap reads 'argmap: 1'")
    get: Callable[[str], Node | None] = lambda key: fields[key][1] if key in fields else None
    title_node, description_node, analyses_node = get("title"), get("description"), get("analyses")
    title = walker.text(title_node, "title", allow_empty=False) if title_node is not None else None
    description = walker.text(description_node, "description") if description_node is not None else None
    analyses = walker.ident(analyses_node, "analyses") if analyses_node is not None else None
    sources = walker.sources(fields["sources"][1]) if "sources" in fields else ()
    claims: list[Claim] = []
    edges: list[Edge] = []
    thesis = None
    if "thesis" in fields:
        claims, edges = walker.claims(fields["thesis"][1])
        thesis = claims[0].id if claims and claims[0].kind is ClaimKind.THESIS else None
    expect = walker.expectations(fields["expect"][1]) if "expect" in fields else ()
    return ArgMap(
        file=file, title=title or "", version=version, description=description, analyses=analyses,
        analyses_position=walker.pos(analyses_node) if analyses_node is not None else None,
        sources=sources, thesis=thesis, claims=tuple(claims), edges=tuple(edges), expect=expect,
        base_dir=base_dir,
    )


def load_bytes(data: bytes, *, file: str, base_dir: str | None = None) -> LoadResult:
    """Load a map from bytes; `file` is the name used in positions. Never raises for bad input."""
    read = read_yaml(data, file)
    if read.root is None:
        return LoadResult(None, read.problems)
    walker = _Walker(file)
    argmap = _top(walker, read.root, file, base_dir)
    return LoadResult(argmap, tuple(raw_text_problems(read.text, file)) + tuple(walker.problems))


def load_path(path: str | os.PathLike[str], *, display: str | None = None) -> LoadResult:
    """Load a map file. OSError (missing, unreadable) propagates: that is a usage error, not a problem."""
    file = Path(path)
    data = file.read_bytes()
    return load_bytes(data, file=display or str(path), base_dir=str(file.resolve().parent))


FORMAT = MapFormat(
    name="argmap",
    extensions=(".yaml", ".yml"),
    summary="argmap's own YAML map format (docs/format.md)",
    read=load_bytes,
)
