"""argmap's own JSON: the model as data, for programs (docs/convert.md; schemas/argmap-json.schema.json).

    {"argmap-json": 1, "format": 2, "title": ..., "sources": [...], "theses": [...],
     "claims": [...], "arguments": [...], "relations": [...], "expect": {...}}

Flat lists, in the model's order: `claims` each with the place it is written (`kind`, `parent`,
`argument`), `relations` every support and attack edge (those of refs marked `"ref": true`), and
`arguments` the linked arguments. A map read back is the same model (claims, relations, arguments,
citations, sources, expectations), so argmap -> json -> argmap is exact. The reader never raises for
bad input: syntax, types, unknown keys, repeated keys and relations that contradict the claims are
problems with the line and column of the value at fault.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.checks.ids import BAD_TEXT, DUPLICATE_ID, SCHEMA, SYNTAX, RuleId
from argmap.findings import Problem, Severity
from argmap.formats.argmap_spec import ID_PATTERN, SEMANTICS, SOURCE_KINDS, STANDARDS
from argmap.formats.argmap_write import format_version
from argmap.formats.base import LoadResult
from argmap.formats.json_positions import JsonPositions, Path
from argmap.model import ArgMap, Argument, Citation, Claim, ClaimKind, Edge, Expectation, Position, Source
from argmap.text.safe import first_unsafe, visible

__all__ = ["JSON_SCHEMA_ID", "VERSION", "read", "to_data", "write"]

VERSION = 1
JSON_SCHEMA_ID = "https://argmap.dev/schemas/argmap-json.schema.json"
MAX_DEPTH = 200
_SOURCE_TEXT = ("title", "kind", "author", "publisher", "date", "url", "accessed", "note", "via", "snapshot")
_CLAIM_TEXT = ("note", "standard", "answers", "raises")
_KINDS = {kind.value: kind for kind in ClaimKind}
_LABELS = ("stands", "falls", "undecided")


def _some(data: dict[str, Any], **values: Any) -> dict[str, Any]:
    """`data` with the values that say something (not None, not empty, not False) added."""
    data.update((k, v) for k, v in values.items() if v is not None and v != () and v is not False)
    return data


def to_data(argmap: ArgMap) -> dict[str, Any]:
    """The model as JSON-ready data."""
    data: dict[str, Any] = {"$schema": JSON_SCHEMA_ID, "argmap-json": VERSION, "format": format_version(argmap)}
    _some(data, title=argmap.title, description=argmap.description, analyses=argmap.analyses)
    _some(data, semantics=argmap.semantics)
    data["sources"] = [
        _some({"id": s.id}, **{k: getattr(s, k) for k in _SOURCE_TEXT}, anonymous=s.anonymous) for s in argmap.sources
    ]
    data["theses"] = list(argmap.thesis_ids)
    data["claims"] = [
        _some(
            {"id": c.id, "text": c.text, "kind": c.kind.value},
            parent=c.parent,
            argument=c.argument,
            cite=[_some({"source": x.source}, quote=x.quote, locator=x.locator, note=x.note) for x in c.cites],
            tags=list(c.tags) or None,
            note=c.note,
            between=list(c.between) or None,
            inferred=c.inferred,
            weight=c.weight,
            standard=c.standard,
            answers=c.answers,
            raises=c.raises,
        )
        for c in argmap.claims
    ]
    data["arguments"] = [
        _some(
            {"id": a.id, "conclusion": a.conclusion, "premises": list(a.premises)},
            assumptions=list(a.assumptions) or None,
            scheme=a.scheme,
            weight=a.weight,
            note=a.note,
            tags=list(a.tags) or None,
        )
        for a in argmap.arguments
    ]
    data["relations"] = [
        _some({"child": e.child, "parent": e.parent, "kind": e.kind.value}, argument=e.argument, ref=e.ref, note=e.note)
        for e in argmap.edges
    ]
    if argmap.expect:
        data["expect"] = {
            label: [e.claim for e in argmap.expect if e.label == label]
            for label in _LABELS
            if any(e.label == label for e in argmap.expect)
        }
    return data


def write(argmap: ArgMap) -> tuple[str, tuple[Problem, ...]]:
    """The model as argmap JSON, one top-level key and one record of each list per line (readable,
    diffable, and written by json's C encoder); it holds everything the model holds: no loss."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out = []
    for key, value in to_data(argmap).items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(map(encode, value))
            out.append(f"  {encode(key)}: [\n    {items}\n  ]")
        else:
            out.append(f"  {encode(key)}: {encode(value)}")
    return "{\n" + ",\n".join(out) + "\n}\n", ()


class _Reader:
    """Typed access to the parsed document, every mistake a problem at its value's position."""

    def __init__(self, file: str, positions: JsonPositions) -> None:
        self.file = file
        self.positions = positions
        self.problems: list[Problem] = []

    def pos(self, path: Path) -> Position:
        line, column = self.positions.at(path)
        return Position(self.file, line, column)

    def report(self, path: Path, message: str, rule: RuleId = SCHEMA) -> None:
        where = self.pos(path)
        self.problems.append(Problem(self.file, where.line, where.column, rule, Severity.ERROR, message))

    def record(self, value: object, path: Path, allowed: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.report(path, f"{_where(path)} must be an object, not {_type(value)}")
            return {}
        for key in value:
            if key not in allowed:
                self.report(
                    (*path, key),
                    f"unknown key '{visible(key)}' in {_where(path)}; expected one of: {', '.join(allowed)}",
                )
        for key in required:
            if key not in value:
                self.report(path, f"{_where(path)} is missing the required key '{key}'")
        return {k: v for k, v in value.items() if k in allowed}

    def items(self, value: object, path: Path) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(path, f"{_where(path)} must be a list, not {_type(value)}")
            return []
        return value

    def text(self, value: object, path: Path) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.report(path, f"{_where(path)} must be text, not {_type(value)}")
            return None
        unsafe = first_unsafe(value)
        if unsafe is not None:
            self.report(
                path,
                f"{_where(path)} contains the control or formatting character {visible(unsafe[1])} "
                f"(at character {unsafe[0] + 1}); remove it",
                BAD_TEXT,
            )
        return value

    def ident(self, value: object, path: Path) -> str | None:
        text = self.text(value, path)
        if text is not None and not ID_PATTERN.fullmatch(text):
            self.report(
                path,
                f"{_where(path)} '{visible(text)}' is not a valid id: use lowercase letters, digits, "
                "'-' and '_', starting with a letter or digit (at most 80)",
            )
            return None
        return text

    def choice(self, value: object, path: Path, options: tuple[str, ...]) -> str | None:
        text = self.text(value, path)
        if text is not None and text not in options:
            self.report(path, f"{_where(path)} '{visible(text)}' is not one of: {', '.join(options)}")
        return text

    def words(self, value: object, path: Path, *, ids: bool = False) -> tuple[str, ...]:
        read = self.ident if ids else self.text
        return tuple(w for i, v in enumerate(self.items(value, path)) if (w := read(v, (*path, i))) is not None)

    def flag(self, value: object, path: Path) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.report(path, f"{_where(path)} must be true or false, not {_type(value)}")
            return False
        return value

    def weight(self, value: object, path: Path) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            self.report(path, f"{_where(path)} must be a number from 0 to 1, not {visible(json.dumps(value))[:40]}")
            return None
        return float(value)


def _where(path: Path) -> str:
    """How a message names the value at `path`: `claims[3].text`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return f"'{visible(out)}'" if out else "the document"


def _type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), "a value"
    )


TOP_KEYS = (
    "$schema", "argmap-json", "format", "title", "description", "analyses", "semantics", "sources", "theses",
    "claims", "arguments", "relations", "expect",
)  # fmt: skip
SOURCE_KEYS = ("id", *_SOURCE_TEXT, "anonymous")
CLAIM_KEYS = (
    "id", "text", "kind", "parent", "argument", "cite", "tags", "note", "between", "inferred", "weight",
    "standard", "answers", "raises",
)  # fmt: skip
ARGUMENT_KEYS = ("id", "conclusion", "premises", "assumptions", "scheme", "weight", "note", "tags")
RELATION_KEYS = ("child", "parent", "kind", "argument", "ref", "note")


def _sources(r: _Reader, value: object) -> tuple[Source, ...]:
    result = []
    for i, item in enumerate(r.items(value, ("sources",))):
        path: Path = ("sources", i)
        fields = r.record(item, path, SOURCE_KEYS, ("id", "title", "kind"))
        source_id = r.ident(fields.get("id"), (*path, "id"))
        if source_id is None:
            continue
        texts: dict[str, Any] = {}
        for key in _SOURCE_TEXT:
            raw = fields.get(key)
            if key in ("date", "accessed") and isinstance(raw, int) and not isinstance(raw, bool):
                raw = str(raw)
            texts[key] = r.text(raw, (*path, key))
        if texts["kind"] is not None:
            r.choice(texts["kind"], (*path, "kind"), SOURCE_KINDS)
        result.append(
            Source(
                id=source_id,
                position=r.pos(path),
                anonymous=r.flag(fields.get("anonymous"), (*path, "anonymous")),
                positions={k: r.pos((*path, k)) for k in fields},
                **{k: v for k, v in texts.items() if v is not None and k not in ("title", "kind")},
                title=texts["title"] or "",
                kind=texts["kind"] or "",
            )
        )
    return tuple(result)


def _citations(r: _Reader, value: object, path: Path) -> tuple[Citation, ...]:
    result = []
    for j, item in enumerate(r.items(value, path)):
        where: Path = (*path, j)
        fields = r.record(item, where, ("source", "quote", "locator", "note"), ("source",))
        source = r.ident(fields.get("source"), (*where, "source"))
        if source is None:
            continue
        result.append(
            Citation(
                source=source,
                position=r.pos(where),
                quote=r.text(fields.get("quote"), (*where, "quote")),
                locator=r.text(fields.get("locator"), (*where, "locator")),
                note=r.text(fields.get("note"), (*where, "note")),
                quote_position=r.pos((*where, "quote")) if "quote" in fields else None,
            )
        )
    return tuple(result)


def _claims(r: _Reader, value: object) -> list[Claim]:
    result: list[Claim] = []
    depths: dict[str, int] = {}
    for i, item in enumerate(r.items(value, ("claims",))):
        path: Path = ("claims", i)
        fields = r.record(item, path, CLAIM_KEYS, ("id", "text", "kind"))
        claim_id = r.ident(fields.get("id"), (*path, "id"))
        text = r.text(fields.get("text"), (*path, "text"))
        kind_name = r.choice(fields.get("kind"), (*path, "kind"), tuple(_KINDS))
        parent = r.ident(fields.get("parent"), (*path, "parent"))
        if claim_id is None or text is None or kind_name not in _KINDS:
            continue
        kind = _KINDS[kind_name]
        if (kind is ClaimKind.THESIS) != (parent is None):
            r.report(path, f"claim '{claim_id}': a thesis has no 'parent', and every other claim has one")
            continue
        depth = 0
        if parent is not None:
            if parent not in depths:
                r.report(
                    (*path, "parent"), f"claim '{claim_id}': its parent '{parent}' is not a claim listed before it"
                )
                continue
            depth = depths[parent] + 1
            if depth > MAX_DEPTH:
                r.report(path, f"claims are nested more than {MAX_DEPTH} levels deep")
                continue
        depths.setdefault(claim_id, depth)
        positions: dict[str, Position] = {
            k: r.pos((*path, k)) for k in ("inferred", "weight", "standard", "answers", "raises") if k in fields
        }
        result.append(
            Claim(
                id=claim_id,
                text=text if text.strip() else "",
                kind=kind,
                position=r.pos(path),
                parent=parent,
                depth=depth,
                cites=_citations(r, fields.get("cite"), (*path, "cite")),
                tags=r.words(fields.get("tags"), (*path, "tags")),
                note=r.text(fields.get("note"), (*path, "note")),
                between=r.words(fields.get("between"), (*path, "between")),
                between_position=r.pos((*path, "between")) if "between" in fields else None,
                text_position=r.pos((*path, "text")),
                argument=r.ident(fields.get("argument"), (*path, "argument")),
                inferred=r.flag(fields.get("inferred"), (*path, "inferred")),
                weight=r.weight(fields.get("weight"), (*path, "weight")),
                standard=r.choice(fields.get("standard"), (*path, "standard"), STANDARDS),
                answers=r.ident(fields.get("answers"), (*path, "answers")),
                raises=r.ident(fields.get("raises"), (*path, "raises")),
                positions=positions,
            )
        )
    return result


def _arguments(r: _Reader, value: object) -> list[Argument]:
    result = []
    for i, item in enumerate(r.items(value, ("arguments",))):
        path: Path = ("arguments", i)
        fields = r.record(item, path, ARGUMENT_KEYS, ("id", "conclusion", "premises"))
        argument_id = r.ident(fields.get("id"), (*path, "id"))
        conclusion = r.ident(fields.get("conclusion"), (*path, "conclusion"))
        if argument_id is None or conclusion is None:
            continue
        premises = r.words(fields.get("premises"), (*path, "premises"), ids=True)
        if not premises and "premises" in fields:
            r.report((*path, "premises"), f"argument '{argument_id}' has no premise: an argument has at least one")
        result.append(
            Argument(
                id=argument_id,
                conclusion=conclusion,
                position=r.pos(path),
                premises=premises,
                assumptions=r.words(fields.get("assumptions"), (*path, "assumptions"), ids=True),
                scheme=r.ident(fields.get("scheme"), (*path, "scheme")),
                weight=r.weight(fields.get("weight"), (*path, "weight")),
                note=r.text(fields.get("note"), (*path, "note")),
                tags=r.words(fields.get("tags"), (*path, "tags")),
                positions={k: r.pos((*path, k)) for k in fields},
            )
        )
    return result


def _relations(r: _Reader, value: object, claims: list[Claim]) -> list[Edge]:
    """The edges, each written claim's own relation checked against the claim's `parent`."""
    result = []
    written = {c.id: c for c in claims if c.parent is not None}
    placed: set[str] = set()
    for i, item in enumerate(r.items(value, ("relations",))):
        path: Path = ("relations", i)
        fields = r.record(item, path, RELATION_KEYS, ("child", "parent", "kind"))
        child = r.ident(fields.get("child"), (*path, "child"))
        parent = r.ident(fields.get("parent"), (*path, "parent"))
        kind_name = r.choice(fields.get("kind"), (*path, "kind"), tuple(k for k in _KINDS if k != "thesis"))
        argument = r.ident(fields.get("argument"), (*path, "argument"))
        ref = r.flag(fields.get("ref"), (*path, "ref"))
        if child is None or parent is None or kind_name not in _KINDS or kind_name == "thesis":
            continue
        kind = _KINDS[kind_name]
        if not ref:
            claim = written.get(child)
            if claim is None or (claim.parent, claim.kind, claim.argument) != (parent, kind, argument):
                r.report(
                    path,
                    f"relation from '{child}' to '{parent}' is not a ref, so it must be where claim "
                    f"'{child}' is written (its kind, parent and argument); mark it \"ref\": true",
                )
                continue
            if child in placed:
                r.report(path, f"claim '{child}' has a second relation that is not a ref; mark it \"ref\": true")
                continue
            placed.add(child)
        result.append(
            Edge(
                child,
                parent,
                kind,
                r.pos(path),
                ref=ref,
                note=r.text(fields.get("note"), (*path, "note")),
                argument=argument,
            )
        )
    for claim in written.values():
        if claim.id not in placed:
            r.report(("claims",), f"claim '{claim.id}' has no relation to its parent '{claim.parent}' in 'relations'")
    return result


def _expect(r: _Reader, value: object) -> tuple[Expectation, ...]:
    if value is None:
        return ()
    fields = r.record(value, ("expect",), _LABELS, ())
    return tuple(
        Expectation(claim, label, r.pos(("expect", label, j)))
        for label in _LABELS
        for j, claim in enumerate(r.words(fields.get(label), ("expect", label)))
    )


def read(data: bytes, *, file: str, base_dir: str | None = None) -> LoadResult:
    """Read argmap JSON; never raises for bad input."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return LoadResult(None, (Problem(file, line, 1, SYNTAX, Severity.ERROR, "the file is not UTF-8 text"),))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return LoadResult(
            None, (Problem(file, exc.lineno, exc.colno, SYNTAX, Severity.ERROR, f"not valid JSON: {exc.msg}"),)
        )
    except RecursionError:
        return LoadResult(None, (Problem(file, 1, 1, SYNTAX, Severity.ERROR, "JSON nested too deeply"),))
    r = _Reader(file, JsonPositions(text))
    for path, key, (line, column) in r.positions.duplicates:
        r.problems.append(
            Problem(file, line, column, SYNTAX, Severity.ERROR, f"duplicate key '{visible(key)}' in {_where(path)}")
        )
    fields = r.record(document, (), TOP_KEYS, ("argmap-json", "title", "sources", "claims"))
    if not fields:
        return LoadResult(None, tuple(r.problems))
    if fields.get("argmap-json") != VERSION:
        r.report(
            ("argmap-json",),
            f"unsupported argmap JSON version {visible(json.dumps(fields.get('argmap-json')))}; "
            f"this argmap reads version {VERSION}",
        )
        return LoadResult(None, tuple(r.problems))
    claims = _claims(r, fields.get("claims"))
    edges = _relations(r, fields.get("relations"), claims)
    theses = tuple(c.id for c in claims if c.kind is ClaimKind.THESIS)
    listed = r.words(fields.get("theses"), ("theses",), ids=True)
    if "theses" in fields and sorted(listed) != sorted(theses):
        r.report(("theses",), "'theses' must list exactly the claims of kind thesis")
    elif listed:
        theses = listed
    ids: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in ids:
            first = ids[claim.id].position.short()
            r.problems.append(
                Problem(
                    file,
                    claim.position.line,
                    claim.position.column,
                    DUPLICATE_ID,
                    Severity.ERROR,
                    f"duplicate claim id '{claim.id}' (first defined at {first})",
                )
            )
        ids.setdefault(claim.id, claim)
    argmap = ArgMap(
        file=file,
        title=r.text(fields.get("title"), ("title",)) or "",
        version=2 if fields.get("format") == 2 else 1,
        description=r.text(fields.get("description"), ("description",)),
        analyses=r.ident(fields.get("analyses"), ("analyses",)),
        analyses_position=r.pos(("analyses",)) if "analyses" in fields else None,
        sources=_sources(r, fields.get("sources")),
        thesis=theses[0] if theses else None,
        claims=tuple(claims),
        edges=tuple(edges),
        expect=_expect(r, fields.get("expect")),
        theses=theses,
        arguments=tuple(_arguments(r, fields.get("arguments"))),
        semantics=r.choice(fields.get("semantics"), ("semantics",), SEMANTICS),
        base_dir=base_dir,
    )
    return LoadResult(argmap, tuple(r.problems))
