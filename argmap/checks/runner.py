"""Running the rules over a loaded map: stamping ids and severities, applying settings."""
from __future__ import annotations

from typing import Iterable, Mapping

from argmap.model import ArgMap
from argmap.findings import Problem
from argmap.checks import REGISTRY, CheckContext


def check_map(
    argmap: ArgMap,
    *,
    snapshots: Mapping[str, str] | None = None,
    disabled: Iterable[str] = (),
) -> list[Problem]:
    """Every enabled rule's findings on `argmap`, as Problems in no particular order."""
    context = CheckContext(snapshots=dict(snapshots or {}))
    skip = set(disabled)
    problems: list[Problem] = []
    for rule_id, rule in REGISTRY.items():
        if rule.check is None or rule_id in skip:
            continue
        for finding in rule.check(argmap, context):
            position, message = finding[0], finding[1]
            severity = finding[2] if len(finding) > 2 else rule.severity
            problems.append(Problem(position.file, position.line, position.column, rule_id,
                                    severity, message))
    return problems


def filter_problems(problems: Iterable[Problem], *, disabled: Iterable[str]) -> list[Problem]:
    """Drop problems of disabled rules (loader-stage rules included) and sort what is left."""
    skip = set(disabled)
    return sorted(p for p in problems if p.rule not in skip)
