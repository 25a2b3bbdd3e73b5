"""The looks of a diagram: one `Theme` per --theme name (colours), and the shapes and line styles
that every theme shares, so that kinds and relations differ by more than colour.

`THEMES` is the one declaration of the themes: `argmap render --theme` takes its choices from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from argmap.model import ClaimKind


@dataclass(frozen=True)
class Theme:
    """Colours and line styles of one look. Shapes are the same in every theme."""

    name: str
    #: what sets it apart, for --help ("" when the name says it)
    description: str
    background: str
    text: str
    legend_border: str
    #: kind -> (fill, border, font colour)
    kinds: Mapping[ClaimKind, tuple[str, str, str]]
    support: str
    attack: str
    #: the border of a claim a critical weak point hits (render --gaps); `gap_major` for a major one
    gap: str
    gap_major: str


# Okabe-Ito colours (safe for the common colour-vision deficiencies): blue #0072B2, bluish green
# #009E73, sky blue #56B4E9, orange #E69F00, vermillion #D55E00, reddish purple #CC79A7.
THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        description="colour-blind-safe",
        background="white",
        text="#1a1a1a",
        legend_border="#999999",
        kinds={
            ClaimKind.THESIS: ("#0072B2", "#00507d", "white"),
            ClaimKind.PREMISE: ("#dff2ec", "#009E73", "#1a1a1a"),
            ClaimKind.CORRELATION: ("#e3f2fb", "#56B4E9", "#1a1a1a"),
            ClaimKind.COUNTERPOINT: ("#fbecd0", "#E69F00", "#1a1a1a"),
            ClaimKind.REBUTTAL: ("#f6e4ee", "#CC79A7", "#1a1a1a"),
            ClaimKind.UNDERCUT: ("#fde3d6", "#D55E00", "#1a1a1a"),
            ClaimKind.ASSUMPTION: ("#ffffff", "#009E73", "#1a1a1a"),
        },
        support="#009E73",
        attack="#D55E00",
        gap="#D55E00",
        gap_major="#E69F00",
    ),
    "dark": Theme(
        name="dark",
        description="",
        background="#1e1f22",
        text="#e8e8e8",
        legend_border="#777777",
        kinds={
            ClaimKind.THESIS: ("#0b4f7a", "#56B4E9", "white"),
            ClaimKind.PREMISE: ("#173d33", "#2fc59b", "#e8e8e8"),
            ClaimKind.CORRELATION: ("#1b3647", "#56B4E9", "#e8e8e8"),
            ClaimKind.COUNTERPOINT: ("#463614", "#E69F00", "#e8e8e8"),
            ClaimKind.REBUTTAL: ("#44283a", "#CC79A7", "#e8e8e8"),
            ClaimKind.UNDERCUT: ("#4a2414", "#ff7a3d", "#e8e8e8"),
            ClaimKind.ASSUMPTION: ("#1a1a1a", "#2fc59b", "#e8e8e8"),
        },
        support="#2fc59b",
        attack="#ff7a3d",
        gap="#ff5a36",
        gap_major="#f0c040",
    ),
    "print": Theme(
        name="print",
        description="black and white",
        background="white",
        text="black",
        legend_border="black",
        kinds={
            ClaimKind.THESIS: ("white", "black", "black"),
            ClaimKind.PREMISE: ("white", "black", "black"),
            ClaimKind.CORRELATION: ("white", "black", "black"),
            ClaimKind.COUNTERPOINT: ("#d9d9d9", "black", "black"),
            ClaimKind.REBUTTAL: ("#bdbdbd", "black", "black"),  # mid grey: apart from white premises on paper
            ClaimKind.UNDERCUT: ("#eeeeee", "black", "black"),
            ClaimKind.ASSUMPTION: ("white", "black", "black"),
        },
        support="black",
        attack="black",
        gap="black",
        gap_major="black",
    ),
}

#: kind -> (shape, style, peripheries): the shape tells the kinds apart in every theme
SHAPES: dict[ClaimKind, tuple[str, str, str]] = {
    ClaimKind.THESIS: ("box", "rounded,filled,bold", "2"),
    ClaimKind.PREMISE: ("box", "rounded,filled", "1"),
    ClaimKind.CORRELATION: ("box", "filled,diagonals", "1"),
    ClaimKind.COUNTERPOINT: ("box", "filled", "1"),
    ClaimKind.REBUTTAL: ("box", "rounded,filled,bold", "1"),
    # format 2: an undercut is cut-cornered (it attacks a step, not a claim); an assumption is dashed
    # (the text leaves it unstated)
    ClaimKind.UNDERCUT: ("box", "filled,diagonals,dashed", "1"),
    ClaimKind.ASSUMPTION: ("box", "rounded,filled,dashed", "1"),
}

# Support: solid line, filled arrowhead. Attack: dashed line, bar ("tee") end. Not colour alone.
SUPPORT_STYLE = {"style": "solid", "arrowtail": "normal", "penwidth": "1.4"}
ATTACK_STYLE = {"style": "dashed", "arrowtail": "tee", "penwidth": "1.6"}
