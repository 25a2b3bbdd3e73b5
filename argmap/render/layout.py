"""How a diagram is laid out (`render --layout`): one tree, or the tree cut into bands side by side.

A layered drawing of an argument tree grows along the ranks by its depth and across them by its
number of leaves, so a map of a few dozen claims is already a tall strip from left to right (and a
wide one from top to bottom). `columns` cuts the tree into bands: the thesis and the first
branches keep their ranks, and each further band of branches starts one rank after the band
before it ends, so dot puts the bands side by side (columns from left to right, rows from top to
bottom) while every arrow, the long ones back to the thesis too, is still drawn. The arrow that
starts a band gets `minlen` (its rank offset) and weight 0 (so that dot does not pull the band
back level with the thesis). Text is never shrunk: the page only changes shape.

`plan_layout` estimates the size of each choice from the boxes' text (the same font metrics as
the layout, roughly: an estimate, not a layout) and, for `auto`, keeps one tree for a map that fits
a screen, and otherwise picks the band count whose page comes nearest to a screen's shape. The
estimate never runs Graphviz, so choosing costs nothing next to the layout itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.views.diagram import DiagramView

#: --layout name -> what it draws, for --help
LAYOUTS: dict[str, str] = {
    "auto": "one tree for a map that fits a screen, else columns",
    "tree": "one tree",
    "columns": "the tree cut into bands side by side",
}
#: the shape (width / height) a page is brought near; between 1:2 and 2:1 counts as readable
TARGET_ASPECT = 1.4
READABLE_ASPECTS = (0.5, 2.0)
#: a picture estimated within this many points each way fits a screen and stays one tree under auto
SCREEN = (1600.0, 1200.0)
#: under auto, bands replace one tree only when they bring the page this much nearer TARGET_ASPECT
#: (on the log scale of `_score`: a factor of 1.5), so that a tree already near it stays as it is
MIN_GAIN = math.log(1.5)
#: a cut one level deeper is taken only when it brings the page this much nearer TARGET_ASPECT
DEEPER_GAIN = 0.3
#: dot does not line the bands up: each starts a little further across than the one before (where
#: the arrows back to the thesis leave the band before), the more so the more bands there are.
#: Measured on the maps of docs/render.md (the page's breadth over its broadest band's): 1.36 with
#: 2 bands, 1.46 with 3, 2.0 with 7, 1.6 with 9, 2.2 with 12; the estimate takes 1.2 + 0.08 per band
STAGGER = (1.2, 0.08)
#: the most bands a page is cut into, and the deepest level whose branches may start a band
MAX_BANDS = 20
MAX_SPLIT_DEPTH = 3

# Sizes in points, from argmap.render.dot's settings: 11 pt Arial (13 pt for the thesis), node
# margins 0.14 x 0.08 in, nodesep 0.3 in, ranksep 0.55 in.
_CHAR = 5.9
_LINE = 13.2
_PAD_X = 2 * 0.14 * 72
_PAD_Y = 2 * 0.08 * 72 + 4
_NODESEP = 0.3 * 72
_RANKSEP = 0.55 * 72
_JUNCTION = 0.13 * 72


@dataclass(frozen=True)
class LayoutPlan:
    """What `plan_layout` chose: the layout's name, its number of bands (1: one tree), the rank
    offset (`minlen`) of each view edge that starts a band, keyed by its index in `view.edges`,
    and the line that says what was chosen and why (None when there is nothing to say)."""

    name: str
    bands: int = 1
    minlen: Mapping[int, int] = field(default_factory=dict)
    message: str | None = None
    #: the estimated size in points (width, height) of the chosen picture
    size: tuple[float, float] = (0.0, 0.0)


TREE = LayoutPlan("tree")


@dataclass
class _Tree:
    """The view as a tree for estimating: children along non-ref relations, each box's size."""

    root: str
    children: dict[str, list[tuple[int, str]]]
    depth: dict[str, int]
    #: across the ranks (box height in LR) and along them (box width in LR), in points
    breadth: dict[str, float]
    length: dict[str, float]


@dataclass(frozen=True)
class _Band:
    """Estimated size of a band: per rank, the boxes' breadths added up (dot packs the boxes of
    one rank close, whatever subtree they belong to) and the longest box."""

    across: tuple[float, ...]
    ranks: tuple[float, ...]

    @property
    def breadth(self) -> float:
        return max(self.across, default=0.0)


def _box(lines: list[str], *, font: float = 11.0) -> tuple[float, float]:
    """Estimated (width, height) in points of a box of `lines`."""
    scale = font / 11.0
    chars = max((len(line) for line in lines), default=1)
    return chars * _CHAR * scale + _PAD_X, len(lines) * _LINE * scale + _PAD_Y


def _tree(view: DiagramView, *, across_is_height: bool) -> _Tree | None:
    """The view's relations as a tree from its one root, or None when it has no single root."""
    from argmap.model import ClaimKind
    from argmap.render.dot import node_label

    ids = [node.id for node in view.nodes] + [junction.id for junction in view.junctions]
    has_parent = {edge.child for edge in view.edges if not edge.ref}
    roots = [node for node in ids if node not in has_parent]
    if len(roots) != 1:
        return None
    children: dict[str, list[tuple[int, str]]] = {}
    for index, edge in enumerate(view.edges):
        if not edge.ref:
            children.setdefault(edge.parent, []).append((index, edge.child))
    depth = {roots[0]: 0}
    frontier = [roots[0]]
    tree_children: dict[str, list[tuple[int, str]]] = {}
    while frontier:  # breadth first: a box reached twice belongs to its first parent
        following = []
        for parent in frontier:
            for index, child in children.get(parent, ()):
                if child not in depth:
                    depth[child] = depth[parent] + 1
                    tree_children.setdefault(parent, []).append((index, child))
                    following.append(child)
        frontier = following
    if len(depth) != len(ids):
        return None
    breadth: dict[str, float] = {}
    length: dict[str, float] = {}
    for node in view.nodes:
        width, height = _box(node_label(node), font=13.0 if node.kind is ClaimKind.THESIS else 11.0)
        breadth[node.id], length[node.id] = (height, width) if across_is_height else (width, height)
    for junction in view.junctions:
        breadth[junction.id] = length[junction.id] = _JUNCTION
    return _Tree(roots[0], tree_children, depth, breadth, length)


def _band_of(tree: _Tree, top: str) -> _Band:
    """The estimated size of the subtree under `top` drawn as one tree (no recursion: a map may
    nest deeper than Python's stack)."""
    ranks: list[float] = []
    across: list[float] = []
    stack = [(top, 0)]
    while stack:
        node, rank = stack.pop()
        if len(ranks) <= rank:
            ranks.append(0.0)
            across.append(0.0)
        ranks[rank] = max(ranks[rank], tree.length[node])
        across[rank] += tree.breadth[node] + _NODESEP
        stack.extend((child, rank + 1) for _, child in tree.children.get(node, ()))
    return _Band(tuple(across), tuple(ranks))


def _merge(bands: list[_Band]) -> _Band:
    """Bands whose first ranks are one rank: breadths add, each rank as long as its longest."""
    ranks: list[float] = []
    across: list[float] = []
    for band in bands:
        for rank, (size, breadth) in enumerate(zip(band.ranks, band.across, strict=True)):
            if len(ranks) <= rank:
                ranks.append(0.0)
                across.append(0.0)
            ranks[rank] = max(ranks[rank], size)
            across[rank] += breadth
    return _Band(tuple(across), tuple(ranks))


def _length(ranks: tuple[float, ...]) -> float:
    return sum(ranks) + _RANKSEP * max(len(ranks) - 1, 0)


@dataclass(frozen=True)
class _Cut:
    """One way of cutting the tree: the branches starting at `split_depth`, grouped into bands."""

    bands: tuple[tuple[int, ...], ...]  # indices into `units`
    units: tuple[tuple[int, str], ...]  # (edge index, top node) of each branch
    split_depth: int
    size: tuple[float, float]  # estimated (width, height) in points


def _trunk(tree: _Tree, split_depth: int) -> tuple[list[tuple[int, str]], _Band]:
    """The branches whose tops lie `split_depth` below the root (in document order), and the size
    of the trunk above them (the root and the boxes between, with their leaves)."""
    units: list[tuple[int, str]] = []
    ranks = [0.0] * split_depth
    widths = [0.0] * split_depth

    def walk(node: str) -> None:
        level = tree.depth[node]
        if level == split_depth:
            return
        ranks[level] = max(ranks[level], tree.length[node])
        widths[level] += tree.breadth[node] + _NODESEP
        for index, child in tree.children.get(node, ()):
            if tree.depth[child] == split_depth:
                units.append((index, child))
            else:
                walk(child)

    walk(tree.root)
    return units, _Band(tuple(widths), tuple(ranks))


def _partition(sizes: list[float], count: int) -> list[list[int]]:
    """`sizes` cut into at most `count` runs in order, keeping the largest run sum small (greedy
    against a bound found by bisection)."""

    def runs(bound: float) -> list[list[int]]:
        groups: list[list[int]] = [[]]
        total = 0.0
        for index, size in enumerate(sizes):
            if groups[-1] and total + size > bound:
                groups.append([])
                total = 0.0
            groups[-1].append(index)
            total += size
        return groups

    low, high = max(sizes), sum(sizes)
    for _ in range(30):
        middle = (low + high) / 2
        if len(runs(middle)) <= count:
            high = middle
        else:
            low = middle
    return runs(high)


def _cuts(tree: _Tree, *, across_is_height: bool) -> list[_Cut]:
    """Every cut worth considering: for each split depth, each band count."""
    found: list[_Cut] = []
    for split_depth in range(1, MAX_SPLIT_DEPTH + 1):
        units, trunk = _trunk(tree, split_depth)
        if not units:
            break
        sizes = [_band_of(tree, top) for _, top in units]
        breadths = [band.breadth for band in sizes]
        nearest = math.inf
        for count in range(1, min(MAX_BANDS, len(units)) + 1):
            groups = _partition(breadths, count)
            if count > 1 and len(groups) < count:
                continue
            first = _merge([sizes[i] for i in groups[0]])
            bands = [_Band(trunk.across + first.across, trunk.ranks + first.ranks)]
            bands += [_merge([sizes[i] for i in group]) for group in groups[1:]]
            along = sum(_length(band.ranks) for band in bands) + _RANKSEP * (len(bands) - 1)
            across = max(band.breadth for band in bands) * (_stagger(len(bands)) if len(bands) > 1 else 1.0)
            size = (across, along) if not across_is_height else (along, across)
            found.append(_Cut(tuple(tuple(g) for g in groups), tuple(units), split_depth, size))
            if _score(size) > nearest + 0.5:
                break  # past the nearest shape, more bands only move away from it
            nearest = min(nearest, _score(size))
    return found


def _stagger(bands: int) -> float:
    base, per_band = STAGGER
    return base + per_band * bands


def _score(size: tuple[float, float]) -> float:
    """How far a page's shape is from TARGET_ASPECT (0: exactly; log scale, so 2:1 and 1:2 are
    as far from 1:1)."""
    width, height = size
    return abs(math.log(max(width, 1.0) / max(height, 1.0) / TARGET_ASPECT))


def _minlen(tree: _Tree, cut: _Cut) -> dict[int, int]:
    """The rank offset of each edge that starts a band after the first."""
    offsets: dict[int, int] = {}
    # band 0 holds the trunk (ranks 0 .. split_depth - 1) and its branches from rank split_depth
    end = cut.split_depth + max(len(_band_of(tree, cut.units[i][1]).ranks) for i in cut.bands[0])
    for group in cut.bands[1:]:
        start = end  # the first rank after the band before
        for i in group:
            offsets[cut.units[i][0]] = start - (cut.split_depth - 1)
        end = start + max(len(_band_of(tree, cut.units[i][1]).ranks) for i in group)
    return offsets


def plan_layout(view: DiagramView, *, layout: str, direction: str, engine: str = "dot") -> LayoutPlan:
    """How to lay out `view` for `--layout layout`: one tree, or bands side by side (see the module
    docstring). `auto` keeps one tree for a map that fits a screen, and for any engine but dot."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    if layout == "tree" or engine != "dot":
        return TREE
    across_is_height = direction in ("LR", "RL")
    word = "columns" if across_is_height else "rows"
    tree = _tree(view, across_is_height=across_is_height)
    claims = len(view.nodes)
    if tree is None:
        reason = "its claims do not hang from one thesis"
        return TREE if layout == "auto" else LayoutPlan("tree", message=_said(claims, None, f"one tree: {reason}"))
    levels = 1 + max(tree.depth[node.id] for node in view.nodes)
    cuts = _cuts(tree, across_is_height=across_is_height)
    one_tree = cuts[0].size if cuts else _tree_size(tree, across_is_height=across_is_height)
    if layout == "auto" and one_tree[0] <= SCREEN[0] and one_tree[1] <= SCREEN[1]:
        return LayoutPlan("tree", size=one_tree)
    banded = [cut for cut in cuts if len(cut.bands) > 1]
    if not banded:
        message = _said(claims, levels, "one tree: it has too few branches to set side by side")
        return LayoutPlan("tree", message=message, size=one_tree)
    best = _best(banded)
    if layout == "auto" and _score(best.size) > _score(one_tree) - MIN_GAIN:
        message = _said(claims, levels, "one tree: it is nearer the shape of a screen than any cut into " + word)
        return LayoutPlan("tree", message=message, size=one_tree)
    count = len(best.bands)
    hint = "--layout tree draws one tree" if layout == "auto" else "--layout columns"
    message = _said(claims, levels, f"laid out in {count} {word} to keep the page near a screen's shape ({hint})")
    return LayoutPlan("columns", bands=count, minlen=_minlen(tree, best), message=message, size=best.size)


def _best(cuts: list[_Cut]) -> _Cut:
    """The cut nearest TARGET_ASPECT, preferring the least split depth: cutting deeper moves
    boxes away from their parents, whose arrows then run long, so a deeper cut is taken only when
    it brings the page clearly nearer (by DEEPER_GAIN)."""
    best: _Cut | None = None
    for split_depth in sorted({cut.split_depth for cut in cuts}):
        nearest = min(
            (cut for cut in cuts if cut.split_depth == split_depth), key=lambda cut: (_score(cut.size), len(cut.bands))
        )
        if best is None or _score(nearest.size) < _score(best.size) - DEEPER_GAIN:
            best = nearest
    assert best is not None
    return best


def _tree_size(tree: _Tree, *, across_is_height: bool) -> tuple[float, float]:
    band = _band_of(tree, tree.root)
    along = _length(band.ranks)
    return (band.breadth, along) if not across_is_height else (along, band.breadth)


def _said(claims: int, levels: int | None, what: str) -> str:
    counted = f"{claims} claim{'s' if claims != 1 else ''}"
    if levels is not None:
        counted += f", {levels} level{'s' if levels != 1 else ''}"
    return f"{counted}: {what}"
