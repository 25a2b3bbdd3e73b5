"""The model back to argmap's own YAML: canonical text, in the layout `argmap fmt` keeps (keys in
the order argmap_spec declares them, a record's own values before the claims under it; the style of
argmap.formats.yaml_style).

    write(map) -> ("# yaml-language-server: $schema=...\nargmap: 2\ntitle: ...", losses)

Each claim is written out once, under the claim (or linked argument) its written edge names, and
every other relation to it is a `{ref: id}`; so `load(write(m))` says what `m` says (the round-trip
tests compare `tests.strategies.signature`). The format version is 2 when the map uses a construct
of format 2 (linked arguments, undercuts, assumptions, inferred, weight, standard, answers, raises,
semantics) or several theses, else 1. Text is written plain where YAML reads it back as the same
string, and double-quoted with escapes otherwise, so no value ever changes type or meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from argmap.findings import Problem
from argmap.formats.argmap_spec import ARGUMENT, CITATION, CLAIM, SOURCE, TOP
from argmap.formats.schema import SCHEMA_ID
from argmap.formats.yaml_style import FOLDED_KEYS, WIDTH, flow_line, fold_text
from argmap.model import LIST_KEY, ArgMap, Argument, Citation, Claim, ClaimKind, Edge, Source

__all__ = ["SCHEMA_COMMENT", "format_version", "write"]

SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_ID}\n"
_INDENT = "  "
# Text that may be written plain: starts with a letter or digit, and holds nothing YAML gives a meaning
# to (": ", " #", flow indicators where they would matter, quotes at the start). Flow context (inside
# `[...]`) also excludes commas and brackets.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.,;!?()'/+=%&-]*")
_PLAIN_FLOW = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.;!?'/+=%&-]*")
_RESOLVER = Resolver()
_STR = "tag:yaml.org,2002:str"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
_FORMAT2_CLAIM_KINDS = frozenset({ClaimKind.UNDERCUT, ClaimKind.ASSUMPTION})
#: the claim lists a claim's own edges go in, in the order the spec declares them
_CLAIM_LISTS = tuple(f.name for f in CLAIM.fields if f.name in LIST_KEY.values())
_ARGUMENT_LISTS = tuple(f.name for f in ARGUMENT.fields if f.name in LIST_KEY.values())


def _quoted(text: str) -> str:
    out = []
    for ch in text:
        escaped = _ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ch.isprintable() and not ("\ud800" <= ch <= "\udfff"):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def scalar(text: str, *, flow: bool = False) -> str:
    """`text` as a YAML scalar that loads back as exactly this string."""
    pattern = _PLAIN_FLOW if flow else _PLAIN
    if (
        pattern.fullmatch(text)
        and not text.endswith(" ")
        and "  " not in text
        and _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR  # type: ignore[no-untyped-call]
    ):
        return text
    return _quoted(text)


def number(value: float) -> str:
    """A weight as YAML reads it back as the same number (never exponent notation, which YAML 1.1
    reads as text)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.20f}".rstrip("0")
        if text.endswith("."):
            text += "0"
    return text


def format_version(argmap: ArgMap) -> int:
    """2 when the map needs format 2 to say what it says, else 1."""
    if argmap.arguments or argmap.semantics or len(argmap.thesis_ids) > 1:
        return 2
    for claim in argmap.claims:
        if (
            claim.kind in _FORMAT2_CLAIM_KINDS
            or claim.inferred
            or claim.weight is not None
            or claim.standard
            or claim.answers
            or claim.raises
        ):
            return 2
    return 1


class _Writer:
    def __init__(self, argmap: ArgMap) -> None:
        self.map = argmap
        self.out: list[str] = []
        # parent id -> its edges in model order (dangling ones included: a ref stays a ref)
        self.edges_of: dict[str, list[Edge]] = {}
        for edge in argmap.edges:
            self.edges_of.setdefault(edge.parent, []).append(edge)
        self.arguments_of: dict[str, list[Argument]] = {}
        for argument in argmap.arguments:
            self.arguments_of.setdefault(argument.conclusion, []).append(argument)
        self.claims = argmap.claim_index
        self.written: set[str] = set()

    def line(self, indent: int, text: str) -> None:
        self.out.append(_INDENT * indent + text + "\n")

    def text_field(self, indent: int, key: str, value: str | None, *, first: bool = False) -> None:
        """`key: value` at `indent` (as a list item's first key when `first`); a long one-line text
        of `claim`, `note` or `description` folded, as `argmap fmt` lays it out."""
        if value is None:
            return
        prefix = _INDENT * indent + ("- " if first else "") + f"{key}:"
        line = f"{prefix} {scalar(value)}"
        if key in FOLDED_KEYS and len(line) > WIDTH:
            folded = fold_text(value, len(prefix) - len(key) + 1)
            if folded is not None:
                self.out.append(f"{prefix} >-\n" + "".join(f"{text}\n" for text in folded))
                return
        self.out.append(line + "\n")

    def words(self, indent: int, key: str, values: Iterable[str]) -> None:
        """A list of short texts: `key: [a, b]` when that fits in WIDTH columns, else one item a line."""
        items = [scalar(v, flow=True) for v in values]
        if not items:
            return
        line = flow_line(_INDENT * indent + f"{key}:", items)
        if line is not None:
            self.out.append(line + "\n")
            return
        self.line(indent, f"{key}:")
        for item in items:
            self.line(indent + 1, f"- {item}")

    def document(self) -> str:
        m = self.map
        self.out.append(SCHEMA_COMMENT)
        for key in TOP.canonical:
            if key == "argmap":
                self.line(0, f"argmap: {format_version(m)}")
            elif key == "title":
                self.text_field(0, "title", m.title)
            elif key == "description":
                self.text_field(0, "description", m.description)
            elif key == "analyses":
                self.text_field(0, "analyses", m.analyses)
            elif key == "sources":
                self.sources(m.sources)
            elif key == "thesis" and len(m.thesis_ids) == 1:
                self.line(0, "thesis:")
                self.claim(self.claims[m.thesis_ids[0]], 1, item=False)
            elif key == "theses" and len(m.thesis_ids) > 1:
                self.line(0, "theses:")
                for thesis in m.thesis_ids:
                    self.claim(self.claims[thesis], 1, item=True)
            elif key == "semantics":
                self.text_field(0, "semantics", m.semantics)
            elif key == "expect" and m.expect:
                self.line(0, "expect:")
                for label in ("stands", "falls", "undecided"):
                    self.words(1, label, (e.claim for e in m.expect if e.label == label))
        return "".join(self.out)

    def sources(self, sources: tuple[Source, ...]) -> None:
        if not sources:
            self.line(0, "sources: {}")
            return
        self.line(0, "sources:")
        for source in sources:
            self.line(1, f"{scalar(source.id)}:")
            for key in SOURCE.canonical:
                value = getattr(source, key)
                if key == "anonymous":
                    if value:
                        self.line(2, "anonymous: true")
                elif value is not None and (value != "" or key in ("title", "kind")):
                    self.text_field(2, key, value)

    def citation(self, indent: int, cite: Citation) -> None:
        if cite.quote is None and cite.locator is None and cite.note is None:
            self.line(indent, f"- {scalar(cite.source)}")
            return
        first = True
        for key in CITATION.canonical:
            value = getattr(cite, key)
            if value is not None:
                self.text_field(indent + (0 if first else 1), key, value, first=first)
                first = False

    def claim(self, claim: Claim, indent: int, *, item: bool) -> None:
        """One claim as a mapping at `indent` (as a list item when `item`), its own lists inside."""
        self.written.add(claim.id)
        own = self.edges_of.get(claim.id, [])
        first = item
        body = indent + 1 if item else indent
        for key in CLAIM.canonical:
            if key == "id":
                self.line(indent, f"{'- ' if first else ''}id: {scalar(claim.id)}")
                first = False
            elif key == "claim":
                self.text_field(body, "claim", claim.text)
            elif key == "cite":
                if all(c.quote is None and c.locator is None and c.note is None for c in claim.cites):
                    self.words(body, "cite", (c.source for c in claim.cites))
                else:
                    self.line(body, "cite:")
                    for cite in claim.cites:
                        self.citation(body + 1, cite)
            elif key == "tags":
                self.words(body, "tags", claim.tags)
            elif key == "note":
                self.text_field(body, "note", claim.note)
            elif key in _CLAIM_LISTS:
                self.edge_list(body, key, [e for e in own if e.argument is None and LIST_KEY[e.kind] == key])
            elif key == "between":
                self.words(body, "between", claim.between)
            elif key == "arguments":
                arguments = self.arguments_of.get(claim.id, [])
                if arguments:
                    self.line(body, "arguments:")
                    for argument in arguments:
                        self.argument(argument, own, body + 1)
            elif key == "inferred":
                if claim.inferred:
                    self.line(body, "inferred: true")
            elif key == "weight":
                if claim.weight is not None:
                    self.line(body, f"weight: {number(claim.weight)}")
            else:  # standard, answers, raises: text
                self.text_field(body, key, getattr(claim, key))

    def argument(self, argument: Argument, edges: list[Edge], indent: int) -> None:
        mine = [e for e in edges if e.argument == argument.id]
        self.line(indent, f"- id: {scalar(argument.id)}")
        body = indent + 1
        for key in ARGUMENT.canonical:
            if key in _ARGUMENT_LISTS:
                self.edge_list(body, key, [e for e in mine if LIST_KEY[e.kind] == key], required=key == "premises")
            elif key == "scheme":
                self.text_field(body, "scheme", argument.scheme)
            elif key == "weight":
                if argument.weight is not None:
                    self.line(body, f"weight: {number(argument.weight)}")
            elif key == "note":
                self.text_field(body, "note", argument.note)
            elif key == "tags":
                self.words(body, "tags", argument.tags)

    def edge_list(self, indent: int, key: str, edges: list[Edge], *, required: bool = False) -> None:
        if not edges:
            if required:
                self.line(indent, f"{key}: []")
            return
        self.line(indent, f"{key}:")
        for edge in edges:
            child = self.claims.get(edge.child)
            if edge.ref or child is None or child.id in self.written:
                self.line(indent + 1, f"- ref: {scalar(edge.child)}")
                self.text_field(indent + 2, "note", edge.note)
            else:
                self.claim(child, indent + 1, item=True)


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    """The map as canonical argmap YAML; it holds everything the model holds, so nothing is lost."""
    return _Writer(argmap).document(), ()
