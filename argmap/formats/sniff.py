"""Which format a file is, from its extension and, where that cannot tell, from its content.

Kept apart from `convert` so that reading one map (validate, show...) can tell a YAML map from a
Carneades graph, or argmap JSON from AIF, without importing the converter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from argmap.formats import REGISTRY, MapFormat

__all__ = ["SNIFFERS", "AmbiguousContent", "matching", "reader_format"]

#: the path that means standard input or output
STDIO = "-"


class AmbiguousContent(ValueError):
    """A file whose extension several formats share and whose content could be more than one."""


# -- inference from the content -----------------------------------------------------------------


def _json_keys(data: bytes) -> set[str] | None:
    """The top-level keys of a JSON object document, or None when it is not one."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return None
    import json  # only for content that may be JSON: most maps read are YAML

    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return set(document) if isinstance(document, dict) else None


def _yaml_top_key(*keys: str) -> Callable[[bytes], bool]:
    pattern = re.compile(rb"^(?:" + b"|".join(re.escape(k.encode()) for k in keys) + rb")\s*:", re.MULTILINE)
    return lambda data: not data.lstrip().startswith(b"{") and bool(pattern.search(data[:65536]))


_KIALO = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:Discussion Title:|1\.\s)")
_ARGDOWN = re.compile(rb"^\s*(?:\[[^\]\n]+\]:|<[^>\n]+>:|[+\-]>?\s*[<\[]|<?[+\-_]\s*[<\[]|===\s*$)", re.MULTILINE)

_ARGMAP = _yaml_top_key("argmap")
_CARNEADES = _yaml_top_key("statements", "arguments", "issues")

#: format name -> whether bytes look like that format; tried in this order, first match wins
SNIFFERS: dict[str, Callable[[bytes], bool]] = {
    "json": lambda data: "argmap-json" in (_json_keys(data) or ()),
    "aif": lambda data: bool({"nodes", "AIF"} & (_json_keys(data) or set())),
    "argmap": _ARGMAP,
    "carneades": lambda data: _CARNEADES(data) and not _ARGMAP(data),
    "kialo": lambda data: bool(_KIALO.match(data[:4096])),
    "argdown": lambda data: bool(_ARGDOWN.search(data[:65536])),
}


def matching(path: str, formats: Iterable[MapFormat]) -> list[MapFormat]:
    """The formats whose extensions `path` ends with, those with the longest matching one only."""
    lower = path.lower()
    scored = [
        (max(len(e) for e in f.extensions if lower.endswith(e)), f) for f in formats if lower.endswith(f.extensions)
    ]
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [f for score, f in scored if score == best]


def reader_format(path: str, data: bytes, name: str | None) -> MapFormat | None:
    """The format to read `path` with: `name`'s, else the only readable format its extension names,
    else the first whose content sniffer matches (among those the extension names, if any); None
    when none can be told.

    An extension that another format `shares` (AIF saved as `.json`) is decided by the content
    among the formats that have it: the one whose sniffer matches, the extension's own format when
    none does (its reader then says what is wrong), and AmbiguousContent when several do."""
    if name is not None:
        return REGISTRY[name]
    readers = [f for f in REGISTRY.values() if f.reader is not None]
    by_extension = matching(path, readers) if path != STDIO else []
    lower = path.lower()
    sharing = [f for f in readers if f not in by_extension and f.shares and lower.endswith(f.shares)]
    if len(by_extension) == 1 and not sharing:
        return by_extension[0]
    candidates = [*by_extension, *sharing] if by_extension else readers
    matched = [
        fmt
        for fmt_name, sniff in SNIFFERS.items()
        if (fmt := REGISTRY.get(fmt_name)) is not None and fmt in candidates and sniff(data)
    ]
    if by_extension and sharing:
        if len(matched) > 1:
            names = " and ".join(f.name for f in matched)
            raise AmbiguousContent(f"{path}: its content could be {names}; say which with --from")
        return matched[0] if matched else by_extension[0]
    return matched[0] if matched else None
