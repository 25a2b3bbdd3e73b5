"""`argmap rename PATH OLD NEW`: an id renamed everywhere it is used. Parses options, calls
argmap.edit.rename.rename_bytes, writes the file atomically, returns the exit code."""

from __future__ import annotations

import click


@click.command("rename")
@click.argument("path", metavar="PATH")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option(
    "--only",
    type=click.Choice(("claim", "source")),
    help="When OLD is both a claim id and a source id: which one to rename.",
)
def command(path: str, old: str, new: str, only: str | None) -> int:
    """Rename the claim, argument or source id OLD to NEW everywhere in the map: where it is defined,
    in refs, expect, citations, via and analyses. Nothing else in the file changes; the file is
    rewritten atomically, and only if the result reads and checks as before. See docs/editing.md.

    Exit codes: 0 renamed, 1 the map cannot be read, 2 OLD names nothing, NEW is invalid or taken,
    or a usage or I/O error.
    """
    from argmap.commands.common import ArgmapError
    from argmap.commands.editing import unreadable_exit, write_file
    from argmap.edit.document import EditError, UnreadableMap
    from argmap.edit.rename import rename_bytes
    from argmap.pipeline import read_input
    from argmap.text.safe import visible

    if path == "-":
        raise click.BadParameter("rename edits a file in place; give its path", param_hint="PATH")
    source = read_input(path)
    try:
        result = rename_bytes(source.data, old, new, file=source.display, base_dir=source.base_dir, only=only)
    except UnreadableMap as exc:
        raise unreadable_exit(exc) from None
    except EditError as exc:
        raise ArgmapError(str(exc)) from None
    if result.places:
        write_file(path, result.data)
    places = f"{result.places} place{'s' if result.places != 1 else ''}"
    click.echo(f"renamed {result.space} '{visible(old)}' to '{visible(new)}' in {places} in {visible(source.display)}")
    return 0
