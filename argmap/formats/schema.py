"""The JSON Schema (draft 2020-12) of map formats 1 and 2, built from the declarations the loader
walks with (argmap_spec): nothing here lists a key, a type or an enumeration of its own.

schemas/argmap.schema.json is this schema as a file; a test keeps the two identical. The schema
lets editors complete and check maps; argmap's own loader is stricter (it also rejects anchors,
tags, duplicate keys and control characters) and gives positions.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.formats.argmap_spec import (
    ARGUMENT,
    CITATION,
    CLAIM_DESCRIPTIONS,
    ID_PATTERN,
    REF,
    SOURCE,
    TOP,
    Arguments,
    Blank,
    Choice,
    Citations,
    ClaimList,
    Claims,
    ClaimValue,
    Date,
    Field,
    Flag,
    Id,
    IdMention,
    Nested,
    Number,
    Record,
    SourceTable,
    Text,
    Url,
    Value,
    Version,
    Words,
    claim_fields,
)
from argmap.model import ClaimKind

SCHEMA_ID = "https://argmap.dev/schemas/argmap.schema.json"
_ID = {"$ref": "#/$defs/id"}


def _value(shape: Value) -> dict[str, Any]:
    """The JSON Schema of one declared value shape."""
    if isinstance(shape, Text):
        return {"type": "string", **({} if shape.blank is Blank.ALLOWED else {"minLength": 1})}
    if isinstance(shape, (Id, IdMention)):
        return dict(_ID)
    if isinstance(shape, Url):
        return {"type": "string", "pattern": shape.pattern}
    if isinstance(shape, Date):  # bare years load as integers
        return {
            "anyOf": [{"type": "string", "pattern": shape.pattern}, {"type": "integer", "minimum": 0, "maximum": 9999}]
        }
    if isinstance(shape, Flag):
        return {"type": "boolean"}
    if isinstance(shape, Choice):
        return {"enum": list(shape.options)}
    if isinstance(shape, Version):
        return {"enum": list(shape.numbers)}
    if isinstance(shape, Number):
        return {"type": "number", "minimum": shape.minimum, "maximum": shape.maximum}
    if isinstance(shape, Arguments):
        return {"type": "array", "items": {"$ref": "#/$defs/argument"}}
    if isinstance(shape, ClaimList):
        return {"type": "array", "minItems": 1, "items": {"$ref": f"#/$defs/{shape.kind.value}"}}
    if isinstance(shape, Words):
        return {
            "type": "array",
            "items": _value(shape.item),
            **({"minItems": shape.min_items} if shape.min_items else {}),
        }
    if isinstance(shape, Citations):
        return {"type": "array", "items": {"$ref": "#/$defs/citation"}}
    if isinstance(shape, Claims):
        return {"type": "array", "items": {"oneOf": [{"$ref": f"#/$defs/{shape.kind.value}"}, {"$ref": "#/$defs/ref"}]}}
    if isinstance(shape, ClaimValue):
        return {"$ref": f"#/$defs/{shape.kind.value}"}
    if isinstance(shape, SourceTable):
        return {"type": "object", "propertyNames": _id_schema(), "additionalProperties": {"$ref": "#/$defs/source"}}
    if isinstance(shape, Nested):
        return _object(shape.record.fields, required=shape.record.required)
    raise TypeError(f"no JSON Schema for {type(shape).__name__}")


def _property(spec: Field) -> dict[str, Any]:
    return {**_value(spec.value), **({"description": spec.description} if spec.description else {})}


def _object(fields: tuple[Field, ...], *, required: tuple[str, ...], description: str = "") -> dict[str, Any]:
    result: dict[str, Any] = {"type": "object"}
    if description:
        result["description"] = description
    result["additionalProperties"] = False
    if required:
        result["required"] = list(required)
    result["properties"] = {spec.name: _property(spec) for spec in fields}
    return result


def _record(record: Record) -> dict[str, Any]:
    result = _object(record.fields, required=record.required, description=record.description)
    if record.one_of:
        result["oneOf"] = [{"required": [key]} for group in record.one_of for key in group]
    return result


def _claim(kind: ClaimKind) -> dict[str, Any]:
    fields = claim_fields(kind)
    required = tuple(f.name for f in fields if f.required or kind in f.cited_by_rule_for)
    return _object(fields, required=required, description=CLAIM_DESCRIPTIONS[kind])


def _id_schema() -> dict[str, Any]:
    return {"type": "string", "pattern": ID_PATTERN.pattern}


def schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap map, format versions 1 and 2",
        "description": TOP.description,
        **{key: value for key, value in _record(TOP).items() if key != "description"},
        "$defs": {
            "id": _id_schema(),
            "citation": {"oneOf": [{**_ID, "description": "A source id."}, _record(CITATION)]},
            "ref": _record(REF),
            "source": _record(SOURCE),
            "argument": _record(ARGUMENT),
            **{kind.value: _claim(kind) for kind in ClaimKind},
        },
    }


def schema_json() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
