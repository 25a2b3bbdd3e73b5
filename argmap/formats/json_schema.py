"""The JSON Schema (draft 2020-12) of argmap's own JSON (argmap_json), from the same declarations the
reader uses: its keys, and argmap_spec's ids, enumerations and weights.

schemas/argmap-json.schema.json is this schema as a file; a test keeps the two identical
(`python -m argmap.formats.json_schema > schemas/argmap-json.schema.json` regenerates it).
"""

from __future__ import annotations

import json
from typing import Any

from argmap.formats import argmap_json as spec
from argmap.formats.argmap_spec import ID_PATTERN, SEMANTICS, SOURCE_KINDS, STANDARDS, WEIGHT
from argmap.model import ClaimKind

_ID = {"$ref": "#/$defs/id"}
_TEXT = {"type": "string"}
_WEIGHT = {"type": "number", "minimum": WEIGHT.minimum, "maximum": WEIGHT.maximum}
_IDS = {"type": "array", "items": _ID}
_TEXTS = {"type": "array", "items": _TEXT}
_FLAG = {"type": "boolean"}


def _object(
    keys: tuple[str, ...], required: tuple[str, ...], types: dict[str, Any], description: str
) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": list(required),
        "properties": {key: types.get(key, _TEXT) for key in keys},
    }


def schema() -> dict[str, Any]:
    kinds = [kind.value for kind in ClaimKind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": spec.JSON_SCHEMA_ID,
        "title": f"argmap JSON, version {spec.VERSION}",
        **_object(
            spec.TOP_KEYS,
            ("argmap-json", "title", "sources", "claims"),
            {
                "argmap-json": {"const": spec.VERSION, "description": "The version of this JSON format."},
                "format": {"enum": [1, 2], "description": "The map format version the map needs (docs/format.md)."},
                "analyses": _ID,
                "semantics": {"enum": list(SEMANTICS)},
                "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
                "theses": {**_IDS, "description": "The ids of the theses, in order."},
                "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
                "arguments": {"type": "array", "items": {"$ref": "#/$defs/argument"}},
                "relations": {"type": "array", "items": {"$ref": "#/$defs/relation"}},
                "expect": _object(
                    ("stands", "falls", "undecided"),
                    (),
                    {k: _IDS for k in ("stands", "falls", "undecided")},
                    "The conclusions `argmap eval` is expected to reach.",
                ),
            },
            "An argument map as data: argmap's model, flat (docs/convert.md).",
        ),
        "$defs": {
            "id": {"type": "string", "pattern": ID_PATTERN.pattern},
            "source": _object(
                spec.SOURCE_KEYS,
                ("id", "title", "kind"),
                {
                    "id": _ID,
                    "kind": {"enum": list(SOURCE_KINDS)},
                    "via": _ID,
                    "anonymous": _FLAG,
                    "date": {"anyOf": [_TEXT, {"type": "integer"}]},
                    "accessed": {"anyOf": [_TEXT, {"type": "integer"}]},
                },
                "A source, as in a map's `sources`.",
            ),
            "citation": _object(
                ("source", "quote", "locator", "note"), ("source",), {"source": _ID}, "One entry of a claim's `cite`."
            ),
            "claim": _object(
                spec.CLAIM_KEYS,
                ("id", "text", "kind"),
                {
                    "id": _ID,
                    "kind": {"enum": kinds},
                    "parent": {**_ID, "description": "The claim it is written under; absent for a thesis."},
                    "argument": {
                        **_ID,
                        "description": "The linked argument it is a premise, assumption or undercut of.",
                    },
                    "cite": {"type": "array", "items": {"$ref": "#/$defs/citation"}},
                    "tags": _TEXTS,
                    "between": _TEXTS,
                    "inferred": _FLAG,
                    "weight": _WEIGHT,
                    "standard": {"enum": list(STANDARDS)},
                    "answers": _ID,
                    "raises": _ID,
                },
                "A claim, once, with the place it is written (kind, parent, argument).",
            ),
            "argument": _object(
                spec.ARGUMENT_KEYS,
                ("id", "conclusion", "premises"),
                {
                    "id": _ID,
                    "conclusion": _ID,
                    "premises": {**_IDS, "minItems": 1},
                    "assumptions": _IDS,
                    "scheme": _ID,
                    "weight": _WEIGHT,
                    "tags": _TEXTS,
                },
                "A linked argument: its premises and assumptions support the conclusion together.",
            ),
            "relation": _object(
                spec.RELATION_KEYS,
                ("child", "parent", "kind"),
                {
                    "child": _ID,
                    "parent": _ID,
                    "kind": {"enum": [k for k in kinds if k != ClaimKind.THESIS.value]},
                    "argument": _ID,
                    "ref": {**_FLAG, "description": "True for a relation of a claim written elsewhere (a `ref`)."},
                },
                "One support or attack: `child` supports or attacks `parent`, as `kind` says.",
            ),
        },
    }


def schema_json() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
