"""A map file opened for editing: its text, its libyaml node tree with start and end marks, and its
comments and blank lines, each attached to the node it belongs to.

libyaml does not keep comments, but it gives every scalar its exact start and end: whatever lies
between two consecutive scalars is structure (`:`, `-`, brackets, indentation), blank lines and
comments, so every comment of the file is found in those gaps. A comment on the same line as the
scalar before it is that scalar's *trailing* comment; comments and blank lines on lines of their
own belong to the scalar that follows them (the key, or the item, they stand above), which is how
a reader of the file attaches them, and where they stay when `fmt` moves the key.

The text is kept with LF line ends and without a byte-order mark; `encode` puts back what the file
had (a BOM, CRLF), so that an edit changes only what it means to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from argmap.findings import Problem
from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode, read_yaml

BOM = b"\xef\xbb\xbf"


class EditError(Exception):
    """An edit that cannot be made; the message says why and where (exit code 2)."""


class UnreadableMap(Exception):
    """The input is not a readable map: its problems, as `validate` reports them (exit code 1)."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Trivia:
    """The comments and blank lines of a document, by the start offset of the scalar they belong to.

    `leading[i]`: the lines above scalar i, in order: "" for a blank line, else a comment ("# ...")
    or, before the first node only, a document marker or directive (`---`, `%YAML`).
    `trailing[i]`: the comment after scalar i on its line, with the spaces before it (" # ...").
    `end`: what follows the last scalar (comments and blank lines at the end of the file).
    """

    leading: dict[int, list[str]] = field(default_factory=dict)
    trailing: dict[int, str] = field(default_factory=dict)
    end: list[str] = field(default_factory=list)

    def comments(self) -> list[str]:
        """Every comment, in no particular order (for checking that an edit kept them all)."""
        found = [line for lines in self.leading.values() for line in lines if line.startswith("#")]
        found += [text.strip() for text in self.trailing.values()]
        found += [line for line in self.end if line.startswith("#")]
        return found


@dataclass
class Document:
    """One map file's text (LF line ends, no BOM), root node and trivia, and how to encode it back."""

    file: str
    text: str
    root: Node
    trivia: Trivia
    bom: bool
    crlf: bool
    mixed_line_ends: bool

    def encode(self, text: str) -> bytes:
        """`text` (LF line ends) as the file's bytes: its BOM and line ends put back."""
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (BOM if self.bom else b"") + text.encode("utf-8")

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def column(self, offset: int) -> int:
        """The 0-based column of `offset`."""
        return offset - self.line_start(offset)


def parse(data: bytes, file: str) -> Document:
    """Open a map's bytes for editing. Raises UnreadableMap when the YAML cannot be read (with the
    same problems `validate` reports: syntax, anchors, tags, encoding)."""
    bom = data.startswith(BOM)
    body = data[3:] if bom else data
    crlf_count = body.count(b"\r\n")
    lf_count = body.count(b"\n")
    lone_cr = body.count(b"\r") - crlf_count
    crlf = crlf_count > 0 and crlf_count * 2 >= lf_count
    mixed = lone_cr > 0 or (crlf_count > 0 and crlf_count != lf_count)
    if crlf_count or lone_cr:
        body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    read = read_yaml(body, file)
    if read.root is None:
        raise UnreadableMap(read.problems)
    text = read.text
    return Document(file, text, read.root, scan_trivia(text, read.root), bom, crlf, mixed)


def children(node: Node) -> Iterator[Node]:
    """A collection's nodes in written order (a mapping's keys and values alternating)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, SequenceNode):
        yield from node.value


def scalars(root: Node) -> list[ScalarNode]:
    """Every scalar of the tree in document order (iterative: no recursion limit)."""
    found: list[ScalarNode] = []
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            found.append(node)
        else:
            stack.extend(reversed(list(children(node))))
    return found


def scalar_end(text: str, node: ScalarNode) -> int:
    """Where a scalar's own text ends: a block scalar's trailing blank lines are not its text (they
    separate it from what follows), unless it keeps them (`|+`, `>+`)."""
    end: int = node.end_mark.index
    if node.style in ("|", ">"):
        header_end = text.find("\n", node.start_mark.index, end)
        header = text[node.start_mark.index : header_end if header_end >= 0 else end]
        if "+" not in header.split("#", 1)[0]:
            while end > node.start_mark.index and text[end - 1] in " \n":
                end -= 1
    return end


def scan_trivia(text: str, root: Node) -> Trivia:
    """Find every comment and blank line in the gaps between scalars, and attach each (see module doc)."""
    trivia = Trivia()
    previous_end = 0
    previous: int | None = None  # start offset of the scalar before the gap
    for node in scalars(root):
        start = max(node.start_mark.index, previous_end)  # an empty value sits at the gap's end
        _scan_gap(text, previous_end, start, previous, node.start_mark.index, trivia)
        previous_end = max(previous_end, scalar_end(text, node))
        previous = node.start_mark.index
    _scan_gap(text, previous_end, len(text), previous, None, trivia)
    return trivia


def _scan_gap(text: str, start: int, end: int, before: int | None, after: int | None, trivia: Trivia) -> None:
    """The comments and blank lines in text[start:end], between scalar `before` and scalar `after`
    (None at the start and at the end of the document)."""
    gap = text[start:end]
    if "#" not in gap and gap.count("\n") < 2 and before is not None:
        return  # the usual gap: ": ", a line end and an indent, "- "
    lines = gap.split("\n")
    if before is None:
        middle = lines if after is None else lines[:-1]
    else:
        head = lines[0]
        mark = head.find("#")
        if mark >= 0:
            content = head[:mark]
            trivia.trailing[before] = content[len(content.rstrip()) :] + head[mark:].rstrip()
        middle = lines[1:] if after is None else lines[1:-1]
    collected: list[str] = []
    for line in middle:
        stripped = line.strip()
        if not stripped:
            collected.append("")
        elif stripped.startswith("#"):
            collected.append(stripped)
        elif before is None and (stripped.startswith("---") or stripped.startswith("%")):
            collected.append(line.rstrip())  # the document's start marker and directives stay
        elif "#" in stripped:  # "- # note", "--- # note": structure, then a comment
            collected.append(stripped[stripped.index("#") :])
    if after is None:
        trivia.end.extend(collected)
    elif collected:
        trivia.leading.setdefault(after, []).extend(collected)
