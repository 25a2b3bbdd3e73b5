"""The loader and the JSON Schema agree, because both are read from argmap.formats.argmap_spec."""

from __future__ import annotations

import pytest
from conftest import BASE_MAP

from argmap.formats.argmap_spec import TOP
from argmap.formats.argmap_yaml import load_bytes
from argmap.formats.schema import schema

# Where a key can be added to one claim of each kind in BASE_MAP (the line after which, its indent).
CLAIM_OF_KIND = {
    "thesis": ("  id: uniforms-help\n", "  "),
    "premise": ("    - id: less-bullying\n", "      "),
    "correlation": ("    - id: uniforms-attendance\n", "      "),
    "counterpoint": ("    - id: cost\n", "      "),
    "rebuttal": ("        - id: cheaper-than-fashion\n", "          "),
}
VALUES = {"cite": "[survey]", "tags": "[t]", "note": "n", "between": "[a, b]"}


def _with_key(kind: str, key: str) -> str:
    after, indent = CLAIM_OF_KIND[kind]
    assert BASE_MAP.count(after) == 1
    return BASE_MAP.replace(after, f"{after}{indent}{key}: {VALUES.get(key, '[]')}\n")


# The keys those claims have already (adding one again would be a duplicate key).
PRESENT = {
    "thesis": {"premises", "correlations", "counterpoints"},
    "premise": {"cite"},
    "correlation": {"cite", "between"},
    "counterpoint": {"cite", "rebuttals"},
    "rebuttal": {"cite"},
}
CASES = [
    (kind, key)
    for kind in CLAIM_OF_KIND
    for key in ("cite", "tags", "note", "premises", "correlations", "counterpoints", "rebuttals", "between")
    if key not in PRESENT[kind]
]


@pytest.mark.parametrize("kind, key", CASES, ids=[f"{k}-{key}" for k, key in CASES])
def test_a_claim_key_loads_exactly_where_the_schema_allows_it(kind: str, key: str) -> None:
    allowed = key in schema()["$defs"][kind]["properties"]
    problems = load_bytes(_with_key(kind, key).encode(), file="m.yaml").problems
    assert (problems == ()) is allowed, problems


def test_a_source_kind_loads_exactly_when_the_schema_lists_it() -> None:
    for kind in [*schema()["$defs"]["source"]["properties"]["kind"]["enum"], "blog"]:
        problems = load_bytes(BASE_MAP.replace("kind: dataset", f"kind: {kind}").encode(), file="m.yaml").problems
        listed = kind != "blog"
        assert (problems == ()) is listed, (kind, problems)


@pytest.mark.parametrize(
    "where, path", [("    kind: dataset\n", ("$defs", "source", "properties")), ("analyses: op-ed\n", ("properties",))]
)
def test_unknown_key_messages_list_the_keys_in_the_schemas_order(where: str, path: tuple[str, ...]) -> None:
    indent = where[: len(where) - len(where.lstrip())]
    problems = load_bytes(BASE_MAP.replace(where, f"{where}{indent}bogus: 1\n").encode(), file="m.yaml").problems
    properties = schema()
    for part in path:
        properties = properties[part]
    # a format-1 map is told the keys of format 1, in the schema's order
    format2_only = {f.name for f in TOP.fields if f.since > 1}
    assert [p.message.split("; expected one of: ")[1] for p in problems] == [
        ", ".join(k for k in properties if k not in format2_only)
    ]


def test_a_format_2_key_in_a_format_1_map_says_which_version_it_needs() -> None:
    text = BASE_MAP.replace("analyses: op-ed\n", "analyses: op-ed\nsemantics: weighed\n")
    problems = load_bytes(text.encode(), file="m.yaml").problems
    assert [(p.line, p.column, p.rule, p.message) for p in problems] == [
        (
            4,
            1,
            "schema",
            "'semantics' in the map (top level) is format 2: write 'argmap: 2' at the top of the map to use it",
        )
    ]
    assert load_bytes(text.replace("argmap: 1", "argmap: 2").encode(), file="m.yaml").problems == ()
