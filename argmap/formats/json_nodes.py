"""JSON text -> Python values with the offset of every object kept, for readers whose problems must
point at the object at fault (Python's json module gives positions only for syntax errors).

Objects come back as `Obj` (a dict that remembers where its `{` was and which keys were given twice).
The parse is json's own decoder (its C scanner), so what is accepted is exactly JSON; the offsets
come from one regex pass over the text afterwards.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any


class Obj(dict[str, Any]):
    """A JSON object: its pairs, the offset of its `{`, and the keys given more than once."""

    offset: int = 0
    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> Obj:
    obj = Obj()
    dups = []
    for key, value in pairs:
        if key in obj:
            dups.append(key)
        else:
            obj[key] = value
    if dups:
        obj.duplicates = tuple(dups)
    return obj


#: a brace or a JSON string (whose braces are no structure), in text already known to be JSON
_BRACES = re.compile(r'[{}]|"[^"\\]*(?:\\.[^"\\]*)*"')
_PLAIN_BRACES = re.compile(r"[{}]")


def _decode(text: str) -> Any:
    """json's own (C) decoder, then the offset of every object from one regex pass: objects are
    made when their `}` is reached, in the order a stack of `{` offsets pops, so the two agree."""
    made: list[Obj] = []

    def pairs(items: list[tuple[str, Any]]) -> Obj:
        obj = _pairs(items)
        made.append(obj)
        return obj

    value = json.JSONDecoder(object_pairs_hook=pairs).decode(text)
    # Each object has one `{` and one `}`: when the text has no others, no string holds a brace and
    # the plain scan is exact (the usual case, and several times faster than skipping strings).
    plain = text.count("{") == len(made) == text.count("}")
    opened: list[int] = []
    done = 0
    for match in (_PLAIN_BRACES if plain else _BRACES).finditer(text):
        token = match.group()
        if token == "{":
            opened.append(match.start())
        elif token == "}":
            made[done].offset = opened.pop()
            done += 1
    return value


class Lines:
    """Offsets -> 1-based (line, column) in one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = find("\n", i + 1)

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def parse(text: str) -> tuple[Any, tuple[int, int, str] | None]:
    """The value of a JSON text, or None and (line, column, message) of why it is not JSON."""
    try:
        return _decode(text), None
    except json.JSONDecodeError as exc:
        return None, (exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}")
    except RecursionError:
        return None, (1, 1, "the JSON is nested too deeply")
    except ValueError as exc:  # e.g. an integer with too many digits
        return None, (1, 1, f"JSON value error: {exc}")
