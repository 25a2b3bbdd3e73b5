"""The rule registry: one dict from stable rule id to Rule, filled by plain imports.

A rule is a small function over the model that yields a `Violation` for each place where the map
breaks it; it does not know its own id or (usually) its severity: the runner in
argmap.checks.runner stamps both on what it yields to make Problems. Rule ids are declared once in
argmap.checks.ids. The rule's docstring is its user documentation (summary line, a failing and a
passing example, run as tests as argmap.checks.examples describes) and docs/rules.md is generated
from it (`python -m argmap.checks.docs`), kept in step by a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from argmap.checks.ids import RuleId
from argmap.findings import Severity
from argmap.model import ArgMap, Position


class Violation(NamedTuple):
    """One place where a map breaks a rule, as the rule yields it.

    `severity` is None for the rule's default severity; a rule overrides it only for a lesser
    matter of the same kind (a snapshot that cannot be read is a warning of quote-not-found).
    """

    position: Position
    message: str
    severity: Severity | None = None


@dataclass(frozen=True)
class CheckContext:
    """What a rule may need beyond the map: snapshot paths named on the command line, whether every
    quoted source must have a snapshot, and folders besides the map's own that a map's `snapshot:`
    may point into (absolute, from the settings, inside the repository)."""

    snapshots: Mapping[str, str] = field(default_factory=dict)
    require_snapshots: bool = False
    snapshot_folders: tuple[str, ...] = ()


RuleCheck = Callable[[ArgMap, CheckContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """A rule: id, default severity, documentation, and its check (None for loader-stage rules).

    `example_snapshots` (source id -> text) is what the examples in the documentation assume
    beyond the map itself: the text of a source's snapshot, as `--snapshot ID=PATH` would give it.
    """

    id: RuleId
    severity: Severity
    doc: str
    check: RuleCheck | None = None
    example_snapshots: Mapping[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


REGISTRY: dict[RuleId, Rule] = {}


def _register(new: Rule) -> None:
    if new.id in REGISTRY:
        raise ValueError(f"rule {new.id} registered twice")
    REGISTRY[new.id] = new


def rule(
    rule_id: RuleId, severity: Severity, *, example_snapshots: Mapping[str, str] | None = None
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a check function under `rule_id`; its docstring becomes the rule's documentation."""

    def register(func: RuleCheck) -> RuleCheck:
        _register(Rule(rule_id, severity, func.__doc__ or "", func, dict(example_snapshots or {})))
        return func

    return register


def loader_rule(rule_id: RuleId, severity: Severity, doc: str) -> None:
    """Register a rule whose problems the readers in argmap.formats report (syntax, schema, bad-text)."""
    _register(Rule(rule_id, severity, doc, None))


# Filling the registry: plain imports, in the order the rules are documented (kept out of the
# import sorter, which would put them in alphabetical order).
# isort: off
from argmap.checks import load_stage, structure, arguments, sources, expect, files  # noqa: E402,F401
# isort: on
