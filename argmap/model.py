"""The map as frozen dataclasses: ArgMap, Claim, Edge, Argument, Citation, Source, each with its position.

The loader builds these; checks, gaps, views, renderers and debate tools read only these, never YAML.
Claims are kept flat (document order, duplicates included) and the argument's structure is a list of
edges, so that a claim standing in two places (a `ref`) is one claim with two edges.

Support comes in arguments. A premise or correlation written directly under a claim is its own
one-premise argument (convergent: each supports the claim alone); a linked argument (format 2,
`arguments:`) is an `Argument` whose premises and assumptions support its conclusion only together,
and the edges from them carry its id. Attacks are of two sorts: a counterpoint or rebuttal denies
the claim it is written under; an undercut denies that a support step follows (see `Edge`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from functools import cached_property
from typing import Any, NamedTuple, Protocol, TypeVar

_T = TypeVar("_T")


def quick_init(cls: type[_T]) -> type[_T]:
    """A quicker `__init__` for a frozen dataclass; put above `@dataclass(frozen=True, slots=True)`.

    The `__init__` that dataclasses writes for a frozen class sets each field through
    `object.__setattr__`, to get past the class's own `__setattr__`, which refuses every assignment.
    A 10k-claim map builds some 50,000 model objects, and with 19 fields a Claim took five times as
    long to make as a plain object. This `__init__` has the same parameters, defaults and default
    factories, and sets each field through its slot's own descriptor, which that `__setattr__` does
    not stand in front of. Slots keep an object's fields inside it, where a `__dict__` is a second
    block of memory: the claims of a large map are read far more often than they are made, and each
    read of a field of a claim with a `__dict__` took about twice as long. A class that needs a
    `__dict__` (for `cached_property`) and has no slots gets its `__dict__` filled in one step.
    Assigning to a field afterwards is refused as before (tests/test_model.py checks both).
    """
    names: list[str] = []
    params: list[str] = []
    factories: list[str] = []
    namespace: dict[str, Any] = {"_MISSING": MISSING}
    for f in fields(cls):  # type: ignore[arg-type]
        names.append(f.name)
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            factories.append(f"    if {f.name} is _MISSING:\n        {f.name} = _factory_{f.name}()\n")
        else:
            params.append(f.name)
    if "__slots__" in cls.__dict__:
        for name in names:
            namespace[f"_set_{name}"] = cls.__dict__[name].__set__  # the slot's member descriptor
        body = "".join(f"    _set_{name}(self, {name})\n" for name in names)
    else:
        body = f"    self.__dict__.update({{{', '.join(f'{name!r}: {name}' for name in names)}}})\n"
    source = f"def __init__(self, {', '.join(params)}):\n" + "".join(factories) + body
    exec(source, namespace)  # the source is made above from the class's own field names
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


class Position(NamedTuple):
    """Where something was written: file name as given, 1-based line and column.

    A named tuple rather than a dataclass: a large map has hundreds of thousands of them.
    """

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def short(self) -> str:
        return f"{self.line}:{self.column}"


class Mark(Protocol):
    """Where a reader saw a value, in its own terms: PyYAML's mark (0-based line and column, the
    file as its name). The YAML loader leaves a mark, not a Position, in the fields that only a
    finding reads (see `lazy_positions`)."""

    @property
    def name(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class _LazyPosition:
    """A slot that holds a Position or a reader's Mark, and reads as a Position: the Mark is
    turned into one on the first read, which is then kept."""

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot  # the class's member descriptor for the field

    def __get__(self, owner: object, cls: type | None = None) -> Any:
        if owner is None:
            return self
        where: Position | Mark | None = self._slot.__get__(owner, cls)
        if where is None or isinstance(where, Position):
            return where
        position = Position(where.name, where.line + 1, where.column + 1)
        self._slot.__set__(owner, position)
        return position

    def __set__(self, owner: object, value: object) -> None:
        # reached only past the frozen class's own __setattr__ (object.__setattr__, as __init__,
        # pickling and dataclasses do), as the slot itself would be
        self._slot.__set__(owner, value)


def lazy_positions(*names: str) -> Callable[[type[_T]], type[_T]]:
    """Let the fields `names` of a slotted dataclass hold a Mark until read; put above `quick_init`.

    A 10k-claim map has some 30,000 citations and claim texts whose position only a problem or a
    gap ever reads; making a Position for each took a quarter of the load's walk. The loader
    stores each one's Mark instead (it exists already, on the YAML node), and the field reads as a
    Position all the same, made when first read. Any other reader may store a Position as before.
    """

    def wrap(cls: type[_T]) -> type[_T]:
        for name in names:
            setattr(cls, name, _LazyPosition(cls.__dict__[name]))
        return cls

    return wrap


class ClaimKind(str, Enum):
    """What a claim is, given by the list it is written in."""

    THESIS = "thesis"
    PREMISE = "premise"
    CORRELATION = "correlation"
    COUNTERPOINT = "counterpoint"
    REBUTTAL = "rebuttal"
    UNDERCUT = "undercut"
    ASSUMPTION = "assumption"

    def __str__(self) -> str:
        return self.value

    @property
    def attacks(self) -> bool:
        """True for the kinds that attack (counterpoint, rebuttal, undercut): they take the other side."""
        return self in _ATTACKS

    @property
    def supports(self) -> bool:
        """True for the kinds that support their parent (premise, correlation, assumption)."""
        return self in _SUPPORTS

    @property
    def undercuts(self) -> bool:
        """True for an undercut: it attacks a support step, not the truth of a claim."""
        return self is ClaimKind.UNDERCUT


_ATTACKS = frozenset((ClaimKind.COUNTERPOINT, ClaimKind.REBUTTAL, ClaimKind.UNDERCUT))
_SUPPORTS = frozenset((ClaimKind.PREMISE, ClaimKind.CORRELATION, ClaimKind.ASSUMPTION))
#: the kinds of format 1, in the order views list them
FORMAT1_KINDS = (ClaimKind.THESIS, ClaimKind.PREMISE, ClaimKind.CORRELATION, ClaimKind.COUNTERPOINT, ClaimKind.REBUTTAL)


#: the YAML list a relation is written in, per kind
LIST_KEY: Mapping[ClaimKind, str] = {
    ClaimKind.PREMISE: "premises",
    ClaimKind.CORRELATION: "correlations",
    ClaimKind.COUNTERPOINT: "counterpoints",
    ClaimKind.REBUTTAL: "rebuttals",
    ClaimKind.UNDERCUT: "undercuts",
    ClaimKind.ASSUMPTION: "assumptions",
}


@lazy_positions("position", "quote_position")
@quick_init
@dataclass(frozen=True, slots=True)
class Citation:
    """One entry of a claim's `cite` list."""

    source: str
    position: Position
    quote: str | None = None
    locator: str | None = None
    note: str | None = None
    quote_position: Position | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Source:
    """One record of `sources`. `positions` maps each written field name to where its value is."""

    id: str
    position: Position
    title: str = ""
    kind: str = ""
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    accessed: str | None = None
    note: str | None = None
    via: str | None = None
    anonymous: bool = False
    snapshot: str | None = None
    positions: Mapping[str, Position] = field(default_factory=dict, compare=False, hash=False)

    def field_position(self, name: str) -> Position:
        return self.positions.get(name, self.position)


@lazy_positions("text_position", "between_position")
@quick_init
@dataclass(frozen=True, slots=True)
class Claim:
    """One claim as written out once (a `ref` adds an Edge, not a Claim).

    `parent` is the id of the claim it is written under (None for a thesis); its relation to the
    parent is its `kind`. `depth` is 0 for a thesis. A premise, assumption or undercut written inside
    a linked argument has that argument's conclusion as `parent` and its id as `argument`. `inferred`
    marks a conclusion drawn from its supports rather than cited; `weight`, `answers` and `raises`
    are as written (format 2), `standard` the claim's proof standard for weighed evaluation.
    """

    id: str
    text: str
    kind: ClaimKind
    position: Position
    parent: str | None = None
    depth: int = 0
    cites: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    between: tuple[str, ...] = ()
    between_position: Position | None = None
    text_position: Position | None = None
    argument: str | None = None
    inferred: bool = False
    weight: float | None = None
    standard: str | None = None
    answers: str | None = None
    raises: str | None = None
    positions: Mapping[str, Position] = field(default_factory=dict, compare=False, hash=False)

    def field_position(self, name: str) -> Position:
        """Where key `name` of this claim was written (its value), else where the claim starts."""
        return self.positions.get(name, self.position)


@quick_init
@dataclass(frozen=True, slots=True)
class Edge:
    """`child` supports or attacks `parent`, as `kind` says. `ref` is True for a `ref:` item.

    A support edge with `argument` set belongs to that linked argument (its premises hold the parent
    up only together); without, it is a one-premise argument of its own. An undercut edge attacks a
    support step: with `argument` set, that linked argument (whose conclusion is `parent`); without,
    the step from `parent` (a premise or correlation) to the claim `parent` is written under.

    An edge may name a child id that no claim has (a dangling ref); `ArgMap.edges_resolved` leaves
    those out.
    """

    child: str
    parent: str
    kind: ClaimKind
    position: Position
    ref: bool = False
    note: str | None = None
    argument: str | None = None

    @property
    def attacks(self) -> bool:
        return self.kind.attacks

    @property
    def undercuts(self) -> bool:
        return self.kind is ClaimKind.UNDERCUT


@quick_init
@dataclass(frozen=True, slots=True)
class Argument:
    """A linked argument for `conclusion`: its premises and assumptions support it only together.

    `premises` and `assumptions` are claim ids in written order (refs included). `scheme` names an
    entry of argmap.schemes. Undercuts of the argument are edges with `argument` set to its id.
    """

    id: str
    conclusion: str
    position: Position
    premises: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    scheme: str | None = None
    weight: float | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()
    positions: Mapping[str, Position] = field(default_factory=dict, compare=False, hash=False)

    def field_position(self, name: str) -> Position:
        return self.positions.get(name, self.position)


@quick_init
@dataclass(frozen=True, slots=True)
class Expectation:
    """An `expect:` entry: claim `claim` is expected to get `label` from `argmap eval`."""

    claim: str
    label: str  # "stands" | "falls" | "undecided"
    position: Position


@quick_init
@dataclass(frozen=True)
class ArgMap:
    """A whole map. `claims` and `sources` are in document order, duplicates included."""

    file: str
    title: str = ""
    version: int = 1
    description: str | None = None
    analyses: str | None = None
    analyses_position: Position | None = None
    sources: tuple[Source, ...] = ()
    thesis: str | None = None
    claims: tuple[Claim, ...] = ()
    edges: tuple[Edge, ...] = ()
    expect: tuple[Expectation, ...] = ()
    #: every thesis in written order (`thesis:` gives one; format 2's `theses:` several); `thesis` is the first
    theses: tuple[str, ...] = ()
    arguments: tuple[Argument, ...] = ()
    #: the evaluation semantics the map asks for (`semantics:`), None for the default
    semantics: str | None = None
    #: the directory relative paths in the map (snapshots) are resolved against; None for stdin
    base_dir: str | None = None
    #: the path or URL of the `# yaml-language-server: $schema=...` comment, and where it is written
    schema: str | None = None
    schema_position: Position | None = None

    # Indexes, computed once on first use (cached_property writes to __dict__, which frozen allows).

    @cached_property
    def claim_index(self) -> dict[str, Claim]:
        """Claim id -> its first definition."""
        index: dict[str, Claim] = {}
        for claim in self.claims:
            index.setdefault(claim.id, claim)
        return index

    @cached_property
    def source_index(self) -> dict[str, Source]:
        index: dict[str, Source] = {}
        for source in self.sources:
            index.setdefault(source.id, source)
        return index

    @cached_property
    def argument_index(self) -> dict[str, Argument]:
        """Argument id -> its first definition."""
        index: dict[str, Argument] = {}
        for argument in self.arguments:
            index.setdefault(argument.id, argument)
        return index

    @cached_property
    def edges_resolved(self) -> tuple[Edge, ...]:
        """Edges whose both ends exist."""
        ids = self.claim_index
        return tuple(e for e in self.edges if e.child in ids and e.parent in ids)

    @cached_property
    def children_index(self) -> dict[str, tuple[Edge, ...]]:
        """Parent id -> its resolved incoming edges (supporters and attackers), in document order."""
        index: dict[str, list[Edge]] = {}
        for edge in self.edges_resolved:
            index.setdefault(edge.parent, []).append(edge)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def parents_index(self) -> dict[str, tuple[Edge, ...]]:
        """Child id -> the resolved edges from it to the claims it supports or attacks."""
        index: dict[str, list[Edge]] = {}
        for edge in self.edges_resolved:
            index.setdefault(edge.child, []).append(edge)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _derived(self) -> dict[str, Any]:
        return {}

    def derived(self, key: str, build: Callable[[], _T]) -> _T:
        """What `build` derives from the whole map, built on first use under `key` and shared by
        every later caller (the analysis stage keeps the argumentation framework, its grounded
        labels, the default evaluation and the sides here): the map is immutable, so a result stays
        valid for as long as the map lives, and goes with it. A result must not refer back to the
        map: that cycle would keep the whole model alive until the interpreter's final collection,
        which walks all of it (tests/test_model.py checks)."""
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = build()
        return found

    def claim(self, claim_id: str) -> Claim | None:
        return self.claim_index.get(claim_id)

    def source(self, source_id: str) -> Source | None:
        return self.source_index.get(source_id)

    def children(self, claim_id: str) -> tuple[Edge, ...]:
        return self.children_index.get(claim_id, ())

    def supporters(self, claim_id: str) -> tuple[Edge, ...]:
        """The support edges into `claim_id` (premises, correlations, assumptions; linked ones too)."""
        return self._supporters_index.get(claim_id, ())

    def attackers(self, claim_id: str) -> tuple[Edge, ...]:
        """The edges of claims that deny `claim_id` (counterpoints, rebuttals; not undercuts)."""
        return self._attackers_index.get(claim_id, ())

    @cached_property
    def _supporters_index(self) -> dict[str, tuple[Edge, ...]]:
        supporters = (
            (parent, tuple(e for e in edges if not e.attacks)) for parent, edges in self.children_index.items()
        )
        return {parent: edges for parent, edges in supporters if edges}

    @cached_property
    def _attackers_index(self) -> dict[str, tuple[Edge, ...]]:
        attackers = (
            (parent, tuple(e for e in edges if e.attacks and not e.undercuts))
            for parent, edges in self.children_index.items()
        )
        return {parent: edges for parent, edges in attackers if edges}

    def undercutters(self, claim_id: str) -> tuple[Edge, ...]:
        """The undercut edges written under `claim_id` (of its own support step, or of an argument for it)."""
        return tuple(e for e in self.children(claim_id) if e.undercuts)

    def iter_citations(self) -> Iterator[tuple[Claim, Citation]]:
        for claim in self.claims:
            for cite in claim.cites:
                yield claim, cite

    @property
    def thesis_claim(self) -> Claim | None:
        return self.claim(self.thesis) if self.thesis else None

    def questioned_argument(self, claim: Claim) -> str | None:
        """The linked argument whose critical questions `claim` answers or raises: the one it is a
        premise, assumption or undercut of, or, for a counterpoint, the one whose premise it attacks."""
        if claim.kind is ClaimKind.COUNTERPOINT and claim.parent is not None:
            target = self.claim(claim.parent)
            return target.argument if target is not None else None
        return claim.argument

    @property
    def thesis_ids(self) -> tuple[str, ...]:
        """Every thesis id (format 1: the one thesis)."""
        return self.theses or ((self.thesis,) if self.thesis else ())
