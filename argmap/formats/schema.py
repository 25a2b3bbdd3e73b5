"""The JSON Schema (draft 2020-12) of map format version 1, built from the loader's own key lists.

schemas/argmap.schema.json is this schema as a file; a test keeps the two identical. The schema
lets editors complete and check maps; argmap's own loader is stricter (it also rejects anchors,
tags, duplicate keys and control characters) and gives positions.
"""
from __future__ import annotations

import json
from typing import Any

from argmap.formats.argmap_yaml import ID_PATTERN, SOURCE_KINDS

SCHEMA_ID = "https://argmap.dev/schemas/argmap.schema.json"
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def schema() -> dict[str, Any]:
    slug = {"type": "string", "pattern": ID_PATTERN.pattern}
    text = {"type": "string", "minLength": 1}
    date = {"anyOf": [{"type": "string", "pattern": _DATE}, {"type": "integer", "minimum": 0, "maximum": 9999}]}
    citation = {
        "oneOf": [
            {"$ref": "#/$defs/id", "description": "A source id."},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["source"],
                "properties": {
                    "source": {"$ref": "#/$defs/id"},
                    "quote": {**text, "description": "Exact words from the source."},
                    "locator": {**text, "description": "Page, section, paragraph or timestamp."},
                    "note": text,
                },
            },
        ]
    }
    ref = {
        "type": "object",
        "additionalProperties": False,
        "required": ["ref"],
        "properties": {"ref": {"$ref": "#/$defs/id"}, "note": text},
        "description": "The claim with this id also stands here.",
    }

    def claim_list(kind: str) -> dict[str, Any]:
        return {"type": "array", "items": {"oneOf": [{"$ref": f"#/$defs/{kind}"}, {"$ref": "#/$defs/ref"}]}}

    common = {
        "id": {"$ref": "#/$defs/id"},
        "claim": {"type": "string", "description": "The claim, in the map author's own words."},
        "cite": {"type": "array", "items": {"$ref": "#/$defs/citation"}},
        "tags": {"type": "array", "items": text},
        "note": text,
        "premises": claim_list("premise"),
        "correlations": claim_list("correlation"),
    }

    def claim(kind: str, extra: dict[str, Any], description: str) -> dict[str, Any]:
        return {
            "type": "object",
            "description": description,
            "additionalProperties": False,
            "required": ["id", "claim"] + (["cite"] if kind != "thesis" else []),
            "properties": {**common, **extra},
        }

    attacks = {"counterpoints": claim_list("counterpoint")}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap map, format version 1",
        "description": "An argument map: a thesis, its premises, correlations, counterpoints and "
                       "rebuttals, each citing its sources. See docs/format.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["argmap", "title", "sources", "thesis"],
        "properties": {
            "argmap": {"const": 1, "description": "Format version."},
            "title": text,
            "description": {"type": "string"},
            "analyses": {"$ref": "#/$defs/id", "description": "The source whose argument the map encodes."},
            "sources": {
                "type": "object",
                "propertyNames": slug,
                "additionalProperties": {"$ref": "#/$defs/source"},
            },
            "thesis": {"$ref": "#/$defs/thesis"},
            "expect": {
                "type": "object",
                "additionalProperties": False,
                "properties": {k: {"type": "array", "items": {"$ref": "#/$defs/id"}}
                               for k in ("stands", "falls", "undecided")},
            },
        },
        "$defs": {
            "id": slug,
            "citation": citation,
            "ref": ref,
            "source": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "kind"],
                "properties": {
                    "title": text,
                    "kind": {"enum": list(SOURCE_KINDS)},
                    "author": text,
                    "publisher": text,
                    "date": date,
                    "url": {"type": "string", "pattern": r"^https?://[^\s]+$"},
                    "accessed": date,
                    "note": text,
                    "via": {"$ref": "#/$defs/id"},
                    "anonymous": {"type": "boolean"},
                    "snapshot": {**text, "description": "Path of a local text copy, relative to the map."},
                },
            },
            "thesis": claim("thesis", attacks, "The root claim."),
            "premise": claim("premise", attacks, "A claim that supports its parent."),
            "correlation": claim(
                "correlation",
                {**attacks, "between": {"type": "array", "items": text, "minItems": 2}},
                "A claim that two or more variables are associated, offered as support.",
            ),
            "counterpoint": claim(
                "counterpoint", {"rebuttals": claim_list("rebuttal")}, "A claim that attacks its parent."
            ),
            "rebuttal": claim("rebuttal", attacks, "A claim that attacks a counterpoint."),
        },
    }


def schema_json() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
