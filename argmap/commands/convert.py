"""`argmap convert IN -o OUT`: a map from one format to another. Parses options, calls
argmap.formats.convert.convert, prints the report, returns the exit code.

The choices of --from and --to are read from the format registry (argmap.formats.REGISTRY).
"""

from __future__ import annotations

import click

from argmap.commands.common import ArgmapError, complete_claim_ids
from argmap.findings import EXIT_OK, EXIT_PROBLEMS
from argmap.formats.convert import STDIO, ConvertError, ConvertOptions, convert, readable, writable
from argmap.reports.convert import CONVERT_FORMATS


@click.command("convert")
@click.argument("source", metavar="IN")
@click.option("-o", "--output", "output", metavar="OUT", help="File or folder to write, or - for stdout. Required.")
@click.option(
    "--from",
    "source_format",
    metavar="FORMAT",
    help=f"Format of IN: {', '.join(readable())} [default: from the extension or the content].",
)
@click.option(
    "--to",
    "target_format",
    metavar="FORMAT",
    help=f"Format of OUT: {', '.join(writable())} [default: from the extension of OUT].",
)
@click.option(
    "--strict", is_flag=True, help="Treat a loss (something OUT's format cannot hold) as an error: nothing is written."
)
@click.option(
    "--focus",
    metavar="ID",
    shell_complete=complete_claim_ids,
    help="Convert only the claim ID and what is below it (it becomes the thesis).",
)
@click.option(
    "--depth",
    type=click.IntRange(0, None),
    metavar="N",
    help="Convert only claims at most N relations below the thesis (or --focus).",
)
@click.option(
    "-f",
    "--format",
    "report_format",
    type=click.Choice(tuple(CONVERT_FORMATS)),
    default="text",
    show_default=True,
    help="Report format (text on stderr; json on stdout, or on stderr when OUT is -).",
)
def command(
    source: str,
    output: str | None,
    source_format: str | None,
    target_format: str | None,
    strict: bool,
    focus: str | None,
    depth: int | None,
    report_format: str,
) -> int:
    """Convert the map IN (a file, - for stdin, or a folder of files) to OUT.

    A folder converts every file it holds, into the folder OUT, and reports each. Losses (what OUT's
    format cannot hold) and the map's problems are reported with their positions. Exit codes: 0
    converted, 1 a map has errors, a writer refused it, or (--strict) something was lost, 2 usage
    or I/O error.
    """
    if output is None:
        raise click.UsageError("missing -o OUT: the file or folder to write, or -o - for stdout")
    options = ConvertOptions(source=source_format, target=target_format, strict=strict, focus=focus, depth=depth)
    from argmap.pipeline import read_stdin

    stdin = read_stdin() if source == STDIO else None
    try:
        result = convert(source, output, options, stdin=stdin)
    except ConvertError as exc:
        raise ArgmapError(str(exc)) from None
    text = CONVERT_FORMATS[report_format](result)
    click.echo(text, nl=False, err=report_format == "text" or output == STDIO)
    return EXIT_PROBLEMS if result.failed else EXIT_OK
