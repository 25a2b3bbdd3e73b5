"""validate's report: the problems of every map checked, in PROBLEM_FORMATS (text, parsable, json,
github, sarif), the registry its `--format` reads.

text is grouped by file with a summary line (styled on a terminal); json is validate's own document;
parsable, github and sarif are the formats every finding shares (argmap.reports.findings).
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.findings import Finding, Problem, Severity
from argmap.reports.base import ReportFormat
from argmap.reports.findings import GITHUB, PARSABLE, SarifRule, format_json_document, format_sarif
from argmap.reports.findings import format_parsable as parsable_lines
from argmap.reports.terminal import StyledLine
from argmap.text.safe import visible

if TYPE_CHECKING:
    from argmap.pipeline import CheckedMap

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@dataclass(frozen=True)
class ProblemsReport:
    """What `argmap validate` found: every problem, sorted, and how many files were checked."""

    problems: Sequence[Problem]
    files: int
    #: the settings file the run used (its [tool.argmap] table for pyproject.toml), None without one
    settings: str | None = None

    @property
    def findings(self) -> Sequence[Finding]:
        return self.problems

    @property
    def fail_on(self) -> frozenset[str]:
        return frozenset()  # problems fail the run by their severity


def _counts(problems: Sequence[Problem]) -> dict[str, int]:
    return {
        "errors": sum(1 for p in problems if p.severity is Severity.ERROR),
        "warnings": sum(1 for p in problems if p.severity is Severity.WARNING),
        "infos": sum(1 for p in problems if p.severity is Severity.INFO),
    }


def format_parsable(problems: Sequence[Problem], *, files: int = 1) -> str:
    """`FILE:LINE:COL: severity: message [rule-id]`, one per line (what open_map prints on stderr)."""
    return parsable_lines(problems)


def map_problems_note(path: str, checked: CheckedMap) -> str:
    """What a command that works on maps tells on stderr about one map's problems: all of them, one
    per line, when it cannot be read; else a one-line summary naming the first of the most severe
    (an error before any warning); "" when it has none."""
    problems = checked.problems
    if checked.map is None:
        return parsable_lines(problems)
    if not problems:
        return ""
    counts = _counts(problems)
    # the first of the worst: an error further down matters more than a warning above it
    worst = max(p.severity for p in problems)
    first = parsable_lines([next(p for p in problems if p.severity == worst)]).rstrip("\n")
    return (
        f"argmap: {visible(checked.file)}: {counts['errors']} error(s), {counts['warnings']} warning(s); "
        f"first: {first} (run 'argmap validate {visible(path)}' for all)\n"
    )


def summary_line(problems: Sequence[Problem], *, files: int) -> str:
    counts = _counts(problems)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not problems:
        return f"{checked}, no problems"
    parts = [
        f"{counts['errors']} error{'s' if counts['errors'] != 1 else ''}",
        f"{counts['warnings']} warning{'s' if counts['warnings'] != 1 else ''}",
    ]
    if counts["infos"]:
        parts.append(f"{counts['infos']} info")
    return f"{checked}: {', '.join(parts)}"


def text_lines(report: ProblemsReport) -> list[StyledLine]:
    """Grouped by file, aligned, with a summary line styled by the worst severity."""
    lines: list[StyledLine] = []
    current = None
    for p in report.problems:
        if p.file != current:
            if current is not None:
                lines.append(())
            lines.append(((visible(p.file), "bold underline"),))
            current = p.file
        lines.append(
            (
                ("  ", ""),
                (f"{p.line:>4}:{p.column:<3} ", "dim"),
                (f"{p.severity!s:<8} ", _STYLE[p.severity]),
                (visible(p.message), ""),
                (f"  [{p.rule}]", "dim"),
            )
        )
    if report.problems:
        lines.append(())
    worst = max((p.severity for p in report.problems), default=None)
    summary = summary_line(report.problems, files=report.files)
    if report.settings is not None:
        summary += f" (settings: {visible(report.settings)})"
    lines.append(((summary, "green" if worst is None else _STYLE[worst]),))
    return lines


def format_json(report: ProblemsReport) -> str:
    """A stable JSON object; see docs/cli.md."""
    return format_json_document(
        {
            "files": report.files,
            "settings": report.settings,
            "summary": _counts(report.problems),
            "problems": [p.to_dict() for p in report.problems],
        }
    )


def sarif_rules() -> list[SarifRule]:
    """Every check rule, as SARIF describes it."""
    from argmap.checks import REGISTRY

    return [SarifRule(rule.id, rule.summary, inspect.cleandoc(rule.doc), rule.severity) for rule in REGISTRY.values()]


def format_sarif_report(report: ProblemsReport) -> str:
    """SARIF 2.1.0 with every rule described (GitHub code scanning)."""
    return format_sarif(report.problems, rules=sarif_rules())


#: validate's --format choices, in the order its help lists them
PROBLEM_FORMATS: dict[str, ReportFormat[ProblemsReport]] = {
    "text": ReportFormat.styled(text_lines),
    "parsable": PARSABLE,
    "json": ReportFormat(format_json),
    "github": GITHUB,
    "sarif": ReportFormat(format_sarif_report),
}
