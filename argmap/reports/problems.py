"""Output formats for problems: text, parsable, json, github and sarif, one function each.

Every format is a function over a sorted list of problems (plus the number of files checked)
that returns the text to print. Only `text` imports rich, and only when it is chosen.
"""
from __future__ import annotations

import inspect
import json
from typing import Callable, Sequence

from argmap import __version__
from argmap.findings import Problem, Severity
from argmap.text.safe import visible

JSON_FORMAT_VERSION = 1


def _counts(problems: Sequence[Problem]) -> dict[str, int]:
    return {
        "errors": sum(1 for p in problems if p.severity is Severity.ERROR),
        "warnings": sum(1 for p in problems if p.severity is Severity.WARNING),
        "infos": sum(1 for p in problems if p.severity is Severity.INFO),
    }


def format_parsable(problems: Sequence[Problem], *, files: int) -> str:
    """`FILE:LINE:COL: severity: message [rule-id]`, one per line."""
    return "".join(
        f"{visible(p.file)}:{p.line}:{p.column}: {p.severity}: {visible(p.message)} [{p.rule}]\n"
        for p in problems
    )


def format_json(problems: Sequence[Problem], *, files: int) -> str:
    """A stable JSON object; see docs/cli.md."""
    document = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "argmap", "version": __version__},
        "files": files,
        "summary": _counts(problems),
        "problems": [p.to_dict() for p in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def github_escape(text: str, *, property_value: bool = False) -> str:
    """Text for a GitHub Actions workflow command (a property value escapes ':' and ',' too)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return visible(text)


def format_github(problems: Sequence[Problem], *, files: int) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's lines."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    return "".join(
        f"::{level[p.severity]} file={github_escape(p.file, property_value=True)},line={p.line},"
        f"col={p.column},title={github_escape('argmap ' + p.rule, property_value=True)}::"
        f"{github_escape(p.message)}\n"
        for p in problems
    )


def format_sarif(problems: Sequence[Problem], *, files: int) -> str:
    """SARIF 2.1.0, as GitHub code scanning accepts it."""
    from argmap.checks import REGISTRY

    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    rule_ids = list(REGISTRY)
    rules = [
        {
            "id": rule.id,
            "name": "".join(part.title() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": inspect.cleandoc(rule.doc)},
            "defaultConfiguration": {"level": level[rule.severity]},
            "helpUri": f"https://github.com/argmap/argmap/blob/main/docs/rules.md#{rule.id}",
        }
        for rule in REGISTRY.values()
    ]
    results = []
    for p in problems:
        result: dict[str, object] = {
            "ruleId": p.rule,
            "level": level[p.severity],
            "message": {"text": p.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": p.file.replace("\\", "/")},
                    "region": {"startLine": p.line, "startColumn": p.column},
                }
            }],
        }
        if p.rule in rule_ids:
            result["ruleIndex"] = rule_ids.index(p.rule)
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "argmap",
                "version": __version__,
                "informationUri": "https://github.com/argmap/argmap",
                "rules": rules,
            }},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def format_text(problems: Sequence[Problem], *, files: int) -> str:
    """Grouped by file, aligned, with a summary line; styled by print_text on a terminal."""
    lines: list[str] = []
    current = None
    for p in problems:
        if p.file != current:
            if current is not None:
                lines.append("")
            lines.append(visible(p.file))
            current = p.file
        lines.append(f"  {p.line:>4}:{p.column:<3} {str(p.severity):<8} {visible(p.message)}  [{p.rule}]")
    if problems:
        lines.append("")
    lines.append(summary_line(problems, files=files))
    return "\n".join(lines) + "\n"


def summary_line(problems: Sequence[Problem], *, files: int) -> str:
    counts = _counts(problems)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not problems:
        return f"{checked}, no problems"
    parts = [f"{counts['errors']} error{'s' if counts['errors'] != 1 else ''}",
             f"{counts['warnings']} warning{'s' if counts['warnings'] != 1 else ''}"]
    if counts["infos"]:
        parts.append(f"{counts['infos']} info")
    return f"{checked}: {', '.join(parts)}"


def print_text(problems: Sequence[Problem], *, files: int) -> None:
    """The text format on stdout through rich: colour only on a terminal, NO_COLOR honoured."""
    import sys

    if not sys.stdout.isatty():  # plain text, exactly as format_text, no escape codes (and no rich import)
        sys.stdout.write(format_text(problems, files=files))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True, emoji=False, markup=False)
    style = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    current = None
    for p in problems:
        if p.file != current:
            if current is not None:
                console.print()
            console.print(Text(visible(p.file), style="bold underline"))
            current = p.file
        line = Text("  ")
        line.append(f"{p.line:>4}:{p.column:<3} ", style="dim")
        line.append(f"{str(p.severity):<8} ", style=style[p.severity])
        line.append(visible(p.message))
        line.append(f"  [{p.rule}]", style="dim")
        console.print(line)
    if problems:
        console.print()
    worst = max((p.severity for p in problems), default=None)
    summary_style = "green" if worst is None else style[worst]
    console.print(Text(summary_line(problems, files=files), style=summary_style))


FORMATS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "parsable": format_parsable,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}
