"""`argmap add PATH --under ID --kind KIND --claim TEXT`: a claim added in canonical position and
style. Parses options, calls argmap.edit.add.add_bytes, writes the file atomically, returns the exit code."""

from __future__ import annotations

import click

from argmap.edit.add import KINDS


@click.command("add")
@click.argument("path", metavar="PATH")
@click.option("--under", required=True, metavar="ID", help="The claim (or linked argument) the new claim goes under.")
@click.option("--kind", required=True, type=click.Choice(tuple(KINDS)), help="What the new claim is to ID.")
@click.option("--claim", "text", required=True, metavar="TEXT", help="The claim, in your own words.")
@click.option("--id", "claim_id", metavar="ID", help="Its id [default: made from the first words of TEXT].")
@click.option(
    "--cite",
    "cites",
    multiple=True,
    metavar="SOURCE[:QUOTE]",
    help="A citation: a source id, optionally with the exact words quoted from it (repeatable).",
)
@click.option(
    "--between", multiple=True, metavar="VARIABLE", help="For a correlation: a variable it links (repeatable)."
)
def command(
    path: str,
    under: str,
    kind: str,
    text: str,
    claim_id: str | None,
    cites: tuple[str, ...],
    between: tuple[str, ...],
) -> int:
    """Add a claim under claim ID: a premise, correlation, counterpoint, undercut, rebuttal,
    assumption, or a linked argument with the claim as its first premise (format 2). The claim is
    inserted where `argmap fmt` would put it, in its style; the file is rewritten atomically, only
    if the result validates with no new problem. See docs/editing.md.

    Exit codes: 0 added, 1 the map cannot be read, 2 the claim cannot be added (the message says
    why), or a usage or I/O error.
    """
    from argmap.commands.common import ArgmapError
    from argmap.commands.editing import unreadable_exit, write_file
    from argmap.edit.add import Citation, add_bytes
    from argmap.edit.document import EditError, UnreadableMap
    from argmap.pipeline import read_input
    from argmap.text.safe import visible

    if path == "-":
        raise click.BadParameter("add edits a file in place; give its path", param_hint="PATH")
    source = read_input(path)
    try:
        result = add_bytes(
            source.data,
            file=source.display,
            base_dir=source.base_dir,
            under=under,
            kind=kind,
            text=text,
            claim_id=claim_id,
            cites=[Citation.parse(c) for c in cites],
            between=between,
        )
    except UnreadableMap as exc:
        raise unreadable_exit(exc) from None
    except EditError as exc:
        raise ArgmapError(str(exc)) from None
    write_file(path, result.data)
    click.echo(f"added {kind} '{result.id}' under '{visible(under)}' at {visible(source.display)}:{result.line}")
    return 0
