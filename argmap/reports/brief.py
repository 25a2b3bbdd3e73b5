"""brief's output formats, BRIEF_FORMATS (md, html): the registry its `--format` reads, with the
file extensions that choose each format for `-o FILE`.

The documents themselves are written by argmap.debate.brief; this is where a command finds them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.debate.brief import Block


@dataclass(frozen=True)
class BriefFormat:
    """One format of a brief: how to write it from the brief's blocks, and its file extensions."""

    render: Callable[[Sequence[Block], str], str]  # (blocks, page title) -> text
    suffixes: tuple[str, ...]


def _markdown(blocks: Sequence[Block], title: str) -> str:
    from argmap.debate.brief import to_markdown

    return to_markdown(blocks)


def _html(blocks: Sequence[Block], title: str) -> str:
    from argmap.debate.brief import to_html

    return to_html(blocks, title=title)


#: brief's --format choices; the first is the default for stdout
BRIEF_FORMATS: dict[str, BriefFormat] = {
    "md": BriefFormat(_markdown, (".md", ".markdown")),
    "html": BriefFormat(_html, (".html", ".htm")),
}


def format_for_suffix(path: str) -> str | None:
    """The format a file name asks for by its extension (case-insensitive), or None."""
    lower = path.lower()
    return next((name for name, fmt in BRIEF_FORMATS.items() if lower.endswith(fmt.suffixes)), None)


def all_suffixes() -> tuple[str, ...]:
    return tuple(suffix for fmt in BRIEF_FORMATS.values() for suffix in fmt.suffixes)
