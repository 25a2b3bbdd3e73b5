"""eval's report: which claims stand, fall or stay undecided, in EVAL_FORMATS (text, json), the
registry its `--format` reads, and the chain of reasons `--explain` prints.
"""
from __future__ import annotations

import json

from argmap.analysis.evaluate import Evaluation, explain
from argmap.reports.base import ReportFormat
from argmap.text.safe import visible

HEADINGS = (("stands", "Stands"), ("falls", "Falls"), ("undecided", "Undecided"))
#: ids longer than this do not widen the text table's first column
ID_COLUMN_MAX = 40


def format_text(evaluation: Evaluation) -> str:
    """Claims grouped by label, each with the reason of its label, then the thesis verdict."""
    width = min(ID_COLUMN_MAX, max((len(v.id) for v in evaluation.verdicts), default=0))
    lines: list[str] = []
    for label, heading in HEADINGS:
        group = [v for v in evaluation.verdicts if v.label == label]
        lines.append(f"{heading} ({len(group)})")
        for verdict in group:
            # the heading says the label already: drop the reason's "stands: " prefix
            reason = verdict.reason.split(": ", 1)[1] if ": " in verdict.reason else verdict.reason
            lines.append(f"  {visible(verdict.id):<{width}}  {visible(reason)}")
        lines.append("")
    if evaluation.thesis is None:
        lines.append("Thesis: none (the map has no thesis)")
    else:
        lines.append(f"Thesis '{visible(evaluation.thesis)}' {evaluation.thesis_label}.")
    return "\n".join(lines) + "\n"


def format_json(evaluation: Evaluation) -> str:
    """`{"claims": [{"id", "label", "reason"}], "thesis": label}` (docs/eval.md)."""
    return json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2) + "\n"


def format_explanation(evaluation: Evaluation, claim_id: str) -> str:
    """The chain of reasons behind `claim_id`'s label down to the leaves, indented by depth; a claim
    met again says "(see above)"."""
    lines = []
    for depth, verdict, shown in explain(evaluation, claim_id):
        tail = " (see above)" if shown else f": {verdict.reason}"
        lines.append(f"{'  ' * depth}{visible(verdict.id)}{visible(tail)}\n")
    return "".join(lines)


#: eval's --format choices; each one's help is part of the option's help
EVAL_FORMATS: dict[str, ReportFormat[Evaluation]] = {
    "text": ReportFormat(format_text, help="claims grouped by label, then the thesis verdict"),
    "json": ReportFormat(format_json, help='{"claims": [{"id", "label", "reason"}], "thesis": label}'),
}
