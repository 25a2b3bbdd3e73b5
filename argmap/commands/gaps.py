"""`argmap gaps PATH...`: list where an argument is thin. Parses options, calls
argmap.analysis.gaps_run.gaps_of_paths, prints the report, returns the exit code."""

from __future__ import annotations

import click

from argmap.analysis.gaps import KIND_SUMMARIES, KINDS
from argmap.findings import GAP_SEVERITIES, GapSeverity
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


def parse_fail_on(ctx: click.Context | None, param: click.Parameter | None, values: tuple[str, ...]) -> tuple[str, ...]:
    """--fail-on: kinds and severities, repeatable and comma separated. A severity stands for itself
    and every worse one (`major` -> major, critical); unknown -> usage error."""
    wanted = {part.strip() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(wanted - set(KINDS) - set(GAP_SEVERITIES))
    if unknown:
        raise click.BadParameter(
            f"unknown gap kind or severity {', '.join(repr(u) for u in unknown)}; valid kinds: "
            f"{', '.join(KINDS)}; severities: {', '.join(GAP_SEVERITIES)}"
        )
    least = min((GapSeverity.parse(w) for w in wanted if w in GAP_SEVERITIES), default=None)
    severities = [s for s in GAP_SEVERITIES if least is not None and GapSeverity.parse(s) >= least]
    return (*(k for k in KINDS if k in wanted), *severities)


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
    callback=parse_fail_on,
    metavar="KIND|SEVERITY[,...]",
    help="Exit 1 when a gap of one of these kinds, or of this severity or worse, is found "
    "(repeatable or comma separated); these are always listed.",
)
@click.option(
    "--min-severity",
    "min_severity",
    type=click.Choice(GAP_SEVERITIES),
    help="List only weak points of this severity or worse [default: minor for text, info for the others].",
)
@click.option("--all", "show_all", is_flag=True, help="List every weak point, info included (text hides info).")
@click.option("--list-kinds", is_flag=True, help="List the gap kinds with a one-line definition and exit.")
def command(
    paths: tuple[str, ...],
    kinds: tuple[str, ...],
    output_format: str | None,
    fail_on: tuple[str, ...],
    min_severity: str | None,
    show_all: bool,
    list_kinds: bool,
) -> int:
    """List the weak points of maps (files, directories of maps, or - for stdin): what an opponent
    would attack first, one per cause, worst first, each with a severity (critical, major, minor,
    info) and the claims it covers.

    Kinds: uncited, unsupported, no-quote, unanswered, correlation-only, single-source,
    source-incomplete, unstated-assumption, open-question, unchallenged-load-bearing (see
    docs/gaps.md). A coverage line sums up the evidence of each map.

    Exit codes: 0 ran (whatever it found), 1 a --fail-on kind or severity was found or a map could
    not be read, 2 usage or I/O error.
    """
    if list_kinds:
        for kind in KINDS:
            click.echo(f"{kind:<26} {KIND_SUMMARIES[kind]}")
        return 0
    if not paths:
        raise click.UsageError("missing argument 'PATH...'")
    from argmap.analysis.gaps_run import gaps_of_paths
    from argmap.commands.common import warn_folders_without_maps
    from argmap.pipeline import folders_without_maps
    from argmap.reports.base import print_report
    from argmap.reports.problems import map_problems_note
    from argmap.reports.terminal import default_format

    fmt = output_format or default_format(GAP_FORMATS)
    if min_severity is not None:
        minimum = GapSeverity.parse(min_severity)
    else:  # the text a person reads hides info; the formats tools read keep everything
        minimum = GapSeverity.MINOR if fmt == "text" and not show_all else GapSeverity.INFO
    run = gaps_of_paths(paths, kinds=kinds, fail_on=fail_on, minimum=minimum)
    warn_folders_without_maps(folders_without_maps(paths, (f.path for f in run.files)), all_formats=True)
    # a map that cannot be read shows its problems here and the run goes on with the others
    click.echo("".join(map_problems_note(f.path, f.checked) for f in run.files), err=True, nl=False)
    if run.report.maps:  # else nothing could be read: the problems are on stderr, there is no report
        print_report(GAP_FORMATS[fmt], run.report)
    return run.exit_code
