"""The rule registry: one dict from stable rule id to Rule, filled by plain imports.

A rule is a small function over the model that yields (position, message) findings; it does not
know its own id or severity: the runner in argmap.checks stamps both on what it yields. The
rule's docstring is its user documentation (summary line, a failing and a passing example) and
docs/rules.md is generated from it (`python -m argmap.checks.docs`), kept in step by a test.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from argmap.model import ArgMap
from argmap.findings import Severity

#: what a rule yields: (position, message), or (position, message, severity) to override the default
Finding = tuple  # tuple[Position, str] | tuple[Position, str, Severity]


@dataclass(frozen=True)
class CheckContext:
    """What a rule may need beyond the map: snapshot paths named on the command line."""

    snapshots: Mapping[str, str] = field(default_factory=dict)


RuleCheck = Callable[[ArgMap, CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule: id, default severity, documentation, and its check (None for loader-stage rules)."""

    id: str
    severity: Severity
    doc: str
    check: RuleCheck | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity) -> Callable[[RuleCheck], RuleCheck]:
    """Register a check function under `rule_id`; its docstring becomes the rule's documentation."""

    def register(func: RuleCheck) -> RuleCheck:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = Rule(rule_id, severity, func.__doc__ or "", func)
        return func

    return register


def loader_rule(rule_id: str, severity: Severity, doc: str) -> None:
    """Register a rule whose problems the loader itself reports (syntax, schema, bad-text)."""
    REGISTRY[rule_id] = Rule(rule_id, severity, doc, None)


# Filling the registry: plain imports, in the order the rules are documented.
from argmap.checks import load_stage, structure, sources, expect  # noqa: E402,F401
