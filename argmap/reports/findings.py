"""The line-oriented formats of findings, written once for every kind of finding: parsable, github,
sarif, and the envelope of the JSON documents.

A finding is a validate Problem or a gaps Gap (argmap.findings.Finding). A ranked gap carries a
GapSeverity (critical, major, minor, info): its name stands where a severity would, and its annotation
level is error when the run fails on it (its kind or its severity is in `fail_on`), else the level its
severity maps to (critical error, major warning, minor and info notice). A finding without a severity
is rendered neutrally: its category ("gap") where a severity would stand, warning (or error when the
run fails on its id) as its level.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from argmap import __version__
from argmap.findings import Finding, Severity, fails_on
from argmap.reports.base import ReportFormat
from argmap.text.markup import github_escape
from argmap.text.safe import visible

JSON_FORMAT_VERSION = 1
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class FindingsReport(Protocol):
    """A report the line formats can print: its findings, sorted, and the ids that fail the run."""

    @property
    def findings(self) -> Sequence[Finding]: ...

    @property
    def fail_on(self) -> Collection[str]: ...


def level(finding: Finding, *, fail_on: Collection[str] = ()) -> Severity:
    """The severity an annotation shows: a validate severity as it is; for a gap, error when the run
    fails on it, else its severity's level (warning for a gap without one)."""
    severity = finding.severity
    if isinstance(severity, Severity):
        return severity
    if fails_on(finding, fail_on):
        return Severity.ERROR
    return severity.annotation if severity is not None else Severity.WARNING


def format_parsable(findings: Iterable[Finding]) -> str:
    """`FILE:LINE:COL: SEVERITY: MESSAGE[; fix: FIX] [ID]`, one per line (for editors and grep)."""
    out = []
    for f in findings:
        label = f.category if f.severity is None else str(f.severity)
        fix = "" if f.fix is None else f"; fix: {visible(f.fix)}"
        out.append(f"{visible(f.file)}:{f.line}:{f.column}: {label}: {visible(f.message)}{fix} [{f.id}]\n")
    return "".join(out)


def format_github(findings: Iterable[Finding], *, fail_on: Collection[str] = ()) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's lines."""
    out = []
    for f in findings:
        title = f"argmap {f.category} {f.id}" if f.category else f"argmap {f.id}"
        if f.severity is not None and not isinstance(f.severity, Severity):
            title += f" ({f.severity})"  # a gap's own severity beside the annotation level
        message = f.message if f.fix is None else f"{f.message} -- fix: {f.fix}"
        out.append(
            f"::{_GITHUB_LEVEL[level(f, fail_on=fail_on)]} "
            f"file={github_escape(f.file, property_value=True)},line={f.line},col={f.column},"
            f"title={github_escape(title, property_value=True)}::{github_escape(message)}\n"
        )
    return "".join(out)


@dataclass(frozen=True)
class SarifRule:
    """What SARIF tells about one id: a summary, its documentation and its default severity."""

    id: str
    summary: str
    description: str
    severity: Severity


def format_sarif(
    findings: Iterable[Finding],
    *,
    rules: Sequence[SarifRule],
    fail_on: Collection[str] = (),
    help_page: str = "docs/rules.md",
) -> str:
    """SARIF 2.1.0, as GitHub code scanning accepts it. A gap's severity is also in the result's
    `properties` (critical/major/minor/info is not a SARIF level)."""
    index = {rule.id: n for n, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.id,
            "name": "".join(part.title() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.description},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "helpUri": f"https://github.com/argmap/argmap/blob/main/{help_page}#{rule.id}",
        }
        for rule in rules
    ]
    results = []
    for f in findings:
        message = f.message if f.fix is None else f"{f.message} -- fix: {f.fix}"
        result: dict[str, object] = {
            "ruleId": f.id,
            "level": _SARIF_LEVEL[level(f, fail_on=fail_on)],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file.replace("\\", "/")},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        if f.id in index:
            result["ruleIndex"] = index[f.id]
        if f.severity is not None and not isinstance(f.severity, Severity):
            result["properties"] = {"severity": str(f.severity)}  # a gap's own scale
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argmap",
                        "version": __version__,
                        "informationUri": "https://github.com/argmap/argmap",
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }
    import json  # the text formats, validate's default, need no JSON

    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def format_json_document(fields: dict[str, object]) -> str:
    """A JSON report: the format version and the tool, then `fields` (each family's own)."""
    document = {"version": JSON_FORMAT_VERSION, "tool": {"name": "argmap", "version": __version__}, **fields}
    import json

    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def _parsable(report: FindingsReport) -> str:
    return format_parsable(report.findings)


def _github(report: FindingsReport) -> str:
    return format_github(report.findings, fail_on=report.fail_on)


#: the formats every report of findings has, shared by PROBLEM_FORMATS and GAP_FORMATS
PARSABLE: ReportFormat[FindingsReport] = ReportFormat(_parsable)
GITHUB: ReportFormat[FindingsReport] = ReportFormat(_github)
