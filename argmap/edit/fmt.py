"""`argmap fmt`'s core: one file's bytes in the canonical layout, checked before they are returned.

The layout is argmap.edit.layout's. A result that differs from the input is read back and must say
exactly what the input said (argmap.edit.verify.meaning), keep every comment and bring no problem
the input did not have; otherwise nothing is returned but an EditError, so a bug in the printer
can never reach a file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argmap.edit.document import Document, EditError, UnreadableMap, parse
from argmap.edit.layout import layout
from argmap.edit.verify import check, meaning, new_problems


@dataclass(frozen=True)
class Formatted:
    """One file before and after formatting."""

    file: str
    before: bytes
    after: bytes

    @property
    def changed(self) -> bool:
        return self.before != self.after


def format_bytes(data: bytes, *, file: str, base_dir: str | None = None) -> Formatted:
    """The canonical layout of a map's bytes. Raises UnreadableMap (a map that cannot be read:
    its problems) or EditError (the map cannot be laid out, or the result would differ)."""
    document = parse(data, file)
    after = document.encode(layout(document))
    if after == data:
        return Formatted(file, data, data)
    verify_same(document, data, after, base_dir=base_dir)
    return Formatted(file, data, after)


def verify_same(document: Document, before_data: bytes, after_data: bytes, *, base_dir: str | None) -> None:
    """Raise EditError unless `after_data` says what `before_data` says, with the same comments and
    problems. Raise UnreadableMap when the input is not a map at all."""
    before = check(before_data, document.file, base_dir)
    if before.map is None:
        raise UnreadableMap(before.problems)
    after = check(after_data, document.file, base_dir)
    broken = f"{document.file}: internal error: the formatted map"
    if after.map is None:
        raise EditError(f"{broken} cannot be read ({after.problems[0].message}); the file was left as it was")
    if meaning(before.map) != meaning(after.map):
        raise EditError(f"{broken} would say something else; the file was left as it was")
    if new_problems(before, after) or new_problems(after, before):
        raise EditError(f"{broken} would have other problems; the file was left as it was")
    if Counter(document.trivia.comments()) != Counter(parse(after_data, document.file).trivia.comments()):
        raise EditError(f"{broken} would lose a comment; the file was left as it was")
