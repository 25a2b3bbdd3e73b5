"""Editing maps: new, fmt, add, rename and the schema-comment rule. Exact outputs, exit codes and
positions; byte identity of what an edit must not touch; round-trip properties with hypothesis."""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ASSAD_MAP, BASE_MAP, ROOT, run_argmap, run_in_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import dump, format2_documents

from argmap.edit.add import Citation, add_bytes, slug
from argmap.edit.document import EditError, UnreadableMap, parse
from argmap.edit.fmt import format_bytes
from argmap.edit.new import installed_schema
from argmap.edit.rename import rename_bytes
from argmap.edit.verify import check, meaning
from argmap.formats.schema import schema_json

sys.path.insert(0, str(ROOT / "bench"))
from genmap import generate

FIXTURES = sorted(
    [ASSAD_MAP, *(ROOT / "tests" / "format2").glob("*.yaml"), *(ROOT / "tests" / "validate").glob("*.yaml")]
)
GENERATED_1K = generate(1000, seed=5).encode("utf-8")
GENERATED_2 = generate(300, seed=9, format2=True).encode("utf-8")


def fixtures() -> list[tuple[str, bytes]]:
    items = [(str(p.relative_to(ROOT)), p.read_bytes()) for p in FIXTURES]
    return [*items, ("base", BASE_MAP.encode()), ("genmap-1k", GENERATED_1K), ("genmap-2", GENERATED_2)]


def comments_of(data: bytes) -> Counter[str]:
    return Counter(parse(data, "m.yaml").trivia.comments())


# -- fmt: exact layout -----------------------------------------------------------------------------

MESSY = """\
---
# yaml-language-server: $schema=../schemas/argmap.schema.json
argmap: 1
title: School uniforms   # the title
sources:
    op-ed: {title: Why uniforms work, kind: article, url: "https://example.org/uniforms"}
    survey: {kind: dataset, title: National school survey}  # flow
thesis:
    claim: Schools should require uniforms.
    id: uniforms-help


    counterpoints:
    # the main objection
    -   id: cost
        claim: Uniforms cost poor families money, and this is a deliberately long claim text that goes past the width.
        cite: [op-ed]
    premises:
        - id: less-bullying
          claim: Uniforms reduce bullying
            about clothes.
          cite:
            - source: op-ed
              quote: "fewer taunts about brands"
            - survey
# the end
"""

MESSY_FORMATTED = """\
---
# yaml-language-server: $schema=../schemas/argmap.schema.json
argmap: 1
title: School uniforms   # the title
sources:
  op-ed:
    title: Why uniforms work
    kind: article
    url: "https://example.org/uniforms"
  survey:  # flow
    title: National school survey
    kind: dataset
thesis:
  id: uniforms-help
  claim: Schools should require uniforms.
  premises:
    - id: less-bullying
      claim: Uniforms reduce bullying
        about clothes.
      cite:
        - source: op-ed
          quote: "fewer taunts about brands"
        - survey

  counterpoints:
    # the main objection
    - id: cost
      claim: >-
        Uniforms cost poor families money, and this is a deliberately long claim text that goes past
        the width.
      cite: [op-ed]
# the end
"""


def test_fmt_gives_the_canonical_layout_exactly() -> None:
    result = format_bytes(MESSY.encode(), file="m.yaml")
    assert result.after.decode() == MESSY_FORMATTED
    assert format_bytes(result.after, file="m.yaml").changed is False


def test_fmt_keeps_a_bom_and_crlf_line_ends() -> None:
    crlf = b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode()
    result = format_bytes(crlf, file="m.yaml")
    assert result.after == b"\xef\xbb\xbf" + MESSY_FORMATTED.replace("\n", "\r\n").encode()
    assert format_bytes(result.after, file="m.yaml").changed is False


def test_fmt_orders_keys_as_the_format_declares_them() -> None:
    text = "title: T\nsources:\n  s: {kind: report, title: S}\nthesis: {claim: C., id: t, cite: [s]}\nargmap: 1\n"
    assert format_bytes(text.encode(), file="m.yaml").after.decode() == (
        "argmap: 1\ntitle: T\nsources:\n  s:\n    title: S\n    kind: report\n"
        "thesis:\n  id: t\n  claim: C.\n  cite: [s]\n"
    )


def test_fmt_reindents_four_space_maps_and_their_block_text() -> None:
    text = BASE_MAP.replace("\n  ", "\n    ").replace("\n      ", "\n        ")
    four = "argmap: 1\ntitle: T\nsources:\n    s:\n        title: S\n        kind: report\nthesis:\n    id: t\n"
    four += "    claim: >-\n        A folded\n        claim.\n    cite: [s]\n"
    assert format_bytes(four.encode(), file="m.yaml").after.decode() == (
        "argmap: 1\ntitle: T\nsources:\n  s:\n    title: S\n    kind: report\nthesis:\n  id: t\n"
        "  claim: >-\n    A folded\n    claim.\n  cite: [s]\n"
    )
    assert format_bytes(text.encode(), file="m.yaml").after == format_bytes(BASE_MAP.encode(), file="m.yaml").after


@pytest.mark.parametrize("name, data", fixtures(), ids=[n for n, _ in fixtures()])
def test_fmt_is_idempotent_and_loses_nothing_on_real_and_fixture_maps(name: str, data: bytes) -> None:
    once = format_bytes(data, file="m.yaml")
    twice = format_bytes(once.after, file="m.yaml")
    assert twice.after == once.after
    before, after = check(data, "m.yaml", None), check(once.after, "m.yaml", None)
    assert meaning(before.map) == meaning(after.map)
    assert comments_of(data) == comments_of(once.after)


def words(data: bytes) -> list[bytes]:
    """The words of a text, without list dashes and brackets: what moving keys and list style keep."""
    return sorted(w.strip(b"\"'") for w in re.findall(rb"[^\s\[\],]+", data) if w not in (b"-", b">-"))


def test_fmt_of_a_generated_map_only_moves_keys_and_a_second_run_changes_nothing() -> None:
    once = format_bytes(GENERATED_1K, file="g.yaml").after
    assert once != GENERATED_1K and words(once) == words(GENERATED_1K)
    assert format_bytes(once, file="g.yaml").after == once


def test_fmt_of_the_assad_map_only_moves_keys() -> None:
    data = ASSAD_MAP.read_bytes()
    after = format_bytes(data, file="m.yaml").after
    assert words(after) == words(data)
    # a list of short scalars that would not fit in 100 columns stays a block list
    assert b"            between:\n                - regime atrocities against civilians and activists\n" in after


def test_fmt_refuses_what_it_cannot_lay_out_and_names_the_place() -> None:
    with pytest.raises(EditError, match=r"^m.yaml:2:3: a complex or multi-line key cannot be formatted"):
        format_bytes(b"argmap: 1\n? [a, b]\n: c\n", file="m.yaml")


def test_fmt_reports_an_unreadable_map_with_its_positions() -> None:
    with pytest.raises(UnreadableMap) as caught:
        format_bytes(b"argmap: 1\ntitle: [unclosed\n", file="m.yaml")
    assert [(p.line, p.column, p.rule) for p in caught.value.problems] == [(3, 1, "syntax")]


# -- fmt: the command ------------------------------------------------------------------------------


def test_fmt_check_lists_files_that_would_change_and_exits_1(tmp_path: Path) -> None:
    messy, tidy = tmp_path / "messy.yaml", tmp_path / "tidy.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(MESSY_FORMATTED, encoding="utf-8")
    code, out, err = run_in_process("fmt", "--check", str(tmp_path))
    assert (code, out) == (1, f"would reformat {messy}\n")
    assert err == "1 file would be reformatted, 1 unchanged\n"
    assert messy.read_text(encoding="utf-8") == MESSY
    assert run_in_process("fmt", "--check", str(tidy))[0] == 0


def test_fmt_rewrites_the_file_and_diff_shows_what_changes(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MESSY, encoding="utf-8")
    code, out, _ = run_in_process("fmt", "--diff", str(path))
    assert code == 0 and path.read_text(encoding="utf-8") == MESSY
    assert out.startswith(f"--- a/{str(path).lstrip('/')}\n+++ b/{str(path).lstrip('/')}\n@@ ")
    assert "-    op-ed: {title: Why uniforms work" in out and "+  survey:  # flow" in out
    code, out, err = run_in_process("fmt", str(path))
    assert (code, out, err) == (0, f"reformatted {path}\n", "1 file reformatted, 0 unchanged\n")
    assert path.read_text(encoding="utf-8") == MESSY_FORMATTED


def test_fmt_reads_stdin_and_writes_stdout() -> None:
    code, out, err = run_in_process("fmt", "-", input=MESSY)
    assert (code, out, err) == (0, MESSY_FORMATTED, "")


def test_fmt_of_an_unreadable_map_prints_file_line_col_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"argmap: 1\ntitle: [unclosed\n")
    code, out, err = run_in_process("fmt", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"{path}:3:1: error: YAML syntax error: while parsing a flow sequence")
    assert path.read_bytes() == b"argmap: 1\ntitle: [unclosed\n"


def test_fmt_of_a_missing_file_exits_2() -> None:
    code, _, err = run_in_process("fmt", "no/such.yaml")
    assert (code, err) == (2, "argmap: no/such.yaml: no such file or directory\n")


def test_fmt_that_cannot_lay_out_a_file_leaves_it_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    data = BASE_MAP.encode() + b"? [a, b]\n: c\n"
    path.write_bytes(data)
    code, _, err = run_in_process("fmt", str(path))
    assert code == 2 and "a complex or multi-line key cannot be formatted" in err
    assert path.read_bytes() == data


# -- rename ----------------------------------------------------------------------------------------


def test_rename_a_claim_changes_its_id_refs_and_expect_only() -> None:
    text = BASE_MAP.replace("        - survey\n", "        - survey\n    - ref: cost\n") + "expect:\n  falls: [cost]\n"
    result = rename_bytes(text.encode(), "cost", "price", file="m.yaml")
    assert (result.space, result.places) == ("claim", 3)
    assert result.data.decode() == text.replace("- id: cost", "- id: price").replace("ref: cost", "ref: price").replace(
        "falls: [cost]", "falls: [price]"
    )


def test_rename_a_source_changes_the_table_key_citations_via_and_analyses() -> None:
    result = rename_bytes(BASE_MAP.encode(), "op-ed", "oped", file="m.yaml")
    assert (result.space, result.places) == ("source", 6)
    assert result.data.decode() == BASE_MAP.replace("op-ed", "oped")


def test_rename_keeps_quotes_and_quotes_an_id_yaml_would_read_as_a_number() -> None:
    text = BASE_MAP.replace("- id: cost", '- id: "cost"')
    assert b'- id: "price"' in rename_bytes(text.encode(), "cost", "price", file="m.yaml").data
    assert b'- id: "2019"' in rename_bytes(BASE_MAP.encode(), "cost", "2019", file="m.yaml").data


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("cost", "less-bullying", "m.yaml: 'less-bullying' is already the id of a claim (at 18:7); choose another"),
        ("cost", "Cost!", "'Cost!' is not a valid id: lowercase letters, digits, '-' and '_', starting with a letter"),
        ("csot", "x", "m.yaml: no claim, argument or source has the id 'csot'; did you mean 'cost'?"),
        ("survey", "op-ed", "m.yaml: 'op-ed' is already the id of a source (at 5:3); choose another"),
    ],
)
def test_rename_refuses_with_a_clear_message(old: str, new: str, message: str) -> None:
    with pytest.raises(EditError) as caught:
        rename_bytes(BASE_MAP.encode(), old, new, file="m.yaml")
    assert str(caught.value).startswith(message)


def test_rename_command_edits_in_place_or_refuses_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    code, out, _ = run_in_process("rename", str(path), "cost", "price")
    assert (code, out) == (0, f"renamed claim 'cost' to 'price' in 1 place in {path}\n")
    code, _, err = run_in_process("rename", str(path), "price", "less-bullying")
    assert code == 2 and "already the id of a claim" in err
    assert path.read_text(encoding="utf-8") == BASE_MAP.replace("id: cost", "id: price")


@pytest.mark.parametrize("name, data", fixtures(), ids=[n for n, _ in fixtures()])
def test_rename_and_back_is_byte_identical(name: str, data: bytes) -> None:
    loaded = check(data, "m.yaml", None).map
    assert loaded is not None
    ids = [c.id for c in loaded.claims[:3]] + [s.id for s in loaded.sources[:2]]
    for old in dict.fromkeys(ids):
        there = rename_bytes(data, old, "renamed-for-test", file="m.yaml")
        assert there.data != data and there.places >= 1
        assert rename_bytes(there.data, "renamed-for-test", old, file="m.yaml", only=there.space).data == data


# -- add -------------------------------------------------------------------------------------------


def test_add_appends_to_an_existing_list_in_its_style() -> None:
    result = add_bytes(
        BASE_MAP.encode(),
        file="m.yaml",
        under="uniforms-help",
        kind="counterpoint",
        text="Uniforms stifle self-expression.",
        cites=[Citation("op-ed", "no way to show who they are")],
    )
    inserted = (
        "    - id: uniforms-stifle-self-expression\n"
        "      claim: Uniforms stifle self-expression.\n"
        "      cite:\n"
        "        - source: op-ed\n"
        '          quote: "no way to show who they are"\n'
    )
    assert result.data.decode() == BASE_MAP + inserted
    assert (result.id, result.line, result.inserted) == ("uniforms-stifle-self-expression", 37, inserted)


def test_add_makes_a_missing_list_where_the_key_order_puts_it() -> None:
    result = add_bytes(
        BASE_MAP.encode(),
        file="m.yaml",
        under="less-bullying",
        kind="premise",
        text="Teachers say so.",
        cites=[Citation("survey")],
    )
    inserted = (
        "      premises:\n        - id: teachers-say-so\n          claim: Teachers say so.\n          cite: [survey]\n"
    )
    anchor = "        - survey\n"
    assert result.data.decode() == BASE_MAP.replace(anchor, anchor + inserted, 1)
    assert result.line == 25


def test_add_goes_above_the_comments_of_the_key_after_it() -> None:
    text = BASE_MAP.replace("  correlations:\n", "\n  # supports from data\n  correlations:\n")
    result = add_bytes(
        text.encode(), file="m.yaml", under="uniforms-help", kind="premise", text="X.", cites=[Citation("op-ed")]
    )
    # after the last premise, above the blank line and the comment that belong to `correlations`
    assert (
        "        - survey\n    - id: x\n      claim: X.\n      cite: [op-ed]\n\n  # supports from data\n"
        in result.data.decode()
    )
    assert result.data.decode().replace(result.inserted, "", 1) == text


def test_add_refuses_a_claim_that_would_not_validate_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    code, out, err = run_in_process(
        "add", str(path), "--under", "cost", "--kind", "premise", "--claim", "Bad \x1b[31m text.", "--cite", "op-ed"
    )
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: {path}: the claim was not added: the map would not validate: 35:18: the claim text of premise "
        "'bad-31m-text' contains the control or formatting character \\x1b (at character 5); remove it [bad-text]\n"
    )
    assert path.read_text(encoding="utf-8") == BASE_MAP


def test_add_without_the_options_a_claim_needs_names_the_options(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    code, out, err = run_in_process("add", str(path), "--under", "cost", "--kind", "premise", "--claim", "No source.")
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: {path}: the claim was not added: a premise cites its source: pass --cite SOURCE[:QUOTE] (the "
        "map's sources: op-ed, survey)\n"
    )
    code, out, err = run_in_process(
        "add", str(path), "--under", "uniforms-help", "--kind", "correlation", "--claim", "More uniforms, fewer fights."
    )
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: {path}: the claim was not added: a correlation names what it links: pass --between VARIABLE for "
        "each of two or more; a correlation cites its source: pass --cite SOURCE[:QUOTE] (the map's sources: op-ed, "
        "survey)\n"
    )
    assert path.read_text(encoding="utf-8") == BASE_MAP


def test_add_refuses_an_unknown_parent_and_a_taken_id() -> None:
    with pytest.raises(EditError, match=r"no claim or argument has the id 'csot'; did you mean 'cost'\?"):
        add_bytes(BASE_MAP.encode(), file="m.yaml", under="csot", kind="rebuttal", text="X.", cites=[Citation("op-ed")])
    with pytest.raises(EditError, match="--id: 'cost' is already the id"):
        add_bytes(BASE_MAP.encode(), file="m.yaml", under="cost", kind="rebuttal", text="X.", claim_id="cost")


def test_add_command_reports_the_new_claim_and_its_line(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    args = [
        "add",
        str(path),
        "--under",
        "cost",
        "--kind",
        "rebuttal",
        "--claim",
        "Grants pay for them.",
        "--cite",
        "op-ed",
    ]
    code, out, _ = run_in_process(*args)
    assert (code, out) == (0, f"added rebuttal 'grants-pay-for-them' under 'cost' at {path}:37\n")
    assert run_in_process("validate", str(path))[0] == 0
    code, out, _ = run_in_process(*args)  # the same text again: a unique id
    assert out == f"added rebuttal 'grants-pay-for-them-2' under 'cost' at {path}:40\n"


def test_slugs_are_made_from_the_first_words_and_unique() -> None:
    assert slug("Mamlouk's words were second-hand!", set()) == "mamlouks-words-were-second-hand"
    assert slug("Élan vital", {"elan-vital"}) == "elan-vital-2"
    assert slug("?!", set()) == "claim"
    assert len(slug("word " * 40, set())) <= 48


def test_add_a_format2_kind_to_a_format1_map_is_refused_with_the_loaders_reason() -> None:
    with pytest.raises(EditError, match="argmap: 2"):
        add_bytes(
            BASE_MAP.encode(),
            file="m.yaml",
            under="less-bullying",
            kind="undercut",
            text="X.",
            cites=[Citation("op-ed")],
        )


# -- new and schema-comment ------------------------------------------------------------------------


def test_new_writes_a_map_that_validates_clean_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    proc = run_argmap("new", str(path), "--schema-file", "--title", "Uniforms: yes?", "--analyses", "https://e.org/a")
    assert proc.returncode == 0, proc.stderr
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schemas/argmap.schema.json\n"
        "argmap: 1\n"
        'title: "Uniforms: yes?"\n'
        "analyses: text\n"
        "sources:\n"
        "  text:\n"
        "    title: The text this map analyses\n"
        "    kind: web\n"
        '    url: "https://e.org/a"\n'
        "thesis:\n"
        "  id: thesis\n"
        "  claim: What the text argues, in your own words.\n"
        "  cite: [text]\n"
    )
    assert (tmp_path / "schemas" / "argmap.schema.json").read_text(encoding="utf-8") == schema_json()
    assert run_argmap("validate", "--strict", str(path)).returncode == 0
    again = run_argmap("new", str(path))
    assert again.returncode == 2
    assert (
        again.stderr.decode() == f"argmap: {path}: exists; argmap new never overwrites a file (choose another name)\n"
    )


def test_new_points_at_the_nearest_schema_folder_above(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "argmap.schema.json").write_text(schema_json(), encoding="utf-8")
    (tmp_path / "maps" / "deep").mkdir(parents=True)
    path = tmp_path / "maps" / "deep" / "m.yaml"
    code, _, _ = run_in_process("new", str(path))
    assert code == 0
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/argmap.schema.json\n"
    )
    assert run_in_process("validate", "--strict", str(path))[0] == 0


def test_the_installed_schema_is_the_schema() -> None:
    assert installed_schema().read_text(encoding="utf-8") == schema_json()


def test_schema_comment_warns_with_a_position_and_the_nearest_schema(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "argmap.schema.json").write_text(schema_json(), encoding="utf-8")
    (tmp_path / "maps").mkdir()
    path = tmp_path / "maps" / "m.yaml"
    path.write_text("# yaml-language-server: $schema=schemas/argmap.schema.json\n" + BASE_MAP, encoding="utf-8")
    code, out, _ = run_in_process("validate", "-f", "parsable", str(path))
    assert (code, out) == (
        0,
        f"{path}:1:33: warning: the $schema comment points at schemas/argmap.schema.json, which is not a file; "
        "the nearest schema is ../schemas/argmap.schema.json [schema-comment]\n",
    )
    path.write_text("# yaml-language-server: $schema=../schemas/argmap.schema.json\n" + BASE_MAP, encoding="utf-8")
    assert run_in_process("validate", "--strict", str(path))[0] == 0


def test_the_assad_map_s_schema_comment_points_at_the_published_schema() -> None:
    assert run_in_process("validate", "--strict", str(ASSAD_MAP))[0] == 0


# -- properties ------------------------------------------------------------------------------------


@st.composite
def commented_maps(draw: st.DrawFn) -> bytes:
    """A generated valid map, dumped, with comments inserted at random places: own-line comments
    above any line, and end-of-line comments after plain scalar values; LF or CRLF, BOM or not."""
    lines = dump(draw(format2_documents(max_depth=2))).splitlines()
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        if rng.random() < 0.15:
            out.append(" " * indent + f"# note {rng.randrange(1000)}")
        if rng.random() < 0.1 and ": " in line and not line.rstrip().endswith(("'", '"')) and "#" not in line:
            line += f"  # tail {rng.randrange(1000)}"
        if rng.random() < 0.05:
            out.append("")
        out.append(line)
    text = "\n".join(out) + "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode()


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(commented_maps())
def test_fmt_is_idempotent_model_and_comment_preserving(data: bytes) -> None:
    if check(data, "m.yaml", None).map is None:  # a comment made the dump unreadable: not a map
        return
    once = format_bytes(data, file="m.yaml").after
    assert format_bytes(once, file="m.yaml").after == once
    assert meaning(check(data, "m.yaml", None).map) == meaning(check(once, "m.yaml", None).map)
    assert comments_of(data) == comments_of(once)


@PROPERTY
@given(commented_maps(), st.data())
def test_rename_then_rename_back_returns_the_original_bytes(data: bytes, choice: st.DataObject) -> None:
    loaded = check(data, "m.yaml", None).map
    if loaded is None:
        return
    old = choice.draw(st.sampled_from(sorted({c.id for c in loaded.claims} | {s.id for s in loaded.sources})))
    there = rename_bytes(data, old, "zz-renamed", file="m.yaml")
    assert rename_bytes(there.data, "zz-renamed", old, file="m.yaml", only=there.space).data == data


KIND_OF_LIST = {"premise": "premise", "counterpoint": "counterpoint", "correlation": "correlation"}


@PROPERTY
@given(commented_maps(), st.data(), st.sampled_from(("premise", "counterpoint", "correlation")))
def test_add_then_validate_is_clean_and_taking_it_out_gives_the_original(
    data: bytes, choice: st.DataObject, kind: str
) -> None:
    loaded = check(data, "m.yaml", None)
    if loaded.map is None:
        return
    parents = sorted(c.id for c in loaded.map.claims if c.kind.value in ("thesis", "premise", "correlation"))
    under = choice.draw(st.sampled_from(parents))
    source = loaded.map.sources[0].id
    between = ("price", "demand") if kind == "correlation" else ()
    added = add_bytes(
        data, file="m.yaml", under=under, kind=kind, text="A new claim.", cites=[Citation(source)], between=between
    )
    after = check(added.data, "m.yaml", None)
    assert after.map is not None
    # comment-in-text warnings (a generated `claim: x  # tail`) keep their messages but may move down
    moved = "comment-in-text"
    assert [p for p in after.problems if p.rule != moved] == [p for p in loaded.problems if p.rule != moved]
    assert sorted(p.message for p in after.problems if p.rule == moved) == sorted(
        p.message for p in loaded.problems if p.rule == moved
    )
    assert after.map.claim_index[added.id].parent == under
    document = parse(data, "m.yaml")
    text = added.data[3:] if document.bom else added.data
    inserted = added.inserted.replace("\n", "\r\n").encode() if document.crlf else added.inserted.encode()
    assert text.replace(inserted, b"", 1) == (data[3:] if document.bom else data)


def test_add_a_list_a_claim_lacks_goes_in_key_order_above_the_comments_of_the_key_after_it() -> None:
    objection = (
        "      # objections\n      counterpoints:\n        - id: c2\n          claim: C.\n          cite: [op-ed]\n"
    )
    text = BASE_MAP.replace("        - survey\n", "        - survey\n" + objection, 1)
    result = add_bytes(
        text.encode(), file="m.yaml", under="less-bullying", kind="premise", text="P.", cites=[Citation("op-ed")]
    )
    premises = "      premises:\n        - id: p\n          claim: P.\n          cite: [op-ed]\n"
    assert result.data.decode() == text.replace(objection, premises + objection)


def test_fmt_rewrites_hostile_maps_only_into_maps_that_say_the_same(tmp_path: Path) -> None:
    from test_every_command_hostile import corpus

    for name, data in corpus():
        path = tmp_path / "map.yaml"
        path.write_bytes(data)
        code, _, err = run_in_process("fmt", str(path))
        assert code in (0, 1, 2) and "internal error" not in err and "Traceback" not in err, (name, err)
        after = path.read_bytes()
        if code != 0:
            assert after == data, name
        elif after != data:
            assert meaning(check(data, "m.yaml", None).map) == meaning(check(after, "m.yaml", None).map), name
            assert comments_of(after) == comments_of(data), name


def test_a_long_claim_added_deep_in_the_map_is_folded_within_the_width_fmt_keeps() -> None:
    text = (
        "The figure comes from one report that the article does not name, and no other source in the map "
        "gives a number for it."
    )
    cites = [Citation(s) for s in ("op-ed", "survey", *(f"op-ed-{n}" for n in range(2, 12)))]
    base = BASE_MAP.replace(
        "  survey:\n", "".join(f"  op-ed-{n}: {{title: T, kind: article}}\n" for n in range(2, 12)) + "  survey:\n"
    )
    canonical = format_bytes(base.encode(), file="m.yaml").after
    result = add_bytes(
        canonical, file="m.yaml", under="cheaper-than-fashion", kind="counterpoint", text=text, cites=cites
    )
    written = result.data.decode()
    assert (
        "              claim: >-\n"
        "                The figure comes from one report that the article does not name, and no other source\n"
        "                in the map gives a number for it.\n"
    ) in written
    # twelve ids do not fit on one line at the item's depth: one a line
    assert "              cite:\n                - op-ed\n                - survey\n" in written
    assert all(len(line) <= 100 for line in written.splitlines())
    assert format_bytes(result.data, file="m.yaml").after == result.data  # fmt leaves it as add wrote it


def _fold_by_words(value: str, column: int, width: int = 100) -> list[str]:
    """fold_text's lines, filled word by word: the oracle for its one-regex implementation."""
    lines, current, room = [], "", max(width - column, 20)
    for word in re.split(r"(?<=\S) (?=\S)", value):
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [" " * column + line for line in [*lines, current]]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab -é", min_size=1, max_size=260).filter(lambda t: t == t.strip()), st.integers(0, 110))
def test_fold_text_fills_each_line_with_the_words_that_fit(value: str, column: int) -> None:
    from argmap.formats.yaml_style import fold_text

    folded = fold_text(value, column)
    assert folded == _fold_by_words(value, column)
    assert " ".join(line[column:] for line in folded) == value  # folding reads back as the same text
