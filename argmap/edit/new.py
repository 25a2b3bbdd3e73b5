"""`argmap new`'s core: the text of a new map, with a `$schema` comment that names a file that exists.

The comment's path, from the new map's folder, is (in this order of preference) the schema written
beside the map on request (`schemas/argmap.schema.json`), the nearest `schemas/argmap.schema.json`
in the map's folder or above it (a checkout of a project of maps), or the copy installed with
argmap (an absolute path, which is right on this machine only: the command says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from argmap.checks.files import SCHEMA_NAME, find_schema_file, schema_path_from
from argmap.edit.add import _scalar
from argmap.edit.document import EditError
from argmap.edit.verify import check
from argmap.formats.schema import schema_json


@dataclass(frozen=True)
class NewMap:
    """What `argmap new` writes: the map's text, the schema file to write beside it (or None), the
    path its comment names, and a note for the user (or "")."""

    text: str
    schema_file: Path | None
    schema_path: str
    note: str = ""


def installed_schema() -> Path:
    """The JSON Schema installed with argmap (kept equal to `argmap schema` by a test)."""
    return Path(str(resources.files("argmap.data").joinpath(SCHEMA_NAME)))


def new_map(folder: Path, *, title: str | None, analyses: str | None, schema_file: bool) -> NewMap:
    """A new map for a file in `folder` (see the module doc for its `$schema` comment)."""
    note = ""
    to_write: Path | None = None
    if schema_file:
        to_write = folder / "schemas" / SCHEMA_NAME
        if to_write.exists() and to_write.read_text(encoding="utf-8", errors="replace") != schema_json():
            raise EditError(f"{to_write}: exists and is not argmap's schema; remove it or leave out --schema-file")
        reference = "schemas/" + SCHEMA_NAME
    else:
        found = find_schema_file(folder)
        if found is not None:
            reference = schema_path_from(folder, found)
        else:
            reference = installed_schema().as_posix()
            note = (
                f"the $schema comment names the schema installed with argmap ({reference}), which other machines "
                "lack; 'argmap new --schema-file' writes one beside the map instead"
            )
    lines = [
        f"# yaml-language-server: $schema={reference}",
        "argmap: 1",
        f"title: {_scalar(title or 'The title of this map')}",
        "analyses: text",
        "sources:",
        "  text:",
    ]
    if analyses and analyses.startswith(("http://", "https://")):
        lines += ["    title: The text this map analyses", "    kind: web", f"    url: {json.dumps(analyses)}"]
    else:
        lines += [f"    title: {_scalar(analyses or 'The text this map analyses')}", "    kind: other"]
    lines += [
        "thesis:",
        "  id: thesis",
        "  claim: What the text argues, in your own words.",
        "  cite: [text]",
    ]
    text = "\n".join(lines) + "\n"
    checked = check(text.encode("utf-8"), "new map", str(folder))
    wrong = [p for p in checked.problems if p.rule != "schema-comment"]  # the schema is written after
    if checked.map is None or wrong:
        first = (wrong or list(checked.problems))[0]
        raise EditError(f"the new map would not validate: {first.message}")
    return NewMap(text, to_write, reference, note)
