"""Map formats 1 and 2, declared once: every mapping a map may hold, its keys (in the order messages
list them), which are required, the shape of each value, enumerations, patterns and descriptions.
A key new in format 2 says so (`since=2`); a format-1 map that uses one is told to say `argmap: 2`.

The loader (argmap_yaml) walks a map with these declarations and reports what breaks them; schema.py
builds the JSON Schema from the same declarations. Where the JSON Schema asks for more than the
loader reports (a url's scheme, a date's form, a premise's citation), a rule of argmap.checks
reports it, with its own id; the declaration says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import NamedTuple

from argmap.model import ClaimKind

# Written with ^...$ for the JSON Schema (ECMA regex); always used with fullmatch, since in Python
# "$" also matches before a final newline.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
SOURCE_KINDS = (
    "article",
    "report",
    "book",
    "interview",
    "statement",
    "speech",
    "cable",
    "dataset",
    "web",
    "video",
    "study",
    "testimony",
    "document",
    "other",
)


class Blank(Enum):
    """What an empty text means where a text is expected."""

    ALLOWED = "allowed"  # fine
    REFUSED = "refused"  # a schema problem ("... is empty"); the JSON Schema asks for minLength 1
    # The JSON Schema asks for minLength 1, so editors flag it; the loader lets it through.
    EDITORS_ONLY = "editors only"


# -- value shapes -------------------------------------------------------------------------------
# Named tuples rather than dataclasses: they are made when argmap starts, and a named tuple class
# costs a sixth of a frozen dataclass to create. The walk tells them apart by type, never by ==.


class Text(NamedTuple):
    """A string; numbers, booleans, dates and nulls must be quoted to be text."""

    blank: Blank = Blank.ALLOWED


class Id(NamedTuple):
    """An id: text matching ID_PATTERN."""


class IdMention(NamedTuple):
    """Text that names a claim by id; any text loads, and a rule (expect) says when it names nothing."""


class Url(NamedTuple):
    """Text; the bad-url rule checks that it is an http(s) address (the JSON Schema: `pattern`)."""

    pattern: str = r"^https?://[^\s]+$"


class Date(NamedTuple):
    """A date, kept as written (bare or quoted); the bad-date rule checks its form (`pattern`)."""

    pattern: str = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Flag(NamedTuple):
    """true or false."""


class Choice(NamedTuple):
    """One of `options`; `noun` names the value in messages ("unknown source kind 'x'")."""

    options: tuple[str, ...]
    noun: str


class Version(NamedTuple):
    """The format version: one of the integers `numbers`."""

    numbers: tuple[int, ...]


class Number(NamedTuple):
    """A number (integer or decimal) from `minimum` to `maximum`."""

    minimum: float = 0.0
    maximum: float = 1.0


class Arguments(NamedTuple):
    """A list of ARGUMENT records: the linked arguments for the claim they are written under."""


class Words(NamedTuple):
    """A list of texts (or id mentions). `min_items` is for the JSON Schema only: a rule
    (correlation-needs-variables) reports too few, counting distinct entries."""

    item: Text | IdMention = Text(Blank.EDITORS_ONLY)
    min_items: int = 0


class Citations(NamedTuple):
    """The `cite` list: each entry a source id, or a CITATION record."""


class Claims(NamedTuple):
    """A list of claims of `kind`, each a CLAIM record or a REF record."""

    kind: ClaimKind


class ClaimValue(NamedTuple):
    """One claim (the thesis) as a CLAIM record."""

    kind: ClaimKind


class SourceTable(NamedTuple):
    """A mapping from source id to SOURCE record."""


class Nested(NamedTuple):
    """A record of its own, written in place."""

    record: Record


class ClaimList(NamedTuple):
    """A list of claims of `kind`, each a CLAIM record (format 2's `theses`: no refs)."""

    kind: ClaimKind


Value = (
    Text
    | Id
    | IdMention
    | Url
    | Date
    | Flag
    | Choice
    | Version
    | Number
    | Words
    | Citations
    | Claims
    | ClaimValue
    | ClaimList
    | Arguments
    | SourceTable
    | Nested
)


# -- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One key of a record.

    `label` is how messages name the value, "{owner}" standing for how they name the record
    (given by the walk: "source 'x'", "premise 'y'"); empty takes the record's `label`.
    `example` is what a message suggests writing when the value is not a list.
    `kinds`: the claim kinds that may have this key (None: all); `misplaced` is the message
    for another kind, with "{owner}" and "{kind}". `cited_by_rule_for`: the claim kinds for which
    the JSON Schema requires the key while the loader leaves it to a rule (premise-needs-citation).
    """

    name: str
    value: Value
    required: bool = False
    description: str = ""
    label: str = ""
    example: str = ""
    kinds: frozenset[ClaimKind] | None = None
    misplaced: str = ""
    cited_by_rule_for: frozenset[ClaimKind] = frozenset()
    since: int = 1  # the first format version with this key


#: the value types that hold records or claims: such keys come after a record's own values
_NESTED = (Claims, ClaimValue, ClaimList, Arguments, SourceTable, Nested)


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys. `label` is the default label of its fields, with
    "{name}" for the key's name and "{owner}" for the record's."""

    fields: tuple[Field, ...]
    label: str = "'{name}' of {owner}"
    description: str = ""
    #: groups of keys of which exactly one must be present (the JSON Schema's oneOf of `required`)
    one_of: tuple[tuple[str, ...], ...] = ()
    keys: tuple[str, ...] = field(init=False)
    #: the keys in the order the canonical layout writes them (the writer and `argmap fmt`): the
    #: record's own values in declared order, then the keys that hold records or claims
    canonical: tuple[str, ...] = field(init=False)
    required: tuple[str, ...] = field(init=False)
    by_name: dict[str, Field] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        labelled = tuple(f if f.label else replace(f, label=self.label.replace("{name}", f.name)) for f in self.fields)
        object.__setattr__(self, "fields", labelled)
        object.__setattr__(self, "keys", tuple(f.name for f in labelled))
        nested = [f.name for f in labelled if isinstance(f.value, _NESTED)]
        object.__setattr__(self, "canonical", tuple(f.name for f in labelled if f.name not in nested) + tuple(nested))
        object.__setattr__(self, "required", tuple(f.name for f in labelled if f.required))
        object.__setattr__(self, "by_name", {f.name: f for f in labelled})


_ALL_BUT_THESIS = frozenset(ClaimKind) - {ClaimKind.THESIS}
#: the kinds that must cite a source (premise-needs-citation): not a thesis, not an assumption
CITED_KINDS = _ALL_BUT_THESIS - {ClaimKind.ASSUMPTION}
#: the kinds that support their parent through a step of their own, which an undercut can attack
_STEP_KINDS = frozenset({ClaimKind.PREMISE, ClaimKind.CORRELATION})
_WEIGHED_KINDS = frozenset(
    {ClaimKind.PREMISE, ClaimKind.CORRELATION, ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT, ClaimKind.REBUTTAL}
)
SEMANTICS = ("grounded", "weighed")
STANDARDS = ("scintilla", "preponderance", "clear-and-convincing", "beyond-reasonable-doubt", "dialectical-validity")
WEIGHT = Number(0.0, 1.0)
_TEXT = Text(Blank.EDITORS_ONLY)
_SOME_TEXT = Text(Blank.REFUSED)

SOURCE = Record(
    (
        Field("title", _SOME_TEXT, required=True),
        Field("kind", Choice(SOURCE_KINDS, "source kind"), required=True),
        Field("author", _TEXT),
        Field("publisher", _TEXT),
        Field("date", Date()),
        Field("url", Url()),
        Field("accessed", Date()),
        Field("note", _TEXT),
        Field("via", Id()),
        Field("anonymous", Flag()),
        Field("snapshot", _TEXT, description="Path of a local text copy, relative to the map."),
    )
)

CITATION = Record(
    (
        Field("source", Id(), required=True, label="the source id in {owner}"),
        Field("quote", _SOME_TEXT, description="Exact words from the source."),
        Field("locator", _SOME_TEXT, description="Page, section, paragraph or timestamp."),
        Field("note", _SOME_TEXT),
    ),
    label="'{name}' in {owner}",
)

REF = Record(
    (
        Field("ref", Id(), required=True, label="the claim id in 'ref'"),
        Field("note", _TEXT, label="the note of a reference"),
    ),
    description="The claim with this id also stands here.",
)


def _claim_list(kind: ClaimKind, name: str, **more: object) -> Field:
    return Field(name, Claims(kind), label=f"'{name}' of {{owner}}", example=f"{name}: [...]", **more)  # type: ignore[arg-type]


CLAIM = Record(
    (
        Field("id", Id(), required=True, label="the id of {owner}"),
        Field(
            "claim",
            Text(),
            required=True,
            label="the claim text of {owner}",
            description="The claim, in the map author's own words.",
        ),
        Field(
            "cite", Citations(), label="'cite' of {owner}", example="cite: [source-id]", cited_by_rule_for=CITED_KINDS
        ),
        Field("tags", Words(), label="tags of {owner}", example="tags: [a, b]"),
        Field("note", _TEXT, label="the note of {owner}"),
        Field(
            "inferred",
            Flag(),
            label="'inferred' of {owner}",
            since=2,
            description="A conclusion the text draws from its supports: needs no citation of its own.",
        ),
        Field(
            "weight",
            WEIGHT,
            label="the weight of {owner}",
            kinds=_WEIGHED_KINDS,
            since=2,
            description="How much this relation weighs (0 to 1), for weighed evaluation.",
            misplaced="a {kind} has no 'weight' (weights are on relations: premises, correlations, "
            "counterpoints, undercuts, rebuttals and arguments)",
        ),
        Field(
            "standard",
            Choice(STANDARDS, "proof standard"),
            label="the proof standard of {owner}",
            since=2,
            description="The proof standard of this claim, for weighed evaluation.",
        ),
        Field(
            "answers",
            Id(),
            label="the question in 'answers' of {owner}",
            since=2,
            kinds=frozenset({ClaimKind.PREMISE, ClaimKind.ASSUMPTION}),
            description="The id of the critical question of the argument's scheme that this claim settles.",
            misplaced="only the premises and assumptions of an argument answer its critical questions, not {owner}",
        ),
        Field(
            "raises",
            Id(),
            label="the question in 'raises' of {owner}",
            since=2,
            kinds=frozenset({ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT}),
            description="The id of the critical question this attack presses.",
            misplaced="only counterpoints and undercuts raise critical questions, not {owner}",
        ),
        Field(
            "between",
            Words(min_items=2),
            label="between of {owner}",
            example="between: [a, b]",
            kinds=frozenset({ClaimKind.CORRELATION}),
            misplaced="'between' belongs to correlations; {owner} is a {kind}",
        ),
        _claim_list(ClaimKind.PREMISE, "premises"),
        _claim_list(ClaimKind.CORRELATION, "correlations"),
        Field(
            "arguments",
            Arguments(),
            label="'arguments' of {owner}",
            example="arguments: [{id: ..., premises: [...]}]",
            since=2,
            description="Linked arguments for this claim: each one's premises support it only together.",
        ),
        _claim_list(
            ClaimKind.COUNTERPOINT,
            "counterpoints",
            kinds=frozenset(ClaimKind) - {ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT},
            misplaced="the claims that attack {owner} are listed under 'rebuttals'",
        ),
        _claim_list(
            ClaimKind.REBUTTAL,
            "rebuttals",
            kinds=frozenset({ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT}),
            misplaced="only counterpoints and undercuts have 'rebuttals'; to attack {owner}, "
            "list the attack under 'counterpoints'",
        ),
        _claim_list(
            ClaimKind.UNDERCUT,
            "undercuts",
            kinds=_STEP_KINDS,
            since=2,
            description="Claims that deny that this claim supports its parent (not that it is true).",
            misplaced="only premises and correlations have 'undercuts' (of the support they give); "
            "to deny {owner}, list the attack under 'counterpoints'",
        ),
    )
)

ARGUMENT = Record(
    (
        Field("id", Id(), required=True, label="the id of {owner}"),
        _claim_list(
            ClaimKind.PREMISE,
            "premises",
            required=True,
            description="Claims that support the conclusion together: if one falls, the argument fails.",
        ),
        _claim_list(
            ClaimKind.ASSUMPTION,
            "assumptions",
            description="Premises the argument needs that the text leaves unstated (no citation needed).",
        ),
        Field(
            "scheme",
            Id(),
            label="the scheme of {owner}",
            description="An argument scheme from 'argmap schemes' (docs/schemes.md).",
        ),
        _claim_list(
            ClaimKind.UNDERCUT, "undercuts", description="Claims that deny that the premises support the conclusion."
        ),
        Field(
            "weight",
            WEIGHT,
            label="the weight of {owner}",
            description="How much this argument weighs (0 to 1), for weighed evaluation.",
        ),
        Field("note", _TEXT, label="the note of {owner}"),
        Field("tags", Words(), label="tags of {owner}", example="tags: [a, b]"),
    ),
    description="A linked argument: premises (and unstated assumptions) that support the claim together.",
)

#: the JSON Schema's description of each kind of claim
CLAIM_DESCRIPTIONS = {
    ClaimKind.THESIS: "The root claim.",
    ClaimKind.PREMISE: "A claim that supports its parent.",
    ClaimKind.CORRELATION: "A claim that two or more variables are associated, offered as support.",
    ClaimKind.COUNTERPOINT: "A claim that attacks its parent.",
    ClaimKind.REBUTTAL: "A claim that attacks a counterpoint or an undercut.",
    ClaimKind.UNDERCUT: "A claim that denies that a premise or argument supports its conclusion.",
    ClaimKind.ASSUMPTION: "A premise an argument needs that the text leaves unstated.",
}

EXPECT = Record(
    tuple(Field(label, Words(IdMention()), example="expect: [a, b]") for label in ("stands", "falls", "undecided")),
    label="expect {name}",
)

VERSIONS = (1, 2)

TOP = Record(
    (
        Field("argmap", Version(VERSIONS), required=True, description="Format version."),
        Field("title", _SOME_TEXT, required=True),
        Field("description", Text()),
        Field("analyses", Id(), description="The source whose argument the map encodes."),
        Field("sources", SourceTable(), required=True),
        Field("thesis", ClaimValue(ClaimKind.THESIS)),
        Field(
            "theses",
            ClaimList(ClaimKind.THESIS),
            label="'theses'",
            example="theses: [{id: ..., claim: ...}]",
            since=2,
            description="Several positions, for a debate; rivals attack each other with refs.",
        ),
        Field(
            "semantics",
            Choice(SEMANTICS, "semantics"),
            since=2,
            description="How 'argmap eval' judges the map by default: grounded or weighed.",
        ),
        Field("expect", Nested(EXPECT)),
    ),
    label="{name}",
    description="An argument map: a thesis, its premises, correlations, counterpoints "
    "and rebuttals, each citing its sources. See docs/format.md.",
    one_of=(("thesis", "theses"),),
)


def claim_fields(kind: ClaimKind) -> tuple[Field, ...]:
    """The keys a claim of `kind` may have, in order."""
    return tuple(f for f in CLAIM.fields if f.kinds is None or kind in f.kinds)
