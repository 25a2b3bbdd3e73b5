"""`argmap fmt`'s canonical layout: the document printed again from its nodes, in one style.

The layout (docs/editing.md):
- keys in the order the format declares them (argmap.formats.argmap_spec), a record's own values
  first and the records and claims under it after; keys the format does not know keep their place
  at the end; the ids of a source table keep their written order;
- two spaces of indent; sequence items as `- ` two spaces in from their key;
- block style, except that a list of short scalars (citations by id, tags, `between`, `expect`)
  that fits on one line is written `[a, b]`;
- a one-line text of `claim`, `note` or `description` longer than WIDTH columns is folded
  (`>-`) at WIDTH; text already on several lines keeps its line breaks (hand-wrapped text is the
  author's); quotes, titles, ids and sources are never rewrapped;
- every scalar is copied as written (quoting, escapes, `"2010"`), every comment stays with the key or
  item it stands above, or at the end of the line it ends; runs of blank lines become one;
  a document start marker (`---`) and a BOM or CRLF line ends are kept.

Printing is a pure function of the document, and a printed document prints to itself (idempotent).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.edit.document import Document, EditError, scalar_end
from argmap.edit.records import PLAIN, TOP, Context, child_context, claim_or_ref
from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode
from argmap.formats.yaml_style import FOLDED_KEYS, WIDTH, flow_line, fold_text

# A plain scalar that can stand in a flow sequence as written.
_FLOWPLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#]*")


class _Printer:
    def __init__(self, document: Document) -> None:
        self.doc = document
        self.text = document.text
        self.leading = dict(document.trivia.leading)
        self.trailing = dict(document.trivia.trailing)
        self.lines: list[str] = []

    # -- trivia -----------------------------------------------------------------------------

    def trivia(self, offset: int, column: int, *, first: bool) -> None:
        """The comments and blank lines above the node at `offset`, at `column`; runs of blank lines
        become one, and none opens a collection."""
        found = self.leading.pop(offset, None)
        if not found:
            return
        pad = " " * column
        for line in found:
            if not line:
                if first or (self.lines and self.lines[-1] == ""):
                    continue
                self.lines.append("")
            else:
                self.lines.append(line if line.startswith(("---", "%")) else pad + line)
            first = False

    def tail(self, node: Node) -> str:
        """The trailing comment of a scalar, with the spaces before it ("" if none)."""
        return self.trailing.get(node.start_mark.index, "")

    # -- nodes ------------------------------------------------------------------------------

    def mapping(self, node: MappingNode, context: Context, indent: int, first_prefix: str | None) -> None:
        rank = context.rank
        last = len(rank)
        pairs = node.value
        if rank:
            pairs = sorted(
                pairs, key=lambda pair: rank.get(pair[0].value, last) if isinstance(pair[0], ScalarNode) else last
            )
        for i, (key, value) in enumerate(pairs):
            if not isinstance(key, ScalarNode) or "\n" in self.source(key):
                raise EditError(f"{self.where(key)}: a complex or multi-line key cannot be formatted")
            on_dash_line = i == 0 and first_prefix is not None
            column = indent - 2 if on_dash_line else indent
            self.trivia(key.start_mark.index, column, first=i == 0)
            if isinstance(value, ScalarNode):
                self.trivia(value.start_mark.index, column, first=False)
            prefix = (first_prefix if on_dash_line else " " * indent) + self.source(key) + ":"  # type: ignore[operator]
            name = key.value
            if isinstance(value, ScalarNode):
                self.scalar(prefix, key, value, name in FOLDED_KEYS, self.doc.column(key.start_mark.index), indent)
            elif isinstance(value, MappingNode):
                if not value.value:
                    self.lines.append(prefix + " {}" + self.tail(key))
                    continue
                tail = self.tail(key)
                last = value.value[-1][1]
                if value.flow_style and isinstance(last, ScalarNode):  # `key: {a: b}  # note`: the key's
                    tail += self.trailing.pop(last.start_mark.index, "")
                self.lines.append(prefix + tail)
                self.mapping(value, child_context(context, name, value), indent + 2, None)
            elif isinstance(value, SequenceNode):
                self.sequence(prefix, key, value, context.items.get(name, PLAIN), indent)

    def sequence(self, prefix: str, key: ScalarNode, node: SequenceNode, context: Context, indent: int) -> None:
        items = node.value
        if not items:
            self.lines.append(prefix + " []" + self.tail(key))
            return
        flow = self.flow(prefix, items)
        if flow is not None:
            self.lines.append(flow + self.tail(key) + self.tail(items[-1]))
            return
        self.lines.append(prefix + self.tail(key))
        dash = indent + 2
        for i, item in enumerate(items):
            self.trivia(item.start_mark.index, dash, first=i == 0)
            if isinstance(item, ScalarNode):
                old = self.doc.column(item.start_mark.index) - 2
                self.scalar(" " * dash + "-", None, item, False, old, dash)
            elif isinstance(item, MappingNode):
                if not item.value:
                    self.lines.append(" " * dash + "- {}")
                    continue
                self.mapping(item, claim_or_ref(context, item), dash + 2, " " * dash + "- ")
            else:
                raise EditError(f"{self.where(item)}: a list inside a list cannot be formatted")

    def flow(self, prefix: str, items: list[Node]) -> str | None:
        """`prefix [a, b]` when every item is a short scalar that may stand in a flow list as written."""
        parts = []
        for i, item in enumerate(items):
            if not isinstance(item, ScalarNode) or any(self.leading.get(item.start_mark.index, ())):
                return None  # a comment above an item keeps the list in block style (blank lines do not)
            if i < len(items) - 1 and item.start_mark.index in self.trailing:
                return None
            source = self.source(item)
            if not source or "\n" in source:
                return None
            if item.style not in ('"', "'") and (not _FLOWPLAIN.fullmatch(source) or ": " in source):
                return None
            parts.append(source)
        line = flow_line(prefix, parts)
        if line is None:
            return None
        for item in items:
            self.leading.pop(item.start_mark.index, None)
        return line

    def scalar(
        self, prefix: str, key: ScalarNode | None, node: ScalarNode, fold: bool, old_column: int, new_column: int
    ) -> None:
        source = self.source(node)
        key_tail = self.tail(key) if key is not None else ""
        tail = self.tail(node)
        if not source:
            self.lines.append(prefix + key_tail + tail)
            return
        if "\n" not in source:
            line = f"{prefix} {source}"
            if fold and len(line) > WIDTH and node.style in (None, "", '"', "'"):
                folded = fold_text(node.value, new_column + 2)
                if folded is not None:
                    self.lines.append(f"{prefix} >-{key_tail}")
                    self.lines.extend(folded)
                    self.lines[-1] += tail
                    return
            self.lines.append(line + key_tail + tail)
            return
        first, *rest = source.split("\n")
        delta = new_column - old_column
        if node.style in ("|", ">") and not any(ch.isdigit() for ch in first.split("#", 1)[0]):
            # block text sits two columns in from its key, however it was indented
            written = [len(line) - len(line.lstrip(" ")) for line in rest if line.strip()]
            if written:
                delta = new_column + 2 - min(written)
        self.lines.append(f"{prefix} {first}{key_tail}")
        self.lines.extend(_shift(rest, delta, self.where(node)))
        self.lines[-1] += tail

    # -- helpers ----------------------------------------------------------------------------

    def source(self, node: ScalarNode) -> str:
        return self.text[node.start_mark.index : scalar_end(self.text, node)]

    def where(self, node: Node) -> str:
        return f"{self.doc.file}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _shift(lines: list[str], delta: int, where: str) -> Iterator[str]:
    """The continuation lines of a multi-line scalar moved `delta` columns (blank lines emptied)."""
    for line in lines:
        if not line.strip():
            yield ""
        elif delta >= 0:
            yield " " * delta + line
        elif line[:-delta].strip():
            raise EditError(f"{where}: this text is indented too little to be moved left; indent it")
        else:
            yield line[-delta:]


def layout(document: Document) -> str:
    """The document in the canonical layout (module doc), as text with LF line ends."""
    printer = _Printer(document)
    root = document.root
    if not isinstance(root, MappingNode):
        raise EditError(f"{document.file}:1:1: the top level is not a mapping")
    printer.mapping(root, TOP, 0, None)
    end = [line for line in document.trivia.end]
    while end and not end[-1]:
        end.pop()
    for line in end:
        if line or (printer.lines and printer.lines[-1]):
            printer.lines.append(line)
    if printer.leading:
        offset = min(printer.leading)
        number = document.text.count("\n", 0, offset) + 1
        raise EditError(f"{document.file}:{number}:1: a comment here has no place in the layout; move it above a key")
    return "\n".join(printer.lines) + "\n"
