"""The canonical style of argmap's YAML, shared by the writer (argmap_write: `convert`, `new`) and
`argmap fmt` (argmap.edit.layout), so that what argmap writes is already in the layout fmt keeps:
lines of at most WIDTH columns where a choice allows, short lists in flow style, long one-line
text folded."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

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
    characters that need escapes).

    Lines break only at a single space between two words (a run of spaces stays inside a line, as
    folding would read it otherwise), each line holding as many words as fit in the room left; a
    word longer than that has a line of its own."""
    if not value or value != value.strip() or not value.isprintable():
        return None
    pad = " " * column
    return [pad + line for line in _filler(max(width - column, 20)).findall(value)]


@lru_cache(maxsize=64)
def _filler(room: int) -> re.Pattern[str]:
    """Matches one line of `fold_text` at a time: the longest run of whole words that fits in
    `room` characters, or else the one word (a word ends at a single space before the next)."""
    return re.compile(rf"(.{{1,{room}}}|.+?)(?:(?<=\S) (?=\S)|\Z)")
