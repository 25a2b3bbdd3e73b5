"""The drill state file's safety: read without blocking, saved under a lock by merging.

A state file that is a FIFO or a device is never opened for a blocking read or write (a drill would
hang); one that is too large or nested too deeply is ignored with the documented warning. Two
drills at once each merge their session into the state as it is on disk when they save, holding
an exclusive lock on `drill.json.lock` beside it (fcntl.flock; where there is no fcntl, the merge
alone still keeps what the other saved before), so neither drops the other's progress.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from argmap.output import OutputError

#: a state file holds a title and a list of keys per map: far below this
MAX_STATE_BYTES = 16 * 2**20
#: how long a save waits for another drill's lock before saving without it (seconds)
LOCK_WAIT = 5.0


class StateUnreadable(Exception):
    """The state file is there but cannot be used; the message says why (for the warning)."""


def read_state_text(path: Path) -> str | None:
    """The state file's text, None when there is none. Raises StateUnreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StateUnreadable(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise StateUnreadable("not a regular file")
        if info.st_size > MAX_STATE_BYTES:
            raise StateUnreadable(f"larger than {MAX_STATE_BYTES // 2**20} MB")
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = handle.read(MAX_STATE_BYTES + 1)
    except OSError as exc:
        raise StateUnreadable(exc.strerror or str(exc)) from None
    finally:
        if fd != -1:
            os.close(fd)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise StateUnreadable("not UTF-8") from None


def check_writable_target(path: Path) -> None:
    """Refuse to save over anything but a regular file (or nothing): a FIFO would block the save."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path}: not a regular file, left as it is")


@contextlib.contextmanager
def state_lock(path: Path) -> Iterator[bool]:
    """Hold an exclusive lock on `path`.lock for a read-merge-write of the state; yields whether the
    lock is held (False where the system has no flock, or after LOCK_WAIT seconds of waiting)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: merging alone
        yield False
        return
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK, 0o600)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT
        held = False
        while not held:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.02)
            except OSError:
                break
        yield held
    finally:
        os.close(fd)  # closing releases the lock
