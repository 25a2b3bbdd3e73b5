"""Hostile but valid maps whose work once grew faster than their size (issue 17), made by
bench/hostile_maps.py. Every bound here counts work (calls, comparisons, bytes written), never wall
time: bench/bench_hostile.py measures the time."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import run_in_process
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis import gaps as gaps_module
from argmap.checks import sources as sources_module
from argmap.model import ArgMap
from argmap.pipeline import check_file, validate_paths
from argmap.text import suggest
from argmap.text.safe import first_unsafe
from argmap.text.short import chain_form, short_form

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import hostile_maps


@pytest.fixture(autouse=True)
def _fresh_suggestion_budget() -> None:
    yield
    suggest.reset_budget()  # a reader run alone afterwards (no check_file) starts with a full budget


def _write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


class _Counter:
    def __init__(self) -> None:
        self.calls = 0


def _count_ratios(monkeypatch: pytest.MonkeyPatch) -> _Counter:
    counter = _Counter()
    real = difflib.SequenceMatcher.ratio

    def counting(self: difflib.SequenceMatcher[str]) -> float:
        counter.calls += 1
        return real(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counting)
    return counter


# --- did you mean -----------------------------------------------------------------------------------


def test_suggestions_for_many_unknown_refs_stay_within_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ratios = _count_ratios(monkeypatch)
    problems = validate_paths([str(_write(tmp_path, hostile_maps.unknown_refs(1000)))]).problems
    unknown = [p for p in problems if p.rule == "unknown-ref"]
    assert len(unknown) == 1000
    assert unknown[0].message == "ref to unknown claim 'claim-00000x'; did you mean 'claim-00000'?"
    assert unknown[-1].message == "ref to unknown claim 'claim-00999x'"
    assert 0 < ratios.calls <= suggest.RATIO_BUDGET  # was 1,000 x 1,000 comparisons: 26 s


@pytest.mark.parametrize(("kind", "rule"), [("unknown-sources", "unknown-source"), ("unknown-expect", "expect")])
def test_suggestions_for_unknown_sources_and_expect_ids_stay_within_the_budget(
    kind: str, rule: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ratios = _count_ratios(monkeypatch)
    problems = validate_paths([str(_write(tmp_path, hostile_maps.KINDS[kind](400)))]).problems
    named = [p for p in problems if p.rule == rule]
    assert len(named) >= 400
    assert any("did you mean" in p.message for p in named)
    # 400 names alike in their letters all pass difflib's quick bound: 160,000 full ratios, 4 s
    assert 0 < ratios.calls <= suggest.RATIO_BUDGET


# --- validate and eval ------------------------------------------------------------------------------


def test_thousands_of_self_references_are_checked_in_linear_time(tmp_path: Path) -> None:
    path = _write(tmp_path, hostile_maps.self_refs(4000))
    # before the fix about 18 s (every edge scanned for every cycle); now well under 1 s
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "support cycle: c0 -> c0 (each supports the next)" in done.stdout
    assert done.stdout.count("[support-cycle]") == 4000


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (700 * 2**20, 700 * 2**20))


def test_a_long_attack_cycle_under_expect_costs_linear_memory(tmp_path: Path) -> None:
    path = _write(tmp_path, hostile_maps.attack_cycle(8000))
    # before the fix every member listed every other: 1.1 GB; now about 80 MB
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "eval", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 0, done.stderr
    assert "c0     in an attack cycle with 'c1', 'c2', 'c3', 'c4' and 7995 more" in done.stdout


def test_a_long_support_cycle_is_one_short_message(tmp_path: Path) -> None:
    problems = validate_paths([str(_write(tmp_path, hostile_maps.support_cycle(8000)))]).problems
    cycles = [p for p in problems if p.rule == "support-cycle"]
    assert [p.message for p in cycles] == [
        "support cycle: c0 -> c7999 -> c7998 -> c7997 -> c7996 -> c7995 -> c7994 -> c7993 -> (7991 more) -> c1 -> c0"
        " (each supports the next)"
    ]  # was every one of the 8,000 ids: 70 KB in one message


def test_chain_form_keeps_short_chains_and_cuts_long_ones() -> None:
    assert chain_form(["a", "b", "a"]) == "a -> b -> a"
    assert chain_form([str(i) for i in range(11)]) == " -> ".join(str(i) for i in range(11))
    assert chain_form([str(i) for i in range(12)]) == "0 -> 1 -> 2 -> 3 -> 4 -> 5 -> 6 -> 7 -> (2 more) -> 10 -> 11"


# --- gaps (and show and brief, which run it) --------------------------------------------------------


def _count_source_lookups(monkeypatch: pytest.MonkeyPatch) -> _Counter:
    counter = _Counter()
    real = ArgMap.source

    def counting(self: ArgMap, source_id: str) -> object:
        counter.calls += 1
        return real(self, source_id)

    monkeypatch.setattr(ArgMap, "source", counting)
    return counter


def _gaps_of(path: Path) -> list[gaps_module.Gap]:
    checked = check_file(str(path))
    assert checked.map is not None
    return gaps_module.find_gaps(checked.map)


@pytest.mark.parametrize("n", [500, 2000])
def test_via_chains_are_walked_once(n: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, hostile_maps.via_chain(n))
    lookups = _count_source_lookups(monkeypatch)
    checked = check_file(str(path))
    assert checked.map is not None
    sources = gaps_module._Sources(checked.map)
    assert [sources.root_of(f"v{i}") for i in (0, n // 2, n - 1)] == [f"v{n - 1}"] * 3
    gaps_module.find_gaps(checked.map)
    # each of the n sources walked its whole chain once per use: n * n / 2 lookups (21 s at 2,000)
    assert lookups.calls <= 12 * n


@pytest.mark.parametrize("ladder", [hostile_maps.ref_ladder, "bottom-up"])
def test_ref_ladders_settle_in_linear_work(ladder: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    n = 2000
    text = hostile_maps.ref_ladder(n)
    if ladder == "bottom-up":  # each premise supported through a ref by the one written before it
        text = text.replace("ref: c", "ref: x").replace("    - id: c0\n", "    - id: c0\n")
        lines = [hostile_maps.HEAD, hostile_maps.THESIS, "  premises:\n"]
        for i in range(n):
            lines.append(f"    - id: c{i}\n      claim: C.\n      cite: [s]\n")
            if i:
                lines.append(f"      premises:\n        - ref: c{i - 1}\n")
        text = "".join(lines)
    joins = _Counter()
    walked = _Counter()
    real_join, real_tree = gaps_module._join, gaps_module._support_tree

    def counting_join(a: object, b: object) -> object:
        joins.calls += 1
        return real_join(a, b)

    def counting_tree(support: gaps_module.Support, root: str) -> list[str]:
        members = real_tree(support, root)
        walked.calls += len(members)
        return members

    monkeypatch.setattr(gaps_module, "_join", counting_join)
    monkeypatch.setattr(gaps_module, "_support_tree", counting_tree)
    found = _gaps_of(_write(tmp_path, text))
    single = [g for g in found if g.kind == "single-source"]
    assert [g.claim for g in single] == ["t"]
    assert single[0].reason.startswith(f"all {n + 1} citations in the support tree of 't' ({n + 1} claims)")
    # a support tree walked for every claim, and a fixed point one pass per rung: n * n each
    assert walked.calls <= 2 * (n + 1)
    assert joins.calls <= 8 * n


class _CountingStr(str):
    compared = 0

    def __eq__(self, other: object) -> bool:
        _CountingStr.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_correlation_between_thousands_of_variables_is_read_once(tmp_path: Path) -> None:
    import dataclasses

    checked = check_file(str(_write(tmp_path, hostile_maps.wide_correlation(40_000))))
    assert checked.map is not None
    claims = tuple(
        dataclasses.replace(c, between=tuple(_CountingStr(v) for v in c.between)) if c.between else c
        for c in checked.map.claims
    )
    argmap = dataclasses.replace(checked.map, claims=claims)
    _CountingStr.compared = 0
    found = gaps_module.find_gaps(argmap, kinds=["correlation-only"])
    assert [g.fix for g in found] == [
        "add a premise giving the mechanism linking 'v0' and 'v1' and 'v2', with its evidence"
    ]
    assert _CountingStr.compared <= 1000  # a list used as a set: 800 million comparisons, 15 s


def test_a_claim_citing_thousands_of_sources_lists_each_marker_once() -> None:
    from argmap.model import Citation, Claim, ClaimKind, Position
    from argmap.views import diagram

    where = Position("m.yaml", 1, 1)
    markers = {f"s{i}": (_CountingStr(str(i + 1)), "") for i in range(40_000)}
    cites = tuple(Citation(source=f"s{i % 40_000}", position=where) for i in range(80_000))
    claim = Claim(id="p", text="P.", kind=ClaimKind.PREMISE, position=where, cites=cites)
    _CountingStr.compared = 0
    label = diagram._citations(claim, markers)  # type: ignore[arg-type]
    assert label.startswith("[1, 2, 3, ") and label.endswith(", 40000]")
    assert _CountingStr.compared <= 80_000  # each marker searched for in a list: 1.6 billion


# --- brief and eval --explain: output proportional to input -------------------------------------------


def test_a_subtree_shared_by_many_blocks_is_written_once(tmp_path: Path) -> None:
    sizes = {}
    for n in (100, 400):
        path = _write(tmp_path, hostile_maps.shared_subtree(n), f"m{n}.yaml")
        code, out, err = run_in_process("brief", str(path))
        assert code == 0, err
        assert out.count("(see Block 1 above)") == n - 1
        sizes[n] = len(out.encode())
        assert sizes[n] < 40 * path.stat().st_size  # was n blocks x n premises: 115 KB -> 90 MB
    assert sizes[400] < 6 * sizes[100]  # four times the map, about four times the brief


@pytest.mark.parametrize("kind", ["support-cycle", "attack-cycle", "ref-ladder"])
def test_explain_output_grows_linearly_with_a_chain(kind: str, tmp_path: Path) -> None:
    sizes = {}
    for n in (300, 1200):
        path = _write(tmp_path, hostile_maps.KINDS[kind](n), f"m{n}.yaml")
        code, out, err = run_in_process("eval", str(path), "--explain", "t")
        assert code == 0, err
        sizes[n] = len(out.encode())
        assert max(len(line) for line in out.splitlines()) < 200
    assert sizes[1200] < 6 * sizes[300]  # indentation n deep and reasons naming the cycle: n * n or worse


@pytest.mark.parametrize(
    ("kind", "command"),
    [
        ("support-cycle", "brief"),
        ("attack-cycle", "brief"),
        ("via-chain", "show"),
        ("ref-ladder", "show"),
        ("ref-ladder", "brief"),
        ("wide-correlation", "gaps"),
        ("shared-subtree", "gaps"),
    ],
)
def test_output_grows_linearly_with_a_hostile_map(kind: str, command: str, tmp_path: Path) -> None:
    sizes = {}
    for n in (200, 800):
        path = _write(tmp_path, hostile_maps.KINDS[kind](n if kind != "wide-correlation" else 50 * n), f"m{n}.yaml")
        code, out, err = run_in_process(command, str(path))
        assert code in (0, 1), err
        sizes[n] = len(out.encode())
    assert sizes[800] < 6 * sizes[200], sizes


# --- map files, snapshots, values in messages, limits ------------------------------------------------


def test_a_folder_with_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "x.yaml").symlink_to("/dev/zero")
    code, _out, err = run_in_process("validate", str(tmp_path / "maps"))
    assert code == 2
    assert (
        err
        == f"argmap: {tmp_path}/maps/x.yaml: not a regular file (a map file must be one; a link to a device is refused)\n"
    )


def test_a_folder_with_a_link_to_a_file_outside_it_is_refused_without_echoing_it(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    secret = tmp_path / "secret.yaml"
    secret.write_text("argmap: 1\napi_key_hunter2: x\n")
    (tmp_path / "maps" / "y.yaml").symlink_to(secret)
    code, out, err = run_in_process("validate", str(tmp_path / "maps"))
    assert code == 2
    assert "hunter2" not in out + err
    assert (
        err
        == f"argmap: {tmp_path}/maps/y.yaml: a link to a file outside {tmp_path}/maps (a map found in a folder must be inside it)\n"
    )


def test_a_link_inside_the_folder_is_a_map_like_any_other(tmp_path: Path, base_map: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "alias.yaml").symlink_to(base_map)
    (tmp_path / "maps" / "real.yaml").write_bytes(base_map.read_bytes())
    result = validate_paths([str(tmp_path)])
    assert result.files == 3


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_named_as_the_map_is_refused(device: str) -> None:
    code, out, err = run_in_process("validate", device)
    assert (code, out) == (2, "")
    assert err == f"argmap: {device}: not a regular file (a device or socket is no map)\n"


def test_an_endless_stdin_is_read_no_further_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_MAP_BYTES", 1000)
    code, out, err = run_in_process("validate", "-", input="x" * 5000)
    assert (code, out) == (2, "")
    assert err == "argmap: <stdin>: larger than 0 MB (the most a map may be)\n"


def test_sources_sharing_one_snapshot_read_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, hostile_maps.shared_snapshot(40))
    (tmp_path / "snapshot.txt").write_text("word " * 1000)
    reads = []
    real = sources_module._read_snapshot
    monkeypatch.setattr(sources_module, "_read_snapshot", lambda p: reads.append(p) or real(p))
    problems = validate_paths([str(path)]).problems
    assert [p for p in problems if p.rule == "quote-not-found"] == []
    assert len(reads) == 1  # once per source: 40 copies of a 60 MB file, 3.5 GB


def test_snapshots_past_the_total_bound_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = hostile_maps.shared_snapshot(3).replace("snapshot: snapshot.txt", "snapshot: SNAP")
    for i in range(3):
        text = text.replace("snapshot: SNAP", f"snapshot: snap{i}.txt", 1)
        (tmp_path / f"snap{i}.txt").write_text("word " * 100)
    monkeypatch.setattr(sources_module, "MAX_SNAPSHOT_TOTAL_BYTES", 1000)
    problems = validate_paths([str(_write(tmp_path, text))]).problems
    unread = [p for p in problems if "not read" in p.message]
    assert [p.message for p in unread] == [
        f"snapshot of source 's2' cannot be read: {tmp_path}/snap2.txt: not read, the map's snapshots pass 0 MB in all"
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("[" + ", ".join(["1"] * 1_000_000) + "]", "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1…"),
        ("[" * 450 + "]" * 450, "[[[[…]]]]"),
        ("{a: [1, {b: c}], d: e}", "{a: [1, {b: c}], d: e}"),
    ],
)
def test_a_huge_or_deep_value_is_quoted_in_short(value: str, shown: str, tmp_path: Path) -> None:
    path = _write(tmp_path, hostile_maps.long_version_list(1).replace("argmap: [1]", "argmap: " + value))
    problems = validate_paths([str(path)]).problems
    assert [p.message for p in problems if p.line == 1] == [
        f"unsupported format version {shown}; this argmap reads 'argmap: 1' or 'argmap: 2'"
    ]  # was an 11 MB message of node reprs, or a RecursionError


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=300),
    lambda inner: st.lists(inner, max_size=30) | st.dictionaries(st.text(max_size=20), inner, max_size=10),
    max_leaves=200,
)


@given(value=_values, limit=st.integers(5, 120))
def test_short_form_is_never_longer_than_its_limit(value: object, limit: int) -> None:
    shown = short_form(value, limit=limit)
    assert len(shown) <= limit
    assert "\n" not in shown and first_unsafe(shown) is None
    node = yaml.compose(yaml.safe_dump(value))
    assert len(short_form(node, limit=limit)) <= limit


def test_a_map_past_the_claim_limit_is_refused_with_the_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_CLAIMS", 100)
    path = _write(tmp_path, hostile_maps.ref_ladder(200))
    code, out, err = run_in_process("gaps", str(path))
    assert (code, out) == (2, "")
    assert (
        err == f"argmap: {path}:507:7: the map has 201 claims; argmap works on at most 100 (docs/format.md, Limits)\n"
    )


def test_a_map_past_the_relation_limit_is_refused_with_the_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_RELATIONS", 100)
    path = _write(tmp_path, hostile_maps.ref_ladder(60))
    code, out, err = run_in_process("validate", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"argmap: {path}:") and err.endswith(
        ": the map has 119 relations; argmap works on at most 100 (docs/format.md, Limits)\n"
    )


def test_a_message_is_cut_at_the_message_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_MESSAGE_CHARS", 40)
    problems = validate_paths([str(_write(tmp_path, hostile_maps.unknown_refs(3)))]).problems
    assert problems and all(len(p.message) <= 40 for p in problems)
    assert problems[0].message == "ref to unknown claim 'claim-00000x'; di…"


def test_an_output_past_the_output_limit_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.output as output

    monkeypatch.setattr(output, "MAX_OUTPUT_BYTES", 1000)
    path = _write(tmp_path, hostile_maps.shared_subtree(20))
    target = tmp_path / "brief.html"
    code, _out, err = run_in_process("brief", str(path), "-o", str(target))
    assert code == 2
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]
    assert "more than the 0 MB argmap writes; nothing was written" in err


@given(text=st.text(alphabet=" \t\n\x1c\u2028\u00a0ab\u2019-", max_size=60), chunk=st.integers(1, 8))
def test_snapshot_text_is_normalised_alike_in_chunks(text: str, chunk: int) -> None:
    import re

    from argmap.text import quotes

    expected = re.sub(r"\s+", " ", text.translate(quotes._TRANSLATE)).strip()
    real = quotes._CHUNK
    quotes._CHUNK = chunk
    try:
        assert quotes.normalise(text) == expected
    finally:
        quotes._CHUNK = real
