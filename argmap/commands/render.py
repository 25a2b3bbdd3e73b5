"""`argmap render PATH -o OUT`: draw a map with Graphviz. Parses options, calls argmap.render, writes.

The choices of --format, --theme, --engine and --direction are read from their one declaration
in argmap.render (formats, themes, graphviz, dot).
"""

from __future__ import annotations

import click

from argmap.commands.common import ArgmapError, complete_claim_ids, open_map
from argmap.findings import GAP_SEVERITIES
from argmap.render.dot import DIRECTIONS
from argmap.render.formats import EXTENSIONS, FORMATS, STDOUT_FORMAT, choice_list, usual_extensions
from argmap.render.graphviz import DEFAULT_TIMEOUT, ENGINES
from argmap.render.layout import LAYOUTS
from argmap.render.themes import THEMES


def _described(names_and_descriptions: dict[str, str]) -> str:
    """`a (what a is), b or c (what c is)` for a help text."""
    return choice_list([f"{name} ({what})" if what else name for name, what in names_and_descriptions.items()])


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """FloatRange lets NaN through (every comparison with it is false): refuse it."""
    if value != value:
        raise click.BadParameter("must be a number of seconds", ctx=ctx, param=param)
    return value


@click.command("render")
@click.argument("path", metavar="PATH", required=False)
@click.option(
    "-o",
    "--output",
    "output",
    metavar="OUT",
    help=f"File to write (format from its extension: {choice_list(list(EXTENSIONS))}), or - for stdout. Required.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(tuple(FORMATS)),
    help=f"Output format [default: from the extension of OUT; {STDOUT_FORMAT} for -o -].",
)
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS),
    default="LR",
    show_default=True,
    help="Where the thesis goes: LR on the left (the argument grows rightwards), TB on top, BT at the bottom, "
    "RL on the right.",
)
@click.option(
    "--theme",
    type=click.Choice(tuple(THEMES)),
    default="light",
    show_default=True,
    help=f"Colours: {_described({name: theme.description for name, theme in THEMES.items()})}.",
)
@click.option(
    "--wrap",
    type=click.IntRange(8, 200),
    default=32,
    show_default=True,
    metavar="N",
    help="Wrap claim text in nodes at N characters.",
)
@click.option(
    "--depth",
    type=click.IntRange(0, None),
    metavar="N",
    help="Draw only claims at most N relations below the thesis (or below --focus).",
)
@click.option(
    "--focus", metavar="ID", shell_complete=complete_claim_ids, help="Draw only the claim ID and what is below it."
)
@click.option("--legend/--no-legend", default=True, show_default=True, help="Draw a legend of the kinds and edges.")
@click.option(
    "--gaps",
    "gaps",
    is_flag=True,
    help="Mark the claims that the critical and major weak points of 'argmap gaps' hit "
    "(critical: heavy dashed border; major: dotted).",
)
@click.option(
    "--gaps-min-severity",
    "gaps_minimum",
    type=click.Choice(GAP_SEVERITIES),
    default="major",
    show_default=True,
    help="With --gaps: the least severity marked (minor and info are drawn like major).",
)
@click.option(
    "--engine",
    type=click.Choice(tuple(ENGINES)),
    default="dot",
    show_default=True,
    help=f"Graphviz layout engine: {_described(ENGINES)}.",
)
@click.option(
    "--layout",
    type=click.Choice(tuple(LAYOUTS)),
    default="auto",
    show_default=True,
    help=f"How dot lays the map out: {_described(LAYOUTS)}; what auto chose for a large map is said on stderr.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 86_400),
    callback=_finite,
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the Graphviz layout after this many seconds.",
)
@click.option(
    "--dot",
    "dot",
    metavar="PROGRAM",
    help="The layout program to run: a path, or a name on PATH [default: $ARGMAP_DOT; else graphviz-pure, "
    "installed with argmap, for SVG and PNG; else Graphviz's dot].",
)
@click.option(
    "--all",
    "draw_all",
    is_flag=True,
    help="Draw every claim of a large map (past 2,000 claims a picture is otherwise an overview of the top levels).",
)
@click.option(
    "--split",
    "split",
    metavar="DIR",
    help="Instead of -o: write DIR/overview.EXT (the thesis and the claims right below it) and one "
    "DIR/branch-ID.EXT per branch of the thesis, drawn whole (EXT from --format, svg by default).",
)
@click.option("--which", is_flag=True, help="Say which layout program would draw the format, and exit.")
def command(
    path: str | None,
    output: str | None,
    fmt: str | None,
    direction: str,
    theme: str,
    wrap: int,
    depth: int | None,
    focus: str | None,
    legend: bool,
    gaps: bool,
    gaps_minimum: str,
    engine: str,
    layout: str,
    timeout: float,
    dot: str | None,
    draw_all: bool,
    split: str | None,
    which: bool,
) -> int:
    """Draw the argument in PATH (or - for stdin) as a Graphviz diagram.

    A map with problems is still drawn (the problems are summarised on stderr). Exit codes:
    0 written, 1 the map cannot be read, 2 usage error, Graphviz missing or failing, or output
    that cannot be written (nothing is written then).
    """
    from argmap.output import OutputError, write_output
    from argmap.render.pipeline import RenderError, RenderOptions, render_map, resolve_format, stderr_progress
    from argmap.views.diagram import ViewError

    if which:
        return _which(fmt or (STDOUT_FORMAT if output in (None, "-") else None), output, dot)
    if path is None:
        raise click.UsageError("missing PATH: the map to draw, or - for stdin")
    if split is not None:
        if output is not None:
            raise click.UsageError("--split DIR writes its own files: give it without -o")
        if depth is not None or focus is not None:
            raise click.UsageError(
                "--split DIR draws the whole map, a page per branch: give it without --depth or --focus"
            )
        return _split(
            path,
            split,
            fmt or STDOUT_FORMAT,
            direction=direction,
            theme=theme,
            wrap=wrap,
            legend=legend,
            gaps=gaps,
            gaps_minimum=gaps_minimum,
            engine=engine,
            timeout=timeout,
            dot=dot,
            layout=layout,
        )
    if output is None:
        raise click.UsageError(
            f"missing -o OUT: the file to write ({choice_list(usual_extensions())}), or -o - for stdout"
        )
    try:
        resolved = resolve_format(output, fmt)
    except RenderError as exc:
        raise ArgmapError(str(exc)) from None
    if layout == "columns" and engine != "dot":
        raise click.UsageError(f"--layout columns needs --engine dot (a {engine} layout has no ranks to cut)")
    opened = open_map(path)
    options = RenderOptions(
        format=resolved,
        engine=engine,
        direction=direction,
        theme=theme,
        wrap=wrap,
        depth=depth,
        focus=focus,
        legend=legend,
        gaps=gaps,
        gaps_minimum=gaps_minimum,
        timeout=timeout,
        dot=dot,
        all=draw_all,
        layout=layout,
    )
    try:
        data = render_map(opened.map, options, progress=stderr_progress)
    except (RenderError, ViewError) as exc:
        raise ArgmapError(str(exc)) from None
    try:
        write_output(output, data, inputs=[path])
    except OutputError as exc:
        raise ArgmapError(str(exc)) from None
    return 0


def _which(fmt: str | None, output: str | None, dot: str | None) -> int:
    """`--which`: the program that would lay out the format, where it was found, and its version."""
    from argmap.render.graphviz import find_program
    from argmap.render.pipeline import RenderError, resolve_format

    try:
        resolved = fmt or resolve_format(output or "-", None)
        if resolved == "dot":
            click.echo("dot: written by argmap itself; no layout program runs")
            return 0
        program = find_program(resolved, dot)
    except RenderError as exc:
        raise ArgmapError(str(exc)) from None
    from argmap.text.safe import visible

    kind = "graphviz-pure" if program.pure else "Graphviz"
    click.echo(f"{resolved}: {kind}, {visible(program.path)} ({program.origin})")
    click.echo(f"  {program.version()}")
    return 0


def _split(path: str, directory: str, fmt: str, **settings: object) -> int:
    """`--split DIR`: every page drawn first, then each written atomically."""
    import os

    from argmap.output import OutputError, write_output
    from argmap.render.pipeline import RenderError, RenderOptions, stderr_progress
    from argmap.render.split import split_pages
    from argmap.text.safe import visible
    from argmap.views.diagram import ViewError

    if settings["layout"] == "columns" and settings["engine"] != "dot":
        raise click.UsageError(
            f"--layout columns needs --engine dot (a {settings['engine']} layout has no ranks to cut)"
        )
    if not os.path.isdir(directory):
        raise ArgmapError(f"--split: '{visible(directory)}' is not a directory (make it first)")
    opened = open_map(path)
    options = RenderOptions(format=fmt, **settings)  # type: ignore[arg-type]
    try:
        pages = split_pages(opened.map, options, progress=stderr_progress)
    except (RenderError, ViewError) as exc:
        raise ArgmapError(str(exc)) from None
    for name, data in pages:
        try:
            write_output(os.path.join(directory, name), data, inputs=[path])
        except OutputError as exc:
            raise ArgmapError(str(exc)) from None
    stderr_progress(
        f"wrote {pages[0][0]} and {len(pages) - 1} branch page{'s' if len(pages) != 2 else ''} to {visible(directory)}"
    )
    return 0
