"""Which record of the format each mapping of a document is, read from argmap.formats.argmap_spec:
for `fmt`'s key order, and for finding the scalars that hold ids (`rename`) and the claims (`add`).

A mapping's `Context` knows its record (None for a mapping the format does not describe), the rank
of each key in the canonical order (a record's own values first, in declared order, then the keys
that hold records or claims, in declared order) and the contexts of what its keys hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from argmap.formats import argmap_spec as spec
from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode


class Context:
    """What a mapping is, for its key order and its children's contexts."""

    __slots__ = ("children", "items", "name", "rank", "record")

    def __init__(self, name: str, record: spec.Record | None) -> None:
        self.name = name
        self.record = record
        self.rank: dict[str, int] = {}
        self.children: dict[str, Context] = {}  # key -> context of a mapping value
        self.items: dict[str, Context] = {}  # key -> context of the items of a sequence value
        if record is not None:
            self.rank = {name: i for i, name in enumerate(record.canonical)}

    def __repr__(self) -> str:
        return f"Context({self.name})"


PLAIN = Context("plain", None)
TOP = Context("top", spec.TOP)
TABLE = Context("sources", None)  # the source table: keys are source ids, every value a source
SOURCE = Context("source", spec.SOURCE)
CLAIM = Context("claim", spec.CLAIM)
REF = Context("ref", spec.REF)
ARGUMENT = Context("argument", spec.ARGUMENT)
CITATION = Context("citation", spec.CITATION)
EXPECT = Context("expect", spec.EXPECT)


def _wire() -> None:
    records = {id(spec.EXPECT): EXPECT}
    for record, context in ((spec.TOP, TOP), (spec.CLAIM, CLAIM), (spec.ARGUMENT, ARGUMENT)):
        for field in record.fields:
            value = field.value
            if isinstance(value, spec.SourceTable):
                context.children[field.name] = TABLE
            elif isinstance(value, spec.ClaimValue):
                context.children[field.name] = CLAIM
            elif isinstance(value, (spec.Claims, spec.ClaimList)):
                context.items[field.name] = CLAIM
            elif isinstance(value, spec.Arguments):
                context.items[field.name] = ARGUMENT
            elif isinstance(value, spec.Citations):
                context.items[field.name] = CITATION
            elif isinstance(value, spec.Nested):
                context.children[field.name] = records.get(id(value.record)) or Context(field.name, value.record)


_wire()


def claim_or_ref(context: Context, node: MappingNode) -> Context:
    """A claim list's item is a claim, or a reference when it has a `ref` key."""
    if context is CLAIM and any(isinstance(k, ScalarNode) and k.value == "ref" for k, _ in node.value):
        return REF
    return context


def child_context(context: Context, key: str, value: Node) -> Context:
    """The context of the mapping `value` held by key `key` of a mapping in `context`."""
    if context is TABLE:
        return SOURCE
    child = context.children.get(key, PLAIN)
    return claim_or_ref(child, value) if isinstance(value, MappingNode) else child


@dataclass(frozen=True)
class IdScalars:
    """The scalars of a document that hold ids: claim and argument ids (where defined and where
    mentioned: `ref`, `expect`) and source ids (the source table's keys, citations, `via`,
    `analyses`). `claims` maps each defining scalar to its mapping node."""

    claim_ids: list[ScalarNode]
    source_ids: list[ScalarNode]
    claims: dict[int, MappingNode]


def id_scalars(root: Node) -> IdScalars:
    """Walk a document (iteratively) and collect its id scalars."""
    claim_ids: list[ScalarNode] = []
    source_ids: list[ScalarNode] = []
    claims: dict[int, MappingNode] = {}
    stack: list[tuple[Node, Context]] = [(root, TOP)]
    while stack:
        node, context = stack.pop()
        if not isinstance(node, MappingNode):
            continue
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                continue
            name = key.value
            if context is TABLE:
                source_ids.append(key)
            elif isinstance(value, ScalarNode):
                if (context is CLAIM or context is ARGUMENT) and name == "id":
                    claim_ids.append(value)
                    claims[value.start_mark.index] = node
                elif context is REF and name == "ref":
                    claim_ids.append(value)
                elif (
                    (context is CITATION and name == "source")
                    or (context is SOURCE and name == "via")
                    or (context is TOP and name == "analyses")
                ):
                    source_ids.append(value)
            if isinstance(value, MappingNode):
                stack.append((value, child_context(context, name, value)))
            elif isinstance(value, SequenceNode):
                item_context = context.items.get(name, PLAIN)
                for item in value.value:
                    if isinstance(item, MappingNode):
                        stack.append((item, claim_or_ref(item_context, item)))
                    elif isinstance(item, ScalarNode):
                        if item_context is CITATION:
                            source_ids.append(item)
                        elif context is EXPECT:
                            claim_ids.append(item)
    return IdScalars(claim_ids, source_ids, claims)


def walk_claims(ids: IdScalars) -> Iterator[tuple[str, MappingNode]]:
    """(id, mapping node) of every claim and argument defined in the document."""
    for scalar in ids.claim_ids:
        node = ids.claims.get(scalar.start_mark.index)
        if node is not None:
            yield scalar.value, node
