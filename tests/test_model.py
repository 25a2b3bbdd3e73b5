"""The model's classes: frozen dataclasses whose `__init__` is argmap.model.quick_init's, with slots
(all but the map itself, which keeps a `__dict__` for its cached indexes)."""

from __future__ import annotations

import dataclasses
import gc
import inspect
import weakref
from pathlib import Path

import pytest

from argmap import model
from argmap.analysis.evaluate import Verdict, evaluate
from argmap.analysis.gaps import Gap, coverage, find_gaps
from argmap.analysis.ranking import rank_gaps
from argmap.analysis.sides import sides
from argmap.debate import brief
from argmap.formats.argmap_yaml import load_path
from argmap.model import Claim, ClaimKind, Position, quick_init
from argmap.views import diagram

MODEL_CLASSES = [model.Citation, model.Source, model.Claim, model.Edge, model.Argument, model.Expectation, model.ArgMap]
HERE = Position("m.yaml", 3, 5)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_the_quick_init_takes_what_the_dataclass_init_takes(cls: type) -> None:
    # the same class as dataclasses alone would make it, for its own generated __init__
    plain = dataclasses.dataclass(frozen=True)(
        type(cls.__name__, (), {"__annotations__": dict(cls.__annotations__), **_defaults(cls)})
    )
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
    assert list(inspect.signature(cls.__init__).parameters) == list(inspect.signature(plain.__init__).parameters)
    ours_all = inspect.signature(cls.__init__).parameters.values()
    for ours, theirs in zip(ours_all, inspect.signature(plain.__init__).parameters.values(), strict=True):
        assert ours.kind is theirs.kind
        # a default factory's parameter has a marker as its default in both (a different one)
        if theirs.default is inspect.Parameter.empty or repr(theirs.default) != "<factory>":
            assert ours.default == theirs.default


def _defaults(cls: type) -> dict[str, object]:
    return {
        f.name: dataclasses.field(default=f.default)
        if f.default is not dataclasses.MISSING
        else dataclasses.field(default_factory=f.default_factory)
        for f in dataclasses.fields(cls)
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    }


def test_defaults_and_factories_are_filled_in_and_factories_called_each_time() -> None:
    one = Claim("c", "Text.", ClaimKind.PREMISE, HERE)
    two = Claim(id="c", text="Text.", kind=ClaimKind.PREMISE, position=HERE)
    assert (one.parent, one.depth, one.cites, one.weight, one.inferred, one.positions) == (None, 0, (), None, False, {})
    assert one == two and hash(one) == hash(two)
    assert one.positions is not two.positions  # a new dict each time, as default_factory gives


def test_positional_and_keyword_arguments_land_in_their_fields() -> None:
    claim = Claim("c", "Text.", ClaimKind.COUNTERPOINT, HERE, "t", 2, weight=0.5, positions={"weight": HERE})
    assert (claim.id, claim.text, claim.kind, claim.position, claim.parent, claim.depth, claim.weight) == (
        "c", "Text.", ClaimKind.COUNTERPOINT, HERE, "t", 2, 0.5,
    )  # fmt: skip
    assert claim.field_position("weight") == HERE
    with pytest.raises(TypeError):
        Claim("c", "Text.")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Claim("c", "Text.", ClaimKind.PREMISE, HERE, colour="red")  # type: ignore[call-arg]


def test_instances_stay_frozen_and_replace_works() -> None:
    claim = Claim("c", "Text.", ClaimKind.PREMISE, HERE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.text = "Other."  # type: ignore[misc]
    changed = dataclasses.replace(claim, text="Other.")
    assert (changed.text, claim.text, changed.id) == ("Other.", "Text.", "c")


def test_cached_properties_of_a_map_still_work() -> None:
    claim = Claim("t", "Thesis.", ClaimKind.THESIS, HERE)
    argmap = model.ArgMap("m.yaml", claims=(claim,), thesis="t")
    assert argmap.claim_index == {"t": claim}
    assert argmap.claim("t") is claim


SLOTTED = [
    *(model.Citation, model.Source, model.Claim, model.Edge, model.Argument, model.Expectation, Gap, Verdict),
    *(brief.Strong, brief.Code, brief.Link, brief.Alarm, brief.Heading, brief.Para, brief.Quote, brief.Item),
    *(diagram.ViewNode, diagram.ViewJunction, diagram.ViewEdge),
]


@pytest.mark.parametrize("cls", SLOTTED, ids=lambda c: c.__name__)
def test_the_many_small_records_keep_their_fields_in_slots(cls: type) -> None:
    # each field is a slot, set by quick_init's __init__ through the slot's descriptor: no __dict__
    assert cls.__slots__ == tuple(f.name for f in dataclasses.fields(cls))
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
    assert "__dict__" not in dir(cls)


def test_a_claim_has_no_dict_and_refuses_new_attributes() -> None:
    claim = Claim("c", "Text.", ClaimKind.PREMISE, HERE)
    assert not hasattr(claim, "__dict__")
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError, TypeError)):
        claim.colour = "red"  # type: ignore[attr-defined]


@pytest.mark.parametrize("slots", [False, True])
def test_quick_init_on_a_class_of_its_own(slots: bool) -> None:
    @quick_init
    @dataclasses.dataclass(frozen=True, slots=slots)
    class Pair:
        left: int
        right: list[int] = dataclasses.field(default_factory=list)
        label: str = "x"

    assert Pair(1) == Pair(1, [], "x")
    assert Pair(1, label="y").label == "y"
    assert Pair(1).right is not Pair(1).right
    assert (Pair(2, [3], "z").left, Pair(2, [3], "z").right, Pair(2, [3], "z").label) == (2, [3], "z")
    assert hasattr(Pair(1), "__dict__") is not slots
    with pytest.raises(dataclasses.FrozenInstanceError):
        Pair(1).left = 2  # type: ignore[misc]


def test_a_map_and_what_is_derived_from_it_go_with_its_last_reference() -> None:
    """What the analyses keep in `ArgMap.derived` must not refer back to the map: a cycle would keep
    the whole model alive until the interpreter's final collection, which walks all of it (about 2%
    of a command's instructions on a 10k-claim map)."""
    argmap = load_path(Path(__file__).parents[1] / "maps" / "assad_isis.yaml").map
    assert argmap is not None and argmap.arguments  # format 2: arguments, schemes, weights
    gc.disable()
    try:
        ranked = rank_gaps(argmap, find_gaps(argmap))
        brief.build_brief(argmap, side="for", evaluation=evaluate(argmap), gaps=ranked)
        coverage(argmap), sides(argmap), evaluate(argmap, semantics="weighed")
        assert argmap.derived("framework", list)  # the analyses left something there
        alive = weakref.ref(argmap)
        del argmap, ranked
        assert alive() is None
    finally:
        gc.enable()


class _Mark:
    """A reader's mark as PyYAML gives it: 0-based line and column, the file as its name."""

    def __init__(self, name: str, line: int, column: int) -> None:
        self.name, self.line, self.column = name, line, column


def test_a_field_holding_a_mark_reads_as_the_position_it_names_and_keeps_it() -> None:
    cite = model.Citation("s", _Mark("m.yaml", 2, 4), quote="q", quote_position=_Mark("m.yaml", 9, 0))  # type: ignore[arg-type]
    assert cite.position == HERE
    assert type(cite.position) is Position
    assert cite.position is cite.position  # made once, then kept
    assert cite.quote_position == Position("m.yaml", 10, 1)
    assert cite == model.Citation("s", HERE, quote="q", quote_position=Position("m.yaml", 10, 1))
    claim = Claim("c", "Text.", ClaimKind.PREMISE, HERE, text_position=_Mark("m.yaml", 2, 11))  # type: ignore[arg-type]
    assert (claim.text_position, claim.between_position) == (Position("m.yaml", 3, 12), None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cite.position = HERE  # type: ignore[misc]
    assert dataclasses.replace(cite, source="t").position == HERE


def test_the_yaml_loader_leaves_marks_that_read_as_exact_positions(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: T\nsources:\n  s: {title: S, kind: report}\nthesis:\n  id: t\n"
        '  claim: The thesis.\n  cite:\n    - s\n    - {source: s, quote: "word"}\n',
        encoding="utf-8",
    )
    loaded = load_path(path, display="m.yaml")
    thesis = loaded.map.claims[0]  # type: ignore[union-attr]
    assert thesis.text_position == Position("m.yaml", 7, 10)
    first, second = thesis.cites
    assert (first.position, second.position, second.quote_position) == (
        Position("m.yaml", 9, 7),
        Position("m.yaml", 10, 7),
        Position("m.yaml", 10, 26),
    )


def test_the_loader_puts_each_value_of_a_claim_in_its_own_field(tmp_path: Path) -> None:
    # argmap_yaml builds claims and edges with positional arguments: each field must get its value
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 2\ntitle: T\nsources:\n  s: {title: S, kind: report}\n"
        "thesis:\n  id: t\n  claim: The thesis.\n  inferred: true\n  standard: scintilla\n"
        "  arguments:\n    - id: a\n      scheme: expert-opinion\n      premises:\n"
        "        - id: p\n          claim: A premise.\n          cite: [s]\n          answers: opinion\n"
        "          note: A note.\n          tags: [one, two]\n          weight: 0.25\n"
        "      undercuts:\n        - id: u\n          claim: An undercut.\n          cite: [s]\n"
        "          raises: trustworthiness\n"
        "  correlations:\n    - id: c\n      claim: A correlation.\n      between: [x rate, y level]\n"
        "      cite: [s]\n",
        encoding="utf-8",
    )
    loaded = load_path(path, display="m.yaml")
    claims = loaded.map.claim_index  # type: ignore[union-attr]
    t, p, u, c = claims["t"], claims["p"], claims["u"], claims["c"]
    assert (t.id, t.text, t.kind, t.position, t.parent, t.depth) == (
        "t",
        "The thesis.",
        ClaimKind.THESIS,
        Position("m.yaml", 6, 3),
        None,
        0,
    )
    assert (t.inferred, t.standard, t.text_position) == (True, "scintilla", Position("m.yaml", 7, 10))
    assert (p.parent, p.argument, p.depth, p.kind) == ("t", "a", 1, ClaimKind.PREMISE)
    assert (p.answers, p.raises, p.note, p.tags, p.weight) == ("opinion", None, "A note.", ("one", "two"), 0.25)
    assert [cite.source for cite in p.cites] == ["s"] and not p.inferred and p.standard is None
    assert (u.raises, u.answers, u.kind, u.argument) == ("trustworthiness", None, ClaimKind.UNDERCUT, "a")
    assert (c.between, c.between_position, c.tags) == (("x rate", "y level"), Position("m.yaml", 29, 16), ())
    assert p.field_position("weight") == Position("m.yaml", 20, 19)
    edges = {(e.child, e.parent): e for e in loaded.map.edges}  # type: ignore[union-attr]
    edge = edges[("p", "t")]
    assert (edge.kind, edge.position, edge.ref, edge.note, edge.argument) == (
        ClaimKind.PREMISE,
        p.position,
        False,
        None,
        "a",
    )
