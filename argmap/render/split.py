"""`render --split DIR`: an overview of the thesis and its branches, and one page per branch.

`split_pages` draws every page before anything is written (a failure writes nothing); the command
writes each page atomically. A page's file is named by its branch's claim id, made safe for any
file system (`page_file_name`): only ASCII letters, digits, `_` and `-` are kept, every other
character is percent-encoded, and a name that had to be changed or cut, or that another branch's
name equals but for case, ends with a hash of the id.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.model import ArgMap
from argmap.render.errors import RenderError
from argmap.render.formats import FORMATS
from argmap.render.graphviz import Progress

if TYPE_CHECKING:
    from argmap.render.pipeline import RenderOptions

#: the overview's file name (a branch's starts with "branch-", so the two never meet)
OVERVIEW = "overview"
#: at most this many characters of a claim id in a file name
MAX_NAME_CHARS = 100
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def page_file_name(claim_id: str, extension: str, taken: set[str]) -> str:
    """A file name for the page of the branch `claim_id`, unlike every (lower-cased) name in
    `taken`, which it joins."""
    encoded = "".join(
        ch if ch in _SAFE else "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")) for ch in claim_id
    )
    name = encoded[:MAX_NAME_CHARS]
    if name != claim_id or f"branch-{name}{extension}".lower() in taken:
        digest = hashlib.sha256(claim_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        name = f"{name}-{digest}"
    name = f"branch-{name}{extension}"
    taken.add(name.lower())
    return name


def split_pages(argmap: ArgMap, options: RenderOptions, progress: Progress | None = None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the overview (the thesis and the claims right below it, each box
    counting what is folded below it) and of each branch of the thesis drawn whole, in document
    order. Raises RenderError (and ViewError)."""
    from argmap.render.pipeline import render_map

    fmt = FORMATS[options.format]
    if fmt.produce is None or options.format == "html":
        raise RenderError(f"--split draws pictures (svg, png, pdf or dot), not {options.format}")
    thesis = argmap.thesis
    if thesis is None or argmap.claim(thesis) is None:
        raise RenderError("--split needs a thesis: the overview starts from it")
    extension = fmt.extensions[0]
    branches = list(dict.fromkeys(edge.child for edge in argmap.children(thesis) if not edge.ref))
    pages: list[tuple[str, bytes]] = []
    taken: set[str] = set()
    overview_name = OVERVIEW + extension
    taken.add(overview_name.lower())

    def told(name: str) -> Progress | None:
        if progress is None:
            return None
        report = progress
        return lambda message: report(f"{name}: {message}")

    pages.append(
        (
            overview_name,
            render_map(argmap, replace(options, depth=1, focus=None, all=True), progress=told(overview_name)),
        )
    )
    for branch in branches:
        name = page_file_name(branch, extension, taken)
        pages.append(
            (name, render_map(argmap, replace(options, focus=branch, depth=None, all=True), progress=told(name)))
        )
    return pages
