"""The output formats of `argmap render`, declared once: name, file extensions, what produces them.

`argmap render --format` takes its choices from `FORMATS`, and the format of `-o FILE` is looked up
by its extension in `EXTENSIONS`. A format is produced from the diagram view (argmap.views.diagram)
by its `produce` function: DOT is argmap's own text; SVG, PNG and PDF are that text laid out by
Graphviz (argmap.render.graphviz) and checked. The interactive HTML page shows more than the
diagram (quotes, sources, verdicts), so it is produced from the map itself (`produce_map`,
argmap.render.page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import ArgMap
    from argmap.render.graphviz import Progress
    from argmap.render.layout import LayoutPlan
    from argmap.render.pipeline import RenderOptions
    from argmap.views.diagram import DiagramView


@dataclass(frozen=True)
class RenderFormat:
    """One output format."""

    name: str
    #: file extensions that mean this format, the usual one first
    extensions: tuple[str, ...]
    #: the bytes of `view` drawn as the options say; raises RenderError
    produce: Callable[[DiagramView, RenderOptions, Progress | None], bytes] | None
    #: for a format drawn from the whole map rather than the diagram view: its bytes; raises RenderError
    produce_map: Callable[[ArgMap, RenderOptions, Progress | None], bytes] | None = None


def dot_source(view: DiagramView, options: RenderOptions, plan: LayoutPlan | None = None) -> str:
    """The DOT text of `view` drawn as `options` say, laid out as `plan` says (None: one tree)."""
    from argmap.render.dot import to_dot

    return to_dot(
        view,
        direction=options.direction,
        theme=options.theme,
        legend=options.legend,
        mark_gaps=options.gaps,
        engine=options.engine,
        minlen=plan.minlen if plan is not None else None,
    )


def planned_source(view: DiagramView, options: RenderOptions, progress: Progress | None) -> str:
    """The DOT text of `view` with the layout that `--layout` picks (argmap.render.layout), which
    is said on `progress` when there is something to say."""
    from argmap.render.layout import plan_layout

    plan = plan_layout(view, layout=options.layout, direction=options.direction, engine=options.engine)
    if plan.message and progress:
        progress(plan.message)
    return dot_source(view, options, plan)


def _dot_text(view: DiagramView, options: RenderOptions, progress: Progress | None) -> bytes:
    return planned_source(view, options, progress).encode("utf-8")


def _graphviz_output(view: DiagramView, options: RenderOptions, progress: Progress | None) -> bytes:
    from argmap.render.graphviz import lay_out

    return lay_out(
        planned_source(view, options, progress),
        fmt=options.format,
        claims=len(view.nodes),
        engine=options.engine,
        timeout=options.timeout,
        progress=progress,
        dot_path=options.dot,
    )


def _html_page(argmap: ArgMap, options: RenderOptions, progress: Progress | None) -> bytes:
    from argmap.render.page import render_page

    return render_page(argmap, options, progress)


FORMATS: dict[str, RenderFormat] = {
    f.name: f
    for f in (
        RenderFormat("svg", (".svg",), _graphviz_output),
        RenderFormat("png", (".png",), _graphviz_output),
        RenderFormat("pdf", (".pdf",), _graphviz_output),
        RenderFormat("dot", (".dot", ".gv"), _dot_text),
        RenderFormat("html", (".html", ".htm"), None, _html_page),
    )
}
#: file extension (lower case, with its dot) -> format name
EXTENSIONS: dict[str, str] = {ext: f.name for f in FORMATS.values() for ext in f.extensions}
#: the format written to stdout when no --format is given
STDOUT_FORMAT = "svg"


def choice_list(items: list[str], conjunction: str = "or") -> str:
    """`a, b or c`: choices in a message or a help text."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def usual_extensions() -> list[str]:
    """The usual extension of each format, in the order of FORMATS: for messages."""
    return [f.extensions[0] for f in FORMATS.values()]
