"""eval's report: which claims stand, fall or stay undecided, in EVAL_FORMATS (text, json), the
registry its `--format` reads, and the chain of reasons `--explain` prints.
"""

from __future__ import annotations

import json

from argmap.analysis.evaluate import Evaluation, Verdict, explain
from argmap.reports.base import ReportFormat
from argmap.text.safe import visible

HEADINGS = (("stands", "Stands"), ("falls", "Falls"), ("undecided", "Undecided"))
#: the first line of the text report: the semantics, and the convention a debater must keep in mind
HEADERS = {
    "grounded": "Grounded semantics: an attack nobody answers defeats what it attacks (docs/eval.md).",
    "weighed": "Weighed semantics: each claim's proof standard weighs its strongest argument for against "
    "its strongest argument against (docs/eval.md).",
}
#: ids longer than this do not widen the text table's first column
ID_COLUMN_MAX = 40


def format_text(evaluation: Evaluation) -> str:
    """Claims grouped by label, each with the reason of its label, then the thesis verdict."""
    width = min(ID_COLUMN_MAX, max((len(v.id) for v in evaluation.verdicts), default=0))
    lines: list[str] = [HEADERS[evaluation.semantics], ""]
    for label, heading in HEADINGS:
        group = [v for v in evaluation.verdicts if v.label == label]
        lines.append(f"{heading} ({len(group)})")
        for verdict in group:
            # the heading says the label already: drop the reason's "stands: " prefix
            reason = verdict.reason.split(": ", 1)[1] if ": " in verdict.reason else verdict.reason
            lines.append(f"  {visible(verdict.id):<{width}}  {visible(reason)}")
        lines.append("")
    theses = evaluation.theses or ((evaluation.thesis,) if evaluation.thesis else ())
    if not theses:
        lines.append("Thesis: none (the map has no thesis)")
    for thesis in theses:
        lines.append(f"Thesis '{visible(thesis)}' {evaluation.label(thesis)}.")
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
        lines.append(f"{_indent(depth)}{visible(verdict.id)}{visible(tail)}\n")
    top = evaluation.verdict(claim_id)
    if top is not None and top.via:
        lines.append(f"load-bearing: {visible(load_bearing(top))}\n")
    return "".join(lines)


#: how deep the explanation indents; deeper reasons carry their depth as a number instead (a chain
#: thousands of claims deep, indented in full, made output quadratic in its length)
MAX_INDENT = 30


def _indent(depth: int) -> str:
    return "  " * depth if depth <= MAX_INDENT else "  " * MAX_INDENT + f"[depth {depth}] "


def load_bearing(verdict: Verdict) -> str:
    """ "'x' stands only via 'p'" or "'x' stands via 'p' and 'q' (losing all of them flips it)"."""
    named = ", ".join(f"'{name}'" for name in verdict.via[:6])
    if len(verdict.via) > 6:  # a thesis resting on thousands of claims names a few
        named = ", ".join(f"'{name}'" for name in verdict.via[:4]) + f" and {len(verdict.via) - 4} more"
    if verdict.label == "stands":
        if len(verdict.via) == 1:
            return f"'{verdict.id}' stands only via {named}"
        return f"'{verdict.id}' stands via {named} (losing all of them flips it)"
    if len(verdict.via) == 1:
        return f"'{verdict.id}' falls only because of {named}"
    return f"'{verdict.id}' falls because of {named}"


#: eval's --format choices; each one's help is part of the option's help
EVAL_FORMATS: dict[str, ReportFormat[Evaluation]] = {
    "text": ReportFormat(format_text, help="claims grouped by label, then the thesis verdict"),
    "json": ReportFormat(
        format_json,
        help='{"semantics", "claims": [{"id", "label", "reason", "side", "via"}], '
        '"thesis": label, "theses": {id: label}}',
    ),
}
