"""Shared hypothesis strategies: valid format-2 maps as YAML-ready dicts, and a model signature for
comparing two maps while ignoring positions (for round trips through other formats).

    @given(format2_documents())
    def test_round_trip(document): model = load(dump(document)); ...
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml
from hypothesis import strategies as st

from argmap.checks.runner import check_map
from argmap.formats.argmap_yaml import load_bytes
from argmap.model import ArgMap
from argmap.text.safe import UNSAFE_CHARS

#: printable text a claim may hold (no controls, no line or paragraph separators)
SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s and not UNSAFE_CHARS.search(s))
WORD = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
WEIGHTS = st.none() | st.sampled_from((0.25, 0.5, 0.75, 1.0))
SCHEMES = st.none() | st.sampled_from(("expert-opinion", "cause-to-effect", "analogy", "sign"))


@st.composite
def format2_documents(draw: st.DrawFn, *, max_depth: int = 3, refs: bool = True) -> dict[str, Any]:
    """A valid format-2 map: one or two theses; premises, correlations, counterpoints, rebuttals,
    linked arguments with assumptions and schemes, undercuts of premises and of arguments, weights,
    tags, notes, quotes and locators, and refs to earlier claims. It validates with no problem."""
    sources = {f"s{i}": {"title": draw(SAFE_TEXT), "kind": "report"} for i in range(draw(st.integers(1, 3)))}
    counter = iter(range(100_000))
    written: list[str] = []
    open_ids: set[str] = set()  # the claims being written (ancestors): a ref to one would be a cycle

    def cite() -> list[Any]:
        chosen = draw(st.lists(st.sampled_from(sorted(sources)), min_size=1, max_size=2, unique=True))
        result: list[Any] = []
        for source in chosen:
            if draw(st.booleans()):
                entry: dict[str, Any] = {"source": source, "quote": draw(SAFE_TEXT)}
                if draw(st.booleans()):
                    entry["locator"] = f"p. {draw(st.integers(1, 300))}"
                result.append(entry)
            else:
                result.append(source)
        return result

    def item(kind: str, depth: int, linked: bool = False) -> dict[str, Any]:
        targets = [w for w in written if w not in open_ids]  # finished claims: no support cycle
        if refs and targets and draw(st.integers(0, 5)) == 0:
            return {"ref": draw(st.sampled_from(targets))}
        return claim(kind, depth, linked)

    def claim(kind: str, depth: int, linked: bool = False) -> dict[str, Any]:
        node: dict[str, Any] = {"id": f"c{next(counter)}", "claim": draw(SAFE_TEXT)}
        written.append(node["id"])
        open_ids.add(node["id"])
        fill(node, kind, depth, linked)
        open_ids.discard(node["id"])
        return node

    def fill(node: dict[str, Any], kind: str, depth: int, linked: bool) -> None:
        if kind == "thesis":
            node["cite"] = sorted(sources)  # every source is cited somewhere
        elif kind != "assumption":
            node["cite"] = cite()
        if draw(st.integers(0, 3)) == 0:
            node["tags"] = draw(st.lists(WORD, min_size=1, max_size=2, unique=True))
        if draw(st.integers(0, 4)) == 0:
            node["note"] = draw(SAFE_TEXT)
        if kind == "correlation":
            node["between"] = draw(st.lists(SAFE_TEXT, min_size=2, max_size=3, unique_by=str.casefold))
        if kind in ("premise", "correlation", "counterpoint", "undercut", "rebuttal") and draw(st.booleans()):
            weight = draw(WEIGHTS)
            if weight is not None:
                node["weight"] = weight
        if depth >= max_depth:
            return
        attacked = kind in ("counterpoint", "undercut")
        lists = ["rebuttals"] if attacked else ["premises", "correlations", "counterpoints"]
        for key in lists:
            child_kind = {"premises": "premise", "correlations": "correlation"}.get(key, key[:-1])
            count = draw(st.integers(0, 2))
            if count:
                node[key] = [item(child_kind, depth + 1) for _ in range(count)]
        if not attacked and kind != "assumption" and draw(st.integers(0, 2)) == 0:
            node["arguments"] = [argument(depth) for _ in range(draw(st.integers(1, 2)))]
        if kind in ("premise", "correlation") and not linked and draw(st.integers(0, 3)) == 0:
            node["undercuts"] = [claim("undercut", depth + 1)]

    def argument(depth: int) -> dict[str, Any]:
        node: dict[str, Any] = {"id": f"a{next(counter)}"}
        node["premises"] = [item("premise", depth + 1, linked=True) for _ in range(draw(st.integers(1, 3)))]
        if draw(st.integers(0, 2)) == 0:
            node["assumptions"] = [claim("assumption", depth + 1, linked=True)]
        scheme = draw(SCHEMES)
        if scheme is not None:
            node["scheme"] = scheme
        if draw(st.integers(0, 2)) == 0:
            node["undercuts"] = [claim("undercut", depth + 1)]
        weight = draw(WEIGHTS)
        if weight is not None:
            node["weight"] = weight
        return node

    theses = [claim("thesis", 0) for _ in range(draw(st.integers(1, 2)))]
    document: dict[str, Any] = {"argmap": 2, "title": draw(SAFE_TEXT), "sources": sources}
    if len(theses) == 1:
        document["thesis"] = theses[0]
    else:
        document["theses"] = theses
    return document


def dump(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10_000)


def load(text: str, file: str = "g.yaml") -> ArgMap:
    """The model of a map text that must load and check with no problem (else AssertionError)."""
    loaded = load_bytes(text.encode("utf-8"), file=file)
    assert loaded.map is not None, loaded.problems
    problems = list(loaded.problems) + list(check_map(loaded.map))
    assert problems == [], problems
    return loaded.map


def signature(argmap: ArgMap, *, fields: Iterable[str] = ()) -> dict[str, Any]:
    """What a map says, without positions or order of writing: theses, claims by id (text, kind,
    and the `fields` asked for among tags, note, weight, inferred, between, cites), relations as a
    sorted list of (child, parent, kind, argument), and arguments by id (conclusion, premises,
    assumptions, scheme, weight)."""
    wanted = set(fields)
    claims: dict[str, Any] = {}
    for c in argmap.claims:
        entry: dict[str, Any] = {"text": c.text, "kind": str(c.kind)}
        if "tags" in wanted:
            entry["tags"] = c.tags
        if "note" in wanted:
            entry["note"] = c.note
        if "weight" in wanted:
            entry["weight"] = c.weight
        if "inferred" in wanted:
            entry["inferred"] = c.inferred
        if "between" in wanted:
            entry["between"] = c.between
        if "cites" in wanted:
            entry["cites"] = sorted((x.source, x.quote or "", x.locator or "") for x in c.cites)
        claims[c.id] = entry
    relations = sorted((e.child, e.parent, str(e.kind), e.argument or "") for e in argmap.edges)
    arguments = {
        a.id: {
            "conclusion": a.conclusion,
            "premises": a.premises,
            "assumptions": a.assumptions,
            "scheme": a.scheme,
            "weight": a.weight,
        }
        for a in argmap.arguments
    }
    return {"theses": argmap.thesis_ids, "claims": claims, "relations": relations, "arguments": arguments}
