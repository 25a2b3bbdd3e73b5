"""The canonical style of argmap's YAML, shared by the writer (argmap_write: `convert`, `new`) and
`argmap fmt` (argmap.edit.layout), so that what argmap writes is already in the layout fmt keeps:
lines of at most WIDTH columns where a choice allows, short lists in flow style, long one-line
text folded."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: the column a folded text is filled to, and the longest line a flow list may make
WIDTH = 100
#: the keys whose long one-line text is folded
FOLDED_KEYS = frozenset({"claim", "note", "description"})


def flow_line(prefix: str, items: Sequence[str]) -> str | None:
    """`prefix [a, b]` (the items as written), or None when that line is longer than WIDTH."""
    line = f"{prefix} [{', '.join(items)}]"
    return line if len(line) <= WIDTH else None


def fold_text(value: str, column: int, width: int = WIDTH) -> list[str] | None:
    """The lines of a `>-` block holding `value`, filled to `width` at `column`; None when the
    value cannot be written folded exactly (leading or trailing space, line breaks, tabs,
    characters that need escapes)."""
    if not value or value != value.strip() or not value.isprintable():
        return None
    words = re.split(r"(?<=\S) (?=\S)", value)
    room = max(width - column, 20)
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    pad = " " * column
    return [pad + line for line in lines]
