"""Load a map: YAML nodes -> ArgMap (frozen model) plus the problems found on the way.

The walk is iterative (no recursion, whatever the nesting), visits each YAML node at most once
(an aliased node seen twice is refused, so nothing is ever expanded), and turns every structural
mistake into a Problem with the node's position: wrong types, unknown keys (with a suggestion for a
near miss), duplicate keys, missing required keys, values YAML reads as numbers, booleans or dates.
Which keys each mapping has and what each value must be is declared in argmap_spec; reading single
values against those declarations is argmap_values'.
"""

from __future__ import annotations

import dataclasses
import operator
import os
import re
from functools import partial
from pathlib import Path
from typing import Any

from argmap.checks.ids import DUPLICATE_ID, SYNTAX
from argmap.findings import Problem
from argmap.formats.argmap_spec import (
    ARGUMENT,
    CITATION,
    CLAIM,
    EXPECT,
    ID_PATTERN,
    REF,
    SOURCE,
    SOURCE_KINDS,
    TOP,
    Arguments,
    Citations,
    ClaimList,
    Claims,
    ClaimValue,
    Nested,
    SourceTable,
)
from argmap.formats.argmap_values import MERGE_TAG, STR_TAG, ValueReader, fill, node_kind
from argmap.formats.base import LoadResult
from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode, raw_text_problems, read_yaml
from argmap.model import (
    LIST_KEY,
    ArgMap,
    Argument,
    Citation,
    Claim,
    ClaimKind,
    Edge,
    Expectation,
    Position,
    Source,
)
from argmap.text.safe import first_unsafe

__all__ = ["ID_PATTERN", "MAX_CLAIM_DEPTH", "SOURCE_KINDS", "load_bytes", "load_path"]

MAX_CLAIM_DEPTH = 200

# How messages name a claim before its id is known.
_CLAIM_OF_KIND = {kind: "the thesis" if kind is ClaimKind.THESIS else f"a {kind.value}" for kind in ClaimKind}
_CLAIM_ID, _CLAIM_TEXT = CLAIM.by_name["id"], CLAIM.by_name["claim"]
#: a claim's keys other than id and claim, by name (the walk visits the keys a claim has, not all it may have)
_CLAIM_REST = {f.name: f for f in CLAIM.fields if f.name not in ("id", "claim")}
_CLAIM_FIELDS = CLAIM.by_name
_CITED_SOURCE = CITATION.by_name["source"]
#: a citation's texts other than its source, by name (each refused when empty)
_CITATION_TEXTS = {f.name: f for f in CITATION.fields if f.name != "source"}
#: claim keys whose value goes into the model as read, with the position of the value kept
_CLAIM_VALUES = ("inferred", "weight", "standard", "answers", "raises")
#: (node, kind, parent claim id, depth, linked argument id) of a claim still to read
_Todo = tuple[Node, ClaimKind, "str | None", int, "str | None"]


def _item_id(node: Node) -> str | None:
    """The id an item of a claim list names, as written: its `ref`, or its `id` (None if neither)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value in ("ref", "id") and isinstance(value, ScalarNode):
                return value.value if ID_PATTERN.fullmatch(value.value) else None
    return None


def _claim_name(node: Node, kind: ClaimKind) -> str:
    """How messages about a claim's own keys name it ("premise 'x'"), from its id if that is valid."""
    claim_id = None
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                claim_id = value.value if ID_PATTERN.fullmatch(value.value) else None
    if not claim_id:
        return _CLAIM_OF_KIND[kind]
    return f"the thesis '{claim_id}'" if kind is ClaimKind.THESIS else f"{kind} '{claim_id}'"


class _Walker(ValueReader):
    """The walk over one map's parts: sources, citations, claims, refs, expectations.

    read_yaml has refused every anchor and alias, so the node graph is a tree: each node is
    visited once and nothing can expand. Values are read as the declarations of argmap_spec say;
    a value's label and its owner's name are passed along apart and put together only for a message.
    """

    def sources(self, node: Node) -> tuple[Source, ...]:
        if not isinstance(node, MappingNode):
            self.report(node, f"sources must be a mapping from source id to record, not {node_kind(node)}")
            return ()
        result = []
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self.report(key_node, "YAML merge keys (<<) are not allowed in a map", SYNTAX)
                continue
            source_id = self.ident(key_node, "source id")
            if source_id is None:
                continue
            if source_id in seen:
                first = self.pos(seen[source_id])
                self.report(
                    key_node, f"duplicate source id '{source_id}' (first defined at {first.short()})", DUPLICATE_ID
                )
                continue
            seen[source_id] = key_node
            source = self.source(source_id, key_node, value_node)
            if source is not None:
                result.append(source)
        return tuple(result)

    def source(self, source_id: str, key_node: Node, node: Node) -> Source | None:
        owner = f"source '{source_id}'"
        fields = self.mapping(node, SOURCE, owner)
        if fields is None:
            return None
        values: dict[str, object] = {}
        positions: dict[str, Position] = {}
        for name, (_, value_node) in fields.items():
            positions[name] = self.pos(value_node)
            values[name] = self.read(SOURCE.by_name[name], value_node, owner)
        return Source(
            id=source_id,
            position=self.pos(key_node),
            positions=positions,
            **{k: v for k, v in values.items() if v is not None},  # type: ignore[arg-type]
        )

    #: whether the common claims and citations are read by the plain paths below; tests turn it off
    #: to check that both paths give the same map and the same problems
    plain_paths = True

    def plain_claim(self, node: MappingNode) -> dict[str, tuple[Node, Node]] | None:
        """A claim's keys as `mapping` gives them, when nothing in it needs a message: each key a
        known name of this format version, written once, with an `id` that is a valid id and a
        `claim` that is text holding no escaped control character. None otherwise: the general
        path then reads the claim and reports what is wrong. (With `plain_citation`, this takes a
        fifth off the walk of a 10k-claim map.)"""
        fields: dict[str, tuple[Node, Node]] = {}
        version = self.version
        for pair in node.value:
            key_node = pair[0]
            if key_node.__class__ is not ScalarNode or key_node.tag != STR_TAG:
                return None
            key = key_node.value
            spec = _CLAIM_FIELDS.get(key)
            if spec is None or spec.since > version or key in fields:
                return None
            fields[key] = pair
        if "id" not in fields or "claim" not in fields:
            return None
        id_node, text_node = fields["id"][1], fields["claim"][1]
        if (
            id_node.__class__ is not ScalarNode
            or id_node.tag != STR_TAG
            or not ID_PATTERN.fullmatch(id_node.value)
            or text_node.__class__ is not ScalarNode
            or text_node.tag != STR_TAG
            or (text_node.style == '"' and first_unsafe(text_node.value) is not None)
        ):
            return None
        return fields

    def plain_citation(self, node: MappingNode, claim_id: str) -> Citation | None:
        """A citation written as a mapping, when nothing in it needs a message (as `plain_claim`):
        a valid source id, and quote, locator and note each once, as non-empty text."""
        values: dict[str, ScalarNode] = {}
        for key_node, value_node in node.value:
            if (
                key_node.__class__ is not ScalarNode
                or value_node.__class__ is not ScalarNode
                or key_node.tag != STR_TAG
                or value_node.tag != STR_TAG
            ):
                return None
            key, value = key_node.value, value_node.value
            if key in values:
                return None
            if key == "source":
                if not ID_PATTERN.fullmatch(value):
                    return None
            elif (
                key not in _CITATION_TEXTS
                or not value.strip()
                or (value_node.style == '"' and first_unsafe(value) is not None)
            ):
                return None
            values[key] = value_node
        if "source" not in values:
            return None
        if self.source_text is not None:  # in key order, as the general path reads them
            for key, value_node in values.items():
                if key != "source" and not value_node.style:
                    self._comment_after(value_node, _CITATION_TEXTS[key].label, f"a citation of claim '{claim_id}'")
        quote, locator, note = values.get("quote"), values.get("locator"), values.get("note")
        return Citation(  # positional, as Claim in `claims`; marks for positions, made Positions when read
            values["source"].value,  # source
            node.start_mark,  # type: ignore[arg-type]  # position
            quote.value if quote is not None else None,  # quote
            locator.value if locator is not None else None,  # locator
            note.value if note is not None else None,  # note
            quote.start_mark if quote is not None else None,  # type: ignore[arg-type]  # quote_position
        )

    def citation(self, node: Node, claim_id: str) -> Citation | None:
        if isinstance(node, ScalarNode) and node.tag == STR_TAG and ID_PATTERN.fullmatch(node.value):
            # the common case, `cite: [source-id]`: a plain slug can hold no unsafe character
            return Citation(node.value, node.start_mark)  # type: ignore[arg-type]  # source, position (a Mark)
        if isinstance(node, MappingNode) and self.plain_paths:
            plain = self.plain_citation(node, claim_id)
            if plain is not None:
                return plain
        owner = f"a citation of claim '{claim_id}'"
        if isinstance(node, ScalarNode):
            source = self.ident(node, _CITED_SOURCE.label, owner)
            return Citation(source=source, position=self.pos(node)) if source else None
        fields = self.mapping(node, CITATION, owner)
        if fields is None or "source" not in fields:
            return None
        values = {
            name: self.read(CITATION.by_name[name], value_node, owner) for name, (_, value_node) in fields.items()
        }
        if not values.get("source"):
            return None
        quote_node = fields.get("quote")
        return Citation(
            source=values["source"],  # type: ignore[arg-type]
            position=self.pos(node),
            quote=values.get("quote"),  # type: ignore[arg-type]
            locator=values.get("locator"),  # type: ignore[arg-type]
            note=values.get("note"),  # type: ignore[arg-type]
            quote_position=self.pos(quote_node[1]) if quote_node else None,
        )

    def claims(self, roots: list[Node]) -> tuple[list[Claim], list[Edge], list[Argument]]:
        """Walk the theses and everything under them, depth first in document order, without recursion."""
        claims: list[Claim] = []
        edges: list[Edge] = []
        arguments: list[Argument] = []
        stack: list[_Todo] = [(root, ClaimKind.THESIS, None, 0, None) for root in reversed(roots)]
        plain_paths = self.plain_paths
        while stack:
            node, kind, parent, depth, argument = stack.pop()
            if kind is not ClaimKind.THESIS and isinstance(node, MappingNode):
                is_ref = False
                for key_node, _ in node.value:
                    if key_node.value == "ref":
                        is_ref = True
                        break
                if is_ref:
                    edge = self.ref(node, kind, parent, argument)
                    if edge is not None:
                        edges.append(edge)
                    continue
            fields = self.plain_claim(node) if plain_paths and isinstance(node, MappingNode) else None
            text_node: Node | None
            if fields is not None:
                claim_id = fields["id"][1].value
                owner = f"{kind.value} '{claim_id}'"
                text_node = fields["claim"][1]
                text = text_node.value
                if not text_node.style and self.source_text is not None:  # type: ignore[attr-defined]
                    self._comment_after(text_node, _CLAIM_TEXT.label, owner)  # type: ignore[arg-type]
            else:
                fields = self.mapping(node, CLAIM, partial(_claim_name, node, kind))
                if fields is None:
                    continue
                owner = _CLAIM_OF_KIND[kind]
                claim_id = self.ident(fields["id"][1], _CLAIM_ID.label, owner) if "id" in fields else None
                if claim_id:
                    owner = f"{kind.value} '{claim_id}'"
                text_node = fields["claim"][1] if "claim" in fields else None
                text = self.text(text_node, _CLAIM_TEXT.label, owner, prose=True) if text_node is not None else None
            cites: list[Citation] = []
            values: dict[str, Any] = {}  # what `read` gives for the other keys, by name
            positions: dict[str, Position] = {}
            between_position = None
            for name, (key_node, value_node) in fields.items():
                spec = _CLAIM_REST.get(name)
                if spec is None:
                    continue
                if spec.kinds is not None and kind not in spec.kinds:
                    self.report(key_node, fill(spec.misplaced, owner, kind.value))
                    continue
                shape = spec.value
                if type(shape) is Claims or type(shape) is Arguments:
                    if depth + 1 > MAX_CLAIM_DEPTH:
                        self.report(key_node, f"claims are nested more than {MAX_CLAIM_DEPTH} levels deep")
                        continue
                    if spec.name == "undercuts" and argument is not None:
                        self.report(
                            key_node,
                            f"{owner} is a premise of argument '{argument}': write the "
                            "undercuts of a linked argument under the argument",
                        )
                        continue
                    items = self.sequence(value_node, spec.label, owner, spec.example)
                    if type(shape) is Arguments:
                        for item in reversed(items):
                            self.argument(item, claim_id, depth, stack, arguments)
                        continue
                    kind_of_items = shape.kind  # type: ignore[union-attr]  # a Claims shape here
                    for item in reversed(items):
                        stack.append((item, kind_of_items, claim_id, depth + 1, None))
                elif type(shape) is Citations:
                    for item in self.sequence(value_node, spec.label, owner, spec.example):
                        citation = self.citation(item, claim_id or "?")
                        if citation is not None:
                            cites.append(citation)
                else:
                    values[spec.name] = self.read(spec, value_node, owner)
                    if spec.name == "between":
                        between_position = value_node.start_mark
                    elif spec.name in _CLAIM_VALUES:
                        positions[spec.name] = self.pos(value_node)
            if claim_id is None or text is None:
                continue
            if not text.strip():
                text = ""
            position = self.pos(node)
            tags: tuple[tuple[str, Position], ...] = values.get("tags", ())
            between: tuple[tuple[str, Position], ...] = values.get("between", ())
            # Positional, in the order of Claim's fields (keywords are the rule elsewhere): matching
            # 19 keywords for each of 10,000 claims took 3% of validate's instructions.
            claims.append(
                Claim(
                    claim_id,  # id
                    text,  # text
                    kind,  # kind
                    position,  # position
                    parent,  # parent
                    depth,  # depth
                    tuple(cites),  # cites
                    tuple(t for t, _ in tags) if tags else (),  # tags
                    values.get("note"),  # note
                    tuple(b for b, _ in between) if between else (),  # between
                    between_position,  # type: ignore[arg-type]  # between_position: a Mark, a Position when read
                    text_node.start_mark if text_node is not None else None,  # type: ignore[arg-type]  # text_position
                    argument,  # argument
                    bool(values.get("inferred")),  # inferred
                    values.get("weight"),  # weight
                    values.get("standard"),  # standard
                    values.get("answers"),  # answers
                    values.get("raises"),  # raises
                    positions,  # positions
                )
            )
            if parent is not None:
                edges.append(Edge(claim_id, parent, kind, position, False, None, argument))  # positional, as Claim
        # Document order (the stack visits lists in key order, which need not be document order).
        # (Positions of one file compare by line, then column.)
        at = operator.attrgetter("position")
        claims.sort(key=at)
        edges.sort(key=at)
        arguments.sort(key=at)
        return claims, edges, arguments

    def argument(
        self, node: Node, conclusion: str | None, depth: int, stack: list[_Todo], arguments: list[Argument]
    ) -> None:
        """Read one linked argument for `conclusion`; its premises, assumptions and undercuts go on
        the stack as claims whose parent is the conclusion and whose `argument` is its id."""
        fields = self.mapping(
            node, ARGUMENT, lambda: f"argument '{_item_id(node)}'" if _item_id(node) else "an argument"
        )
        if fields is None:
            return
        argument_id = (
            self.ident(fields["id"][1], ARGUMENT.by_name["id"].label, "an argument") if "id" in fields else None
        )
        owner = f"argument '{argument_id}'" if argument_id else "an argument"
        values: dict[str, Any] = {}
        positions: dict[str, Position] = {}
        members: dict[str, list[str]] = {"premises": [], "assumptions": []}
        for spec in ARGUMENT.fields:
            if spec.name not in fields or spec.name == "id":
                continue
            _key_node, value_node = fields[spec.name]
            positions[spec.name] = self.pos(value_node)
            shape = spec.value
            if type(shape) is Claims:
                items = self.sequence(value_node, spec.label, owner, spec.example)
                if spec.name == "premises" and not items and isinstance(value_node, SequenceNode):
                    self.report(value_node, f"{fill(spec.label, owner)} is empty: an argument has at least one premise")
                if spec.name in members:
                    members[spec.name] = [i for i in map(_item_id, items) if i is not None]
                for item in reversed(items):
                    stack.append((item, shape.kind, conclusion, depth + 1, argument_id))
            else:
                values[spec.name] = self.read(spec, value_node, owner)
        if argument_id is None or conclusion is None:
            return
        tags: tuple[tuple[str, Position], ...] = values.get("tags") or ()
        arguments.append(
            Argument(
                id=argument_id,
                conclusion=conclusion,
                position=self.pos(node),
                premises=tuple(members["premises"]),
                assumptions=tuple(members["assumptions"]),
                scheme=values.get("scheme"),
                weight=values.get("weight"),
                note=values.get("note"),
                tags=tuple(t for t, _ in tags),
                positions=positions,
            )
        )

    def ref(self, node: MappingNode, kind: ClaimKind, parent: str | None, argument: str | None = None) -> Edge | None:
        fields = self.mapping(node, REF, f"a reference in the {LIST_KEY[kind]} list")
        if fields is None or "ref" not in fields:
            return None
        target = self.ident(fields["ref"][1], REF.by_name["ref"].label)
        note = self.text(fields["note"][1], REF.by_name["note"].label, prose=True) if "note" in fields else None
        if target is None or parent is None:
            return None
        return Edge(
            child=target, parent=parent, kind=kind, position=self.pos(node), ref=True, note=note, argument=argument
        )

    def expectations(self, node: Node) -> tuple[Expectation, ...]:
        fields = self.mapping(node, EXPECT, "expect")
        if fields is None:
            return ()
        result = []
        for label, (_, value_node) in fields.items():
            spec = EXPECT.by_name[label]
            for claim_id, position in self.words(value_node, spec.label, "", spec.example):
                result.append(Expectation(claim=claim_id, label=label, position=position))
        return tuple(result)


def _declared_version(root: Node) -> int:
    """The format version the map declares (`argmap: 2`), read ahead so that its keys are known; 1
    when it declares none that argmap reads (the `argmap` key's own check says what is wrong)."""
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == "argmap" and isinstance(value, ScalarNode):
                return 2 if value.value == "2" and value.tag == "tag:yaml.org,2002:int" else 1
    return 1


def _top(walker: _Walker, root: Node, file: str, base_dir: str | None) -> ArgMap | None:
    walker.version = _declared_version(root)
    fields = walker.mapping(root, TOP, "the map (top level)")
    if fields is None:
        return None
    values: dict[str, object] = {}
    sources: tuple[Source, ...] = ()
    roots: list[Node] = []
    expect: tuple[Expectation, ...] = ()
    for spec in TOP.fields:
        if spec.name not in fields:
            continue
        node = fields[spec.name][1]
        if isinstance(spec.value, SourceTable):
            sources = walker.sources(node)
        elif isinstance(spec.value, ClaimValue):
            roots = [node]
        elif isinstance(spec.value, ClaimList):
            roots = walker.sequence(node, spec.label, "", spec.example)
            if not roots and isinstance(node, SequenceNode):
                walker.report(node, "'theses' is empty: a map has at least one thesis")
        elif isinstance(spec.value, Nested):
            expect = walker.expectations(node)
        else:
            values[spec.name] = walker.read(spec, node, "")
    if "thesis" in fields and "theses" in fields:
        roots = [fields["thesis"][1]]
    claims, edges, arguments = walker.claims(roots)
    theses = tuple(c.id for c in claims if c.kind is ClaimKind.THESIS)
    analyses_node = fields["analyses"][1] if "analyses" in fields else None
    return ArgMap(
        file=file,
        title=str(values.get("title") or ""),
        version=walker.version,
        description=values.get("description"),  # type: ignore[arg-type]
        analyses=values.get("analyses"),  # type: ignore[arg-type]
        analyses_position=walker.pos(analyses_node) if analyses_node is not None else None,
        sources=sources,
        thesis=theses[0] if theses else None,
        claims=tuple(claims),
        edges=tuple(edges),
        expect=expect,
        base_dir=base_dir,
        theses=theses,
        arguments=tuple(arguments),
        semantics=values.get("semantics"),  # type: ignore[arg-type]
    )


def load_bytes(data: bytes, *, file: str, base_dir: str | None = None) -> LoadResult:
    """Load a map from bytes; `file` is the name used in positions. Never raises for bad input."""
    read = read_yaml(data, file)
    if read.root is None:
        return LoadResult(None, read.problems)
    walker = _Walker(file)
    # a comment is parted from what it follows by a space or a tab: only then can one end a value
    # (a map whose comments all start their lines skips the check of every plain text value)
    if " #" in read.text or "\t#" in read.text:
        walker.source_text = read.text
    argmap = _top(walker, read.root, file, base_dir)
    if argmap is not None and "$schema=" in read.text:
        argmap = _with_schema_comment(argmap, read.text, file)
    return LoadResult(argmap, tuple(raw_text_problems(read.text, file)) + tuple(walker.problems))


_SCHEMA_COMMENT = re.compile(r"^([ \t]*#[ \t]*yaml-language-server:[ \t]*\$schema=)(\S+)", re.MULTILINE)


def _with_schema_comment(argmap: ArgMap, text: str, file: str) -> ArgMap:
    """The map with the target of its first `$schema` comment (for the schema-comment rule)."""
    match = _SCHEMA_COMMENT.search(text)
    if match is None:
        return argmap
    line = text.count("\n", 0, match.start()) + 1
    return dataclasses.replace(
        argmap, schema=match.group(2), schema_position=Position(file, line, len(match.group(1)) + 1)
    )


def load_path(path: str | os.PathLike[str], *, display: str | None = None) -> LoadResult:
    """Load a map file. OSError (missing, unreadable) propagates: that is a usage error, not a problem."""
    file = Path(path)
    data = file.read_bytes()
    return load_bytes(data, file=display or str(path), base_dir=str(file.resolve().parent))


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    """The map as canonical argmap YAML (argmap_write, imported only when a map is written)."""
    from argmap.formats.argmap_write import write as write_yaml

    return write_yaml(argmap)
