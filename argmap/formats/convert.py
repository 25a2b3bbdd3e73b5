"""`argmap convert`'s core: any registered reader to any registered writer, one file or a folder.

    input --read (format from --from, the extension, or the content)--> (ArgMap, problems)
          --checks--> problems --focus/depth extract--> ArgMap --write--> (text, losses) --> output

Nothing here lists formats: the choices are the registry's (argmap.formats.REGISTRY), and a
format is inferred from the file's extension, or, when the extension names no readable format or
several, from the content (argmap.formats.sniff).

A file is written only when it converts cleanly: its map was read, it has no error (its reader's
problems and validate's checks), its writer could write it, and, with `strict`, nothing was lost.
The output is written atomically (argmap.output) and never over an input. A usage or I/O error of
the whole run raises ConvertError (exit 2); a file that fails in a folder is reported and the rest go on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from argmap.findings import Problem, Severity
from argmap.formats import REGISTRY, MapFormat, sniff
from argmap.formats.sniff import SNIFFERS, STDIO
from argmap.model import ArgMap, ClaimKind, Edge

__all__ = [
    "SNIFFERS",
    "STDIO",
    "ConvertError",
    "ConvertOptions",
    "ConvertResult",
    "FileResult",
    "convert",
    "extract",
    "readable",
    "writable",
]

WRITTEN, FAILED, SKIPPED = "written", "failed", "skipped"


class ConvertError(Exception):
    """A usage or I/O error of the whole run: an unknown or uninferable format, an unreadable input,
    an output that cannot be written (exit 2)."""


def readable() -> list[str]:
    return [name for name, fmt in REGISTRY.items() if fmt.reader is not None]


def writable() -> list[str]:
    return [name for name, fmt in REGISTRY.items() if fmt.writer is not None]


def reader_format(path: str, data: bytes, name: str | None) -> MapFormat | None:
    """argmap.formats.sniff.reader_format, with a content several formats could be a ConvertError."""
    try:
        return sniff.reader_format(path, data, name)
    except sniff.AmbiguousContent as exc:
        raise ConvertError(str(exc)) from None


def writer_format(path: str, name: str | None) -> MapFormat:
    """The format to write `path` in: `name`'s, else the one its extension names. Raises ConvertError."""
    if name is not None:
        return REGISTRY[name]
    if path == STDIO:
        raise ConvertError(f"-o -: say which format to write with --to ({', '.join(writable())})")
    found = sniff.matching(path, [f for f in REGISTRY.values() if f.writer is not None])
    if len(found) == 1:
        return found[0]
    if found:
        names = " and ".join(f.name for f in found)
        raise ConvertError(f"{path}: its extension is used by {names}: say which with --to")
    raise ConvertError(f"{path}: cannot tell the output format from the extension; say --to ({', '.join(writable())})")


# -- a part of the map --------------------------------------------------------------------------


def extract(argmap: ArgMap, *, focus: str | None = None, depth: int | None = None) -> ArgMap:
    """The part of the map written below `focus` (or below every thesis), at most `depth` levels deep.

    The part follows where claims are written, not refs, so every claim keeps its kind and place;
    the focused claim becomes the thesis (what only a non-thesis can have is dropped from it: its
    weight, questions, variables and the undercuts of its own step). Refs between kept claims are
    kept, refs out of the part dropped, and a linked argument left without a premise is dropped
    with what is written under it. An inferred claim whose supports are cut off loses `inferred`,
    and the map's `expect:` is left out (a part's labels need not be the whole map's). The sources
    kept are those the part cites (with those they are known through). Raises ValueError for an
    unknown focus.
    """
    if focus is None and depth is None:
        return argmap
    if focus is not None and argmap.claim(focus) is None:
        from argmap.text.safe import visible
        from argmap.text.suggest import did_you_mean

        raise ValueError(f"--focus: no claim with id '{visible(focus)}'{did_you_mean(focus, argmap.claim_index)}")
    roots = (focus,) if focus is not None else argmap.thesis_ids
    written: dict[str, list[Edge]] = {}
    for edge in argmap.edges_resolved:
        if not edge.ref:
            written.setdefault(edge.parent, []).append(edge)
    dropped_arguments: set[str] = set()
    while True:
        level = _written_below(roots, written, depth, dropped_arguments, focus)
        empty = {
            a.id
            for a in argmap.arguments
            if a.conclusion in level and a.id not in dropped_arguments and not any(p in level for p in a.premises)
        }
        if not empty:
            break
        dropped_arguments |= empty
    claims = []
    for claim in argmap.claims:
        if claim.id not in level or argmap.claim_index[claim.id] is not claim:
            continue
        if claim.id in roots and claim.kind is not ClaimKind.THESIS:
            claim = replace(
                claim, kind=ClaimKind.THESIS, parent=None, argument=None, weight=None, answers=None, raises=None,
                between=(), between_position=None,
            )  # fmt: skip
        claims.append(replace(claim, depth=level[claim.id]))
    # A counterpoint made the thesis has counterpoints, not rebuttals, and so on down each chain of
    # attacks: the kind of an attack follows the new kind of what it attacks (parents come first).
    kinds: dict[str, ClaimKind] = {}
    for i, claim in enumerate(claims):
        if claim.parent is not None and claim.kind in _DENIALS:
            kind = _denial_of(kinds.get(claim.parent, ClaimKind.THESIS))
            if kind is not claim.kind:
                claims[i] = replace(claim, kind=kind, raises=claim.raises if kind is ClaimKind.COUNTERPOINT else None)
        kinds[claim.id] = claims[i].kind
    kept = {c.id: c for c in claims}
    edges = tuple(
        replace(e, kind=_denial_of(kinds[e.parent])) if e.kind in _DENIALS else e
        for e in argmap.edges
        if e.child in kept
        and e.parent in kept
        and e.argument not in dropped_arguments
        and (e.ref or kept[e.child].parent == e.parent)
    )
    arguments = tuple(
        replace(
            a,
            premises=tuple(p for p in a.premises if p in kept),
            assumptions=tuple(p for p in a.assumptions if p in kept),
        )
        for a in argmap.arguments
        if a.conclusion in kept and a.id not in dropped_arguments
    )
    # An inferred claim whose supports were cut off is no longer drawn from anything in the part.
    supported = {e.parent for e in edges if not e.attacks}
    claims = [replace(c, inferred=False) if c.inferred and c.id not in supported else c for c in claims]
    # The sources the part cites, what they are known through, and the analysed text.
    cited = {c.source for claim in claims for c in claim.cites} | ({argmap.analyses} if argmap.analyses else set())
    todo = list(cited)
    while todo:
        source = argmap.source(todo.pop())
        if source is not None and source.via and source.via not in cited:
            cited.add(source.via)
            todo.append(source.via)
    return replace(
        argmap,
        sources=tuple(s for s in argmap.sources if s.id in cited),
        thesis=roots[0] if roots else None,
        theses=tuple(roots),
        claims=tuple(claims),
        edges=edges,
        arguments=arguments,
        # the whole map's expected labels need not hold for a part of it (attacks from elsewhere are
        # gone, supports below the cut too): a part carries none
        expect=(),
    )


_DENIALS = frozenset({ClaimKind.COUNTERPOINT, ClaimKind.REBUTTAL})


def _denial_of(target: ClaimKind) -> ClaimKind:
    """What an attack on a claim of kind `target` is: a rebuttal of an attack, else a counterpoint."""
    return ClaimKind.REBUTTAL if target in (ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT) else ClaimKind.COUNTERPOINT


def _written_below(
    roots: tuple[str, ...], written: dict[str, list[Edge]], depth: int | None, dropped: set[str], focus: str | None
) -> dict[str, int]:
    """Claim id -> its level below the roots, following the edges where claims are written."""
    level = {root: 0 for root in roots}
    frontier = list(roots)
    while frontier:
        following = []
        for parent in frontier:
            if depth is not None and level[parent] >= depth:
                continue
            for edge in written.get(parent, ()):
                if edge.argument in dropped or (parent == focus and edge.undercuts and edge.argument is None):
                    continue  # an argument left without premises; the undercut of a step the part does not hold
                if edge.child not in level:
                    level[edge.child] = level[parent] + 1
                    following.append(edge.child)
        frontier = following
    return level


# -- one file and a run -------------------------------------------------------------------------


@dataclass(frozen=True)
class ConvertOptions:
    source: str | None = None  # --from
    target: str | None = None  # --to
    strict: bool = False
    focus: str | None = None
    depth: int | None = None


@dataclass(frozen=True)
class FileResult:
    """What became of one input: written, failed (why, in `error` and `problems`), or skipped."""

    input: str
    output: str | None
    source: str | None
    target: str | None
    status: str
    problems: tuple[Problem, ...] = ()  # the reader's and validate's
    losses: tuple[Problem, ...] = ()  # the writer's: what the target cannot hold
    error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "input": self.input,
            "output": self.output,
            "from": self.source,
            "to": self.target,
            "status": self.status,
            "error": self.error,
            "problems": [p.to_dict() for p in self.problems],
            "losses": [p.to_dict() for p in self.losses],
        }


@dataclass(frozen=True)
class ConvertResult:
    files: tuple[FileResult, ...]
    directory: bool = False
    output: str = ""

    @property
    def failed(self) -> bool:
        return any(f.status == FAILED for f in self.files)


def _read(path: str, *, stdin: bytes | None) -> tuple[bytes, str, str | None]:
    from argmap.errors import InputError
    from argmap.pipeline import read_input

    try:
        source = read_input(path, stdin=stdin)
    except InputError as exc:
        raise ConvertError(str(exc)) from None
    return source.data, source.display, source.base_dir


def _convert(
    path: str, data: bytes, display: str, base_dir: str | None, output: str, options: ConvertOptions
) -> tuple[FileResult, bytes | None]:
    """Read, check, extract and write one input in memory: its result and the bytes to write."""
    from argmap.checks.runner import check_map, filter_problems

    reader = reader_format(path, data, options.source)
    if reader is None or reader.read is None:
        error = f"cannot tell the format of {display}; say --from ({', '.join(readable())})"
        return FileResult(display, None, None, options.target, SKIPPED, error=error), None
    target = writer_format(output, options.target)
    assert target.write is not None
    result = FileResult(display, None, reader.name, target.name, FAILED)
    loaded = reader.read(data, file=display, base_dir=base_dir)
    problems = list(loaded.problems)
    if loaded.map is not None:
        problems.extend(check_map(loaded.map))
    problems = filter_problems(problems, disabled=())
    result = replace(result, problems=tuple(problems))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    if loaded.map is None or errors:
        return replace(result, error=f"not converted: {errors} error(s) in the map"), None
    try:
        argmap = extract(loaded.map, focus=options.focus, depth=options.depth)
    except ValueError as exc:  # an unknown --focus: a usage error
        raise ConvertError(f"{display}: {exc}") from None
    text, losses = target.write(argmap)
    losses = tuple(sorted(losses))
    result = replace(result, losses=losses)
    refused = [p for p in losses if p.severity is Severity.ERROR]
    if refused:
        return replace(result, error=f"cannot write {target.name}: {refused[0].message}"), None
    if options.strict and losses:
        return replace(result, error=f"not written: {len(losses)} loss(es) and --strict"), None
    return replace(result, status=WRITTEN, output=output), text.encode("utf-8")


def _write(output: str, data: bytes, inputs: list[str]) -> None:
    from argmap.output import OutputError, write_output

    try:
        write_output(output, data, inputs=inputs)
    except OutputError as exc:
        raise ConvertError(str(exc)) from None


def convert(source: str, output: str, options: ConvertOptions, *, stdin: bytes | None = None) -> ConvertResult:
    """Convert `source` (a file, '-' or a folder) to `output` (a file, '-' or, for a folder, a folder)."""
    for name, allowed in ((options.source, readable()), (options.target, writable())):
        if name is not None and name not in allowed:
            raise ConvertError(f"unknown format '{name}'; choose one of: {', '.join(allowed)}")
    if source != STDIO and os.path.isdir(source):
        return _convert_folder(source, output, options)
    if output != STDIO and os.path.isdir(output):
        if options.target is None:
            raise ConvertError(f"{output} is a folder: say the format to write with --to")
        output = os.path.join(output, _output_name(os.path.basename(source) or "stdin", options.target))
    data, display, base_dir = _read(source, stdin=stdin)
    if options.target is None:
        writer_format(output, None)  # an output format that cannot be told is a usage error, before reading
    try:
        result, text = _convert(source, data, display, base_dir, output, options)
    except ConvertError:
        raise
    except Exception as exc:  # a bug in a reader or writer, not bad input: name the file
        from argmap.errors import InternalError

        raise InternalError(f"{display}: internal error: {type(exc).__name__}: {exc}") from exc
    if result.status == SKIPPED:
        raise ConvertError(result.error or "cannot tell the input format")
    if text is not None:
        _write(output, text, [source])
    return ConvertResult((result,), output=output)


def _output_name(name: str, target: str, reader: MapFormat | None = None) -> str:
    lower = name.lower()
    stem = name
    matched = [e for e in (reader.extensions if reader else ()) if lower.endswith(e)]
    if matched:
        stem = name[: -max(len(e) for e in matched)]
    elif "." in name.lstrip("."):
        stem = name[: name.rindex(".")]
    return stem + REGISTRY[target].extensions[0]


def _files_in(folder: str) -> list[str]:
    """Every file in `folder` and its subfolders, hidden ones left out, in sorted order."""
    found: list[str] = []
    for here, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found.extend(os.path.join(here, n) for n in sorted(names) if not n.startswith("."))
    return found


def _convert_folder(source: str, output: str, options: ConvertOptions) -> ConvertResult:
    if options.target is None:
        raise ConvertError(f"{source} is a folder: say the format to write with --to ({', '.join(writable())})")
    if output == STDIO:
        raise ConvertError(f"{source} is a folder: -o must name a folder, not -")
    if os.path.exists(output) and not os.path.isdir(output):
        raise ConvertError(f"{output}: not a folder (a folder converts into a folder)")
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        raise ConvertError(f"{output}: cannot make the folder: {exc.strerror or exc}") from None
    # An output folder inside the input folder is not read: its files are this run's outputs.
    out_real = os.path.realpath(output)
    results: list[FileResult] = []
    taken: dict[str, str] = {}
    for path in _files_in(source):
        if os.path.realpath(path).startswith(out_real + os.sep):
            continue
        results.append(_one_in_folder(path, source, output, options, taken))
    return ConvertResult(tuple(results), directory=True, output=output)


def _one_in_folder(path: str, source: str, output: str, options: ConvertOptions, taken: dict[str, str]) -> FileResult:
    try:
        data, display, base_dir = _read(path, stdin=None)
        reader = reader_format(path, data, options.source)
        relative = os.path.relpath(path, source)
        assert options.target is not None
        name = _output_name(os.path.basename(relative), options.target, reader)
        target = os.path.join(output, os.path.dirname(relative), name)
        if target in taken:
            error = f"its output {target} is also the output of {taken[target]}; convert one of them alone"
            return FileResult(display, None, reader.name if reader else None, options.target, FAILED, error=error)
        taken[target] = display
        result, text = _convert(path, data, display, base_dir, target, options)
        if text is not None:
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            _write(target, text, [path])
        return result
    except ConvertError as exc:
        return FileResult(path, None, options.source, options.target, FAILED, error=str(exc))
    except OSError as exc:
        return FileResult(path, None, options.source, options.target, FAILED, error=f"{path}: {exc.strerror or exc}")
    except Exception as exc:  # a bug in one reader or writer: report the file, go on with the rest
        error = f"internal error: {type(exc).__name__}: {exc}"
        return FileResult(path, None, options.source, options.target, FAILED, error=error)
