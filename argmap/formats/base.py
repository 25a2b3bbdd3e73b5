"""What every map format provides: a `MapFormat` entry for the registry, and what a reader returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from argmap.findings import Problem
from argmap.model import ArgMap


class LoadResult(NamedTuple):
    """What reading gives: the map (None when the input is not a readable map) and the problems.

    A reader reports everything it could not map as problems with positions; it never raises for
    bad input.
    """

    map: ArgMap | None
    problems: tuple[Problem, ...]


#: read(data, file=display name, base_dir=folder relative paths start from) -> LoadResult
Reader = Callable[..., LoadResult]
#: write(map) -> (text, problems: what the target format cannot hold)
Writer = Callable[[ArgMap], tuple[str, tuple[Problem, ...]]]


@dataclass(frozen=True)
class MapFormat:
    """One map format in or out: its `--from`/`--to` name, file extensions, and the module whose
    functions `reader` and `writer` (names; None where the format is not read or not written) read
    and write it. The module is imported when its reader or writer is first asked for, so that a
    command pays only for the formats it uses. `shares` names extensions of another format that
    files of this one often have too (AIF saved as `.json`): such a file is told by its content
    (argmap.formats.sniff.SNIFFERS)."""

    name: str
    extensions: tuple[str, ...]
    summary: str
    module: str
    reader: str | None = None
    writer: str | None = None
    shares: tuple[str, ...] = ()

    @property
    def read(self) -> Reader | None:
        return None if self.reader is None else getattr(self._module(), self.reader)

    @property
    def write(self) -> Writer | None:
        return None if self.writer is None else getattr(self._module(), self.writer)

    def _module(self) -> object:
        import importlib

        return importlib.import_module(self.module)
