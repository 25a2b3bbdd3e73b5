"""Where output goes: whether stdout may be a terminal, how wide it is, which format a CI run wants,
and printing styled lines (through rich on a terminal, plain text otherwise).

Every command that colours its output (validate, gaps, show) asks `may_be_terminal` here, so that
they agree: a TTY, FORCE_COLOR or TTY_COMPATIBLE=1 make rich treat stdout as a terminal, and rich
honours NO_COLOR. Piped output is plain text with no escape codes, written without importing rich.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

Segment = tuple[str, str]  # (text, rich style name or "")
StyledLine = tuple[Segment, ...]

#: the format a run under GitHub Actions defaults to, where a command offers it
GITHUB_FORMAT = "github"
TEXT_FORMAT = "text"


def may_be_terminal() -> bool:
    """False when rich would surely not treat stdout as a terminal (not a TTY, colour not forced)."""
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed stdout
        tty = False
    environ = os.environ
    return tty or bool(environ.get("FORCE_COLOR")) or environ.get("TTY_COMPATIBLE") == "1"


def default_width(*, minimum: int) -> int:
    """The terminal's width; when piped, COLUMNS if it is at least `minimum`, else 80 (rich's rule)."""
    if not may_be_terminal():
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isdigit() and int(columns) >= minimum else 80
    return console().width


def under_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def default_format(choices: Collection[str]) -> str:
    """`github` under GitHub Actions (annotations on the pull request) when offered, else `text`."""
    return GITHUB_FORMAT if under_github_actions() and GITHUB_FORMAT in choices else TEXT_FORMAT


def console() -> Console:
    """A rich console for user text: no markup, emoji codes or highlighting (all of them would
    interpret or slow down on map text), and no wrapping (the lines are laid out already)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False, markup=False)


def plain_text(lines: Iterable[StyledLine]) -> str:
    """The lines without their styles, each ended by a newline: what a pipe gets."""
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def print_lines(lines: Sequence[StyledLine]) -> None:
    """On a terminal, the lines styled through rich; otherwise exactly `plain_text(lines)`."""
    if not may_be_terminal():  # the common piped case: no need to import rich at all
        sys.stdout.write(plain_text(lines))
        return
    from rich.text import Text

    out = console()
    if not out.is_terminal:
        out.file.write(plain_text(lines))
        return
    with out:  # rich buffers what is printed inside and writes it once at the end, not per line
        for line in lines:
            text = Text()
            for segment, style in line:
                text.append(segment, style=style or None)
            out.print(text)
