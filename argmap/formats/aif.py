"""AIF in and out: AIFdb nodeset JSON and its xAIF wrapper ({"AIF": {...}, "OVA": ...}).

Reading (docs/convert.md, "AIF"): I nodes are statements; an RA is a support step from the I nodes
that point at it to the I node it points at (several premises: a linked argument; its scheme mapped
onto argmap's catalogue where the name matches, else kept in the argument's note); a CA from an I
node to an I node is an attack, to an RA an undercut; an MA (rephrase) is a support step noted as a
rephrase; an L node anchored to an I node by a YA gives the claim its quote, and the locution's
speaker (its personID's participant, or a "Speaker : text" prefix) goes into the claim's note. PA,
TA and the other YA nodes are dialogue structure: counted in the map's description, never turned
into claims. Every problem points at the node or edge at fault.

Writing: one I node per claim, one RA per support step (a linked argument's RA has its id, its
scheme's AIF name and, with one premise, `"linked": true`), one CA per attack or undercut, and an L
node with a YA for a claim's first quote. Fields AIF tools ignore keep a thesis (`"thesis": true`
on its I node) and the place a claim is written (`"home": true` on its edge into that RA or CA);
without them the reader places claims from the graph alone. What AIF cannot hold is reported.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from argmap.checks.ids import BAD_TEXT, SCHEMA, SYNTAX
from argmap.findings import Problem, Severity
from argmap.formats.base import LoadResult
from argmap.formats.build import MapBuilder, make_id
from argmap.formats.json_nodes import Lines, Obj, parse
from argmap.formats.yaml_nodes import decode
from argmap.model import ArgMap, Position
from argmap.text.safe import first_unsafe, visible

__all__ = ["read", "sniff", "write"]

#: argmap scheme id -> the AIF scheme name written
AIF_SCHEME_NAMES = {
    "expert-opinion": "Expert Opinion",
    "position-to-know": "Position To Know",
    "witness-testimony": "Witness Testimony",
    "cause-to-effect": "Cause To Effect",
    "correlation-to-cause": "Correlation To Cause",
    "sign": "Sign",
    "example": "Example",
    "analogy": "Analogy",
    "consequences": "Consequences",
    "practical-reasoning": "Practical Reasoning",
    "popular-opinion": "Popular Opinion",
    "ad-hominem": "Ad Hominem",
}
_ALIASES = {"positive-consequences": "consequences", "negative-consequences": "consequences"}
_DEFAULTS = {"default-inference", "default-conflict", "default-rephrase", "default-preference", ""}
_SPEAKER = re.compile(r"^\s*([^:\n]{1,80}?)\s+:\s+(.+)$", re.DOTALL)
KNOWN_TYPES = {"I", "L", "RA", "CA", "MA", "PA", "YA", "TA"}


def scheme_id(name: str) -> str | None:
    """argmap's scheme for an AIF scheme name ("Argument From Expert Opinion" -> expert-opinion)."""
    slug = make_id(name, fallback="")
    slug = re.sub(r"^(argument-)?(from-)?", "", slug)
    slug = _ALIASES.get(slug, slug)
    return slug if slug in AIF_SCHEME_NAMES else None


def sniff(data: bytes) -> bool:
    """Whether bytes look like AIF JSON (a `nodes` and an `edges` list, or an `AIF` wrapper)."""
    head = data[:4096]
    return head.lstrip().startswith(b"{") and (b'"AIF"' in head or (b'"nodes"' in data and b'"edges"' in data))


class _Reader:
    def __init__(self, text: str, file: str) -> None:
        self.lines = Lines(text)
        self.file = file

    def pos(self, obj: object) -> Position:
        offset = obj.offset if isinstance(obj, Obj) else 0
        return Position(self.file, *self.lines.at(offset))


def _text(b: MapBuilder, value: object, where: Position, label: str) -> str:
    if not isinstance(value, str):
        if value is not None:
            b.problem(where, f"{label} is {type(value).__name__}, not text; it is read as text")
        return "" if value is None else str(value)
    unsafe = first_unsafe(value)
    if unsafe is not None:
        b.problem(where, f"control or formatting character {visible(unsafe[1])} in {label}", BAD_TEXT)
        return visible(value, one_line=False)
    return value


def read(data: bytes, *, file: str = "<aif>", base_dir: str | None = None) -> LoadResult:
    """AIF JSON bytes -> the map (see the module doc); never raises for bad input."""
    text, problem = decode(data, file)
    if problem is not None:
        return LoadResult(None, (problem,))
    assert text is not None
    root, error = parse(text)
    if error is not None:
        return LoadResult(None, (Problem(file, error[0], error[1], SYNTAX, Severity.ERROR, error[2]),))
    r = _Reader(text, file)
    aif = root.get("AIF") if isinstance(root, dict) and isinstance(root.get("AIF"), dict) else root
    if not isinstance(aif, dict) or not isinstance(aif.get("nodes"), list):
        message = "not AIF: expected an object with a 'nodes' list (AIFdb JSON) or an 'AIF' object (xAIF)"
        return LoadResult(None, (Problem(file, 1, 1, SCHEMA, Severity.ERROR, message),))
    name = PurePath(file).name if file not in ("-", "<stdin>") else "AIF input"
    own = root.get("title") if isinstance(root, dict) else None
    title = own if isinstance(own, str) and own.strip() and first_unsafe(own) is None else name
    b = MapBuilder(file, title=title, source_title=title, source_kind="dataset", id_label="AIF nodeID")
    return _Nodeset(r, b, aif).run()


class _Nodeset:
    def __init__(self, r: _Reader, b: MapBuilder, aif: dict[str, Any]) -> None:
        self.r, self.b, self.aif = r, b, aif
        self.nodes: dict[str, tuple[str, Obj]] = {}  # nodeID -> (type, node)
        self.into: dict[str, list[tuple[str, Obj]]] = {}  # nodeID -> (from nodeID, edge)
        self.out_of: dict[str, list[tuple[str, Obj]]] = {}

    def list_of(self, key: str) -> list[Obj]:
        value = self.aif.get(key, [])
        if not isinstance(value, list):
            self.b.problem(self.r.pos(self.aif), f"'{key}' must be a list")
            return []
        items = []
        for item in value:
            if isinstance(item, Obj):
                items.append(item)
            else:
                self.b.problem(self.r.pos(self.aif), f"an entry of '{key}' is not an object; it is left out")
        return items

    def run(self) -> LoadResult:
        b, pos = self.b, self.r.pos
        for node in self.list_of("nodes"):
            node_id, kind = node.get("nodeID"), node.get("type")
            if not isinstance(node_id, (str, int)) or isinstance(node_id, bool):
                b.problem(pos(node), "a node without a nodeID (text or number); it is left out")
                continue
            key = str(node_id)
            if key in self.nodes:
                first = self.nodes[key][1]
                b.problem(pos(node), f"nodeID '{visible(key)}' is given twice (first at {pos(first).short()})")
                continue
            if kind not in KNOWN_TYPES:
                b.problem(pos(node), f"node '{visible(key)}' has unknown type {visible(str(kind))}; it is left out")
                continue
            self.nodes[key] = (str(kind), node)
        for edge in self.list_of("edges"):
            ends = [edge.get("fromID"), edge.get("toID")]
            keys = [str(e) if isinstance(e, (str, int)) and not isinstance(e, bool) else None for e in ends]
            missing = [k for k in keys if k is None or k not in self.nodes]
            if missing or keys[0] is None or keys[1] is None:
                what = "no end" if missing[0] is None else f"an unknown node '{visible(str(missing[0]))}'"
                b.problem(pos(edge), f"an edge names {what}; it is left out")
                continue
            self.out_of.setdefault(keys[0], []).append((keys[1], edge))
            self.into.setdefault(keys[1], []).append((keys[0], edge))
        speakers = self.speakers()
        counts: dict[str, int] = {}
        for key, (kind, node) in self.nodes.items():
            counts[kind] = counts.get(kind, 0) + 1
            if kind == "I":
                quote, speaker = self.locution(key, speakers)
                note = f"AIF speaker: {speaker}" if speaker else None
                text = _text(b, node.get("text"), pos(node), f"I node '{visible(key)}'")
                b.statement(key, text, pos(node), quote=quote, note=note)
                if node.get("thesis") is True:
                    b.thesis(key)
        for key, (kind, node) in self.nodes.items():
            if kind in ("RA", "MA"):
                self.step(key, kind, node)
        for key, (kind, node) in self.nodes.items():
            if kind == "CA":
                self.conflict(key, node)
        dialogue = [f"{counts[k]} {k}" for k in ("L", "YA", "TA", "PA") if counts.get(k)]
        if dialogue:
            b.description = "AIF dialogue structure not represented as claims: " + ", ".join(dialogue) + " nodes."
        result = b.build()
        if result.map is not None and not result.map.claims:
            message = "the AIF holds no I node (no claim to import)"
            return LoadResult(None, (*result.problems, Problem(self.r.file, 1, 1, SCHEMA, Severity.ERROR, message)))
        return result

    def speakers(self) -> dict[str, str]:
        """L nodeID -> speaker name, from locutions' personID and the participants list."""
        people: dict[str, str] = {}
        for person in self.list_of("participants"):
            pid = person.get("participantID")
            parts = [person.get(k) for k in ("firstname", "surname")]
            name = " ".join(p for p in parts if isinstance(p, str) and p)
            if isinstance(pid, (str, int)) and name:
                people[str(pid)] = name
        result: dict[str, str] = {}
        for loc in self.list_of("locutions"):
            node_id, pid = loc.get("nodeID"), loc.get("personID")
            if isinstance(node_id, (str, int)) and isinstance(pid, (str, int)):
                name = people.get(str(pid), str(pid))
                result[str(node_id)] = _text(self.b, name, self.r.pos(loc), "a speaker")
        return result

    def locution(self, i_key: str, speakers: dict[str, str]) -> tuple[str | None, str | None]:
        """The quote and speaker of the first L node anchored to the I node through a YA."""
        for ya, _ in self.into.get(i_key, []):
            if self.nodes[ya][0] != "YA":
                continue
            for source, _ in self.into.get(ya, []):
                kind, node = self.nodes[source]
                if kind != "L":
                    continue
                text = _text(self.b, node.get("text"), self.r.pos(node), f"L node '{visible(source)}'")
                speaker = speakers.get(source)
                match = _SPEAKER.match(text)
                if match:
                    speaker = speaker or match.group(1)
                    text = match.group(2)
                return (text.strip() or None), speaker
        return None, None

    def i_ends(self, key: str, edges: list[tuple[str, Obj]], role: str) -> list[str]:
        result = []
        for other, edge in edges:
            kind = self.nodes[other][0]
            if kind == "I":
                result.append(other)
            elif kind not in ("YA", "L", "TA", "CA", "PA"):
                self.b.problem(self.r.pos(edge), f"{role} of node '{visible(key)}' is a {kind} node; it is left out")
        return result

    def step(self, key: str, kind: str, node: Obj) -> None:
        b, where = self.b, self.r.pos(node)
        premises = self.i_ends(key, self.into.get(key, []), "a premise")
        conclusions = self.i_ends(key, self.out_of.get(key, []), "the conclusion")
        if not premises or len(conclusions) != 1:
            found = f"{len(premises)} premise(s) and {len(conclusions)} conclusion(s)"
            b.problem(where, f"{kind} node '{visible(key)}' needs premises and one conclusion; it has {found}")
            return
        name = node.get("scheme", node.get("text"))
        name = _text(b, name, where, f"the scheme of node '{visible(key)}'") if name is not None else ""
        scheme = scheme_id(name)
        note = None
        if kind == "MA":
            note = "AIF MA: a rephrase of its premise"
        elif scheme is None and make_id(name, fallback="") not in _DEFAULTS:
            note = f"AIF scheme: {name}"
        assumptions = [p for p, e in self.into.get(key, []) if e.get("assumption") is True and p in premises]
        homes = [p for p, e in self.into.get(key, []) if e.get("home") is True and p in premises]
        b.support(
            conclusions[0],
            [p for p in premises if p not in assumptions],
            where,
            assumptions=assumptions,
            key=key,
            scheme=scheme,
            note=note,
            linked=node.get("linked") is True or len(premises) > 1 or scheme is not None,
            homes=homes,
        )

    def conflict(self, key: str, node: Obj) -> None:
        b, where = self.b, self.r.pos(node)
        attackers = self.i_ends(key, self.into.get(key, []), "the attacker")
        targets = [t for t, _ in self.out_of.get(key, []) if self.nodes[t][0] in ("I", "RA")]
        if not attackers or len(targets) != 1:
            found = f"{len(attackers)} attacker(s) and {len(targets)} target(s)"
            b.problem(where, f"CA node '{visible(key)}' needs an I node attacking one I or RA node; it has {found}")
            return
        target = targets[0]
        homes = {a for a, e in self.into.get(key, []) if e.get("home") is True}
        for attacker in attackers:
            if self.nodes[target][0] == "RA":
                b.undercut(attacker, target, where, home=attacker in homes)
            else:
                b.attack(attacker, target, where, home=attacker in homes)


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    """The map as AIFdb JSON (see the module doc), with what AIF cannot hold."""
    from argmap.formats.aif_write import write_aif

    return write_aif(argmap)
