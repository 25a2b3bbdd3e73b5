"""Making untrusted text safe to show: control characters become visible escapes.

Map text may carry ESC sequences (terminal hyperlinks, title or clipboard writes), other control
characters, lone surrogates and bidirectional overrides. Every output that is not itself an escaping
format (JSON) passes user text through `visible` first.
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


def visible(text: str, *, one_line: bool = True) -> str:
    """Replace unsafe characters with `\\xNN` / `\\uNNNN` so they show instead of acting."""
    if text.isprintable():  # the usual case, and fast: every unsafe character is non-printable
        return text
    pattern = UNSAFE_CHARS_ONE_LINE if one_line else UNSAFE_CHARS
    return pattern.sub(_escape, text)


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
