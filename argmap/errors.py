"""The errors that end a command with exit code 2, raised by any stage and reported by argmap.cli.

Kept free of imports so that `argmap.cli` can name them without loading any stage.
"""

from __future__ import annotations


class InputError(Exception):
    """A path that cannot be read at all (missing, a directory, unreadable): exit 2."""


class InternalError(Exception):
    """An unexpected failure of argmap's own while reading or checking one file (a bug): exit 2.

    The message names the file; the original exception is the `__cause__` (shown by --traceback).
    """
