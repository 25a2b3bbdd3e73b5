"""The first pass over Argdown text, and text-level helpers, for argdown_parse.py.

`Prepared` blanks comments (`//`, `/* */`, `<!-- -->`), takes out the frontmatter (`===` lines) and
YAML data blocks (`{...}`, read as JSON first, then as YAML with a map file's refusals), and turns
backslash escapes into stand-in characters, so that no later pattern sees an escaped character;
every position stays where it was in the file. `clean_text` turns element text into claim text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import yaml

from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode, read_yaml

__all__ = ["Data", "Line", "ParseProblem", "Prepared", "clean_text", "parse_data", "unescape"]

#: escaped ASCII characters become these stand-ins (private-use code points) until text is final
_ESCAPE_BASE = 0xE000
_ESCAPED_RANGE = re.compile("[\ue000-\ue07f]")
_SCAN = re.compile(r"\\|<!--|/\*|//|\{|\[[^\]\n]+\]\([^)\n]+\)")
_MAX_DATA_DEPTH = 50
_TAG = re.compile(r"#(?:\(([^)\n]+)\)|([A-Za-z0-9_\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))")
_TRAILING_TAGS = re.compile(
    r"(?:[ \t]*#(?:\([^)\n]+\)|[A-Za-z0-9_\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))+[ \t]*$"
)
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\n]+)\)")
_EMPHASIS = (
    re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])"),
    re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"),
)
_SPACES = re.compile(r"[ \t\n]+")


@dataclass(frozen=True)
class ParseProblem:
    line: int
    column: int
    message: str
    warning: bool = False


@dataclass
class Data:
    """A YAML data block: its value (a mapping, else None) and where it starts."""

    value: dict[str, Any] | None
    line: int
    column: int


@dataclass
class Line:
    number: int
    indent: int
    text: str  # without its indentation
    blank: bool
    removed: bool  # blank only because a comment or a data block was taken out


def unescape(text: str) -> str:
    """Stand-ins back to the characters they stand for."""
    if not _ESCAPED_RANGE.search(text):
        return text
    return _ESCAPED_RANGE.sub(lambda m: chr(ord(m.group()) - _ESCAPE_BASE), text)


def _plain(value: Node, depth: int = 0) -> Any:
    """A composed YAML node as plain data (strings, numbers, booleans, None, lists, dicts)."""
    if depth > _MAX_DATA_DEPTH:
        raise ValueError("data nested too deeply")
    if isinstance(value, MappingNode):
        result: dict[str, Any] = {}
        for key, item in value.value:
            name = _plain(key, depth + 1)
            result[str(name)] = _plain(item, depth + 1)
        return result
    if isinstance(value, SequenceNode):
        return [_plain(item, depth + 1) for item in value.value]
    assert isinstance(value, ScalarNode)
    tag = value.tag.rsplit(":", 1)[-1]
    text = value.value
    try:
        if tag == "int":
            return int(text.replace("_", ""), 0) if text[:2].lower() in ("0x", "0o") else int(text.replace("_", ""))
        if tag == "float":
            return float(text.replace("_", ""))
    except ValueError:
        return text
    if tag == "bool":
        return text.lower() in ("true", "yes", "on", "y")
    if tag == "null":
        return None
    return text


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key '{key}'")
        result[key] = value
    return result


_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> int | None:
    """The offset of the first bracket that nests data past _MAX_DATA_DEPTH (quoted strings
    skipped), or None. Checked before any parser runs, so that every Python reports it alike
    (3.13's json takes thousands of levels that 3.12 refuses with a RecursionError)."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > _MAX_DATA_DEPTH:
                return match.start()
        elif token in "]}":
            depth = max(depth - 1, 0)
    return None


def parse_data(text: str, line: int, column: int, problems: list[ParseProblem], *, block: bool = False) -> Any:
    """YAML (or JSON, read first: it is what argmap writes) at `line`:`column`; None and a problem
    when it cannot be read. Anchors, aliases and tags are refused as in a map file, and data nested
    more than _MAX_DATA_DEPTH levels is refused before it is parsed."""
    deep = _too_deep(text)
    if deep is not None:
        before = text[:deep]
        breaks = before.count("\n")
        at_column = (column + deep) if breaks == 0 else deep - before.rfind("\n")
        message = f"data nested more than {_MAX_DATA_DEPTH} levels deep; it is left out"
        problems.append(ParseProblem(line + breaks, at_column, message))
        return None
    if not block:
        try:
            return json.loads(text, object_pairs_hook=_no_duplicates)
        except RecursionError:
            problems.append(ParseProblem(line, column, "data nested too deeply"))
            return None
        except ValueError:
            pass
    read = read_yaml(text.encode("utf-8"), "<data>")
    if read.problems or read.root is None:
        if read.problems and "empty" in read.problems[0].message:
            return None
        first = read.problems[0] if read.problems else None
        message = first.message.removeprefix("YAML syntax error: ") if first else "unreadable data"
        at_line = line + (first.line - 1 if first else 0)
        at_column = (column + first.column - 1) if first and first.line == 1 else (first.column if first else column)
        problems.append(ParseProblem(at_line, at_column, f"YAML data: {message}"))
        return None
    try:
        return _plain(read.root)
    except (ValueError, RecursionError, yaml.YAMLError) as exc:
        problems.append(ParseProblem(line, column, f"YAML data: {exc}"))
        return None


class Prepared:
    """The text with comments, data and frontmatter blanked and escapes replaced, as lines."""

    def __init__(self, text: str, problems: list[ParseProblem]) -> None:
        self.problems = problems
        #: the offset each line starts at, for positions by bisection (one pass, not one per lookup)
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.frontmatter: dict[str, Any] = {}
        self.data: dict[int, list[Data]] = {}  # line -> data blocks starting on it
        if _ESCAPED_RANGE.search(text):
            match = _ESCAPED_RANGE.search(text)
            assert match is not None
            line, column = _position(text, match.start())
            problems.append(
                ParseProblem(line, column, "private-use characters U+E000-U+E07F are read as U+FFFD", warning=True)
            )
            text = _ESCAPED_RANGE.sub("\ufffd", text)
        chars = list(text)
        removed_lines: set[int] = set()
        start = self._frontmatter(text, chars, removed_lines)
        self._scan(text, chars, start, removed_lines)
        clean = "".join(chars)
        self.lines: list[Line] = []
        for number, raw in enumerate(clean.split("\n"), start=1):
            stripped = raw.lstrip(" \t")
            content = stripped.rstrip(" \t\r")
            self.lines.append(
                Line(number, len(raw) - len(stripped), content, not content, not content and number in removed_lines)
            )

    def _frontmatter(self, text: str, chars: list[str], removed: set[int]) -> int:
        match = re.match(r"[ \t\r\n]*===+[ \t]*\r?\n", text)
        if not match:
            return 0
        end = re.compile(r"^===+[ \t]*\r?$", re.MULTILINE).search(text, match.end())
        if end is None:
            line, _ = _position(text, match.end() - 1)
            self.problems.append(ParseProblem(line, 1, "the frontmatter starting here is not closed by a '===' line"))
            return 0
        body = text[match.end() : end.start()]
        first_line = text.count("\n", 0, match.end()) + 1
        if body.strip():
            value = parse_data(body, first_line, 1, self.problems, block=True)
            if isinstance(value, dict):
                self.frontmatter = value
            elif value is not None:
                self.problems.append(
                    ParseProblem(first_line, 1, "the frontmatter is not a YAML mapping; it is left out")
                )
        stop = end.end()
        for i in range(0, stop):
            if chars[i] != "\n":
                chars[i] = " "
        for n in range(1, text.count("\n", 0, stop) + 2):
            removed.add(n)
        return stop

    def _scan(self, text: str, chars: list[str], start: int, removed: set[int]) -> None:
        position = start
        length = len(text)
        while True:
            match = _SCAN.search(text, position)
            if match is None:
                return
            token, at = match.group(), match.start()
            if token == "\\":
                if at + 1 < length and text[at + 1] not in "\r\n":
                    escaped = text[at + 1]
                    chars[at] = ""
                    if ord(escaped) < 0x80:
                        chars[at + 1] = chr(_ESCAPE_BASE + ord(escaped))
                    position = at + 2
                else:
                    position = at + 1
                continue
            if token in ("<!--", "/*", "//"):
                close = {"<!--": "-->", "/*": "*/", "//": "\n"}[token]
                end = text.find(close, at + len(token))
                if end < 0:
                    if token != "//":
                        line, column = self.position(at)
                        self.problems.append(ParseProblem(line, column, f"the comment '{token}' is not closed"))
                    end = length
                elif close != "\n":
                    end += len(close)
                self._blank(text, chars, at, end, removed)
                position = end
                continue
            if token == "{":
                end = _closing_brace(text, at)
                line, column = self.position(at)
                if end < 0:
                    self.problems.append(ParseProblem(line, column, "the data block '{' is not closed"))
                    position = at + 1
                    continue
                body = text[at : end + 1]
                block = bool(re.match(r"\{[ \t]*\r?\n", body))
                inner = body[1:-1] if block else body
                value = parse_data(
                    inner, line + (1 if block else 0), column if not block else 1, self.problems, block=block
                )
                if value is not None and not isinstance(value, dict):
                    self.problems.append(ParseProblem(line, column, "a data block must be a mapping; it is left out"))
                    value = None
                self.data.setdefault(line, []).append(Data(value, line, column))
                self._blank(text, chars, at, end + 1, removed)
                position = end + 1
                continue
            position = match.end()  # a link: kept as it is, `//` in its address included

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def _blank(self, text: str, chars: list[str], start: int, end: int, removed: set[int]) -> None:
        chars[start:end] = ["\n" if c == "\n" else " " for c in text[start:end]]
        first, last = self.position(start)[0], self.position(max(start, end - 1))[0]
        removed.update(range(first, last + 1))


def _closing_brace(text: str, start: int) -> int:
    """The offset of the brace closing the one at `start`, minding quotes; -1 if none."""
    depth = 0
    i = start
    quote = ""
    length = len(text)
    while i < length:
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "\"'" and (i == start + 1 or text[i - 1] in " \t\n,[{:"):
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def clean_text(raw: str) -> tuple[str, tuple[str, ...]]:
    """Element text as a claim holds it: trailing tags taken out (and returned), emphasis markers
    dropped, links as "text (address)", whitespace runs as one space, escapes resolved."""
    tags: list[str] = []
    trailing = _TRAILING_TAGS.search(raw)
    body = raw
    if trailing:
        body = raw[: trailing.start()]
        tags.extend(_tag_name(m) for m in _TAG.finditer(trailing.group()))
    tags.extend(_tag_name(m) for m in _TAG.finditer(_LINK.sub(" ", body)))  # not a `#` in a link's address
    body = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", body)
    for pattern in _EMPHASIS:
        if "*" in body or "_" in body:
            body = pattern.sub(r"\1", body)
    body = _SPACES.sub(" ", body).strip(" ")
    unique = tuple(dict.fromkeys(unescape(t) for t in tags))
    return unescape(body), unique


def _tag_name(match: re.Match[str]) -> str:
    return (match.group(1) or match.group(2)).strip()
