"""The loader: positions on every model object, and hostile or broken input as problems, never crashes."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from conftest import BASE_MAP, shared_path

from argmap.formats.argmap_yaml import load_bytes
from argmap.model import ClaimKind


def load(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(data, file="m.yaml")


def only(result):
    """(rule, line, column) of each problem, sorted."""
    return [(p.rule, p.line, p.column) for p in sorted(result.problems)]


def test_positions_of_claims_citations_sources_and_edges() -> None:
    argmap = load(BASE_MAP).map
    assert argmap is not None
    positions = {c.id: (c.kind, c.position.line, c.position.column, c.parent) for c in argmap.claims}
    assert positions == {
        "uniforms-help": (ClaimKind.THESIS, 15, 3, None),
        "less-bullying": (ClaimKind.PREMISE, 18, 7, "uniforms-help"),
        "uniforms-attendance": (ClaimKind.CORRELATION, 25, 7, "uniforms-help"),
        "cost": (ClaimKind.COUNTERPOINT, 30, 7, "uniforms-help"),
        "cheaper-than-fashion": (ClaimKind.REBUTTAL, 34, 11, "cost"),
    }
    cites = argmap.claim("less-bullying").cites
    assert [(c.source, c.position.line, c.position.column, c.quote) for c in cites] == [
        ("op-ed", 21, 11, "fewer taunts about brands"),
        ("survey", 23, 11, None),
    ]
    assert cites[0].quote_position.short() == "22:18"
    assert [(s.id, s.position.short()) for s in argmap.sources] == [("op-ed", "5:3"), ("survey", "10:3")]
    assert argmap.source("op-ed").field_position("url").short() == "8:10"
    assert argmap.source("op-ed").date == "2021-09"
    assert [(e.child, e.parent, e.kind.value, e.ref) for e in argmap.edges] == [
        ("less-bullying", "uniforms-help", "premise", False),
        ("uniforms-attendance", "uniforms-help", "correlation", False),
        ("cost", "uniforms-help", "counterpoint", False),
        ("cheaper-than-fashion", "cost", "rebuttal", False),
    ]
    assert argmap.claim("uniforms-attendance").between == ("uniform policy", "attendance rate")


def test_a_ref_is_an_edge_not_a_copy() -> None:
    text = BASE_MAP.replace("        - survey\n", "        - survey\n    - ref: uniforms-attendance\n")
    argmap = load(text).map
    assert len(argmap.claims) == 5
    refs = [e for e in argmap.edges if e.ref]
    assert [(e.child, e.parent, e.kind.value, e.position.short()) for e in refs] == [
        ("uniforms-attendance", "uniforms-help", "premise", "24:7")
    ]


@pytest.mark.parametrize(
    "written, kept",
    [("2019", "2019"), ('"2019-05"', "2019-05"), ("2019-05-14", "2019-05-14"), ("'2019-05-14'", "2019-05-14")],
)
def test_dates_are_kept_as_written(written: str, kept: str) -> None:
    argmap = load(BASE_MAP.replace("date: 2021-09", f"date: {written}")).map
    assert argmap.source("op-ed").date == kept


def test_windows_line_endings_keep_positions() -> None:
    result = load(BASE_MAP.replace("\n", "\r\n"))
    assert result.problems == ()
    assert result.map.claim("cost").position.short() == "30:7"


def test_utf8_bom_is_accepted() -> None:
    result = load(b"\xef\xbb\xbf" + BASE_MAP.encode())
    assert result.problems == () and result.map.claim("cost").position.short() == "30:7"


BROKEN = [
    # (input, [(rule, line, column)], a fragment of the first message)
    (b"", [("schema", 1, 1)], "the file is empty"),
    (b"# only a comment\n", [("schema", 1, 1)], "the file is empty"),
    (b"   \n\n", [("schema", 1, 1)], "the file is empty"),
    (b"---\n", [("schema", 1, 1)], "the file is empty"),
    (b"~\n", [("schema", 1, 1)], "must be a mapping, not null (empty)"),
    (b"- a\n- b\n", [("schema", 1, 1)], "the map (top level) must be a mapping, not a list"),
    (b"42\n", [("schema", 1, 1)], "must be a mapping, not a number"),
    (b"just text\n", [("schema", 1, 1)], "must be a mapping, not text"),
    (b"argmap: 1\n\xff\xfe bad\n", [("syntax", 2, 1)], "invalid UTF-8 (byte 0xff)"),
    (b"title: caf\xe9\n", [("syntax", 1, 11)], "invalid UTF-8 (byte 0xe9)"),
    (b"\xff\xfea\x00:\x00", [("syntax", 1, 1)], "the file is UTF-16"),
    (b"argmap: 1\ntitle: a\x00b\n", [("syntax", 2, 9)], "control character \\x00"),
    (b"argmap: 1\n\ttitle: x\n", [("syntax", 2, 1)], "YAML syntax error"),
    (b"argmap: 1\n---\nargmap: 1\n", [("syntax", 2, 1)], "several YAML documents in one file"),
    (b"argmap: 1\nargmap: 1\n", [("schema", 2, 1)], "duplicate key 'argmap' in the map (top level) (first at 1:1)"),
    (b"a: &x [1]\nb: *x\n", [("syntax", 1, 4), ("syntax", 2, 4)], "YAML anchor &x is not allowed"),
    (b"base: &b {k: 1}\nother:\n  <<: *b\n", [("syntax", 1, 7), ("syntax", 3, 7)], "anchor &b"),
    (b"<<: {title: x}\n", [("syntax", 1, 1)], "merge keys (<<) are not allowed"),
    (
        b"title: !!python/object/apply:os.system ['true']\n",
        [("syntax", 1, 8)],
        "explicit YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
    ),
    (b"title: !custom x\n", [("syntax", 1, 8)], "explicit YAML tag !custom"),
    (b"title: !!binary aGVsbG8=\n", [("syntax", 1, 8)], "explicit YAML tag"),
    (b"? [a, b]\n: c\n", [("schema", 1, 3)], "keys in the map (top level) must be plain names, not a list"),
    (b'argmap: 1\ntitle: "\\ud800"\n', [("syntax", 2, 11)], "invalid Unicode character escape code"),
    (b'argmap: 1\ntitle: "\\x85\\u2028"\n', [("bad-text", 2, 8)], "\\x85"),
    (b'argmap: 1\ntitle: "a\\0b"\n', [("bad-text", 2, 8)], "\\x00"),
    (b"argmap: 1\ntitle: a\xe2\x80\xaeb\n", [("bad-text", 2, 9)], "\\u202e"),
    (b"argmap: 3\n", [("schema", 1, 9)], "unsupported format version 3"),
    (
        b"argmap: 1\ntitle: x\nsource: {}\n",
        [("schema", 3, 1)],
        "unknown key 'source' in the map (top level); did you mean 'sources'?",
    ),
]


@pytest.mark.parametrize("data, expected, fragment", BROKEN, ids=[repr(b[0][:20]) for b in BROKEN])
def test_broken_input_is_a_problem_with_a_position(data: bytes, expected, fragment: str) -> None:
    result = load(data)
    got = [(p.rule, p.line, p.column) for p in sorted(result.problems)]
    # missing top-level keys are reported too for partial maps; compare the ones named here
    assert [g for g in got if g in expected] == expected, result.problems
    first = next(p for p in sorted(result.problems) if (p.rule, p.line, p.column) == expected[0])
    assert fragment in first.message


@pytest.mark.parametrize(
    "value, kind",
    [
        ("1.10", "a number"),
        ("012", "a number"),
        ("no", "a boolean"),
        ("on", "a boolean"),
        ("~", "null (empty)"),
        ("2024-01-01", "a date"),
        ("true", "a boolean"),
    ],
)
def test_ids_that_yaml_reads_as_other_types_must_be_quoted(value: str, kind: str) -> None:
    result = load(BASE_MAP.replace("- id: cost\n", f"- id: {value}\n"))
    schema = [p for p in result.problems if p.rule == "schema"]
    assert [(p.line, p.column) for p in schema] == [(30, 11)]
    assert f"is read by YAML as {kind}; quote it" in schema[0].message


def test_quoted_numeric_looking_ids_are_fine() -> None:
    result = load(BASE_MAP.replace("- id: cost\n", '- id: "2024"\n'))
    assert result.problems == () and result.map.claim("2024") is not None


def _limit_memory(gigabytes: float) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (int(gigabytes * 2**30), hard))


def test_alias_bomb_is_refused_not_expanded() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    result = load("\n".join(lines) + "\nthesis: *a9\n")
    assert result.map is None
    assert all(p.rule == "syntax" for p in result.problems)
    assert (1, 5) in [(p.line, p.column) for p in result.problems]


def test_hostile_yaml_corpus_never_crashes() -> None:
    folder = shared_path("corpora", "hostile", "yaml")
    for path in sorted(folder.glob("*.yaml")):
        result = load(path.read_bytes())
        assert result.problems, path.name  # none of them is a valid map
        for problem in result.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert "\x1b" not in problem.message


@pytest.mark.parametrize("depth", [501, 10_000, 1_000_000])
def test_deep_flow_nesting_is_refused_before_it_is_composed(depth: int) -> None:
    result = load("a: " + "[" * depth + "]" * depth + "\n")
    assert [(p.rule, p.line, p.message) for p in result.problems] == [
        ("syntax", 1, "the YAML is nested more than 500 levels deep")
    ]
    # at the 501st level, or where libyaml 0.2.6, which scans flow collections ahead, stops (1000)
    assert result.problems[0].column in (503, 1003)


def test_deep_block_nesting_is_refused() -> None:
    block = "".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "v\n"
    result = load(block)
    assert [(p.rule, p.line, p.column, p.message) for p in result.problems] == [
        ("syntax", 501, 501, "the YAML is nested more than 500 levels deep")
    ]
    compact = "- " * 20000 + "x\n"
    result = load(compact)
    assert [(p.rule, p.line) for p in result.problems] == [("syntax", 1)]


def test_nesting_below_the_limit_is_only_a_schema_matter() -> None:
    result = load("a: " + "[" * 450 + "]" * 450 + "\n")
    assert result.map is not None and {p.rule for p in result.problems} == {"schema"}


def test_claims_nested_past_the_limit_are_refused_without_recursion() -> None:
    lines = ["argmap: 1", "title: deep", "sources: {s: {title: S, kind: web}}", "thesis:"]
    indent = "  "
    lines += [f"{indent}id: c0", f"{indent}claim: Root."]
    for depth in range(1, 230):
        lines.append(f"{indent}premises:")
        indent += "    "
        lines += [f"{indent[:-2]}- id: c{depth}", f"{indent}claim: Level {depth}.", f"{indent}cite: [s]"]
    result = load("\n".join(lines) + "\n")
    assert [p.message for p in result.problems] == ["claims are nested more than 200 claim levels deep"] or any(
        "nested more than 200" in p.message for p in result.problems
    )
    assert len(result.map.claims) == 201


def test_a_one_megabyte_claim_loads() -> None:
    text = BASE_MAP.replace("claim: Uniforms cost poor families money.", "claim: " + "x" * 1_000_000)
    result = load(text)
    assert result.problems == () and len(result.map.claim("cost").text) == 1_000_000


# Run in a fresh interpreter so that its peak resident memory is the load's alone: it reads the file,
# notes its high-water mark, loads, and prints what the load added, with what it loaded.
_MEASURE_LOAD = """
import json, sys
from argmap.formats.argmap_yaml import load_bytes

def high_water_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

data = open(sys.argv[1], "rb").read()
before = high_water_kib()
result = load_bytes(data, file="m.yaml")
print(json.dumps({"added_kib": high_water_kib() - before, "claims": len(result.map.claims),
                  "problems": [p.message for p in result.problems]}))
"""

#: what a load may add to the peak memory, per byte of input (Python objects for every node and
#: position: from 15.7 on CPython 3.12 and 3.13 to 18.5 on 3.10 for the generated map below)
LOAD_MEMORY_PER_INPUT_BYTE = 24


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from /proc")
def test_a_fifty_megabyte_file_loads_in_bounded_memory(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from genmap import generate

    big = tmp_path / "big.yaml"
    big.write_text(generate(130_000, seed=3), encoding="utf-8")
    size = big.stat().st_size
    assert size > 50_000_000
    child = subprocess.run(
        [sys.executable, "-c", _MEASURE_LOAD, str(big)], capture_output=True, text=True, timeout=600, check=True
    )
    measured = json.loads(child.stdout)
    assert measured["problems"] == []
    assert measured["claims"] == 130_000
    assert measured["added_kib"] * 1024 < LOAD_MEMORY_PER_INPUT_BYTE * size, measured
