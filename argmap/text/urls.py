"""The one http(s) URL check: what the bad-url rule rejects is never made a link by any output."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from argmap.text.safe import visible

#: white space (str.isspace's, which `\s` matches in a str pattern) and the C0 controls and DEL
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


def url_problem(url: str) -> str | None:
    """Why `url` is not an acceptable http(s) link, or None when it is."""
    if _SPACE_OR_CONTROL.search(url):
        return "contains white space or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "is not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        scheme = visible(parts.scheme) if parts.scheme else "none"
        return f"must start with http:// or https:// (scheme: {scheme})"
    if not parts.hostname:
        return "has no host"
    return None


def safe_url(url: str | None) -> str | None:
    """`url` when it is an acceptable http(s) link, else None. Each output encodes it for its format."""
    if not url or url_problem(url) is not None:
        return None
    return url
