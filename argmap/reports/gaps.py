"""gaps' report: the ranked gaps and coverage of every map read, in GAP_FORMATS (text, parsable,
json, github, markdown, sarif), the registry its `--format` reads.

text lists each map's gaps with their fixes and coverage (styled on a terminal); json and markdown
are gaps' own documents; parsable and github are the formats every finding shares
(argmap.reports.findings). Reasons and fixes quote user text (ids, titles), so every format but
json escapes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from argmap.analysis.gaps import KIND_SUMMARIES, KINDS, Gap
from argmap.analysis.gaps_run import GapsReport, MapGaps
from argmap.findings import GAP_SEVERITIES, GapSeverity, Severity, fails_on
from argmap.reports.base import ReportFormat
from argmap.reports.findings import GITHUB, PARSABLE, SarifRule, format_json_document, format_sarif
from argmap.reports.terminal import StyledLine
from argmap.text.markup import md_escape
from argmap.text.safe import shorten, visible

__all__ = ["GAP_FORMATS", "GapsReport", "MapGaps", "count_line"]

KIND_WIDTH = max(len(k) for k in KINDS)
SEVERITY_WIDTH = max(len(s) for s in GAP_SEVERITIES)
#: at most this many weak points in the summary block that opens each map's text report
TOP = 10
_RANK_WIDTH = 4
_INDENT = " " * (2 + _RANK_WIDTH + 2 + SEVERITY_WIDTH + 2)  # claims and fix start under the position
_SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "cyan", "info": "dim"}


def count_line(gaps: Sequence[Gap], *, files: int) -> str:
    """`12 weak points in 1 file: 3 critical, 9 minor` (severities worst first)."""
    where = f"{files} file{'s' if files != 1 else ''}"
    if not gaps:
        return f"no gaps in {where}"
    return f"{_points(len(gaps))} in {where}: {_severity_counts(gaps)}"


def _points(n: int) -> str:
    return f"{n} weak point{'s' if n != 1 else ''}"


def _severity_counts(gaps: Sequence[Gap]) -> str:
    counts = Counter(str(g.severity) for g in gaps)
    return ", ".join(f"{counts[s]} {s}" for s in GAP_SEVERITIES if counts[s]) or "none"


def _kind_counts(gaps: Sequence[Gap]) -> str:
    counts = Counter(g.kind for g in gaps)
    return ", ".join(f"{counts[k]} {k}" for k in KINDS if counts[k])


def summary_lines(report: GapsReport, one: MapGaps) -> list[StyledLine]:
    """The block that opens a map's report: the top weak points (at most TOP), one line each, then
    how many weak points of each severity and kind there are, and how many are not shown."""
    if not one.ranked:
        return []
    listed = report.listed(one)
    hidden = report.hidden(one)
    lines: list[StyledLine] = []
    top = [g for g in listed if g.severity is not None and g.severity > GapSeverity.INFO][:TOP]
    if top:
        lines.append((("  top weak points:", "bold"),))
        for gap in top:
            severity = str(gap.severity)
            lines.append(
                (
                    (f"  {gap.rank:>{_RANK_WIDTH}}  ", "dim"),
                    (f"{severity:<{SEVERITY_WIDTH}}", _SEVERITY_STYLE[severity]),
                    ("  " + shorten(visible(gap.reason), 100), ""),
                )
            )
    head = f"  {_points(len(one.ranked))} from {len(one.gaps)} gap{'s' if len(one.gaps) != 1 else ''}"
    lines.append(((f"{head}: {_severity_counts(one.ranked)}", "bold"),))
    lines.append(((f"  by kind: {_kind_counts(one.ranked)}", ""),))
    if hidden:
        lines.append(((f"  not shown: {hidden} below {report.minimum} (--all shows every one)", "dim"),))
    return lines


def _claims_line(gap: Gap) -> str | None:
    """`claims: a, b, c` when the item covers claims its reason does not all name."""
    if all(f"'{c}'" in gap.reason for c in gap.claims):
        return None
    return "claims: " + ", ".join(visible(c) for c in gap.claims)


def text_lines(report: GapsReport) -> list[StyledLine]:
    """Per file: the summary block (top weak points, then counts), then each listed weak point in
    rank order (rank, severity, position, kind, reason; the claims it covers and its fix below),
    then the coverage; a total line. A weak point that fails the run (--fail-on) is shown reversed."""
    lines: list[StyledLine] = []
    for one in report.maps:
        lines.append(((visible(one.file), "bold underline"),))
        lines += summary_lines(report, one)
        listed = report.listed(one)
        if listed:
            lines.append(())
        for gap in listed:
            severity = str(gap.severity)
            style, kind_style = _SEVERITY_STYLE.get(severity, ""), "bold"
            if fails_on(gap, report.fail_on):
                style, kind_style = f"{style} reverse", "bold reverse"
            lines.append(
                (
                    (f"  {gap.rank:>{_RANK_WIDTH}}  ", "dim"),
                    (f"{severity:<{SEVERITY_WIDTH}}", style),
                    (f"  {f'{gap.line}:{gap.column}':<9} ", "dim"),
                    (f"{gap.kind}", kind_style),
                    ("  " + visible(gap.reason), ""),
                )
            )
            claims = _claims_line(gap)
            if claims is not None:
                lines.append(((f"{_INDENT}{claims}", "dim"),))
            lines.append(((f"{_INDENT}fix: {visible(gap.fix)}", "green"),))
        if not one.ranked:
            lines.append((("  no gaps", "green"),))
        lines.append(())
        lines.append(((f"  {one.coverage.summary()}", "bold"),))
        lines.append(())
    lines.append(((count_line(report.gaps, files=len(report.maps)), "bold"),))
    return lines


def format_json(report: GapsReport) -> str:
    """The stable JSON document described in docs/gaps.md."""
    return format_json_document(
        {
            "gaps": [g.to_dict() for g in report.gaps],
            "coverage": report.coverage.to_dict(),
            "files": [
                {
                    "file": one.file,
                    "gaps": len(report.listed(one)),
                    "found": len(one.gaps),
                    "ranked": len(one.ranked),
                    "coverage": one.coverage.to_dict(),
                }
                for one in report.maps
            ],
            "counts": {k: sum(1 for one in report.maps for g in one.gaps if g.kind == k) for k in KINDS},
            "severities": {s: sum(1 for g in report.gaps if str(g.severity) == s) for s in GAP_SEVERITIES},
        }
    )


def format_markdown(report: GapsReport) -> str:
    """A Markdown report: per file a heading, its coverage and a table of ranked gaps (for PR comments)."""
    lines = ["# argmap gaps", "", md_escape(count_line(report.gaps, files=len(report.maps))), ""]
    for one in report.maps:
        lines += [f"## {md_escape(one.file)}", "", md_escape(one.coverage.summary()), ""]
        if not report.listed(one):
            lines += ["No gaps." if not one.ranked else f"No gaps of {report.minimum} severity or worse.", ""]
            continue
        lines += [
            "| rank | severity | line:col | kind | claims / sources | reason | fix |",
            "|---|---|---|---|---|---|---|",
        ]
        for g in report.listed(one):
            subject = ", ".join(g.claims or g.sources)
            lines.append(
                f"| {g.rank} | {g.severity} | {g.line}:{g.column} | {md_escape(g.kind)} | {md_escape(subject)} "
                f"| {md_escape(g.reason)} | {md_escape(g.fix)} |"
            )
        lines.append("")
    return "\n".join(lines)


def sarif_rules() -> list[SarifRule]:
    """Every gap kind, as SARIF describes it (a warning by default; each result says its level)."""
    return [SarifRule(kind, KIND_SUMMARIES[kind], KIND_SUMMARIES[kind], Severity.WARNING) for kind in KINDS]


def format_sarif_report(report: GapsReport) -> str:
    """SARIF 2.1.0 (GitHub code scanning): one result per ranked gap, its severity in `properties`."""
    return format_sarif(report.gaps, rules=sarif_rules(), fail_on=report.fail_on, help_page="docs/gaps.md")


#: gaps' --format choices, in the order its help lists them
GAP_FORMATS: dict[str, ReportFormat[GapsReport]] = {
    "text": ReportFormat.styled(text_lines),
    "parsable": PARSABLE,
    "json": ReportFormat(format_json),
    "github": GITHUB,
    "markdown": ReportFormat(format_markdown),
    "sarif": ReportFormat(format_sarif_report),
}
