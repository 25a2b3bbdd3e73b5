"""DOT node and edge statements written exactly as the graphviz package writes them, without its
per-call overhead.

A large map has thousands of claims and relations; `Digraph.node()`/`edge()` quote every key and
value through the package's general quoting (about 17 calls per statement), which took render to
DOT of a 10k-claim map from 0.8 s to 1.6 s and `render` of a 1k-claim map to SVG 23% longer
(bench/compare.py). `StatementWriter` writes the same lines (label first, then the other
attributes sorted by name, the same quoting); tests/test_render.py checks that the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: a DOT ID that needs no quotes (graphviz.quoting.ID), and the keywords that always need them
_PLAIN_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
#: attributes that hold map text; every other attribute takes one of a few values set by argmap
_TEXT_ATTRIBUTES = frozenset({"label", "tooltip", "URL"})


def dot_id(value: str) -> str:
    """`value` written as a DOT ID, as `graphviz.quoting.quote` writes a non-HTML string.

    Only for argmap's own constants and for the output of `dot_string`/`dot_url`: there every
    backslash is already doubled, so escaping each `"` is all the package's quoting would do.
    """
    if _PLAIN_ID.match(value) and value.lower() not in _KEYWORDS:
        return value
    return '"' + value.replace('"', '\\"') + '"'


class StatementWriter:
    """Writes statements for one graph; argmap's own styling attributes (a handful of distinct
    key=value pairs) are written once per graph and remembered."""

    def __init__(self) -> None:
        self._styling: dict[tuple[str, str], str] = {}

    def attribute(self, key: str, value: str) -> str:
        if key in _TEXT_ATTRIBUTES:
            return f"{dot_id(key)}={dot_id(value)}"
        text = self._styling.get((key, value))
        if text is None:
            text = self._styling[key, value] = f"{dot_id(key)}={dot_id(value)}"
        return text

    def statement(self, left: str, label: str | None, attrs: Mapping[str, str]) -> str:
        """One node (`left` is its id) or edge (`left` is "a -> b") statement line."""
        items = [f"label={dot_id(label)}"] if label is not None else []
        items.extend(self.attribute(key, value) for key, value in sorted(attrs.items()))
        return f"\t{left} [{' '.join(items)}]\n"
