"""JSON text -> Python values with the offset of every object kept, for readers whose problems must
point at the object at fault (Python's json module gives positions only for syntax errors).

Objects come back as `Obj` (a dict that remembers where its `{` was and which keys were given twice).
The scan is json's own pure-Python scanner with one hook, so what is accepted is exactly JSON.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
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


class _Decoder(json.JSONDecoder):
    def __init__(self) -> None:
        super().__init__(object_pairs_hook=_pairs)
        original = json.decoder.JSONObject  # type: ignore[attr-defined]

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Obj, int]:
            value, end = original(s_and_end, *args)
            value.offset = s_and_end[1] - 1
            return value, end

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]


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
        return _Decoder().decode(text), None
    except json.JSONDecodeError as exc:
        return None, (exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}")
    except RecursionError:
        return None, (1, 1, "the JSON is nested too deeply")
    except ValueError as exc:  # e.g. an integer with too many digits
        return None, (1, 1, f"JSON value error: {exc}")
