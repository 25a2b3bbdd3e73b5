"""Rendering: map -> view -> DOT -> (system Graphviz) -> SVG/PNG/PDF bytes, checked before use.

`dot` runs as a subprocess that argmap controls: a timeout, an address-space limit, output taken
from its stdout (dot never writes a file; it reads the DOT on its stdin), its stderr shown only
shortened and made visible. An SVG is parsed, chunk by chunk while dot writes it, before it is
returned: it must be well-formed XML with no script, no event-handler attribute and no link other
than http(s). Past LARGE_MAP nodes the layout is run with dot's cheaper limits and progress is
reported on stderr while it runs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Callable

from argmap.model import ArgMap
from argmap.text.safe import visible

FORMATS = ("svg", "png", "pdf", "dot")
EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
ENGINES = ("dot", "sfdp")
THEMES = ("light", "dark", "print")
DEFAULT_TIMEOUT = 60.0
MEMORY_LIMIT = 2 * 1024 ** 3
#: above this many drawn claims, dot gets the cheap layout limits and progress is shown
LARGE_MAP = 300
LARGE_MAP_FLAGS = ("-Gnslimit=1", "-Gnslimit1=1", "-Gmclimit=0.1")
INSTALL_HINT = ("Graphviz's 'dot' program was not found on PATH; install Graphviz "
                "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
                "Windows: winget install graphviz), or write DOT with -o FILE.dot / --format dot")
_MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
#: names as expat writes them with namespace_separator="}": "URI}local"
_SVG_ROOT = "http://www.w3.org/2000/svg}svg"
_LINK_ATTRIBUTES = ("href", "http://www.w3.org/1999/xlink}href")
_UNSAFE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object"})


class RenderError(Exception):
    """Rendering failed; the message says why (exit code 2). Nothing is written."""


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
    timeout: float = DEFAULT_TIMEOUT


def resolve_format(output: str, fmt: str | None) -> str:
    """The output format from --format or else from the extension of -o (svg for '-')."""
    ext = os.path.splitext(output)[1].lower() if output != "-" else ""
    from_ext = EXTENSIONS.get(ext)
    if fmt is not None:
        if from_ext is not None and from_ext != fmt:
            raise RenderError(f"--format {fmt} does not match the extension of '{visible(output)}'")
        return fmt
    if output == "-":
        return "svg"
    if from_ext is None:
        shown = visible(ext) if ext else "none"
        raise RenderError(f"cannot tell the format from '{visible(output)}' (extension: {shown}); "
                          f"use .svg, .png, .pdf or .dot, or --format {{{','.join(FORMATS)}}}")
    return from_ext


def gap_reasons(argmap: ArgMap) -> dict[str, tuple[str, ...]]:
    """Claim id -> the reasons `argmap gaps` gives for it (claims with no gap are absent)."""
    from argmap.analysis.gaps import find_gaps

    reasons: dict[str, list[str]] = {}
    for gap in find_gaps(argmap):
        if gap.claim is not None:
            reasons.setdefault(gap.claim, []).append(f"{gap.kind}: {gap.reason}")
    return {claim: tuple(items) for claim, items in reasons.items()}


def map_to_dot(argmap: ArgMap, options: RenderOptions) -> tuple[str, int]:
    """The DOT source for `argmap` drawn as `options` say, and the number of claims drawn."""
    from argmap.render.dot import to_dot
    from argmap.views.diagram import build_view

    weak = gap_reasons(argmap) if options.gaps else None
    view = build_view(argmap, wrap=options.wrap, depth=options.depth, focus=options.focus, gaps=weak)
    source = to_dot(view, direction=options.direction, theme=options.theme, legend=options.legend,
                    mark_gaps=options.gaps)
    return source, len(view.nodes)


def find_dot() -> str | None:
    """The path of Graphviz's `dot` on PATH, or None."""
    return shutil.which("dot")


def _limit_memory() -> None:  # runs in the child between fork and exec
    import resource  # already imported by run_dot: nothing to load in the child

    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass


def short_stderr(data: bytes, limit: int = 300) -> str:
    """dot's stderr, made visible and cut: it may echo label text and escape sequences."""
    text = " | ".join(line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip())
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_dot(source: str, *, fmt: str, engine: str = "dot", timeout: float = DEFAULT_TIMEOUT,
            large: bool = False, progress: Callable[[str], None] | None = None,
            dot_path: str | None = None) -> bytes:
    """Lay `source` out with Graphviz and return the output bytes. Raises RenderError."""
    program = dot_path or find_dot()
    if program is None:
        raise RenderError(INSTALL_HINT)
    args = [program, f"-K{engine}", f"-T{fmt}"]
    if large:
        args += LARGE_MAP_FLAGS
    preexec = None
    if os.name == "posix":
        import resource  # noqa: F401  (for _limit_memory, so that the child does not import it)

        preexec = _limit_memory
    started = time.perf_counter()
    try:
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, preexec_fn=preexec)
    except OSError as exc:
        raise RenderError(f"cannot run {visible(program)}: {exc.strerror or exc}") from None
    svg_check = SvgCheck() if fmt == "svg" else None
    out, err = _exchange(proc, source.encode("utf-8"), started=started, timeout=timeout, engine=engine,
                         progress=progress, on_output=svg_check.feed if svg_check else None)
    if proc.returncode != 0:
        detail = short_stderr(err)
        if proc.returncode < 0 or "memory" in detail.lower() or "alloc" in detail.lower():
            hint = " (it may have run out of memory or been killed; draw less with --depth N or --focus ID)"
        else:
            hint = ""
        raise RenderError(f"{engine} failed (exit code {proc.returncode}){hint}: {detail or 'no message'}")
    if progress:
        progress(f"layout done in {time.perf_counter() - started:.1f} s")
    if not out:
        raise RenderError(f"Graphviz produced no {fmt.upper()} output")
    if svg_check is not None:
        svg_check.close()
    else:
        check_output(out, fmt)
    return out


def _exchange(proc: subprocess.Popen[bytes], data: bytes, *, started: float, timeout: float, engine: str,
              progress: Callable[[str], None] | None,
              on_output: Callable[[bytes], None] | None) -> tuple[bytes, bytes]:
    """Write `data` to dot's stdin and return its stdout and stderr once it has exited.

    Each pipe has its own thread, so that dot never waits for us; this thread receives dot's
    output in chunks as it is written and passes each to `on_output` (the SVG check parses it while
    dot is still writing). Every 5 s without output, `progress` hears about it; after `timeout`
    seconds dot is killed and RenderError raised.
    """
    import queue
    import threading

    chunks: queue.Queue[bytes] = queue.Queue()
    errors: list[bytes] = []

    def write_input() -> None:
        try:
            proc.stdin.write(data)  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]
        except (OSError, ValueError):
            pass  # dot exited before reading everything: its exit code and stderr tell why

    def read_output() -> None:
        while chunk := proc.stdout.read1(1 << 16):  # type: ignore[union-attr]
            chunks.put(chunk)
        chunks.put(b"")

    def read_errors() -> None:
        errors.append(proc.stderr.read())  # type: ignore[union-attr]

    threads = [threading.Thread(target=work, daemon=True) for work in (write_input, read_output, read_errors)]
    for thread in threads:
        thread.start()
    def stop() -> RenderError:
        proc.kill()
        proc.wait()
        for thread in threads:
            thread.join()
        return RenderError(f"{engine} took longer than {timeout:g} s and was stopped; draw less with "
                           "--depth N or --focus ID, or allow more time with --timeout")

    out: list[bytes] = []
    tick = 5.0 if progress else timeout
    try:
        while True:
            elapsed = time.perf_counter() - started
            if elapsed >= timeout:
                raise stop()
            try:
                chunk = chunks.get(timeout=max(0.01, min(tick, timeout - elapsed)))
            except queue.Empty:
                elapsed = time.perf_counter() - started
                if progress and elapsed < timeout:
                    progress(f"still laying out ({elapsed:.0f} s)…")
                continue
            if not chunk:
                break
            out.append(chunk)
            if on_output is not None:
                on_output(chunk)
        try:  # dot has closed its output: it is about to exit
            proc.wait(timeout=max(0.01, timeout - (time.perf_counter() - started)))
        except subprocess.TimeoutExpired:
            raise stop() from None
    except BaseException:  # Ctrl-C, or an error of our own: dot must not outlive us
        if proc.poll() is None:
            proc.kill()
        raise
    for thread in threads:
        thread.join()
    return b"".join(out), errors[0] if errors else b""


def check_output(data: bytes, fmt: str) -> None:
    """Refuse output that dot produced truncated, malformed or unsafe (dot may exit 0 on those)."""
    if not data:
        raise RenderError(f"Graphviz produced no {fmt.upper()} output")
    if fmt == "svg":
        check_svg(data)
    elif fmt in _MAGIC and not data.startswith(_MAGIC[fmt]):
        raise RenderError(f"Graphviz's output is not a {fmt.upper()} file")


def check_svg(data: bytes) -> None:
    """Well-formed XML, an <svg> root, no script, no on* attribute, links only to http(s)."""
    check = SvgCheck()
    check.feed(data)
    check.close()


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
            raise RenderError(f"Graphviz produced an SVG that is not well-formed XML ({visible(self._error)}); "
                              "nothing was written")
        if self._first != [_SVG_ROOT]:
            raise RenderError("Graphviz's output is not an SVG document; nothing was written")
        for tag in sorted(self._tags):
            local = _local_name(tag)
            if local in _UNSAFE_ELEMENTS:
                raise RenderError(f"the SVG contains a <{visible(local)}> element; nothing was written")
        for name in sorted(self._names):
            attr = _local_name(name)
            if attr.startswith("on"):
                raise RenderError(f"the SVG contains an event-handler attribute '{visible(attr)}'; "
                                  "nothing was written")
            if attr == "href" and name not in _LINK_ATTRIBUTES:
                raise RenderError(f"the SVG contains a link attribute in an unknown namespace "
                                  f"'{visible(name[:80])}'; nothing was written")
        for link in self._links:
            if not link.lower().startswith(("http://", "https://")):
                raise RenderError(f"the SVG contains a link that is not http(s): "
                                  f"{visible(link[:80])}; nothing was written")


def _local_name(name: str) -> str:
    """An XML name as expat gives it without its namespace, in lower case: `URI}onLoad` -> `onload`."""
    return name.rsplit("}", 1)[-1].lower()


def render_map(argmap: ArgMap, options: RenderOptions, *,
               progress: Callable[[str], None] | None = None) -> bytes:
    """The bytes of `argmap` drawn as `options` say. Raises RenderError (and ViewError)."""
    source, count = map_to_dot(argmap, options)
    if options.format == "dot":
        return source.encode("utf-8")
    large = count > LARGE_MAP
    if large and progress:
        progress(f"laying out {count} claims with {options.engine}… (a large map: --depth N or "
                 "--focus ID draws a part of it faster)")
    return run_dot(source, fmt=options.format, engine=options.engine, timeout=options.timeout,
                   large=large, progress=progress if large else None)


def stderr_progress(message: str) -> None:
    """Progress for long layouts, on stderr."""
    print(f"argmap: {message}", file=sys.stderr, flush=True)

