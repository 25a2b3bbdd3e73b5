"""Map formats in and out, one module each, in one registry keyed by name and file extension.

    REGISTRY["argmap"] -> MapFormat(read=argmap_yaml.load_bytes, extensions=(".yaml", ".yml"))

A format module declares its `FORMAT`; adding a format is one module and one line below. Choices for
`--from`/`--to` and the extension lookup are read from here, never typed again. The JSON Schema of the
argmap format (`schema.py`) is built from the argmap reader's own declarations.
"""

from __future__ import annotations

from argmap.formats import aif, argmap_yaml, carneades, kialo
from argmap.formats.base import LoadResult, MapFormat, Reader

__all__ = ["REGISTRY", "LoadResult", "MapFormat", "by_extension", "reader_for"]

#: the native format first: it is what a path with no known extension, or stdin, is read as
REGISTRY: dict[str, MapFormat] = {
    fmt.name: fmt for fmt in (argmap_yaml.FORMAT, aif.FORMAT, carneades.FORMAT, kialo.FORMAT)
}
DEFAULT = "argmap"


def by_extension(path: str) -> MapFormat | None:
    """The format whose extensions the path ends with (case-insensitive; the longest match wins, so
    that `x.carneades.yaml` is not taken for argmap's `.yaml`), or None."""
    lower = path.lower()
    best: MapFormat | None = None
    longest = 0
    for fmt in REGISTRY.values():
        for extension in fmt.extensions:
            if len(extension) > longest and lower.endswith(extension):
                best, longest = fmt, len(extension)
    return best


def reader_for(path: str, name: str | None = None) -> Reader:
    """The reader of `path`: format `name`'s if given, else by extension, else the native format's.

    Raises KeyError for an unknown name and ValueError for a format that cannot be read."""
    fmt = REGISTRY[name] if name is not None else by_extension(path)
    if fmt is None or (name is None and fmt.read is None):
        fmt = REGISTRY[DEFAULT]
    if fmt.read is None:
        raise ValueError(f"format '{fmt.name}' can be written, not read")
    return fmt.read
