"""Bytes -> a checked YAML node tree with positions, refusing what a map never needs.

Reading uses libyaml's composer through PyYAML (CSafeLoader) where available, falling back to
PyYAML's pure-Python SafeLoader: both keep start marks on every node, and neither constructs Python
objects, so nothing a map contains is ever executed or expanded. Everything wrong at this level
(encoding, syntax, several documents, anchors and aliases) becomes a Problem with a position.
"""
from __future__ import annotations

import gc
import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from argmap.problems import Problem, Severity
from argmap.textsafe import visible

try:  # libyaml is five to ten times faster; positions and errors are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# An anchor, alias or explicit tag can only start after whitespace, a line start or a flow indicator.
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[{,])[&*!][^\s,\[\]{}]", re.MULTILINE)
# Raw characters YAML itself would choke on or that must never reach a terminal.
_RAW_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ReadResult:
    """The root node (None when the file could not be read as one YAML document) and problems."""

    root: Node | None
    problems: tuple[Problem, ...]


def _problem(file: str, line: int, column: int, message: str, rule: str = "syntax") -> Problem:
    return Problem(file, line, column, rule, Severity.ERROR, message)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def decode(data: bytes, file: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (with or without a BOM) to str, or a problem at the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _problem(file, 1, 1, "the file is UTF-16; save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, column = _line_col(good, len(good))
        byte = data[exc.start : exc.start + 1].hex()
        return None, _problem(file, line, column, f"invalid UTF-8 (byte 0x{byte}); save the file as UTF-8")
    match = _RAW_FORBIDDEN.search(text)
    if match:
        line, column = _line_col(text, match.start())
        return None, _problem(
            file, line, column, f"control character {visible(match.group())} in the file; remove it"
        )
    return text, None


def _mark_problem(file: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context and "document" not in str(problem) else str(problem)
    if "expected a single document" in str(exc) or "but found another document" in str(exc):
        message = "several YAML documents in one file; a map is one document (remove the extra '---')"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return _problem(file, line, column, f"YAML syntax error: {visible(message)}")


def _property_problems(text: str, file: str) -> list[Problem]:
    """Anchors, aliases and explicit tags, from the event stream (run only when the text may hold one)."""
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                _problem(file, mark.line + 1, mark.column + 1,
                         f"YAML alias *{visible(event.anchor or '')} is not allowed in a map; "
                         "write the value out, or use 'ref:' to reuse a claim")
            )
        elif getattr(event, "anchor", None):
            problems.append(
                _problem(file, mark.line + 1, mark.column + 1,
                         f"YAML anchor &{visible(event.anchor)} is not allowed in a map; remove it")
            )
        if getattr(event, "tag", None) and not _implicit(event):
            problems.append(
                _problem(file, mark.line + 1, mark.column + 1,
                         f"explicit YAML tag {visible(event.tag)} is not allowed in a map; "
                         "remove it (quote a value to make it text)")
            )
    return problems


def _implicit(event: yaml.Event) -> bool:
    implicit = getattr(event, "implicit", False)
    return all(implicit) if isinstance(implicit, tuple) else bool(implicit)


def read_yaml(data: bytes, file: str) -> ReadResult:
    """Decode and compose one YAML document; never raises for any input."""
    text, problem = decode(data, file)
    if problem is not None:
        return ReadResult(None, (problem,))
    assert text is not None
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the composer allocates many small objects that are never cyclic garbage
    try:
        if _NODE_PROPERTY.search(text):
            anchors = _property_problems(text, file)
            if anchors:
                return ReadResult(None, tuple(anchors))
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return ReadResult(None, (_mark_problem(file, exc),))
    except RecursionError:
        return ReadResult(None, (_problem(file, 1, 1, "the YAML is nested too deeply"),))
    finally:
        if gc_was_enabled:
            gc.enable()
    if root is None:
        return ReadResult(
            None,
            (_problem(file, 1, 1, "the file is empty; a map needs at least argmap, title, sources and thesis",
                      rule="schema"),),
        )
    return ReadResult(root, ())


__all__ = ["MappingNode", "Node", "ReadResult", "ScalarNode", "SequenceNode", "decode", "read_yaml"]
