"""Making untrusted text safe to show: control characters become visible escapes.

Map text may carry ESC sequences (terminal hyperlinks, title or clipboard writes), other control
characters, lone surrogates and bidirectional overrides. Every output that is not itself an escaping
format (JSON) passes user text through `visible` first.

`visible` also breaks GitHub Actions workflow commands: a CI log runs any line that starts (after
white space) with `::name ...::` (an annotation, `::add-mask::` hiding later lines, `::stop-commands::`)
and, in the older syntax, one holding `##[name]`. Map text can start a line wherever an output wraps
or breaks it, so every `::` and `##[` in it gets a zero-width space between its first two characters
(`:\u200b:`): it looks the same and no runner reads it as a command.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab and newline, DEL, lone surrogates, bidi embeddings/overrides/isolates,
# and the Unicode line and paragraph separators.
UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]"
)
# The same without tab and newline: for one-line contexts (labels, messages, table cells).
UNSAFE_CHARS_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: the starts of GitHub Actions workflow commands (`::error::`, `##[error]`), broken by a zero-width space
_WORKFLOW_COMMAND = re.compile(r":(?=:)|#(?=#\[)")
ZERO_WIDTH_SPACE = "\u200b"


def visible(text: str, *, one_line: bool = True, inert_commands: bool = True) -> str:
    """Replace unsafe characters with `\\xNN` / `\\uNNNN` so they show instead of acting, and break
    workflow commands (see the module's docstring). A writer of a data format that is read back
    (Argdown) passes `inert_commands=False`: its text must stay exactly the map's."""
    # one-character searches first (memchr): most text has neither, and this runs for every string shown
    if inert_commands and ((":" in text and "::" in text) or ("#" in text and "##[" in text)):
        text = no_workflow_commands(text)
    if text.isprintable():  # the usual case, and fast: every unsafe character is non-printable
        return text
    pattern = UNSAFE_CHARS_ONE_LINE if one_line else UNSAFE_CHARS
    return pattern.sub(_escape, text)


def no_workflow_commands(text: str) -> str:
    """`text` with a zero-width space inside every `::` and `##[`, so that no line of it, wherever it
    is wrapped, is a GitHub Actions workflow command."""
    return _WORKFLOW_COMMAND.sub(lambda m: m.group() + ZERO_WIDTH_SPACE, text)


def first_unsafe(text: str) -> tuple[int, str] | None:
    """The offset and the character of the first unsafe character (tab and newline allowed)."""
    match = UNSAFE_CHARS.search(text)
    return (match.start(), match.group()) if match else None


def shorten(text: str, limit: int = 60) -> str:
    """One line, at most `limit` characters, with an ellipsis when cut (between words where one
    ends in the second half of the limit, else mid-word)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space].rstrip(",;:-—")
    return cut + "…"
