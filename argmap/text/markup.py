"""Untrusted text made inert in the markup languages argmap writes: Markdown and GitHub Actions
workflow commands.

One Markdown escaper serves every Markdown output, inline text (the brief) and table cells (gaps'
markdown format) alike: map text always renders as exactly itself. It lives beside `visible` rather
than in argmap.reports because the debate brief, which is no report of findings, needs it too.
"""

from __future__ import annotations

import re

from argmap.text.safe import visible

# Characters that make Markdown syntax anywhere in a line, the table-cell separator `|` among them
# (with [ ] escaped, ( ) ! cannot form a link or image; with < & escaped, no HTML or entity). Block
# syntax (#, >, lists, rules, setext underlines) only starts a line, and the text is made one line
# first: only its start needs escaping.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^( ?)(?:([#>+=-])|(\d{1,9})([.)]))")
_SPACES = re.compile(r"\s+")


def md_escape(text: str) -> str:
    """Map text as one line of Markdown that renders literally (inline or in a table cell), with as
    few backslashes as that takes: control characters made visible, whitespace runs one space."""
    flat = visible(text, one_line=False)
    # a printable string has no whitespace but ASCII spaces: only runs of them need collapsing
    if not flat.isprintable() or "  " in flat:
        flat = _SPACES.sub(" ", flat)
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    return _MD_LINE_START.sub(_escape_line_start, escaped, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    space, marker, number, delimiter = match.groups()
    return f"{space}\\{marker}" if marker else f"{space}{number}\\{delimiter}"


def github_escape(text: str, *, property_value: bool = False) -> str:
    """Text for a GitHub Actions workflow command (a property value escapes ':' and ',' too)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return visible(text)
