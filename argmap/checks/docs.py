"""docs/rules.md from the rules' docstrings: `python -m argmap.checks.docs > docs/rules.md`.

A test keeps docs/rules.md identical to what this prints.
"""

from __future__ import annotations

import inspect

from argmap.checks import REGISTRY, Rule
from argmap.checks.examples import FRAME


def _snapshot_note(rule: Rule) -> str:
    """What a rule's examples assume beyond the map, said before the examples."""
    parts = [f"the snapshot of source `{source}` reads: “{text}”" for source, text in rule.example_snapshots.items()]
    return f"In the examples, {'; '.join(parts)}" if parts else ""


def rules_markdown() -> str:
    lines = [
        "# Rules",
        "",
        "What `argmap validate` checks. Each rule has a stable id (use it with `--disable`, `--enable`,",
        "`disable:`/`enable:` in settings, and to read problems) and a default severity. Errors fail",
        "validation (exit 1); warnings fail it only with `--strict`.",
        "",
        "This page is generated from the rules' own documentation (`python -m argmap.checks.docs`).",
        "Each rule has a failing and a passing example, and both are run as tests. An example shows",
        "only the top-level keys it is about; the rest of the map is this frame, whose keys the",
        "example's own replace:",
        "",
        "```yaml",
        FRAME.rstrip("\n"),
        "```",
        "",
        "| rule | severity | checks that |",
        "|---|---|---|",
    ]
    for rule in REGISTRY.values():
        lines.append(f"| [`{rule.id}`](#{rule.id}) | {rule.severity} | {rule.summary} |")
    for rule in REGISTRY.values():
        doc = inspect.cleandoc(rule.doc)
        summary, _, body = doc.partition("\n")
        note = _snapshot_note(rule)
        if note:
            before, fails, after = body.partition("\nFails")
            body = f"{before.rstrip()}\n\n{note}\n\nFails{after}" if fails else f"{body}\n\n{note}"
        lines += ["", f"## {rule.id}", "", f"Severity: {rule.severity}. {summary}"]
        if body.strip():
            lines += ["", body.strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(rules_markdown(), end="")
