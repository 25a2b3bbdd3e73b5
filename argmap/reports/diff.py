"""`argmap diff`'s report: a MapDiff in DIFF_FORMATS (text, markdown for a pull-request comment, json).

Map text (claims, quotes, titles) is made safe once per format: visible() for the terminal,
md_escape() for Markdown, json.dumps for JSON.
"""

from __future__ import annotations

import json
from collections import Counter

from argmap.analysis.diff import KINDS, MapDiff
from argmap.reports.base import ReportFormat
from argmap.text.markup import md_escape
from argmap.text.safe import visible

#: how each kind of change is headed, and its marker in the text format
HEADINGS = {
    "thesis-label-changed": ("Thesis labels changed", "!"),
    "claim-added": ("Claims added", "+"),
    "claim-removed": ("Claims removed", "-"),
    "claim-renamed": ("Claims renamed", "~"),
    "claim-moved": ("Claims moved", "~"),
    "claim-reworded": ("Claims reworded", "~"),
    "citation-added": ("Citations gained", "+"),
    "citation-removed": ("Citations lost", "-"),
    "link-added": ("Links made (refs)", "+"),
    "link-removed": ("Links undone (refs)", "-"),
    "source-added": ("Sources added", "+"),
    "source-removed": ("Sources removed", "-"),
    "source-changed": ("Sources changed", "~"),
    "gap-opened": ("Gaps opened", "+"),
    "gap-closed": ("Gaps closed", "-"),
    "label-changed": ("Eval labels changed", "!"),
}
assert tuple(HEADINGS) == KINDS


def summary(diff: MapDiff) -> str:
    """'3 changes: 1 claim added, 2 citations lost' or 'no change to the argument'."""
    if not diff.changes:
        return "no change to the argument"
    counts = Counter(c.kind for c in diff.changes)
    parts = [f"{counts[kind]} {_noun(kind, counts[kind])}" for kind in KINDS if counts[kind]]
    total = len(diff.changes)
    return f"{total} change{'s' if total != 1 else ''}: {', '.join(parts)}"


def _noun(kind: str, count: int) -> str:
    """'claims added', or for one, 'claim added' (the plural noun is the heading's last but one word)."""
    words = HEADINGS[kind][0].lower().split(" ")
    if count == 1:
        plural = next(i for i in range(len(words) - 1, -1, -1) if words[i].endswith("s") and i < len(words) - 1)
        words[plural] = words[plural][:-1]
    return " ".join(words)


def format_text(diff: MapDiff) -> str:
    out = [f"{visible(diff.old)} → {visible(diff.new)}: {summary(diff)}"]
    current = None
    for change in diff.changes:
        heading, marker = HEADINGS[change.kind]
        if change.kind != current:
            out.append(f"{heading}:")
            current = change.kind
        where = f" (line {change.line})" if change.line else ""
        out.append(f"  {marker} {visible(change.id)}{where}: {visible(change.message)}")
    return "\n".join(out) + "\n"


def format_markdown(diff: MapDiff) -> str:
    out = [f"### argmap diff: {md_escape(diff.old)} → {md_escape(diff.new)}", "", f"**{summary(diff)}**"]
    current = None
    for change in diff.changes:
        if change.kind != current:
            out += ["", f"#### {HEADINGS[change.kind][0]}", ""]
            current = change.kind
        out.append(f"- **{md_escape(change.id)}**: {md_escape(change.message)}")
    return "\n".join(out) + "\n"


def format_json(diff: MapDiff) -> str:
    return json.dumps(diff.to_dict(), indent=2, ensure_ascii=False) + "\n"


DIFF_FORMATS: dict[str, ReportFormat[MapDiff]] = {
    "text": ReportFormat(format_text, help="One line per change, grouped by kind."),
    "markdown": ReportFormat(format_markdown, help="For a pull-request comment."),
    "json": ReportFormat(format_json, help="The changes as JSON (version 1)."),
}
