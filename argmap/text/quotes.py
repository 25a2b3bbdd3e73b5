"""Normalising text so that a quote matches its source despite typography and line wrapping."""

from __future__ import annotations

import re

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
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Straight quotes, '-' for every dash, one space for any run of white space, no edges."""
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def quote_occurs(quote: str, normalised_source: str) -> bool:
    """Whether `quote` occurs in a source text already passed through `normalise`."""
    return normalise(quote) in normalised_source
