"""Properties of load + check over generated maps (hypothesis)."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checks.runner import check_map
from argmap.formats.argmap_yaml import load_bytes
from argmap.text.safe import UNSAFE_CHARS

SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and not UNSAFE_CHARS.search(s))


@st.composite
def maps(draw):
    """A valid map as a dict: unique ids, every claim but the thesis citing an existing source."""
    n_sources = draw(st.integers(1, 3))
    sources = {f"s{i}": {"title": draw(SAFE_TEXT), "kind": "report"} for i in range(n_sources)}
    counter = iter(range(10_000))

    def claim(kind: str, depth: int) -> dict:
        node: dict = {"id": f"c{next(counter)}", "claim": draw(SAFE_TEXT)}
        if kind != "thesis":
            node["cite"] = draw(st.lists(st.sampled_from(sorted(sources)), min_size=1, max_size=2, unique=True))
        if kind == "correlation":
            node["between"] = draw(st.lists(SAFE_TEXT, min_size=2, max_size=3, unique_by=str.casefold))
        if depth < 3:
            lists = ["rebuttals"] if kind == "counterpoint" else ["premises", "correlations", "counterpoints"]
            for key in lists:
                count = draw(st.integers(0, 2))
                child_kind = {
                    "premises": "premise",
                    "correlations": "correlation",
                    "counterpoints": "counterpoint",
                    "rebuttals": "rebuttal",
                }[key]
                if count:
                    node[key] = [claim(child_kind, depth + 1) for _ in range(count)]
        return node

    thesis = claim("thesis", 0)
    return {"argmap": 1, "title": draw(SAFE_TEXT), "sources": sources, "thesis": thesis}


def all_claims(node: dict):
    yield node
    for key in ("premises", "correlations", "counterpoints", "rebuttals"):
        for child in node.get(key, []):
            yield from all_claims(child)


def dump(document: dict) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10_000)


def problems(text: str):
    loaded = load_bytes(text.encode("utf-8"), file="g.yaml")
    found = list(loaded.problems)
    if loaded.map is not None:
        found += check_map(loaded.map)
    return found, loaded.map


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_generated_valid_maps_validate_clean(document: dict) -> None:
    # every source must be cited for a clean run: cite each from the thesis's first premise or thesis
    used = {s for c in all_claims(document["thesis"]) for s in c.get("cite", [])}
    for unused in sorted(set(document["sources"]) - used):
        del document["sources"][unused]
    found, argmap = problems(dump(document))
    assert found == []
    assert len(argmap.claims) == len(list(all_claims(document["thesis"])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.data())
def test_removing_one_citation_gives_exactly_one_problem_at_that_claim(document: dict, data) -> None:
    claims = [c for c in all_claims(document["thesis"]) if "cite" in c]
    if not claims:
        return
    victim = data.draw(st.sampled_from(claims))
    del victim["cite"]
    text = dump(document)
    found, _ = problems(text)
    citation_problems = [p for p in found if p.rule == "premise-needs-citation"]
    lines = text.splitlines()
    expected_line = next(i for i, line in enumerate(lines, 1) if re.search(rf"\bid: {victim['id']}$", line))
    expected_column = lines[expected_line - 1].index("id:") + 1
    assert [(p.line, p.column) for p in citation_problems] == [(expected_line, expected_column)]
    assert all(p.rule in ("premise-needs-citation", "unused-source") for p in found)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    loaded = load_bytes(data, file="x.yaml")
    if loaded.map is not None:
        check_map(loaded.map)
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.column >= 1


YAMLISH = st.lists(
    st.sampled_from(
        [
            "argmap: 1\n",
            "title: t\n",
            "thesis:\n",
            "  id: a\n",
            "  claim: x\n",
            "  premises:\n",
            "    - id: b\n",
            "      ref: a\n",
            "sources: {}\n",
            "  - ",
            "[",
            "]",
            "{",
            "}",
            ": ",
            "&a ",
            "*a ",
            "!x ",
            "'",
            '"',
            "\\e",
            "\t",
            " ",
            "\n",
            "<<: ",
            "? ",
            "- ",
            "2019-01-01",
            "1.10",
            "~",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_yaml_like_text_never_crashes(text: str) -> None:
    loaded = load_bytes(text.encode("utf-8"), file="x.yaml")
    if loaded.map is not None:
        check_map(loaded.map)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_visible_leaves_no_unsafe_character_and_keeps_safe_text(text: str) -> None:
    from argmap.text.safe import UNSAFE_CHARS_ONE_LINE, no_workflow_commands, visible

    shown = visible(text)
    assert not UNSAFE_CHARS_ONE_LINE.search(shown)
    if not UNSAFE_CHARS_ONE_LINE.search(text):  # safe text is kept, only its workflow commands broken
        assert shown == no_workflow_commands(text)
    assert "::" not in shown and "##[" not in shown


def test_every_unsafe_character_is_non_printable() -> None:
    """visible() returns printable text unchanged without its regex; that is only right if so."""
    import sys

    from argmap.text.safe import UNSAFE_CHARS_ONE_LINE

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if UNSAFE_CHARS_ONE_LINE.match(char):
            assert not char.isprintable(), hex(code)
