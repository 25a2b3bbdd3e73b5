"""docs/rules.md from the rules' docstrings: `python -m argmap.checks.docs > docs/rules.md`.

A test keeps docs/rules.md identical to what this prints.
"""
from __future__ import annotations

import inspect

from argmap.checks import REGISTRY


def rules_markdown() -> str:
    lines = [
        "# Rules",
        "",
        "What `argmap validate` checks. Each rule has a stable id (use it with `--disable`, `--enable`,",
        "`disable:`/`enable:` in settings, and to read problems) and a default severity. Errors fail",
        "validation (exit 1); warnings fail it only with `--strict`.",
        "",
        "This page is generated from the rules' own documentation (`python -m argmap.checks.docs`).",
        "",
        "| rule | severity | checks that |",
        "|---|---|---|",
    ]
    for rule in REGISTRY.values():
        lines.append(f"| [`{rule.id}`](#{rule.id}) | {rule.severity} | {rule.summary} |")
    for rule in REGISTRY.values():
        doc = inspect.cleandoc(rule.doc)
        summary, _, body = doc.partition("\n")
        lines += ["", f"## {rule.id}", "", f"Severity: {rule.severity}. {summary}"]
        if body.strip():
            lines += ["", body.strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(rules_markdown(), end="")
