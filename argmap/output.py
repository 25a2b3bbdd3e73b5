"""Writing output safely: to stdout, or to a file replaced only by a complete new version.

A render or brief is written to a temporary file in the target directory, flushed to disk and
renamed over the target, so a failure (full disk, killed process) never leaves a partial file and
never truncates an existing good one; SIGTERM and Ctrl-C remove the temporary file, and on Linux it
has no name until it is complete, so not even `kill -9` leaves one. The output may not be one of the
input files. A character device, a named pipe or a descriptor (/dev/null, a FIFO, /dev/stdout) is
written to directly, never replaced; a symlink stays a symlink; a read-only file is refused.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path


class OutputError(Exception):
    """The output could not be written; the message says why (exit code 2)."""


#: the most one render, brief or conversion may write (docs/format.md, "Limits"); past it nothing is
MAX_OUTPUT_BYTES = 512 * 2**20


def write_output(target: str, data: bytes, *, inputs: Iterable[str] = ()) -> None:
    """Write `data` to `target` ('-' is stdout) atomically; refuse to overwrite an input, or to
    write more than MAX_OUTPUT_BYTES.

    A symbolic link stays a link: the file it points to is replaced. A path that leads to a stream
    rather than a file (a device such as /dev/null, a FIFO, or a descriptor such as /dev/stdout) is
    written to as it is. An existing file without write permission is refused, not replaced."""
    if len(data) > MAX_OUTPUT_BYTES:
        raise OutputError(
            f"{target}: the output would be {len(data) // 2**20} MB, more than the "
            f"{MAX_OUTPUT_BYTES // 2**20} MB argmap writes; nothing was written"
        )
    if target == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    for source in inputs:
        if source != "-" and _same_file(path, Path(source)):
            raise OutputError(f"{target}: refusing to overwrite the input map")
    if path.is_dir():
        raise OutputError(f"{target}: is a directory")
    try:
        mode: int | None = path.stat().st_mode
    except OSError:
        mode = None  # nothing there yet (or a dangling link): a new file is made
    if is_stream(target) or (mode is not None and not stat.S_ISREG(mode)):
        # A device, a pipe or a descriptor (-o /dev/null, a FIFO, /dev/stdout) is written to as it is:
        # replacing it (or the link to it) with a regular file would destroy it and lose the output.
        if mode is not None and not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISREG(mode)):
            raise OutputError(f"{target}: not a regular file")
        try:
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        return
    if mode is not None and not mode & stat.S_IWUSR:
        raise OutputError(f"{target}: the file is read-only, so it was left as it was (make it writable first)")
    real = Path(os.path.realpath(path))  # a symlink stays a symlink: its target is replaced
    directory = real.parent
    if not directory.is_dir():
        raise OutputError(f"{target}: directory {directory} does not exist")
    try:
        with terminating_raises():
            _replace_atomically(real, data, mode)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None


class Terminated(BaseException):
    """SIGTERM arrived while a file was being replaced: the temporary file is removed, then argmap
    exits (code 143, as a process killed by SIGTERM)."""


@contextlib.contextmanager
def terminating_raises() -> Iterator[None]:
    """Within the block SIGTERM raises Terminated (and SIGINT KeyboardInterrupt, as always), so that
    `finally` clauses run: no temporary file is left behind, no child process outlives argmap."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _replace_atomically(path: Path, data: bytes, mode: int | None) -> None:
    """Write a new file beside `path` and rename it over `path`.

    Where the system allows it (Linux, O_TMPFILE), the data is written to a file without a name that
    gets one only when complete, just before the rename: even `kill -9` leaves nothing behind. Else
    a hidden temporary file is used, removed on any error, Ctrl-C or SIGTERM."""
    directory = path.parent
    if mode is not None:
        permissions = mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        permissions = 0o666 & ~umask
    fd, unnamed_name = _unnamed_file(directory, path, data)
    tmp_name: str | None = unnamed_name
    if fd is None:
        import tempfile  # only when a file is written: `argmap` starts without it

        fd, named = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        tmp_name = named
        try:
            _write_all(fd, data)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(named)
            raise
    try:
        os.fsync(fd)
        os.fchmod(fd, permissions)
        os.replace(str(tmp_name), path)
        tmp_name = None
    finally:
        os.close(fd)
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


#: False once this system refused a file without a name (O_TMPFILE or linking it)
_unnamed_works = True


def _unnamed_file(directory: Path, path: Path, data: bytes) -> tuple[int | None, str]:
    """`data` in a file made without a name, then linked as a hidden name beside `path`: (fd, name).
    (None, "") where the system cannot (no O_TMPFILE, or no linking it through /proc)."""
    global _unnamed_works
    flag = getattr(os, "O_TMPFILE", 0)
    if not (flag and _unnamed_works and os.path.isdir("/proc/self/fd")):
        return None, ""
    try:
        fd = os.open(directory, flag | os.O_WRONLY, 0o600)
    except OSError:  # a file system without O_TMPFILE (EOPNOTSUPP, EISDIR on old kernels...)
        _unnamed_works = False
        return None, ""
    try:
        _write_all(fd, data)
        import secrets

        for _ in range(100):
            name = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
            try:
                os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
            except FileExistsError:
                continue
            return fd, name
        raise OSError(errno.EEXIST, "no free temporary name")
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
            raise
        _unnamed_works = False  # e.g. EXDEV where /proc's links cannot be followed: a named file then
        return None, ""
    except BaseException:
        os.close(fd)
        raise


_DESCRIPTOR_DIRS = ("/proc/", "/dev/fd/")


def is_stream(target: str) -> bool:
    """Whether `target` leads to a stream, not to a file that can be replaced: a character device or
    FIFO, or a link through a descriptor (/dev/stdout -> /proc/self/fd/1)."""
    if target == "-":
        return True
    current = os.path.abspath(target)
    for _ in range(40):
        if current.startswith(_DESCRIPTOR_DIRS):
            return True
        if not os.path.islink(current):
            break
        try:
            current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
        except OSError:
            return False
    try:
        mode = os.stat(current).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


class _ClosedStream(io.RawIOBase):
    """Stands in for a standard stream the caller closed (`argmap ... >&-`): every write fails with
    EBADF, which main() reports as an I/O error (exit 2) like any other output that cannot be written."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.stream_name = name

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, f"standard {self.stream_name} is closed")


class _ClosedText(io.TextIOBase):
    """The text side of _ClosedStream: nothing is buffered, so nothing fails again at exit."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.buffer = _ClosedStream(name)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        return self.buffer.write(text)


def guard_closed_streams() -> None:
    """Make a closed stdout fail loudly instead of crashing (Python sets it to None): a write to it is
    an I/O error (exit 2). A closed stderr has nobody to tell: messages to it are dropped, and the
    exit code still says what happened.

    The descriptor itself is taken by /dev/null, so that no file argmap opens later gets number 1
    or 2 and receives what was meant for the terminal."""
    for fd in (1, 2):
        if (sys.stdout if fd == 1 else sys.stderr) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                spare = os.open(os.devnull, os.O_WRONLY)
                if spare != fd:
                    os.dup2(spare, fd)
                    os.close(spare)
        if fd == 1:
            sys.stdout = _ClosedText("output")
        else:
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)


def silence_stdout() -> None:
    """stdout was closed early (`argmap ... | head`): send the rest to /dev/null, without a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
