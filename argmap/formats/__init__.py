"""Map formats in and out, one module each, in one registry keyed by name and file extension.

    REGISTRY["argmap"].read -> argmap.formats.argmap_yaml.load_bytes

Each format is declared once, below: its name, extensions, a summary and the module and function
names of its reader and writer. A module is imported only when its reader or writer is used, so
that `validate` of a YAML map loads no Argdown parser or GraphML writer. Adding a format is one
module and one entry. Choices for `--from`/`--to` and the extension lookup are read from here, never
typed again. The JSON Schema of the argmap format (`schema.py`) is built from the argmap reader's
own declarations.
"""

from __future__ import annotations

from argmap.formats.base import LoadResult, MapFormat, Reader

__all__ = ["REGISTRY", "LoadResult", "MapFormat", "by_extension", "reader_for"]

#: the native format first: it is what a path with no known extension, or stdin, is read as
REGISTRY: dict[str, MapFormat] = {
    fmt.name: fmt
    for fmt in (
        MapFormat(
            "argmap",
            (".yaml", ".yml"),
            "argmap's own YAML map format (docs/format.md)",
            "argmap.formats.argmap_yaml",
            reader="load_bytes",
            writer="write",
        ),
        MapFormat(
            "json",
            (".json",),
            "argmap's own JSON: the model as data (docs/convert.md)",
            "argmap.formats.argmap_json",
            reader="read",
            writer="write",
        ),
        MapFormat(
            "mermaid",
            (".mmd", ".mermaid"),
            "a Mermaid flowchart, as GitHub renders it (write only)",
            "argmap.formats.mermaid",
            writer="write",
        ),
        MapFormat(
            "graphml",
            (".graphml",),
            "GraphML for yEd, Gephi and networkx (write only)",
            "argmap.formats.graphml",
            writer="write",
        ),
        MapFormat(
            "markdown",
            (".md", ".markdown"),
            "a nested Markdown outline with kinds, sides and citations (write only)",
            "argmap.formats.markdown",
            writer="write",
        ),
        MapFormat(
            "argdown",
            (".argdown", ".ad"),
            "Argdown text (argdown.org): statements, arguments, premise-conclusion structures, relations",
            "argmap.formats.argdown",
            reader="read",
            writer="_write",
        ),
        MapFormat(
            "aif",
            (".aif", ".aif.json", ".xaif.json", ".xaif"),
            "AIF: AIFdb nodeset JSON and xAIF (I, RA, CA, MA, L, YA nodes)",
            "argmap.formats.aif",
            reader="read",
            writer="write",
            shares=(".json",),
        ),
        MapFormat(
            "carneades",
            (".carneades.yaml", ".carneades.yml", ".cyaml"),
            "Carneades 4 argument graph (YAML): statements, arguments, issues, assumptions, tests",
            "argmap.formats.carneades",
            reader="read",
            shares=(".yaml", ".yml"),
        ),
        MapFormat(
            "kialo",
            (".kialo.txt", ".kialo"),
            "Kialo's text export: a numbered outline of Pro and Con claims",
            "argmap.formats.kialo",
            reader="read",
        ),
    )
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


def reader_for(path: str, name: str | None = None, *, data: bytes | None = None) -> Reader:
    """The reader of `path`: format `name`'s if given, else by extension, else the native format's.
    With `data`, a file whose extension another format `shares` (AIF saved as `.json`) or that no
    format registers (a Kialo export as `.txt`) is read as the format its content shows, as
    `convert` reads it (argmap.formats.sniff.reader_format); stdin stays the native format.

    Raises KeyError for an unknown name and ValueError for a format that cannot be read or content
    that could be several formats."""
    if name is None and data is not None and path != "-":
        lower = path.lower()
        shared = any(f.shares and lower.endswith(f.shares) for f in REGISTRY.values())
        if shared or by_extension(path) is None:
            from argmap.formats.sniff import reader_format

            told = reader_format(path, data, None)  # AmbiguousContent is a ValueError
            if told is not None and told.read is not None:
                return told.read
    fmt = REGISTRY[name] if name is not None else by_extension(path)
    if fmt is None or (name is None and fmt.reader is None):
        fmt = REGISTRY[DEFAULT]
    read = fmt.read
    if read is None:
        raise ValueError(f"format '{fmt.name}' can be written, not read")
    return read
