"""Rules about sources and citations: dangling and unused sources, URLs, dates, quotes."""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
from collections.abc import Iterator

from argmap.checks import CheckContext, Violation, ids, rule
from argmap.findings import Severity
from argmap.graph import find_cycles
from argmap.model import ArgMap, Position, Source
from argmap.text.quotes import normalise, quote_occurs
from argmap.text.safe import first_unsafe, shorten, visible
from argmap.text.short import chain_form, short_form
from argmap.text.suggest import did_you_mean as suggest
from argmap.text.urls import url_problem

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@rule(ids.UNKNOWN_SOURCE, Severity.ERROR)
def unknown_sources(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every cited source, `via` and `analyses` names a source defined under `sources`.

    Fails:
    ```yaml
    sources:
      survey: {title: National school survey, kind: dataset}
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [surveys]
    ```

    Passes:
    ```yaml
    sources:
      survey: {title: National school survey, kind: dataset}
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [survey]
    ```
    """
    known = argmap.source_index
    if argmap.analyses and argmap.analyses not in known and argmap.analyses_position:
        yield Violation(
            argmap.analyses_position,
            f"analyses names unknown source '{argmap.analyses}'{suggest(argmap.analyses, known)}",
        )
    for source in argmap.sources:
        if source.via and source.via not in known:
            yield Violation(
                source.field_position("via"),
                f"source '{source.id}' is via unknown source '{source.via}'{suggest(source.via, known)}",
            )
    for claim, cite in argmap.iter_citations():
        if cite.source not in known:
            yield Violation(
                cite.position,
                f"{claim.kind} '{claim.id}' cites unknown source '{cite.source}'{suggest(cite.source, known)}",
            )


@rule(ids.VIA_CYCLE, Severity.ERROR)
def via_cycles(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Following `via` from source to source ends at a source known directly, never in a circle.

    Fails:
    ```yaml
    sources:
      survey: {title: National school survey, kind: dataset, via: report}
      report: {title: A report on the survey, kind: report, via: survey}
    ```

    Passes:
    ```yaml
    sources:
      survey: {title: National school survey, kind: dataset, via: report}
      report: {title: A report on the survey, kind: report}
    ```
    """
    graph = {s.id: [s.via] for s in argmap.sources if s.via and argmap.source(s.via) is not None}
    for cycle in find_cycles(graph):
        first = argmap.source_index[cycle[0]]
        chain = chain_form([f"'{s}'" for s in cycle])
        yield Violation(first.field_position("via"), f"sources are known via each other in a circle: {chain}")


@rule(ids.UNUSED_SOURCE, Severity.WARNING)
def unused_sources(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every source is cited by some claim (or is the `via` of a cited source, or the analysed text).

    Fails:
    ```yaml
    sources:
      survey: {title: National school survey, kind: dataset}
      old-poll: {title: A poll nobody cites, kind: dataset}
    ```

    Passes:
    ```yaml
    sources:
      survey: {title: National school survey, kind: dataset}
    ```
    """
    used = {cite.source for _, cite in argmap.iter_citations()}
    frontier = list(used)
    while frontier:  # a source through which a cited source is known is used too
        source = argmap.source(frontier.pop())
        if source and source.via and source.via not in used:
            used.add(source.via)
            frontier.append(source.via)
    if argmap.analyses:
        used.add(argmap.analyses)
    for source in argmap.sources:
        if source.id not in used:
            yield Violation(source.position, f"source '{source.id}' is never cited")


@rule(ids.BAD_URL, Severity.ERROR)
def bad_urls(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """A source's `url` is an absolute http:// or https:// address with a host and no spaces.

    Fails:
    ```yaml
    sources:
      survey:
        title: National school survey
        kind: dataset
        url: javascript:alert(1)
    ```

    Passes:
    ```yaml
    sources:
      survey:
        title: National school survey
        kind: dataset
        url: https://example.org/survey
    ```
    """
    for source in argmap.sources:
        if source.url is None:
            continue
        reason = url_problem(source.url)
        if reason:
            yield Violation(source.field_position("url"), f"url of source '{source.id}' {reason}")


@rule(ids.BAD_DATE, Severity.ERROR)
def bad_dates(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """`date` and `accessed` are ISO 8601 calendar dates: 2019, 2019-05 or 2019-05-14.

    Fails:
    ```yaml
    sources:
      survey:
        title: National school survey
        kind: dataset
        date: 14/05/2019
    ```

    Passes:
    ```yaml
    sources:
      survey:
        title: National school survey
        kind: dataset
        date: 2019-05-14
    ```
    """
    for source in argmap.sources:
        for name in ("date", "accessed"):
            value = getattr(source, name)
            if value is not None and not is_iso_date(value):
                yield Violation(
                    source.field_position(name),
                    f"{name} of source '{source.id}' is '{short_form(value)}'; write 2019, 2019-05 or 2019-05-14",
                )


def is_iso_date(value: str) -> bool:
    match = _DATE.match(value)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        _dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return True


@rule(
    ids.QUOTE_NOT_FOUND,
    Severity.ERROR,
    example_snapshots={"survey": "Pupils reported fewer taunts about brands after a year."},
)
def quotes_not_found(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every quote from a source with a text snapshot occurs in that text.

    A snapshot is a local plain-text copy of a source: `snapshot: path` in the source (relative to
    the map) or `--snapshot ID=PATH` on the command line. A source known `via` another is quoted
    through it, so its quotes are looked up in the other's snapshot when it has none of its own.
    White space, curly and straight quotation marks and dashes are compared normalised. A snapshot
    that cannot be read is reported as a warning (an error under `require-snapshots`, and `--strict`
    fails on it too). A map is untrusted, so the path a map names must be a regular file inside the
    map's folder, or inside a `snapshot-folders` folder of the settings (of at most 64 MB);
    `--snapshot` may name any regular file. With `require-snapshots` (a setting, or
    `--require-snapshots`) a quoted source without a snapshot is an error: its quotes go unchecked.

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite:
            - source: survey
              quote: "no taunts about brands"
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite:
            - source: survey
              quote: "fewer taunts about brands"
    ```
    """
    texts: dict[str, str | None] = {}
    read = _SnapshotReader()
    unreadable = Severity.ERROR if context.require_snapshots else Severity.WARNING
    for source_id, path in context.snapshots.items():
        source = argmap.source(source_id)
        if source is None:
            yield Violation(
                Position(argmap.file, 1, 1),
                f"--snapshot names unknown source '{short_form(source_id)}'",
                Severity.WARNING,
            )
            continue
        text, error = read(path)
        texts[source_id] = text
        if error:
            yield Violation(source.position, f"snapshot of source '{source_id}' cannot be read: {error}", unreadable)
    for source in argmap.sources:
        if source.snapshot and source.id not in texts:
            found, error = _map_snapshot_path(source.snapshot, argmap.base_dir, context.snapshot_folders)
            text = None
            if found is not None:
                text, error = read(found)
            texts[source.id] = text
            if error:
                yield Violation(
                    source.field_position("snapshot"),
                    f"snapshot of source '{source.id}' cannot be read: {error}",
                    unreadable,
                )
    if context.require_snapshots:
        yield from _unchecked_sources(argmap, texts)
    if not texts:
        return
    for _claim, cite in argmap.iter_citations():
        if cite.quote is None:
            continue
        holder, text = _snapshot_for(argmap, cite.source, texts)
        if text is not None and not quote_occurs(cite.quote, text):
            yield Violation(
                cite.quote_position or cite.position,
                f"quote not found in the snapshot of '{holder}': \"{visible(shorten(cite.quote))}\"",
            )


def _snapshot_for(argmap: ArgMap, source_id: str, texts: dict[str, str | None]) -> tuple[str, str | None]:
    seen: set[str] = set()
    current: Source | None = argmap.source(source_id)
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.id in texts:
            return current.id, texts[current.id]
        current = argmap.source(current.via) if current.via else None
    return source_id, None


MAX_SNAPSHOT_BYTES = 64 * 2**20
#: the most bytes of snapshot files one map may have read, all its snapshots together (each file once)
MAX_SNAPSHOT_TOTAL_BYTES = 256 * 2**20


class _SnapshotReader:
    """Reads each snapshot file once per map (by real path: many sources may share one copy) and
    stops reading once the map's snapshots pass MAX_SNAPSHOT_TOTAL_BYTES in all."""

    def __init__(self) -> None:
        self.texts: dict[str, tuple[str | None, str | None]] = {}
        self.total = 0

    def __call__(self, path: str) -> tuple[str | None, str | None]:
        real = os.path.realpath(path)
        if real not in self.texts:
            try:
                size = os.stat(real).st_size
            except OSError:
                size = 0
            if self.total + min(size, MAX_SNAPSHOT_BYTES) > MAX_SNAPSHOT_TOTAL_BYTES:
                self.texts[real] = (
                    None,
                    f"{visible(path)}: not read, the map's snapshots pass "
                    f"{MAX_SNAPSHOT_TOTAL_BYTES // 2**20} MB in all",
                )
            else:
                self.texts[real] = _read_snapshot(path)
                self.total += min(size, MAX_SNAPSHOT_BYTES)
        return self.texts[real]


def _unchecked_sources(argmap: ArgMap, texts: dict[str, str | None]) -> Iterator[Violation]:
    """require-snapshots: each quoted source whose quotes no snapshot checks (its own or its via's)."""
    reported: set[str] = set()
    for _claim, cite in argmap.iter_citations():
        if cite.quote is None or cite.source in reported:
            continue
        holder, _text = _snapshot_for(argmap, cite.source, texts)
        if holder not in texts:
            reported.add(cite.source)
            source = argmap.source(cite.source)
            yield Violation(
                source.position if source else cite.position,
                f"source '{visible(cite.source)}' is quoted but has no snapshot, so its quotes are not checked "
                "(require-snapshots); give it `snapshot: PATH` or --snapshot ID=PATH",
            )


def _map_snapshot_path(
    written: str, base_dir: str | None, folders: tuple[str, ...] = ()
) -> tuple[str | None, str | None]:
    """The file a map's `snapshot:` names, or why it may not be read: it must stay in the map's folder
    or in one of the settings' snapshot folders."""
    if first_unsafe(written) is not None:
        return None, None  # the reader reported it (bad-text); such a path names no file
    if base_dir is None:
        return None, "the map was read from stdin, so a relative path means nothing; use --snapshot ID=PATH"
    base = os.path.realpath(base_dir)
    path = os.path.realpath(os.path.join(base, written))
    allowed = (base, *(os.path.realpath(folder) for folder in folders))
    if os.path.isabs(written) or not any(os.path.commonpath([root, path]) == root for root in allowed):
        where = "the map's folder" + (" or a snapshot folder of the settings" if folders else "")
        return None, f"{visible(written)}: a snapshot must be a file inside {where}"
    return path, None


def _read_snapshot(path: str) -> tuple[str | None, str | None]:
    """The normalised text of a regular file of at most MAX_SNAPSHOT_BYTES, or why not (never blocks
    on a FIFO or reads a device)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, f"{visible(path)}: {exc.strerror or exc}"
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return None, f"{visible(path)}: not a regular file"
        if info.st_size > MAX_SNAPSHOT_BYTES:
            return None, f"{visible(path)}: larger than {MAX_SNAPSHOT_BYTES // 2**20} MB"
        with os.fdopen(handle, "rb") as stream:
            handle = -1
            data = stream.read(MAX_SNAPSHOT_BYTES + 1)
    except OSError as exc:
        return None, f"{visible(path)}: {exc.strerror or exc}"
    finally:
        if handle != -1:
            os.close(handle)
    return normalise(data.decode("utf-8", errors="replace")), None
