"""`argmap brief PATH [-o OUT] [--side for|against]`: a debate brief as Markdown or HTML."""

from __future__ import annotations

import click

from argmap.commands.common import FOR_HELP, ArgmapError, chosen_thesis, open_map
from argmap.reports.brief import BRIEF_FORMATS, all_suffixes, format_for_suffix


@click.command("brief")
@click.argument("path", metavar="PATH")
@click.option(
    "-o",
    "--output",
    "output",
    default="-",
    show_default=True,
    metavar="OUT",
    help="Where to write: - for stdout, FILE.md (or .markdown) for Markdown, FILE.html (or "
    ".htm) for one self-contained HTML page.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(tuple(BRIEF_FORMATS)),
    default=None,
    help=f"{' or '.join(BRIEF_FORMATS)} [default: from the extension of OUT; {next(iter(BRIEF_FORMATS))} for stdout].",
)
@click.option(
    "--side",
    type=click.Choice(("for", "against")),
    default="for",
    show_default=True,
    help="for: defend the thesis (blocks, weak points to shore up); against: attack it "
    "(lines of attack, the rebuttals you will meet).",
)
@click.option("--for", "thesis_id", metavar="ID", help=FOR_HELP)
@click.option(
    "--length",
    type=click.Choice(("full", "short")),
    default="full",
    show_default=True,
    help="full: every claim with its evidence; short: one line per line of argument and per attack, "
    "the top weak points and questions (about two printed pages for a map of one article).",
)
def command(path: str, output: str, fmt: str | None, side: str, thesis_id: str | None, length: str) -> int:
    """Write a debate brief from the map at PATH (or - for stdin).

    The brief holds the thesis and the case outline with its evidence, blocks (every counterpoint
    with its prepared rebuttals, or NO PREPARED ANSWER), the ranked weak points of `argmap gaps`,
    cross-examination questions and the bibliography. See docs/brief.md.

    Exit codes: 0 written, 1 the map cannot be read, 2 usage or I/O error.
    """
    from argmap.analysis.evaluate import evaluate
    from argmap.analysis.gaps import find_gaps
    from argmap.analysis.ranking import rank_gaps
    from argmap.debate.brief import build_brief
    from argmap.output import OutputError, is_stream, write_output

    by_extension = format_for_suffix(output)
    if by_extension is None and not is_stream(output):  # -o /dev/null: the default format, as stdout
        raise click.BadParameter(f"'{output}' ends in none of {', '.join(all_suffixes())}", param_hint="-o/--output")
    if fmt is not None and by_extension is not None and fmt != by_extension:
        raise click.BadParameter(f"--format {fmt} does not match the extension of '{output}'", param_hint="-f/--format")
    fmt = fmt or by_extension or next(iter(BRIEF_FORMATS))
    argmap = open_map(path).map
    thesis = chosen_thesis(argmap, thesis_id)
    ranked = rank_gaps(argmap, find_gaps(argmap))
    blocks = build_brief(argmap, side=side, evaluation=evaluate(argmap), gaps=ranked, thesis_id=thesis, length=length)
    text = BRIEF_FORMATS[fmt].render(blocks, f"Debate brief: {argmap.title}")
    try:
        write_output(output, text.encode("utf-8"), inputs=[path])
    except OutputError as exc:
        raise ArgmapError(str(exc)) from None
    return 0
