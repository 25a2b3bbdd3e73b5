"""The one read path every command takes: find the map files, read one, load it, check it.

    paths --find_maps--> files --read_input--> bytes --formats reader--> (ArgMap, problems)
          --checks.runner--> problems, sorted, disabled rules left out

`validate` runs it over every file it is given; the commands that work on one map (show, gaps,
render, brief, drill, eval) run `check_file` on it. Directory arguments are searched recursively for
*.yaml and *.yml files that are maps (they have a top-level `argmap` key, or mention `argmap` and
are not readable YAML); hidden files and folders are skipped. With `all_formats` they also yield the
files of every other readable format of the registry (by extension; a `.json` only when its content
is argmap's JSON or AIF).

Nothing here prints: a path that cannot be read raises `InputError`, a failure of argmap's own while
loading or checking raises `InternalError` naming the file (both in argmap.errors); `argmap.cli`
reports both.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from argmap.checks.ids import SCHEMA
from argmap.checks.runner import check_map, filter_problems
from argmap.errors import InputError, InternalError
from argmap.findings import Problem, Severity
from argmap.formats import REGISTRY, by_extension, reader_for
from argmap.formats.yaml_nodes import MappingNode, ScalarNode, read_yaml
from argmap.model import ArgMap
from argmap.text.safe import visible
from argmap.text.suggest import reset_budget

STDIN = "-"
STDIN_NAME = "<stdin>"
MAP_SUFFIXES = (".yaml", ".yml")
#: the most a map may demand (docs/format.md, "Limits"): bytes of the file (libyaml composes about
#: 5 MB/s; a 50 MB map of 130,000 claims is real), claims, relations (edges, refs included), and
#: characters in one message
MAX_MAP_BYTES = 128 * 2**20
MAX_CLAIMS = 500_000
MAX_RELATIONS = 1_000_000
MAX_MESSAGE_CHARS = 2_000
_MAP_MARKER = re.compile(rb"^argmap\s*:", re.MULTILINE)


class Input(NamedTuple):
    """The bytes of one map, the name used in positions, and the folder relative paths start from."""

    data: bytes
    display: str
    base_dir: str | None


class CheckedMap(NamedTuple):
    """One map file after loading and checking: the model (None when unreadable) and its problems."""

    file: str
    map: ArgMap | None
    problems: tuple[Problem, ...]


class ValidationResult(NamedTuple):
    """Every problem of every map file named, sorted, how many files were checked, and the
    folders named that hold no map."""

    problems: tuple[Problem, ...]
    files: int
    empty_folders: tuple[str, ...] = ()


def find_maps(paths: Iterable[str], *, all_formats: bool = False) -> list[str]:
    """Expand directories into the map files inside them (with `all_formats`, the files of every
    readable format too); '-' stands for stdin."""
    result: list[str] = []
    for path in paths:
        if path == STDIN:
            result.append(path)
        elif os.path.isdir(path):
            result.extend(_maps_in(path, all_formats=all_formats))
        elif os.path.exists(path):
            result.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return result


def folders_without_maps(paths: Iterable[str], files: Iterable[str]) -> list[str]:
    """The folders among `paths` that hold none of `files` (what find_maps found): a command
    pointed at the wrong folder would otherwise check nothing and pass."""
    found = list(files)
    return [
        path
        for path in paths
        if path != STDIN and os.path.isdir(path) and not any(f.startswith(os.path.join(path, "")) for f in found)
    ]


def _maps_in(directory: str, *, all_formats: bool = False) -> list[str]:
    """The map files under `directory` (with `all_formats`, files of every readable format too).
    Refuses (InputError) a map file that is not a regular file inside it: a link to a device
    (/dev/zero never ends) or to a file elsewhere (whose keys the messages would echo) is no map of
    this tree."""
    found = []
    top = os.path.realpath(directory)
    for folder, subfolders, names in os.walk(directory, onerror=_unreadable_folder):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            candidate = os.path.join(folder, name)
            if not name.endswith(MAP_SUFFIXES) and not (all_formats and by_extension(name) is not None):
                continue
            _check_in_tree(candidate, top, directory)
            if _wanted(name, candidate, all_formats=all_formats):
                found.append(candidate)
    return found


def _check_in_tree(path: str, top: str, directory: str) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # a dangling link or a file gone: reading it reports why
    if not stat.S_ISREG(mode):
        raise InputError(f"{path}: not a regular file (a map file must be one; a link to a device is refused)")
    real = os.path.realpath(path)
    if os.path.commonpath([top, real]) != top:
        raise InputError(f"{path}: a link to a file outside {directory} (a map found in a folder must be inside it)")


def _wanted(name: str, path: str, *, all_formats: bool) -> bool:
    if name.endswith(MAP_SUFFIXES) and _looks_like_map(path):
        return True
    fmt = by_extension(name)
    return all_formats and fmt is not None and fmt.reader is not None and _other_format(path)


def _other_format(path: str) -> bool:
    """Whether a file with another reader's extension is one: by its extension, except where
    formats share it (`.json`, `.yaml`): then its content must be one of theirs."""
    lower = path.lower()
    if not any(f.shares and lower.endswith(f.shares) for f in REGISTRY.values()):
        return True
    from argmap.formats.sniff import SNIFFERS

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_MAP_BYTES + 1)
    except OSError:
        return True  # let validation report why it cannot be read
    return any(
        sniff(data)
        for name, sniff in SNIFFERS.items()
        if name in REGISTRY and lower.endswith(REGISTRY[name].extensions + REGISTRY[name].shares)
    )


def _unreadable_folder(exc: OSError) -> None:
    """A folder below a PATH that cannot be listed is an error (exit 2), not silently no maps."""
    raise InputError(f"{visible(str(exc.filename))}: cannot read the folder: {exc.strerror or exc}")


def looks_like_map(path: str) -> bool:
    """Whether a YAML file is a map (see _looks_like_map): what `validate --maps-only` keeps."""
    return _looks_like_map(path)


def _looks_like_map(path: str) -> bool:
    """Whether a YAML file found in a directory is a map: it has a top-level `argmap` key.

    The usual block-style map is recognised from its text; anything else that mentions `argmap`
    (a BOM, a quoted key, flow style) is read to decide, and a file that cannot be read as YAML but
    mentions `argmap` counts as a map, so that its problems are reported, not skipped.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_MAP_BYTES + 1)
    except OSError:
        return True  # let validation report why it cannot be read
    if len(data) > MAX_MAP_BYTES:
        return True  # let reading it report the size
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


def read_stdin() -> bytes:
    """Standard input, at most MAX_MAP_BYTES of it (an endless pipe is refused, not read). Raises InputError."""
    import sys

    data = sys.stdin.buffer.read(MAX_MAP_BYTES + 1)
    if len(data) > MAX_MAP_BYTES:
        raise InputError(f"{STDIN_NAME}: larger than {MAX_MAP_BYTES // 2**20} MB (the most a map may be)")
    return data


def read_input(path: str, *, stdin: bytes | None = None) -> Input:
    """The bytes of a map file, or of `stdin` for '-'. Raises InputError."""
    if path == STDIN:
        return Input(read_stdin() if stdin is None else stdin, STDIN_NAME, None)
    file = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; a regular file ignores it
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory (this command reads one map file)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with os.fdopen(handle, "rb") as stream:
        try:
            info = os.fstat(stream.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(f"{path}: is a directory (this command reads one map file)")
            if stat.S_ISFIFO(info.st_mode):  # a pipe, as `<(git show REV:map.yaml)` gives: read it, bounded
                os.set_blocking(stream.fileno(), True)
            elif not stat.S_ISREG(info.st_mode):
                raise InputError(f"{path}: not a regular file (a device or socket is no map)")
            if info.st_size > MAX_MAP_BYTES:
                raise InputError(f"{path}: larger than {MAX_MAP_BYTES // 2**20} MB (the most a map may be)")
            data = stream.read(MAX_MAP_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_MAP_BYTES:
        raise InputError(f"{path}: larger than {MAX_MAP_BYTES // 2**20} MB (the most a map may be)")
    return Input(data, path, str(file.resolve().parent))


def check_file(
    path: str,
    *,
    snapshots: Mapping[str, str] | None = None,
    disabled: Iterable[str] = (),
    stdin: bytes | None = None,
    require_snapshots: bool = False,
    snapshot_folders: tuple[str, ...] = (),
) -> CheckedMap:
    """Read, load and check one map file; its problems sorted, disabled rules left out."""
    source = read_input(path, stdin=stdin)
    skip = frozenset(disabled)
    reset_budget()
    try:
        try:
            read = reader_for(path, data=source.data)
        except ValueError as exc:  # content that could be several formats
            problem = Problem(source.display, 1, 1, SCHEMA, Severity.ERROR, str(exc))
            return CheckedMap(source.display, None, (problem,))
        loaded = read(source.data, file=source.display, base_dir=source.base_dir)
        if loaded.map is not None:
            check_size(loaded.map)
        problems = list(loaded.problems)
        if loaded.map is not None:
            problems.extend(
                check_map(
                    loaded.map,
                    snapshots=snapshots,
                    disabled=skip,
                    require_snapshots=require_snapshots,
                    snapshot_folders=snapshot_folders,
                )
            )
    except InputError:
        raise
    except Exception as exc:  # a bug, not bad input: name the file, keep the stack for --traceback
        raise InternalError(f"{source.display}: internal error: {type(exc).__name__}: {exc}") from exc
    kept = [_bounded(p) for p in filter_problems(problems, disabled=skip)]
    return CheckedMap(source.display, loaded.map, tuple(kept))


def check_size(argmap: ArgMap) -> None:
    """Refuse (InputError, exit 2) a map with more claims or relations than argmap works on, naming
    where the first one past the limit is written."""
    if len(argmap.claims) > MAX_CLAIMS:
        where = argmap.claims[MAX_CLAIMS].position
        raise InputError(
            f"{argmap.file}:{where.line}:{where.column}: the map has {len(argmap.claims):,} claims; "
            f"argmap works on at most {MAX_CLAIMS:,} (docs/format.md, Limits)"
        )
    if len(argmap.edges) > MAX_RELATIONS:
        where = argmap.edges[MAX_RELATIONS].position
        raise InputError(
            f"{argmap.file}:{where.line}:{where.column}: the map has {len(argmap.edges):,} relations; "
            f"argmap works on at most {MAX_RELATIONS:,} (docs/format.md, Limits)"
        )


def _bounded(problem: Problem) -> Problem:
    """A problem whose message is at most MAX_MESSAGE_CHARS long (cut with an ellipsis)."""
    if len(problem.message) <= MAX_MESSAGE_CHARS:
        return problem
    return dataclasses.replace(problem, message=problem.message[: MAX_MESSAGE_CHARS - 1] + "…")


def validate_paths(
    paths: Iterable[str],
    *,
    disabled: Iterable[str] = (),
    snapshots: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
    all_formats: bool = False,
    require_snapshots: bool = False,
    snapshot_folders: tuple[str, ...] = (),
) -> ValidationResult:
    """Load and check every map named by `paths` (folders: see find_maps); problems sorted,
    disabled rules left out."""
    paths = list(paths)  # read twice: for the maps, and for the folders that hold none
    files = find_maps(paths, all_formats=all_formats)
    problems: list[Problem] = []
    for path in files:
        checked = check_file(
            path,
            snapshots=snapshots,
            disabled=disabled,
            stdin=stdin,
            require_snapshots=require_snapshots,
            snapshot_folders=snapshot_folders,
        )
        problems.extend(checked.problems)
    return ValidationResult(tuple(sorted(problems)), len(files), tuple(folders_without_maps(paths, files)))
