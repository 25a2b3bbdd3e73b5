"""Pins the shape of maps/assad_isis.yaml, the cited argument map of the Assad/ISIS article.

The map is the project's first real user, so these tests hold it still: the thesis, the count of
claims of each kind, the sources and their use, and that every quote is really in the article.
Counting walks the YAML itself (PyYAML), independent of argmap's own code; a claim's kind is the
list it is written in, and `{ref: ...}` items are not counted. The last tests run the argmap CLI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "maps" / "assad_isis.yaml"
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "assad_isis_article.txt"

THESIS_ID = "assad-helped-isis-rise"
EXPECTED_COUNTS = {
    "thesis": 1,
    "premise": 36,
    "correlation": 1,
    "counterpoint": 7,
    "rebuttal": 3,
    "undercut": 11,
    "assumption": 7,
}
SCHEMES = {
    "arrests-correlation-argument": "correlation-to-cause",
    "combat-correlation-argument": "correlation-to-cause",
    "economic-correlation-argument": "correlation-to-cause",
    "iraq-link-correlation-argument": "correlation-to-cause",
    "mamlouk-argument": "position-to-know",
    "defector-argument": "witness-testimony",
    "white-argument": "expert-opinion",
    "pax-argument": "expert-opinion",
}
UNDERCUTS = {
    "iraq-released-prisoners-too",
    "few-named-men-tied-to-isis",
    "fuel-bought-out-of-necessity",
    "correlation-not-causation",
    "repression-is-not-isis-support",
    "penetration-is-counterterrorism",
    "defectors-unnamed",
    "regime-fights-bigger-threat-first",
    "white-gives-no-evidence",
    "pax-evidence-not-given",
    "iraq-history-is-a-different-case",
}
TOP_LEVEL_ARGUMENTS = [
    "releases-argument",
    "doctrine-argument",
    "facilitation-argument",
    "sparing-argument",
    "economic-argument",
    "history-argument",
]
SOURCES = {
    "article",
    "mamlouk-2010",
    "jeffrey-white",
    "pax-report",
    "sinjar-records",
    "ctc-report",
    "barzani-interview",
    "defector-interviews",
    "unnamed-estimate",
    "unnamed-research",
}
ANONYMOUS_SOURCES = {"defector-interviews", "unnamed-estimate", "unnamed-research"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
LIST_KINDS = {
    "premises": "premise",
    "correlations": "correlation",
    "counterpoints": "counterpoint",
    "rebuttals": "rebuttal",
    "undercuts": "undercut",
    "assumptions": "assumption",
}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return yaml.safe_load(MAP.read_text(encoding="utf-8"))


def walk(claim: dict[str, Any], kind: str = "thesis") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every written-out claim with its kind, the thesis first; references are skipped."""
    yield kind, claim
    for holder in [claim, *claim.get("arguments", [])]:
        for key, child_kind in LIST_KINDS.items():
            for child in holder.get(key, []):
                if "ref" not in child:
                    yield from walk(child, child_kind)


def arguments(claim: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every linked argument written in the map, with its conclusion's id under "conclusion"."""
    for _kind, c in walk(claim):
        for argument in c.get("arguments", []):
            yield {**argument, "conclusion": c["id"]}


def refs(claim: dict[str, Any]) -> Iterator[str]:
    for holder in [claim, *claim.get("arguments", [])]:
        for key in LIST_KINDS:
            for child in holder.get(key, []):
                if "ref" in child:
                    yield child["ref"]
                else:
                    yield from refs(child)


def cited_source(citation: str | dict[str, Any]) -> str:
    return citation if isinstance(citation, str) else citation["source"]


def quotes(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for _kind, claim in walk(doc["thesis"]):
        for citation in claim.get("cite", []):
            if isinstance(citation, dict) and "quote" in citation:
                yield claim["id"], citation["quote"]


def normalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return text.replace("\u2013", "-").replace("\u2014", "-")


def require_article() -> str:
    if not ARTICLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the article snapshot is missing: {ARTICLE}")
        else:
            pytest.skip(f"the article snapshot is not on this machine: {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


def test_first_line_points_at_the_schema() -> None:
    first = MAP.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/argmap.schema.json"


def test_thesis(doc: dict[str, Any]) -> None:
    assert doc["argmap"] == 2
    assert doc["analyses"] == "article"
    assert doc["thesis"]["id"] == THESIS_ID


def test_claim_counts_by_kind(doc: dict[str, Any]) -> None:
    counts = Counter(kind for kind, _claim in walk(doc["thesis"]))
    assert dict(counts) == EXPECTED_COUNTS


def test_top_level_branches(doc: dict[str, Any]) -> None:
    thesis = doc["thesis"]
    assert [a["id"] for a in thesis["arguments"]] == TOP_LEVEL_ARGUMENTS
    assert "premises" not in thesis and "correlations" not in thesis


def test_schemes(doc: dict[str, Any]) -> None:
    schemes = {a["id"]: a["scheme"] for a in arguments(doc["thesis"]) if "scheme" in a}
    assert schemes == SCHEMES


def test_undercuts(doc: dict[str, Any]) -> None:
    assert {c["id"] for kind, c in walk(doc["thesis"]) if kind == "undercut"} == UNDERCUTS


def test_the_conclusion_is_inferred_and_does_not_support_itself(doc: dict[str, Any]) -> None:
    thesis = doc["thesis"]
    assert thesis["inferred"] is True
    ids = {c["id"] for _kind, c in walk(thesis)}
    assert "pragmatic-policy-toward-isis" not in ids
    assert THESIS_ID not in set(refs(thesis))


def test_the_bribes_are_about_the_protesters(doc: dict[str, Any]) -> None:
    claims = {c["id"]: (kind, c) for kind, c in walk(doc["thesis"])}
    assert "some-prisoners-bought-release" not in claims
    kind, bribes = claims["protesters-paid-bribes-for-release"]
    assert kind == "premise"
    assert "corruption" not in bribes["claim"]
    assert "protesters" in bribes["claim"]
    assert "bribe" not in claims["motive-is-inferred"][1]["claim"]


def test_rare_combat_has_an_objection(doc: dict[str, Any]) -> None:
    sparing = next(a for a in doc["thesis"]["arguments"] if a["id"] == "sparing-argument")
    assert [p["id"] for p in sparing["premises"]] == ["rare-combat-with-isis"]
    assert [u["id"] for u in sparing["undercuts"]] == ["regime-fights-bigger-threat-first"]
    raised = {u.get("raises") for a in arguments(doc["thesis"]) for u in a.get("undercuts", []) if "id" in u}
    assert "backup-evidence" in raised


def test_opposing_view_and_hedges(doc: dict[str, Any]) -> None:
    claims = {c["id"]: c for _kind, c in walk(doc["thesis"])}
    assert claims["regime-presents-itself-as-isis-foe"]["tags"] == ["opposing-view"]
    assert "seem to" in claims["green-light-to-militants"]["claim"]
    assert "more likely" in claims["white-on-tacit-assistance"]["claim"]
    assert "According to" in claims["pax-opposition-seen-as-bigger-threat"]["claim"]
    assert "what a double game looks like" not in claims["double-game-reading"]["claim"]
    assert "terrorist groups" in claims["penetration-doctrine"]["claim"]
    assert [cited_source(c) for c in claims["sinjar-606-fighters"]["cite"]][:1] == ["sinjar-records"]
    assert "ctc-report" not in [cited_source(c) for c in claims["sinjar-606-fighters"]["cite"]]
    assert "unnamed-estimate" in [cited_source(c) for c in claims["isis-doubled-by-2012"]["cite"]]


def test_ids_are_unique_slugs_and_refs_resolve(doc: dict[str, Any]) -> None:
    ids = [claim["id"] for _kind, claim in walk(doc["thesis"])]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) for i in ids)
    assert all(SLUG.match(s) for s in doc["sources"])
    assert set(refs(doc["thesis"])) <= set(ids)


def test_sources(doc: dict[str, Any]) -> None:
    sources = doc["sources"]
    assert set(sources) == SOURCES
    article = sources["article"]
    assert article["kind"] == "article"
    assert not {"url", "date", "author", "publisher", "via"} & set(article)
    assert article["note"]
    for source_id, record in sources.items():
        if source_id != "article":
            assert record["via"] == "article", source_id
            assert "url" not in record, source_id
        assert bool(record.get("anonymous")) == (source_id in ANONYMOUS_SOURCES), source_id
    assert sources["pax-report"]["date"] == "2015"
    assert sources["mamlouk-2010"]["date"] == "2010"
    assert sources["ctc-report"]["date"] == "2008"


def test_every_source_is_cited(doc: dict[str, Any]) -> None:
    cited = {cited_source(citation) for _kind, claim in walk(doc["thesis"]) for citation in claim.get("cite", [])}
    assert cited == set(doc["sources"])


def test_every_claim_but_the_thesis_cites(doc: dict[str, Any]) -> None:
    uncited = [
        claim["id"]
        for kind, claim in walk(doc["thesis"])
        if kind not in ("thesis", "assumption") and not claim.get("inferred") and not claim.get("cite")
    ]
    assert uncited == []


def test_no_locators(doc: dict[str, Any]) -> None:
    # The article gives no pages or paragraph numbers, so the map adds none.
    for _kind, claim in walk(doc["thesis"]):
        for citation in claim.get("cite", []):
            assert not (isinstance(citation, dict) and "locator" in citation), claim["id"]


def test_correlations_name_at_least_two_variables(doc: dict[str, Any]) -> None:
    for kind, claim in walk(doc["thesis"]):
        if kind == "correlation":
            assert len(claim["between"]) >= 2, claim["id"]


def test_counterpoints_are_tagged(doc: dict[str, Any]) -> None:
    for kind, claim in walk(doc["thesis"]):
        if kind in ("counterpoint", "undercut"):
            assert {"conceded", "objection", "opposing-view"} & set(claim.get("tags", [])), claim["id"]


def test_every_quote_is_in_the_article() -> None:
    text = require_article()
    doc = yaml.safe_load(MAP.read_text(encoding="utf-8"))
    article = normalise(text)
    paragraphs = [normalise(line) for line in text.splitlines()]
    missing = [(cid, q) for cid, q in quotes(doc) if normalise(q) not in article]
    assert missing == []
    spanning = [(cid, q) for cid, q in quotes(doc) if not any(normalise(q) in paragraph for paragraph in paragraphs)]
    assert spanning == []


def test_quotes_are_short_and_cover_at_most_30_percent() -> None:
    text = require_article()
    doc = yaml.safe_load(MAP.read_text(encoding="utf-8"))
    covered = [False] * len(text)
    for cid, quote in quotes(doc):
        assert len(quote.split()) <= 25, cid
        start = text.find(quote)
        assert start >= 0, (cid, quote)
        while start >= 0:
            covered[start : start + len(quote)] = [True] * len(quote)
            start = text.find(quote, start + 1)
    assert sum(covered) / len(text) <= 0.30


def test_eval_verdict_rests_on_the_sparing_line() -> None:
    result = run_argmap("eval", str(MAP), "--explain", THESIS_ID)
    assert result.returncode == 0, result.stderr
    assert "stands only via 'sparing-argument'" in result.stdout


def run_argmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_argmap_validate_is_clean() -> None:
    result = run_argmap("validate", str(MAP))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output


def test_the_map_is_in_the_canonical_layout() -> None:
    result = run_argmap("fmt", "--check", "maps/")
    assert (result.returncode, result.stdout + result.stderr) == (0, "0 files would be reformatted, 1 unchanged\n")


def test_argmap_validate_against_the_article() -> None:
    require_article()
    result = run_argmap("validate", str(MAP), "--snapshot", f"article={ARTICLE}")
    assert result.returncode == 0, result.stdout + result.stderr
