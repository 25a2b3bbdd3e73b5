"""Bytes -> a checked YAML node tree with positions, refusing what a map never needs.

Reading uses libyaml's composer through PyYAML (CSafeLoader) where available, falling back to
PyYAML's pure-Python SafeLoader: both keep start marks on every node, and neither constructs Python
objects, so nothing a map contains is ever executed or expanded. Everything wrong at this level
(encoding, syntax, several documents, anchors and aliases) becomes a Problem with a position.

Why not ruamel.yaml: its round-trip loader reads at 0.2-0.7 MB/s (a 10k-claim map: about 19 s,
against under a second here) and is cubic in merge keys. It remains the tool for a future command
that edits maps and must keep their comments.
"""

from __future__ import annotations

import io
import operator
import re
from typing import NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from argmap.checks.ids import BAD_TEXT, SCHEMA, SYNTAX, RuleId
from argmap.findings import Problem, Severity
from argmap.text.safe import visible
from argmap.text.short import short_form

try:  # libyaml is five to ten times faster; positions and errors are the same
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
# First characters with which a plain scalar may resolve to something other than a string.
_MAYBE_TYPED = frozenset("0123456789+-.~<=yYnNtTfFoO!&*")


def loader_class(base: type) -> type:
    """`base` (CSafeLoader, or the pure-Python SafeLoader) with a shortcut in the resolver: plain
    scalars that cannot be typed are strings at once (a claim text starting with a capital letter
    skips the implicit-type regexes, which are most of the composer's Python time). Same tags as the
    safe resolver; tests/test_yaml_readers.py checks both that and that both bases give the same
    positions and problems."""

    class Loader(base):  # type: ignore[misc]
        def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
            if kind is ScalarNode:
                if implicit[0] and value and value[0] not in _MAYBE_TYPED:
                    return _STR_TAG
                return super().resolve(kind, value, implicit)
            # a mapping or sequence without an explicit tag: the safe resolver's default tag for its
            # kind, as it gives with no path resolvers (argmap registers none)
            return _MAP_TAG if kind is MappingNode else _SEQ_TAG

        # The composer calls these two around every node, for path resolvers (add_path_resolver),
        # which argmap never registers. Built-in functions that take the same arguments and do
        # nothing stand in for them, with no Python frame per call: composing a 10k-claim map
        # takes 12% less time. Their results are ignored.
        descend_resolver = operator.is_  # called with (parent node, index)
        ascend_resolver = tuple  # called with no argument

    Loader.__name__ = f"Argmap{base.__name__}"
    return Loader


_Loader = loader_class(_BaseLoader)

# An anchor, alias or explicit tag starts with one of these, after white space, a line start, a flow
# indicator or a quoted key; see _may_hold_node_property.
_PROPERTY_START = re.compile(r"[&*!][^\s,\[\]{}]")
_PROPERTY_PRECEDERS = frozenset(" \t\r\n[{,:\"'")


def _may_hold_node_property(text: str) -> bool:
    """Whether the text may hold an anchor, alias or tag (a cheap scan; false alarms are fine)."""
    if "&" not in text and "*" not in text and "!" not in text:
        return False
    for match in _PROPERTY_START.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] in _PROPERTY_PRECEDERS:
            return True
    return False


# Raw characters YAML itself would choke on or that must never reach a terminal.
_RAW_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RAW_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


class ReadResult(NamedTuple):
    """The root node (None when the file could not be read as one YAML document) and problems."""

    root: Node | None
    problems: tuple[Problem, ...]
    text: str = ""


def _problem(file: str, line: int, column: int, message: str, rule: RuleId = SYNTAX) -> Problem:
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
    # Deleting the forbidden bytes and comparing lengths is a fast "none there" for the usual file.
    clean = len(data.translate(None, _RAW_FORBIDDEN_BYTES)) == len(data)
    match = None if clean else _RAW_FORBIDDEN.search(text)
    if match:
        line, column = _line_col(text, match.start())
        return None, _problem(file, line, column, f"control character {visible(match.group())} in the file; remove it")
    return text, None


def _mark_problem(file: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "end of stream" in str(getattr(exc, "problem", "")) and getattr(exc, "context_mark", None):
        mark = getattr(exc, "context_mark", None)  # where the unclosed thing starts, not the end of the file
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context and "document" not in str(problem) else str(problem)
    if "expected a single document" in str(exc) or "but found another document" in str(exc):
        message = "several YAML documents in one file; a map is one document (remove the extra '---')"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return _problem(file, line, column, f"YAML syntax error: {visible(message)}")


def _start(event: yaml.Event) -> tuple[int, int]:
    """The 1-based line and column where an event starts (parser events always carry a mark)."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _property_problems(text: str, file: str) -> list[Problem]:
    """Anchors, aliases and explicit tags, from the event stream (run only when the text may hold one)."""
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=_Loader):
        line, column = _start(event)
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                _problem(
                    file,
                    line,
                    column,
                    f"YAML alias *{short_form(event.anchor or '')} is not allowed in a map; "
                    "write the value out, or use 'ref:' to reuse a claim",
                )
            )
        elif getattr(event, "anchor", None):
            anchor = getattr(event, "anchor", "")
            problems.append(
                _problem(
                    file,
                    line,
                    column,
                    f"YAML anchor &{short_form(anchor)} is not allowed in a map; remove it",
                )
            )
        tag = getattr(event, "tag", None)
        if tag and not _implicit(event):
            problems.append(
                _problem(
                    file,
                    line,
                    column,
                    f"explicit YAML tag {short_form(tag)} is not allowed in a map; "
                    "remove it (quote a value to make it text)",
                )
            )
    return problems


MAX_YAML_DEPTH = 500
# libyaml's parser is iterative but its composer (in C, through PyYAML) recurses once per level and
# overflows the C stack somewhere past ten thousand levels; libyaml 0.2.6 itself stops at 1000, older
# ones do not. Nesting is measured from the event stream before composing whenever a cheap scan says
# the text could be that deep. 500 leaves room for the 200 claim levels a map may have (two YAML
# levels each) and is below every libyaml's own limit, so the message is the same everywhere.
_DEEP_INDENT = re.compile(r"\n[ \t?:-]{" + str(MAX_YAML_DEPTH // 2) + "}")
#: every byte but the four brackets, for bytes.translate to delete (a C loop; a regex takes ten times as long)
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))


def _may_be_deep(text: str, data: bytes) -> bool:
    """Whether `text` (decoded from `data`) may nest deeper than MAX_YAML_DEPTH // 2: by its
    indentation, or by its brackets counted with no regard to quoting (false alarms are fine)."""
    if _DEEP_INDENT.search(text) or _DEEP_INDENT.match("\n" + text[: MAX_YAML_DEPTH // 2]):
        return True
    if text.count("[") + text.count("{") <= MAX_YAML_DEPTH // 2:
        return False
    depth = deepest = 0
    for bracket in data.translate(None, _NOT_BRACKETS):
        if bracket in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest > MAX_YAML_DEPTH // 2


def _depth_problem(text: str, file: str) -> Problem | None:
    """A problem at the first node nested deeper than MAX_YAML_DEPTH, from the (iterative) parser."""
    depth = 0
    message = f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep"
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return _problem(file, *_start(event), message)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.6 scans flow collections ahead and stops at its own limit of 1000 levels
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            return _problem(file, exc.problem_mark.line + 1, exc.problem_mark.column + 1, message)
        raise  # any other syntax error is reported by the caller
    return None


def _implicit(event: yaml.Event) -> bool:
    implicit = getattr(event, "implicit", False)
    return all(implicit) if isinstance(implicit, tuple) else bool(implicit)


# Characters that decode() lets through but no map text may hold (tab, LF and CR are line structure).
_RAW_UNSAFE = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]")
MAX_RAW_REPORTS = 20


def raw_text_problems(text: str, file: str) -> list[Problem]:
    """bad-text problems for unsafe characters written directly into the file (one pass)."""
    problems: list[Problem] = []
    if text.isascii():  # O(1) for str: nothing to look for
        return problems
    for match in _RAW_UNSAFE.finditer(text):
        line, column = _line_col(text, match.start())
        problems.append(
            _problem(
                file,
                line,
                column,
                f"control or formatting character {visible(match.group())} in text; remove it",
                rule=BAD_TEXT,
            )
        )
        if len(problems) >= MAX_RAW_REPORTS:
            break
    return problems


class _Named(io.StringIO):
    """The text as a stream named `file`: the reader gives every mark that name, so that a mark
    alone says where a value is (model.lazy_positions). Composing it is as fast as the str."""

    def __init__(self, text: str, file: str) -> None:
        super().__init__(text)
        self.name = file


def read_yaml(data: bytes, file: str) -> ReadResult:
    """Decode and compose one YAML document; never raises for any input."""
    text, problem = decode(data, file)
    if problem is not None:
        return ReadResult(None, (problem,))
    assert text is not None
    try:
        if _may_be_deep(text, data):
            deep = _depth_problem(text, file)
            if deep is not None:
                return ReadResult(None, (deep,))
        if _may_hold_node_property(text):
            anchors = _property_problems(text, file)
            if anchors:
                return ReadResult(None, tuple(anchors))
        root = yaml.compose(_Named(text, file), Loader=_Loader)
    except yaml.YAMLError as exc:
        return ReadResult(None, (_mark_problem(file, exc),))
    except RecursionError:
        return ReadResult(None, (_problem(file, 1, 1, "the YAML is nested too deeply"),))
    if root is None or (isinstance(root, ScalarNode) and root.value == "" and not root.style):
        return ReadResult(
            None,
            (
                _problem(
                    file, 1, 1, "the file is empty; a map needs at least argmap, title, sources and thesis", rule=SCHEMA
                ),
            ),
        )
    return ReadResult(root, (), text)


__all__ = ["MappingNode", "Node", "ReadResult", "ScalarNode", "SequenceNode", "decode", "read_yaml"]
