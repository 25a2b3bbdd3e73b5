"""The argdown format (argmap.formats.argdown): exact reads of small Argdown snippets per construct,
the four real Argdown documents (against Argdown's own parser), positions of syntax errors, hostile
input, and the round trip argmap -> argdown -> argmap on generated maps."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ASSAD_MAP, ROOT, run_in_process, shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import SAFE_TEXT, dump, format2_documents, load, signature

from argmap.checks.runner import check_map
from argmap.findings import Severity
from argmap.formats import REGISTRY, by_extension, reader_for
from argmap.formats.argdown import normalized_relations, read
from argmap.formats.argdown_parse import parse
from argmap.formats.argdown_write import escape, write
from argmap.formats.argmap_yaml import load_path
from argmap.model import ArgMap

CORPUS = ("corpora", "argdown")
CORPUS_FILES = (
    "argdown-primer.argdown",
    "legalisation-softdrugs.argdown",
    "greenspan-schefczyk_hardwrap.argdown",
    "Populism-Core-Argument-Argdown-Example.argdown",
)
ORACLE = ROOT / "tests" / "argdown" / "oracle.json"
FIELDS = ("tags", "note", "cites", "weight", "inferred", "between")


def loaded(text: str, *, clean: bool = True) -> ArgMap:
    result = read(text.encode("utf-8"), file="t.argdown")
    assert result.map is not None, result.problems
    if clean:
        assert result.problems == (), result.problems
        assert list(check_map(result.map)) == []
    return result.map


def problems(text: str | bytes) -> list[tuple[int, int, str, str]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = read(data, file="t.argdown")
    return [(p.line, p.column, p.severity.name.lower(), p.message) for p in result.problems]


def claims(argmap: ArgMap) -> list[tuple[str, str, str | None, str | None, str]]:
    return [(c.id, c.kind.value, c.parent, c.argument, c.text) for c in argmap.claims]


# The registry.


def test_argdown_is_registered_by_name_and_extension() -> None:
    fmt = REGISTRY["argdown"]
    assert fmt.extensions == (".argdown", ".ad")
    assert fmt.read is read and fmt.write is not None
    assert by_extension("x/Map.ARGDOWN") is fmt and by_extension("m.ad") is fmt
    assert reader_for("m.argdown") is read


# Statements, equivalence classes, relations.

SNIPPET = """\
===
title: Uniforms
author: A. Writer
===

# Costs

[Uniforms]: Schools should require **uniforms**. #policy #(school life)
  + <Less bullying>: Uniforms reduce _bullying_ about clothes. // a comment
    - [Cost]: Uniforms cost money.
  - [Cost]
  <- <Freedom>: Children should choose. /* inline
  comment */ #rights

[Uniforms]: A second wording.

Just some prose.
"""


def test_statements_arguments_relations_tags_frontmatter_sections_and_comments() -> None:
    m = loaded(SNIPPET)
    assert (m.title, m.theses, m.description) == ("Uniforms", ("uniforms",), "Just some prose.")
    assert claims(m) == [
        ("uniforms", "thesis", None, None, "Schools should require uniforms."),
        ("less-bullying", "premise", "uniforms", None, "Uniforms reduce bullying about clothes."),
        ("cost", "counterpoint", "less-bullying", None, "Uniforms cost money."),
        ("freedom", "counterpoint", "uniforms", None, "Children should choose."),
    ]
    assert [(e.child, e.parent, e.kind.value, e.ref) for e in m.edges] == [
        ("less-bullying", "uniforms", "premise", False),
        ("cost", "less-bullying", "counterpoint", False),
        ("cost", "uniforms", "counterpoint", True),
        ("freedom", "uniforms", "counterpoint", False),
    ]
    thesis = m.claim_index["uniforms"]
    assert thesis.tags == ("policy", "school life")
    assert thesis.note == (
        "Argdown section: Costs\nArgdown: also written at 15:1 as: A second wording.\nArgdown title: Uniforms"
    )
    assert m.claim_index["freedom"].tags == ("rights",)
    assert m.claim_index["less-bullying"].note == "Argdown section: Costs\nArgdown argument <Less bullying>"
    # every claim has its position in the .argdown file and cites the file
    assert [c.position.short() for c in m.claims] == ["8:1", "9:5", "10:7", "12:6"]
    (source,) = m.sources
    assert (source.id, source.title, source.kind, source.note) == (
        "uniforms-source",
        "Uniforms",
        "document",
        "author: A. Writer",
    )
    assert m.analyses == "uniforms-source"
    assert all(c.cites[0].source == "uniforms-source" for c in m.claims)


def test_relation_directions_incoming_and_outgoing() -> None:
    m = loaded("[A]: a\n  +> [B]: b\n  -> [C]: c\n  <+ [D]: d\n  <- [E]: e\n")
    relations = sorted((e.child, e.parent, e.kind.value) for e in m.edges)
    assert relations == [
        ("a", "b", "premise"),
        ("a", "c", "counterpoint"),
        ("d", "a", "premise"),
        ("e", "a", "counterpoint"),
    ]
    assert m.theses == ("b", "c")


def test_contradictory_statements_attack_each_other_and_strict_mode_makes_contraries() -> None:
    m = loaded("[A]: a\n  >< [B]: b\n")
    assert sorted((e.child, e.parent, e.kind.value, e.ref) for e in m.edges) == [
        ("a", "b", "rebuttal", True),
        ("b", "a", "counterpoint", False),
    ]
    strict = loaded("===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  - [B]: b\n")
    assert sorted((e.child, e.parent) for e in strict.edges) == [("a", "b"), ("b", "a")]
    loose = loaded("[A]: a\n  - [B]: b\n")
    assert [(e.child, e.parent) for e in loose.edges] == [("b", "a")]


def test_a_reference_before_its_definition_and_a_class_never_defined() -> None:
    m = loaded("[T]\n  + [P]\n\n[P]: The premise.\n")
    assert claims(m) == [("t", "thesis", None, None, "T"), ("p", "premise", "t", None, "The premise.")]
    assert m.claim_index["p"].position.short() == "4:1"


def test_escapes_and_markup_kept_as_text() -> None:
    m = loaded(r"[A]: a \[b\] \<c\> \#d \{e\} \*f\* \_g\_ a\/\/b @[A] [site](https://x.org/a//b)" + "\n")
    assert m.claims[0].text == "a [b] <c> #d {e} *f* _g_ a//b @[A] site (https://x.org/a//b)"
    assert m.claims[0].tags == ()


# Premise-conclusion structures.

PCS = """\
<Socrates>: Socrates is mortal. #classic

(1) [Humans]: All humans are mortal.
(2) Socrates is a human.
--
Modus ponens {uses: [1, 2]}
--
(3) [Mortal]: Socrates is mortal.
(4) [Dead]: Mortals die.
  - <Elixir>: Some drink an elixir.
-----
  <_ [Lazy]: Dying is not implied.
(5) Socrates will die.
  +> [Thesis]: Everyone dies.

[Thesis]
  + <Sketch>: A sketched argument.
    _ <Doubt>: It does not follow.
"""


def test_premise_conclusion_structures_become_linked_arguments_with_inferred_conclusions() -> None:
    m = loaded(PCS)
    assert claims(m) == [
        ("thesis", "thesis", None, None, "Everyone dies."),
        ("socrates-will-die", "premise", "thesis", None, "Socrates will die."),
        ("mortal", "premise", "socrates-will-die", "socrates", "Socrates is mortal."),
        ("humans", "premise", "mortal", "socrates-step-1", "All humans are mortal."),
        ("socrates-is-a-human", "premise", "mortal", "socrates-step-1", "Socrates is a human."),
        ("dead", "premise", "socrates-will-die", "socrates", "Mortals die."),
        ("elixir", "counterpoint", "dead", None, "Some drink an elixir."),
        ("lazy", "undercut", "socrates-will-die", "socrates", "Dying is not implied."),
        ("sketch", "premise", "thesis", None, "A sketched argument."),
        ("doubt", "undercut", "sketch", None, "It does not follow."),
    ]
    assert [c.id for c in m.claims if c.inferred] == ["socrates-will-die", "mortal"]
    assert [(a.id, a.conclusion, a.premises, a.tags, a.note) for a in m.arguments] == [
        (
            "socrates",
            "socrates-will-die",
            ("mortal", "dead"),
            ("classic",),
            "Socrates is mortal.\nArgdown title: Socrates",
        ),
        (
            "socrates-step-1",
            "mortal",
            ("humans", "socrates-is-a-human"),
            (),
            "inference rule: Modus ponens\nArgdown title: Socrates (step 1)",
        ),
    ]


def test_an_argument_supporting_its_own_conclusion_is_its_structure_not_a_cycle() -> None:
    m = loaded("[Power]: P.\n  <+ <Core>\n\n<Core>\n\n(1) Q.\n----\n(2) [Power]\n")
    assert [(e.child, e.parent, e.argument) for e in m.edges] == [("q", "power", "core")]


def test_relations_of_and_to_reconstructed_arguments_are_those_of_their_conclusion() -> None:
    m = loaded("<A>\n\n(1) p\n----\n(2) c\n\n[X]: x\n  - <A>\n  + <B>: b\n    _> <A>\n")
    assert sorted((e.child, e.parent, e.kind.value, e.argument) for e in m.edges) == [
        ("b", "c", "undercut", "a"),
        ("b", "x", "premise", None),
        ("c", "x", "counterpoint", None),
        ("p", "c", "premise", "a"),
    ]


def test_an_undercut_of_an_attacking_argument_is_read_as_an_attack_with_a_warning() -> None:
    assert problems("[T]: t\n  - <Con>: c\n    <_ <Doubt>: d\n") == [
        (
            3,
            5,
            "warning",
            "an undercut of <Con>, which supports nothing here (argmap undercuts only a support step); "
            "read as an attack on it",
        )
    ]


# Syntax errors, each with its position.


_FLOW_ERROR = "YAML data: while parsing a flow sequence: did not find expected ',' or ']'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[A]: a /* never closed\n", [(1, 8, "the comment '/*' is not closed")]),
        ("[A]: a\n  + [B]: b {cite: x\n", [(2, 12, "the data block '{' is not closed")]),
        ("[A]: a\n  + [B]: b {cite: [x}\n", [(2, 21, _FLOW_ERROR)]),
        ("[A]: a {x: &a 1}\n", [(1, 12, "YAML data: YAML anchor &a is not allowed in a map; remove it")]),
        (
            "<A>\n\n(1) p\n(2) q\n",
            [(3, 1, "the premise-conclusion structure of <A> has no inference line ('----') before a conclusion")],
        ),
        (
            "(1) p\n----\n",
            [
                (2, 1, "an inference must be followed by its conclusion"),
                (
                    1,
                    1,
                    "the premise-conclusion structure of <Untitled argument 1> has no inference line ('----') before a conclusion",
                ),
            ],
        ),
        ("[A]: a\n\n  + [B]: b\n", [(3, 3, "a relation needs an element above it, with no empty line between")]),
        ("===\ntitle: T\n\n[A]: a\n", [(1, 1, "the frontmatter starting here is not closed by a '===' line")]),
        ("[A]: a\n  +\n", [(2, 3, "the relation '+' has no statement or argument after it")]),
    ],
)
def test_syntax_errors_are_problems_with_their_position(text: str, expected: list[tuple[int, int, str]]) -> None:
    found = [(line, column, message) for line, column, _, message in problems(text)]
    assert found == expected


def test_data_of_the_wrong_type_is_reported_and_left_out() -> None:
    found = problems('[A]: a {"weight": 7, "cite": "s", "note": 3}\n')
    assert [m for _, _, _, m in found] == [
        "data key 'note' must be a string; it is left out",
        "data key 'weight' must be a number from 0 to 1; it is left out",
        "data key 'cite' must be a list of source ids or citations; it is left out",
    ]


# Hostile input: never a crash, never markup, everything a problem.


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe[A]", "the file is UTF-16; save it as UTF-8"),
        (b"[A]: a \xc3\x28", "invalid UTF-8 (byte 0xc3); save the file as UTF-8"),
        (b"[A]: a \x1b[31m", "control character \\x1b in the file; remove it"),
    ],
)
def test_bytes_that_are_not_text_are_one_problem(data: bytes, message: str) -> None:
    result = read(data, file="t.argdown")
    assert result.map is None
    assert [p.message for p in result.problems] == [message]


def test_hostile_text_through_data_and_bidi_controls_is_reported() -> None:
    found = problems('[A]: a {"note": "\\u001b]8;;javascript:x\\u0007"}\n\n[B]: b \u202e\n')
    assert [(line, m) for line, _, _, m in found] == [
        (3, "control or formatting character \\u202e in text; remove it"),
        (1, "control or formatting character \\x1b in the text of 'a'"),
        (3, "control or formatting character \\u202e in the text of 'b'"),
    ]


def test_deep_nesting_and_deep_data_are_problems_not_crashes() -> None:
    deep = "".join(f"{'  ' * i}+ [S{i}]: s\n" for i in range(1, 400))
    result = read(("[S0]: s\n" + deep).encode(), file="t.argdown")
    assert result.map is not None
    assert any("nest more than 200 levels" in p.message for p in result.problems)
    # Data nested 5,000 deep is one problem at the bracket that goes past 50 levels, on every
    # Python (3.13's own json would take it, 3.12's raise RecursionError): the reader bounds it.
    data = read(("[A]: a {" + '"x": ' + "[" * 5000 + "]" * 5000 + "}\n").encode(), file="t.argdown")
    assert data.map is not None and [c.text for c in data.map.claims] == ["a"]
    assert [(p.line, p.column, p.message) for p in data.problems] == [
        (1, 63, "data nested more than 50 levels deep; it is left out")
    ]
    # the same for YAML data over several lines, and brackets inside a quoted string count for nothing
    yaml_deep = read(("[A]: a\n  {x:\n" + "[" * 60 + "]" * 60 + "}\n").encode(), file="t.argdown")
    assert [(p.line, p.column) for p in yaml_deep.problems] == [(3, 50)]
    quoted = read(('[A]: a {"note": "' + "[" * 60 + '"}\n').encode(), file="t.argdown")
    assert quoted.problems == () and quoted.map is not None
    assert quoted.map.claims[0].note == "[" * 60 + "\nArgdown title: A"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=st.sampled_from(list("[]<>:+-_#(){}*/\\@=\n 1.ab\"'")), max_size=120))
def test_any_text_of_argdown_symbols_never_raises(text: str) -> None:
    result = read(text.encode("utf-8"), file="t.argdown")
    assert result.map is not None or result.problems


# The corpus: four real Argdown documents.


def _corpus_text(name: str) -> str:
    return shared_path(*CORPUS, name).read_text(encoding="utf-8")


EXPECTED_COUNTS = {  # claims, linked arguments, edges of the map argmap makes
    "argdown-primer.argdown": (12, 1, 12),
    "legalisation-softdrugs.argdown": (18, 0, 19),
    "greenspan-schefczyk_hardwrap.argdown": (23, 5, 23),
    "Populism-Core-Argument-Argdown-Example.argdown": (62, 17, 66),
}


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_corpus_file_imports_and_validates_with_no_error(name: str) -> None:
    path = shared_path(*CORPUS, name)
    code, out, err = run_in_process("validate", str(path))
    assert (code, err) == (0, ""), out
    result = read(path.read_bytes(), file=name)
    assert result.map is not None
    assert [p for p in result.problems if p.severity is Severity.ERROR] == []
    m = result.map
    assert (len(m.claims), len(m.arguments), len(m.edges)) == EXPECTED_COUNTS[name]


def test_the_legalisation_file_warns_once_for_an_undercut_of_a_con_argument() -> None:
    result = read(_corpus_text("legalisation-softdrugs.argdown").encode(), file="l.argdown")
    assert [(p.line, p.column, p.severity) for p in result.problems] == [(116, 9, Severity.WARNING)]


def _argdown_cli() -> str | None:
    """Argdown's own command-line tool, when installed (npm install --prefix DIR @argdown/cli)."""
    given_path = os.environ.get("ARGMAP_ARGDOWN_CLI")
    for candidate in (given_path, shutil.which("argdown")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _oracle_view(exported: dict[str, Any]) -> dict[str, Any]:
    return {
        "statements": len(exported["statements"]),
        "arguments": len(exported["arguments"]),
        "relations": sorted(
            [r["relationType"], r["fromType"], r["from"], r["toType"], r["to"]] for r in exported["relations"]
        ),
    }


def _our_view(text: str) -> dict[str, Any]:
    document = parse(text)

    def name(end: tuple[str, str]) -> list[str]:
        kind, key = end
        if kind == "statement":
            return ["equivalence-class", key[1:-1] if key.startswith("[") else "Untitled " + key.split()[1]]
        return ["argument", key]

    return {
        "statements": len(document.statements),
        "arguments": len(document.arguments),
        "relations": sorted([t, *name(a), *name(b)] for t, a, b in normalized_relations(document)),
    }


def test_the_parse_agrees_with_argdowns_own_parser_on_every_corpus_file(tmp_path: Path) -> None:
    """Statements (equivalence classes, untitled ones numbered in file order as Argdown does),
    arguments and relations (pairs and types) equal `argdown json` output, kept in
    tests/argdown/oracle.json. With Argdown's CLI installed the comparison is also made live (and
    ARGMAP_REGEN=1 rewrites the fixture from it)."""
    oracle = json.loads(ORACLE.read_text(encoding="utf-8"))["files"]
    cli = _argdown_cli()
    for name in CORPUS_FILES:
        ours = _our_view(_corpus_text(name))
        assert ours == oracle[name], name
        if cli is None:
            continue
        run = subprocess.run(
            [cli, "json", str(shared_path(*CORPUS, name)), str(tmp_path)],
            capture_output=True,
            timeout=300,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        live = _oracle_view(json.loads((tmp_path / name.replace(".argdown", ".json")).read_text(encoding="utf-8")))
        assert ours == live, name
        oracle[name] = live
    if cli is not None and os.environ.get("ARGMAP_REGEN"):
        about = "Derived from `argdown json` (@argdown/cli) on ../shared/corpora/argdown; see tests/test_argdown.py."
        ORACLE.write_text(json.dumps({"_about": about, "files": oracle}, indent=1, ensure_ascii=False) + "\n")


# Writing, and the round trip.


def test_the_writer_escapes_text_that_reads_as_syntax() -> None:
    assert escape("[a] <b> #c {d} @e *f* _g_ a//b /*c a\\b  two") == (
        r"\[a\] \<b\> \#c \{d\} \@e \*f\* \_g\_ a\//b \/\*c a\\b \ two"
    )


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("[]<>:+-_#(){}*/\\@= \t1.a-")), min_size=1, max_size=30).filter(
        lambda s: s.strip(" \t") == s and s.strip()
    )
    | SAFE_TEXT
)
def test_any_one_line_text_reads_back_as_itself(text: str) -> None:
    line = f"[a]: {escape(text)}\n"
    m = read(line.encode("utf-8"), file="t.argdown").map
    assert m is not None and m.claims[0].text == text


def _dedup(sig: dict[str, Any]) -> dict[str, Any]:
    """Argdown holds a relation written twice once (the writer reports it), so compare sets."""
    return {**sig, "relations": sorted(set(sig["relations"]))}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(format2_documents())
def test_argmap_to_argdown_to_argmap_gives_the_same_map(document: dict[str, Any]) -> None:
    original = load(dump(document))
    text, _ = write(original)
    again = read(text.encode("utf-8"), file="g.argdown")
    assert again.problems == ()
    assert again.map is not None and list(check_map(again.map)) == []
    assert _dedup(signature(again.map, fields=FIELDS)) == _dedup(signature(original, fields=FIELDS))
    assert [(s.id, s.title, s.kind) for s in again.map.sources] == [(s.id, s.title, s.kind) for s in original.sources]
    assert again.map.title == original.title


def test_the_assad_map_round_trips_and_its_losses_are_reported() -> None:
    loaded_map = load_path(ASSAD_MAP)
    assert loaded_map.map is not None
    original = loaded_map.map
    text, losses = write(original)
    again = read(text.encode("utf-8"), file="assad.argdown")
    assert again.problems == () and again.map is not None
    assert signature(again.map, fields=FIELDS) == signature(original, fields=FIELDS)
    assert again.map.sources == tuple(
        dataclasses.replace(s, position=again.map.sources[i].position) for i, s in enumerate(original.sources)
    )
    # format 2's semantics, expectations, weights, schemes and critical questions are kept for argmap only
    assert [p.message.split(":")[0] for p in losses] == [
        "the map's evaluation semantics",
        "expectations (expect",
        "weights",
        "argument schemes",
        "critical questions raised",
        "critical questions answered",
    ]
    assert all(p.severity is Severity.WARNING for p in losses)


def test_losses_are_warnings_naming_what_argdown_cannot_hold() -> None:
    document = {
        "argmap": 2,
        "title": "T",
        "semantics": "weighed",
        "sources": {"s": {"title": "S", "kind": "report"}},
        "thesis": {
            "id": "t",
            "claim": "Two\nlines",
            "cite": ["s"],
            "standard": "scintilla",
            "premises": [{"id": "p", "claim": "P", "cite": ["s"], "weight": 0.5}],
        },
    }
    text, losses = write(load(dump(document)))
    assert "[t]: Two lines" in text
    assert [(p.line, p.severity, p.rule, p.message) for p in losses] == [
        (
            1,
            Severity.WARNING,
            "loss",
            "the map's evaluation semantics: Argdown has none; kept in the frontmatter for argmap only (1 in all)",
        ),
        (
            9,
            Severity.WARNING,
            "loss",
            "line breaks in a text: Argdown keeps a statement on one paragraph; they became spaces (1 in all)",
        ),
        (
            9,
            Severity.WARNING,
            "loss",
            "proof standards: Argdown has none; kept in data blocks for argmap only (1 in all)",
        ),
        (17, Severity.WARNING, "loss", "weights: Argdown has none; kept in data blocks for argmap only (1 in all)"),
    ]
    again = loaded(text)
    assert again.semantics == "weighed" and again.claim_index["p"].weight == 0.5
    assert again.claim_index["t"].standard == "scintilla"


def test_validate_and_show_read_an_argdown_file_by_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "m.ad"
    path.write_text(PCS, encoding="utf-8")
    code, out, err = run_in_process("validate", str(path))
    assert (code, out.strip(), err) == (0, "1 file checked, no problems", "")
    code, out, _ = run_in_process("show", str(path))
    assert code == 0 and "Everyone dies." in out


HOSTILE = [
    '<script>alert(1)</script> "]; c9["pwned',
    "[x](javascript:alert(1)) <img src=x onerror=alert(1)> // /* <!-- {a: 1} #tag @[x] **b**",
    "(1) + - _ >< <_ -- ----",
    "tab\tand\x1b[2J\x07 control \x00 nul \ud800 surrogate \u202e bidi",
]


def test_hostile_text_is_written_inert_and_printable_text_reads_back_as_itself() -> None:
    from dataclasses import replace

    base = load(
        dump(
            {
                "argmap": 2,
                "title": "T",
                "sources": {"s": {"title": "S", "kind": "report"}},
                "thesis": {
                    "id": "t",
                    "claim": "T",
                    "cite": ["s"],
                    "premises": [{"id": f"p{i}", "claim": "P", "cite": ["s"]} for i in range(4)],
                },
            }
        )
    )
    claims = [
        base.claims[0],
        *(replace(c, text=HOSTILE[i], note=HOSTILE[i], tags=(HOSTILE[i],)) for i, c in enumerate(base.claims[1:])),
    ]
    hostile = replace(base, claims=tuple(claims), title=HOSTILE[3])
    text, losses = write(hostile)
    text.encode("utf-8")  # no lone surrogate
    assert text.isprintable() or all(c in "\n\t" or c.isprintable() for c in text)
    assert "\x1b" not in text and "\u202e" not in text
    again = read(text.encode("utf-8"), file="h.argdown")
    assert again.map is not None
    assert [c.text for c in again.map.claims[1:4]] == HOSTILE[:3]
    assert again.map.claims[4].text == "tab\tand\\x1b[2J\\x07 control \\x00 nul \\ud800 surrogate \\u202e bidi"
    assert again.map.claims[4].note == HOSTILE[3]  # data keeps it exactly (as JSON escapes), and says so:
    assert [(p.rule, p.message) for p in again.problems] == [
        # the title's lone surrogate, written as a JSON escape, is refused by the frontmatter's YAML
        ("syntax", "YAML data: while parsing a quoted scalar: found invalid Unicode character escape code"),
        ("bad-text", "control or formatting character \\x1b in the text of 'p3'"),
    ]
    assert any("visible escapes" in p.message for p in losses)
