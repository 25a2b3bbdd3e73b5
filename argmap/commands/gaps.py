"""`argmap gaps PATH...`: list where an argument is thin. Parses options, calls
argmap.analysis.gaps_run.gaps_of_paths, prints the report, returns the exit code."""

from __future__ import annotations

import click

from argmap.analysis.gaps import KIND_SUMMARIES, KINDS
from argmap.reports.gaps import GAP_FORMATS


def parse_kinds(ctx: click.Context | None, param: click.Parameter | None, values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeatable and comma-separated kind lists -> kinds in their documented order; unknown -> usage error."""
    wanted = {part.strip() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise click.BadParameter(
            f"unknown gap kind {', '.join(repr(u) for u in unknown)}; valid kinds: {', '.join(KINDS)}"
        )
    return tuple(k for k in KINDS if k in wanted)


@click.command("gaps")
@click.argument("paths", nargs=-1, required=False, metavar="PATH...")
@click.option(
    "-k",
    "--kind",
    "kinds",
    multiple=True,
    callback=parse_kinds,
    metavar="KIND[,KIND]",
    help="List only these gap kinds (repeatable or comma separated) [default: all].",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(tuple(GAP_FORMATS)),
    help="Output format [default: text; github when GITHUB_ACTIONS is set].",
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    callback=parse_kinds,
    metavar="KIND[,KIND]",
    help="Exit 1 when a gap of one of these kinds is found (repeatable or comma separated); "
    "these kinds are always listed.",
)
@click.option("--list-kinds", is_flag=True, help="List the gap kinds with a one-line definition and exit.")
def command(
    paths: tuple[str, ...],
    kinds: tuple[str, ...],
    output_format: str | None,
    fail_on: tuple[str, ...],
    list_kinds: bool,
) -> int:
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
    from argmap.analysis.gaps_run import gaps_of_paths
    from argmap.reports.base import print_report
    from argmap.reports.problems import map_problems_note
    from argmap.reports.terminal import default_format

    run = gaps_of_paths(paths, kinds=kinds, fail_on=fail_on)
    # a map that cannot be read shows its problems here and the run goes on with the others
    click.echo("".join(map_problems_note(f.path, f.checked) for f in run.files), err=True, nl=False)
    if run.report.maps:  # else nothing could be read: the problems are on stderr, there is no report
        print_report(GAP_FORMATS[output_format or default_format(GAP_FORMATS)], run.report)
    return run.exit_code
