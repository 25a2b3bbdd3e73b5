"""What the editing commands (new, fmt, add, rename) share: reading a map to edit, reporting a map
that cannot be read, writing the result atomically, and turning an edit's refusal into exit code 2."""

from __future__ import annotations

import click

from argmap.commands.common import ArgmapError
from argmap.edit.document import UnreadableMap
from argmap.findings import EXIT_PROBLEMS
from argmap.output import OutputError, write_output


def report_unreadable(exc: UnreadableMap) -> None:
    """The problems of a map that cannot be read, one per line on stderr, as `validate -f parsable`."""
    from argmap.reports.findings import format_parsable as parsable_lines

    click.echo(parsable_lines(exc.problems), err=True, nl=False)


def unreadable_exit(exc: UnreadableMap) -> click.exceptions.Exit:
    report_unreadable(exc)
    return click.exceptions.Exit(EXIT_PROBLEMS)


def write_file(path: str, data: bytes) -> None:
    """Replace `path` with `data` atomically (temporary file, fsync, rename); exit 2 if it cannot be."""
    try:
        write_output(path, data)
    except OutputError as exc:
        raise ArgmapError(str(exc)) from None
