"""`argmap gaps PATH...`: list where an argument is thin. Parses options, calls argmap.gaps, prints, exits."""
from __future__ import annotations

import os

import click

from argmap.analysis.gaps import KIND_SUMMARIES, KINDS

FORMAT_CHOICES = ("text", "parsable", "json", "github", "markdown")


def parse_kinds(ctx: click.Context | None, param: click.Parameter | None, values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeatable and comma-separated kind lists -> kinds in their documented order; unknown -> usage error."""
    wanted = {part.strip() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise click.BadParameter(f"unknown gap kind {', '.join(repr(u) for u in unknown)}; "
                                 f"valid kinds: {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in wanted)


@click.command("gaps")
@click.argument("paths", nargs=-1, required=False, metavar="PATH...")
@click.option("-k", "--kind", "kinds", multiple=True, callback=parse_kinds, metavar="KIND[,KIND]",
              help="List only these gap kinds (repeatable or comma separated) [default: all].")
@click.option("-f", "--format", "output_format", type=click.Choice(FORMAT_CHOICES),
              help="Output format [default: text; github when GITHUB_ACTIONS is set].")
@click.option("--fail-on", "fail_on", multiple=True, callback=parse_kinds, metavar="KIND[,KIND]",
              help="Exit 1 when a gap of one of these kinds is found (repeatable or comma separated); "
                   "these kinds are always listed.")
@click.option("--list-kinds", is_flag=True, help="List the gap kinds with a one-line definition and exit.")
def command(paths: tuple[str, ...], kinds: tuple[str, ...], output_format: str | None,
            fail_on: tuple[str, ...], list_kinds: bool) -> int:
    """List the weak points of maps (files, directories of maps, or - for stdin): what an opponent
    would attack first.

    Kinds: uncited, unsupported, no-quote, unanswered, correlation-only, single-source,
    source-incomplete (see docs/gaps.md). A coverage line sums up the evidence of each map.

    Exit codes: 0 ran (whatever it found), 1 a --fail-on kind was found or a map could not be read,
    2 usage or I/O error.
    """
    if list_kinds:
        for kind in KINDS:
            click.echo(f"{kind:<18} {KIND_SUMMARIES[kind]}")
        return 0
    if not paths:
        raise click.UsageError("missing argument 'PATH...'")
    from argmap.commands.common import open_map
    from argmap.analysis.gaps import coverage, find_gaps
    from argmap.reports.gaps import FORMATS, GapsReport, MapGaps, print_text

    selected = None if not kinds else set(kinds) | set(fail_on)
    from argmap.pipeline import find_maps

    files = find_maps(paths)  # directories: every map inside, as `validate` finds them
    maps: list[MapGaps] = []
    unreadable = False
    for path in files:
        try:
            opened = open_map(path)
        except click.exceptions.Exit:  # open_map has printed why; go on with the other maps
            unreadable = True
            continue
        found = find_gaps(opened.map, kinds=selected)
        maps.append(MapGaps(opened.map.file, tuple(found), coverage(opened.map)))
    if not maps:  # nothing could be read: the problems are on stderr, there is nothing to report
        return 1
    report = GapsReport(tuple(maps), fail_on=frozenset(fail_on))
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output_format == "text":
        print_text(report, fail_on=fail_on)
    else:
        click.echo(FORMATS[output_format](report), nl=False)
    return 1 if unreadable or report.failed else 0
