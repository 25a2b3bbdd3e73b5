"""Checking an edit before it is written: the result is read with `validate`'s own reader and rules,
and compared with the input.

`fmt` must leave the model as it was (positions aside) and keep every comment; `add` and `rename`
must not bring a problem the input did not have. Problems are compared by rule, severity and
message with positions taken out ("first defined at 12:5" moves when lines do).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from argmap.checks.runner import check_map
from argmap.findings import Problem
from argmap.formats.argmap_yaml import load_bytes
from argmap.model import ArgMap

_POSITION = re.compile(r"\b\d+:\d+\b")
_SKIPPED = frozenset({"file", "base_dir", "position", "positions"})


@dataclass(frozen=True)
class Checked:
    """A text read back: its model (None if unreadable) and its problems."""

    map: ArgMap | None
    problems: tuple[Problem, ...]


def check(data: bytes, file: str, base_dir: str | None) -> Checked:
    """Load and check `data` as `validate` would (every rule on)."""
    loaded = load_bytes(data, file=file, base_dir=base_dir)
    problems = list(loaded.problems)
    if loaded.map is not None:
        problems.extend(check_map(loaded.map))
    return Checked(loaded.map, tuple(sorted(problems)))


def problem_counts(problems: tuple[Problem, ...]) -> Counter[tuple[str, str, str]]:
    """Problems as (rule, severity, message without positions), counted."""
    return Counter((p.rule, str(p.severity), _POSITION.sub("L:C", p.message)) for p in problems)


def new_problems(before: Checked, after: Checked) -> list[Problem]:
    """The problems of `after` that `before` did not have (by rule, severity and message)."""
    old = problem_counts(before.problems)
    found = []
    for problem in after.problems:
        key = (problem.rule, str(problem.severity), _POSITION.sub("L:C", problem.message))
        if old[key]:
            old[key] -= 1
        else:
            found.append(problem)
    return found


def meaning(value: object) -> object:
    """A model value without positions and file names: what it says. Of a whole map, the claims,
    arguments and relations are compared in any order across lists (moving `counterpoints:` above
    `premises:` changes the order claims are read in, not what the map says) but in written order
    within one list."""
    if isinstance(value, ArgMap):
        fields = dict(meaning_fields(value))
        claims = sorted(value.claims, key=lambda c: (c.id, c.kind.value, c.parent or "", c.argument or "", c.text))
        fields["claims"] = meaning(tuple(claims))
        edges = sorted(value.edges, key=lambda e: (e.parent, e.kind.value, e.argument or ""))
        fields["edges"] = meaning(tuple(edges))
        arguments = sorted(value.arguments, key=lambda a: a.conclusion)
        fields["arguments"] = meaning(tuple(arguments))
        return tuple(sorted(fields.items(), key=lambda item: item[0]))
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (tuple, list)):
        return tuple(meaning(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, meaning(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, meaning_fields(value))
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}


def meaning_fields(value: object) -> tuple[tuple[str, object], ...]:
    """A dataclass's fields, positions and file names left out, each by its meaning."""
    names = _FIELDS.get(type(value))
    if names is None:
        names = _FIELDS[type(value)] = tuple(
            f.name
            for f in dataclasses.fields(value)  # type: ignore[arg-type]
            if f.name not in _SKIPPED and not f.name.endswith("_position")
        )
    return tuple((name, meaning(getattr(value, name))) for name in names)
