"""What the subcommands share: reading a map from a path or stdin, errors with exit codes, snapshots.

Kept free of heavy imports (rich, graphviz): `argmap --version` and `argmap validate` import this.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from argmap.problems import EXIT_ERROR, EXIT_PROBLEMS, Problem, Severity
from argmap.textsafe import visible


class ArgmapError(click.ClickException):
    """A usage, I/O or internal problem: message on stderr, exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:  # noqa: ARG002 - click's signature
        click.echo(f"argmap: {visible(self.format_message())}", err=True)


def read_input(path: str) -> tuple[bytes, str, str | None]:
    """(bytes, display name, base directory) of a path, or of stdin for '-'. Raises ArgmapError."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>", None
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise ArgmapError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise ArgmapError(f"{path}: is a directory (this command reads one map file)") from None
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return data, path, str(file.resolve().parent)


def parse_snapshots(values: tuple[str, ...]) -> dict[str, str]:
    """`--snapshot ID=PATH` options -> {source id: path}."""
    result: dict[str, str] = {}
    for value in values:
        source_id, sep, path = value.partition("=")
        if not sep or not source_id or not path:
            raise click.BadParameter(f"'{value}' is not ID=PATH", param_hint="--snapshot")
        result[source_id] = path
    return result


@dataclass(frozen=True)
class OpenedMap:
    """A loaded and checked map, for the commands that work on one map."""

    map: "ArgMap"
    problems: tuple[Problem, ...]


def open_map(path: str, *, snapshots: dict[str, str] | None = None, quiet: bool = False) -> OpenedMap:
    """Load and check one map for a command that works on it (show, gaps, render, brief, ...).

    A map that cannot be read prints its problems on stderr and exits 1, as `validate` does. A map
    with problems is still returned (a view helps to fix it); unless `quiet`, a one-line summary
    of its problems goes to stderr.
    """
    from argmap.checks import check_map
    from argmap.loader import load_bytes

    data, display, base_dir = read_input(path)
    try:
        loaded = load_bytes(data, file=display, base_dir=base_dir)
        checked = () if loaded.map is None else tuple(check_map(loaded.map, snapshots=snapshots or {}))
    except Exception as exc:  # a bug, not bad input: one line naming the file (stack with --traceback)
        context = click.get_current_context(silent=True)
        if context is not None and (context.find_root().obj or {}).get("traceback"):
            raise
        raise ArgmapError(f"{display}: internal error: {type(exc).__name__}: {exc} "
                          "(run with --traceback for details)") from None
    if loaded.map is None:
        for problem in sorted(loaded.problems):
            click.echo(_parsable(problem), err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS)
    problems = tuple(sorted(loaded.problems + checked))
    if problems and not quiet:
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
        click.echo(f"argmap: {display}: {errors} error(s), {warnings} warning(s); "
                   f"first: {_parsable(problems[0])} (run 'argmap validate {path}' for all)", err=True)
    return OpenedMap(loaded.map, problems)


def _parsable(problem: Problem) -> str:
    return (f"{visible(problem.file)}:{problem.line}:{problem.column}: {problem.severity}: "
            f"{visible(problem.message)} [{problem.rule}]")


if False:  # pragma: no cover - typing only
    from argmap.model import ArgMap
