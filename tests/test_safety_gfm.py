"""Map text in Markdown forms no link, e-mail link or mention on GitHub.

Rendered with cmark-gfm, GitHub's own Markdown renderer (its autolink extension turns bare URLs,
`www.` addresses and e-mail addresses into links). Mentions are made by GitHub after rendering, in
the text of the HTML: `@name` after a non-word character; that is checked on cmark-gfm's output.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import cmarkgfm
import pytest
from click.testing import CliRunner
from conftest import BASE_MAP
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.text.markup import md_escape

MENTION = re.compile(r"(?:^|\W)@[A-Za-z0-9]")
LINKY = [
    "http://evil.example/x",
    "https://a.b",
    "HTTPS://A.B/c?d=e",
    "ftp://f.g/h",
    "www.evil.example",
    "(www.a.b)",
    "*www.a.b*",
    "_https://a.b_",
    "a@b.example",
    "first.last+tag@mail.example.org",
    "mailto:a@b.c",
    "xmpp:a@b.c/r",
    "@octocat",
    "@org/team",
    "(@someone)",
    "see www.x.y.",
]


def gfm(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(text)


def text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.mark.parametrize("text", LINKY)
def test_escaped_text_forms_no_link_and_reads_the_same(text: str) -> None:
    assert "<a " in gfm(text) or MENTION.search(text)  # the probe itself does link or mention
    rendered = gfm(md_escape(text))
    assert "<a " not in rendered
    assert MENTION.search(text_of(rendered)) is None
    assert text_of(rendered).strip().replace("\u200b", "") == text


def test_the_escape_is_a_zero_width_space_at_each_trigger() -> None:
    assert md_escape("www.a.b http://c.d e@f.g @h") == "w\u200bww.a.b http:\u200b//c.d e@\u200bf.g @\u200bh"
    assert md_escape("plain text, a: b. Wow.") == "plain text, a: b. Wow."


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*LINKY, " ", "a", ".", ":", "/", "w", "@", "<", "[", "](", ")", "\\"]), max_size=10))
def test_no_combination_links(parts: list[str]) -> None:
    text = "".join(parts)
    rendered = gfm(md_escape(text))
    assert "<a " not in rendered, repr(text)
    assert MENTION.search(text_of(rendered)) is None, repr(text)
    assert text_of(rendered).strip().replace("\u200b", "") == " ".join(text.split()), repr(text)


HOSTILE = (
    BASE_MAP.replace(
        "claim: Uniforms cost poor families money.", 'claim: "Mail a@b.example or @octocat, www.evil.example"'
    )
    .replace("claim: Uniforms reduce bullying about clothes.", 'claim: "See http://evil.example/x now"')
    .replace('quote: "fewer taunts about brands"', 'quote: "ask @someone at https://q.example"')
    .replace("title: National school survey", 'title: "www.survey.example by x@y.example"')
)
OUTPUTS = {
    "brief": ["brief", "{map}"],
    "brief-against": ["brief", "{map}", "--side", "against"],
    "gaps-markdown": ["gaps", "-f", "markdown", "{map}"],
    "convert-markdown": ["convert", "{map}", "--to", "markdown", "-o", "-"],
    "diff-markdown": ["diff", "-f", "markdown", "{base}", "{map}"],
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_markdown_outputs_link_only_the_source_url(name: str, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "base.yaml").write_text(BASE_MAP, encoding="utf-8")
    args = [a.replace("{map}", str(path)).replace("{base}", str(tmp_path / "base.yaml")) for a in OUTPUTS[name]]
    with CliRunner().isolation() as (out, _err, _):
        try:
            main(args)
        except SystemExit as exc:
            assert exc.code in (0, 1)
        markdown = out.getvalue().decode()
    assert "evil" in markdown or "someone" in markdown or "survey.example" in markdown
    rendered = gfm(markdown)
    links = set(re.findall(r'<a href="([^"]*)"', rendered))
    assert links <= {"https://example.org/uniforms"}
    assert MENTION.search(text_of(rendered)) is None
