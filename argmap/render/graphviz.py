"""Running Graphviz: `dot` as a subprocess that argmap controls, its output checked before use.

Which program lays out (`find_program`): the one named by `--dot PATH` or $ARGMAP_DOT; else
graphviz-pure, a port of Graphviz 16.1 that pip installs with argmap, for the formats it writes;
else the system Graphviz's `dot`. docs/render.md says why. The layout engines argmap offers are
declared here (`ENGINES`). `run_dot` runs the program with a
timeout and an address-space limit, writes the DOT to its stdin and takes the output from its
stdout (dot never writes a file); each pipe is served by its own thread, and the output is checked
(argmap.render.check) chunk by chunk while dot writes it. dot's stderr is shown only shortened and
made visible: it echoes label text and escape sequences. `lay_out` adds what a large map needs:
past LARGE_MAP claims, dot's cheaper layout limits and progress reports while it runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from argmap.render.check import output_check
from argmap.render.errors import RenderError
from argmap.text.safe import visible

#: layout engine -> what it draws, for --help
ENGINES: dict[str, str] = {
    "dot": "layered",
    "sfdp": "force-directed, for very large maps",
}
DEFAULT_TIMEOUT = 60.0
MEMORY_LIMIT = 2 * 1024**3
#: above this many drawn claims, dot gets the cheap layout limits and progress is shown
LARGE_MAP = 300
LARGE_MAP_FLAGS = ("-Gnslimit=1", "-Gnslimit1=1", "-Gmclimit=0.1")
INSTALL_HINT = (
    "no layout program: neither graphviz-pure (installed with argmap where it has a wheel) nor "
    "Graphviz's 'dot' was found; install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: "
    "brew install graphviz; Windows: winget install graphviz) or graphviz-pure (pip install "
    "graphviz-pure), or write DOT with -o FILE.dot / --format dot"
)
#: the layout program pip installs with argmap, and the formats it writes (it has no PDF writer)
PURE = "graphviz-pure"
PURE_FORMATS = frozenset({"svg", "png", "dot"})
#: the environment variable that names a layout program, as --dot does
PROGRAM_VARIABLE = "ARGMAP_DOT"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Program:
    """A layout program: its path, and whether it is graphviz-pure rather than a system Graphviz."""

    path: str
    pure: bool
    #: where the choice came from: "--dot", "ARGMAP_DOT", "installed with argmap" or "PATH"
    origin: str

    def version(self) -> str:
        """The program's own version line (`-V`), or why it could not be read."""
        try:
            proc = subprocess.run([self.path, "-V"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"cannot run it: {exc}"
        return visible((proc.stderr or proc.stdout).decode("utf-8", "replace").strip())


def find_dot() -> str | None:
    """The path of the system Graphviz's `dot` on PATH, or None."""
    return shutil.which("dot")


def find_pure() -> str | None:
    """The path of graphviz-pure: beside the running Python (its venv's scripts), else on PATH."""
    here = os.path.dirname(sys.executable)
    for name in (PURE, PURE + ".exe"):
        candidate = os.path.join(here, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which(PURE)


def find_program(fmt: str, explicit: str | None = None) -> Program:
    """The program that lays out `fmt`: `explicit` (--dot) or $ARGMAP_DOT when given; else
    graphviz-pure for the formats it writes; else the system `dot`. Raises RenderError."""
    named, origin = (explicit, "--dot") if explicit else (os.environ.get(PROGRAM_VARIABLE) or None, PROGRAM_VARIABLE)
    if named:
        path = shutil.which(named)
        if path is None:
            raise RenderError(f"{origin}: no program '{visible(named)}' (give a path or a name on PATH)")
        return Program(path, os.path.basename(path).startswith(PURE), origin)
    pure = find_pure() if fmt in PURE_FORMATS else None
    if pure is not None:
        return Program(pure, True, "installed with argmap")
    system = find_dot()
    if system is not None:
        return Program(system, False, "PATH")
    if find_pure() is not None:
        raise RenderError(
            f"{fmt.upper()} needs Graphviz's own dot (graphviz-pure writes {', '.join(sorted(PURE_FORMATS))}): "
            "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
            "Windows: winget install graphviz), or render SVG or PNG"
        )
    raise RenderError(INSTALL_HINT)


def lay_out(
    source: str,
    *,
    fmt: str,
    claims: int,
    engine: str = "dot",
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    dot_path: str | None = None,
) -> bytes:
    """`source` (a drawing of `claims` claims) laid out by Graphviz as `fmt`, with the cheaper
    limits and progress reports past LARGE_MAP claims; `dot_path` as --dot. Raises RenderError."""
    large = claims > LARGE_MAP
    if large and progress:
        progress(
            f"laying out {claims} claims with {engine}… (a large map: --depth N or "
            "--focus ID draws a part of it faster)"
        )
    return run_dot(
        source,
        fmt=fmt,
        engine=engine,
        timeout=timeout,
        large=large,
        progress=progress if large else None,
        dot_path=dot_path,
    )


def _limit_memory() -> None:  # runs in the child between fork and exec
    import resource  # already imported by run_dot: nothing to load in the child

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def short_stderr(data: bytes, limit: int = 300) -> str:
    """dot's stderr, made visible and cut: it may echo label text and escape sequences. A stack
    trace that graphviz-pure prints when it runs out of memory (a Rust panic) is left out."""
    lines = []
    for line in data.decode("utf-8", "replace").splitlines():
        if line.strip().startswith("stack backtrace:"):
            break
        if line.strip():
            lines.append(line.strip())
    text = " | ".join(lines)
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_dot(
    source: str,
    *,
    fmt: str,
    engine: str = "dot",
    timeout: float = DEFAULT_TIMEOUT,
    large: bool = False,
    progress: Progress | None = None,
    dot_path: str | None = None,
) -> bytes:
    """Lay `source` out with Graphviz and return the checked output bytes; `dot_path` names the
    program as --dot does (find_program). Raises RenderError."""
    program = find_program(fmt, dot_path).path
    args = [program, f"-K{engine}", f"-T{fmt}"]
    if large:
        args += LARGE_MAP_FLAGS
    preexec = None
    if os.name == "posix":
        import resource  # noqa: F401  (for _limit_memory, so that the child does not import it)

        preexec = _limit_memory
    from argmap.output import terminating_raises

    started = time.perf_counter()
    check = output_check(fmt)
    with terminating_raises():  # SIGTERM becomes an exception, so that dot is killed with us
        try:
            # its own process group: a stop (timeout, Ctrl-C, SIGTERM) kills dot and all it started
            proc = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                preexec_fn=preexec,
                start_new_session=os.name == "posix",
            )
        except OSError as exc:
            raise RenderError(f"cannot run {visible(program)}: {exc.strerror or exc}") from None
        out, err = _exchange(
            proc,
            source.encode("utf-8"),
            started=started,
            timeout=timeout,
            engine=engine,
            progress=progress,
            on_output=check.feed,
        )
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
    check.close()
    return out


def _exchange(
    proc: subprocess.Popen[bytes],
    data: bytes,
    *,
    started: float,
    timeout: float,
    engine: str,
    progress: Progress | None,
    on_output: Callable[[bytes], None],
) -> tuple[bytes, bytes]:
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
        _kill(proc)
        proc.wait()
        for thread in threads:
            thread.join()
        return RenderError(
            f"{engine} took longer than {timeout:g} s and was stopped; draw less with "
            "--depth N or --focus ID, or allow more time with --timeout"
        )

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
            on_output(chunk)
        try:  # dot has closed its output: it is about to exit
            proc.wait(timeout=max(0.01, timeout - (time.perf_counter() - started)))
        except subprocess.TimeoutExpired:
            raise stop() from None
    except BaseException:  # Ctrl-C, SIGTERM or an error of our own: dot must not outlive us
        _kill(proc)
        proc.wait()
        raise
    for thread in threads:
        thread.join()
    return b"".join(out), errors[0] if errors else b""


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill dot's process group (dot and whatever it started), or dot alone where there are none."""
    if proc.poll() is not None:
        return
    if os.name == "posix":
        import signal

        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
            return
    with contextlib.suppress(OSError):
        proc.kill()
