"""The `argdown` map format: Argdown text in (parsed natively, argdown_parse.py) and out
(argdown_write.py). docs/convert.md, section Argdown, says how each construct maps.

Reading: an equivalence class (every statement with one title) is one claim, its first text the
claim's; an argument without a premise-conclusion structure is a claim of its own (its description
the text); an argument with one is a linked argument per inference, each premise and conclusion a
claim and every conclusion `inferred`. A relation of a reconstructed argument is one of its main
conclusion. Support is a premise, attack a counterpoint (or rebuttal), undercut an undercut of the
support step or inference it names; contradictory (and, in strict mode, contrary) statements attack
each other. The file is the map's source unless its frontmatter carries argmap's own (`argmap:`),
as files argmap writes do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from argmap.checks.ids import BAD_TEXT, SCHEMA, SYNTAX, RuleId
from argmap.findings import Problem, Severity
from argmap.formats.argdown_parse import Document, Element, Relation, parse
from argmap.formats.argdown_scan import Data
from argmap.formats.base import LoadResult
from argmap.formats.build import MapBuilder, make_id
from argmap.formats.yaml_nodes import decode, raw_text_problems
from argmap.model import ArgMap, Citation, ClaimKind, Position, Source
from argmap.text.safe import first_unsafe, visible

__all__ = ["normalized_relations", "read"]

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SOURCE_FIELDS = ("title", "kind", "author", "publisher", "date", "url", "accessed", "note", "via", "snapshot")


def read(data: bytes, *, file: str = "<argdown>", base_dir: str | None = None) -> LoadResult:
    """Argdown bytes -> the map and every problem; never raises for bad input."""
    del base_dir  # an Argdown file names no other file argmap would read
    text, problem = decode(data, file)
    if problem is not None:
        return LoadResult(None, (problem,))
    assert text is not None
    document = parse(text)
    return _Importer(document, file).build(raw_text_problems(text, file))


def normalized_relations(document: Document) -> list[tuple[str, tuple[str, str], tuple[str, str]]]:
    """The relations as `argdown json` lists them: an end that is a reconstructed argument stands
    for its main conclusion, relations of a thing to itself are left out, repeats counted once.
    Ends are ("statement", key) or ("argument", title); for tests against Argdown's own parser."""
    seen: dict[tuple[str, tuple[str, str], tuple[str, str]], None] = {}
    for relation in document.relations:
        source, target = _end(document, relation.source, False), _end(document, relation.target, True)
        if source is None or target is None or source == target:
            continue
        seen.setdefault((relation.type, source, target), None)
    return list(seen)


def _end(document: Document, end: tuple[Any, ...], target: bool) -> tuple[str, str] | None:
    if end[0] == "inference":
        return ("argument", end[1]) if target else None
    if end[0] == "argument" and end[1] in document.pcs and not target:
        steps = document.pcs[end[1]].steps
        conclusion = steps[-1].conclusion
        return ("statement", conclusion[0]) if conclusion else None
    return (end[0], end[1])


class _Importer:
    def __init__(self, document: Document, file: str) -> None:
        self.doc = document
        self.file = file
        front = document.frontmatter
        title = front.get("title")
        name = PurePath(file).name or "argdown"
        self.title = title if isinstance(title, str) and title.strip() else name
        own = front.get("argmap")
        self.own: dict[str, Any] = own if isinstance(own, dict) else {}
        note_parts = []
        for key in ("subTitle", "author", "date"):
            value = front.get(key)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = "; ".join(value)
            if isinstance(value, (str, int, float)) and str(value).strip():
                note_parts.append(f"{key}: {_one_line(str(value))}")
        self.b = MapBuilder(
            file,
            title=self.title,
            source_title=self.title,
            source_kind="document",
            source_note="; ".join(note_parts) or None,
            id_label="Argdown title",
        )
        model = front.get("model")
        self.strict = isinstance(model, dict) and model.get("mode") == "strict"
        self.problems: list[Problem] = []
        self.claim_keys: set[str] = set()

    # Problems.

    def problem(self, line: int, column: int, message: str, *, rule: RuleId = SCHEMA, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.append(Problem(self.file, line, column, rule, severity, message))

    def at(self, line: int, column: int) -> Position:
        return Position(self.file, line, column)

    # The map.

    def build(self, raw_problems: Iterable[Problem]) -> LoadResult:
        for p in self.doc.problems:
            self.problem(p.line, p.column, p.message, rule=SYNTAX, warning=p.warning)
        self.problems.extend(raw_problems)
        self.own_sources()
        used = self.used_statements()
        prose = [k for k in self.doc.statements if k not in used]
        for key, members in self.doc.statements.items():
            if key in used:
                self.statement(key, members)
        for title, members in self.doc.arguments.items():
            if title not in self.doc.pcs:
                self.argument_claim(title, members)
        self.steps()
        self.relations()
        self.theses()
        description = self.own.get("description")
        if isinstance(description, str):
            self.b.description = description
        elif prose:
            paragraphs = [self.doc.statements[k][0].text for k in prose if self.doc.statements[k][0].text]
            self.b.description = "\n\n".join(paragraphs) or None
        semantics = self.own.get("semantics")
        if isinstance(semantics, str):
            self.b.semantics = semantics
        self.expectations()
        result = self.b.build()
        problems = [*self.problems, *result.problems]
        if result.map is not None:
            problems.extend(self.unsafe_text(result.map))
        return LoadResult(result.map, tuple(problems))

    def used_statements(self) -> set[str]:
        """The equivalence classes that become claims: titled, related, or in a premise-conclusion
        structure. An untitled statement on its own is prose (the map's description)."""
        used = {k for k, members in self.doc.statements.items() if members[0].title is not None}
        used.update(k for k in self.doc.statements if k not in self.doc.top_level)
        return used

    def own_sources(self) -> None:
        sources = self.own.get("sources")
        if sources is None:
            return
        line = 1
        if not isinstance(sources, dict):
            self.problem(line, 1, "argmap.sources in the frontmatter must be a mapping of source ids to records")
            return
        for source_id, record in sources.items():
            if not isinstance(record, dict):
                self.problem(line, 1, f"argmap source '{visible(source_id)}' must be a mapping")
                continue
            values: dict[str, Any] = {}
            for name in _SOURCE_FIELDS:
                value = record.get(name)
                if value is None:
                    continue
                if not isinstance(value, str):
                    self.problem(line, 1, f"argmap source '{visible(source_id)}': {name} must be a string")
                    continue
                values[name] = value
            self.b.source(
                Source(
                    id=source_id,
                    position=self.at(line, 1),
                    anonymous=record.get("anonymous") is True,
                    **values,
                )
            )
        analyses = self.own.get("analyses")
        if isinstance(analyses, str):
            self.b.analyses = analyses

    # Statements and argument claims.

    def merged_data(self, members: list[Element]) -> tuple[dict[str, Any], Data | None]:
        merged: dict[str, Any] = {}
        first: Data | None = None
        for member in members:
            for data in member.data:
                if data.value is None:
                    continue
                first = first or data
                for key, value in data.value.items():
                    if key != "role":
                        merged.setdefault(key, value)
        return merged, first

    def claim_fields(self, members: list[Element], data: dict[str, Any], where: Data | None) -> dict[str, Any]:
        """The keyword arguments for MapBuilder.statement from argmap's keys in the data blocks."""
        line, column = (where.line, where.column) if where else (members[0].line, members[0].column)
        fields: dict[str, Any] = {}
        for name in ("note", "standard", "answers", "raises"):
            value = data.get(name)
            if value is None:
                continue
            if isinstance(value, str):
                fields[name] = value
            else:
                self.problem(line, column, f"data key '{name}' must be a string; it is left out")
        weight = data.get("weight")
        if weight is not None:
            if isinstance(weight, (int, float)) and not isinstance(weight, bool) and 0 <= weight <= 1:
                fields["weight"] = float(weight)
            else:
                self.problem(line, column, "data key 'weight' must be a number from 0 to 1; it is left out")
        inferred = data.get("inferred")
        if inferred is not None:
            if isinstance(inferred, bool):
                fields["inferred"] = inferred
            else:
                self.problem(line, column, "data key 'inferred' must be true or false; it is left out")
        cite = data.get("cite")
        if cite is not None:
            cites = self.citations(cite, line, column)
            if cites is not None:
                fields["cites"] = cites
        return fields

    def citations(self, value: Any, line: int, column: int) -> tuple[Citation, ...] | None:
        if not isinstance(value, list):
            self.problem(line, column, "data key 'cite' must be a list of source ids or citations; it is left out")
            return None
        at = self.at(line, column)
        cites: list[Citation] = []
        for entry in value:
            if isinstance(entry, str):
                cites.append(Citation(source=entry, position=at))
                continue
            if isinstance(entry, dict) and isinstance(entry.get("source"), str):
                parts = {k: entry.get(k) for k in ("quote", "locator", "note")}
                if all(v is None or isinstance(v, str) for v in parts.values()):
                    cites.append(Citation(source=entry["source"], position=at, **parts))
                    continue
            self.problem(line, column, "a citation must be a source id or a mapping with 'source'; it is left out")
        return tuple(cites)

    def statement(self, key: str, members: list[Element]) -> None:
        chosen = next((m for m in members if m.definition and m.text), members[0])
        title = members[0].title
        text = chosen.text or title or ""
        notes: list[str] = []
        for member in members:
            if member is not chosen and member.definition and member.text and member.text != text:
                notes.append(f"Argdown: also written at {member.line}:{member.column} as: {member.text}")
        if chosen.section:
            notes.insert(0, f"Argdown section: {chosen.section}")
        data, where = self.merged_data(members)
        fields = self.claim_fields(members, data, where)
        own_note = fields.pop("note", None)
        note = "\n".join([*([own_note] if own_note else []), *notes]) or None
        inferred = fields.pop("inferred", key in self.conclusions)
        tags = tuple(dict.fromkeys(t for m in members for t in m.tags))
        position = self.at(chosen.line, chosen.column)
        if title is not None:
            self.b.statement(key, text, position, original_id=title, tags=tags, note=note, inferred=inferred, **fields)
        else:
            wish = make_id(" ".join(text.split()[:5]), fallback="statement")
            self.b.statement(
                key,
                text,
                position,
                original_id=wish,
                keep_original=False,
                tags=tags,
                note=note,
                inferred=inferred,
                **fields,
            )
        self.claim_keys.add(key)

    @property
    def conclusions(self) -> set[str]:
        found = getattr(self, "_conclusions", None)
        if found is None:
            found = {s.conclusion[0] for p in self.doc.pcs.values() for s in p.steps if s.conclusion}
            self._conclusions = found
        return found

    def argument_claim(self, title: str, members: list[Element]) -> None:
        key = f"<{title}>"
        descriptions = [m for m in members if m.definition and m.text]
        chosen = descriptions[0] if descriptions else (members[0] if members else None)
        text = chosen.text if chosen is not None and chosen.text else title
        notes = [f"Argdown argument <{title}>"]
        notes.extend(f"Argdown: also described at {m.line}:{m.column} as: {m.text}" for m in descriptions[1:])
        if chosen is not None and chosen.section:
            notes.insert(0, f"Argdown section: {chosen.section}")
        data, where = self.merged_data(members)
        fields = self.claim_fields(members, data, where) if members else {}
        own_note = fields.pop("note", None)
        note = "\n".join([*([own_note] if own_note else []), *notes])
        position = self.at(chosen.line, chosen.column) if chosen is not None else self.at(1, 1)
        tags = tuple(dict.fromkeys(t for m in members for t in m.tags))
        self.b.statement(key, text, position, original_id=title, keep_original=False, tags=tags, note=note, **fields)
        self.claim_keys.add(key)

    # Premise-conclusion structures: one linked argument per inference.

    def step_key(self, title: str, index: int) -> str:
        steps = self.doc.pcs[title].steps
        return title if index == len(steps) - 1 else f"{title} (step {index + 1})"

    def steps(self) -> None:
        for title, pcs in self.doc.pcs.items():
            members = self.doc.arguments.get(title, [])
            data, _ = self.merged_data(members)
            scheme = data.get("scheme") if isinstance(data.get("scheme"), str) else None
            weight = data.get("weight")
            weight = float(weight) if isinstance(weight, (int, float)) and not isinstance(weight, bool) else None
            descriptions = [m.text for m in members if m.definition and m.text]
            tags = tuple(dict.fromkeys(t for m in members for t in m.tags))
            own_note = data.get("note") if isinstance(data.get("note"), str) else None
            for index, step in enumerate(pcs.steps):
                if step.conclusion is None:
                    continue
                last = index == len(pcs.steps) - 1
                premises: list[str] = []
                assumptions: list[str] = []
                homes: list[str] = []
                for key, element in step.premises:
                    (assumptions if self.role(element) == "assumption" else premises).append(key)
                    if element.definition and element.text:
                        homes.append(key)
                notes = []
                if last and own_note:
                    notes.append(own_note)
                if last:
                    notes.extend(descriptions)
                if step.rules:
                    notes.append(f"inference rule: {step.rules}")
                if not premises:
                    self.problem(
                        step.line, step.column, "an inference needs at least one premise that is not an assumption"
                    )
                    continue
                self.b.support(
                    step.conclusion[0],
                    premises,
                    self.at(step.line, step.column),
                    assumptions=assumptions,
                    key=self.step_key(title, index),
                    scheme=scheme if last else None,
                    weight=weight if last else None,
                    note="\n".join(notes) or None,
                    tags=tags if last else (),
                    linked=True,
                    homes=homes,
                )

    # Relations.

    def key_of(self, end: tuple[Any, ...]) -> str | None:
        """The statement key that stands for a relation end (None for an inference)."""
        if end[0] == "statement":
            return str(end[1])
        if end[0] == "argument":
            pcs = self.doc.pcs.get(end[1])
            if pcs is not None:
                conclusion = pcs.steps[-1].conclusion
                return conclusion[0] if conclusion else None
            return f"<{end[1]}>"
        return None

    def relations(self) -> None:
        done: set[tuple[str, str, str]] = set()
        step_of: dict[int, str] = {}  # relation index -> its support step's key
        steps_from: dict[str, list[str]] = {}  # an unreconstructed argument's key -> its support steps
        undercuts: list[tuple[int, Relation]] = []
        for index, relation in enumerate(self.doc.relations):
            source, target = self.key_of(relation.source), self.key_of(relation.target)
            at = self.at(relation.line, relation.column)
            if relation.type == "undercut":
                undercuts.append((index, relation))
                continue
            if source is None or target is None:
                self.problem(relation.line, relation.column, "only an undercut may point at an inference; left out")
                continue
            if source == target:
                continue  # an argument for its own conclusion: its structure already says so
            both_statements = relation.source[0] == relation.target[0] == "statement"
            home = self.is_home(relation)
            if relation.type == "support":
                role = self.role(relation.site)
                kind = ClaimKind.CORRELATION if role == "correlation" else ClaimKind.PREMISE
                if (source, target, kind.value) in done:
                    continue
                done.add((source, target, kind.value))
                key = f"relation {index}"
                between = self.between(relation.site) if kind is ClaimKind.CORRELATION else ()
                self.b.support(
                    target, [source], at, key=key, kind=kind, between=between, homes=[source] if home else ()
                )
                step_of[index] = key
                steps_from.setdefault(source, []).append(key)
            elif relation.type == "contradictory" or (self.strict and both_statements):
                for a, b in ((source, target), (target, source)):
                    if (a, b, "attack") not in done:
                        done.add((a, b, "attack"))
                        self.b.attack(a, b, at, home=home and a == source)
            else:
                if (source, target, "attack") not in done:
                    done.add((source, target, "attack"))
                    self.b.attack(source, target, at, home=home)
        for _, relation in undercuts:
            self.undercut(relation, step_of, steps_from, done)

    def undercut(
        self,
        relation: Relation,
        step_of: dict[int, str],
        steps_from: dict[str, list[str]],
        done: set[tuple[str, str, str]],
    ) -> None:
        source = self.key_of(relation.source)
        at = self.at(relation.line, relation.column)
        if source is None:
            self.problem(relation.line, relation.column, "an inference cannot undercut; left out")
            return
        target = relation.target
        keys: list[str] = []
        if target[0] == "inference":
            if target[1] in self.doc.pcs and target[2] < len(self.doc.pcs[target[1]].steps):
                keys = [self.step_key(target[1], target[2])]
        elif target[0] == "argument" and target[1] in self.doc.pcs:
            keys = [self.step_key(target[1], len(self.doc.pcs[target[1]].steps) - 1)]
        elif target[0] == "argument":
            keys = steps_from.get(f"<{target[1]}>", [])
        elif relation.via is not None and relation.via in step_of:
            keys = [step_of[relation.via]]
        if not keys:
            target_key = self.key_of(target)
            if target_key is None or target_key == source:
                return
            self.problem(
                relation.line,
                relation.column,
                f"an undercut of {_name(target)}, which supports nothing here (argmap undercuts only a support "
                "step); read as an attack on it",
                warning=True,
            )
            if (source, target_key, "attack") not in done:
                done.add((source, target_key, "attack"))
                self.b.attack(source, target_key, at)
            return
        home = self.is_home(relation)
        for key in keys:
            if (source, key, "undercut") not in done:
                done.add((source, key, "undercut"))
                self.b.undercut(source, key, at, home=home)
                home = False

    def is_home(self, relation: Relation) -> bool:
        """Whether the relation's line defines its source (a text written there): the map then
        writes the claim under this relation."""
        site = relation.site
        if site is None or not site.definition or not site.text or relation.source[0] == "inference":
            return False
        if relation.source[0] == "argument" and relation.source[1] in self.doc.pcs:
            return False
        return site.end == tuple(relation.source)

    @staticmethod
    def role(site: Element | None) -> str | None:
        if site is None:
            return None
        for data in site.data:
            if data.value and isinstance(data.value.get("role"), str):
                return str(data.value["role"])
        return None

    def between(self, site: Element | None) -> tuple[str, ...]:
        if site is None:
            return ()
        key = f"[{site.title}]" if site.title is not None else None
        members = self.doc.statements.get(key, [site]) if key else [site]
        data, _ = self.merged_data(members)
        value = data.get("between")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        return ()

    # Theses and expectations from argmap's own frontmatter block.

    def theses(self) -> None:
        theses = self.own.get("theses")
        if isinstance(theses, list):
            for title in theses:
                key = f"[{title}]" if isinstance(title, str) else None
                if key is not None and self.b.has(key):
                    self.b.thesis(key)

    def expectations(self) -> None:
        expect = self.own.get("expect")
        if not isinstance(expect, dict):
            return
        for label in ("stands", "falls", "undecided"):
            for title in expect.get(label) or ():
                if isinstance(title, str):
                    self.b.expect(f"[{title}]", label, self.at(1, 1))

    def unsafe_text(self, argmap: ArgMap) -> list[Problem]:
        """Characters no map text may hold (they came in through data or the frontmatter escapes)."""
        found: list[Problem] = []
        for claim in argmap.claims:
            for value in (claim.text, claim.note or "", *claim.tags, *(c.quote or "" for c in claim.cites)):
                unsafe = first_unsafe(value)
                if unsafe is not None:
                    position = claim.position
                    found.append(
                        Problem(
                            self.file,
                            position.line,
                            position.column,
                            BAD_TEXT,
                            Severity.ERROR,
                            f"control or formatting character {visible(unsafe[1])} in the text of '{claim.id}'",
                        )
                    )
                    break
        return found


def _name(end: tuple[Any, ...]) -> str:
    if end[0] == "argument":
        return f"<{visible(str(end[1]))}>"
    if end[0] == "statement" and str(end[1]).startswith("["):
        return visible(str(end[1]))
    return "an untitled statement"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    from argmap.formats.argdown_write import write

    return write(argmap)
