"""Argdown text -> a small document model: equivalence classes, arguments, premise-conclusion
structures and relations, each with its line and column. argdown.py maps that model to a map.

The parser is line based and written for this project from the Argdown syntax documentation:

- a first pass (argdown_scan.py) blanks comments, takes out the frontmatter and the YAML data
  blocks and turns backslash escapes into stand-ins, keeping every position where it was;
- the rest is split at empty lines into top-level blocks: a heading (`# ...`), a premise-conclusion
  structure (lines `(1) ...`, inferences `----` or `-- rule --`), or a relation tree (a statement or
  argument, then indented lines that start with a relation symbol);
- element text loses its markdown emphasis and its trailing tags; links keep text and address.

Nothing here raises for bad input: what cannot be read is a `ParseProblem` with its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.argdown_scan import Data, Line, ParseProblem, Prepared, clean_text, unescape

__all__ = ["Document", "Element", "Pcs", "Relation", "Step", "parse"]

_RELATION = re.compile(r"(\+>|->|_>|><|<\+|<-|<_|\+|-|_(?=\s))[ \t]*")
_PCS_NUMBER = re.compile(r"\((\d+)\)[ \t]*")
_HEADING = re.compile(r"(#+) ")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)(?=\s)[ \t]*")
_STATEMENT_TITLE = re.compile(r"\[([^\]\n]+?)\](:?)[ \t]*")
_ARGUMENT_TITLE = re.compile(r"<([^>\n-][^>\n]*?)>(:?)[ \t]*")
_SPACES = re.compile(r"[ \t\n]+")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\n]+)\)")


@dataclass
class Element:
    """A statement or argument as written in one place (definition, reference or plain text)."""

    kind: str  # "statement" | "argument"
    title: str | None
    text: str
    tags: tuple[str, ...]
    data: list[Data]
    line: int
    column: int
    definition: bool  # `[T]: text` or `<T>: text`, or untitled text
    section: str | None = None
    #: the relation end it stands for, once recorded: ("statement", key) or ("argument", title)
    end: tuple[str, str] | None = None


@dataclass
class Relation:
    """`source` relates to `target` as `type` says: support, attack, undercut or contradictory.

    Ends are ("statement", key), ("argument", title) or ("inference", argument title, step index).
    `via` is, for a statement written in a tree through a support relation, that relation's index:
    an undercut of such a statement undercuts that support."""

    type: str
    source: tuple[Any, ...]
    target: tuple[Any, ...]
    line: int
    column: int
    site: Element | None  # the child element written on the relation's line
    via: int | None = None


@dataclass
class Step:
    """One inference of a premise-conclusion structure: the statements above it (since the previous
    inference, and that inference's conclusion) lead to `conclusion`."""

    premises: list[tuple[str, Element]]
    conclusion: tuple[str, Element] | None
    rules: str
    data: list[Data]
    line: int
    column: int


@dataclass
class Pcs:
    argument: str
    steps: list[Step]
    line: int
    column: int


@dataclass
class Document:
    frontmatter: dict[str, Any] = field(default_factory=dict)
    #: equivalence class key -> its members in file order (titled keys are "[title]")
    statements: dict[str, list[Element]] = field(default_factory=dict)
    #: argument title -> its descriptions and references in file order
    arguments: dict[str, list[Element]] = field(default_factory=dict)
    pcs: dict[str, Pcs] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    #: keys of the statements written on their own at the top level (candidates for prose)
    top_level: set[str] = field(default_factory=set)
    problems: list[ParseProblem] = field(default_factory=list)


#: an element's first line, its continuation lines and the number of its last line
_Group = tuple[Line, list[Line], int]


class _Parser:
    def __init__(self, text: str) -> None:
        self.doc = Document()
        self.prepared = Prepared(text, self.doc.problems)
        self.doc.frontmatter = self.prepared.frontmatter
        self.untitled = 0
        self.section: str | None = None
        self.anonymous = 0

    def problem(self, line: int, column: int, message: str, *, warning: bool = False) -> None:
        self.doc.problems.append(ParseProblem(line, column, message, warning))

    def blocks(self) -> list[tuple[list[Line], int]]:
        """Top-level blocks, each with the number of its last line (data-only lines included)."""
        blocks: list[tuple[list[Line], int]] = []
        current: list[Line] = []
        for line in self.prepared.lines:
            if line.blank:
                if not line.removed and current:
                    blocks.append((current, line.number - 1))
                    current = []
                continue
            current.append(line)
        if current:
            blocks.append((current, len(self.prepared.lines)))
        return blocks

    def data_between(self, first: int, last: int) -> list[Data]:
        data: list[Data] = []
        for number in range(first, last + 1):
            data.extend(self.prepared.data.get(number, ()))
        return data

    def parse(self) -> Document:
        previous_argument: str | None = None
        for block, end_line in self.blocks():
            while block and block[0].indent == 0 and _HEADING.match(block[0].text):
                self.heading(block[0], block[1].number - 1 if len(block) > 1 else end_line)
                block = block[1:]
                previous_argument = None
            if not block:
                continue
            if _PCS_NUMBER.match(block[0].text):
                if previous_argument is None or previous_argument in self.doc.pcs:
                    if previous_argument is not None:
                        first = block[0]
                        self.problem(
                            first.number,
                            first.indent + 1,
                            f"argument <{previous_argument}> already has a premise-conclusion structure; "
                            "this one is read as an argument of its own",
                        )
                    self.anonymous += 1
                    previous_argument = f"Untitled argument {self.anonymous}"
                    self.doc.arguments.setdefault(previous_argument, [])
                self.pcs(block, end_line, previous_argument)
                previous_argument = None
            else:
                root = self.tree(block, end_line)
                previous_argument = root.title if root is not None and root.kind == "argument" else None
        return self.doc

    def heading(self, line: Line, last_line: int) -> None:
        match = _HEADING.match(line.text)
        assert match is not None
        text, _ = clean_text(line.text[match.end() :])
        self.section = text or None
        self.data_between(line.number, last_line)  # a heading's data (isGroup and the like) is not kept

    # Elements.

    def element(self, text: str, line: int, column: int, lines: list[Line], last_line: int) -> Element:
        """The element written from `column` of `line` on, continued by `lines`; the data blocks
        that start on its lines up to `last_line` (lines holding only data included) are its."""
        data = self.data_between(line, last_line)
        raw = " ".join([text, *(more.text for more in lines)])
        kind = "statement"
        title: str | None = None
        definition = True
        rest = raw
        list_item = _LIST_ITEM.match(rest)
        if list_item:
            rest = rest[list_item.end() :]
        if _LINK.match(rest) is None:
            statement = _STATEMENT_TITLE.match(rest)
            argument = _ARGUMENT_TITLE.match(rest)
            if statement is not None:
                title, definition, rest = statement.group(1), bool(statement.group(2)), rest[statement.end() :]
            elif argument is not None:
                kind = "argument"
                title, definition, rest = argument.group(1), bool(argument.group(2)), rest[argument.end() :]
        body, tags = clean_text(rest)
        if title is not None:
            title = unescape(_SPACES.sub(" ", title).strip())
            if not definition and body:
                # `[T] more text`: read as a definition, as a reader would mean it
                definition = True
        return Element(kind, title, body, tags, data, line, column, definition, self.section)

    def add(self, element: Element) -> tuple[str, ...]:
        """Record an element; its end for relations."""
        if element.kind == "argument":
            assert element.title is not None
            self.doc.arguments.setdefault(element.title, []).append(element)
            element.end = ("argument", element.title)
            return element.end
        if element.title is None:
            self.untitled += 1
            key = f"untitled {self.untitled}"
        else:
            key = f"[{element.title}]"
        self.doc.statements.setdefault(key, []).append(element)
        element.end = ("statement", key)
        return element.end

    # Relation trees.

    def tree(self, block: list[Line], end_line: int) -> Element | None:
        first = block[0]
        if _RELATION.match(first.text):
            self.problem(
                first.number, first.indent + 1, "a relation needs an element above it, with no empty line between"
            )
        groups = self.split(block, end_line)
        head, rest, last_line = groups[0]
        root = self.element(head.text, head.number, head.indent + 1, rest, last_line)
        end = self.add(root)
        if root.kind == "statement" and root.title is None and not groups[1:]:
            self.doc.top_level.add(end[1])
        self.children(groups[1:], [(head.indent, end, None, root)])
        return root

    @staticmethod
    def split(lines: list[Line], end_line: int) -> list[_Group]:
        """Lines grouped by element: a first line, its continuation lines, its last line number."""
        heads: list[tuple[Line, list[Line]]] = []
        for line in lines:
            if not heads or _RELATION.match(line.text):
                heads.append((line, []))
            else:
                heads[-1][1].append(line)
        return [
            (head, rest, heads[k + 1][0].number - 1 if k + 1 < len(heads) else end_line)
            for k, (head, rest) in enumerate(heads)
        ]

    def children(
        self,
        groups: list[_Group],
        stack: list[tuple[int, tuple[str, ...], int | None, Element | None]],
    ) -> None:
        """Relation lines below the elements on `stack` (indent, end, via-support index, element)."""
        base = list(stack)
        for head, rest, last_line in groups:
            symbol = _RELATION.match(head.text)
            if symbol is None:
                self.problem(head.number, head.indent + 1, "expected a relation symbol (+, -, _, ><) here")
                continue
            while len(stack) > 1 and stack[-1][0] >= head.indent:
                stack.pop()
            if stack[-1][0] >= head.indent:
                self.problem(
                    head.number, head.indent + 1, "a relation must be indented more than the element it relates to"
                )
                stack[:] = list(base)
                continue
            _, parent, parent_via, _ = stack[-1]
            sign = symbol.group(1)
            child = self.element(
                head.text[symbol.end() :], head.number, head.indent + symbol.end() + 1, rest, last_line
            )
            if child.title is None and not child.text:
                self.problem(
                    head.number, head.indent + 1, f"the relation '{sign}' has no statement or argument after it"
                )
                continue
            end = self.add(child)
            relation_type = {"+": "support", "-": "attack", "_": "undercut", "><": "contradictory"}[
                sign.strip("<>") or "><"
            ]
            incoming = sign.endswith(">") or sign == "><"  # `><` is symmetric: from the parent, as Argdown has it
            source, target = (parent, end) if incoming else (end, parent)
            via = parent_via if (relation_type == "undercut" and not incoming) else None
            if relation_type == "undercut" and incoming:
                via = None
            self.doc.relations.append(
                Relation(relation_type, source, target, head.number, head.indent + 1, child, via=via)
            )
            index = len(self.doc.relations) - 1
            child_via = index if relation_type == "support" and not incoming else None
            stack.append((head.indent, end, child_via, child))

    # Premise-conclusion structures.

    def pcs(self, block: list[Line], end_line: int, argument: str) -> None:
        first = block[0]
        steps: list[Step] = []
        pending: list[tuple[str, Element]] = []
        statements: list[tuple[tuple[str, Element], Line, list[Line]]] = []
        i = 0
        inference: tuple[str, list[Data], int, int] | None = None
        relations_below: list[tuple[tuple[Any, ...], int | None, list[_Group], int]] = []
        last_inference_index: int | None = None
        while i < len(block):
            line = block[i]
            number = _PCS_NUMBER.match(line.text)
            if number is not None:
                j = i + 1
                while j < len(block) and not (_PCS_NUMBER.match(block[j].text) or _RELATION.match(block[j].text)):
                    j += 1
                last_line = block[j].number - 1 if j < len(block) else end_line
                element = self.element(
                    line.text[number.end() :], line.number, line.indent + number.end() + 1, block[i + 1 : j], last_line
                )
                end = self.add(element)
                entry = (end[1], element)
                if inference is not None:
                    rules, data, at_line, at_column = inference
                    steps.append(Step(list(pending), entry, rules, data, at_line, at_column))
                    pending = [entry]
                    inference = None
                    last_inference_index = len(steps) - 1
                else:
                    pending.append(entry)
                    last_inference_index = None
                i = j
                groups, i = self.relation_groups(block, i, end_line)
                if groups:
                    via_step = last_inference_index
                    relations_below.append((end, via_step, groups, line.indent))
                statements.append((entry, line, []))
                continue
            if line.text.startswith("--"):
                if inference is not None:
                    self.problem(line.number, line.indent + 1, "two inferences with no conclusion between them")
                if not pending:
                    self.problem(line.number, line.indent + 1, "an inference needs premises above it")
                rules, data, i = self.inference(block, i, end_line)
                inference = (rules, data, line.number, line.indent + 1)
                groups, i = self.relation_groups(block, i, end_line)
                if groups:
                    relations_below.append((("inference", argument, len(steps)), None, groups, line.indent))
                continue
            self.problem(line.number, line.indent + 1, "expected a numbered statement '(n)' or an inference '--'")
            i += 1
        if inference is not None:
            self.problem(inference[2], inference[3], "an inference must be followed by its conclusion")
        if not steps:
            self.problem(
                first.number,
                first.indent + 1,
                f"the premise-conclusion structure of <{argument}> has no inference line ('----') before a conclusion",
            )
            return
        if len(pending) > 1:
            extra = pending[1][1]
            self.problem(
                extra.line,
                extra.column,
                "premises after the last conclusion are not part of any inference; end the structure with a conclusion",
                warning=True,
            )
        self.doc.pcs[argument] = Pcs(argument, steps, first.number, first.indent + 1)
        for end, step_index, groups, indent in relations_below:
            if end[0] == "inference":
                end = ("inference", argument, end[2])
                self.children(groups, [(indent, end, None, None)])
            else:
                # an undercut below a conclusion undercuts the inference that leads to it
                stack_end = end
                self.children_of_pcs_statement(groups, indent, stack_end, argument, step_index)

    def children_of_pcs_statement(
        self,
        groups: list[_Group],
        indent: int,
        end: tuple[str, ...],
        argument: str,
        step_index: int | None,
    ) -> None:
        before = len(self.doc.relations)
        self.children(groups, [(indent, end, None, None)])
        if step_index is None:
            return
        for relation in self.doc.relations[before:]:
            if relation.type == "undercut" and relation.target == end:
                relation.target = ("inference", argument, step_index)

    def relation_groups(self, block: list[Line], i: int, end_line: int) -> tuple[list[_Group], int]:
        """The relation lines (with their continuation lines) from `i` on, and where they end."""
        j = i
        while j < len(block) and not _PCS_NUMBER.match(block[j].text) and not block[j].text.startswith("--"):
            j += 1
        if j == i:
            return [], i
        return self.split(block[i:j], block[j].number - 1 if j < len(block) else end_line), j

    def inference(self, block: list[Line], i: int, end_line: int) -> tuple[str, list[Data], int]:
        """An inference from line `i`: `----` alone, or `--` rules and data `--`; its rules, data and
        the index of the line after it."""
        line = block[i]
        rest = line.text[2:]
        parts: list[str] = []
        closing = re.search(r"--+", rest)
        if closing is not None:
            parts.append(rest[: closing.start()])
            i += 1
        else:
            parts.append(rest)
            i += 1
            while i < len(block):
                more = block[i]
                closing = re.search(r"--+", more.text)
                if closing is not None:
                    parts.append(more.text[: closing.start()])
                    i += 1
                    break
                parts.append(more.text)
                i += 1
            else:
                self.problem(line.number, line.indent + 1, "the inference started here is not closed by a '--' line")
        last = block[i].number - 1 if i < len(block) else end_line
        data = self.data_between(line.number, min(last, block[i - 1].number))
        rules, _ = clean_text(" ".join(p for p in parts if p.strip()))
        return rules, data, i


def parse(text: str) -> Document:
    """The document model of Argdown `text` (already decoded), with its problems."""
    return _Parser(text).parse()
