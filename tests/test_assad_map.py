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
EXPECTED_COUNTS = {"thesis": 1, "premise": 35, "correlation": 5, "counterpoint": 18, "rebuttal": 5}
TOP_LEVEL_PREMISES = [
    "prisoner-releases-2011",
    "penetration-doctrine",
    "facilitated-armed-brigades",
    "discrediting-the-uprising",
    "repression-of-activists",
    "rare-combat-with-isis",
    "economic-relationship-with-isis",
    "jihadist-flow-into-iraq",
    "pragmatic-policy-toward-isis",
]
TOP_LEVEL_CORRELATIONS = [
    "releases-correlate-with-activist-arrests",
    "releases-correlate-with-few-combats",
    "releases-correlate-with-economic-cooperation",
    "releases-correlate-with-iraq-link",
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
    "unnamed-research",
}
ANONYMOUS_SOURCES = {"defector-interviews", "unnamed-research"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
LIST_KINDS = {
    "premises": "premise",
    "correlations": "correlation",
    "counterpoints": "counterpoint",
    "rebuttals": "rebuttal",
}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return yaml.safe_load(MAP.read_text(encoding="utf-8"))


def walk(claim: dict[str, Any], kind: str = "thesis") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every written-out claim with its kind, the thesis first; references are skipped."""
    yield kind, claim
    for key, child_kind in LIST_KINDS.items():
        for child in claim.get(key, []):
            if "ref" not in child:
                yield from walk(child, child_kind)


def refs(claim: dict[str, Any]) -> Iterator[str]:
    for key in LIST_KINDS:
        for child in claim.get(key, []):
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
    assert doc["argmap"] == 1
    assert doc["analyses"] == "article"
    assert doc["thesis"]["id"] == THESIS_ID


def test_claim_counts_by_kind(doc: dict[str, Any]) -> None:
    counts = Counter(kind for kind, _claim in walk(doc["thesis"]))
    assert dict(counts) == EXPECTED_COUNTS


def test_top_level_branches(doc: dict[str, Any]) -> None:
    thesis = doc["thesis"]
    assert [c.get("id") for c in thesis["premises"]] == TOP_LEVEL_PREMISES
    assert [c.get("id") for c in thesis["correlations"]] == TOP_LEVEL_CORRELATIONS


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
    uncited = [claim["id"] for kind, claim in walk(doc["thesis"]) if kind != "thesis" and not claim.get("cite")]
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
        if kind == "counterpoint":
            assert {"conceded", "objection"} & set(claim.get("tags", [])), claim["id"]


def test_every_quote_is_in_the_article() -> None:
    text = require_article()
    doc = yaml.safe_load(MAP.read_text(encoding="utf-8"))
    article = normalise(text)
    paragraphs = [normalise(line) for line in text.splitlines()]
    missing = [(cid, q) for cid, q in quotes(doc) if normalise(q) not in article]
    assert missing == []
    spanning = [(cid, q) for cid, q in quotes(doc) if not any(normalise(q) in paragraph for paragraph in paragraphs)]
    assert spanning == []


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


def test_argmap_validate_against_the_article() -> None:
    require_article()
    result = run_argmap("validate", str(MAP), "--snapshot", f"article={ARTICLE}")
    assert result.returncode == 0, result.stdout + result.stderr
