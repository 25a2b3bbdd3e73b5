"""The interactive page of `argmap render -o map.html` in a real browser: Debian's Chromium, driven
by Playwright, opens the written file from disk and the tests click, type and read the DOM.

One browser serves the whole module. Under CI a missing Playwright or Chromium fails the module;
elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ASSAD = ROOT / "maps" / "assad_isis.yaml"
CHROMIUM = "/usr/bin/chromium"
#: flags that let Debian's Chromium run headless as root, offline, with nothing of its own in the background
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: what a payload in the hostile map would set, had it run
PWNED = "window.__pwned=1"
PAYLOADS = [
    f"</script><script>{PWNED}</script>",
    f'<img src=x onerror="{PWNED}">',
    f"<svg onload={PWNED}>",
    "<!-- ]]> <![CDATA[ x ]]>",
    f'<a href="javascript:{PWNED}">link</a>',
    "{{data}} {{script}} \u2028 \u2029 <style>* { display: none }</style>",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"the browser tests must run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        _unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Opened:
    """A page opened from disk, with every request it made and every error it reported."""

    def __init__(self, page: Any, url: str) -> None:
        self.page = page
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.failed: list[tuple[str, str]] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append((request.url, str(request.failure))))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

    def goto(self, fragment: str = "") -> Any:
        self.page.goto(self.url + fragment)
        self.page.wait_for_selector("html[data-ready='1']")
        return self.page

    def js(self, expression: str, arg: object = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Path], Opened]]:
    contexts: list[Any] = []

    def opener(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        return Opened(context.new_page(), path.resolve().as_uri())

    yield opener
    for context in contexts:
        context.close()


def _render(source: Path, out: Path) -> dict[str, Any]:
    """Render `source` to the page `out`; the page's data, read back from its JSON element."""
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(page.split('id="argmap-data">', 1)[1].split("</script>", 1)[0])
    return data


@pytest.fixture(scope="module")
def assad(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("assad") / "assad_isis.html"
    return out, _render(ASSAD, out)


SMALL = """\
argmap: 1
title: Uniforms
sources:
  op-ed: {title: Why uniforms work, kind: article, url: "https://example.org/uniforms"}
  survey: {title: A survey of parents, kind: report}
thesis:
  id: uniforms-help
  claim: Schools should require uniforms.
  premises:
    - id: less-bullying
      claim: Uniforms reduce bullying about clothes.
      cite:
        - source: op-ed
          quote: fewer taunts about brands
          locator: para. 4
      premises:
        - id: brands-matter
          claim: Children tease each other about brands.
          cite: [survey]
  counterpoints:
    - id: cost
      claim: Uniforms cost poor families money.
      cite: [survey]
      rebuttals:
        - id: cheaper
          claim: A uniform costs less than the clothes children would otherwise demand.
          cite: [op-ed]
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    (folder / "small.yaml").write_text(SMALL, encoding="utf-8")
    out = folder / "small.html"
    _render(folder / "small.yaml", out)
    return out


def _wait_for(page: Any, predicate: str, arg: object = None) -> None:
    """Wait until the function `predicate` is true in the page (Playwright's own wait_for_function
    evaluates a string, which the page's CSP forbids, as it should)."""
    for _ in range(250):
        if page.evaluate(predicate, arg):
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"still false after 5 s: {predicate}")


def _shown_ids(page: Any) -> list[str]:
    """The ids of the outline rows a reader can see, top to bottom."""
    ids: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('#tree li')).filter(li => li.firstChild.offsetParent !== null)"
        ".map(li => li.querySelector(':scope > .row > .cid').textContent)"
    )
    return ids


def test_the_small_map_opens_with_every_claim_and_no_request(open_page: Callable[[Path], Opened], small: Path) -> None:
    opened = open_page(small)
    page = opened.goto()
    assert page.title() == "Uniforms"
    assert page.text_content("#title") == "Uniforms"
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "brands-matter", "cost", "cheaper"]
    assert page.get_attribute("#tree > li", "aria-selected") == "true"
    assert page.text_content("#panel h2") == "Schools should require uniforms."
    facts = page.locator("#panel dl").first.locator("dt, dd").all_text_contents()
    assert facts == [
        "id", "uniforms-help", "kind", "thesis", "side", "for",
        "eval", "stands: supported by 'less-bullying', which stands; every attacker falls ('cost')",
        "permalink", "#uniforms-help",
    ]  # fmt: skip
    assert page.locator("#canvas svg g.node[data-claim]").count() == 5
    # the diagram's own legend is drawn (the page's overlay legend must not hide it): the map's four
    # kinds (no correlation) and the two sample arrows, each between two words
    assert page.locator("#canvas g.node.legend").count() == 8
    assert all(box.is_visible() for box in page.locator("#canvas g.node.legend").all())
    assert opened.requests == [opened.url]
    assert opened.errors == []


def test_fold_and_unfold_with_the_twisty_keys_and_depth(open_page: Callable[[Path], Opened], small: Path) -> None:
    opened = open_page(small)
    page = opened.goto()
    premise = page.locator(
        "#tree li[role=treeitem]", has=page.locator(":scope > .row > .cid", has_text="less-bullying")
    )
    premise.locator(":scope > .row > .twisty").click()
    assert premise.get_attribute("aria-expanded") == "false"
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "cost", "cheaper"]
    # the diagram hides the folded branch too: one box and the edge to it
    assert page.locator("#canvas g.node.dim").count() == 1
    assert page.locator("#canvas g.node.folded-here").count() == 1
    premise.locator(":scope > .row > .twisty").click()
    assert premise.get_attribute("aria-expanded") == "true"
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "brands-matter", "cost", "cheaper"]
    assert page.locator("#canvas g.node.dim").count() == 0

    page.click("#collapse-all")
    assert _shown_ids(page) == ["uniforms-help"]
    assert page.locator("#canvas g.node.dim").count() == 4
    page.fill("#depth", "1")
    page.click("#depth-apply")
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "cost"]
    page.click("#expand-all")
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "brands-matter", "cost", "cheaper"]

    # keyboard: ArrowDown moves the selection, ArrowLeft folds, ArrowRight unfolds
    page.click("#tree > li > .row .text")
    page.keyboard.press("ArrowDown")
    assert page.text_content("#panel h2") == "Uniforms reduce bullying about clothes."
    page.keyboard.press("ArrowLeft")
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "cost", "cheaper"]
    page.keyboard.press("ArrowRight")
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "brands-matter", "cost", "cheaper"]
    assert opened.errors == []


def test_clicking_a_box_in_the_diagram_selects_its_claim(open_page: Callable[[Path], Opened], small: Path) -> None:
    opened = open_page(small)
    page = opened.goto()
    page.click("#canvas g.node[data-claim=cost]")
    assert page.text_content("#panel h2") == "Uniforms cost poor families money."
    selected = page.locator("#tree li[aria-selected=true] > .row > .cid")
    assert selected.text_content() == "cost"
    assert page.locator("#canvas g.node.selected").count() == 1
    assert page.get_attribute("#canvas g.node.selected", "data-claim") == "cost"
    assert opened.errors == []


def test_search_finds_a_claim_by_a_word_of_its_quote_and_the_panel_shows_the_quote(
    open_page: Callable[[Path], Opened], assad: tuple[Path, dict[str, Any]]
) -> None:
    path, data = assad
    word, claim_id = "atrocious", "atrocities-go-with-rare-combat"
    claim = next(c for c in data["claims"] if c["id"] == claim_id)
    quotes = [cite["quote"] for cite in claim["cites"] if word in cite.get("quote", "").lower()]
    assert len(quotes) == 1 and word not in claim["text"].lower()  # found by its quote alone
    opened = open_page(path)
    page = opened.goto()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type(word)
    _wait_for(page, "() => document.getElementById('search-count').textContent === '1 of 1'")
    assert page.locator("#tree li.match").count() == 1
    assert page.text_content("#tree li.match > .row > .cid") == claim_id
    snippet = page.text_content("#tree li.match .snippet")
    assert snippet is not None and snippet.startswith("quote: ") and word in snippet.lower()
    assert page.text_content("#tree li.match .snippet mark").lower() == word
    assert page.get_attribute("#tree li.match", "aria-selected") == "true"
    assert page.text_content("#panel h2") == claim["text"]
    assert page.locator("#panel blockquote.quote").all_text_contents() == [
        cite["quote"] for cite in claim["cites"] if cite.get("quote")
    ]
    assert page.locator("#canvas g.node.match").count() == 1
    assert page.evaluate("location.hash") == "#" + claim_id
    page.keyboard.press("Escape")
    assert page.input_value("#search") == ""
    assert page.locator("#tree li.match").count() == 0
    assert page.text_content("#search-count") == ""
    assert opened.errors == []


def test_search_by_id_source_and_text_counts_every_match(open_page: Callable[[Path], Opened], small: Path) -> None:
    opened = open_page(small)
    page = opened.goto()
    page.fill("#search", "survey")  # the source id, cited by two claims
    _wait_for(page, "() => document.getElementById('search-count').textContent === '1 of 2'")
    assert page.locator("#tree li.match > .row > .cid").all_text_contents() == ["brands-matter", "cost"]
    page.keyboard.press("Enter")
    assert page.text_content("#search-count") == "2 of 2"
    assert page.text_content("#panel h2") == "Uniforms cost poor families money."
    page.fill("#search", "nothing like this")
    _wait_for(page, "() => document.getElementById('search-count').textContent === 'no match'")
    assert page.locator("#tree li.match").count() == 0
    assert opened.errors == []


def test_a_permalink_selects_its_claim_and_a_new_hash_moves_the_selection(
    open_page: Callable[[Path], Opened], assad: tuple[Path, dict[str, Any]]
) -> None:
    path, data = assad
    # a claim three levels down, so that the link must open its branch
    depth: dict[str, int] = {root: 0 for root in data["roots"]}
    for parent, children in data["kids"].items():
        for child, ref in children:
            if not ref:
                depth[child] = depth.get(parent, 0) + 1
    deep = next(c for c in data["claims"] if depth.get(c["id"], 0) >= 3)
    opened = open_page(path)
    page = opened.goto("#" + deep["id"])
    assert page.text_content("#tree li[aria-selected=true] > .row > .cid") == deep["id"]
    assert page.evaluate("document.activeElement.getAttribute('aria-selected')") == "true"
    assert page.is_visible("#tree li[aria-selected=true] > .row")
    assert page.text_content("#panel h2") == deep["text"]
    assert page.locator("#canvas g.node.selected").count() == 1
    other = data["claims"][1]
    page.evaluate("id => { location.hash = id; }", other["id"])
    _wait_for(
        page,
        "id => document.querySelector('#tree li[aria-selected=true] > .row > .cid').textContent === id",
        other["id"],
    )
    assert page.text_content("#panel h2") == other["text"]
    # an unknown id leaves the selection where it was
    page.evaluate("location.hash = 'no-such-claim'")
    _wait_for(page, "() => location.hash === '#no-such-claim'")
    assert page.text_content("#panel h2") == other["text"]
    assert opened.requests == [opened.url]
    assert opened.errors == []


def test_overlays_toggle_on_the_outline_the_diagram_and_the_legend(
    open_page: Callable[[Path], Opened], assad: tuple[Path, dict[str, Any]]
) -> None:
    path, data = assad
    opened = open_page(path)
    page = opened.goto()
    with_eval = sum(1 for c in data["claims"] if c.get("eval"))
    with_side = sum(1 for c in data["claims"] if c.get("side"))
    severe = {c["id"] for c in data["claims"] if any(g.get("severity") == "critical" for g in c.get("gaps", []))}
    assert with_eval == len(data["claims"]) and with_side == len(data["claims"]) and severe

    def shown(selector: str) -> int:
        count: int = page.evaluate(
            "s => Array.from(document.querySelectorAll(s)).filter(e => getComputedStyle(e).display !== 'none').length",
            selector,
        )
        return count

    assert shown("#tree .badge") == 0 and shown("#canvas .ev-label") == 0
    assert page.is_hidden("#legend")
    page.check("#ov-eval")
    assert page.evaluate("document.body.classList.contains('ov-eval')")
    assert shown("#tree .badge.ev") == page.locator("#tree li .badge.ev").count()
    assert shown("#canvas .ev-label") == len(data["diagram"]["nodes"])
    assert page.is_visible("#legend")
    falls = page.locator("#canvas g.node.ev-falls").first
    assert falls.evaluate("g => getComputedStyle(g).opacity") == "0.6"
    page.uncheck("#ov-eval")
    assert shown("#canvas .ev-label") == 0 and shown("#tree .badge") == 0
    assert page.is_hidden("#legend")

    page.check("#ov-gaps")
    critical = page.locator("#canvas g.node.gap-critical")
    assert critical.count() == len(severe)
    stroke = critical.first.locator("path, polygon").first.evaluate("s => getComputedStyle(s).strokeWidth")
    assert stroke == "5px"
    assert "critical" in page.text_content("#legend")
    assert shown("#tree .badge.gp") == page.locator("#tree li .badge.gp").count() > 0
    page.uncheck("#ov-gaps")
    stroke = critical.first.locator("path, polygon").first.evaluate("s => getComputedStyle(s).strokeWidth")
    assert stroke != "5px"

    page.check("#ov-sides")
    against = page.locator("#canvas g.node.side-against").first.locator("path, polygon").first
    assert against.evaluate("s => getComputedStyle(s).fill") == "rgb(248, 220, 201)"
    assert page.locator("#canvas g.node.side-against").count() == sum(
        1 for c in data["claims"] if c.get("side") == "against" and c["id"] in data["diagram"]["nodes"]
    )
    assert "against" in page.text_content("#legend")
    page.uncheck("#ov-sides")
    assert against.evaluate("s => getComputedStyle(s).fill") != "rgb(248, 220, 201)"
    assert opened.errors == []


def test_the_csp_blocks_a_request_the_page_would_make(open_page: Callable[[Path], Opened], small: Path) -> None:
    opened = open_page(small)
    page = opened.goto()
    outcome = page.evaluate(
        "() => new Promise(done => {"
        " document.addEventListener('securitypolicyviolation', e => done(e.violatedDirective), {once: true});"
        " fetch('http://127.0.0.1:9/x').then(() => done('fetched'), () => {});"
        " })"
    )
    assert outcome == "connect-src"
    image = page.evaluate(
        "() => new Promise(done => {"
        " document.addEventListener('securitypolicyviolation', e => done(e.violatedDirective), {once: true});"
        " const img = document.createElement('img'); img.src = 'http://127.0.0.1:9/x.png'; document.body.appendChild(img);"
        " })"
    )
    assert image == "img-src"
    # the image was asked for and stopped by the policy before it left the browser; the fetch never started
    assert opened.requests == [opened.url, "http://127.0.0.1:9/x.png"]
    assert opened.failed == [("http://127.0.0.1:9/x.png", "csp")]


def _hostile_map() -> dict[str, Any]:
    """A map whose every free text carries script payloads; ids must match [a-z0-9_-], so they cannot."""
    texts = iter(PAYLOADS * 40)
    return {
        "argmap": 1,
        "title": next(texts),
        "description": next(texts),
        "sources": {
            "js": {"title": next(texts), "kind": "web", "url": f"javascript:{PWNED}"},
            "data": {"title": next(texts), "kind": "web", "url": f"data:text/html,<script>{PWNED}</script>"},
            "vbs": {"title": next(texts), "kind": "web", "url": f" JaVaScRiPt:{PWNED}"},
            "quoted": {"title": next(texts), "kind": "web", "url": f'https://example.org/a"onmouseover="{PWNED}'},
            "plain": {"title": next(texts), "kind": "article", "author": next(texts), "note": next(texts)},
        },
        "thesis": {
            "id": "thesis",
            "claim": next(texts),
            "note": next(texts),
            "cite": [{"source": "js", "quote": next(texts), "locator": next(texts)}],
            "premises": [
                {
                    "id": f"premise-{n}",
                    "claim": next(texts),
                    "note": next(texts),
                    "tags": [next(texts)],
                    "cite": [
                        {"source": source, "quote": next(texts), "locator": next(texts), "note": next(texts)}
                        for source in ("data", "vbs", "quoted", "plain")
                    ],
                    "counterpoints": [
                        {
                            "id": f"objection-{n}",
                            "claim": next(texts),
                            "cite": [{"source": "plain", "quote": next(texts)}],
                            "rebuttals": [{"id": f"answer-{n}", "claim": next(texts), "cite": ["quoted"]}],
                        }
                    ],
                }
                for n in range(len(PAYLOADS))
            ],
        },
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.yaml"
    source.write_text(yaml.safe_dump(_hostile_map(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = folder / "hostile.html"
    return out, _render(source, out)


def test_the_hostile_map_runs_nothing_and_requests_nothing(
    open_page: Callable[[Path], Opened], hostile: tuple[Path, dict[str, Any]]
) -> None:
    path, data = hostile
    opened = open_page(path)
    page = opened.goto()
    assert page.text_content("#title") == PAYLOADS[0]
    ids = [claim["id"] for claim in data["claims"]]
    assert len(ids) == 1 + 3 * len(PAYLOADS)
    for claim in data["claims"]:
        page.evaluate("id => { location.hash = id; }", claim["id"])
        _wait_for(
            page,
            "id => document.querySelector('#tree li[aria-selected=true] > .row > .cid').textContent === id",
            claim["id"],
        )
        assert page.text_content("#panel h2") == claim["text"]  # the payload shown as text
        assert page.locator("#panel blockquote").all_text_contents() == [
            cite["quote"] for cite in claim.get("cites", []) if cite.get("quote")
        ]
    page.click("#zoom-fit")
    for box in page.locator("#canvas g.node[data-claim]").all():
        box.click()
    for overlay in ("#ov-gaps", "#ov-eval", "#ov-sides"):
        page.check(overlay)
    for needle in ("script", "onerror", "javascript", "]]>", "<!--"):
        page.fill("#search", needle)
        page.keyboard.press("Enter")
        _wait_for(page, "() => document.getElementById('search-count').textContent.indexOf(' of ') > 0")
    page.fill("#search", "")
    page.click("#collapse-all")
    page.click("#expand-all")
    page.wait_for_timeout(100)  # let any timer or load event a payload set up fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # the map's text is never markup: no element of the page comes from it
    assert page.locator("img, iframe, object, embed, style:not(:first-of-type)").count() == 0
    assert page.locator("script").count() == 2
    assert page.locator("#canvas [onload], #canvas [onerror], #canvas [onmouseover], #canvas script").count() == 0
    # only the checked http(s) address is a link; the others are text
    page.evaluate("location.hash = 'thesis'")
    _wait_for(page, "x => document.querySelector('#panel h2').textContent === x", data["claims"][0]["text"])
    assert f"javascript:{PWNED} (not an http(s) link)" in page.locator("#panel dd").all_text_contents()
    assert page.locator("#panel a[href]").all_text_contents() == ["#thesis"]
    page.evaluate("location.hash = 'premise-0'")
    _wait_for(page, "x => document.querySelector('#panel h2').textContent === x", data["claims"][1]["text"])
    addresses = page.locator("#panel dd").all_text_contents()
    assert f"data:text/html,<script>{PWNED}</script> (not an http(s) link)" in addresses
    assert f"JaVaScRiPt:{PWNED} (not an http(s) link)" in [a.strip() for a in addresses]
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert data["sources"]["quoted"]["url"] == f'https://example.org/a"onmouseover="{PWNED}'
    assert hrefs == ["#premise-0", "https://example.org/a%22onmouseover=%22window.__pwned=1"]
    assert page.locator("#canvas a").count() == 0 or page.locator("#canvas a[href]").count() == 0
    assert opened.requests == [opened.url]
    assert opened.errors == []


def test_past_a_size_the_diagram_is_drawn_on_demand(
    open_page: Callable[[Path], Opened], small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.render import page as page_module

    monkeypatch.setattr(page_module, "DRAW_ON_DEMAND", 4)
    out = tmp_path / "on_demand.html"
    data = _render(small.with_suffix(".yaml"), out)
    assert data["diagram"]["on_demand"] is True
    opened = open_page(out)
    page = opened.goto()
    assert page.locator("#canvas svg").count() == 0
    assert page.text_content("#canvas button.draw") == "Draw the diagram (5 claims)"
    # the outline works without the diagram
    assert _shown_ids(page) == ["uniforms-help", "less-bullying", "brands-matter", "cost", "cheaper"]
    page.click("#tree li .row:has(.cid:text-is('cost')) .text")
    assert page.text_content("#panel h2") == "Uniforms cost poor families money."
    page.click("#canvas button.draw")
    assert page.locator("#canvas g.node[data-claim]").count() == 5
    assert page.get_attribute("#canvas g.node.selected", "data-claim") == "cost"
    assert page.locator("#canvas button.draw").count() == 0
    assert opened.errors == []


def test_a_large_map_opens_folded_and_builds_rows_as_branches_open(
    open_page: Callable[[Path], Opened], tmp_path: Path
) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from genmap import generate

    source = tmp_path / "large.yaml"
    source.write_text(generate(400, seed=3), encoding="utf-8")
    out = tmp_path / "large.html"
    data = _render(source, out)
    assert data["diagram"]["on_demand"] is False  # 400 claims: drawn at once
    depth: dict[str, int] = {root: 0 for root in data["roots"]}
    order = list(data["roots"])
    while order:
        parent = order.pop()
        for child, ref in data["kids"].get(parent, []):
            if not ref:
                depth[child] = depth[parent] + 1
                order.append(child)
    opened = open_page(out)
    page = opened.goto()
    # rows down to the second level below the roots, and no deeper: a folded branch has no rows yet
    rows_expected = sum(
        1 for parent, children in data["kids"].items() if depth.get(parent, 99) < 2 for _child in children
    ) + len(data["roots"])
    assert page.locator("#tree li").count() == rows_expected
    deepest = max(data["claims"], key=lambda c: depth.get(c["id"], -1))
    assert depth[deepest["id"]] >= 4
    # a permalink to the deepest claim builds and opens the rows down to it
    page.evaluate("id => { location.hash = id; }", deepest["id"])
    _wait_for(page, "x => document.querySelector('#panel h2').textContent === x", deepest["text"])
    assert page.is_visible("#tree li[aria-selected=true] > .row")
    # search marks a row that is built later, when its branch opens
    page.click("#collapse-all")
    page.fill("#search", deepest["id"])
    page.keyboard.press("Enter")
    _wait_for(page, "() => document.querySelector('#tree li.match') !== null")
    assert page.text_content("#tree li.match > .row > .cid") == deepest["id"]
    every_row = sum(len(children) for children in data["kids"].values()) + len(data["roots"])
    assert page.locator("#tree li").count() < every_row
    page.pdf()  # printing builds the rows of folded branches, which the print stylesheet shows
    assert page.locator("#tree li").count() == every_row
    page.click("#expand-all")
    assert page.locator("#tree li").count() == sum(len(children) for children in data["kids"].values()) + len(
        data["roots"]
    )
    assert page.locator("#tree li.match").count() == page.evaluate(
        "() => document.getElementById('search-count').textContent.split(' of ')[1] | 0"
    )
    assert opened.errors == []
