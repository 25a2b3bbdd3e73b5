"""The short form of any value a message quotes: a YAML node, a string, a list or a mapping, cut to
a bounded length and depth, one line, control characters made visible.

A message quotes what the map holds; the map is untrusted, so a quoted value may be a list of a
million items (an 11 MB message) or nested hundreds deep (repr recursed past Python's limit). The
walk here is iterative and stops as soon as it has `limit` characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import islice

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from argmap.text.safe import visible

#: characters of a quoted value a message shows, and how deep into nested lists and mappings
LIMIT = 60
DEPTH = 3


def short_form(value: object, *, limit: int = LIMIT, depth: int = DEPTH) -> str:
    """`value` as at most `limit` characters: scalars as written, `[a, b]` and `{k: v}` for the rest,
    `[…]` or `{…}` past `depth` levels, `…` where it is cut."""
    pieces: list[str] = []
    size = 0
    # each item is a literal piece of punctuation (a str) or a value still to write and its depth
    todo: list[str | tuple[object, int]] = [(value, 0)]
    while todo and size <= limit:
        item = todo.pop()
        if isinstance(item, str):
            piece = item
        else:
            current, level = item
            kind, content = _shape(current)
            if kind == "scalar":
                text = str(content)[: limit - size + 1]
                piece = visible(" ".join(text.split()) if not text.isprintable() or "  " in text else text)
            elif level >= depth:
                piece = "[…]" if kind == "list" else "{…}"
            else:
                assert isinstance(content, Iterable)
                opening, closing = ("[", "]") if kind == "list" else ("{", "}")
                pending: list[str | tuple[object, int]] = []
                room = limit - size + 1  # each member takes at least a character: no more can show
                members = list(islice(content, room + 1))
                for n, member in enumerate(members[:room]):
                    if n:
                        pending.append(", ")
                    if kind == "list":
                        pending.append((member, level + 1))
                    else:
                        key, val = member
                        pending += [(key, level + 1), ": ", (val, level + 1)]
                if len(members) > room:
                    pending.append(", …")
                pending.append(closing)
                todo.extend(reversed(pending))
                piece = opening
        pieces.append(piece)
        size += len(piece)
    text = "".join(pieces)
    if todo or len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _shape(value: object) -> tuple[str, object]:
    """("scalar", text), ("list", members) or ("mapping", [(key, value), ...]) for any value."""
    if isinstance(value, Node):
        if isinstance(value, ScalarNode):
            return "scalar", value.value
        if isinstance(value, SequenceNode):
            return "list", value.value
        if isinstance(value, MappingNode):
            return "mapping", value.value
        return "scalar", "?"
    if isinstance(value, str):
        return "scalar", value
    if isinstance(value, Mapping):
        return "mapping", iter(value.items())
    if isinstance(value, Sequence):
        return "list", value
    return "scalar", str(value)


#: how many members of a chain (a cycle's path) a message names before it skips to the end
CHAIN_HEAD = 8
CHAIN_TAIL = 2


def chain_form(members: Sequence[str]) -> str:
    """`a -> b -> c`, or for a long chain its first and last members around "(N more)": a message
    about a cycle of 8,000 claims names ten of them, not every one."""
    if len(members) <= CHAIN_HEAD + CHAIN_TAIL + 1:
        return " -> ".join(members)
    skipped = len(members) - CHAIN_HEAD - CHAIN_TAIL
    return " -> ".join([*members[:CHAIN_HEAD], f"({skipped} more)", *members[-CHAIN_TAIL:]])
