"""Hostile text in diagrams: every user string renders literally, nothing is injected, only http(s)
becomes a link, strings stay under dot's 16 KB limit, and generated maps draw exactly one node per
claim and one edge per relation.
"""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap.formats.argmap_yaml import load_bytes
from argmap.render.check import check_svg
from argmap.render.dot import MAX_STRING_BYTES, dot_string, dot_url, to_dot
from argmap.render.graphviz import run_dot
from argmap.render.pipeline import RenderOptions, map_to_dot
from argmap.render.statements import StatementWriter, dot_id
from argmap.text.safe import visible
from argmap.views.diagram import build_view, clean

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "render" / "hostile.yaml"
CORPUS = ROOT.parent / "shared" / "corpora" / "hostile" / "graphviz"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)

sys.path.insert(0, str(ROOT / "bench"))
from genmap import generate  # noqa: E402


def load_text(data: bytes, name: str = "map.yaml"):
    result = load_bytes(data, file=name, base_dir=None)
    assert result.map is not None, result.problems
    return result.map


@pytest.fixture(scope="module")
def hostile():
    return load_text(HOSTILE.read_bytes(), "hostile.yaml")


@pytest.fixture(scope="module")
def hostile_svg(hostile) -> bytes:
    return run_dot(map_to_dot(hostile, RenderOptions(wrap=200))[0], fmt="svg")


def node_texts(svg: bytes) -> dict[str, str]:
    """Node title (n0, n1, ...) -> its label lines joined with newlines."""
    result = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if "claim" in group.get("class", "").split():
            title = group.find(f"{SVG}title").text
            result[title] = "\n".join(t.text or "" for t in group.iter(f"{SVG}text"))
    return result


def test_hostile_svg_is_safe(hostile, hostile_svg: bytes) -> None:
    check_svg(hostile_svg)  # well-formed, no script, no on*, http(s) links only
    root = ET.fromstring(hostile_svg)
    names = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert "script" not in names and "foreignObject" not in names
    for element in root.iter():
        for attr, value in element.attrib.items():
            assert not attr.rsplit("}", 1)[-1].startswith("on")
            if attr.endswith("href"):
                assert value.startswith("https://example.org/")
                assert not set(value) & set("\"<>' \\")


def test_hostile_text_renders_literally_with_no_injected_nodes(hostile, hostile_svg: bytes) -> None:
    texts = node_texts(hostile_svg)
    assert sorted(texts) == sorted(f"n{i}" for i in range(len(hostile.claim_index)))
    edges = [g for g in ET.fromstring(hostile_svg).iter(f"{SVG}g") if "relation" in g.get("class", "").split()]
    assert len(edges) == len(hostile.edges_resolved)
    by_id = {text.split("\n", 1)[0]: text for text in texts.values()}
    assert set(by_id) == set(hostile.claim_index)
    for claim in hostile.claim_index.values():
        label = by_id[claim.id].split("\n")[1]
        expected = clean(claim.text)
        if len(expected) <= 200:
            assert label == expected, claim.id
    assert by_id["quote-breakout"].split("\n")[1] == 'x"]; x [label="pwned'
    assert by_id["script"].split("\n")[1] == "<script>alert(1)</script>"
    assert by_id["escapes"].split("\n")[1] == r"node=\N graph=\G edge=\E left\l right\r newline\n"
    assert by_id["record"].split("\n")[1] == "{a|b}|<port> c \\| d"
    assert by_id["entities"].split("\n")[1] == "a & b &amp; &lt;script&gt; &#60;x&#62; &bogus; &#1; &#xD800;"
    assert by_id["controls"].split("\n")[1] == r"bell\x07 esc\x1b[31m nul\x00 formfeed\x0c del\x7f"
    assert by_id["trailing-a"].split("\n")[1] == "harmless looking\\"
    assert by_id["html-table"].split("\n")[1].startswith('<<TABLE HREF="javascript:alert(1)">')
    assert by_id["bidi"].split("\n")[1] == r"abc \u202eevil.exe\u202c def"
    long_lines = by_id["long"].split("\n")[1:-1]
    assert all(len(line) <= 200 for line in long_lines) and long_lines[-1].endswith("\u2026")


def test_hostile_tooltips_and_title_are_literal(hostile, hostile_svg: bytes) -> None:
    root = ET.fromstring(hostile_svg)
    assert root.find(f"{SVG}g/{SVG}text").text == "<script>alert(1)</script> & title \\"
    tooltips = [a.get(f"{XLINK}title") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}title")]
    breakout = next(t for t in tooltips if t.startswith("premise: quote-breakout\n"))
    # dot writes the second of two spaces as a no-break space
    assert (
        '\n- js: <img src=x onerror=alert(1)>, p. x"]; x [label="pwned\n \u00a0\u201cx"]; x [label="pwned\u201d'
        in breakout
    )
    assert any('thesis "]; injected [label="pwned"]; \\' in t for t in tooltips)


def test_only_http_sources_become_links(hostile, hostile_svg: bytes) -> None:
    root = ET.fromstring(hostile_svg)
    linked = {}
    for group in root.iter(f"{SVG}g"):
        if "claim" in group.get("class", "").split():
            label = next(group.iter(f"{SVG}text")).text
            hrefs = [a.get(f"{XLINK}href") for a in group.iter(f"{SVG}a") if a.get(f"{XLINK}href")]
            linked[label] = hrefs
    expected_href = "https://example.org/a%22onmouseover=%22alert(1)%3Cx%3E%27&y=%5CN%20ok"
    for claim in hostile.claim_index.values():
        sources = [c.source for c in claim.cites]
        if "quoteurl" in sources:
            assert linked[claim.id] == [expected_href], claim.id
        else:  # javascript: and data: URLs are never linked
            assert linked[claim.id] == [], claim.id


def test_every_quoted_dot_string_is_under_the_limit(hostile) -> None:
    source = to_dot(build_view(hostile))
    lengths = [len(m.group().encode("utf-8")) for m in QUOTED.finditer(source)]
    assert max(lengths) < MAX_STRING_BYTES + 2
    huge = '&\\"' * 20000
    escaped = dot_string(huge)
    assert len(escaped.encode("utf-8")) <= MAX_STRING_BYTES and escaped.endswith("\u2026")


def test_dot_url_allows_http_only_and_encodes() -> None:
    assert dot_url("javascript:alert(1)") is None
    assert dot_url("data:text/html,<script>") is None
    assert dot_url("JaVaScRiPt://example.org/x") is None
    assert dot_url("ftp://example.org/x") is None
    assert dot_url("https://example.org/x y") is None  # white space: the bad-url rule refuses it
    assert dot_url("https://example.org/\"<>'\\é?a=1&b=2") == "https://example.org/%22%3C%3E%27%5C%C3%A9?a=1&amp;b=2"


@pytest.mark.parametrize("inside", ["\u00a0", "\u2003", "\u3000", "\u2028", "\t", "\x00", "\x1b", "\x7f", "\x85"])
def test_a_url_with_any_white_space_or_control_character_is_no_link(inside: str) -> None:
    from argmap.text.urls import safe_url, url_problem

    url = f"https://example.org/a{inside}b"
    assert url_problem(url) == "contains white space or control characters"
    assert safe_url(url) is None and dot_url(url) is None
    assert url_problem("https://example.org/a%C2%A0b?q=é") is None


TRICKY = [
    "\\",
    "\\\\",
    '"',
    '\\"',
    "&",
    "&amp;",
    "&#1;",
    "&#0;",
    "&#xD800;",
    "<",
    ">",
    "<<b>x</b>>",
    "\\N",
    "\\G",
    "\\l",
    "\\n",
    "{",
    "|",
    "}",
    "[",
    "]",
    ";",
    "->",
    "--",
    "\x1b",
    "\x00",
    "\u202e",
    "\u2028",
    "\ud800",
    "é",
    "\u00a0",
    "%",
    "//",
    "/*",
    "#",
    "\n",
    "\t",
    "label=",
    "x",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=8).map("".join), min_size=1, max_size=6))
def test_any_text_renders_literally_through_dot(lines: list[str]) -> None:
    import graphviz

    graph = graphviz.Digraph("t")
    cleaned = [clean(line) for line in lines]
    graph.node("n0", label=dot_string(cleaned), tooltip=dot_string("\n".join(cleaned)))
    svg = run_dot(graph.source, fmt="svg")
    check_svg(svg)
    group = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "node")
    shown = [t.text or "" for t in group.iter(f"{SVG}text")]
    # dot drops a label line that is empty after cleaning (it draws no <text> for it)
    assert [s.replace("\u00a0", " ") for s in shown] == [c.replace("\u00a0", " ") for c in cleaned if c]
    assert all(visible(line) == line for line in cleaned)


LINE_TEXT = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)), max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE_TEXT.map(clean), min_size=1, max_size=6))
def test_a_label_is_the_escaping_of_each_of_its_lines(lines: list[str]) -> None:
    """dot_string escapes all lines in one pass; that must be the escaping of each line, joined
    with DOT's line break."""
    import graphviz

    label = dot_string(lines)
    assert label == "\\n".join(graphviz.escape(line.replace("&", "&amp;")) for line in lines)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(LINE_TEXT.map(clean), min_size=1, max_size=6),
    st.sampled_from(["n0", "n0 -> n1"]),
    st.sampled_from(
        [
            {},
            {"class": "claim premise linked"},
            {"shape": "box", "penwidth": "1.4", "URL": "https://example.org/?a=1&amp;b=2"},
        ]
    ),
)
@example(["node"], "n0", {}).via("a DOT keyword is quoted")
@example(["Strict"], "n0 -> n1", {}).via("in any case")
@example(["-4.2"], "n0", {}).via("a number is not")
@example([".5"], "n0", {}).via("nor is a plain ID")
@example(["x_1"], "n0", {}).via("an ID")
def test_statements_are_written_as_the_graphviz_package_writes_them(
    lines: list[str], left: str, attrs: dict[str, str]
) -> None:
    """argmap appends finished node and edge lines to the Digraph's body; they must be the lines the
    package's own node()/edge() calls write."""
    import graphviz

    label = dot_string(lines)
    attrs = {**attrs, "tooltip": dot_string("\n".join(lines))}
    assert dot_id(label) == graphviz.quoting.quote(label)
    graph = graphviz.Digraph()
    if " -> " in left:
        graph.edge("n0", "n1", label=label, **attrs)
    else:
        graph.node("n0", label=label, **attrs)
    writer = StatementWriter()
    assert writer.statement(left, label, attrs) == graph.body[-1]
    assert writer.statement(left, label, attrs) == graph.body[-1]  # remembered styling: the same line


def _counts(source: str) -> tuple[int, int]:
    nodes = len(re.findall(r'class="claim [a-z]+', source))
    edges = len(re.findall(r'class="relation [a-z]+', source))
    return nodes, edges


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=150), st.integers(min_value=0, max_value=10_000))
def test_generated_maps_draw_one_node_per_claim_and_one_edge_per_relation(size: int, seed: int) -> None:
    argmap = load_text(generate(size, seed=seed).encode("utf-8"))
    source = to_dot(build_view(argmap))
    assert _counts(source) == (len(argmap.claim_index), len(argmap.edges_resolved))
    ids = re.findall(r"^\t(n\d+) \[", source, re.MULTILINE)
    assert ids == [f"n{i}" for i in range(len(argmap.claim_index))]


def test_generated_map_svg_counts_match() -> None:
    argmap = load_text(generate(120, seed=7).encode("utf-8"))
    svg = run_dot(to_dot(build_view(argmap)), fmt="svg")
    groups = list(ET.fromstring(svg).iter(f"{SVG}g"))
    assert sum("claim" in g.get("class", "").split() for g in groups) == len(argmap.claim_index)
    assert sum("relation" in g.get("class", "").split() for g in groups) == len(argmap.edges_resolved)


# -- the shared hostile corpus, adapted to the argmap format ---------------------------------------


def _corpus_map(name: str) -> bytes:
    claims = yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))["claims"]
    premises = [{"id": f"c{i}", "claim": item["text"] or "(empty)", "cite": ["s"]} for i, item in enumerate(claims)]
    document = {
        "argmap": 1,
        "title": "corpus",
        "sources": {"s": {"title": "t", "kind": "web"}},
        "thesis": {"id": "root", "claim": "root", "premises": premises},
    }
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8")


@pytest.mark.parametrize("name", ["argmap_hostile_labels.yaml", "argmap_hostile_labels_printable.yaml"])
def test_shared_hostile_label_corpus_renders_literally(name: str) -> None:
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{CORPUS} is missing in CI")
        pytest.skip(f"{CORPUS} is not present")
    argmap = load_text(_corpus_map(name))
    svg = run_dot(map_to_dot(argmap, RenderOptions(wrap=200))[0], fmt="svg")
    check_svg(svg)
    texts = node_texts(svg)
    assert len(texts) == len(argmap.claim_index)
    by_id = {text.split("\n", 1)[0]: text.split("\n") for text in texts.values()}
    for claim in argmap.claim_index.values():
        expected = clean(claim.text)
        if expected and len(expected) <= 200:
            assert by_id[claim.id][1] == expected, claim.id
    assert not [a for a in ET.fromstring(svg).iter(f"{SVG}a") if a.get(f"{XLINK}href")]


def test_the_message_of_a_failed_layout_keeps_dots_words_and_leaves_out_a_stack_trace() -> None:
    from argmap.render.graphviz import short_stderr

    err = (
        b"Warning: no value for width of non-ASCII character 226.\n"
        b"memory allocation of 1691776380 bytes failed\n"
        b"stack backtrace:\n"
        b"   0: std::alloc::rust_oom\n"
        b"   1: __rustc::__rust_alloc_error_handler\n"
    )
    assert short_stderr(err) == (
        "Warning: no value for width of non-ASCII character 226. | memory allocation of 1691776380 bytes failed"
    )
    assert short_stderr(b"\x1b]8;;http://x\x07label\n" * 50).startswith("\\x1b]8;;http://x\\x07label |")
    assert len(short_stderr(b"x" * 1000)) == 300
