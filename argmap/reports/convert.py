"""`argmap convert`'s report: each file's reader problems, checks and losses, then what became of it.

text goes to stderr (stdout may be the converted map): problems and losses as `FILE:LINE:COL:
severity: message [id]` lines, then one line per file in a folder run (or for a single file that
was not written) and a summary. json is one document with the same facts, for programs.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from argmap.formats.convert import FAILED, SKIPPED, WRITTEN, ConvertResult, FileResult
from argmap.reports.findings import JSON_FORMAT_VERSION, format_parsable
from argmap.text.safe import visible


def _file_line(result: FileResult) -> str:
    formats = f" ({result.source or '?'} -> {result.target or '?'})"
    if result.status == WRITTEN:
        losses = len(result.losses)
        lost = f", {losses} loss{'es' if losses != 1 else ''}" if losses else ""
        return f"{visible(result.input)} -> {visible(result.output or '')}{formats}: written{lost}\n"
    return f"{visible(result.input)}{formats}: {result.status}: {visible(result.error or '')}\n"


def format_text(report: ConvertResult) -> str:
    out = []
    for result in report.files:
        out.append(format_parsable(result.problems))
        out.append(format_parsable(result.losses))
        if report.directory or result.status != WRITTEN:
            out.append(_file_line(result))
    if report.directory:
        counts = {status: sum(1 for f in report.files if f.status == status) for status in (WRITTEN, FAILED, SKIPPED)}
        total = len(report.files)
        out.append(
            f"{total} file{'s' if total != 1 else ''}: {counts[WRITTEN]} written, {counts[FAILED]} failed, "
            f"{counts[SKIPPED]} skipped\n"
        )
    return "".join(out)


def format_json(report: ConvertResult) -> str:
    document = {
        "version": JSON_FORMAT_VERSION,
        "files": [result.to_dict() for result in report.files],
        "summary": {
            "files": len(report.files),
            **{status: sum(1 for f in report.files if f.status == status) for status in (WRITTEN, FAILED, SKIPPED)},
            "losses": sum(len(f.losses) for f in report.files),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


#: --format name -> the function that prints the report
CONVERT_FORMATS: dict[str, Callable[[ConvertResult], str]] = {"text": format_text, "json": format_json}
