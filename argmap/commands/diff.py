"""`argmap diff OLD NEW`: what changed in the argument. Parses options, reads both maps (files, or
git revisions as git:REV:PATH), calls argmap.analysis.diff.diff_maps, prints the report, returns
the exit code."""

from __future__ import annotations

import click

from argmap.analysis.diff import FAIL_ON
from argmap.reports.diff import DIFF_FORMATS


@click.command("diff")
@click.argument("maps", nargs=-1, required=True, metavar="OLD NEW")
@click.option(
    "-f", "--format", "output_format", type=click.Choice(tuple(DIFF_FORMATS)), default="text", show_default=True
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    type=click.Choice(FAIL_ON),
    help="Exit 1 when a change of this kind is found (repeatable; 'any' for every kind).",
)
def command(maps: tuple[str, ...], output_format: str, fail_on: tuple[str, ...]) -> int:
    """Compare two maps: OLD and NEW are files, git revisions (git:REV:PATH, read with `git show`,
    e.g. git:main:maps/x.yaml) or /dev/null for no map. Reports the change to the argument, not to
    the text: claims added, removed, renamed, moved and reworded; citations gained and lost; sources
    changed; gaps opened and closed; eval labels changed, thesis first. Called by git as an external
    diff driver (seven arguments), it compares the second and fifth. See docs/editing.md.

    Exit codes: 0 compared (changes or not), 1 a --fail-on condition holds or a map cannot be read,
    2 usage or I/O error.
    """
    from argmap.analysis.diff import diff_maps
    from argmap.commands.editing import unreadable_exit
    from argmap.edit.document import UnreadableMap
    from argmap.edit.revisions import read_map
    from argmap.reports.base import print_report

    if len(maps) == 7:  # git's external diff: path old-file old-hex old-mode new-file new-hex new-mode
        old_path, new_path, shown = maps[1], maps[4], maps[0]
        names = (f"a/{shown}", f"b/{shown}")
    elif len(maps) == 2:
        old_path, new_path = maps
        names = (old_path, new_path)
    else:
        raise click.UsageError(f"expected OLD and NEW, got {len(maps)} argument(s)")
    try:
        old = read_map(old_path, display=names[0])
        new = read_map(new_path, display=names[1])
    except UnreadableMap as exc:
        raise unreadable_exit(exc) from None
    diff = diff_maps(old, new)
    print_report(DIFF_FORMATS[output_format], diff)
    return 1 if diff.fails(fail_on) else 0
