"""The interactive HTML page of `argmap render -o map.html`: one self-contained file.

The page is the template argmap/render/html/page.html with its style (page.css) and script
(page.js) written inline, and the map as JSON in a `<script type="application/json">` element: the
outline view (argmap.views.outline) and the diagram, the map's SVG as Graphviz lays it out (checked
by argmap.render.check like any SVG), carried as a string that the script parses with DOMParser
only when it is drawn. The script puts map text into the page only with `textContent`.

A Content-Security-Policy in a `<meta>` element allows exactly the page's own script and style, by
their SHA-256 hashes, and nothing else: no other script, style, image, font, frame, connection,
form or base URL, so the page can make no network request of its own and an injected script or
event handler does not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import replace
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import ArgMap
    from argmap.render.graphviz import Progress
    from argmap.render.pipeline import RenderOptions

#: past this many claims in the diagram, the page draws it only when asked: laying out the SVG of
#: 1,000 boxes keeps Chromium busy for about 3 s, which would hold up an outline that is ready in
#: half a second (bench/bench_html.py). The overview of a large map (--all not given) holds at most
#: argmap.render.pipeline.OVERVIEW_CLAIMS claims, fewer than this: it is drawn at once.
DRAW_ON_DEMAND = 500
#: the page's JSON escapes these, so that `</script>`, `<!--` and the JavaScript line separators
#: can never end or change the element that holds it
#: (str.replace, one character at a time: str.translate with a dict is some 30 times slower on a page)
_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def asset(name: str) -> str:
    """One of the page's files (page.html, page.css, page.js), from the package's data."""
    return resources.files("argmap.render").joinpath("html").joinpath(name).read_text(encoding="utf-8")


def json_for_script(data: object) -> str:
    """`data` as JSON that is safe inside a `<script type="application/json">` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES:  # no escape holds a character that a later one replaces
        text = text.replace(char, escape)
    return text


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src 'none'",
            "font-src 'none'",
            "connect-src 'none'",
            "media-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "worker-src 'none'",
            "manifest-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def build_page(data: dict[str, object]) -> str:
    """The HTML page for the page data `data` (the outline view plus `svg` and `diagram`)."""
    script, style = asset("page.js"), asset("page.css")
    title = str(data.get("title") or "Argument map")
    slots = {
        "csp": html.escape(content_security_policy(script, style), quote=True),
        "title": html.escape(title, quote=True),
        "style": style,
        "script": script,
        "data": json_for_script(data),
    }
    # one pass over the template: a slot's content is never searched for further slots
    return _SLOT.sub(lambda match: slots[match.group(1)], asset("page.html"))


def render_page(argmap: ArgMap, options: RenderOptions, progress: Progress | None) -> bytes:
    """The bytes of the page of `argmap`; the diagram is laid out as the SVG of `options` would be
    (its overview past argmap.render.pipeline.OVERVIEW_LIMIT claims). Raises RenderError, ViewError."""
    from argmap.render.formats import dot_source
    from argmap.render.graphviz import lay_out
    from argmap.render.pipeline import overview_depth, view_of
    from argmap.text.safe import visible
    from argmap.views.outline import analyses, outline_data

    gaps, verdicts, sides = analyses(argmap)
    data = outline_data(argmap, gaps=gaps, verdicts=verdicts, sides=sides)
    svg_options = replace(options, format="svg", gaps=False)
    depth = None
    if not options.all and options.depth is None and options.focus is None:
        depth = overview_depth(argmap)
        if depth is not None:
            svg_options = replace(svg_options, depth=depth)
            if progress:
                progress(
                    f"{len(argmap.claim_index)} claims: the page's outline holds every claim, its diagram the top "
                    f"{depth} level{'s' if depth != 1 else ''} below the thesis (--all draws everything)"
                )
    view = view_of(argmap, svg_options)
    svg = lay_out(
        dot_source(view, svg_options),
        fmt="svg",
        claims=len(view.nodes),
        engine=options.engine,
        timeout=options.timeout,
        progress=progress,
        dot_path=options.dot,
    ).decode("utf-8")
    data["svg"] = _strip_prolog(svg)
    data["diagram"] = {
        "nodes": [visible(node.id) for node in view.nodes],
        "junctions": [[visible(junction.id), visible(junction.conclusion)] for junction in view.junctions],
        "on_demand": len(view.nodes) > DRAW_ON_DEMAND,
        "hidden": view.hidden,
    }
    return build_page(data).encode("utf-8")


def _strip_prolog(svg: str) -> str:
    """The SVG from its root element on (DOMParser needs no XML declaration, DOCTYPE or comment)."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg
