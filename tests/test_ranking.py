"""Ranked gaps (argmap.analysis.ranking): the severity rules of docs/gaps.md one by one on maps built
for them, one item per cause, the rank order, the options that choose what is listed and what fails,
the severity in every output format, and properties over random maps (nothing lost by grouping; the
order is total and stable).

Golden files live in tests/gaps_show/golden/; regenerate them on purpose with ARGMAP_REGEN=1.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import format2_documents
from test_gaps import ROOT, check_golden, load, random_map, run

from argmap.analysis.gaps import find_gaps
from argmap.analysis.ranking import claim_depths, rank_gaps, rank_key, states_specifics
from argmap.findings import GapSeverity
from argmap.model import Claim, ClaimKind, Position

SEVERITY_MAP = "tests/gaps_show/severity.yaml"
FORMAT2_MAP = "tests/format2/ranked.yaml"


def ranked_of(path: str):
    argmap = load((ROOT / path).read_text(encoding="utf-8"))
    return argmap, rank_gaps(argmap, find_gaps(argmap))


def summary(path: str) -> list[tuple[int, str, str, tuple[str, ...]]]:
    _, ranked = ranked_of(path)
    return [(g.rank, str(g.severity), g.kind, g.claims or g.sources) for g in ranked]


# --- each severity rule, on a format-1 map of one text built for them ----------------------------


def test_every_severity_rule_of_format_1_in_rank_order() -> None:
    assert summary(SEVERITY_MAP) == [
        # an anonymous source carrying a claim next to the thesis
        (1, "critical", "unsupported", ("officials-say-shade-works", "trees-cool-towns")),
        # an unanswered counterpoint at depth 1 (the text leaves it open)
        (2, "critical", "unanswered", ("trees-cost-water", "trees-cool-towns")),
        # correlation as the only support of a claim
        (3, "critical", "correlation-only", ("shade-lowers-bills",)),
        # a bare assertion with figures on the analysed text alone
        (4, "major", "unsupported", ("heat-fell-3-degrees",)),
        # an unanswered counterpoint deeper than 2
        (5, "major", "unanswered", ("outside-for-other-reasons", "more-time-outside")),
        # a named source known only through the analysed text (to find); its no-quote folded in
        (6, "minor", "unsupported", ("council-planted-400", "trees-cool-towns")),
        # counterpoints and rebuttals citing the analysed text where the weakness shows: not unsupported
        (
            7,
            "info",
            "unsupported",
            ("outside-for-other-reasons", "trees-cost-water", "roots-break-pavements", "root-barriers"),
        ),
        # the other claims resting on the analysed text: one item, not one per claim
        (8, "info", "unsupported", ("residents-feel-better", "more-time-outside", "shade-lowers-bills")),
        (9, "info", "single-source", ("residents-feel-better",)),
    ]


def test_format_2_rules_in_rank_order() -> None:
    assert summary(FORMAT2_MAP) == [
        (1, "critical", "unchallenged-load-bearing", ("trucks-cause-jams",)),
        (2, "critical", "unchallenged-load-bearing", ("high-street-narrow",)),
        (3, "critical", "unchallenged-load-bearing", ("trucks-would-use-it",)),
        (4, "major", "single-source", ("build-bypass",)),
        # the scheme's open questions, in the scheme's order, one item each
        (5, "major", "open-question", ("build-bypass",)),
        (6, "major", "open-question", ("build-bypass",)),
        (7, "major", "open-question", ("build-bypass",)),
        (8, "minor", "unstated-assumption", ("trucks-would-use-it",)),
    ]
    _, ranked = ranked_of(FORMAT2_MAP)
    assert [g.reason.split("'")[3] for g in ranked if g.kind == "open-question"] == [
        "strength",
        "evidence",
        "interference",
    ]


def test_analysed_text_rules() -> None:
    _, ranked = ranked_of(SEVERITY_MAP)
    unanswered = next(g for g in ranked if g.kind == "unanswered")
    assert unanswered.reason == "counterpoint 'trees-cost-water' against 'trees-cool-towns': the text leaves this open"
    assert "add a rebuttal" not in unanswered.fix
    council = next(g for g in ranked if g.source == "council")
    # the no-quote of 'council' on a claim that quotes the analysed text is folded in, and is not what ranks it
    assert council.kinds == ("unsupported", "no-quote", "source-incomplete")
    assert council.severity is GapSeverity.MINOR
    attacks = next(g for g in ranked if g.reason.startswith("4 counterpoints and rebuttals"))
    assert attacks.severity is GapSeverity.INFO and attacks.fix == "none needed"
    _, small = ranked_of("tests/gaps_show/small.yaml")
    # without analyses on the source, a missing URL is minor; on the analysed text itself it is info
    paper = next(g for g in small if g.source == "paper")
    assert (paper.severity, paper.kind) == (GapSeverity.MINOR, "source-incomplete")


def test_analysed_text_record_is_info() -> None:
    _, ranked = ranked_of("maps/assad_isis.yaml")
    own = [g for g in ranked if g.kinds == ("source-incomplete",) and g.source == "article"]
    assert [(g.severity, g.reason.startswith("the analysed text's own record")) for g in own] == [
        (GapSeverity.INFO, True)
    ]


def test_assad_map_top_weak_points_and_counts() -> None:
    argmap, ranked = ranked_of("maps/assad_isis.yaml")
    found = find_gaps(argmap)
    assert (len(found), len(ranked)) == (135, 63)
    counts = {s: sum(1 for g in ranked if str(g.severity) == s) for s in ("critical", "major", "minor", "info")}
    assert counts == {"critical": 14, "major": 32, "minor": 13, "info": 4}
    # first the objections the text leaves open against the thesis's own arguments, then the
    # article's headline weakness: the unnamed research behind its four correlations
    assert [(g.kind, g.claim) for g in ranked[:4]] == [
        ("unanswered", "iraq-released-prisoners-too"),
        ("unanswered", "few-named-men-tied-to-isis"),
        ("unanswered", "penetration-is-counterterrorism"),
        ("unanswered", "fuel-bought-out-of-necessity"),
    ]
    fifth = ranked[4]
    assert (fifth.source, fifth.severity) == ("unnamed-research", GapSeverity.CRITICAL)
    assert [c for c in fifth.claims if c.startswith("releases-correlate")] == [
        "releases-correlate-with-activist-arrests",
        "releases-correlate-with-few-combats",
        "releases-correlate-with-economic-cooperation",
        "releases-correlate-with-iraq-link",
    ]
    # the claims resting on the article alone are three items, not one per claim
    analysed = [g for g in ranked if g.source == "article" and g.kind == "unsupported"]
    assert sorted(len(g.claims) for g in analysed) == [7, 15, 20]
    # each open critical question of a scheme is an item of its own (format 2)
    assert sum(1 for g in ranked if g.kind == "open-question") == 28


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("The council planted 400 trees.", True),
        ("It began in 2011.", True),
        ("Abu Khaled Al-Souri was released.", True),
        ("Nouri al-Maliki released prisoners.", True),
        ("The regime looked the other way.", False),
        ("Planting street trees cools a town.", False),  # the thesis's own words are no new name
    ],
)
def test_states_specifics(text: str, specific: bool) -> None:
    claim = Claim(id="c", text=text, kind=ClaimKind.PREMISE, position=Position("m.yaml", 1, 1))
    assert states_specifics(claim, "Planting Street Trees cools a town.") is specific


def test_claim_depths_follow_every_relation_from_the_thesis() -> None:
    argmap, _ = ranked_of(SEVERITY_MAP)
    depths = claim_depths(argmap)
    assert (depths["trees-cool-towns"], depths["trees-cost-water"], depths["more-time-outside"]) == (0, 1, 2)
    assert depths["outside-for-other-reasons"] == 3 and depths["root-barriers"] == 2


# --- goldens, options, exit codes, formats --------------------------------------------------------


@pytest.mark.parametrize("path", [SEVERITY_MAP, FORMAT2_MAP])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_golden_ranked_outputs(path: str, fmt: str) -> None:
    args = ("gaps", "--all", "-f", fmt, path) if fmt == "text" else ("gaps", "-f", fmt, path)
    code, out, _ = run(*args)
    assert code == 0
    check_golden(f"{Path(path).stem}.ranked.{fmt}", out)


def test_text_hides_info_unless_all_and_min_severity_filters() -> None:
    _, out, _ = run("gaps", SEVERITY_MAP)
    assert "not shown: 3 below minor (--all shows every one)" in out and "  info  " not in out
    assert out.splitlines()[-1] == "6 weak points in 1 file: 3 critical, 2 major, 1 minor"
    _, out, _ = run("gaps", "--min-severity", "critical", "-f", "parsable", SEVERITY_MAP)
    assert [line.split(": ")[1] for line in out.splitlines()] == ["critical"] * 3
    _, out, _ = run("gaps", "-f", "json", SEVERITY_MAP)
    assert [g["rank"] for g in json.loads(out)["gaps"]] == list(range(1, 10))  # json keeps info
    _, out, _ = run("gaps", "--min-severity", "major", "-f", "json", SEVERITY_MAP)
    assert [g["severity"] for g in json.loads(out)["gaps"]] == ["critical"] * 3 + ["major"] * 2


def test_fail_on_severity_means_that_severity_or_worse() -> None:
    assert run("gaps", "--fail-on", "critical", SEVERITY_MAP)[0] == 1
    assert run("gaps", "--fail-on", "critical", FORMAT2_MAP)[0] == 1
    assert run("gaps", "--fail-on", "minor", "tests/gaps_show/clean.yaml")[0] == 0
    assert run("gaps", "--fail-on", "info", "tests/gaps_show/hostile.yaml")[0] == 1  # one major gap
    assert run("gaps", "--fail-on", "critical", "tests/gaps_show/hostile.yaml")[0] == 0
    # a failing item is listed even below --min-severity, and github marks it an error
    code, out, _ = run("gaps", "--min-severity", "critical", "--fail-on", "minor", "-f", "github", SEVERITY_MAP)
    assert code == 1
    assert [line.split(" ")[0] for line in out.splitlines()] == ["::error"] * 6
    # a kind named by --fail-on fails an item that groups a gap of it, whatever the item's own kind
    code, out, _ = run("gaps", "--fail-on", "no-quote", "-f", "parsable", "-k", "no-quote,unsupported", SEVERITY_MAP)
    assert code == 1


def test_severity_in_github_parsable_and_sarif() -> None:
    _, out, _ = run("gaps", "-f", "github", SEVERITY_MAP)
    levels = [(line.split(" ")[0], line.split("title=")[1].split("::")[0]) for line in out.splitlines()]
    assert levels[0] == ("::error", "argmap gap unsupported (critical)")
    assert levels[3] == ("::warning", "argmap gap unsupported (major)")
    assert levels[5] == ("::notice", "argmap gap unsupported (minor)")
    _, out, _ = run("gaps", "-f", "parsable", SEVERITY_MAP)
    assert out.splitlines()[0].startswith("tests/gaps_show/severity.yaml:12:3: critical: anonymous source 'insiders'")
    _, out, _ = run("gaps", "-f", "sarif", SEVERITY_MAP)
    results = json.loads(out)["runs"][0]["results"]
    assert [(r["level"], r["properties"]["severity"]) for r in results][:6] == [
        ("error", "critical"),
        ("error", "critical"),
        ("error", "critical"),
        ("warning", "major"),
        ("warning", "major"),
        ("note", "minor"),
    ]


def test_unknown_severity_is_a_usage_error() -> None:
    from test_gaps import run_main

    proc = run_main("gaps", "--min-severity", "bad", SEVERITY_MAP)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = run_main("gaps", "--fail-on", "severe", SEVERITY_MAP)
    assert proc.returncode == 2 and "severities: critical, major, minor, info" in proc.stderr


# --- properties over random maps ------------------------------------------------------------------


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(1, 30))
def test_grouping_loses_nothing_and_the_order_is_total_and_stable(seed: int, n_claims: int) -> None:
    argmap = load(random_map(seed, n_claims))
    gaps = find_gaps(argmap)
    ranked = rank_gaps(argmap, gaps)
    # every claim and source named by a gap is covered by some ranked item, every kind by an item's kinds
    assert {g.claim for g in gaps if g.claim} <= {c for item in ranked for c in item.claims}
    assert {g.source for g in gaps if g.source} <= {s for item in ranked for s in item.sources}
    assert {g.kind for g in gaps} == {k for item in ranked for k in item.kinds}
    assert len(ranked) <= len(gaps) and bool(ranked) == bool(gaps)
    # ranks are 1..n, severities never rise down the list, the keys are strictly increasing (total)
    assert [g.rank for g in ranked] == list(range(1, len(ranked) + 1))
    severities = [g.severity for g in ranked]
    assert all(s is not None for s in severities)
    assert severities == sorted(severities, reverse=True)  # type: ignore[type-var]
    depths = claim_depths(argmap)
    keys = [rank_key(g, depths) for g in ranked]
    assert all(a[:-1] <= b[:-1] for a, b in itertools.pairwise(keys))
    # the same input gives the same ranking, run after run
    assert rank_gaps(argmap, gaps) == ranked
    assert rank_gaps(load(random_map(seed, n_claims)), find_gaps(argmap)) == ranked


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(format2_documents())
def test_grouping_loses_nothing_on_format_2_maps(document: dict[str, Any]) -> None:
    argmap = load(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10_000))
    gaps = find_gaps(argmap)
    ranked = rank_gaps(argmap, gaps)
    assert {g.claim for g in gaps if g.claim} <= {c for item in ranked for c in item.claims}
    assert {g.kind for g in gaps} == {k for item in ranked for k in item.kinds}
    assert [g.rank for g in ranked] == list(range(1, len(ranked) + 1))
    assert rank_gaps(argmap, gaps) == ranked
