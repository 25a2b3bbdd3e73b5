"""The rule about the file around the map: its `$schema` comment points at a schema file that exists."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from argmap.checks import CheckContext, Violation, ids, rule
from argmap.findings import Severity
from argmap.model import ArgMap

SCHEMA_NAME = "argmap.schema.json"


def find_schema_file(folder: Path) -> Path | None:
    """The nearest `schemas/argmap.schema.json` in `folder` or a folder above it, or None."""
    for candidate in (folder, *folder.parents):
        path = candidate / "schemas" / SCHEMA_NAME
        if path.is_file():
            return path
    return None


def schema_path_from(folder: Path, schema: Path) -> str:
    """How a map in `folder` names `schema` in its comment: a relative path with forward slashes."""
    try:
        return Path(os.path.relpath(schema, folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return schema.as_posix()


@rule(ids.SCHEMA_COMMENT, Severity.WARNING)
def schema_comment_points_at_a_file(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """The `$schema` comment points at a schema file that exists, so that editors check the map.

    The comment `# yaml-language-server: $schema=PATH` tells an editor where the map's JSON Schema
    is; a PATH is relative to the map's folder (a map read from standard input has none, and is
    not checked). A path that names no file turns completion and checking off without a word, for
    instance after the map is copied to another folder. `argmap new --schema-file` writes a schema
    beside a new map; http(s) addresses are not checked.

    Fails:
    ```yaml
    argmap: 1
    # yaml-language-server: $schema=no-such-folder/argmap.schema.json
    ```

    Passes:
    ```yaml
    argmap: 1
    # yaml-language-server: $schema=https://example.org/argmap.schema.json
    ```
    """
    target = argmap.schema
    if argmap.base_dir is None or target is None or argmap.schema_position is None:
        return
    if target.startswith(("http://", "https://")):
        return
    path = target[len("file://") :] if target.startswith("file://") else target
    folder = Path(argmap.base_dir)
    if (folder / path).is_file():
        return
    found = find_schema_file(folder)
    hint = (
        f"; the nearest schema is {schema_path_from(folder, found)}"
        if found is not None
        else "; write one with 'argmap schema > FILE' and point the comment at it"
    )
    yield Violation(argmap.schema_position, f"the $schema comment points at {target}, which is not a file{hint}")
