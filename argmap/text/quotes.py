"""Normalising text so that a quote matches its source despite typography and line wrapping."""

from __future__ import annotations

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)
#: characters normalised at a time: str.split is ten times faster than a regular expression, and
#: chunks keep its list of words small (a 60 MB snapshot took 15 s and a gigabyte with re.sub)
_CHUNK = 1 << 20


def normalise(text: str) -> str:
    """Straight quotes, '-' for every dash, one space for any run of white space, no edges."""
    return _collapse(text.translate(_TRANSLATE))


def _collapse(text: str) -> str:
    """`text` with every run of white space one space, and none at the ends."""
    if len(text) <= _CHUNK:
        return " ".join(text.split())
    out: list[str] = []
    space = False  # white space seen since the last word written
    for start in range(0, len(text), _CHUNK):
        chunk = text[start : start + _CHUNK]
        words = " ".join(chunk.split())
        if not words:
            space = True
            continue
        if out and (space or chunk[0].isspace()):
            out.append(" ")
        out.append(words)
        space = chunk[-1].isspace()
    return "".join(out)


def quote_occurs(quote: str, normalised_source: str) -> bool:
    """Whether `quote` occurs in a source text already passed through `normalise`."""
    return normalise(quote) in normalised_source
