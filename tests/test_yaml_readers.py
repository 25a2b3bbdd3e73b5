"""libyaml (CSafeLoader) and pure-Python (SafeLoader) reading give the same positions and problems."""

from __future__ import annotations

import pytest
import yaml
from conftest import ASSAD_MAP, BASE_MAP, shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.checks.runner import check_map
from argmap.formats import yaml_nodes as yamlread
from argmap.formats.argmap_yaml import load_bytes


def outcome(data: bytes):
    """Problems (YAML syntax messages are worded by each library; their positions must agree)."""
    loaded = load_bytes(data, file="m.yaml")
    problems = list(loaded.problems) + (check_map(loaded.map) if loaded.map else [])
    shown = [
        (
            p.file,
            p.line,
            p.column,
            p.rule,
            p.severity,
            "YAML syntax error" if p.message.startswith("YAML syntax error") else p.message,
        )
        for p in sorted(problems)
    ]
    claims = [(c.id, c.kind, c.position) for c in loaded.map.claims] if loaded.map else None
    return shown, claims


def inputs() -> list[bytes]:
    items = [
        ASSAD_MAP.read_bytes(),
        BASE_MAP.encode(),
        BASE_MAP.replace("cite: [op-ed]\n      rebuttals", "cite: [nobody]\n      rebuttals").encode(),
        BASE_MAP.replace("- id: cost", "- id: 1.10").encode(),
        b"argmap: 1\n---\nx: 1\n",
        b"a: [1, 2\n",
        b"a: 'unterminated\n",
        b"- x\n- y\n",
        b"a: b: c\n",
    ]
    folder = shared_path("corpora", "hostile", "yaml")
    items += [p.read_bytes() for p in sorted(folder.glob("*.yaml"))]
    return items


def test_both_readers_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [outcome(data) for data in inputs()]
    monkeypatch.setattr(yamlread, "_Loader", yamlread.loader_class(yaml.SafeLoader))
    slow = [outcome(data) for data in inputs()]
    for data, a, b in zip(inputs(), fast, slow, strict=False):
        if b"\\ud800" in data:
            # libyaml refuses a lone-surrogate escape as a syntax error; PyYAML's pure-Python reader
            # decodes it, and the loader then refuses it as bad-text: both refuse it on line 1.
            assert a[0][0][1] == 1 and any(p[3] == "bad-text" and p[1] == 1 for p in b[0])
            continue
        assert a == b, data[:80]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_the_resolver_shortcut_gives_the_safe_tags(value: str) -> None:
    ours = yamlread._Loader("")
    theirs = yaml.SafeLoader("")
    for implicit in ((True, False), (False, True)):
        assert ours.resolve(yaml.ScalarNode, value, implicit) == theirs.resolve(yaml.ScalarNode, value, implicit)


@pytest.mark.parametrize("kind", [yaml.MappingNode, yaml.SequenceNode])
@pytest.mark.parametrize("implicit", [True, False])
def test_a_collection_gets_the_safe_default_tag_of_its_kind(kind: type, implicit: bool) -> None:
    ours = yamlread._Loader("")
    assert ours.resolve(kind, None, implicit) == yaml.SafeLoader("").resolve(kind, None, implicit)
    assert ours.resolve(kind, None, implicit) == {yaml.MappingNode: "tag:yaml.org,2002:map"}.get(
        kind, "tag:yaml.org,2002:seq"
    )
