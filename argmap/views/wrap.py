"""Word wrapping for the views: one greedy line breaker, and the two ways the views measure text.

`break_lines` is the algorithm: items (a word, its width, a tag) are put on a line one after the
other with one space between them, and a line ends when the next item does not fit. An item wider
than a whole line is cut (by a `chop` function that knows how the item is measured), either from
the start of a fresh line or, with `fill_long`, from the room left on the current one. It can stop
after a given number of lines, so that wrapping a huge text for an 8-line label costs 8 lines.

The two uses:
- `wrap_chars`: plain text wrapped at a number of characters, for diagram labels; line for line
  what `textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)` gives for text
  whose words are separated by single spaces (tests/test_render.py checks this);
- `wrap_cells`: styled segments wrapped to terminal cells (rich's measure), for the tree view; a
  word too long for a line is cut to fill fresh lines, and no-break spaces keep words together.
  Text of one cell per character with single spaces (nearly every claim of a map) takes a quick
  path with the same result (`_wrap_narrow`: tests/test_wrap.py checks the two agree), which took
  7% off `show` of a 10k-claim map.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby, repeat
from operator import itemgetter
from typing import TypeVar

Tag = TypeVar("Tag")
#: (text, width, tag): one word to place; `tag` comes back with every piece of it
Item = tuple[str, int, Tag]
#: (text, width, room) -> (head, its width, rest, its width): `head` fits `room` (at least one
#: character of it when `room` is positive, even one wider than `room`); `rest` is the remainder
Chop = Callable[[str, int, int], tuple[str, int, str, int]]

Segment = tuple[str, str]  # (text, rich style name or "")


def break_lines(
    items: Iterable[Item[Tag]], width: int, *, chop: Chop, fill_long: bool = False, max_lines: int | None = None
) -> tuple[list[list[Item[Tag]]], bool]:
    """Greedy line breaking of `items` into lines at most `width` wide; and whether it stopped early.

    With `max_lines`, breaking stops once that many lines are complete while items remain (the
    second value is then True): the lines returned are the first lines of the whole wrap.

    An item wider than `width` is cut by `chop`: without `fill_long` it moves to a fresh line and
    fills whole lines; with `fill_long` (textwrap's rule) its head first fills the room left after
    the space that follows the current line's last word; when that room is zero the line keeps
    its trailing space (an empty head), as textwrap's lines do.
    """
    lines: list[list[Item[Tag]]] = []
    line: list[Item[Tag]] = []
    used = 0  # width of `line`, with the spaces between its items
    limit = sys.maxsize if max_lines is None else max_lines
    for item in items:
        size = item[1]
        # the usual cases first, kept short: this runs once per word
        if line:
            if used + 1 + size <= width:
                line.append(item)
                used += 1 + size
                continue
        elif size <= width:
            if len(lines) >= limit:
                return lines, True
            line = [item]
            used = size
            continue
        text, _, tag = item
        while True:  # the item does not fit: end lines, cutting it where it is wider than a line
            chopped = size > width and (not line or (fill_long and used < width))
            if chopped:
                if not line and len(lines) >= limit:
                    return lines, True
                head, head_size, text, size = chop(text, size, width - used - 1 if line else width)
                line.append((head, head_size, tag))
            lines.append(line)
            line, used = [], 0
            if chopped and not text:  # the whole item went into the cut
                break
            if size <= width:
                if len(lines) >= limit:
                    return lines, True
                line, used = [(text, size, tag)], size
                break
    if line or not lines:
        lines.append(line)
    return lines, False


# -- plain text, in characters (diagram labels) -----------------------------------------------------


def _chop_chars(text: str, size: int, room: int) -> tuple[str, int, str, int]:
    head = text[:room]
    return head, len(head), text[room:], size - len(head)


def wrap_chars(text: str, width: int, *, max_lines: int | None = None) -> tuple[list[str], bool]:
    """`text` (words separated by single spaces) wrapped at `width` characters, long words broken
    to fill the line; at most `max_lines` lines, and whether text was left over."""
    if len(text) <= width:  # a short claim: nothing to break
        return [text], False
    words = text.split(" ")
    items = zip(words, map(len, words), repeat(None))
    lines, cut = break_lines(items, width, chop=_chop_chars, fill_long=True, max_lines=max_lines)
    return [" ".join([piece for piece, _, _ in line]) for line in lines], cut


# -- styled segments, in terminal cells (the tree view) --------------------------------------------


class CellWidths(dict):  # type: ignore[type-arg]
    """Word -> its width in terminal cells (rich's rule), each distinct non-ASCII word measured once.

    One belongs to one view being built (so that it goes when the view is done); `chop` is the
    `Chop` for words measured so.
    """

    def __init__(self) -> None:
        super().__init__()
        self.narrow_texts: dict[str, bool] = {}

    def __missing__(self, word: str) -> int:
        from rich.cells import cell_len

        self[word] = size = cell_len(word)
        return size

    def narrow(self, text: str) -> bool:
        """Whether every character of `text` takes one cell (each distinct text asked once)."""
        found = self.narrow_texts.get(text)
        if found is None:
            from rich.cells import get_character_cell_size

            found = self.narrow_texts[text] = all(get_character_cell_size(ch) == 1 for ch in set(text))
        return found

    def of(self, word: str) -> int:
        return len(word) if word.isascii() else self[word]

    def chop(self, text: str, size: int, room: int) -> tuple[str, int, str, int]:
        """The longest head of `text` whose characters take at most `room` cells (at least one
        character), and the rest; each measured as a whole word."""
        if text.isascii():
            return text[:room], min(room, size), text[room:], max(0, size - room)
        from rich.cells import get_character_cell_size

        used = 0
        for index, ch in enumerate(text):
            cells = get_character_cell_size(ch)
            if used + cells > room and index:
                head, rest = text[:index], text[index:]
                return head, self.of(head), rest, self.of(rest)
            used += cells
        return text, size, "", 0


def wrap_cells(segments: Sequence[Segment], width: int, *, cells: CellWidths | None = None) -> list[list[Segment]]:
    """Styled text wrapped into lines of at most `width` cells (words too long for a line are cut).

    A space in a segment is a place to break the line; a no-break space keeps words together and
    is printed as a plain space. On a line, words of one style that follow each other make one
    segment, and a space between two styles is a segment of its own with no style.
    """
    cells = CellWidths() if cells is None else cells
    quick = _wrap_narrow(segments, max(1, width), cells)
    if quick is not None:
        return quick
    items: list[Item[str]] = []
    for text, style in segments:
        if text.isascii():
            if text:  # spaces are kept as the text has them: an empty word between two spaces
                words = text.split(" ")
                items.extend(zip(words, map(len, words), repeat(style)))
        else:
            items.extend([(word, cells.of(word), style) for word in text.split(" ") if word])
    lines, _ = break_lines(items, max(1, width), chop=cells.chop)
    return [_join_styles(line) for line in lines]


def _wrap_narrow(segments: Sequence[Segment], width: int, cells: CellWidths) -> list[list[Segment]] | None:
    """`wrap_cells` for the usual segments, or None for any other: text of one cell per character
    (ASCII, or such marks as the views' own), single spaces between words and none at either end
    of a segment, and no word wider than a line. The segments are then one string, broken at the
    last space that fits (a search per line rather than a step per word; a no-break space is not
    a space to it), and each line is cut back into style runs."""
    starts: list[int] = []  # where each segment starts and ends in `text`, one space between two
    ends: list[int] = []
    end = -1
    for piece, _ in segments:
        if not piece or "  " in piece or piece[0] == " " or piece[-1] == " ":
            return None
        if not piece.isascii() and not cells.narrow(piece):
            return None
        starts.append(end + 1)
        end += 1 + len(piece)
        ends.append(end)
    text = " ".join([piece for piece, _ in segments])
    nbsp = "\u00a0" in text
    lines: list[list[Segment]] = []
    start, first = 0, 0  # the line's first character, and the first segment it holds
    size = len(text)
    while True:
        stop = size if size - start <= width else text.rfind(" ", start, start + width + 1)
        if stop <= start:  # a word wider than the line: the general path cuts it
            return None
        line: list[Segment] = []
        style = None
        while True:
            piece, piece_style = text[max(start, starts[first]) : min(ends[first], stop)], segments[first][1]
            if style == piece_style:
                line[-1] = (line[-1][0] + " " + piece, style)
            else:
                if line:
                    line.append((" ", ""))
                line.append((piece, piece_style))
                style = piece_style
            if ends[first] > stop:  # the segment goes on, on the next line
                break
            first += 1
            if first == len(ends) or starts[first] >= stop:
                break
        lines.append([(piece.replace("\u00a0", " "), style) for piece, style in line] if nbsp else line)
        if stop == size:
            return lines
        start = stop + 1


def _join_styles(line: list[Item[str]]) -> list[Segment]:
    joined: list[Segment] = []
    for style, run in groupby(line, key=itemgetter(2)):
        if joined:
            joined.append((" ", ""))
        joined.append((" ".join(map(itemgetter(0), run)).replace("\u00a0", " "), style))
    return joined
