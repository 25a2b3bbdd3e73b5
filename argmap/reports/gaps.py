"""gaps' report: the gaps and coverage of every map read, in GAP_FORMATS (text, parsable, json,
github, markdown), the registry its `--format` reads.

text lists each map's gaps with their fixes and coverage (styled on a terminal); json and markdown
are gaps' own documents; parsable and github are the formats every finding shares
(argmap.reports.findings). Reasons and fixes quote user text (ids, titles), so every format but
json escapes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from argmap.analysis.gaps import KINDS, Gap
from argmap.analysis.gaps_run import GapsReport, MapGaps
from argmap.reports.base import ReportFormat
from argmap.reports.findings import GITHUB, PARSABLE, format_json_document
from argmap.reports.terminal import StyledLine
from argmap.text.markup import md_escape
from argmap.text.safe import visible

__all__ = ["GAP_FORMATS", "GapsReport", "MapGaps", "count_line"]

KIND_WIDTH = max(len(k) for k in KINDS)
_FIX_INDENT = " " * (2 + 10 + 1 + KIND_WIDTH + 2)  # the fix starts under the reason
_KIND_STYLE = {
    "uncited": "bold red",
    "unsupported": "yellow",
    "no-quote": "cyan",
    "unanswered": "magenta",
    "correlation-only": "yellow",
    "single-source": "bold yellow",
    "source-incomplete": "blue",
}


def count_line(gaps: Sequence[Gap], *, files: int) -> str:
    """`12 gaps in 1 file: 3 unanswered, 9 no-quote` (kinds in their documented order)."""
    where = f"{files} file{'s' if files != 1 else ''}"
    if not gaps:
        return f"no gaps in {where}"
    counts = Counter(g.kind for g in gaps)
    parts = ", ".join(f"{counts[k]} {k}" for k in KINDS if counts[k])
    return f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''} in {where}: {parts}"


def text_lines(report: GapsReport) -> list[StyledLine]:
    """Per file: its gaps (position, kind, reason, then the fix below), its coverage; a total line.
    A kind that fails the run (--fail-on) is shown reversed."""
    lines: list[StyledLine] = []
    for one in report.maps:
        lines.append(((visible(one.file), "bold underline"),))
        for gap in one.gaps:
            style = _KIND_STYLE.get(gap.kind, "")
            if gap.kind in report.fail_on:
                style = f"{style} reverse"
            lines.append(
                (
                    ("  ", ""),
                    (f"{f'{gap.line}:{gap.column}':<10} ", "dim"),
                    (f"{gap.kind:<{KIND_WIDTH}}", style),
                    ("  " + visible(gap.reason), ""),
                )
            )
            lines.append(((f"{_FIX_INDENT}fix: {visible(gap.fix)}", "green"),))
        if not one.gaps:
            lines.append((("  no gaps", "green"),))
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
                {"file": one.file, "gaps": len(one.gaps), "coverage": one.coverage.to_dict()} for one in report.maps
            ],
            "counts": {k: sum(1 for g in report.gaps if g.kind == k) for k in KINDS},
        }
    )


def format_markdown(report: GapsReport) -> str:
    """A Markdown report: per file a heading, its coverage and a table of gaps (for PR comments)."""
    lines = ["# argmap gaps", "", md_escape(count_line(report.gaps, files=len(report.maps))), ""]
    for one in report.maps:
        lines += [f"## {md_escape(one.file)}", "", md_escape(one.coverage.summary()), ""]
        if not one.gaps:
            lines += ["No gaps.", ""]
            continue
        lines += ["| line:col | kind | claim / source | reason | fix |", "|---|---|---|---|---|"]
        for g in one.gaps:
            subject = g.claim if g.claim is not None else g.source or ""
            lines.append(
                f"| {g.line}:{g.column} | {md_escape(g.kind)} | {md_escape(subject)} "
                f"| {md_escape(g.reason)} | {md_escape(g.fix)} |"
            )
        lines.append("")
    return "\n".join(lines)


#: gaps' --format choices, in the order its help lists them
GAP_FORMATS: dict[str, ReportFormat[GapsReport]] = {
    "text": ReportFormat.styled(text_lines),
    "parsable": PARSABLE,
    "json": ReportFormat(format_json),
    "github": GITHUB,
    "markdown": ReportFormat(format_markdown),
}
