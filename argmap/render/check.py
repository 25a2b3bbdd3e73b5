"""The check of what Graphviz wrote, before anything is written: dot may exit 0 on output that is
truncated, malformed or unsafe (../shared/HOSTILE_INPUT.md).

An SVG is parsed with expat chunk by chunk while dot writes it (`SvgCheck`): it must be one
well-formed XML document with an <svg> root, no script, no event-handler attribute and no link
other than http(s). A PNG or a PDF must start with its magic bytes. `output_check(fmt)` gives the
streaming check for a Graphviz output format: `feed` each chunk, then `close`.
"""

from __future__ import annotations

from typing import Protocol

from argmap.render.errors import RenderError
from argmap.text.safe import visible

_MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
#: names as expat writes them with namespace_separator="}": "URI}local"
_SVG_ROOT = "http://www.w3.org/2000/svg}svg"
_LINK_ATTRIBUTES = ("href", "http://www.w3.org/1999/xlink}href")
_UNSAFE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object"})


class OutputCheck(Protocol):
    """A check of output given in chunks."""

    def feed(self, chunk: bytes) -> None: ...

    def close(self) -> None:
        """Raise RenderError unless everything fed was acceptable output."""


def output_check(fmt: str) -> OutputCheck:
    """The check for Graphviz output in format `fmt` (svg, png or pdf)."""
    return SvgCheck() if fmt == "svg" else MagicCheck(fmt)


def check_output(data: bytes, fmt: str) -> None:
    """Refuse output that dot produced truncated, malformed or unsafe (dot may exit 0 on those)."""
    if not data:
        raise RenderError(f"Graphviz produced no {fmt.upper()} output")
    check = output_check(fmt)
    check.feed(data)
    check.close()


def check_svg(data: bytes) -> None:
    """Well-formed XML, an <svg> root, no script, no on* attribute, links only to http(s)."""
    check = SvgCheck()
    check.feed(data)
    check.close()


class MagicCheck:
    """The first bytes of a binary format are its magic number (any format without one passes)."""

    def __init__(self, fmt: str) -> None:
        self._fmt = fmt
        self._magic = _MAGIC.get(fmt, b"")
        self._head = b""

    def feed(self, chunk: bytes) -> None:
        if len(self._head) < len(self._magic):
            self._head += chunk[: len(self._magic)]

    def close(self) -> None:
        if not self._head.startswith(self._magic):
            raise RenderError(f"Graphviz's output is not a {self._fmt.upper()} file")


class SvgCheck:
    """The checks of `check_svg` on an SVG given in chunks: `feed` each chunk, then `close`.

    One expat pass, no tree: an SVG from dot has tens of thousands of elements but only a few
    distinct element and attribute names, so those are collected and judged once each, at `close`.
    expat names a namespaced element or attribute "URI}local".
    """

    def __init__(self) -> None:
        from xml.parsers import expat

        self._expat_error = expat.ExpatError
        self._error: str | None = None
        self._first: list[str] = []
        self._tags: set[str] = set()
        self._names: set[str] = set()
        self._links: list[str] = []
        first, tags, names, links = self._first, self._tags, self._names, self._links

        def start(tag: str, attributes: dict[str, str]) -> None:
            if not tags:
                first.append(tag)
            tags.add(tag)
            if attributes:
                names.update(attributes)
                for name in _LINK_ATTRIBUTES:
                    if name in attributes:
                        links.append(attributes[name])

        self._parser = expat.ParserCreate(namespace_separator="}")
        self._parser.StartElementHandler = start

    def feed(self, chunk: bytes, *, final: bool = False) -> None:
        """Parse the next chunk of the SVG (after a well-formedness error, nothing more is read)."""
        if self._error is None:
            try:
                self._parser.Parse(chunk, final)
            except self._expat_error as exc:
                self._error = str(exc)

    def close(self) -> None:
        """Raise RenderError unless everything fed was one well-formed, safe SVG document."""
        self.feed(b"", final=True)
        if self._error is not None:
            raise RenderError(
                f"Graphviz produced an SVG that is not well-formed XML ({visible(self._error)}); nothing was written"
            )
        if self._first != [_SVG_ROOT]:
            raise RenderError("Graphviz's output is not an SVG document; nothing was written")
        for tag in sorted(self._tags):
            local = _local_name(tag)
            if local in _UNSAFE_ELEMENTS:
                raise RenderError(f"the SVG contains a <{visible(local)}> element; nothing was written")
        for name in sorted(self._names):
            attr = _local_name(name)
            if attr.startswith("on"):
                raise RenderError(f"the SVG contains an event-handler attribute '{visible(attr)}'; nothing was written")
            if attr == "href" and name not in _LINK_ATTRIBUTES:
                raise RenderError(
                    f"the SVG contains a link attribute in an unknown namespace "
                    f"'{visible(name[:80])}'; nothing was written"
                )
        for link in self._links:
            if not link.lower().startswith(("http://", "https://")):
                raise RenderError(
                    f"the SVG contains a link that is not http(s): {visible(link[:80])}; nothing was written"
                )


def _local_name(name: str) -> str:
    """An XML name as expat gives it without its namespace, in lower case: `URI}onLoad` -> `onload`."""
    return name.rsplit("}", 1)[-1].lower()
