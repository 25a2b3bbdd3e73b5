"""Writing output safely: to stdout, or to a file replaced only by a complete new version.

A render or brief is written to a temporary file in the target directory, flushed to disk and
renamed over the target, so a failure (full disk, killed process) never leaves a partial file and
never truncates an existing good one. The output may not be one of the input files. An existing
character device or named pipe (/dev/null, a FIFO) is written to directly, never replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """The output could not be written; the message says why (exit code 2)."""


#: the most one render, brief or conversion may write (docs/format.md, "Limits"); past it nothing is
MAX_OUTPUT_BYTES = 512 * 2**20


def write_output(target: str, data: bytes, *, inputs: Iterable[str] = ()) -> None:
    """Write `data` to `target` ('-' is stdout) atomically; refuse to overwrite an input, or to
    write more than MAX_OUTPUT_BYTES."""
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
        mode = path.stat().st_mode
    except OSError:
        mode = None  # nothing there yet (or a dangling link): a new file is made
    if mode is not None and not stat.S_ISREG(mode):
        # A device or a pipe (-o /dev/null, a FIFO) is written to as it is: replacing it with a
        # regular file would destroy it. Anything else (a socket...) is refused.
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise OutputError(f"{target}: not a regular file")
        try:
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{target}: directory {directory} does not exist")
    fd, tmp_name = None, None
    try:
        import tempfile  # only when a file is written: `argmap` starts without it

        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            fd = None
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def silence_stdout() -> None:
    """stdout was closed early (`argmap ... | head`): send the rest to /dev/null, without a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
