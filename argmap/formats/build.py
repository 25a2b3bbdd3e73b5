"""From a graph of statements and relations to argmap's model: what every importer shares.

A reader of another format (Argdown, AIF, Carneades, Kialo) parses its own syntax and describes what
it found to a `MapBuilder`: statements with their text and position, support steps (one premise, or a
linked argument of several), attacks on statements and undercuts of support steps. `build()` turns
that graph into the model a map file would give, by rules written once here and in docs/convert.md:

- Ids. An imported id that is a valid argmap id is kept; any other is turned into one by `make_id`
  (lower case, accents dropped, every run of other characters a hyphen, at most 80 characters, a
  numeric suffix `-2`, `-3`... where two would be equal). The original is kept in the claim's note
  as "<label>: <original>" whenever it was changed.
- Provenance. The file read becomes the map's one source (`kind: dataset` or `document`, titled by
  the file's own title or name, nothing else invented); every claim cites it, with the format's own
  text as the quote where the format keeps a text apart from the claim (an AIF locution, say).
- Formats that carry argmap's own data (Argdown written by argmap) may give a statement its own
  citations, weight, answers and raises, add the sources it cites (the file's source is then left
  out unless something cites it), and name a statement's home: the relation where the format writes
  it out, so that the tree writes it there and refers to it elsewhere, as the original map did.
- Theses. The statements marked as theses, else every statement that supports or attacks nothing
  (in input order); a cycle with no such statement gets its first statement as a thesis.
- The tree. A map writes each claim once, under the first claim that reaches it in a depth-first
  walk from the theses in the order a map file lists keys (premises, correlations, counterpoints,
  rebuttals, arguments, undercuts); every other relation to it is a `ref`. A one-premise support
  with no id, scheme, weight, assumptions or note of its own is a plain premise; any other support
  is a linked argument. An attack on a counterpoint or undercut is a rebuttal, on anything else a
  counterpoint.

The builder never raises for what it is given: a relation to an unknown statement or a tree deeper
than a map may nest is a problem with the position of the relation, and the rest is built.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from argmap.checks.ids import SCHEMA, RuleId
from argmap.findings import Problem, Severity
from argmap.formats.argmap_spec import ID_PATTERN
from argmap.formats.base import LoadResult
from argmap.model import ArgMap, Argument, Citation, Claim, ClaimKind, Edge, Expectation, Position, Source

__all__ = ["MapBuilder", "make_id"]

#: how deep claims may nest (as in a map file)
MAX_DEPTH = 200
_OTHER = re.compile(r"[^a-z0-9_-]+")


def make_id(original: str, taken: set[str] | None = None, *, fallback: str = "claim") -> str:
    """The argmap id for an imported id or title: `original` itself when valid, else its slug; with
    `taken`, the first of slug, slug-2, slug-3, ... not in it (which is then added to it)."""
    if ID_PATTERN.fullmatch(original):
        base = original
    else:
        ascii_text = unicodedata.normalize("NFKD", original).encode("ascii", "ignore").decode("ascii")
        base = _OTHER.sub("-", ascii_text.lower()).strip("-_")[:80].rstrip("-_")
        if not base or not base[0].isalnum():
            base = fallback
    if taken is None:
        return base
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[: 80 - len(suffix)].rstrip("-_") + suffix
    taken.add(candidate)
    return candidate


@dataclass
class _Statement:
    key: str
    id: str
    text: str
    position: Position
    quote: str | None
    locator: str | None
    tags: tuple[str, ...]
    note: str | None
    inferred: bool
    standard: str | None
    cites: tuple[Citation, ...] | None = None
    weight: float | None = None
    answers: str | None = None
    raises: str | None = None


@dataclass
class _Support:
    conclusion: str
    premises: tuple[str, ...]
    position: Position
    kind: ClaimKind
    assumptions: tuple[str, ...] = ()
    key: str | None = None
    scheme: str | None = None
    weight: float | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()
    between: tuple[str, ...] = ()
    linked: bool = False
    undercuts: list[tuple[str, Position, float | None]] = field(default_factory=list)
    #: premises and assumptions written out at this step (see MapBuilder.support), and undercutters
    homes: frozenset[str] = frozenset()
    undercut_homes: set[str] = field(default_factory=set)


@dataclass
class _Attack:
    attacker: str
    target: str
    position: Position
    weight: float | None
    home: bool = False


class MapBuilder:
    """Collects statements and relations in input order; `build` makes the map (see the module doc).

    Statements and arguments are named by the importer's own keys (any strings); `id_label` says what
    the format calls an id, for the note that keeps a changed one ("AIF nodeID", "Argdown title").
    """

    def __init__(
        self,
        file: str,
        *,
        title: str,
        source_title: str,
        source_kind: str = "document",
        source_note: str | None = None,
        id_label: str = "original id",
    ) -> None:
        self.file = file
        self.title = title
        self.id_label = id_label
        self.problems: list[Problem] = []
        self._taken: set[str] = set()
        self.source_id = make_id(make_id(source_title, fallback="source") + "-source", self._taken)
        self._source = Source(
            id=self.source_id,
            position=Position(file, 1, 1),
            title=source_title,
            kind=source_kind,
            note=source_note,
        )
        self._statements: dict[str, _Statement] = {}
        self._supports: list[_Support] = []
        self._support_keys: dict[str, _Support] = {}
        self._attacks: list[_Attack] = []
        self._theses: list[str] = []
        self._expect: list[tuple[str, str, Position]] = []
        self._sources: list[Source] = []
        self.description: str | None = None
        self.semantics: str | None = None
        #: the source the map analyses when the importer names one (else the file's own source)
        self.analyses: str | None = None

    # What an importer calls.

    def problem(
        self, position: Position, message: str, rule: RuleId = SCHEMA, severity: Severity = Severity.ERROR
    ) -> None:
        self.problems.append(Problem(position.file, position.line, position.column, rule, severity, message))

    def statement(
        self,
        key: str,
        text: str,
        position: Position,
        *,
        original_id: str | None = None,
        quote: str | None = None,
        locator: str | None = None,
        tags: Iterable[str] = (),
        note: str | None = None,
        inferred: bool = False,
        standard: str | None = None,
        cites: Iterable[Citation] | None = None,
        weight: float | None = None,
        answers: str | None = None,
        raises: str | None = None,
        keep_original: bool = True,
    ) -> str:
        """Add a statement under the importer's `key`; returns its argmap id. A key given twice keeps
        the first statement (and reports the second). `cites`, when given, replaces the citation of
        the file's own source (for a format that carries argmap's citations, such as Argdown data);
        `weight` is the claim's when the relation it is written through gives none. `keep_original`
        False: `original_id` is only a wish (a slug of the text), not kept in the note when changed."""
        if key in self._statements:
            self.problem(position, f"{self.id_label} '{key}' is given twice; the first is kept")
            return self._statements[key].id
        wanted = key if original_id is None else original_id
        claim_id = make_id(wanted, self._taken)
        if claim_id != wanted and keep_original:
            kept = f"{self.id_label}: {wanted}"
            note = f"{note}\n{kept}" if note else kept
        self._statements[key] = _Statement(
            key,
            claim_id,
            text,
            position,
            quote,
            locator,
            tuple(tags),
            note,
            inferred,
            standard,
            tuple(cites) if cites is not None else None,
            weight,
            answers,
            raises,
        )
        return claim_id

    def source(self, source: Source) -> None:
        """Add a source the format itself carries (beside the file's own source, which is left out
        of the map when no claim cites it)."""
        self._sources.append(source)

    def has(self, key: str) -> bool:
        return key in self._statements

    def thesis(self, key: str) -> None:
        """Mark a statement as a thesis (else theses are what supports or attacks nothing)."""
        if key not in self._theses:
            self._theses.append(key)

    def support(
        self,
        conclusion: str,
        premises: Iterable[str],
        position: Position,
        *,
        assumptions: Iterable[str] = (),
        key: str | None = None,
        scheme: str | None = None,
        weight: float | None = None,
        note: str | None = None,
        tags: Iterable[str] = (),
        linked: bool = False,
        kind: ClaimKind = ClaimKind.PREMISE,
        between: Iterable[str] = (),
        homes: Iterable[str] = (),
    ) -> None:
        """Add a support step: `premises` (and `assumptions`) support `conclusion` together. `key`
        names it for `undercut`; `linked` keeps even one premise as an argument of its own. `homes`
        names the premises the format writes out here (a text defined at this relation): the map
        writes each of them under this step, and a `ref` wherever the walk meets it first; `home`
        of `attack` and `undercut` says the same of the attacker."""
        step = _Support(
            conclusion,
            tuple(premises),
            position,
            kind,
            assumptions=tuple(assumptions),
            key=key,
            scheme=scheme,
            weight=weight,
            note=note,
            tags=tuple(tags),
            between=tuple(between),
            linked=linked,
            homes=frozenset(homes),
        )
        self._supports.append(step)
        if key is not None:
            self._support_keys.setdefault(key, step)

    def attack(
        self, attacker: str, target: str, position: Position, *, weight: float | None = None, home: bool = False
    ) -> None:
        """`attacker` denies `target` (a counterpoint, or a rebuttal of an attack)."""
        self._attacks.append(_Attack(attacker, target, position, weight, home))

    def undercut(
        self, attacker: str, support_key: str, position: Position, *, weight: float | None = None, home: bool = False
    ) -> None:
        """`attacker` denies that the support step named `support_key` follows."""
        step = self._support_keys.get(support_key)
        if step is None:
            self.problem(position, f"an undercut of an unknown support step '{support_key}'")
            return
        step.undercuts.append((attacker, position, weight))
        if home:
            step.undercut_homes.add(attacker)

    def expect(self, key: str, label: str, position: Position) -> None:
        """The source expects `key` to get `label` (stands, falls, undecided) from `argmap eval`."""
        self._expect.append((key, label, position))

    # The map.

    def build(self) -> LoadResult:
        """The map, and every problem met while reading and building."""
        return LoadResult(_Tree(self).walk(), tuple(self.problems))


class _Todo(NamedTuple):
    """A claim to write, or a ref to record, when the walk reaches it (so both come in file order)."""

    key: str
    kind: ClaimKind
    parent: str | None
    depth: int
    argument: str | None
    weight: float | None
    between: tuple[str, ...]
    edge: Edge | None


class _Tree:
    """One depth-first walk that writes each statement once (see the module doc)."""

    def __init__(self, builder: MapBuilder) -> None:
        self.b = builder
        self.claims: list[Claim] = []
        self.edges: list[Edge] = []
        self.arguments: list[Argument] = []
        self.written: set[str] = set()  # statement keys written as claims
        self.pending: set[str] = set()  # statement keys waiting on the stack to be written
        self.supports_of: dict[str, list[_Support]] = {}
        self.attacks_of: dict[str, list[_Attack]] = {}
        self.plain_steps: dict[int, bool] = {}
        #: premise key -> the plain support steps from it that have undercuts (written under the premise)
        self.undercut_steps: dict[str, list[_Support]] = {}
        #: statement key -> the relation it is written at when the importer says so (homes)
        self.home: dict[str, tuple[int, str]] = {}
        known = builder._statements
        used: set[str] = set()  # statements that support or attack something
        for step in builder._supports:
            members = (step.conclusion, *step.premises, *step.assumptions, *(a for a, _, _ in step.undercuts))
            missing = [k for k in members if k not in known]
            if missing:
                builder.problem(step.position, f"a support step names an unknown statement '{missing[0]}'")
                continue
            if not step.premises:
                builder.problem(step.position, "a support step has no premise")
                continue
            self.supports_of.setdefault(step.conclusion, []).append(step)
            for member in step.homes:
                self.home.setdefault(member, (id(step), "support"))
            for member in step.undercut_homes:
                self.home.setdefault(member, (id(step), "undercut"))
            used.update(step.premises)
            used.update(step.assumptions)
            used.update(a for a, _, _ in step.undercuts)
        for attack in builder._attacks:
            unknown = [k for k in (attack.attacker, attack.target) if k not in known]
            if unknown:
                builder.problem(attack.position, f"an attack names an unknown statement '{unknown[0]}'")
                continue
            self.attacks_of.setdefault(attack.target, []).append(attack)
            if attack.home:
                self.home.setdefault(attack.attacker, (id(attack), "attack"))
            used.add(attack.attacker)
        marked = [k for k in builder._theses if k in known]
        self.roots = marked or [k for k in known if k not in used]

    def walk(self) -> ArgMap:
        b = self.b
        roots = list(self.roots)
        self.visit(roots)
        # Statements no thesis reaches (a cycle): each unreached one, in input order, is a thesis.
        for key in b._statements:
            if key not in self.written:
                roots.append(key)
                self.visit([key])
        theses = tuple(b._statements[k].id for k in roots)
        expect = tuple(
            Expectation(claim=b._statements[k].id if k in b._statements else k, label=label, position=pos)
            for k, label, pos in b._expect
        )
        own_cited = any(c.source == b.source_id for claim in self.claims for c in claim.cites)
        sources = ((b._source,) if own_cited or not b._sources else ()) + tuple(b._sources)
        return ArgMap(
            file=b.file,
            title=b.title,
            version=2,
            description=b.description,
            analyses=b.analyses if b.analyses is not None else (b.source_id if own_cited else None),
            sources=sources,
            thesis=theses[0] if theses else None,
            claims=tuple(self.claims),
            edges=tuple(self.edges),
            expect=expect,
            theses=theses,
            arguments=tuple(self.arguments),
            semantics=b.semantics,
        )

    def visit(self, roots: list[str]) -> None:
        stack = [_Todo(k, ClaimKind.THESIS, None, 0, None, None, (), None) for k in reversed(roots)]
        self.pending.update(roots)
        while stack:
            key, kind, parent, depth, argument, weight, between, edge = stack.pop()
            if edge is not None and edge.ref:
                self.edges.append(edge)
                continue
            self.pending.discard(key)
            if depth > MAX_DEPTH:
                position = self.b._statements[key].position
                self.b.problem(position, f"claims nest more than {MAX_DEPTH} levels deep here; the rest is left out")
                continue
            if edge is not None:
                self.edges.append(edge)
            self.write(key, kind, parent, depth, argument, weight, between)
            stack.extend(reversed(self.children(key, kind, parent, depth)))

    def claim_id(self, key: str) -> str:
        return self.b._statements[key].id

    def write(
        self,
        key: str,
        kind: ClaimKind,
        parent: str | None,
        depth: int,
        argument: str | None,
        weight: float | None,
        between: tuple[str, ...],
    ) -> None:
        s = self.b._statements[key]
        self.written.add(key)
        if s.cites is not None:
            cites = s.cites
        else:
            cites = (Citation(source=self.b.source_id, position=s.position, quote=s.quote, locator=s.locator),)
        self.claims.append(
            Claim(
                id=s.id,
                text=s.text,
                kind=kind,
                position=s.position,
                parent=self.claim_id(parent) if parent is not None else None,
                depth=depth,
                cites=cites,
                tags=s.tags,
                note=s.note,
                between=between,
                argument=argument,
                inferred=s.inferred,
                weight=weight if weight is not None else s.weight,
                standard=s.standard,
                answers=s.answers,
                raises=s.raises,
            )
        )

    def relate(
        self,
        child: str,
        parent: str,
        kind: ClaimKind,
        position: Position,
        argument: str | None,
        depth: int,
        todo: list[_Todo],
        weight: float | None = None,
        between: tuple[str, ...] = (),
        via: tuple[int, str] | None = None,
    ) -> None:
        """A relation from `child` to `parent`: the child is written here if it is not yet (and has
        no home elsewhere), else a ref. `via` names the relation, for comparing with homes."""
        child_id, parent_id = self.claim_id(child), self.claim_id(parent)
        home = self.home.get(child)
        if child in self.written or child in self.pending or (home is not None and via is not None and home != via):
            edge = Edge(child_id, parent_id, kind, position, ref=True, argument=argument)
        else:
            self.pending.add(child)
            edge = Edge(child_id, parent_id, kind, self.b._statements[child].position, argument=argument)
        todo.append(_Todo(child, kind, parent, depth + 1, argument, weight, between, edge))

    def children(self, key: str, kind: ClaimKind, parent: str | None, depth: int) -> list[_Todo]:
        """What is written under `key`, in a map file's key order; edges are recorded as they are met."""
        todo: list[_Todo] = []
        steps = self.supports_of.get(key, [])
        plain = [s for s in steps if self.plain(s)]
        for wanted in (ClaimKind.PREMISE, ClaimKind.CORRELATION):
            for step in plain:
                if step.kind is wanted:
                    premise = step.premises[0]
                    self.relate(
                        premise,
                        key,
                        wanted,
                        step.position,
                        None,
                        depth,
                        todo,
                        step.weight,
                        step.between,
                        (id(step), "support"),
                    )
        attacked = (
            ClaimKind.REBUTTAL if kind in (ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT) else ClaimKind.COUNTERPOINT
        )
        for attack in self.attacks_of.get(key, []):
            via = (id(attack), "attack")
            self.relate(attack.attacker, key, attacked, attack.position, None, depth, todo, attack.weight, via=via)
        for step in steps:
            if not self.plain(step):
                self.linked(step, key, depth, todo)
        # The undercuts of the step from this claim to the one it is written under.
        for step in self.undercut_steps.get(key, []):
            if step.conclusion == parent:
                for attacker, position, weight in step.undercuts:
                    via = (id(step), "undercut")
                    self.relate(attacker, key, ClaimKind.UNDERCUT, position, None, depth, todo, weight, via=via)
        return todo

    def plain(self, step: _Support) -> bool:
        """Whether the step is written as a plain premise (or correlation) of its conclusion: one
        premise, nothing of its own but a weight, and, if it is undercut, a premise written there."""
        decided = self.plain_steps.get(id(step))
        if decided is None:
            premise = step.premises[0]
            decided = (
                len(step.premises) == 1
                and not (step.linked or step.assumptions or step.scheme or step.note or step.tags)
                and (not step.undercuts or (premise not in self.written and premise not in self.pending))
            )
            if decided and step.undercuts:
                self.undercut_steps.setdefault(premise, []).append(step)
            self.plain_steps[id(step)] = decided
        return decided

    def linked(self, step: _Support, conclusion: str, depth: int, todo: list[_Todo]) -> None:
        wanted = step.key or f"{self.claim_id(conclusion)}-argument"
        argument_id = make_id(wanted, self.b._taken, fallback="argument")
        note = step.note
        if step.key is not None and argument_id != step.key:
            kept = f"{self.b.id_label}: {step.key}"
            note = f"{note}\n{kept}" if note else kept
        self.arguments.append(
            Argument(
                id=argument_id,
                conclusion=self.claim_id(conclusion),
                position=step.position,
                premises=tuple(self.claim_id(p) for p in step.premises),
                assumptions=tuple(self.claim_id(a) for a in step.assumptions),
                scheme=step.scheme,
                weight=step.weight,
                note=note,
                tags=step.tags,
            )
        )
        via = (id(step), "support")
        for premise in step.premises:
            self.relate(premise, conclusion, ClaimKind.PREMISE, step.position, argument_id, depth, todo, via=via)
        for assumption in step.assumptions:
            self.relate(assumption, conclusion, ClaimKind.ASSUMPTION, step.position, argument_id, depth, todo, via=via)
        for attacker, position, weight in step.undercuts:
            self.relate(
                attacker,
                conclusion,
                ClaimKind.UNDERCUT,
                position,
                argument_id,
                depth,
                todo,
                weight,
                via=(id(step), "undercut"),
            )
