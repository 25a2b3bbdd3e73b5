"""Reading typed values from YAML nodes as argmap_spec declares them, reporting what does not fit.

`ValueReader` holds the problems found while one file is read: a mapping's keys against its Record
(unknown, duplicate, missing), and each value against its shape (text, id, date, flag, choice,
version, list of texts). The map's own walk (argmap_yaml) builds on it. Messages name a value by
its declared label with its owner's name put in, and are made only when there is a problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from argmap.checks.ids import BAD_TEXT, COMMENT_IN_TEXT, SCHEMA, SYNTAX, RuleId
from argmap.findings import Problem, Severity
from argmap.formats.argmap_spec import (
    ID_PATTERN,
    Blank,
    Choice,
    Date,
    Field,
    Flag,
    Id,
    IdMention,
    Number,
    Record,
    Text,
    Url,
    Version,
    Words,
)
from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode
from argmap.model import Position
from argmap.text.safe import first_unsafe, shorten, visible
from argmap.text.short import short_form
from argmap.text.suggest import did_you_mean

STR_TAG = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_NAMES = {
    _INT: "a number",
    _FLOAT: "a number",
    _BOOL: "a boolean",
    _NULL: "null (empty)",
    _TIMESTAMP: "a date",
}
MERGE_TAG = "tag:yaml.org,2002:merge"


def fill(label: str, owner: str, kind: str = "") -> str:
    """A declared label (or message) with the owner's name, and a claim's kind, put in. Called only
    when a message is made: the walk passes labels and owners along unformatted. str.replace rather
    than str.format, so that braces in an owner's name are only text."""
    return label.replace("{owner}", owner).replace("{kind}", kind)


def node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _SCALAR_NAMES.get(node.tag, "text")


def _name(name: str | Callable[[], str]) -> str:
    return name if isinstance(name, str) else name()


#: white space then `#` right after a plain scalar: a YAML comment, which ended the value
_COMMENT_AFTER = re.compile(r"[ \t]+#")


class ValueReader:
    """The file name and the problems found so far, and the readers of a map's values."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        #: the map's format version, once read: keys of later versions are refused
        self.version = 1
        #: the source text, when a comment may follow a value in it (a space or tab before a `#`):
        #: a comment after a plain text value is then reported
        self.source_text: str | None = None

    # -- positions and problems ---------------------------------------------------------------

    def pos(self, node: Node) -> Position:
        mark = node.start_mark
        return Position(self.file, mark.line + 1, mark.column + 1)

    def report(self, node: Node, message: str, rule: RuleId = SCHEMA) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, rule, Severity.ERROR, message))

    # -- records and values -------------------------------------------------------------------

    def mapping(self, node: Node, record: Record, name: str | Callable[[], str]) -> dict[str, tuple[Node, Node]] | None:
        """Key text -> (key node, value node), with unknown, duplicate and missing keys reported.
        `name` is how messages name the mapping (a function when working it out costs something)."""
        if not isinstance(node, MappingNode):
            self.report(node, f"{_name(name)} must be a mapping, not {node_kind(node)}")
            return None
        allowed = record.by_name
        fields: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self.report(key_node, "YAML merge keys (<<) are not allowed in a map; write the keys out", SYNTAX)
                continue
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, f"keys in {_name(name)} must be plain names, not {node_kind(key_node)}")
                continue
            key = key_node.value
            if key in fields:
                first = self.pos(fields[key][0])
                self.report(key_node, f"duplicate key '{short_form(key)}' in {_name(name)} (first at {first.short()})")
                continue
            spec = allowed.get(key)
            if spec is not None and spec.since > self.version:
                self.report(
                    key_node,
                    f"'{key}' in {_name(name)} is format {spec.since}: write "
                    f"'argmap: {spec.since}' at the top of the map to use it",
                )
                continue
            if spec is None:
                known = [f.name for f in record.fields if f.since <= self.version]
                suggestion = did_you_mean(key, known) or f"; expected one of: {', '.join(known)}"
                self.report(key_node, f"unknown key '{short_form(key)}' in {_name(name)}{suggestion}")
                continue
            fields[key] = (key_node, value_node)
        for key in record.required:
            if key not in fields:
                self.report(node, f"{_name(name)} is missing the required key '{key}'")
        for group in record.one_of:
            present = [key for key in group if key in fields]
            if len(present) > 1:
                self.report(
                    fields[present[1]][0],
                    f"{_name(name)} has both '{present[0]}' and '{present[1]}'; write one of them",
                )
            elif not present:
                usable = [key for key in group if allowed[key].since <= self.version]
                alternatives = "".join(f" (or '{key}')" for key in usable[1:])
                self.report(node, f"{_name(name)} is missing the required key '{usable[0]}'{alternatives}")
        return fields

    def read(self, spec: Field, node: Node, owner: str) -> object:
        """The value of a scalar or list-of-text field, as its declaration says (None if unusable)."""
        shape, label = spec.value, spec.label
        if isinstance(shape, Text):
            prose = spec.name != "snapshot"  # a path is no prose a comment could cut short
            return self.text(node, label, owner, allow_empty=shape.blank is not Blank.REFUSED, prose=prose)
        if isinstance(shape, Id):
            return self.ident(node, label, owner)
        if isinstance(shape, (Url, IdMention)):
            return self.text(node, label, owner)  # their rules check them (bad-url, expect)
        if isinstance(shape, Date):
            return self.date(node, label, owner)
        if isinstance(shape, Words):
            return self.words(node, label, owner, spec.example)
        if isinstance(shape, Flag):
            if isinstance(node, ScalarNode) and node.tag == _BOOL:
                return node.value.lower() in ("true", "yes", "on")
            self.report(node, f"{fill(label, owner)} must be true or false")
            return None
        if isinstance(shape, Choice):
            value = self.text(node, label, owner)
            if value is not None and value not in shape.options:
                extra = did_you_mean(value, shape.options) or f"; one of: {', '.join(shape.options)}"
                self.report(node, f"unknown {shape.noun} '{short_form(value)}'{extra}")
            return value
        if isinstance(shape, Version):
            numbers = {str(n): n for n in shape.numbers}
            if not (isinstance(node, ScalarNode) and node.tag == _INT and node.value in numbers):
                readable = " or ".join(f"'argmap: {n}'" for n in shape.numbers)
                self.report(
                    node,
                    f"unsupported format version {short_form(node)}; this argmap reads {readable}",
                )
                return None
            return numbers[node.value]
        if isinstance(shape, Number):
            return self.number(node, fill(label, owner), shape)
        raise TypeError(f"'{spec.name}' is a {type(shape).__name__}, which the map's walk reads itself")

    def text(
        self, node: Node, label: str, owner: str = "", *, allow_empty: bool = True, prose: bool = False
    ) -> str | None:
        """A string value; numbers, booleans, dates and nulls must be quoted to be text. For `prose`
        (claims, notes, quotes, titles...) a comment right after an unquoted value is reported."""
        if not isinstance(node, ScalarNode):
            self.report(node, f"{fill(label, owner)} must be text, not {node_kind(node)}")
            return None
        if node.tag != STR_TAG:
            self.report(
                node,
                f"{fill(label, owner)} is read by YAML as {node_kind(node)}; "
                f'quote it to make it text: "{short_form(node.value, limit=200)}"',
            )
            return None
        value = node.value
        # Raw unsafe characters are found in one pass over the file (raw_text_problems); only
        # double-quoted scalars can make new ones, through escapes such as "\e" or "\ud800".
        unsafe = first_unsafe(value) if node.style == '"' else None
        if unsafe is not None:
            offset, char = unsafe
            self.report(
                node,
                f"{fill(label, owner)} contains the control or formatting character "
                f"{visible(char)} (at character {offset + 1}); remove it",
                BAD_TEXT,
            )
        if not allow_empty and not value.strip():
            self.report(node, f"{fill(label, owner)} is empty")
        if prose and not node.style and self.source_text is not None:  # plain: libyaml says "", PyYAML None
            self._comment_after(node, label, owner)
        return str(value)

    def _comment_after(self, node: ScalarNode, label: str, owner: str) -> None:
        """A plain scalar ends before ` #`: say so when a comment follows it on its last line."""
        end, text = node.end_mark, self.source_text
        if text is None:
            return
        # matched in place, at the mark's offset into the text (a character index, as the line and
        # column are): nothing is sliced or split, however long the text
        found = _COMMENT_AFTER.match(text, end.index)
        if found is not None:
            column = end.column + found.end() - end.index
            comment = visible(shorten(text[found.end() - 1 : found.end() + 60].split("\n", 1)[0], 40))
            self.problems.append(
                Problem(
                    self.file,
                    end.line + 1,
                    column,
                    COMMENT_IN_TEXT,
                    Severity.WARNING,
                    f"{fill(label, owner)} ends where a YAML comment begins ('{comment}' is not part of it); "
                    "quote the text to keep it",
                )
            )

    def number(self, node: Node, what: str, shape: Number) -> float | None:
        """A number from shape.minimum to shape.maximum (an integer or a decimal, unquoted)."""
        bounds = f"a number from {shape.minimum:g} to {shape.maximum:g}"
        if not (isinstance(node, ScalarNode) and node.tag in (_INT, _FLOAT)):
            self.report(node, f"{what} must be {bounds}, not {node_kind(node)}")
            return None
        try:
            value = float(node.value.replace("_", ""))
        except ValueError:  # YAML 1.1 forms such as sexagesimal or .inf
            value = float("nan")
        if not shape.minimum <= value <= shape.maximum:
            self.report(node, f"{what} must be {bounds}, not {short_form(node)}")
            return None
        return value

    def date(self, node: Node, label: str, owner: str) -> str | None:
        """A date is kept as the text written, bare (2019, 2019-05-14) or quoted."""
        if isinstance(node, ScalarNode) and node.tag in (STR_TAG, _INT, _TIMESTAMP):
            return self.text(node, label, owner) if node.tag == STR_TAG else str(node.value)
        if isinstance(node, ScalarNode) and node.tag != _NULL:
            return str(node.value)  # e.g. 2019.5: kept, and the bad-date rule says what is wrong
        self.report(node, f"{fill(label, owner)} must be a date such as 2019, 2019-05 or 2019-05-14")
        return None

    def ident(self, node: Node, label: str, owner: str = "") -> str | None:
        value = self.text(node, label, owner)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.report(
                node,
                f"{fill(label, owner)} '{short_form(value, limit=100)}' is not a valid id: use lowercase "
                "letters, digits, '-' and '_', starting with a letter or digit (at most 80)",
            )
            return None
        return value

    def sequence(self, node: Node, label: str, owner: str, example: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.report(node, f"{fill(label, owner)} must be a list, not {node_kind(node)}; e.g. {example}")
            return []
        return list(node.value)

    def words(self, node: Node, label: str, owner: str, example: str) -> tuple[tuple[str, Position], ...]:
        items = []
        entry = "an entry of " + label
        for item in self.sequence(node, label, owner, example):
            value = self.text(item, entry, owner)
            if value is not None:
                items.append((value, self.pos(item)))
        return tuple(items)
