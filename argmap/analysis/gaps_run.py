"""The gaps of a run over map files: `gaps_of_paths` reads every map named (directories searched as
validate searches them) and finds the gaps and coverage of each one it can read.

Maps are read through the one read path, argmap.pipeline; nothing here prints. A map that cannot be
read is kept with its problems, for the command to show them, and makes the run fail; the others
are still analysed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from argmap.analysis.gaps import KINDS, Coverage, Gap, coverage, find_gaps
from argmap.analysis.ranking import rank_gaps
from argmap.findings import EXIT_PROBLEMS, Finding, GapSeverity, exit_code, fails_on
from argmap.pipeline import CheckedMap, check_file, find_maps


@dataclass(frozen=True)
class MapGaps:
    """The gaps of one map file, one per place (`gaps`, file order) and one per cause (`ranked`,
    rank order), and its coverage."""

    file: str
    gaps: tuple[Gap, ...]
    coverage: Coverage
    ranked: tuple[Gap, ...] = ()


@dataclass(frozen=True)
class GapsReport:
    """What `argmap gaps` found over all the files it read. `fail_on` names the kinds and the
    severities that fail the run; `minimum` is the least severity listed (what fails is always listed)."""

    maps: tuple[MapGaps, ...]
    fail_on: frozenset[str] = frozenset()
    minimum: GapSeverity = GapSeverity.INFO

    @property
    def gaps(self) -> list[Gap]:
        """Every ranked gap listed, map by map, each map's in rank order."""
        return [gap for one in self.maps for gap in self.listed(one)]

    def listed(self, one: MapGaps) -> list[Gap]:
        """The ranked gaps of one map that the report lists: `minimum` or worse, or failing the run."""
        return [
            g
            for g in one.ranked
            if (g.severity is not None and g.severity >= self.minimum) or fails_on(g, self.fail_on)
        ]

    def hidden(self, one: MapGaps) -> int:
        """How many ranked gaps of one map are left out by `minimum`."""
        return len(one.ranked) - len(self.listed(one))

    @property
    def findings(self) -> Sequence[Finding]:
        return self.gaps

    @property
    def coverage(self) -> Coverage:
        total = Coverage()
        for one in self.maps:
            total = total + one.coverage
        return total

    @property
    def failed(self) -> bool:
        return exit_code(self.gaps, fail_on=self.fail_on) != 0


@dataclass(frozen=True)
class ReadMap:
    """One file of the run: the path as named (or found) and what reading and checking it gave."""

    path: str
    checked: CheckedMap


@dataclass(frozen=True)
class GapsRun:
    """Every file read, in order, and the report over those that could be read."""

    files: tuple[ReadMap, ...]
    report: GapsReport

    @property
    def unreadable(self) -> tuple[ReadMap, ...]:
        return tuple(f for f in self.files if f.checked.map is None)

    @property
    def exit_code(self) -> int:
        """1 when a map could not be read, none could, or a --fail-on kind was found; else 0."""
        if self.unreadable or not self.report.maps:
            return EXIT_PROBLEMS
        return exit_code(self.report.gaps, fail_on=self.report.fail_on)


def gaps_of_paths(
    paths: Iterable[str],
    *,
    kinds: Collection[str] = (),
    fail_on: Collection[str] = (),
    minimum: GapSeverity = GapSeverity.INFO,
) -> GapsRun:
    """The gaps of `kinds` (all when empty) and of the kinds in `fail_on` (always listed) in every
    map of `paths`, ranked; those below `minimum` are counted but not listed.

    Raises InputError (argmap.pipeline) for a path that does not exist.
    """
    selected = set(kinds) | (set(fail_on) & set(KINDS)) if kinds else None
    files: list[ReadMap] = []
    maps: list[MapGaps] = []
    for path in find_maps(paths):
        checked = check_file(path)
        files.append(ReadMap(path, checked))
        if checked.map is not None:
            found = find_gaps(checked.map, kinds=selected)
            ranked = rank_gaps(checked.map, found)
            maps.append(MapGaps(checked.map.file, tuple(found), coverage(checked.map), tuple(ranked)))
    return GapsRun(tuple(files), GapsReport(tuple(maps), fail_on=frozenset(fail_on), minimum=minimum))
