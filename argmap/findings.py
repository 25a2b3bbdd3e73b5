"""The one Problem type every stage reports, its Severity, and the exit code computed from them."""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Iterable

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2  # usage, unreadable path, internal error


class Severity(IntEnum):
    """How much a problem matters; ordered so that max() gives the worst."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.strip().upper()]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at one place in one file. Sorting orders by file, line, column, rule."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
        }


def exit_code(problems: Iterable[Problem], *, strict: bool = False) -> int:
    """0 when nothing fails, 1 when an error (or, with strict, a warning) was found."""
    threshold = Severity.WARNING if strict else Severity.ERROR
    return EXIT_PROBLEMS if any(p.severity >= threshold for p in problems) else EXIT_OK
