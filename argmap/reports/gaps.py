"""Output formats for gaps: text, parsable, json, github and markdown, one function each.

Every format is a function over a `GapsReport` (the gaps of one or more maps, sorted, with each map's
coverage) that returns the text to print. Only `print_text` imports rich, and only on a terminal.
Reasons and fixes quote user text (ids, titles), so every format but json escapes them.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Collection, Sequence

from argmap import __version__
from argmap.analysis.gaps import KINDS, Coverage, Gap
from argmap.reports.problems import github_escape
from argmap.text.safe import visible

JSON_FORMAT_VERSION = 1
KIND_WIDTH = max(len(k) for k in KINDS)


@dataclass(frozen=True)
class MapGaps:
    """The gaps and coverage of one map file."""

    file: str
    gaps: tuple[Gap, ...]
    coverage: Coverage


@dataclass(frozen=True)
class GapsReport:
    """What `argmap gaps` found over all the files it read; `fail_on` marks the kinds that fail the run."""

    maps: tuple[MapGaps, ...]
    fail_on: frozenset[str] = frozenset()

    @property
    def gaps(self) -> list[Gap]:
        return [gap for one in self.maps for gap in one.gaps]

    @property
    def coverage(self) -> Coverage:
        total = Coverage()
        for one in self.maps:
            total = total + one.coverage
        return total

    @property
    def failed(self) -> bool:
        return any(gap.kind in self.fail_on for gap in self.gaps)


def count_line(gaps: Sequence[Gap], *, files: int) -> str:
    """`12 gaps in 1 file: 3 unanswered, 9 no-quote` (kinds in their documented order)."""
    where = f"{files} file{'s' if files != 1 else ''}"
    if not gaps:
        return f"no gaps in {where}"
    counts = Counter(g.kind for g in gaps)
    parts = ", ".join(f"{counts[k]} {k}" for k in KINDS if counts[k])
    return f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''} in {where}: {parts}"


def format_text(report: GapsReport) -> str:
    """Per file: its gaps (position, kind, reason, then the fix below), its coverage; a total line."""
    lines: list[str] = []
    indent = " " * (2 + 10 + 1 + KIND_WIDTH + 2)
    for one in report.maps:
        lines.append(visible(one.file))
        for gap in one.gaps:
            where = f"{gap.position.line}:{gap.position.column}"
            lines.append(f"  {where:<10} {gap.kind:<{KIND_WIDTH}}  {visible(gap.reason)}")
            lines.append(f"{indent}fix: {visible(gap.fix)}")
        if not one.gaps:
            lines.append("  no gaps")
        lines.append(f"  {one.coverage.summary()}")
        lines.append("")
    lines.append(count_line(report.gaps, files=len(report.maps)))
    return "\n".join(lines) + "\n"


def format_parsable(report: GapsReport) -> str:
    """`FILE:LINE:COL: gap: REASON; fix: FIX [KIND]`, one per line (for editors and grep)."""
    return "".join(
        f"{visible(g.position.file)}:{g.position.line}:{g.position.column}: gap: {visible(g.reason)}; "
        f"fix: {visible(g.fix)} [{g.kind}]\n"
        for g in report.gaps
    )


def format_json(report: GapsReport) -> str:
    """The stable JSON document described in docs/gaps.md."""
    document = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "argmap", "version": __version__},
        "gaps": [g.to_dict() for g in report.gaps],
        "coverage": report.coverage.to_dict(),
        "files": [{"file": one.file, "gaps": len(one.gaps), "coverage": one.coverage.to_dict()}
                  for one in report.maps],
        "counts": {k: sum(1 for g in report.gaps if g.kind == k) for k in KINDS},
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def format_github(report: GapsReport) -> str:
    """GitHub Actions annotations: `error` for the --fail-on kinds, `warning` for the others."""
    out = []
    for g in report.gaps:
        level = "error" if g.kind in report.fail_on else "warning"
        out.append(f"::{level} file={github_escape(g.position.file, property_value=True)},line={g.position.line},"
                   f"col={g.position.column},title={github_escape('argmap gap ' + g.kind, property_value=True)}::"
                   f"{github_escape(g.reason + ' -- fix: ' + g.fix)}\n")
    return "".join(out)


_MD_SPECIAL = "\\`*_{}[]()|~"  # cells and plain lines: nothing here starts a block
_MD_TABLE = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;", **{ch: "\\" + ch for ch in _MD_SPECIAL}})


def md_escape(text: str) -> str:
    """Markdown-inert text for a table cell: specials backslash-escaped, `<`, `>`, `&` as entities."""
    return visible(text).translate(_MD_TABLE)


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
            lines.append(f"| {g.position.line}:{g.position.column} | {md_escape(g.kind)} | {md_escape(subject)} "
                         f"| {md_escape(g.reason)} | {md_escape(g.fix)} |")
        lines.append("")
    return "\n".join(lines)


FORMATS: dict[str, Callable[[GapsReport], str]] = {
    "text": format_text,
    "parsable": format_parsable,
    "json": format_json,
    "github": format_github,
    "markdown": format_markdown,
}

_KIND_STYLE = {
    "uncited": "bold red", "unsupported": "yellow", "no-quote": "cyan", "unanswered": "magenta",
    "correlation-only": "yellow", "single-source": "bold yellow", "source-incomplete": "blue",
}


def print_text(report: GapsReport, *, fail_on: Collection[str] = ()) -> None:
    """The text format on stdout: exactly `format_text` when piped; styled through rich on a terminal."""
    import sys

    from argmap.views.tree import may_be_terminal

    if not may_be_terminal():  # piped: plain text, and no need to import rich
        sys.stdout.write(format_text(report))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True, emoji=False, markup=False)
    if not console.is_terminal:
        console.file.write(format_text(report))
        return
    indent = " " * (2 + 10 + 1 + KIND_WIDTH + 2)
    for one in report.maps:
        console.print(Text(visible(one.file), style="bold underline"))
        for gap in one.gaps:
            line = Text("  ")
            line.append(f"{f'{gap.position.line}:{gap.position.column}':<10} ", style="dim")
            style = _KIND_STYLE.get(gap.kind, "")
            line.append(f"{gap.kind:<{KIND_WIDTH}}", style=f"{style} reverse" if gap.kind in fail_on else style)
            line.append("  " + visible(gap.reason))
            console.print(line)
            console.print(Text(f"{indent}fix: {visible(gap.fix)}", style="green"))
        if not one.gaps:
            console.print(Text("  no gaps", style="green"))
        console.print(Text(f"  {one.coverage.summary()}", style="bold"))
        console.print()
    console.print(Text(count_line(report.gaps, files=len(report.maps)), style="bold"))
