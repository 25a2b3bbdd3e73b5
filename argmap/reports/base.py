"""What a report format is: the entry of a format registry (PROBLEM_FORMATS, GAP_FORMATS, ...).

Each family of reports keeps one registry, a dict from format name to `ReportFormat`; a command's
`--format` choices are the registry's keys, and `print_report` prints any entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import click

from argmap.reports.terminal import StyledLine, plain_text, print_lines

R = TypeVar("R", contravariant=True)  # a format of any report reads a more specific one too


@dataclass(frozen=True)
class ReportFormat(Generic[R]):
    """One output format of a report of type R: the text it prints, and optionally the same text as
    styled lines, which a terminal gets in colour (`styled` formats derive `render` from them)."""

    render: Callable[[R], str]
    lines: Callable[[R], Sequence[StyledLine]] | None = None
    help: str = ""

    @classmethod
    def styled(cls, lines: Callable[[R], Sequence[StyledLine]], *, help: str = "") -> ReportFormat[R]:
        """A format drawn as styled lines: plain text when piped, coloured on a terminal."""
        return cls(render=lambda report: plain_text(lines(report)), lines=lines, help=help)


def print_report(fmt: ReportFormat[R], report: R) -> None:
    """Print `report` on stdout in format `fmt` (styled through rich where it may be a terminal)."""
    if fmt.lines is not None:
        print_lines(fmt.lines(report))
    else:
        click.echo(fmt.render(report), nl=False)
