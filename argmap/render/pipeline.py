"""Rendering, end to end: map -> diagram view -> the output format's bytes (DOT text, or DOT laid
out by Graphviz and checked).

`RenderOptions` says how to draw; `resolve_format` picks the output format from --format and the
extension of -o (argmap.render.formats declares the formats); `render_map` builds the view and
hands it to the format's producer. Running `dot` is argmap.render.graphviz's job, checking its
output argmap.render.check's, writing DOT argmap.render.dot's.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace

from argmap.model import ArgMap
from argmap.render.errors import RenderError
from argmap.render.formats import EXTENSIONS, FORMATS, STDOUT_FORMAT, choice_list, planned_source, usual_extensions
from argmap.render.graphviz import DEFAULT_TIMEOUT, Progress
from argmap.text.safe import visible
from argmap.views.diagram import DiagramView, build_view

__all__ = [
    "RenderError",
    "RenderOptions",
    "gap_reasons",
    "map_to_dot",
    "render_map",
    "resolve_format",
    "stderr_progress",
    "view_of",
]


@dataclass(frozen=True)
class RenderOptions:
    """How to draw a map. See `argmap render --help` and docs/render.md."""

    format: str = "svg"
    engine: str = "dot"
    direction: str = "LR"
    theme: str = "light"
    wrap: int = 32
    depth: int | None = None
    focus: str | None = None
    legend: bool = True
    gaps: bool = False
    #: the least severity `gaps` marks (critical and major by default)
    gaps_minimum: str = "major"
    timeout: float = DEFAULT_TIMEOUT
    #: the layout program (--dot PATH); None: argmap.render.graphviz.find_program chooses
    dot: str | None = None
    #: draw every claim of a large map, not the overview (--all)
    all: bool = False
    #: one of argmap.render.layout.LAYOUTS (--layout)
    layout: str = "auto"


#: past this many claims, a picture drawn without --depth, --focus or --all is an overview: the top
#: levels below the thesis, each box at the edge counting what is folded below it
OVERVIEW_LIMIT = 2000
#: the most claims an overview holds: a picture of more is no overview (the top 5 levels of the
#: generated 10k map, 1,316 claims, made a page 126,000 points tall, past any screen or bitmap)
OVERVIEW_CLAIMS = 300


def resolve_format(output: str, fmt: str | None) -> str:
    """The output format from --format or else from the extension of -o (svg for '-' and for a
    device, FIFO or descriptor without one)."""
    from argmap.output import is_stream

    ext = os.path.splitext(output)[1].lower() if output != "-" else ""
    from_ext = EXTENSIONS.get(ext)
    if fmt is not None:
        if from_ext is not None and from_ext != fmt:
            raise RenderError(f"--format {fmt} does not match the extension of '{visible(output)}'")
        return fmt
    if from_ext is None and is_stream(output):  # -o -, /dev/null, /dev/stdout, a FIFO: as stdout
        return STDOUT_FORMAT
    if from_ext is None:
        shown = visible(ext) if ext else "none"
        raise RenderError(
            f"cannot tell the format from '{visible(output)}' (extension: {shown}); "
            f"use {choice_list(usual_extensions())}, or --format {{{','.join(FORMATS)}}}"
        )
    return from_ext


def gap_reasons(argmap: ArgMap, *, minimum: str = "major") -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Claim id -> the ranked weak points of `argmap gaps` of `minimum` severity or worse that hit
    it (`severity kind: reason`, worst first), and claim id -> the worst of their severities.

    A weak point hits the claims it is about, not those it only reaches: an unanswered counterpoint
    hits the counterpoint, a weak source the claims that cite it (argmap.analysis.ranking.hit_claims).
    """
    from argmap.analysis.gaps import find_gaps
    from argmap.analysis.ranking import at_least, hit_claims, rank_gaps
    from argmap.findings import GapSeverity

    reasons: dict[str, list[str]] = {}
    worst: dict[str, str] = {}
    for item in at_least(rank_gaps(argmap, find_gaps(argmap)), GapSeverity.parse(minimum)):
        for claim in hit_claims(argmap, item):
            reasons.setdefault(claim, []).append(f"{item.severity} {item.kind}: {item.reason}")
            worst.setdefault(claim, str(item.severity))  # items come worst first
    return {claim: tuple(items) for claim, items in reasons.items()}, worst


def view_of(argmap: ArgMap, options: RenderOptions) -> DiagramView:
    """What the diagram of `argmap` shows as `options` say. Raises ViewError."""
    weak, severities = gap_reasons(argmap, minimum=options.gaps_minimum) if options.gaps else (None, None)
    return build_view(
        argmap, wrap=options.wrap, depth=options.depth, focus=options.focus, gaps=weak, gap_severities=severities
    )


def map_to_dot(argmap: ArgMap, options: RenderOptions) -> tuple[str, int]:
    """The DOT source for `argmap` drawn and laid out as `options` say (the layout chosen as for
    SVG, silently), and the number of claims drawn."""
    view = view_of(argmap, options)
    return planned_source(view, options, None), len(view.nodes)


def overview_depth(argmap: ArgMap, limit: int = OVERVIEW_LIMIT) -> int | None:
    """For a map of more than `limit` claims, the most levels below the thesis whose claims number
    at most OVERVIEW_CLAIMS (or `limit`, when less; at least 1 level); None when the whole map is
    that small or has no thesis to start from."""
    thesis = argmap.thesis
    if len(argmap.claim_index) <= limit or thesis is None or thesis not in argmap.claim_index:
        return None
    limit = min(limit, OVERVIEW_CLAIMS)
    seen = {thesis}
    frontier = [thesis]
    depth = 0
    while frontier:
        following = [e.child for node in frontier for e in argmap.children(node) if e.child not in seen]
        following = list(dict.fromkeys(following))
        if len(seen) + len(following) > limit:
            return max(depth, 1)
        seen.update(following)
        frontier = following
        depth += 1
    return None


def render_map(argmap: ArgMap, options: RenderOptions, *, progress: Progress | None = None) -> bytes:
    """The bytes of `argmap` drawn as `options` say; a large map laid out without --depth, --focus
    or --all is drawn as an overview (said on `progress`). Raises RenderError (and ViewError)."""
    produce = FORMATS[options.format]
    if produce.produce_map is not None:
        return produce.produce_map(argmap, options, progress)
    if options.format != "dot" and not options.all and options.depth is None and options.focus is None:
        depth = overview_depth(argmap)
        if depth is not None:
            options = replace(options, depth=depth)
            if progress:
                progress(
                    f"{len(argmap.claim_index)} claims are too many for one readable picture: drawing the top "
                    f"{depth} level{'s' if depth != 1 else ''} below the thesis, each box counting what is folded "
                    "below it (--all draws everything; --focus ID or --depth N a part)"
                )
    if produce.produce is None:
        raise RenderError(f"format {options.format} has no producer")
    return produce.produce(view_of(argmap, options), options, progress)


def stderr_progress(message: str) -> None:
    """Progress for long layouts, on stderr."""
    print(f"argmap: {message}", file=sys.stderr, flush=True)
