"""What the subcommands share: errors with exit codes, opening one map for a command, snapshots.

Kept free of heavy imports (rich, graphviz): `argmap --version` and `argmap validate` import this.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

import click

from argmap.findings import EXIT_ERROR, EXIT_PROBLEMS, Problem
from argmap.text.safe import visible

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from argmap.model import ArgMap


class ArgmapError(click.ClickException):
    """A usage, I/O or internal problem: message on stderr, exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"argmap: {visible(self.format_message())}", err=True)


def warn_folders_without_maps(folders: Iterable[str], *, all_formats: bool = False) -> None:
    """A warning on stderr for each folder named that holds no map (the run goes on: exit code as without it)."""
    other = "" if all_formats else "; --all-formats reads Argdown, AIF, JSON, Carneades and Kialo files too"
    for folder in folders:
        click.echo(
            f"argmap: warning: no map in the folder {visible(folder)} (a map is a .yaml or .yml file with a "
            f"top-level argmap: key{other})",
            err=True,
        )


def parse_snapshots(values: tuple[str, ...]) -> dict[str, str]:
    """`--snapshot ID=PATH` options -> {source id: path}."""
    result: dict[str, str] = {}
    for value in values:
        source_id, sep, path = value.partition("=")
        if not sep or not source_id or not path:
            raise click.BadParameter(f"'{value}' is not ID=PATH", param_hint="--snapshot")
        result[source_id] = path
    return result


class OpenedMap(NamedTuple):
    """A loaded and checked map, for the commands that work on one map."""

    map: ArgMap
    problems: tuple[Problem, ...]


def open_map(path: str, *, snapshots: dict[str, str] | None = None, quiet: bool = False) -> OpenedMap:
    """Load and check one map for a command that works on it (show, gaps, render, brief, ...).

    A map that cannot be read prints its problems on stderr and exits 1, as `validate` does. A map
    with problems is still returned (a view helps to fix it); unless `quiet`, a one-line summary
    of its problems goes to stderr.
    """
    from argmap.pipeline import check_file

    checked = check_file(path, snapshots=snapshots)
    if checked.problems and (checked.map is None or not quiet):
        from argmap.reports.problems import map_problems_note

        click.echo(map_problems_note(path, checked), err=True, nl=False)
    if checked.map is None:
        raise click.exceptions.Exit(EXIT_PROBLEMS)
    return OpenedMap(checked.map, checked.problems)


def complete_claim_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion for an option naming a claim (--focus, --explain, --assume-false): the ids of
    the map given before it on the command line, each with its text shortened. Nothing when there is
    no readable map yet: completion never prints an error."""
    from click.shell_completion import CompletionItem

    path = ctx.params.get("path") or ctx.params.get("source")
    if path is None:  # the option's value is still missing: click left the words it had not parsed
        path = next((word for word in ctx.args if not word.startswith("-") and os.path.isfile(word)), None)
    if not isinstance(path, str) or path == "-":
        return []
    try:
        from argmap.formats import reader_for
        from argmap.pipeline import read_input

        source = read_input(path)
        argmap = reader_for(path)(source.data, file=source.display, base_dir=source.base_dir).map
    except Exception:  # completion must stay quiet whatever the file holds
        return []
    if argmap is None:
        return []
    from argmap.text.safe import shorten

    return [
        CompletionItem(claim_id, help=visible(shorten(claim.text or "", 50)))
        for claim_id, claim in argmap.claim_index.items()
        if claim_id.startswith(incomplete)
    ]


FOR_HELP = "With several theses (format 2): the thesis ID whose side the sides refer to [default: the first]."


def chosen_thesis(argmap: ArgMap, thesis_id: str | None) -> str | None:
    """The thesis a `--for ID` option names (checked against the map's theses), or the first one."""
    if thesis_id is None:
        return argmap.thesis
    if thesis_id not in argmap.thesis_ids:
        from argmap.text.suggest import did_you_mean

        raise ArgmapError(
            f"--for: '{visible(thesis_id)}' is not a thesis of {visible(argmap.file)}"
            f"{visible(did_you_mean(thesis_id, argmap.thesis_ids))} (theses: "
            f"{', '.join(argmap.thesis_ids) or 'none'})"
        )
    return thesis_id
