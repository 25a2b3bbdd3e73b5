"""`argmap validate` as a function: collect map files, load, check, filter by settings.

The CLI module parses options and prints; this module decides what is checked and what the
problems are. Directory arguments are searched recursively for *.yaml and *.yml files that are
maps (they have a top-level `argmap` key, or mention `argmap` and are not readable YAML); hidden
files and folders are skipped.
"""
from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from argmap.checks import check_map, filter_problems
from argmap.loader import load_bytes
from argmap.problems import Problem
from argmap.yamlread import MappingNode, ScalarNode, read_yaml

_MAP_MARKER = re.compile(rb"^argmap\s*:", re.MULTILINE)


class InputError(Exception):
    """A path that cannot be read at all (missing, unreadable): a usage error, exit 2."""


class InternalError(Exception):
    """An unexpected failure while checking one file (a bug): exit 2, naming the file."""


@dataclass(frozen=True)
class ValidationResult:
    problems: tuple[Problem, ...]
    files: int


def collect_files(paths: Iterable[str]) -> list[str]:
    """Expand directories into the map files inside them; '-' stands for stdin."""
    result: list[str] = []
    for path in paths:
        if path == "-":
            result.append(path)
            continue
        if os.path.isdir(path):
            found = []
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(names):
                    if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                        candidate = os.path.join(folder, name)
                        if _looks_like_map(candidate):
                            found.append(candidate)
            result.extend(found)
        elif os.path.exists(path):
            result.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return result


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
        isinstance(key, ScalarNode) and key.value == "argmap" for key, _ in root.value)


def read(path: str, stdin: bytes | None = None) -> tuple[bytes, str, str | None]:
    if path == "-":
        return (stdin or b""), "<stdin>", None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return data, path, str(Path(path).resolve().parent)


def validate_paths(
    paths: Iterable[str],
    *,
    disabled: Iterable[str] = (),
    snapshots: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
) -> ValidationResult:
    """Load and check every map named by `paths`; problems sorted, disabled rules left out."""
    files = collect_files(paths)
    disabled = set(disabled)
    problems: list[Problem] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # large maps are many small acyclic objects; collection passes only cost time
    try:
        _check_files(files, problems, disabled, snapshots, stdin)
    finally:
        if gc_was_enabled:
            gc.enable()
    return ValidationResult(tuple(filter_problems(problems, disabled=disabled)), len(files))


def _check_files(files: list[str], problems: list[Problem], disabled: set[str],
                 snapshots: Mapping[str, str] | None, stdin: bytes | None) -> None:
    for path in files:
        data, display, base_dir = read(path, stdin)
        try:
            loaded = load_bytes(data, file=display, base_dir=base_dir)
            problems.extend(loaded.problems)
            if loaded.map is not None:
                problems.extend(check_map(loaded.map, snapshots=snapshots, disabled=disabled))
        except Exception as exc:  # a bug, not bad input: name the file, keep the stack for --traceback
            raise InternalError(f"{display}: internal error: {type(exc).__name__}: {exc}") from exc
