"""Where each value of a JSON document starts, by path, and which keys repeat: what `json.loads`
cannot tell, for a reader that reports problems with positions.

    positions = JsonPositions(text)      # text already accepted by json.loads
    positions.at(("claims", 3, "text"))  # -> (line, column), 1-based
    positions.duplicates                 # [(path of the object, key, (line, column))]

One pass of a regular-expression tokenizer over the text, with an explicit stack (no recursion,
whatever the nesting). It assumes the text is valid JSON: json.loads has said so first.
"""

from __future__ import annotations

import bisect
import re

Path = tuple[str | int, ...]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


class JsonPositions:
    def __init__(self, text: str) -> None:
        self._text = text
        self._lines = [i for i, ch in enumerate(text) if ch == "\n"]
        self._offsets: dict[Path, int] = {}
        self.duplicates: list[tuple[Path, str, tuple[int, int]]] = []
        self._scan()

    def _scan(self) -> None:
        import json

        # One entry per open container: "{" or "[", its path, the current key or index, keys seen.
        kinds: list[str] = []
        paths: list[Path] = []
        current: list[str | int] = []
        seen: list[set[str]] = []
        expect_key = False
        for match in _TOKEN.finditer(self._text):
            token = match.group()
            start = match.start()
            if token == ":":
                continue
            if token == ",":
                if kinds and kinds[-1] == "{":
                    expect_key = True
                elif kinds:
                    current[-1] = int(current[-1]) + 1
                continue
            if token in "}]":
                kinds.pop()
                paths.pop()
                current.pop()
                seen.pop()
                expect_key = False
                continue
            if expect_key:
                key = json.loads(token)
                if key in seen[-1]:
                    self.duplicates.append((paths[-1], key, self.line_column(start)))
                seen[-1].add(key)
                current[-1] = key
                expect_key = False
                continue
            path: Path = (*paths[-1], current[-1]) if kinds else ()
            self._offsets.setdefault(path, start)
            if token in "{[":
                kinds.append(token)
                paths.append(path)
                current.append("" if token == "{" else 0)
                seen.append(set())
                expect_key = token == "{"

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self._lines, offset)
        column = offset - (self._lines[line - 1] + 1 if line else 0)
        return line + 1, column + 1

    def at(self, path: Path) -> tuple[int, int]:
        """Where the value at `path` starts; for a path that is not there, its nearest ancestor."""
        while path not in self._offsets and path:
            path = path[:-1]
        return self.line_column(self._offsets.get(path, 0))
