"""Kialo's text export in: the numbered outline of a discussion.

    Discussion Title: Should towns ban cars?
    1. Towns should ban cars.
    1.1. Pro: Cars pollute.
    1.1.1. Con: Electric cars do not.
    1.2. Con: -> See 1.1.1.

"1." is the thesis; each "N.M. Pro: text" supports, each "N.M. Con: text" attacks the claim
numbered N; a line that does not start a number continues the claim above; "-> See N." is a ref
to claim N (the same claim in a second place). Problems point at the line.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from argmap.checks.ids import BAD_TEXT, SCHEMA
from argmap.findings import Problem, Severity
from argmap.formats.base import LoadResult
from argmap.formats.build import MapBuilder
from argmap.formats.yaml_nodes import decode
from argmap.model import Position
from argmap.text.safe import first_unsafe, visible

__all__ = ["read", "sniff"]

_ITEM = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*)$")
_SEE = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$")
_TITLE = re.compile(r"^\s*Discussion Title:\s*(.*)$")


def sniff(data: bytes) -> bool:
    """Whether text looks like a Kialo export (a "Discussion Title:" line or a "1. " outline)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return head.startswith(b"Discussion Title:") or (bool(re.match(rb"\s*1\.\s", head)) and b"Pro:" in data)


def read(data: bytes, *, file: str = "<kialo>", base_dir: str | None = None) -> LoadResult:
    """Kialo export bytes -> the map; never raises for bad input."""
    text, problem = decode(data, file)
    if problem is not None:
        return LoadResult(None, (problem,))
    assert text is not None
    title = PurePath(file).name if file not in ("-", "<stdin>") else "Kialo discussion"
    items: list[tuple[str, str | None, list[str], int]] = []  # number, side, text lines, line
    for n, raw in enumerate(text.splitlines(), start=1):
        match = _TITLE.match(raw)
        if match and not items:
            if match.group(1).strip() and first_unsafe(match.group(1)) is None:
                title = match.group(1).strip()
            continue
        match = _ITEM.match(raw)
        if match:
            items.append((match.group(1), match.group(2), [match.group(3).strip()], n))
        elif raw.strip() and items:
            items[-1][2].append(raw.strip())
    if not items:
        message = "not a Kialo export: no numbered line such as '1. The thesis'"
        return LoadResult(None, (Problem(file, 1, 1, SCHEMA, Severity.ERROR, message),))
    b = MapBuilder(file, title=title, source_title=title, source_kind="document", id_label="Kialo number")
    refs: list[tuple[str, str, str, Position]] = []
    for number, side, lines, line in items:
        body = "\n".join(lines)
        where = Position(file, line, 1)
        unsafe = first_unsafe(body)
        if unsafe is not None:
            b.problem(where, f"control or formatting character {visible(unsafe[1])} in claim {number}", BAD_TEXT)
            body = visible(body, one_line=False)
        parent = number.rpartition(".")[0]
        see = _SEE.match(body)
        if parent and side is None:
            b.problem(where, f"claim {number} says neither Pro: nor Con:; it is read as Pro", severity=Severity.WARNING)
        if see:
            if parent:
                refs.append((see.group(1), parent, str(side), where))
            continue
        b.statement(number, body, where)
        if not parent:
            b.thesis(number)
        elif not b.has(parent):
            b.problem(where, f"claim {number} has no claim {parent} above it")
        elif side == "Con":
            b.attack(number, parent, where)
        else:
            b.support(parent, [number], where)
    for target, parent, side, where in refs:
        if not b.has(target) or not b.has(parent):
            b.problem(where, f"'-> See {target}' names no claim")
        elif side == "Con":
            b.attack(target, parent, where)
        else:
            b.support(parent, [target], where)
    return b.build()
