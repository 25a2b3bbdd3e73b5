"""argmap.findings and argmap.reports: problems and gaps as one kind of finding, the line formats
written once for both, the format registries the commands read, and the terminal questions."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from argmap.analysis.gaps import Coverage, Gap
from argmap.analysis.gaps_run import GapsReport, MapGaps
from argmap.findings import Finding, GapSeverity, Problem, Severity, exit_code, fails
from argmap.model import Position
from argmap.reports import terminal
from argmap.reports.findings import SarifRule, format_github, format_parsable, format_sarif, level
from argmap.reports.gaps import GAP_FORMATS
from argmap.reports.problems import PROBLEM_FORMATS, ProblemsReport

PROBLEM = Problem("m.yaml", 3, 5, "bad-url", Severity.ERROR, "url of source 'x, y' is 100% wrong")
GAP = Gap("uncited", "c", None, Position("m.yaml", 7, 9), "premise 'c' cites no source", "cite it: a, b")


def test_problems_and_gaps_are_findings() -> None:
    assert isinstance(PROBLEM, Finding) and isinstance(GAP, Finding)
    assert (PROBLEM.file, PROBLEM.line, PROBLEM.column, PROBLEM.id, PROBLEM.severity, PROBLEM.fix) == (
        "m.yaml",
        3,
        5,
        "bad-url",
        Severity.ERROR,
        None,
    )
    assert (GAP.file, GAP.line, GAP.column, GAP.id, GAP.severity, GAP.message, GAP.fix, GAP.category) == (
        "m.yaml",
        7,
        9,
        "uncited",
        None,
        "premise 'c' cites no source",
        "cite it: a, b",
        "gap",
    )


def test_problem_is_constructed_and_sorted_as_before() -> None:
    a = Problem(file="a.yaml", line=2, column=1, rule="z", severity=Severity.INFO, message="m")
    b = Problem("a.yaml", 2, 1, "a", Severity.ERROR, "m")
    c = Problem("a.yaml", 1, 9, "z", Severity.ERROR, "m")
    assert sorted([a, b, c]) == [c, b, a]
    assert a.to_dict() == {"file": "a.yaml", "line": 2, "column": 1, "rule": "z", "severity": "info", "message": "m"}


def test_parsable_is_one_format_for_both() -> None:
    assert format_parsable([PROBLEM, GAP]) == (
        "m.yaml:3:5: error: url of source 'x, y' is 100% wrong [bad-url]\n"
        "m.yaml:7:9: gap: premise 'c' cites no source; fix: cite it: a, b [uncited]\n"
    )


def test_github_is_one_format_for_both_and_fail_on_sets_the_level_of_a_gap() -> None:
    assert format_github([PROBLEM, GAP]) == (
        "::error file=m.yaml,line=3,col=5,title=argmap bad-url::url of source 'x, y' is 100%25 wrong\n"
        "::warning file=m.yaml,line=7,col=9,title=argmap gap uncited::"
        "premise 'c' cites no source -- fix: cite it: a, b\n"
    )
    assert format_github([GAP], fail_on={"uncited"}).startswith("::error file=m.yaml,line=7,col=9,")
    assert format_github([PROBLEM], fail_on={"bad-url"}).startswith("::error ")  # a severity is kept as is


def test_a_gap_given_a_severity_shows_it_everywhere() -> None:
    """The hook for severities of gaps: the formats need no change."""
    graded = Gap("uncited", "c", None, Position("m.yaml", 7, 9), "r", "f", severity=Severity.INFO)
    assert format_parsable([graded]) == "m.yaml:7:9: info: r; fix: f [uncited]\n"
    assert format_github([graded], fail_on={"uncited"}).startswith("::notice ")
    assert level(graded, fail_on={"uncited"}) is Severity.INFO and level(GAP) is Severity.WARNING


def test_a_ranked_gap_shows_its_own_severity_and_never_fails_a_run_by_it() -> None:
    critical = Gap("unanswered", "c", None, Position("m.yaml", 7, 9), "r", "f", severity=GapSeverity.CRITICAL)
    minor = Gap(
        "no-quote", "c", "s", Position("m.yaml", 8, 1), "r", "f", severity=GapSeverity.MINOR, kinds=("no-quote",)
    )
    assert format_parsable([critical]) == "m.yaml:7:9: critical: r; fix: f [unanswered]\n"
    assert (level(critical), level(minor)) == (Severity.ERROR, Severity.INFO)
    assert level(minor, fail_on={"minor", "major", "critical"}) is Severity.ERROR
    assert format_github([minor]).startswith("::notice file=m.yaml,line=8,col=1,title=argmap gap no-quote (minor)::")
    assert exit_code([critical]) == 0 and exit_code([critical], strict=True) == 0
    assert exit_code([critical], fail_on={"critical"}) == 1 and exit_code([minor], fail_on={"no-quote"}) == 1
    results = json.loads(format_sarif([critical, PROBLEM], rules=[]))["runs"][0]["results"]
    assert [r.get("properties") for r in results] == [{"severity": "critical"}, None]


def test_sarif_over_any_findings() -> None:
    rule = SarifRule("bad-url", "URLs must be http(s)", "Long text.", Severity.ERROR)
    document = json.loads(format_sarif([PROBLEM, GAP], rules=[rule]))
    results = document["runs"][0]["results"]
    assert [(r["ruleId"], r["level"], r.get("ruleIndex")) for r in results] == [
        ("bad-url", "error", 0),
        ("uncited", "warning", None),
    ]
    assert results[1]["message"]["text"] == "premise 'c' cites no source -- fix: cite it: a, b"
    assert document["runs"][0]["tool"]["driver"]["rules"][0]["name"] == "BadUrl"


def test_exit_code_from_severities_or_fail_on() -> None:
    warning = Problem("m.yaml", 1, 1, "unused-source", Severity.WARNING, "m")
    assert exit_code([warning]) == 0 and exit_code([warning], strict=True) == 1
    assert exit_code([PROBLEM]) == 1 and exit_code([]) == 0
    assert exit_code([GAP]) == 0 and exit_code([GAP], fail_on={"uncited"}) == 1
    assert fails(GAP, strict=True) is False


def test_line_formats_are_shared_by_the_registries() -> None:
    assert PROBLEM_FORMATS["parsable"] is GAP_FORMATS["parsable"]
    assert PROBLEM_FORMATS["github"] is GAP_FORMATS["github"]
    assert list(PROBLEM_FORMATS) == ["text", "parsable", "json", "github", "sarif"]
    assert list(GAP_FORMATS) == ["text", "parsable", "json", "github", "markdown", "sarif"]
    gaps = GapsReport((MapGaps("m.yaml", (GAP,), Coverage(), (GAP,)),), fail_on=frozenset({"uncited"}))
    assert GAP_FORMATS["github"].render(gaps).startswith("::error ")
    problems = ProblemsReport((PROBLEM,), files=1)
    assert PROBLEM_FORMATS["parsable"].render(problems) == format_parsable([PROBLEM])


def test_text_formats_are_their_styled_lines_without_styles() -> None:
    report = ProblemsReport((PROBLEM,), files=2)
    fmt = PROBLEM_FORMATS["text"]
    assert fmt.lines is not None
    assert (
        fmt.render(report)
        == terminal.plain_text(fmt.lines(report))
        == (
            "m.yaml\n     3:5   error    url of source 'x, y' is 100% wrong  [bad-url]\n\n"
            "2 files checked: 1 error, 0 warnings\n"
        )
    )


# --- the terminal questions -------------------------------------------------------------------------


@pytest.fixture
def piped(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> pytest.CaptureFixture[str]:
    """stdout is captured (no TTY) and no variable forces a terminal."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    return capsys


@pytest.mark.parametrize(
    "env,expected",
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": ""}, False),
        ({"TTY_COMPATIBLE": "1"}, True),
        ({"TTY_COMPATIBLE": "0"}, False),
    ],
)
def test_may_be_terminal(
    piped: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert terminal.may_be_terminal() is expected


def test_a_closed_or_missing_stdout_is_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    assert terminal.may_be_terminal() is False


@pytest.mark.parametrize("columns,expected", [(None, 80), ("120", 120), ("19", 80), ("20", 20), ("wide", 80)])
def test_default_width_when_piped(
    piped: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str | None, expected: int
) -> None:
    if columns is not None:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal.default_width(minimum=20) == expected


@pytest.mark.parametrize(
    "value,choices,expected",
    [
        ("true", ("text", "github"), "github"),
        ("true", ("text", "json"), "text"),
        ("false", ("text", "github"), "text"),
        (None, ("text", "github"), "text"),
    ],
)
def test_default_format_under_github_actions(
    monkeypatch: pytest.MonkeyPatch, value: str | None, choices: tuple[str, ...], expected: str
) -> None:
    if value is not None:
        monkeypatch.setenv("GITHUB_ACTIONS", value)
    assert terminal.default_format(choices) == expected


def test_print_lines_when_piped_is_plain_and_styles_never_interpret_text(piped: pytest.CaptureFixture[str]) -> None:
    terminal.print_lines([(("[bold]x[/bold] :warning:", "red"), (" y", "")), ()])
    assert piped.readouterr().out == "[bold]x[/bold] :warning: y\n\n"


def test_print_lines_forced_is_styled_and_keeps_markup_literal(
    piped: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal.print_lines([(("[bold]x[/bold] :warning:", "red"),)])
    assert piped.readouterr().out == "\x1b[31m[bold]x[/bold] :warning:\x1b[0m\n"


def test_the_note_of_a_map_that_loads_names_its_first_error_before_an_earlier_warning(tmp_path: Path) -> None:
    """A command that works on a map that loads with problems names one on stderr: the first of
    the worst, here an unknown source on line 39, not the unused source warned about on line 14."""
    from click.testing import CliRunner

    from argmap.cli import main

    text = (Path(__file__).parent / "validate" / "warning_only.yaml").read_text(encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(text[: text.rindex("cite: [op-ed]")] + "cite: [op-edd]\n", encoding="utf-8")
    for command in ("show", "gaps", "brief"):
        with CliRunner().isolation() as (_, err, _):
            with pytest.raises(SystemExit):
                main([command, str(path)])
            note = err.getvalue().decode()
        assert note == (
            f"argmap: {path}: 1 error(s), 1 warning(s); first: {path}:39:18: error: rebuttal "
            "'cheaper-than-fashion' cites unknown source 'op-edd'; did you mean 'op-ed'? [unknown-source] "
            f"(run 'argmap validate {path}' for all)\n"
        ), command
