"""The one read path every command takes: find the map files, read one, load it, check it.

    paths --find_maps--> files --read_input--> bytes --formats reader--> (ArgMap, problems)
          --checks.runner--> problems, sorted, disabled rules left out

`validate` runs it over every file it is given; the commands that work on one map (show, gaps,
render, brief, drill, eval) run `check_file` on it. Directory arguments are searched recursively for
*.yaml and *.yml files that are maps (they have a top-level `argmap` key, or mention `argmap` and
are not readable YAML); hidden files and folders are skipped.

Nothing here prints: a path that cannot be read raises `InputError`, a failure of argmap's own while
loading or checking raises `InternalError` naming the file (both in argmap.errors); `argmap.cli`
reports both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from argmap.checks.runner import check_map, filter_problems
from argmap.errors import InputError, InternalError
from argmap.findings import Problem
from argmap.formats import reader_for
from argmap.formats.yaml_nodes import MappingNode, ScalarNode, read_yaml
from argmap.model import ArgMap
from argmap.text.suggest import reset_budget

STDIN = "-"
STDIN_NAME = "<stdin>"
MAP_SUFFIXES = (".yaml", ".yml")
_MAP_MARKER = re.compile(rb"^argmap\s*:", re.MULTILINE)


@dataclass(frozen=True)
class Input:
    """The bytes of one map, the name used in positions, and the folder relative paths start from."""

    data: bytes
    display: str
    base_dir: str | None


@dataclass(frozen=True)
class CheckedMap:
    """One map file after loading and checking: the model (None when unreadable) and its problems."""

    file: str
    map: ArgMap | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ValidationResult:
    """Every problem of every map file named, sorted, and how many files were checked."""

    problems: tuple[Problem, ...]
    files: int


def find_maps(paths: Iterable[str]) -> list[str]:
    """Expand directories into the map files inside them; '-' stands for stdin."""
    result: list[str] = []
    for path in paths:
        if path == STDIN:
            result.append(path)
        elif os.path.isdir(path):
            result.extend(_maps_in(path))
        elif os.path.exists(path):
            result.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return result


def _maps_in(directory: str) -> list[str]:
    found = []
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                candidate = os.path.join(folder, name)
                if _looks_like_map(candidate):
                    found.append(candidate)
    return found


def _looks_like_map(path: str) -> bool:
    """Whether a YAML file found in a directory is a map: it has a top-level `argmap` key.

    The usual block-style map is recognised from its text; anything else that mentions `argmap`
    (a BOM, a quoted key, flow style) is read to decide, and a file that cannot be read as YAML but
    mentions `argmap` counts as a map, so that its problems are reported, not skipped.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return True  # let validation report why it cannot be read
    if _MAP_MARKER.search(data):
        return True
    if b"argmap" not in data:
        return False
    root = read_yaml(data, path).root
    if root is None:
        return True
    return isinstance(root, MappingNode) and any(
        isinstance(key, ScalarNode) and key.value == "argmap" for key, _ in root.value
    )


def read_input(path: str, *, stdin: bytes | None = None) -> Input:
    """The bytes of a map file, or of `stdin` for '-'. Raises InputError."""
    if path == STDIN:
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer.read()
        return Input(stdin, STDIN_NAME, None)
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory (this command reads one map file)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return Input(data, path, str(file.resolve().parent))


def check_file(
    path: str,
    *,
    snapshots: Mapping[str, str] | None = None,
    disabled: Iterable[str] = (),
    stdin: bytes | None = None,
) -> CheckedMap:
    """Read, load and check one map file; its problems sorted, disabled rules left out."""
    source = read_input(path, stdin=stdin)
    skip = frozenset(disabled)
    reset_budget()
    try:
        loaded = reader_for(path)(source.data, file=source.display, base_dir=source.base_dir)
        problems = list(loaded.problems)
        if loaded.map is not None:
            problems.extend(check_map(loaded.map, snapshots=snapshots, disabled=skip))
    except Exception as exc:  # a bug, not bad input: name the file, keep the stack for --traceback
        raise InternalError(f"{source.display}: internal error: {type(exc).__name__}: {exc}") from exc
    return CheckedMap(source.display, loaded.map, tuple(filter_problems(problems, disabled=skip)))


def validate_paths(
    paths: Iterable[str],
    *,
    disabled: Iterable[str] = (),
    snapshots: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
) -> ValidationResult:
    """Load and check every map named by `paths`; problems sorted, disabled rules left out."""
    files = find_maps(paths)
    problems: list[Problem] = []
    for path in files:
        problems.extend(check_file(path, snapshots=snapshots, disabled=disabled, stdin=stdin).problems)
    return ValidationResult(tuple(sorted(problems)), len(files))
