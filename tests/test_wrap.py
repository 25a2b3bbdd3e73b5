"""The one line breaker (argmap.views.wrap) and its two uses: diagram labels wrapped at characters
as textwrap wraps them, and the tree view's styled segments wrapped to terminal cells.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.views import diagram
from argmap.views.diagram import MAX_LABEL_LINES, wrap_text
from argmap.views.wrap import CellWidths, break_lines, wrap_cells, wrap_chars


def _textwrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)


def test_a_long_claim_keeps_its_first_lines_and_ends_with_an_ellipsis() -> None:
    words = [f"w{i}" for i in range(200_000)]  # about 1.3 MB of claim text
    lines = wrap_text(" ".join(words), 32)
    expected = _textwrap(" ".join(words[:100]), 32)[:MAX_LABEL_LINES]
    assert list(lines[:-1]) == expected[:-1]
    assert lines[-1] == expected[-1] + "…"
    assert len(lines) == MAX_LABEL_LINES


def test_breaking_stops_after_the_kept_lines() -> None:
    """Only the words of the kept lines and the one that ends the last of them are looked at."""
    taken: list[int] = []

    def items() -> Iterator[tuple[str, int, None]]:
        for n in range(1_000_000):
            taken.append(n)
            yield "word", 4, None

    lines, cut = break_lines(items(), 9, chop=lambda text, size, room: (text, size, "", 0), max_lines=8)
    assert cut is True
    assert [[word for word, _, _ in line] for line in lines] == [["word", "word"]] * 8
    assert len(taken) == 17


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab\u00e9", min_size=1, max_size=30), min_size=1, max_size=40),
    st.integers(min_value=8, max_value=40),
    st.integers(min_value=1, max_value=10),
)
def test_a_cut_wrap_is_the_start_of_the_whole_wrap(words: list[str], width: int, max_lines: int) -> None:
    text = " ".join(words)
    whole = _textwrap(text, width)
    lines, cut = wrap_chars(text, width, max_lines=max_lines)
    assert lines == whole[:max_lines]
    assert cut == (len(whole) > max_lines)


def test_a_long_word_fills_the_rest_of_the_line_as_textwrap_does() -> None:
    assert wrap_chars("ab cdefghijklmnop", 8) == (["ab cdefg", "hijklmnop"[:8], "p"], False)
    # the room after "abcdefg " is zero: textwrap keeps the trailing space, and so does argmap
    assert (
        wrap_chars("abcdefg hijklmnopq", 8)[0] == _textwrap("abcdefg hijklmnopq", 8) == ["abcdefg ", "hijklmno", "pq"]
    )


def test_styled_segments_wrap_to_cells_with_one_segment_per_style_run() -> None:
    segments = [("claim-id:", "bold"), ("one two three four five", ""), ("[1][2]", "cyan")]
    assert wrap_cells(segments, 22) == [
        [("claim-id:", "bold"), (" ", ""), ("one two", "")],
        [("three four five", ""), (" ", ""), ("[1][2]", "cyan")],
    ]


def test_a_word_too_long_for_the_tree_starts_a_new_line_and_is_cut() -> None:
    assert wrap_cells([("ab abcdefghijkl cd", "")], 5) == [
        [("ab", "")],
        [("abcde", "")],
        [("fghij", "")],
        [("kl cd", "")],
    ]


def test_wide_characters_are_measured_in_cells_and_no_break_spaces_hold() -> None:
    # each of 中 and 文 takes two cells: four of them fill eight cells
    assert wrap_cells([("中文中文 x", "")], 8) == [[("中文中文", "")], [("x", "")]]
    assert wrap_cells([("中文中文中", "")], 4) == [[("中文", "")], [("中文", "")], [("中", "")]]
    assert wrap_cells([("a", ""), ("\u26a0\u00a0no\u00a0title", "yellow")], 11) == [
        [("a", "")],
        [("\u26a0 no title", "yellow")],
    ]


_WORDS = st.lists(st.text(alphabet="ab\u00a0\u26a0\u00e9", min_size=1, max_size=9), min_size=1, max_size=6)
_SEGMENT = st.tuples(
    st.one_of(_WORDS.map(" ".join), st.text(alphabet="ab \u00a0\u26a0\u00e9\u4e2d\u0301", max_size=30)),
    st.sampled_from(["", "bold", "dim"]),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SEGMENT, min_size=1, max_size=6), st.integers(min_value=1, max_value=30))
def test_the_quick_path_for_narrow_text_wraps_as_the_word_by_word_one(
    segments: list[tuple[str, str]], width: int
) -> None:
    # single spaces, narrow characters: the segments are broken as one string (wrap._wrap_narrow);
    # anything else (wide or zero-width characters, spaces doubled or at an end) goes word by word
    from argmap.views import wrap

    quick = wrap._wrap_narrow(segments, width, CellWidths())
    original, wrap._wrap_narrow = wrap._wrap_narrow, lambda *_: None
    try:
        word_by_word = wrap_cells(segments, width)
    finally:
        wrap._wrap_narrow = original
    assert wrap_cells(segments, width) == word_by_word
    if quick is not None:
        assert quick == word_by_word


def test_the_quick_path_takes_the_segments_of_the_tree_view() -> None:
    from argmap.views.wrap import _wrap_narrow

    segments = [("c1:", "bold"), ("One two three.", ""), ("[1]", "cyan"), ("\u26a0\u00a0critical\u00a0uncited", "red")]
    assert _wrap_narrow(segments, 22, CellWidths()) == [
        [("c1:", "bold"), (" ", ""), ("One two three.", ""), (" ", ""), ("[1]", "cyan")],
        [("\u26a0 critical uncited", "red")],
    ]
    # no-break spaces hold the mark together: 18 cells are wider than a line of 12, so it is cut word by word
    assert _wrap_narrow(segments, 12, CellWidths()) is None
    assert _wrap_narrow([("a\u4e2d b", "")], 20, CellWidths()) is None  # a wide character
    assert _wrap_narrow([("a  b", "")], 20, CellWidths()) is None  # a doubled space
    assert _wrap_narrow([("abcdef", "")], 3, CellWidths()) is None  # a word wider than the line


def test_cell_widths_belong_to_one_view() -> None:
    cells = CellWidths()
    wrap_cells([("中文 é x", "")], 20, cells=cells)
    assert dict(cells) == {"中文": 4, "é": 1}
    assert CellWidths() == {}


def _whole_text_wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """wrap_text as it is defined: the whole cleaned text broken, cut to max_lines with an ellipsis."""
    flat = diagram.clean(text)
    if not flat:
        return ("",)
    width = max(width, 8)
    lines, cut = wrap_chars(flat, width, max_lines=max_lines)
    if cut:
        lines[-1] = (lines[-1][: width - 1] if len(lines[-1]) >= width else lines[-1]) + "…"
    return tuple(lines)


_PIECES = st.sampled_from(
    ["a", "bb", "ccc ccc", "d" * 50, "  ", "\n", "\t", " \n ", "\u202e", "é", "x" * 200, " " * 300]
)


@given(st.lists(st.tuples(_PIECES, st.booleans()), max_size=300), st.integers(1, 40), st.integers(1, 9))
@settings(max_examples=300, deadline=None)
def test_breaking_only_the_start_of_a_long_claim_gives_the_same_label(
    pieces: list[tuple[str, bool]], width: int, max_lines: int
) -> None:
    text = "".join(piece + (" " if space else "") for piece, space in pieces)
    assert wrap_text(text, width, max_lines=max_lines) == _whole_text_wrap(text, width, max_lines)


def test_a_claim_of_megabytes_is_cleaned_and_broken_only_as_far_as_its_label_reaches(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = ("seven words of a claim that repeats\n" * 200_000).strip()  # 7.2 MB
    expected = _whole_text_wrap(text, 30, MAX_LABEL_LINES)
    seen: list[int] = []
    real_clean, real_wrap = diagram.clean, diagram.wrap_chars
    monkeypatch.setattr(diagram, "clean", lambda text: seen.append(len(text)) or real_clean(text))
    monkeypatch.setattr(diagram, "wrap_chars", lambda text, *a, **k: seen.append(len(text)) or real_wrap(text, *a, **k))
    assert wrap_text(text, 30) == expected
    room = MAX_LABEL_LINES * 31 + 1
    # cleaned: eight labels' worth of the text; broken: up to the first word boundary past one label
    assert seen == [8 * room, real_clean(text[: 8 * room]).index(" ", room)]
    assert seen[1] < 2 * room
