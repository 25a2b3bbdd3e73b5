"""Carneades 4 argument graphs (YAML) in: statements, arguments, issues, assumptions and tests.

Read through argmap's own YAML reader (yaml_nodes: libyaml nodes with positions; anchors, aliases
and tags refused), so every statement and argument has a line:column. See docs/convert.md
("Carneades") for the mapping; what has no counterpart in a map is reported as a warning.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from argmap.checks.ids import BAD_TEXT, SCHEMA
from argmap.findings import Problem, Severity, loss
from argmap.formats.base import LoadResult
from argmap.formats.build import MapBuilder, make_id
from argmap.formats.yaml_nodes import MappingNode, Node, ScalarNode, SequenceNode, read_yaml
from argmap.model import Expectation, Position
from argmap.schemes import SCHEMES
from argmap.text.safe import first_unsafe, visible

__all__ = ["read", "read_graph", "sniff"]

STANDARDS = {
    "pe": "preponderance",
    "cce": "clear-and-convincing",
    "brd": "beyond-reasonable-doubt",
    "dv": "dialectical-validity",
    "se": "scintilla",
}
LABELS = {"in": "stands", "out": "falls", "undecided": "undecided"}
KNOWN = {"meta", "metadata", "statements", "arguments", "issues", "assumptions", "tests", "argument_schemes"}


def sniff(data: bytes) -> bool:
    """Whether YAML bytes look like a Carneades graph (a top-level `statements:` and no `argmap:`)."""
    return b"\nstatements:" in b"\n" + data and b"\nargmap:" not in b"\n" + data


def read(data: bytes, *, file: str = "<carneades>", base_dir: str | None = None) -> LoadResult:
    """Carneades YAML bytes -> the map; never raises for bad input. Of the graph's `tests`, those
    argmap's evaluation reproduces are the map's `expect:`; each other one is kept in its claim's
    note and reported as a loss (see `_reproducible`)."""
    return read_graph(data, file=file)


def read_graph(data: bytes, *, file: str = "<carneades>", only_reproducible: bool = True) -> LoadResult:
    """`read`; with `only_reproducible` False every test of the graph is in `expect:` (for measuring
    how far argmap's evaluation agrees with Carneades: bench/carneades_expect.py)."""
    loaded = read_yaml(data, file)
    if loaded.root is None:
        return LoadResult(None, loaded.problems)
    return _Graph(file, loaded.root, only_reproducible=only_reproducible).run()


def _reproducible(result: LoadResult) -> LoadResult:
    """The map with only the expectations argmap's eval reproduces; every other one goes into its
    claim's note ("Carneades test: out; argmap's eval: stands") and is reported as a loss
    at its place in `tests:`. Carneades and argmap differ on purpose (docs/convert.md, "Carneades"):
    never silently, and never as an error of a map that imported faithfully."""
    argmap = result.map
    if argmap is None or not argmap.expect:
        return result
    from argmap.analysis.evaluate import evaluate

    evaluation = evaluate(argmap)
    kept: list[Expectation] = []
    notes: dict[str, list[str]] = {}
    problems = list(result.problems)
    names = {v: k for k, v in LABELS.items()}
    for expectation in argmap.expect:
        verdict = evaluation.verdict(expectation.claim)
        got = verdict.label if verdict is not None else "no label"
        if got == expectation.label:
            kept.append(expectation)
            continue
        wanted = names.get(expectation.label, expectation.label)
        notes.setdefault(expectation.claim, []).append(f"Carneades test: {wanted}; argmap's eval: {got}")
        where = expectation.position
        message = (
            f"Carneades expects '{visible(expectation.claim)}' {wanted}, argmap's eval labels it {got}; "
            "the test is kept in the claim's note, not in expect:"
        )
        problems.append(loss(where.file, where.line, where.column, message))
    claims = tuple(
        replace(c, note="\n".join(([c.note] if c.note else []) + notes[c.id])) if c.id in notes else c
        for c in argmap.claims
    )
    return LoadResult(replace(argmap, claims=claims, expect=tuple(kept)), tuple(problems))


class _Graph:
    def __init__(self, file: str, root: Node, *, only_reproducible: bool = True) -> None:
        self.file, self.root = file, root
        self.only_reproducible = only_reproducible
        self.early: list[Problem] = []

    def pos(self, node: Node) -> Position:
        return Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: Node, message: str) -> LoadResult:
        where = self.pos(node)
        return LoadResult(None, (Problem(self.file, where.line, where.column, SCHEMA, Severity.ERROR, message),))

    def pairs(self, node: Node | None, what: str) -> list[tuple[str, Node, Node]]:
        if node is None:
            return []
        if not isinstance(node, MappingNode):
            self.b.problem(self.pos(node), f"{what} must be a mapping")
            return []
        result: list[tuple[str, Node, Node]] = []
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                result.append((key.value, key, value))
            else:
                self.b.problem(self.pos(key), f"a key of {what} is not text")
        return result

    def ids(self, node: Node | None, what: str) -> list[tuple[str, Node]]:
        if node is None:
            return []
        if isinstance(node, ScalarNode):
            return [(node.value, node)]
        if isinstance(node, MappingNode):  # premises by role: {minor: bird, major: birdsFly}
            return [(v.value, v) for _, v in node.value if isinstance(v, ScalarNode)]
        if isinstance(node, SequenceNode):
            return [(v.value, v) for v in node.value if isinstance(v, ScalarNode)]
        self.b.problem(self.pos(node), f"{what} must be a statement id or a list of them")
        return []

    def text(self, node: Node, label: str) -> str:
        value = node.value if isinstance(node, ScalarNode) else ""
        if not isinstance(node, ScalarNode):
            self.b.problem(self.pos(node), f"{label} must be text")
        unsafe = first_unsafe(value)
        if unsafe is not None:
            self.b.problem(self.pos(node), f"control or formatting character {visible(unsafe[1])} in {label}", BAD_TEXT)
            return visible(value, one_line=False)
        return value

    def run(self) -> LoadResult:
        root = self.root
        if not isinstance(root, MappingNode):
            return self.fail(root, "a Carneades graph is a mapping with 'statements' and 'arguments'")
        top = {k.value: (k, v) for k, v in root.value if isinstance(k, ScalarNode)}
        if "statements" not in top:
            return self.fail(root, "not a Carneades graph: no 'statements'")
        name = PurePath(self.file).name if self.file not in ("-", "<stdin>") else "Carneades graph"
        title = name
        meta = top.get("meta") or top.get("metadata")
        if meta is not None and isinstance(meta[1], MappingNode):
            for k, v in meta[1].value:
                is_title = isinstance(k, ScalarNode) and k.value == "title" and isinstance(v, ScalarNode)
                if is_title and v.value.strip() and first_unsafe(v.value) is None:
                    title = v.value.strip()
        self.b = b = MapBuilder(
            self.file, title=title, source_title=title, source_kind="dataset", id_label="Carneades id"
        )
        for key, (top_key, _) in top.items():
            if key not in KNOWN:
                b.problem(
                    self.pos(top_key),
                    f"'{visible(key)}' is not read (argmap has no counterpart); it is left out",
                    severity=Severity.WARNING,
                )
        self.scheme_weights = self.constant_weights(top["argument_schemes"][1] if "argument_schemes" in top else None)
        assumed = {k for k, _ in self.ids(top["assumptions"][1] if "assumptions" in top else None, "assumptions")}
        #: the statements Carneades can accept: assumed ones and conclusions of arguments.
        #: Any other is out in every labelling, so what it attacks or undercuts never applies.
        self.can_be_in: set[str] = set()
        arguments = top["arguments"][1] if "arguments" in top else None
        for _, _, value in self.pairs(arguments, "arguments") if isinstance(arguments, MappingNode) else ():
            entry = {k: v for k, _, v in self.pairs(value, "an argument")} if isinstance(value, MappingNode) else {}
            conclusion = entry.get("conclusion")
            if isinstance(conclusion, ScalarNode):  # premise-less arguments included: they always apply
                self.can_be_in.add(conclusion.value)
        standards: dict[str, str] = {}
        rivals: list[tuple[list[tuple[str, Node]], Node]] = []
        for issue, key_node, value in self.pairs(top["issues"][1] if "issues" in top else None, "issues"):
            fields: dict[str, Node] = {k: v for k, _, v in self.pairs(value, f"issue '{visible(issue)}'")}
            positions = self.ids(fields.get("positions"), "positions")
            standard_node = fields.get("standard")
            if isinstance(standard_node, ScalarNode):
                standard = STANDARDS.get(standard_node.value.lower())
                if standard is None:
                    b.problem(
                        self.pos(standard_node),
                        f"unknown proof standard '{visible(standard_node.value)}'; the default is used",
                        severity=Severity.WARNING,
                    )
                else:
                    for statement_id, _ in positions:
                        standards[statement_id] = standard
            rivals.append((positions, key_node))
        for sid, key_node, value in self.pairs(top["statements"][1], "statements"):
            text_node: Node = value
            fields = {}
            if isinstance(value, MappingNode):
                fields = {k: v for k, _, v in self.pairs(value, f"statement '{visible(sid)}'")}
                text_node = fields.get("text", value)
            text = self.text(text_node, f"statement '{visible(sid)}'")
            is_assumed = sid in assumed or (
                isinstance(fields.get("assumed"), ScalarNode) and fields["assumed"].value == "true"
            )
            note = "Carneades: assumed" if is_assumed else None
            if is_assumed:
                self.can_be_in.add(sid)
            b.statement(sid, text, self.pos(key_node), note=note, standard=standards.get(sid))
        self.supports: dict[str, set[str]] = {}  # premise -> the conclusions it supports (no cycle)
        for aid, key_node, value in self.pairs(top["arguments"][1] if "arguments" in top else None, "arguments"):
            self.argument(aid, key_node, value)
        for positions, _issue in rivals:
            for a, a_node in positions:
                if b.has(a) and a not in self.can_be_in:
                    self.inert(a, a_node, "its attacks on the other positions of its issue are")
                    continue
                for c, _ in positions:
                    if a != c and b.has(a) and b.has(c):
                        b.attack(a, c, self.pos(a_node))
                    elif not b.has(a):
                        b.problem(self.pos(a_node), f"issue position '{visible(a)}' is not a statement")
                        break
        tests = self.pairs(top["tests"][1] if "tests" in top else None, "tests")
        for label, label_node, value in tests:
            if label not in LABELS:
                b.problem(self.pos(label_node), f"tests: '{visible(label)}' is not in, out or undecided")
                continue
            for sid, node in self.ids(value, f"tests: {label}"):
                if not b.has(sid):
                    b.problem(self.pos(node), f"tests: '{visible(sid)}' is not a statement")
                    continue
                b.expect(sid, LABELS[label], self.pos(node))
        return _reproducible(b.build()) if self.only_reproducible else b.build()

    def constant_weights(self, node: Node | None) -> dict[str, float]:
        """Scheme id -> its weight, for the `argument_schemes` whose weight is `{constant: x}` (the
        rest are rules argmap does not instantiate: a warning each)."""
        weights: dict[str, float] = {}
        if node is None:
            return weights
        items = node.value if isinstance(node, SequenceNode) else []
        for item in items:
            fields = (
                {k: v for k, _, v in self.pairs(item, "an argument scheme")} if isinstance(item, MappingNode) else {}
            )
            scheme_id, weight = fields.get("id"), fields.get("weight")
            constant = (
                {k: v for k, _, v in self.pairs(weight, "a weight")}.get("constant")
                if isinstance(weight, MappingNode)
                else None
            )
            value: float | None = None
            if isinstance(constant, ScalarNode):
                try:
                    value = float(constant.value)
                except ValueError:
                    value = None
            if isinstance(scheme_id, ScalarNode) and value is not None and 0 <= value <= 1:
                weights[scheme_id.value] = value
            else:
                self.b.problem(
                    self.pos(item),
                    "an argument scheme without a constant weight is not read (argmap does not instantiate "
                    "rule-based schemes); it is left out",
                    severity=Severity.WARNING,
                )
        if not isinstance(node, SequenceNode):
            self.b.problem(self.pos(node), "argument_schemes must be a list", severity=Severity.WARNING)
        return weights

    def inert(self, sid: str, node: Node, what: str) -> None:
        self.b.problem(
            self.pos(node),
            f"'{visible(sid)}' is neither assumed nor argued for, so Carneades never accepts it; {what} left "
            "out (argmap would take it as given)",
            severity=Severity.WARNING,
        )

    def closes_cycle(self, conclusion: str, premises: list[str]) -> str | None:
        """The premise that `conclusion` already supports (through the arguments read so far), if any."""
        wanted = set(premises)
        seen, todo = {conclusion}, [conclusion]
        while todo:
            here = todo.pop()
            if here in wanted:
                return here
            for following in self.supports.get(here, ()):
                if following not in seen:
                    seen.add(following)
                    todo.append(following)
        return None

    def argument(self, aid: str, key_node: Node, value: Node) -> None:
        b = self.b
        fields = {k: v for k, _, v in self.pairs(value, f"argument '{visible(aid)}'")}
        conclusion = self.ids(fields.get("conclusion"), "conclusion")
        premises = [k for k, _ in self.ids(fields.get("premises"), "premises")]
        if len(conclusion) != 1:
            b.problem(self.pos(key_node), f"argument '{visible(aid)}' needs one conclusion")
            return
        if not premises:
            b.problem(
                self.pos(key_node),
                f"argument '{visible(aid)}' has no premises; Carneades' premise-less arguments are left out",
                severity=Severity.WARNING,
            )
            return
        note = None
        scheme = None
        scheme_node = fields.get("scheme")
        if isinstance(scheme_node, ScalarNode) and scheme_node.value:
            wanted = make_id(scheme_node.value, fallback="")
            if wanted in SCHEMES:
                scheme = wanted
            elif wanted not in ("linked", "convergent"):
                note = f"Carneades scheme: {self.text(scheme_node, 'a scheme')}"
        weight = self.scheme_weights.get(scheme_node.value) if isinstance(scheme_node, ScalarNode) else None
        weight_node = fields.get("weight")
        if isinstance(weight_node, ScalarNode):
            try:
                weight = float(weight_node.value)
            except ValueError:
                weight = None
            if weight is None or not 0 <= weight <= 1:
                b.problem(
                    self.pos(weight_node),
                    "a weight must be a number from 0 to 1; it is left out",
                    severity=Severity.WARNING,
                )
                weight = None
        closes = self.closes_cycle(conclusion[0][0], premises)
        if closes is not None:
            b.problem(
                self.pos(key_node),
                f"argument '{visible(aid)}' would close a support cycle through '{visible(closes)}' "
                "(argmap holds none; Carneades leaves such a cycle unaccepted); it is left out",
                severity=Severity.WARNING,
            )
            return
        for premise in premises:
            self.supports.setdefault(premise, set()).add(conclusion[0][0])
        b.support(
            conclusion[0][0],
            premises,
            self.pos(key_node),
            key=aid,
            scheme=scheme,
            weight=weight,
            note=note,
            linked=True,
        )
        for under in ("undercutter", "nas", "not app statement"):
            for sid, node in self.ids(fields.get(under), under):
                if b.has(sid) and sid not in self.can_be_in:
                    self.inert(sid, node, f"its undercut of argument '{visible(aid)}' is")
                elif b.has(sid):
                    b.undercut(sid, aid, self.pos(node))
                else:
                    b.problem(self.pos(node), f"undercutter '{visible(sid)}' is not a statement")
