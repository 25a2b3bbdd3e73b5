"""Small random maps as YAML text for the property tests of gaps and show.

Unlike bench/genmap.py (clean, uniform maps), these vary what gaps look at: sources with or without
url/date/author, `via` chains (sometimes to the analysed text), anonymous sources, claims without
citations or quotes, correlations, unanswered counterpoints and `ref`s anywhere (support cycles too).
"""

from __future__ import annotations

import random

import yaml

SUPPORT_LISTS = ("premises", "correlations")


def random_map(seed: int, n_claims: int) -> str:
    """YAML text of a loadable map with `n_claims` claims (it may have validation errors)."""
    rng = random.Random(seed)
    n_sources = rng.randint(1, 5)
    ids = [f"s{i}" for i in range(n_sources)]
    sources: dict[str, dict[str, object]] = {}
    for i, sid in enumerate(ids):
        record: dict[str, object] = {"title": f"Source {i}", "kind": rng.choice(["report", "article", "video"])}
        if rng.random() < 0.5:
            record["url"] = f"https://example.org/{sid}"
        if rng.random() < 0.5:
            record["date"] = "2020"
        if rng.random() < 0.4:
            record["author"] = f"Author {i}"
        if rng.random() < 0.2:
            record["anonymous"] = True
        if i > 0 and rng.random() < 0.4:
            record["via"] = ids[rng.randrange(i)]
        sources[sid] = record
    document: dict[str, object] = {"argmap": 1, "title": f"Random map {seed}"}
    if rng.random() < 0.7:
        document["analyses"] = ids[0]
    document["sources"] = sources
    claims: list[tuple[str, dict[str, object], str]] = []  # (id, node, kind)

    def new_claim(kind: str) -> dict[str, object]:
        claim_id = f"c{len(claims)}"
        node: dict[str, object] = {"id": claim_id, "claim": f"Claim {len(claims)} [bold]x[/] :warning:"}
        if kind == "correlation":
            node["between"] = ["a", "b"]
        if kind == "thesis" or rng.random() < 0.9:
            cites: list[object] = []
            for _ in range(rng.randint(1, 2)):
                source = rng.choice(ids)
                style = rng.random()
                if style < 0.4:
                    cites.append(source)
                elif style < 0.7:
                    cites.append({"source": source, "quote": "words"})
                else:
                    cites.append({"source": source, "locator": "p. 1"})
            node["cite"] = cites
        claims.append((claim_id, node, kind))
        return node

    thesis = new_claim("thesis")
    document["thesis"] = thesis
    while len(claims) < n_claims:
        parent_id, parent, parent_kind = rng.choice(claims)
        if parent_kind == "counterpoint":
            key = rng.choice(["rebuttals", "premises"])
        else:
            key = rng.choice(["premises", "premises", "correlations", "counterpoints"])
        kind = {
            "premises": "premise",
            "correlations": "correlation",
            "counterpoints": "counterpoint",
            "rebuttals": "rebuttal",
        }[key]
        items = parent.setdefault(key, [])
        assert isinstance(items, list)
        if len(claims) > 2 and rng.random() < 0.15:
            target = rng.choice(claims)[0]
            if target != parent_id and not any(isinstance(x, dict) and x.get("ref") == target for x in items):
                items.append({"ref": target})
                continue
        items.append(new_claim(kind))
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
