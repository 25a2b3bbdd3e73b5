"""What every stage reports and how a run ends: Severity, the Finding every output format reads,
validate's Problem, and the exit code computed from findings.

A Finding is anything found at one place in one file: a Problem a check rule found (its id is the rule
id) or a Gap the gaps analysis found (its id is the gap kind, argmap.analysis.gaps). Both are
Findings as they are, without conversion, so that a line-oriented format (parsable, github, sarif) is
one function over findings, whichever stage found them (argmap.reports.findings).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol, runtime_checkable

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2  # usage, unreadable path, internal error


class Severity(IntEnum):
    """How much a finding matters; ordered so that max() gives the worst."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


class GapSeverity(IntEnum):
    """How much a weak point matters (argmap gaps; the rules are in docs/gaps.md); ordered so that
    max() gives the worst. A scale of its own: a gap never fails a run by its severity alone, only
    by `--fail-on`."""

    INFO = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> GapSeverity:
        return cls[text.strip().upper()]

    @property
    def annotation(self) -> Severity:
        """The level an annotation (github, SARIF) shows for it when the run does not fail on it."""
        return _GAP_ANNOTATION[self]


_GAP_ANNOTATION = {
    GapSeverity.CRITICAL: Severity.ERROR,
    GapSeverity.MAJOR: Severity.WARNING,
    GapSeverity.MINOR: Severity.INFO,
    GapSeverity.INFO: Severity.INFO,
}

#: the severity names of gaps, worst first (for option choices and docs)
GAP_SEVERITIES: tuple[str, ...] = tuple(str(s) for s in sorted(GapSeverity, reverse=True))


@runtime_checkable
class Finding(Protocol):
    """One thing found at one place: where (file, 1-based line and column), what (a stable kebab-case
    id), how much it matters, and a one-line message; optionally a fix.

    `severity` is a validate Severity for a Problem, a GapSeverity for a ranked gap; it may be None
    (a gap not yet ranked), and every format renders a finding without one in a neutral way (its
    `category` where a severity would stand, a warning level where one is needed). Only a Severity
    fails a run by itself (`fails`).
    `category` names the family of ids ("" for check rules, whose ids are argmap's main vocabulary;
    "gap" for gap kinds) and qualifies the id where ids of all families meet (annotation titles).
    """

    @property
    def file(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...

    @property
    def id(self) -> str: ...

    @property
    def severity(self) -> Severity | GapSeverity | None: ...

    @property
    def message(self) -> str: ...

    @property
    def fix(self) -> str | None: ...

    @property
    def category(self) -> str: ...


@dataclass(frozen=True, order=True)
class Problem:
    """What a check found at one place in one file (a Finding). Sorting orders by file, line, column,
    rule."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str

    @property
    def id(self) -> str:
        return self.rule

    @property
    def fix(self) -> str | None:
        return None

    @property
    def category(self) -> str:
        return ""

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
        }


def fails_on(finding: Finding, fail_on: Collection[str]) -> bool:
    """Whether `fail_on` names the finding: its id, or for a ranked gap the kind of any gap it
    groups or its severity's name (`--fail-on major` is given as {"major", "critical"})."""
    if not fail_on:
        return False
    if finding.id in fail_on:
        return True
    severity = finding.severity
    if isinstance(severity, GapSeverity) and str(severity) in fail_on:
        return True
    kinds: Iterable[str] = getattr(finding, "kinds", ())
    return any(kind in fail_on for kind in kinds)


def fails(finding: Finding, *, strict: bool = False, fail_on: Collection[str] = ()) -> bool:
    """Whether a finding fails the run: `fail_on` names it (`fails_on`), or its severity is an error
    (with `strict`, a warning too); a gap's severity alone never fails a run."""
    if fails_on(finding, fail_on):
        return True
    threshold = Severity.WARNING if strict else Severity.ERROR
    severity = finding.severity
    return isinstance(severity, Severity) and severity >= threshold


def exit_code(findings: Iterable[Finding], *, strict: bool = False, fail_on: Collection[str] = ()) -> int:
    """0 when nothing fails, 1 when a finding fails the run (see `fails`)."""
    return EXIT_PROBLEMS if any(fails(f, strict=strict, fail_on=fail_on) for f in findings) else EXIT_OK


#: the id of what a writer reports: something the target format cannot hold (not a rule of validate)
LOSS = "loss"


def loss(file: str, line: int, column: int, message: str) -> Problem:
    """What a map writer returns for each thing the target format cannot hold, at the place in the
    map it comes from: a warning, which `argmap convert --strict` makes an error. A writer that
    cannot write the map at all returns an error instead (`Severity.ERROR`, with `cannot_write`)."""
    return Problem(file, line, column, LOSS, Severity.WARNING, message)


def cannot_write(file: str, line: int, column: int, message: str) -> Problem:
    """What a map writer returns when it cannot write the map at all (nothing is written)."""
    return Problem(file, line, column, LOSS, Severity.ERROR, message)
