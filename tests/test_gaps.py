"""Tests of `argmap gaps`: each gap kind (a case with it and one without), formats (golden files),
options and exit codes, and a property over random maps.

Golden files live in tests/gaps_show/golden/; regenerate them on purpose with ARGMAP_REGEN=1.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap.analysis.gaps import KINDS, Coverage, _Sources, coverage, find_gaps
from argmap.cli import cli
from argmap.formats.argmap_yaml import load_bytes
from argmap.model import ArgMap, ClaimKind

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "gaps_show"
GOLDEN = HERE / "golden"
sys.path.insert(0, str(HERE))
from randmap import random_map  # noqa: E402

FORMATS = {"text": "txt", "parsable": "parsable", "json": "json", "github": "github", "markdown": "md"}
MAPS = {
    "assad_isis": "maps/assad_isis.yaml",
    "small": "tests/gaps_show/small.yaml",
    "clean": "tests/gaps_show/clean.yaml",
    "hostile": "tests/gaps_show/hostile.yaml",
}


def run(*args: str) -> tuple[int, str, str]:
    """Run argmap in-process from the repository root; real crashes propagate."""
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = runner.invoke(cli, list(args), catch_exceptions=False, standalone_mode=False)
    except SystemExit as exc:  # click usage errors in non-standalone mode still raise click exceptions
        raise AssertionError(f"unexpected SystemExit {exc.code}") from exc
    finally:
        os.chdir(cwd)
    code = result.return_value if result.exception is None else result.exit_code
    return code, result.stdout, result.stderr


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def load(text: str):
    loaded = load_bytes(text.encode(), file="m.yaml", base_dir=None)
    assert loaded.map is not None, loaded.problems
    return loaded.map


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ARGMAP_REGEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path} (run with ARGMAP_REGEN=1)"
    assert text == path.read_text(encoding="utf-8")


# --- golden outputs, every format ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", MAPS)
def test_golden(name: str, fmt: str) -> None:
    code, out, _ = run("gaps", "--format", fmt, MAPS[name])
    assert code == 0
    check_golden(f"{name}.gaps.{FORMATS[fmt]}", out)


def test_json_shape_is_stable() -> None:
    code, out, _ = run("gaps", "-f", "json", MAPS["small"])
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"version", "tool", "gaps", "coverage", "files", "counts", "severities"}
    assert document["version"] == 1
    fields = ["kind", "claim", "source", "file", "line", "column", "reason", "fix"]
    for rank, gap in enumerate(document["gaps"], 1):
        assert list(gap) == [*fields, "severity", "rank", "claims", "sources", "kinds"]
        assert gap["kind"] in KINDS and gap["kind"] in gap["kinds"]
        assert gap["rank"] == rank and gap["severity"] in ("critical", "major", "minor", "info")
    assert [g["severity"] for g in document["gaps"]].count("info") == 2  # json keeps info
    assert document["severities"] == {"critical": 3, "major": 2, "minor": 3, "info": 2}
    assert document["files"][0]["found"] == 13 and document["files"][0]["ranked"] == 10
    assert document["coverage"]["counterpoints_answered"] == {"total": 2, "covered": 1, "share": 0.5}
    assert document["counts"]["single-source"] == 2


# --- each kind: a case that has it, one that does not ----------------------------------------------

SMALL_EXPECTED = {
    # kind: [(claim, source, line, column)]
    "uncited": [("trees-are-cheap", None, 45, 7)],
    "unsupported": [
        ("shade-cools", None, 36, 7),
        ("survey-says-cooler", None, 42, 11),
        ("insiders-agree", None, 59, 7),
    ],
    "no-quote": [("thesis", "essay", 34, 10), ("survey-says-cooler", "survey", 44, 18)],
    "unanswered": [("roots-break-pavements", None, 65, 7)],
    "correlation-only": [("trees-raise-prices", None, 47, 7)],
    "single-source": [("shade-cools", "essay", 36, 7), ("trees-raise-prices", "stats", 47, 7)],
    "source-incomplete": [(None, "survey", 12, 3), (None, "insiders", 22, 3), (None, "paper", 26, 3)],
    # format 2's kinds (tests/test_format2.py has maps with them); the thesis has two standing supports
    "unstated-assumption": [],
    "open-question": [],
    "unchallenged-load-bearing": [],
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_found_exactly_where_expected(kind: str) -> None:
    argmap = load((HERE / "small.yaml").read_text())
    found = [(g.claim, g.source, g.position.line, g.position.column) for g in find_gaps(argmap, kinds=[kind])]
    assert found == SMALL_EXPECTED[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_absent_from_clean_map(kind: str) -> None:
    argmap = load((HERE / "clean.yaml").read_text())
    assert find_gaps(argmap, kinds=[kind]) == []


def test_all_kinds_together_sorted_by_position_then_kind() -> None:
    gaps = find_gaps(load((HERE / "small.yaml").read_text()))
    assert len(gaps) == sum(len(v) for v in SMALL_EXPECTED.values())
    keys = [(g.position.line, g.position.column, g.kind) for g in gaps]
    assert keys == sorted(keys)
    assert [g.kind for g in gaps if g.position.line == 36] == ["single-source", "unsupported"]


HEAD = """argmap: 1
title: t
analyses: art
sources:
  art: {title: A, kind: article, author: X, date: "2020", url: "https://a.example"}
  rep: {title: The Report, kind: report, author: Y, date: "2019", url: "https://r.example"}
  rep2: {title: Other, kind: book, author: Z, date: "2018", url: "https://o.example"}
  mid: {title: Mid, kind: report, author: W, date: "2018", url: "https://m.example", via: art}
  deep: {title: Deep, kind: report, author: V, date: "2018", url: "https://d.example", via: mid}
  anon: {title: Them, kind: testimony, author: U, date: "2018", url: "https://u.example", anonymous: true}
thesis:
  id: t
  claim: T.
  cite: [{source: rep, locator: p. 1}]
"""


def kinds_of(body: str, kind: str) -> list[tuple[str | None, str]]:
    return [(g.claim, g.reason) for g in find_gaps(load(HEAD + body), kinds=[kind])]


def test_unsupported_follows_via_chains_and_names_the_source_to_find() -> None:
    gaps = find_gaps(
        load(
            HEAD
            + """  premises:
    - {id: p, claim: P., cite: [{source: deep, locator: p. 2}]}
"""
        ),
        kinds=["unsupported"],
    )
    assert [g.claim for g in gaps] == ["p"]
    assert gaps[0].reason == "premise 'p' rests only on sources known only through 'art' ('deep')"
    assert gaps[0].fix == "find 'Deep' itself and cite it with a URL and a page or section"


def test_unsupported_not_when_one_independent_citation() -> None:
    assert (
        kinds_of(
            """  premises:
    - {id: p, claim: P., cite: [{source: art, quote: q}, {source: rep2, locator: p. 3}]}
""",
            "unsupported",
        )
        == []
    )


def test_unsupported_for_anonymous_only() -> None:
    assert kinds_of(
        """  premises:
    - {id: p, claim: P., cite: [{source: anon, locator: x}]}
""",
        "unsupported",
    ) == [("p", "premise 'p' rests only on anonymous sources ('anon')")]


def test_anonymous_source_listed_as_incomplete_only_when_fields_miss() -> None:
    argmap = load(
        HEAD.replace(
            'anon: {title: Them, kind: testimony, author: U, date: "2018", url: "https://u.example", anonymous: true}',
            "anon: {title: Them, kind: testimony, anonymous: true}",
        )
    )
    gaps = find_gaps(argmap, kinds=["source-incomplete"])
    assert [(g.source, g.reason) for g in gaps] == [
        ("anon", "source 'anon' is anonymous: no URL, no date and no author or publisher")
    ]
    assert find_gaps(load(HEAD), kinds=["source-incomplete"]) == []


def test_publisher_alone_is_enough_for_source_completeness() -> None:
    argmap = load(HEAD.replace("author: Y,", "publisher: Y Press,"))
    assert find_gaps(argmap, kinds=["source-incomplete"]) == []


def test_unanswered_counts_a_ref_as_an_answer() -> None:
    body = """  premises:
    - {id: p, claim: P., cite: [{source: rep, locator: a}]}
  counterpoints:
    - id: c
      claim: C.
      cite: [{source: rep2, locator: b}]
      rebuttals:
        - ref: p
"""
    assert kinds_of(body, "unanswered") == []
    assert kinds_of(body.replace("      rebuttals:\n        - ref: p\n", ""), "unanswered") == [
        ("c", "counterpoint 'c' against 't' has no rebuttal")
    ]


def test_correlation_only_not_when_a_premise_also_supports() -> None:
    body = """  correlations:
    - {id: k, claim: K., between: [x, y], cite: [{source: rep2, locator: a}]}
"""
    assert kinds_of(body, "correlation-only") == [("t", "thesis 't' is supported only by correlation 'k'")]
    assert (
        kinds_of(
            body
            + """  premises:
    - {id: p, claim: P., cite: [{source: rep2, locator: b}]}
""",
            "correlation-only",
        )
        == []
    )


def test_single_source_reported_once_at_branch_root_through_via_roots() -> None:
    body = """  premises:
    - id: a
      claim: A.
      cite: [{source: art, quote: q}]
      premises:
        - id: b
          claim: B.
          cite: [{source: mid, locator: l}]
          premises:
            - {id: c, claim: C., cite: [{source: deep, locator: l}]}
"""
    gaps = find_gaps(load(HEAD + body), kinds=["single-source"])
    assert [(g.claim, g.source) for g in gaps] == [("a", "art")]
    # one independent citation anywhere in the branch breaks it ...
    mixed = body.replace("{source: deep, locator: l}", "{source: rep2, locator: l}")
    assert find_gaps(load(HEAD + mixed), kinds=["single-source"]) == []
    # ... and a leaf alone is not a branch
    assert (
        find_gaps(
            load(
                HEAD
                + """  premises:
    - {id: a, claim: A., cite: [{source: art, quote: q}]}
"""
            ),
            kinds=["single-source"],
        )
        == []
    )


def test_no_quote_one_gap_per_citation_at_the_citation() -> None:
    gaps = find_gaps(
        load(
            HEAD
            + """  premises:
    - id: p
      claim: P.
      cite:
        - rep
        - {source: rep2, quote: exact}
        - rep2
"""
        ),
        kinds=["no-quote"],
    )
    assert [(g.claim, g.source, g.position.line, g.position.column) for g in gaps] == [
        ("p", "rep", 19, 11),
        ("p", "rep2", 21, 11),
    ]


def test_uncited_never_for_the_thesis() -> None:
    argmap = load(HEAD.replace("  cite: [{source: rep, locator: p. 1}]\n", ""))
    assert find_gaps(argmap, kinds=["uncited"]) == []


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="valid: uncited"):
        find_gaps(load(HEAD), kinds=["nope"])


def test_coverage_counts() -> None:
    cov = coverage(load((HERE / "small.yaml").read_text()))
    assert cov == Coverage(
        premises=6,
        premises_independent=2,
        citations=9,
        citations_checkable=7,
        counterpoints=2,
        counterpoints_answered_count=1,
    )
    assert cov.summary() == (
        "coverage: 2/6 premises with independent evidence (33%), 7/9 citations with "
        "quote or locator (77%), 1/2 counterpoints answered (50%)"
    )
    assert Coverage().counterpoints_answered == 1.0


# --- options and exit codes -------------------------------------------------------------------------


def test_fail_on_exit_codes() -> None:
    assert run("gaps", "--fail-on", "unanswered", MAPS["small"])[0] == 1
    assert run("gaps", "--fail-on", "unanswered", MAPS["clean"])[0] == 0
    assert run("gaps", "--fail-on", "no-quote,unanswered", "--fail-on", "uncited", MAPS["clean"])[0] == 0
    assert run("gaps", MAPS["small"])[0] == 0


def test_kind_filter_and_fail_on_kinds_always_listed() -> None:
    code, out, _ = run("gaps", "-f", "parsable", "--kind", "uncited", "--fail-on", "unanswered", MAPS["small"])
    assert code == 1
    assert [line.rsplit("[", 1)[1] for line in out.splitlines()] == ["unanswered]", "uncited]"]  # rank order


def test_github_levels_follow_fail_on() -> None:
    _, out, _ = run("gaps", "-f", "github", "-k", "uncited,unanswered", "--fail-on", "uncited", MAPS["small"])
    first, second = out.splitlines()
    # critical is an error annotation by itself; the major uncited gap is one because it fails the run
    assert first.startswith(
        "::error file=tests/gaps_show/small.yaml,line=65,col=7,title=argmap gap unanswered (critical)::"
    )
    assert second.startswith("::error file=tests/gaps_show/small.yaml,line=45,col=7,title=argmap gap uncited (major)::")
    _, out, _ = run("gaps", "-f", "github", "-k", "uncited", MAPS["small"])
    assert out.startswith("::warning file=tests/gaps_show/small.yaml,line=45,col=7,title=argmap gap uncited (major)::")


def test_unknown_kind_is_usage_error_listing_valid_kinds() -> None:
    for option in ("--kind", "--fail-on"):
        proc = run_main("gaps", option, "uncited,bogus", "maps/assad_isis.yaml")
        assert proc.returncode == 2
        assert (
            "unknown gap kind 'bogus'" if option == "--kind" else "unknown gap kind or severity 'bogus'"
        ) in proc.stderr
        assert "valid kinds: " + ", ".join(KINDS) in proc.stderr
        assert "Traceback" not in proc.stderr


def test_unreadable_map_exits_1_and_missing_file_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: [unclosed\n")
    proc = run_main("gaps", str(bad))
    assert proc.returncode == 1 and "bad.yaml:" in proc.stderr and proc.stdout == ""
    proc = run_main("gaps", str(tmp_path / "missing.yaml"))
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_stdin_and_list_kinds() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "gaps", "-f", "parsable", "-k", "uncited", "-"],
        input=(HERE / "small.yaml").read_text(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("<stdin>:45:7: major: premise 'trees-are-cheap' cites no source;")
    proc = run_main("gaps", "--list-kinds")
    assert [line.split()[0] for line in proc.stdout.splitlines()] == list(KINDS)


def test_piped_text_has_no_escape_codes() -> None:
    proc = run_main("gaps", MAPS["hostile"], env={"FORCE_COLOR": "", "TERM": "xterm-256color"})
    assert proc.returncode == 0 and "\x1b" not in proc.stdout
    assert "'[link=javascript:alert(1)]click me[/link] and array[/index]'" in proc.stdout


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_force_color_colours_piped_text_and_reverses_fail_on_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    proc = run_main(
        "gaps", "--fail-on", "unanswered", MAPS["small"], env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    )
    assert proc.returncode == 1
    assert re.search(r"\x1b\[[0-9;]*7[0-9;]*munanswered", proc.stdout)  # reversed: it fails the run
    assert re.search(r"\x1b\[[0-9;]*3[1-7]m", proc.stdout)
    assert ANSI.sub("", proc.stdout) == (GOLDEN / "small.gaps.txt").read_text(encoding="utf-8")


def test_github_is_the_default_under_github_actions() -> None:
    proc = run_main("gaps", MAPS["small"], env={"GITHUB_ACTIONS": "true"})
    assert proc.returncode == 0 and proc.stdout == (GOLDEN / "small.gaps.github").read_text(encoding="utf-8")
    proc = run_main("gaps", MAPS["small"], env={"GITHUB_ACTIONS": "false"})
    assert proc.stdout == (GOLDEN / "small.gaps.txt").read_text(encoding="utf-8")


def test_markdown_escapes_user_text() -> None:
    _, out, _ = run("gaps", "-f", "markdown", MAPS["hostile"])
    assert "\\[link=javascript:alert(1)\\]click me\\[/link\\]" in out
    assert "[link=" not in out.replace("\\[link=", "")
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out)
    assert "'[link=javascript:alert(1)]click me[/link] and array[/index]'</td>" in rendered
    assert "<a " not in rendered and "<em>" not in rendered


# --- property: gaps only name what exists ---------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), size=st.integers(1, 40))
def test_gaps_name_only_existing_claims_and_sources(seed: int, size: int) -> None:
    argmap = load(random_map(seed, size))
    gaps = find_gaps(argmap)
    for gap in gaps:
        assert gap.kind in KINDS
        assert gap.claim is not None or gap.source is not None
        if gap.claim is not None:
            assert gap.claim in argmap.claim_index
        if gap.source is not None:
            assert gap.source in argmap.source_index
        assert gap.reason and gap.fix
    assert gaps == sorted(gaps, key=lambda g: g.sort_key())
    assert find_gaps(argmap) == gaps  # deterministic
    # single-source at most once per claim, and never for a claim another reported root contains
    roots = [g.claim for g in gaps if g.kind == "single-source"]
    assert len(roots) == len(set(roots))


def _single_source_by_definition(argmap: ArgMap) -> set[tuple[str, str]]:
    """(claim, source) of each single-source gap, straight from docs/gaps.md: a claim with supporters
    whose whole support tree (walked claim by claim) cites one via root, reported at the top only:
    not when a claim it supports is such a claim too, unless that one lies in its own support tree
    (a support cycle), where the first written is the top."""
    roots, _ = _Sources(argmap).roots_and_independent({c.source for _, c in argmap.iter_citations()})
    supporters: dict[str, list[str]] = {}
    for edge in argmap.edges_resolved:
        if edge.kind in (ClaimKind.PREMISE, ClaimKind.CORRELATION):
            supporters.setdefault(edge.parent, []).append(edge.child)

    def tree(claim_id: str) -> set[str]:
        seen, todo = {claim_id}, [claim_id]
        while todo:
            for child in supporters.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen

    single: dict[str, str] = {}
    for claim_id in argmap.claim_index:
        if claim_id in supporters:
            found = {roots[c.source] for m in tree(claim_id) for c in argmap.claim_index[m].cites}
            if len(found) == 1:
                single[claim_id] = found.pop()
    result = set()
    for claim_id, source in single.items():
        place = argmap.claim_index[claim_id].position
        parents = [p for p, children in supporters.items() if claim_id in children and p in single]
        if not any(
            p not in tree(claim_id)
            or (argmap.claim_index[p].position.line, argmap.claim_index[p].position.column) < (place.line, place.column)
            for p in parents
        ):
            result.add((claim_id, source))
    return result


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), size=st.integers(1, 40))
def test_single_source_gaps_are_those_of_the_definition(seed: int, size: int) -> None:
    argmap = load(random_map(seed, size))
    got = {(g.claim, g.source) for g in find_gaps(argmap, kinds=["single-source"])}
    assert got == _single_source_by_definition(argmap)


def test_correlation_only_judges_supporters_by_their_own_kind() -> None:
    """A ref keeps the kind of the claim it names (docs/format.md)."""
    body = """  correlations:
    - {id: k, claim: K., between: [a, b], cite: [{source: rep, locator: p. 1}]}
  premises:
    - id: b
      claim: B.
      cite: [{source: rep, locator: p. 1}]
      premises:
        - ref: k
    - id: c
      claim: C.
      cite: [{source: rep, locator: p. 1}]
      correlations:
        - ref: b
"""
    assert [claim for claim, _ in kinds_of(body, "correlation-only")] == ["b"]


def test_a_directory_is_searched_for_maps_like_validate_does() -> None:
    code, out, _ = run("gaps", str(ROOT / "tests" / "validate" / "tree"), "-f", "parsable")
    files = sorted({line.split(":")[0] for line in out.splitlines()})
    assert code == 0
    assert files == [
        str(ROOT / "tests" / "validate" / "tree" / "good.yaml"),
        str(ROOT / "tests" / "validate" / "tree" / "sub" / "bad.yml"),
    ]
