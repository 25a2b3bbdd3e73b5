"""`argmap new [PATH]`: a new map to fill in. Parses options, calls argmap.edit.new.new_map, writes
the map (never over an existing file) and, on request, the schema beside it."""

from __future__ import annotations

import click


@click.command("new")
@click.argument("path", required=False, default="-", metavar="[PATH]")
@click.option("--title", metavar="TEXT", help="The map's title.")
@click.option("--analyses", metavar="URL-OR-TITLE", help="The text the map analyses: its address or its title.")
@click.option(
    "--schema-file",
    is_flag=True,
    help="Write schemas/argmap.schema.json beside the map and point the $schema comment at it.",
)
def command(path: str, title: str | None, analyses: str | None, schema_file: bool) -> int:
    """Start a new map at PATH (or print it, without PATH): a title, the source it analyses and a
    thesis to fill in, and a `$schema` comment for editors that points at a file that exists: the
    schema written beside it with --schema-file, the nearest schemas/argmap.schema.json above it,
    or the copy installed with argmap. Never overwrites a file. See docs/editing.md.

    Exit codes: 0 written, 2 PATH exists, or a usage or I/O error.
    """
    import os
    from pathlib import Path

    from argmap.commands.common import ArgmapError
    from argmap.commands.editing import write_file
    from argmap.edit.document import EditError
    from argmap.edit.new import new_map
    from argmap.formats.schema import schema_json
    from argmap.text.safe import visible

    folder = Path.cwd() if path == "-" else Path(path).absolute().parent
    if path != "-" and os.path.lexists(path):
        raise ArgmapError(f"{path}: exists; argmap new never overwrites a file (choose another name)")
    if path != "-" and not folder.is_dir():
        raise ArgmapError(f"{path}: directory {folder} does not exist")
    try:
        made = new_map(folder, title=title, analyses=analyses, schema_file=schema_file)
    except EditError as exc:
        raise ArgmapError(str(exc)) from None
    if made.schema_file is not None and not made.schema_file.exists():
        made.schema_file.parent.mkdir(exist_ok=True)
        write_file(str(made.schema_file), schema_json().encode("utf-8"))
        click.echo(f"wrote {visible(str(made.schema_file))}", err=True)
    if path == "-":
        click.echo(made.text, nl=False)
    else:
        write_file(path, made.text.encode("utf-8"))
        click.echo(
            f"wrote {visible(path)}; fill in the title, the source and the thesis, "
            f"then run 'argmap validate {visible(path)}'",
            err=True,
        )
    if made.note:
        click.echo(f"argmap: note: {visible(made.note)}", err=True)
    return 0
