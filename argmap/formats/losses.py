"""What a writer's losses look like: one per kind of thing the target cannot hold, with a count and
the position of the first, so that a 10,000-claim map gives a few lines, not thousands.

    losses = Losses("mermaid")
    losses.add("citations", claim.position)        # for every claim whose citations are dropped
    losses.problems()  # -> (loss(file, line, col, "mermaid holds no citations: 53 left out (first here)"), ...)
"""

from __future__ import annotations

from argmap.findings import Problem, loss
from argmap.model import Position


class Losses:
    def __init__(self, target: str) -> None:
        self.target = target
        self._first: dict[str, Position] = {}
        self._count: dict[str, int] = {}

    def add(self, what: str, position: Position) -> None:
        """One more `what` ("citations", "notes") the target leaves out, at `position`."""
        self._first.setdefault(what, position)
        self._count[what] = self._count.get(what, 0) + 1

    def problems(self) -> tuple[Problem, ...]:
        return tuple(
            loss(where.file, where.line, where.column, self._message(what)) for what, where in self._first.items()
        )

    def _message(self, what: str) -> str:
        count = self._count[what]
        if count == 1:
            return f"{self.target} cannot hold {what}: left out"
        return f"{self.target} cannot hold {what}: {count} left out (the first here)"
