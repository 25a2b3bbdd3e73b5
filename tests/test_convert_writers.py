"""The writers of `argmap convert` (argmap, json, mermaid, graphml, markdown): exact output on a small
map, golden output on the Assad map, round trips on generated maps, and hostile text made inert.

Golden files live in tests/convert/golden/; regenerate them on purpose with ARGMAP_REGEN=1.
Mermaid output is read by Mermaid's own parser (tests/mermaid, installed by .ci/run with npm ci);
GraphML by networkx; Markdown by markdown-it-py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace

import jsonschema
import networkx as nx
import pytest
from conftest import ASSAD_MAP, BASE_MAP, ROOT, shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from strategies import dump, format2_documents, load, signature

from argmap.checks.runner import check_map
from argmap.edit.document import parse
from argmap.edit.layout import layout
from argmap.findings import LOSS, Severity
from argmap.formats import REGISTRY, argmap_json, graphml, markdown, mermaid
from argmap.formats.argmap_write import scalar, write
from argmap.formats.json_schema import schema, schema_json
from argmap.model import ArgMap, Citation
from argmap.text.safe import visible

GOLDEN = ROOT / "tests" / "convert" / "golden"
REGEN = os.environ.get("ARGMAP_REGEN") == "1"
ALL_FIELDS = ("tags", "note", "weight", "inferred", "between", "cites")
WRITERS = ("argmap", "json", "mermaid", "graphml", "markdown")
EXTENSION = {"argmap": "yaml", "json": "json", "mermaid": "mmd", "graphml": "graphml", "markdown": "md"}
MERMAID_DIR = ROOT / "tests" / "mermaid"
#: how a Mermaid title writes the three characters that Mermaid would show as entities
FULL_WIDTH = str.maketrans("&<>", "\uff06\uff1c\uff1e")
EDGE_LINE = re.compile(r"  [cas]\d+ (?:---|-->|--x|-\.-|-\.->|-\.-x) [cas]\d+")

SMALL = """\
argmap: 2
title: Uniforms
sources:
  op-ed: {title: Why uniforms work, kind: article, url: "https://example.org/u?a=(1)"}
thesis:
  id: t
  claim: Schools should require uniforms.
  premises:
    - id: p
      claim: Less bullying.
      cite:
        - source: op-ed
          quote: fewer taunts
          locator: para 3
      undercuts:
        - id: u
          claim: Correlation only.
          cite: [op-ed]
  counterpoints:
    - id: c
      claim: They cost money.
      cite: [op-ed]
      weight: 0.5
      rebuttals:
        - ref: p
  arguments:
    - id: a
      scheme: expert-opinion
      premises:
        - id: e
          claim: Heads say so.
          cite: [op-ed]
      assumptions:
        - id: k
          claim: Heads know.
"""

HOSTILE = [
    '<script>alert(1)</script> "]; c9["pwned',
    "%%{init: {'theme': 'dark'}}%% click c0 call alert(1)",
    "[x](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](http://e/x.png)",
    "#quot; &amp; &#1; &lt;b&gt; ]]> <!-- --> `code` *em* _u_ ~~s~~ | a | b |",
    "# heading\n- item\n> quote\n1. one --> c0 --x c1 ::: end",
    "tab\tand\x1b[2J\x07 control \x00 nul \ud800 surrogate \u202e bidi",
]


def small_map() -> ArgMap:
    return load(SMALL, "small.yaml")


def hostile_map() -> ArgMap:
    """The small map with every hostile text in claims, a quote, a note, a tag, the title and a URL.
    Control characters cannot be written in a map file (the loader refuses them), so they are put
    into the model directly: writers must be safe for any model."""
    base = small_map()
    claims = []
    for i, claim in enumerate(base.claims):
        text = HOSTILE[i % len(HOSTILE)]
        cites = tuple(replace(c, quote=HOSTILE[(i + 1) % len(HOSTILE)]) for c in claim.cites)
        claims.append(replace(claim, text=text, cites=cites, note=HOSTILE[(i + 2) % len(HOSTILE)], tags=(HOSTILE[0],)))
    sources = tuple(replace(s, title=HOSTILE[2], url="javascript:alert(1)") for s in base.sources)
    return replace(base, claims=tuple(claims), sources=sources, title=HOSTILE[4], description=HOSTILE[3])


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path} (run with ARGMAP_REGEN=1)"
    assert text == path.read_text(encoding="utf-8")


# -- golden and exact ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", WRITERS)
def test_golden_output_on_the_assad_map(name: str) -> None:
    argmap = load(ASSAD_MAP.read_text(encoding="utf-8"), "maps/assad_isis.yaml")
    write_map = REGISTRY[name].write
    assert write_map is not None
    text, losses = write_map(argmap)
    check_golden(f"assad_isis.{EXTENSION[name]}", text)
    assert all(p.rule == LOSS and p.severity is Severity.WARNING for p in losses)


def test_argmap_writer_exact_output() -> None:
    text, losses = write(small_map())
    assert losses == ()
    assert text == (
        "# yaml-language-server: $schema=https://argmap.dev/schemas/argmap.schema.json\n"
        "argmap: 2\n"
        "title: Uniforms\n"
        "sources:\n"
        "  op-ed:\n"
        "    title: Why uniforms work\n"
        "    kind: article\n"
        '    url: "https://example.org/u?a=(1)"\n'
        "thesis:\n"
        "  id: t\n"
        "  claim: Schools should require uniforms.\n"
        "  premises:\n"
        "    - id: p\n"
        "      claim: Less bullying.\n"
        "      cite:\n"
        "        - source: op-ed\n"
        "          quote: fewer taunts\n"
        "          locator: para 3\n"
        "      undercuts:\n"
        "        - id: u\n"
        "          claim: Correlation only.\n"
        "          cite: [op-ed]\n"
        "  arguments:\n"
        "    - id: a\n"
        "      scheme: expert-opinion\n"
        "      premises:\n"
        "        - id: e\n"
        "          claim: Heads say so.\n"
        "          cite: [op-ed]\n"
        "      assumptions:\n"
        "        - id: k\n"
        "          claim: Heads know.\n"
        "  counterpoints:\n"
        "    - id: c\n"
        "      claim: They cost money.\n"
        "      cite: [op-ed]\n"
        "      weight: 0.5\n"
        "      rebuttals:\n"
        "        - ref: p\n"
    )


LONG = (
    "A claim long enough that its one line passes the hundred columns argmap fmt fills folded text to, "
    "and then some more words."
)


def test_what_the_writer_writes_is_in_the_layout_fmt_keeps() -> None:
    # a map converted from another format passes `argmap fmt --check` as it is written
    argmap = small_map()
    claim = argmap.claim_index["p"]
    many = tuple(Citation(f"source-number-{n}", position=claim.position) for n in range(8))
    argmap = dataclasses.replace(
        argmap,
        description=LONG,
        claims=tuple(
            dataclasses.replace(c, text=LONG, note=LONG, tags=tuple(f"tag-{n}" for n in range(14)), cites=many)
            if c.id == "e"
            else c
            for c in argmap.claims
        ),
    )
    text, _ = write(argmap)
    assert layout(parse(text.encode(), "m.yaml")) == text
    assert (
        "description: >-\n  A claim long enough that its one line passes the hundred columns argmap fmt fills" in text
    )
    assert "          claim: >-\n            A claim long enough" in text
    assert "          cite:\n            - source-number-0\n" in text  # too long for one line: one a line
    assert "          tags:\n            - tag-0\n" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_format_1_when_the_map_needs_nothing_of_format_2() -> None:
    text, _ = write(load(BASE_MAP))
    assert text.splitlines()[1] == "argmap: 1"
    assert signature(load(text), fields=ALL_FIELDS) == signature(load(BASE_MAP), fields=ALL_FIELDS)


@pytest.mark.parametrize(
    "value", ["yes", "no", "on", "null", "~", "1.10", "2019-05-14", "1e5", "0x1F", "a: b", "a #b", " x", "x ", "-x",
              "[x]", "{x}", "'q'", '"q"', "*a", "&a", "!t", "|", ">", "%x", "@x", "`x", "", "a\nb", "é ü", "1_000"],
)  # fmt: skip
def test_scalars_load_back_as_the_same_text(value: str) -> None:
    import yaml

    assert yaml.safe_load(f"k: {scalar(value)}\n") == {"k": value}
    assert yaml.safe_load(f"k: [{scalar(value, flow=True)}]\n") == {"k": [value]}


def test_mermaid_exact_output() -> None:
    text, losses = mermaid.write(small_map())
    assert text == (
        '---\ntitle: "Uniforms"\n---\n'
        "flowchart BT\n"
        '  c0(["Schools should require uniforms."])\n'
        '  c1["Less bullying."]\n'
        '  c2["Correlation only."]\n'
        '  c3["They cost money."]\n'
        '  c4["Heads say so."]\n'
        '  c5("Heads know.")\n'
        '  a0((" "))\n'
        '  s0((" "))\n'
        "  c1 --- s0\n"
        "  s0 --> c0\n"
        "  c2 --x s0\n"
        "  c3 --x c0\n"
        "  c1 -.-x c3\n"
        "  c4 --- a0\n"
        "  c5 -.- a0\n"
        "  a0 --> c0\n"
        "  classDef sideFor fill:#e8f4ea,stroke:#2e7d32,color:#1b3d1f\n"
        "  classDef sideAgainst fill:#fdecea,stroke:#c62828,color:#4a1010\n"
        "  classDef thesis stroke-width:3px\n"
        "  classDef premise stroke-width:1px\n"
        "  classDef correlation stroke-width:1px,stroke-dasharray:6 2\n"
        "  classDef counterpoint stroke-width:2px\n"
        "  classDef rebuttal stroke-width:2px\n"
        "  classDef undercut stroke-width:2px,stroke-dasharray:2 2\n"
        "  classDef assumption stroke-width:1px,stroke-dasharray:4 4\n"
        "  classDef junction fill:#ffffff,stroke:#555555\n"
        "  class c0 thesis\n"
        "  class c0,c1,c4,c5 sideFor\n"
        "  class c1,c4 premise\n"
        "  class c2 undercut\n"
        "  class c2,c3 sideAgainst\n"
        "  class c3 counterpoint\n"
        "  class c5 assumption\n"
        "  class a0,s0 junction\n"
    )
    messages = sorted(p.message for p in losses)
    assert "mermaid cannot hold citations: 4 left out (the first here)" in messages
    assert "mermaid cannot hold weights: left out" in messages
    assert not any("title" in message for message in messages)  # it is the diagram's title
    assert mermaid.write(replace(small_map(), title=" \n "))[0].startswith("flowchart BT\n")  # no title, none


def mermaid_titles(texts: list[str]) -> list[dict]:
    """The title of each diagram as Mermaid renders it (tests/mermaid/title.mjs): its text and the
    elements inside it."""
    return _run_mermaid("title.mjs", texts)


def test_the_map_title_is_the_diagram_title_that_mermaid_shows_as_text() -> None:
    titles = ["Uniforms", "Tom & Jerry <3 > 2", 'Élan 😀 "quoted" \\ back', *HOSTILE, "---\nflowchart LR\n  x-->y"]
    base = small_map()
    texts = [mermaid.write(replace(base, title=title))[0] for title in titles]
    shown = mermaid_titles(texts)
    expected = [" ".join(visible(t, one_line=False).split()).translate(FULL_WIDTH) for t in titles]
    for text, title, result in zip(texts, expected, shown, strict=True):
        assert result["ok"], result
        assert (result["title"], result["inside"], result["scripts"]) == (title, [], 0)
        assert text.startswith("---\ntitle: ") and text.count("\n---\n") == 1  # the front matter ends once
    assert shown[1]["title"] == "Tom ＆ Jerry ＜3 ＞ 2"


def test_mermaid_labels_are_entity_coded() -> None:
    assert mermaid.label('a "b" #1 <i>') == "a #34;b#34; #35;1 #60;i#62;"
    assert mermaid.label("Élan  vital\nnext") == "Élan vital next"


def test_mermaid_refuses_past_its_limits_and_names_the_options() -> None:
    big = small_map()
    many = tuple(replace(big.claims[3], id=f"x{i}") for i in range(600))
    edges = tuple(replace(next(e for e in big.edges if e.child == "c"), child=f"x{i}") for i in range(600))
    text, problems = mermaid.write(replace(big, claims=big.claims + many, edges=big.edges + edges))
    assert text == ""
    (problem,) = problems
    assert problem.severity is Severity.ERROR
    assert "500 edges" in problem.message and "--focus ID" in problem.message and "--depth N" in problem.message


def test_json_exact_shape_and_schema() -> None:
    data = json.loads(argmap_json.write(small_map())[0])
    assert data["argmap-json"] == 1 and data["format"] == 2 and data["theses"] == ["t"]
    assert data["claims"][1] == {
        "id": "p",
        "text": "Less bullying.",
        "kind": "premise",
        "parent": "t",
        "cite": [{"source": "op-ed", "quote": "fewer taunts", "locator": "para 3"}],
    }
    assert {"child": "p", "parent": "c", "kind": "rebuttal", "ref": True} in data["relations"]
    assert data["arguments"] == [
        {"id": "a", "conclusion": "t", "premises": ["e"], "assumptions": ["k"], "scheme": "expert-opinion"}
    ]
    jsonschema.Draft202012Validator(schema()).validate(data)


def test_published_json_schema_is_the_generated_one() -> None:
    assert (ROOT / "schemas" / "argmap-json.schema.json").read_text(encoding="utf-8") == schema_json(), (
        "run: python -m argmap.formats.json_schema > schemas/argmap-json.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(schema())


def test_json_reader_reports_problems_with_positions() -> None:
    good = argmap_json.write(small_map())[0]
    bad = good.replace('"kind": "counterpoint"', '"kind": "objection"', 1).replace('"weight": 0.5', '"weight": 5', 1)
    result = argmap_json.read(bad.encode(), file="m.json")
    lines = {(p.line, p.rule) for p in result.problems}
    bad_lines = bad.splitlines()
    kind_line = next(i for i, line in enumerate(bad_lines, 1) if '"objection"' in line)
    assert (kind_line, "schema") in lines
    assert any("'claims[3].kind' 'objection' is not one of" in p.message for p in result.problems)
    syntax = argmap_json.read(b'{"argmap-json": 1,\n  "title": }', file="m.json")
    assert syntax.map is None and [(p.line, p.column, p.rule) for p in syntax.problems] == [(2, 12, "syntax")]
    dup = argmap_json.read(b'{"argmap-json": 1, "title": "a",\n "title": "b", "sources": [], "claims": []}', file="m")
    assert [(p.line, p.column, p.rule) for p in dup.problems] == [(2, 2, "syntax")]
    control = good.replace("Less bullying.", "Less\\u001b[2J bullying.")
    assert [p.rule for p in argmap_json.read(control.encode(), file="m").problems] == ["bad-text"]


def test_graphml_is_read_by_networkx() -> None:
    path_text, losses = graphml.write(small_map())
    graph = nx.parse_graphml(path_text)
    assert graph.nodes["p"]["text"] == "Less bullying." and graph.nodes["p"]["kind"] == "premise"
    assert graph.nodes["c"]["side"] == "against" and graph.nodes["c"]["weight"] == 0.5
    assert graph.nodes["p"]["sources"] == "op-ed" and graph.nodes["p"]["quotes"] == "fewer taunts"
    assert graph.nodes["a"]["kind"] == "argument" and graph.nodes["a"]["scheme"] == "expert-opinion"
    assert graph.has_edge("e", "a") and graph.has_edge("a", "t") and graph.has_edge("u", "step:p")
    assert graph.has_edge("p", "step:p") and graph.has_edge("step:p", "t")
    assert graph.edges["p", "c"]["ref"] is True and graph.edges["p", "c"]["relation"] == "attack"
    assert next(p.message for p in losses).startswith("graphml cannot hold citation locators")


def test_markdown_exact_output() -> None:
    text, _ = markdown.write(small_map())
    assert text == (
        "# Uniforms\n\n"
        "- **thesis** (for): Schools should require uniforms. `t`\n"
        "  - **premise** (for): Less bullying. `p`\\\n"
        "    cites: [`op-ed`](https://example.org/u?a=%281%29), para 3: “fewer taunts”\n"
        "    - **undercut** (against): Correlation only. `u`\\\n"
        "      cites: [`op-ed`](https://example.org/u?a=%281%29)\n"
        "  - **counterpoint** (against): They cost money. `c`\\\n"
        "    cites: [`op-ed`](https://example.org/u?a=%281%29)\\\n"
        "    weight: 0.5\n"
        "    - **rebuttal** (for): see `p`: Less bullying.\n"
        "  - **linked argument** `a`: its premises hold only together\\\n"
        "    scheme: expert-opinion\n"
        "    - **premise** (for): Heads say so. `e`\\\n"
        "      cites: [`op-ed`](https://example.org/u?a=%281%29)\n"
        "    - **assumption** (for): Heads know. `k`\n"
        "\n## Sources\n\n"
        "- `op-ed`: [Why uniforms work](https://example.org/u?a=%281%29) — article\n"
    )


# -- round trips --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(format2_documents())
def test_argmap_writer_round_trips(document: dict) -> None:
    original = load(dump(document))
    text, losses = write(original)
    again = load(text, "again.yaml")
    assert losses == ()
    assert signature(again, fields=ALL_FIELDS) == signature(original, fields=ALL_FIELDS)
    assert write(again)[0] == text  # canonical: writing again changes nothing
    assert layout(parse(text.encode(), "again.yaml")) == text  # and in the layout `argmap fmt` keeps


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(format2_documents())
def test_json_round_trips_exactly(document: dict) -> None:
    original = load(dump(document))
    text, losses = argmap_json.write(original)
    read = argmap_json.read(text.encode(), file="m.json")
    assert losses == () and read.problems == () and read.map is not None
    assert check_map(read.map) == []
    assert signature(read.map, fields=ALL_FIELDS) == signature(original, fields=ALL_FIELDS)
    assert write(read.map)[0] == write(original)[0]
    jsonschema.Draft202012Validator(schema()).validate(json.loads(text))


# -- hostile text -------------------------------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_hostile_text_in_the_argmap_writer_is_data() -> None:
    import yaml

    argmap = hostile_map()
    text, _ = write(argmap)
    readable = text.replace("\\ud800", "?")  # YAML refuses the escaped lone surrogate
    assert layout(parse(readable.encode(), "h.yaml")) == readable  # in fmt's layout, hostile text too
    document = yaml.safe_load(readable)
    assert document["title"] == HOSTILE[4]
    assert document["thesis"]["claim"] == HOSTILE[0]


def test_hostile_text_in_json_is_data() -> None:
    data = json.loads(argmap_json.write(hostile_map())[0])
    assert data["claims"][0]["text"] == HOSTILE[0] and data["title"] == HOSTILE[4]


def test_hostile_text_in_graphml_is_character_data() -> None:
    text, _ = graphml.write(hostile_map())
    ET.fromstring(text.encode("utf-8"))  # well-formed
    graph = nx.parse_graphml(text)
    assert graph.nodes["t"]["text"] == HOSTILE[0]
    control_free = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", "", HOSTILE[5])
    assert graph.nodes[small_map().claims[5].id]["text"] == control_free
    assert "<script>" not in text and "]]>" not in text.replace("]]&gt;", "")


def test_hostile_text_in_markdown_makes_no_markup() -> None:
    text, _ = markdown.write(hostile_map())
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)
    kinds = set()
    hrefs = []
    for token in tokens:
        kinds.add(token.type)
        for child in token.children or ():
            kinds.add(child.type)
            if child.type == "link_open":
                hrefs.append(child.attrGet("href"))
    assert sum(1 for t in tokens if t.type == "heading_open") == 2  # the title and "Sources", nothing else
    assert not {"html_inline", "html_block", "image", "table_open", "blockquote_open", "s_open", "em_open"} & kinds
    assert hrefs == [] or all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "javascript" not in "".join(hrefs)
    html = MarkdownIt("commonmark").render(text)
    assert "<script" not in html and "<img" not in html and "\x1b" not in html


def _node() -> str | None:
    return shutil.which("node")


def mermaid_parse(texts: list[str]) -> list[dict]:
    """What Mermaid's own parser makes of each text (tests/mermaid/parse.mjs)."""
    return _run_mermaid("parse.mjs", texts)


def _run_mermaid(script: str, texts: list[str]) -> list[dict]:
    """One of the scripts of tests/mermaid run on `texts` (a JSON list on its stdin), its JSON answer."""
    node = _node()
    if node is None or not (MERMAID_DIR / "node_modules" / "mermaid").is_dir():
        if os.environ.get("CI"):
            pytest.fail("Mermaid is missing: run npm ci --prefix tests/mermaid (.ci/run does)")
        pytest.skip("Mermaid is not installed (npm ci --prefix tests/mermaid)")
    done = subprocess.run(
        [node, str(MERMAID_DIR / script)], input=json.dumps(texts).encode(), capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)


def _decoded(label: str) -> str:
    """A label as Mermaid shows it: its entity codes (kept as placeholders by the parser) decoded."""
    label = re.sub("ﬂ°°(\\d+)¶ß", lambda m: chr(int(m.group(1))), label)
    return label


def test_mermaid_output_is_read_by_mermaid_as_written() -> None:
    small, hostile, assad = small_map(), hostile_map(), load(ASSAD_MAP.read_text(encoding="utf-8"))
    texts = [mermaid.write(m)[0] for m in (small, hostile, assad)]
    results = mermaid_parse(texts)
    for argmap, text, result in zip((small, hostile, assad), texts, results, strict=True):
        assert result["ok"], result
        vertices = {v["id"]: v for v in result["vertices"]}
        junctions = text.count('((" "))')
        assert len(vertices) == len(argmap.claim_index) + junctions
        assert all(v["link"] is None for v in vertices.values()) and result["clicks"] == 0
        for i, claim in enumerate(argmap.claim_index.values()):
            assert _decoded(vertices[f"c{i}"]["text"]) == _flat(claim.text), claim.id
        edge_lines = [line for line in text.splitlines() if EDGE_LINE.fullmatch(line)]
        assert len(result["edges"]) == len(edge_lines)
        assert [(e["start"], e["end"]) for e in result["edges"]] == [tuple(line.split()[::2]) for line in edge_lines]
    assert {v["type"] for v in results[0]["vertices"]} == {"stadium", "square", "round", "circle"}


def test_generated_maps_are_read_by_mermaid() -> None:
    texts: list[str] = []
    maps: list[ArgMap] = []

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(format2_documents())
    def collect(document: dict) -> None:
        argmap = load(dump(document))
        maps.append(argmap)
        texts.append(mermaid.write(argmap)[0])

    collect()
    for argmap, result in zip(maps, mermaid_parse(texts), strict=True):
        assert result["ok"], result
        texts_by_id = {v["id"]: _decoded(v["text"]) for v in result["vertices"]}
        for i, claim in enumerate(argmap.claim_index.values()):
            assert texts_by_id[f"c{i}"] == _flat(claim.text)


def _corpus_texts() -> list[str]:
    """Every label and id of the shared hostile label corpus, as claim texts."""
    import yaml

    texts: list[str] = []
    for name in ("argmap_hostile_labels.yaml", "argmap_hostile_labels_printable.yaml", "argmap_hostile_ids.yaml"):
        document = yaml.safe_load(shared_path("corpora", "hostile", "graphviz", name).read_text(encoding="utf-8"))
        for entry in document.get("claims", []):
            texts.extend(str(entry[k]) for k in ("id", "text") if k in entry)
    return texts


def test_the_hostile_label_corpus_stays_text_in_every_writer() -> None:
    texts = _corpus_texts()
    base = small_map()
    maps = []
    for start in range(0, len(texts), len(base.claims)):
        chunk = texts[start : start + len(base.claims)]
        claims = tuple(replace(c, text=t, note=t) for c, t in zip(base.claims, chunk, strict=False))
        maps.append(replace(base, claims=claims + base.claims[len(chunk) :], title=chunk[0]))
    parsed = mermaid_parse([mermaid.write(m)[0] for m in maps])
    for argmap, result in zip(maps, parsed, strict=True):
        assert result["ok"], result
        shown = {v["id"]: _decoded(v["text"]) for v in result["vertices"]}
        assert [shown[f"c{i}"].strip() for i in range(len(argmap.claims))] == [_flat(c.text) for c in argmap.claims]
        assert all(v["link"] is None for v in result["vertices"]) and result["clicks"] == 0
        graph = nx.parse_graphml(graphml.write(argmap)[0])
        control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
        assert [graph.nodes[c.id].get("text", "") for c in argmap.claims] == [
            control.sub("", c.text) for c in argmap.claims
        ]
        html = MarkdownIt("commonmark").render(markdown.write(argmap)[0])
        assert "<script" not in html and "<img" not in html
        assert all(h.startswith(("http://", "https://")) for h in re.findall(r'href="([^"]*)"', html))
        data = json.loads(argmap_json.write(argmap)[0])
        assert [c["text"] for c in data["claims"]] == [c.text for c in argmap.claims]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-2, 2)
    | st.sampled_from(["t", "p", "", "x y", "premise"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "kind", "text", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*path, index)))
    return found


@settings(
    max_examples=int(os.environ.get("ARGMAP_FUZZ", "100")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.data())
def test_any_edit_of_argmap_json_is_read_without_a_crash(data: st.DataObject) -> None:
    """A JSON map is untrusted input: any value anywhere gives problems, never an exception, and a
    map read with no error can be written by every writer."""
    document = json.loads(argmap_json.write(small_map())[0])
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(document)[1:]))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = data.draw(JSON_VALUES)
    result = argmap_json.read(json.dumps(document).encode(), file="m.json")
    if result.map is None:
        return
    problems = list(result.problems) + check_map(result.map)
    if not any(p.severity is Severity.ERROR for p in problems):
        for name in WRITERS:
            writer = REGISTRY[name].write
            assert writer is not None
            writer(result.map)
