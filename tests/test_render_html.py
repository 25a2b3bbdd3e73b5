"""`argmap render -o map.html`: the page is one file whose map data is JSON that no map text can
break out of, with a Content-Security-Policy that allows only the page's own script and style."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import cli
from argmap.render.page import csp_hash, json_for_script

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "render" / "hostile.yaml"


def _page(tmp_path: Path, source: Path) -> str:
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_json_for_script_escapes_what_could_end_the_element() -> None:
    text = json_for_script({"t": "</script><!--&\u2028\u2029"})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"t": "</script><!--&\u2028\u2029"}


def test_hostile_map_page_carries_map_text_only_inside_the_json(tmp_path: Path) -> None:
    page = _page(tmp_path, HOSTILE)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts == ['<script type="application/json" id="argmap-data">', "<script>"]
    data_text = page.split('id="argmap-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(data_text)
    assert "javascript:" not in json.dumps([s.get("url") for s in data["sources"].values()])
    assert "onerror" not in page.replace(data_text, "")


def test_csp_allows_exactly_the_inline_script_and_style(tmp_path: Path) -> None:
    page = _page(tmp_path, ROOT / "maps" / "assad_isis.yaml")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    script = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert f"script-src {csp_hash(script)}" in policy
    assert f"style-src {csp_hash(style)}" in policy
    assert "default-src 'none'" in policy
    assert "http" not in policy


def test_the_page_of_a_large_map_draws_its_overview_at_once(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from genmap import generate

    from argmap.render.pipeline import OVERVIEW_CLAIMS, OVERVIEW_LIMIT

    source = tmp_path / "big.yaml"
    source.write_text(generate(OVERVIEW_LIMIT + 500, seed=5), encoding="utf-8")
    page = _page(tmp_path, source)
    data = json.loads(page.split('id="argmap-data">', 1)[1].split("</script>", 1)[0])
    assert 0 < len(data["diagram"]["nodes"]) <= OVERVIEW_CLAIMS  # the overview, not every claim
    assert data["diagram"]["on_demand"] is False  # small enough to draw while the outline is shown
    assert len(data["claims"]) == OVERVIEW_LIMIT + 500  # the outline holds every claim
