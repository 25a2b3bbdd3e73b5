"""Documentation and the published schema are kept in step with the code."""

from __future__ import annotations

import json

import jsonschema
import yaml
from conftest import ASSAD_MAP, BASE_MAP, ROOT
from hypothesis import HealthCheck, given, settings
from test_properties import dump, maps

from argmap.checks import REGISTRY
from argmap.checks.docs import rules_markdown
from argmap.formats.schema import schema, schema_json


def test_rules_md_is_generated_from_the_rules() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "run: python -m argmap.checks.docs > docs/rules.md"
    )


def test_every_rule_documents_a_failing_and_a_passing_example() -> None:
    for rule in REGISTRY.values():
        assert "Fails" in rule.doc and "Passes" in rule.doc, rule.id
        assert rule.doc.count("```yaml") == 2, rule.id


def test_published_schema_is_the_schema() -> None:
    assert (ROOT / "schemas" / "argmap.schema.json").read_text(encoding="utf-8") == schema_json()


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_real_and_example_maps_satisfy_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    format2 = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "format2").glob("*.yaml"))]
    for text in (ASSAD_MAP.read_text(encoding="utf-8"), BASE_MAP, *format2):
        document = yaml.safe_load(text)
        _stringify_dates(document)
        assert list(validator.iter_errors(document)) == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    document = yaml.safe_load(BASE_MAP.replace("      cite: [survey]\n", ""))
    _stringify_dates(document)
    assert list(validator.iter_errors(document)), "a correlation without cite must fail the schema"
    document = yaml.safe_load(BASE_MAP.replace("cite:\n        - source", "cites:\n        - source"))
    _stringify_dates(document)
    assert list(validator.iter_errors(document))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_generated_maps_satisfy_the_schema(document: dict) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    assert list(validator.iter_errors(json.loads(json.dumps(yaml.safe_load(dump(document)))))) == []


def test_every_map_starts_with_the_schema_comment() -> None:
    for path in (ROOT / "maps").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schemas/argmap.schema.json\n"
        ), path


def test_readme_quick_start_has_exactly_two_shell_blocks() -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|shell)\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    assert "maps/assad_isis.yaml" in blocks[0] and "pytest" in blocks[1]


def _stringify_dates(node) -> None:
    """PyYAML turns bare dates into date objects; JSON (and the schema) see the text."""
    import datetime

    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (datetime.date, datetime.datetime)):
                node[key] = value.isoformat()
            else:
                _stringify_dates(value)
    elif isinstance(node, list):
        for item in node:
            _stringify_dates(item)


def test_complete_example_maps_in_the_docs_validate_clean() -> None:
    import re

    from argmap.checks.runner import check_map
    from argmap.formats.argmap_yaml import load_bytes

    examples = 0
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            if not block.startswith("# yaml-language-server:") or "thesis:" not in block:
                continue
            loaded = load_bytes(block.encode(), file=doc.name)
            problems = list(loaded.problems) + (check_map(loaded.map) if loaded.map else [])
            assert problems == [], (doc.name, problems)
            examples += 1
    assert examples >= 2
