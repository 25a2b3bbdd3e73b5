"""Reading a map for `diff`: a file, a git revision (git:REV:PATH, through `git show`), or /dev/null
(no map: every claim of the other side is added or removed)."""

from __future__ import annotations

import os
import subprocess

from argmap.edit.document import UnreadableMap
from argmap.errors import InputError
from argmap.formats import reader_for
from argmap.model import ArgMap
from argmap.pipeline import read_input
from argmap.text.safe import visible

GIT_TIMEOUT = 60


def git_show(revision: str, path: str) -> bytes:
    """The bytes of `path` at `revision`, from the repository of the current folder. Raises InputError."""
    if revision.startswith("-"):
        raise InputError(f"git:{revision}:{path}: a revision cannot start with '-'")
    try:
        done = subprocess.run(
            ["git", "show", f"{revision}:{path}"], capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise InputError("git is not installed (needed for git:REV:PATH)") from None
    except subprocess.TimeoutExpired:
        raise InputError(f"git:{revision}:{path}: git show took more than {GIT_TIMEOUT} s") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise InputError(f"git:{revision}:{path}: {visible(reason[-1] if reason else 'git show failed')}")
    return done.stdout


def read_map(spec: str, *, display: str | None = None) -> ArgMap:
    """The model of the map `spec` names. Raises InputError (cannot be read at all) or
    UnreadableMap (not a readable map: its problems)."""
    name = display or spec
    if spec == os.devnull:
        return ArgMap(file=name)
    if spec.startswith("git:"):
        revision, sep, path = spec[4:].partition(":")
        if not sep or not revision or not path:
            raise InputError(f"{spec}: write a revision as git:REV:PATH (git:main:maps/x.yaml)")
        data, base_dir = git_show(revision, path), None
    else:
        source = read_input(spec)
        data, base_dir = source.data, source.base_dir
        path = spec
    try:  # by extension, or by content where formats share one (AIF and argmap JSON in a .json)
        reader = reader_for(path, data=data)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from None
    loaded = reader(data, file=name, base_dir=base_dir)
    if loaded.map is None:
        raise UnreadableMap(loaded.problems)
    return loaded.map
