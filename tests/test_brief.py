"""argmap brief: golden briefs for the Assad map (both sides, Markdown and HTML), hostile text that
must stay text in both formats, and the command's options and errors."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_in_process as run
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap.analysis.evaluate import evaluate
from argmap.debate.brief import build_brief, safe_url, to_html, to_markdown
from argmap.model import ArgMap, Citation, Claim, ClaimKind, Edge, Position, Source
from argmap.text.markup import md_escape

ROOT = Path(__file__).resolve().parents[1]
ASSAD = ROOT / "maps" / "assad_isis.yaml"
GOLDEN = ROOT / "tests" / "debate"
REGEN = os.environ.get("ARGMAP_REGEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("side", ["for", "against"])
def test_markdown_golden(side: str) -> None:
    code, out, err = run("brief", str(ASSAD), "--side", side)
    assert code == 0 and err == ""
    check_golden(f"brief_assad_{side}.md", out)


@pytest.mark.parametrize("side", ["for", "against"])
def test_html_golden(side: str, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    code, out, err = run("brief", str(ASSAD), "--side", side, "-o", str(target))
    assert (code, out, err) == (0, "", "")
    check_golden(f"brief_assad_{side}.html", target.read_text(encoding="utf-8"))


def test_brief_sections_for_the_defender() -> None:
    out = run("brief", str(ASSAD))[1]
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Thesis",
        "## Case outline",
        "## Blocks",
        "## Weak points to shore up",
        "## Cross-examination questions to expect",
        "## Bibliography",
    ]
    assert out.count("**NO PREPARED ANSWER**") == 14  # the map's unanswered counterpoints and undercuts


def test_brief_sections_for_the_attacker() -> None:
    out = run("brief", str(ASSAD), "--side", "against")[1]
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## The thesis you attack",
        "## The case you face",
        "## Lines of attack",
        "## Weak points to exploit",
        "## Cross-examination questions to ask",
        "## Bibliography",
    ]
    assert "The defender will answer with:" in out


def test_brief_lists_the_ranked_weak_points_and_asks_one_question_per_cause() -> None:
    out = run("brief", str(ASSAD), "--side", "against")[1]
    weak = out.split("## Weak points to exploit\n\n")[1].split("\n\n## ")[0]
    items = [line for line in weak.splitlines() if line.startswith("- ")]
    # the 59 weak points of argmap gaps above info, worst first, capped at 15 with a count of the rest
    assert len(items) == 15 and items[0].startswith(
        "- **critical unanswered** (weak point 1): undercut 'iraq-released-prisoners-too' against 'assad-helped-isis-rise'"
    )
    assert items[4].startswith("- **critical unsupported** (weak point 5): anonymous source 'unnamed-research'")
    assert weak.endswith("And 44 more weak points: run argmap gaps for every one.")
    questions = out.split("## Cross-examination questions to ask\n\n")[1].split("\n\n## ")[0].splitlines()
    assert len(questions) == 15
    causes = [q.rsplit("; weak point ", 1)[1] for q in questions]
    assert causes == [f"{n})" for n in range(1, 16)]  # one question per ranked item: no two about one cause
    assert questions[0].startswith("- “The claim that the releases were instrumental covers al-Maliki's releases")
    assert any(q.startswith("- Who exactly is behind “Research the article cites as") for q in questions)


def test_a_citation_without_quote_or_locator_asks_where_the_source_says_it(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: Car-free centres\nanalyses: op-ed\n"
        "sources:\n  op-ed: {title: Ban the car, kind: article, author: A. Writer, date: 2024-05-01}\n"
        "thesis:\n  id: ban-cars\n  claim: Cities should ban private cars from their centres.\n  cite: [op-ed]\n",
        encoding="utf-8",
    )
    code, out, _ = run("brief", str(path), "--side", "against")
    questions = out.split("## Cross-examination questions to ask\n\n")[1].split("\n\n## ")[0].splitlines()
    assert code == 0
    assert questions == [
        "- Where exactly does “Ban the car” say that “Cities should ban private cars from their centres.”? "
        "(`ban-cars`; weak point 1)"
    ]


def test_brief_names_each_source_once_and_marks_conceded_and_objection() -> None:
    out = run("brief", str(ASSAD))[1]
    outline = out.split("## Blocks")[0]
    # the outline cites by short label; the full title is in the bibliography only
    assert "Opinion article on the Assad regime" not in outline
    assert out.count("Opinion article on the Assad regime") == 1
    assert (
        "### Block 14: `fuel-bought-out-of-necessity` (stands) **CONCEDED BY THE TEXT** \\[side: against the thesis\\]"
        in out
    )
    assert "### Block 7: `few-named-men-tied-to-isis` (stands) **\\[objection\\]**" in out


def test_short_brief_fits_on_about_two_pages() -> None:
    for side in ("for", "against"):
        code, out, _ = run("brief", str(ASSAD), "--side", side, "--length", "short")
        assert code == 0
        # about two printed pages: the Assad map's short brief is some 1,270 words in 81 lines
        assert len(out.split()) < 1300 and len(out.splitlines()) < 90, (len(out.split()), len(out.splitlines()))
        assert out.count("**NO PREPARED ANSWER**") == 14  # every unanswered attack is still there, one line each
    full = run("brief", str(ASSAD), "--side", "against")[1]
    assert len(full.split()) < 6000  # was 9,282 words before the brief named each source once
    code, _, err = run("brief", str(ASSAD), "--length", "tiny")
    assert code == 2 and "tiny" in err


# --- hostile text -------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![i](javascript:alert(1))",
    "`code` and ``` fences",
    "**bold** _em_ ~~del~~ | a | b |",
    "# heading\n- item\n1. one\n> quote\n    indented\n===",
    '<a href="javascript:alert(1)">x</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt; &#106;avascript:",
    "[link]: javascript:alert(1)\n[ref][link]",
    "<javascript:alert(1)> <https://ok.example/>",
    "\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\ \x00 \u202e",
    '" onmouseover="alert(1)',
    "back\\slash\\",
]
P = Position("h.yaml", 1, 1)


def hostile_map() -> ArgMap:
    claims = [Claim("t", HOSTILE[0], ClaimKind.THESIS, P)]
    edges = []
    for i, text in enumerate(HOSTILE):
        claims.append(
            Claim(f"p{i}", text, ClaimKind.PREMISE, P, parent="t", cites=(Citation("s0", P, quote=text, locator=text),))
        )
        edges.append(Edge(f"p{i}", "t", ClaimKind.PREMISE, P))
        claims.append(
            Claim(f"c{i}", text, ClaimKind.COUNTERPOINT, P, parent=f"p{i}", cites=(Citation(f"s{i}", P, quote=text),))
        )
        edges.append(Edge(f"c{i}", f"p{i}", ClaimKind.COUNTERPOINT, P))
    sources = [
        Source(f"s{i}", P, title=text, kind="web", author=text, url=url)
        for i, (text, url) in enumerate(
            zip(
                HOSTILE,
                [
                    "javascript:alert(1)",
                    'https://ok.example/a b"onmouseover=alert(1)',
                    "data:text/html,<script>",
                    "http://ok.example/(x)<y>",
                    "vbscript:msgbox",
                    " javascript:alert(1)",
                    "HTTPS://OK.EXAMPLE/",
                    "https://ok.example/\x00",
                    "//evil.example",
                    "file:///etc/passwd",
                    "http:",
                    "https://ok.example/é",
                    "https://ok.example/?q='\"",
                    "java\nscript:alert(1)",
                ],
                strict=False,
            )
        )
    ]
    return ArgMap(
        file="h.yaml", title=HOSTILE[0], sources=tuple(sources), thesis="t", claims=tuple(claims), edges=tuple(edges)
    )


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_safe_html(page: str) -> None:
    parser = Collector()
    parser.feed(page)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "link", "base", "form"), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert value is not None and value.lower().startswith(("http://", "https://")), value
    assert "\x1b" not in page and "\x00" not in page and "\u202e" not in page


@pytest.mark.parametrize("side", ["for", "against"])
def test_hostile_text_stays_text_in_html(side: str) -> None:
    m = hostile_map()
    page = to_html(build_brief(m, side=side, evaluation=evaluate(m), gaps=[]), title=m.title)
    assert_safe_html(page)
    parser = Collector()
    parser.feed(page)
    hrefs = [dict(a)["href"] for t, a in parser.tags if t == "a"]
    assert hrefs == [
        "http://ok.example/%28x%29%3Cy%3E",
        "HTTPS://OK.EXAMPLE/",
        "https://ok.example/%C3%A9",
        "https://ok.example/?q=%27%22",
    ]


@pytest.mark.parametrize("side", ["for", "against"])
def test_hostile_text_stays_text_in_markdown(side: str) -> None:
    m = hostile_map()
    markdown = to_markdown(build_brief(m, side=side, evaluation=evaluate(m), gaps=[]))
    assert "\x1b" not in markdown and "\x00" not in markdown
    for renderer in (
        MarkdownIt("commonmark"),
        MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]),
    ):
        rendered = renderer.render(markdown)
        assert_safe_html(rendered)
        links = [dict(a)["href"] for t, a in _tags(rendered) if t == "a"]
        assert links == [
            "http://ok.example/%28x%29%3Cy%3E",
            "HTTPS://OK.EXAMPLE/",
            "https://ok.example/%C3%A9",
            "https://ok.example/?q=%27%22",
        ]
        assert "<h1>" in rendered and rendered.count("<h1>") == 1  # only the brief's own title
        assert "<blockquote>" in rendered and "<code>" in rendered  # the brief's own markup survives
        assert "<em>" not in rendered and "<del>" not in rendered and "<table>" not in rendered


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Collector()
    parser.feed(page)
    return parser.tags


def test_md_escape_round_trips_through_a_renderer() -> None:
    renderer = MarkdownIt("commonmark")
    for text in HOSTILE[:11]:
        flat = " ".join(text.split())
        rendered = renderer.renderInline(md_escape(text)).replace("\u200b", "")  # see test_safety_gfm.py
        assert rendered == flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
            '"', "&quot;"
        ), text


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://example.org/a b", None),
        ("https://example.org/é", "https://example.org/%C3%A9"),
        ("http://example.org/(x)", "http://example.org/%28x%29"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("//example.org", None),
        ("https://", None),
        ("https://ex.org/\x07", None),
        (" https://lead.space/", None),
        ("https://trail.space/ ", None),
        ("https://ex.org/\x7f", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


# --- the command ----------------------------------------------------------------------------------


def test_output_extension_must_be_md_or_html(tmp_path: Path) -> None:
    code, _, err = run("brief", str(ASSAD), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "ends in none of .md, .markdown, .html, .htm" in err
    assert not (tmp_path / "x.pdf").exists()


def test_markdown_file_output_equals_stdout(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    assert run("brief", str(ASSAD), "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == run("brief", str(ASSAD))[1]


def test_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    copy = tmp_path / "m.md"
    copy.write_bytes(ASSAD.read_bytes())
    code, _, err = run("brief", str(copy), "-o", str(copy))
    assert code == 2 and "refusing to overwrite the input map" in err
    assert copy.read_bytes() == ASSAD.read_bytes()


def test_missing_directory_is_an_io_error(tmp_path: Path) -> None:
    code, _, err = run("brief", str(ASSAD), "-o", str(tmp_path / "no" / "x.html"))
    assert code == 2 and "does not exist" in err


def test_brief_end_to_end_in_a_subprocess(tmp_path: Path) -> None:
    target = tmp_path / "b.html"
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "brief", str(ASSAD), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert_safe_html(target.read_text(encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == (GOLDEN / "brief_assad_for.html").read_text(encoding="utf-8")


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "#",
            "##",
            ">",
            "-",
            "+",
            "*",
            "_",
            "=",
            "1.",
            "2)",
            "10.",
            "`",
            "```",
            "~~~",
            "[",
            "]",
            "(",
            ")",
            "!",
            "<",
            ">",
            "&",
            "&amp;",
            "|",
            "\\",
            "    ",
            " ",
            "\n",
            "a",
            "b c",
            "http://x.y",
            "<b>",
            "<!--",
            "***",
            "---",
            "===",
            ":warning:",
            "[x](javascript:y)",
            "![i](x)",
            "<https://a.b>",
            "\t",
            "é",
            "{",
            "}",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(MARKDOWNISH)
def test_md_escape_renders_literally_as_a_block(text: str) -> None:
    """Escaped map text, as a whole paragraph of its own, renders as exactly that text."""
    import html as html_module

    renderer = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    flat = " ".join(text.split())
    # zero-width spaces break GitHub's autolinks, mentions and workflow commands; nothing else is added
    rendered = renderer.render(md_escape(text)).replace("\u200b", "")
    expected = f"<p>{html_module.escape(flat, quote=True)}</p>\n" if flat else ""
    assert rendered == expected.replace("&#x27;", "'"), repr(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(MARKDOWNISH, min_size=1, max_size=3))
def test_md_escape_renders_literally_in_table_cells(texts: list[str]) -> None:
    """Escaped map text in the cells of a table row (as gaps' markdown format writes them) stays in its
    own cell and renders as exactly that text: no `|` splits a cell, nothing becomes markup."""
    import html as html_module
    import re

    renderer = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    header = "| " + " | ".join(f"h{n}" for n in range(len(texts))) + " |"
    rule = "|" + "---|" * len(texts)
    row = "| " + " | ".join(md_escape(text) for text in texts) + " |"
    rendered = renderer.render(f"{header}\n{rule}\n{row}\n")
    assert rendered.count("<tr>") == 2, repr(texts)
    cells = re.findall(r"<td>(.*?)</td>", rendered.replace("\u200b", ""), re.DOTALL)
    expected = [html_module.escape(" ".join(text.split()), quote=True).replace("&#x27;", "'") for text in texts]
    assert cells == expected, repr(texts)


def test_format_option_and_extension(tmp_path: Path) -> None:
    code, out, _ = run("brief", str(ASSAD), "-f", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, _, err = run("brief", str(ASSAD), "-f", "md", "-o", str(tmp_path / "b.html"))
    assert code == 2 and "does not match the extension" in err
    code, _, _ = run("brief", str(ASSAD), "-o", str(tmp_path / "b.htm"))
    assert code == 0 and (tmp_path / "b.htm").read_text().startswith("<!DOCTYPE html>")
    code, _, err = run("brief", str(ASSAD), "-o", str(tmp_path / "b.txt"))
    assert code == 2 and "ends in none of .md, .markdown, .html, .htm" in err
