"""The environment benchmarks run argmap in: as an installed argmap runs on a user's machine.

Two variables some environments set would measure something else: PYTHONDONTWRITEBYTECODE makes
every run compile every module again (about 30 ms), and PYTHONUNBUFFERED turns each line written
to a pipe into its own system call. Children get bytecode caching (in a cache outside the source
tree) and ordinary buffering; `tree` puts a given source tree first on the import path.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child_env(tree: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONUNBUFFERED", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "argmap-bench-pycache")
    env["PYTHONPATH"] = str(tree) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env
