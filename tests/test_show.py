"""Tests of `argmap show`: golden views at a fixed width, options, untrusted text, escape codes,
a 1 MB claim, and properties over random maps (every claim once, refs as pointers, width kept).

Golden files live in tests/gaps_show/golden/; regenerate them on purpose with ARGMAP_REGEN=1.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.gaps import coverage, find_gaps
from argmap.formats.argmap_yaml import load_bytes
from argmap.views.tree import GLYPHS, POINTER, ViewOptions, build_view, plain_text

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "gaps_show"
GOLDEN = HERE / "golden"
sys.path.insert(0, str(HERE))
from conftest import run_in_pty  # noqa: E402
from randmap import random_map  # noqa: E402
from test_gaps import check_golden, run  # noqa: E402

GLYPH_CHARS = "".join(g for g, _ in GLYPHS.values())
DEFINITION = re.compile(rf"^[│├└─ ]*([{GLYPH_CHARS}]) ([^\s:]+):")
POINTER_LINE = re.compile(rf"^[│├└─ ]*([{GLYPH_CHARS}]) {POINTER} see (\S+)$")


def run_main(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        cwd=ROOT,
        capture_output=True,
        input=input.encode() if input is not None else None,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def view(text: str, **options: object) -> str:
    loaded = load_bytes(text.encode(), file="m.yaml", base_dir=None)
    assert loaded.map is not None
    argmap = loaded.map
    return plain_text(
        build_view(argmap, gaps=find_gaps(argmap), coverage=coverage(argmap), options=ViewOptions(**options))
    )  # type: ignore[arg-type]


GOLDEN_CASES = {
    "assad_isis.show.txt": ["maps/assad_isis.yaml"],
    "assad_isis.focus.show.txt": ["maps/assad_isis.yaml", "--focus", "white-on-tacit-assistance"],
    "assad_isis.depth1.show.txt": ["maps/assad_isis.yaml", "--depth", "1", "--no-sources"],
    "small.show.txt": ["tests/gaps_show/small.yaml"],
    "clean.show.txt": ["tests/gaps_show/clean.yaml"],
    "hostile.show.txt": ["tests/gaps_show/hostile.yaml"],
}


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden(name: str) -> None:
    code, out, _ = run("show", "--width", "100", *GOLDEN_CASES[name])
    assert code == 0
    check_golden(name, out)


def test_golden_view_is_what_a_pipe_gets() -> None:
    proc = run_main("show", "--width", "100", "maps/assad_isis.yaml")
    assert proc.returncode == 0
    assert proc.stdout.decode() == (GOLDEN / "assad_isis.show.txt").read_text(encoding="utf-8")
    assert b"\x1b" not in proc.stdout


def test_every_line_fits_the_width_and_long_claims_wrap_under_their_glyph() -> None:
    text = (GOLDEN / "assad_isis.show.txt").read_text(encoding="utf-8")
    assert all(len(line) <= 100 for line in text.splitlines())
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "▲ saydnaya-releases:" in line)
    column = lines[first].index("saydnaya-releases")  # the text starts after the glyph ...
    assert lines[first + 1][:column] == "│   │     "  # ... and goes on below it, under the tree's guides
    assert lines[first + 1][column] != " "


def test_refs_are_pointers_not_copies() -> None:
    text = (GOLDEN / "assad_isis.show.txt").read_text(encoding="utf-8")
    assert text.count("motive-is-inferred:") == 1
    assert "✗ → see motive-is-inferred" in text
    assert text.count("white-on-tacit-assistance:") == 1  # written out once, as a premise ...
    assert "↺ → see white-on-tacit-assistance" in text  # ... and pointed to as a rebuttal


def test_header_and_sources_table() -> None:
    text = (GOLDEN / "small.show.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "Small map with every kind of gap"
    assert lines[1] + " " + lines[2] == (
        "10 claims: 1 thesis, 5 premises, 1 correlation, 2 counterpoints, 1 rebuttal; 5 sources; "
        "10 weak points (3 critical, 2 major)"
    )
    assert lines[3].startswith("coverage: 2/6 premises with independent evidence (33%)")
    # each claim a ranked weak point hits is marked with its severity; info is not marked
    assert "▲ trees-are-cheap: Trees are cheap to plant. ⚠ major uncited" in text
    assert "⚠ critical correlation-only, major single-source" in text
    assert "▲ shade-cools: Shade from trees cools streets in summer. [1]\n" in text
    assert "[3] stats: National statistics (dataset) · Stats Office, 2019 · https://example.org/stats" in text
    assert "[5] paper: A peer-reviewed paper (study) · A. Scholar, 2018 ⚠ minor no URL" in text


def test_depth_focus_and_no_sources() -> None:
    text = view((HERE / "small.yaml").read_text(), depth=0, width=100)
    assert "◆ thesis:" in text and "▲ shade-cools" not in text and "└── … 9 more claims below" in text
    text = view((HERE / "small.yaml").read_text(), focus="survey-says-cooler", sources=False, width=100)
    assert [m.group(2) for line in text.splitlines() if (m := DEFINITION.match(line))] == [
        "thesis",
        "shade-cools",
        "survey-says-cooler",
    ]
    assert "Sources" not in text


def test_unknown_focus_is_exit_2_with_suggestion() -> None:
    proc = run_main("show", "--focus", "shade-cool", "tests/gaps_show/small.yaml")
    assert proc.returncode == 2
    assert b"no claim with id 'shade-cool'; did you mean 'shade-cools'?" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_bad_options_and_unreadable_map() -> None:
    assert run_main("show", "--width", "5", "maps/assad_isis.yaml").returncode == 2
    assert run_main("show", "--depth", "-1", "maps/assad_isis.yaml").returncode == 2
    assert run_main("show", "tests/gaps_show/nope.yaml").returncode == 2
    proc = run_main("show", "-", input="argmap: 1\ntitle: [x\n")
    assert proc.returncode == 1 and proc.stdout == b"" and b"<stdin>:" in proc.stderr


# --- untrusted text --------------------------------------------------------------------------------


def test_markup_and_emoji_codes_show_literally() -> None:
    text = (GOLDEN / "hostile.show.txt").read_text(encoding="utf-8")
    for literal in (
        "[bold red]Hostile[/] map :warning: [link=javascript:alert(1)]click[/link]",
        "[bold red]looks like an ERROR[/] from argmap",
        "array[/index] access",
        "dict[str, Any] and [notastyle]x",
        "a :warning: b :thumbs_up:",
        "https://example.org/[bold]x[/bold]",
    ):
        assert literal in text


def test_escape_sequences_are_made_visible_when_piped() -> None:
    proc = run_main("show", "--width", "100", "tests/gaps_show/hostile_ansi.yaml")
    assert proc.returncode == 0
    assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout and b"\x1b" not in proc.stderr
    out = proc.stdout.decode()
    assert "\\x1b]0;pwned window title\\x07" in out
    assert "\\x1b]8;;http://evil.example\\x1b\\innocent text" in out


def test_control_characters_in_the_model_never_reach_the_output() -> None:
    loaded = load_bytes((HERE / "clean.yaml").read_bytes(), file="m.yaml", base_dir=None)
    assert loaded.map is not None
    evil = "\x1b[2J\x1b]52;c;ZWNobw==\x07\r\x08\u202e\x9b31m"
    claims = tuple(dataclasses.replace(c, text=c.text + evil) if c.id == "trees-cool" else c for c in loaded.map.claims)
    argmap = dataclasses.replace(loaded.map, claims=claims, title=evil)
    text = plain_text(
        build_view(argmap, gaps=find_gaps(argmap), coverage=coverage(argmap), options=ViewOptions(width=200))
    )
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert "\\x1b[2J\\x1b]52;c;ZWNobw==\\x07\\x0d\\x08\\u202e\\x9b31m" in text


def test_colour_on_a_terminal_and_no_colour_with_no_color() -> None:
    args = ["show", "--width", "100", "tests/gaps_show/small.yaml"]
    coloured = run_in_pty(args, {})
    assert re.search(rb"\x1b\[[0-9;]*3[1-7]m", coloured)  # a foreground colour
    plain = run_in_pty(args, {"NO_COLOR": "1"})
    assert not re.search(rb"\x1b\[[0-9;]*3[1-7]m", plain)
    assert "▲ shade-cools:" in re.sub(r"\x1b\[[0-9;]*m", "", plain.decode())


def test_force_color_colours_piped_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    proc = run_main(
        "show", "--width", "100", "tests/gaps_show/small.yaml", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    )
    assert proc.returncode == 0 and re.search(rb"\x1b\[[0-9;]*3[1-7]m", proc.stdout)
    assert "▲ shade-cools:" in re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout.decode())


def test_one_megabyte_claim_prints_without_hanging(tmp_path: Path) -> None:
    token = "x" * 1_000_000
    words = " ".join(["word[bold]"] * 100_000)
    path = tmp_path / "big.yaml"
    path.write_text(
        (HERE / "clean.yaml")
        .read_text()
        .replace("claim: Trees cool streets.", f"claim: {token}")
        .replace("claim: Trees are costly.", f'claim: "{words}"')
    )
    proc = run_main("show", "--width", "100", str(path), timeout=20)  # a hang guard, not a timing test
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert 1_000_000 <= proc.stdout.count(b"x") < 1_000_100
    assert sum(1 for line in lines if "x" * 80 in line) > 10_000
    assert sum(line.count("word[bold]") for line in lines) == 100_000


# --- properties ------------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), size=st.integers(1, 40), width=st.integers(60, 120))
def test_every_claim_defined_exactly_once_refs_as_pointers(seed: int, size: int, width: int) -> None:
    text = random_map(seed, size)
    loaded = load_bytes(text.encode(), file="m.yaml", base_dir=None)
    assert loaded.map is not None
    out = view(text, width=width)
    defined = [m.group(2) for line in out.splitlines() if (m := DEFINITION.match(line))]
    assert sorted(defined) == sorted(loaded.map.claim_index)
    pointers = [m.group(2) for line in out.splitlines() if (m := POINTER_LINE.match(line))]
    assert set(pointers) <= set(loaded.map.claim_index)
    refs = [e for e in loaded.map.edges_resolved if e.ref]
    assert len(pointers) == len(refs)
    assert all(len(line) <= width for line in out.splitlines())


def test_a_reference_to_a_claim_outside_a_focused_view_says_so() -> None:
    text = (ROOT / "tests" / "gaps_show" / "small.yaml").read_text(encoding="utf-8")
    shown = view(text, focus="trees-need-water")
    assert "→ see shade-cools (not in this view)" in shown
    assert "shade-cools:" not in shown
    assert "(not in this view)" not in view(text)  # the full view writes every claim out


def test_rival_theses_are_positions_of_their_own() -> None:
    text = (ROOT / "tests" / "format2" / "rivals.yaml").read_text(encoding="utf-8")
    out = view(text, width=80, sources=False)
    tree = out.split("\n\n", 1)[1]
    assert tree == (
        "Position 1 of 2 · rival of toll\n"
        "◆ ban: The city should ban cars downtown. ⚠ single-source\n"
        "├── ▲ air: Air quality downtown is poor. [1] ⚠ no-quote\n"
        "└── ✗ → see toll\n"
        "\n"
        "Position 2 of 2 · rival of ban\n"
        "◆ toll: The city should charge a congestion toll instead. ⚠ single-source\n"
        "├── ▲ revenue: A toll raises money for transit. [1] ⚠ no-quote\n"
        "└── ✗ → see ban\n"
    )
    assert "not connected" not in out


def test_a_claim_of_a_linked_argument_wraps_every_line_at_the_width() -> None:
    # the argument's name leads the claim's paragraph: its lines fill the width like any other's
    # (the name was a prefix of the first line only, and the lines after it were cut shorter by its length)
    lines = view((ROOT / "tests" / "format2" / "base.yaml").read_text(), width=60).splitlines()
    start = next(i for i, line in enumerate(lines) if "⊕ expert-case head-teachers-say:" in line)
    assert lines[start : start + 4] == [
        "├── ▲ ⊕ expert-case head-teachers-say: Head teachers report",
        "│     less bullying after uniforms came in. [1] ⚠ no-quote",
        "├── △ ⊕ expert-case heads-know: Head teachers see most of",
        "│     the bullying in their schools. ⚠ unstated-assumption",
    ]
    assert all(len(line) <= 60 for line in lines)
    assert "\u00a0" not in "".join(lines)  # the no-break space that keeps the name one word prints as a space
