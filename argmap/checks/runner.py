"""Running the rules over a loaded map: stamping ids and severities, applying settings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from argmap.checks import REGISTRY, CheckContext
from argmap.findings import Problem
from argmap.model import ArgMap


def check_map(
    argmap: ArgMap,
    *,
    snapshots: Mapping[str, str] | None = None,
    disabled: Iterable[str] = (),
    require_snapshots: bool = False,
    snapshot_folders: tuple[str, ...] = (),
) -> list[Problem]:
    """Every enabled rule's violations on `argmap`, as Problems in no particular order."""
    context = CheckContext(
        snapshots=dict(snapshots or {}), require_snapshots=require_snapshots, snapshot_folders=snapshot_folders
    )
    skip = set(disabled)
    problems: list[Problem] = []
    for rule_id, rule in REGISTRY.items():
        if rule.check is None or rule_id in skip:
            continue
        for violation in rule.check(argmap, context):
            where = violation.position
            # `is None`, not `or`: Severity.INFO is 0 and would be taken for "not given"
            severity = rule.severity if violation.severity is None else violation.severity
            problems.append(Problem(where.file, where.line, where.column, rule_id, severity, violation.message))
    return problems


def filter_problems(problems: Iterable[Problem], *, disabled: Iterable[str]) -> list[Problem]:
    """Drop problems of disabled rules (loader-stage rules included) and sort what is left."""
    skip = set(disabled)
    return sorted(p for p in problems if p.rule not in skip)
