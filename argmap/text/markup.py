"""Untrusted text made inert in the markup languages argmap writes: Markdown and GitHub Actions
workflow commands.

One Markdown escaper serves every Markdown output, inline text (the brief) and table cells (gaps'
markdown format) alike: map text always renders as exactly itself. That includes GitHub-flavoured
Markdown, where a bare `http://...`, `www.` address or e-mail address becomes a link and `@name` a
mention that notifies someone: a zero-width space after the `@`, inside `://` and after the first
`w` of `www.` keeps each one plain text that looks the same. It lives beside `visible` rather
than in argmap.reports because the debate brief, which is no report of findings, needs it too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from argmap.text.safe import ZERO_WIDTH_SPACE, visible

# Characters that make Markdown syntax anywhere in a line, the table-cell separator `|` among them
# (with [ ] escaped, ( ) ! cannot form a link or image; with < & escaped, no HTML or entity). Block
# syntax (#, >, lists, rules, setext underlines) only starts a line, and the text is made one line
# first: only its start needs escaping.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&]")
#: what a line of Markdown may start with that makes block syntax (see _MD_LINE_START)
_BLOCK_STARTS = frozenset("#>+=-0123456789")
_MD_LINE_START = re.compile(r"^( ?)(?:([#>+=-])|(\d{1,9})([.)]))")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def md_escape(text: str) -> str:
    """Map text as one line of Markdown that renders literally (inline or in a table cell), with as
    few backslashes as that takes: control characters made visible, whitespace runs one space.

    Memoised: a brief escapes the same ids, kinds and source titles many times over."""
    flat = visible(text, one_line=False)
    # a printable string has no whitespace but ASCII spaces: only runs of them need collapsing
    if not flat.isprintable() or "  " in flat:
        flat = _SPACES.sub(" ", flat)
    if "@" in flat or "://" in flat or "ww." in flat or "WW." in flat:
        flat = no_autolinks(flat)
    # searched first: most text holds none, and a search is several times faster than a substitution
    escaped = _MD_SPECIAL.sub(r"\\\g<0>", flat) if _MD_SPECIAL.search(flat) else flat
    if escaped[:1] in _BLOCK_STARTS or escaped[1:2] in _BLOCK_STARTS:
        return _MD_LINE_START.sub(_escape_line_start, escaped, count=1)
    return escaped


_WWW = re.compile(r"(?i)(?<=w)(?=ww\.)")


def no_autolinks(text: str) -> str:
    """`text` with a zero-width space where GitHub-flavoured Markdown would start an autolink (a URL
    scheme's `://`, `www.`, an e-mail address's `@`) or a mention (`@name`)."""
    text = text.replace("@", "@" + ZERO_WIDTH_SPACE).replace("://", ":" + ZERO_WIDTH_SPACE + "//")
    return _WWW.sub(ZERO_WIDTH_SPACE, text)


def _escape_line_start(match: re.Match[str]) -> str:
    space, marker, number, delimiter = match.groups()
    return f"{space}\\{marker}" if marker else f"{space}{number}\\{delimiter}"


def github_escape(text: str, *, property_value: bool = False) -> str:
    """Text for a GitHub Actions workflow command (a property value escapes ':' and ',' too)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return visible(text)
