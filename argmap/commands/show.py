"""`argmap show PATH`: the whole argument as a tree in the terminal. Parses options, builds the view, prints."""

from __future__ import annotations

import click

from argmap.commands.common import complete_claim_ids


@click.command("show")
@click.argument("path", metavar="PATH")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    metavar="N",
    help="Show only N levels below the thesis (or below --focus); 0 shows the root alone.",
)
@click.option(
    "--focus",
    metavar="ID",
    shell_complete=complete_claim_ids,
    help="Show claim ID's subtree and the path from the thesis down to it.",
)
@click.option("--no-sources", is_flag=True, help="Leave out the sources table.")
@click.option(
    "--width",
    type=click.IntRange(min=20),
    metavar="N",
    help="Wrap at N columns [default: the terminal's width, or $COLUMNS, or 80].",
)
def command(path: str, depth: int | None, focus: str | None, no_sources: bool, width: int | None) -> int:
    """Print a map (a file, or - for stdin) as a tree: thesis, premises (▲), correlations (≈),
    counterpoints (✗) and rebuttals (↺), with citation markers [n] into a sources table and
    weak-point markers (⚠ and the severity of the ranked gap of `argmap gaps`; info is not
    marked). A reference to a claim shown elsewhere is a pointer (→ see ID), not a copy.

    Piped output is plain text; NO_COLOR is honoured. See docs/show.md.

    Exit codes: 0 shown, 1 the map cannot be read, 2 usage or I/O error (unknown --focus id).
    """
    from argmap.analysis.gaps import coverage, find_gaps
    from argmap.analysis.ranking import rank_gaps
    from argmap.commands.common import ArgmapError, open_map
    from argmap.reports.terminal import default_width
    from argmap.views.tree import MIN_TEXT_WIDTH, FocusError, ViewOptions, build_view, print_view

    opened = open_map(path)
    options = ViewOptions(
        width=width or default_width(minimum=MIN_TEXT_WIDTH), depth=depth, focus=focus, sources=not no_sources
    )
    try:
        ranked = rank_gaps(opened.map, find_gaps(opened.map))
        lines = build_view(opened.map, gaps=ranked, coverage=coverage(opened.map), options=options)
    except FocusError as exc:
        raise ArgmapError(f"--focus: {exc}") from None
    print_view(lines)
    return 0
