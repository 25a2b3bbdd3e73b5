"""`argmap render --layout` and `--engine sfdp`: the shape of the page each layout gives with the
real layout programs (graphviz-pure and the system dot), every claim drawn once, the line that says
what auto chose, no two boxes on top of each other under sfdp, and hostile text still text.

Sizes are read from the SVG that each program writes (its width and height in points).
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats.argmap_yaml import load_bytes
from argmap.render.check import check_svg
from argmap.render.graphviz import find_pure, run_dot
from argmap.render.layout import READABLE_ASPECTS, plan_layout
from argmap.render.pipeline import RenderOptions, map_to_dot, view_of
from argmap.text.safe import visible

ROOT = Path(__file__).resolve().parents[1]
ASSAD = ROOT / "maps" / "assad_isis.yaml"
SMALL = ROOT / "tests" / "render" / "small.yaml"
HOSTILE = ROOT / "tests" / "render" / "hostile.yaml"
SVG = "{http://www.w3.org/2000/svg}"
PROGRAMS = ["graphviz-pure", "dot"]

sys.path.insert(0, str(ROOT / "bench"))
from genmap import generate  # noqa: E402


def load(path: Path):
    result = load_bytes(path.read_bytes(), file=path.name, base_dir=str(path.parent))
    assert result.map is not None, result.problems
    return result.map


def load_text(text: str):
    result = load_bytes(text.encode("utf-8"), file="generated.yaml", base_dir=".")
    assert result.map is not None, result.problems
    return result.map


def program_path(program: str) -> str:
    path = find_pure() if program == "graphviz-pure" else shutil.which("dot")
    assert path is not None  # CI installs both
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, cwd=ROOT, timeout=300)


def page_size(svg: bytes) -> tuple[float, float]:
    root = ET.fromstring(svg)
    return float(root.get("width", "").removesuffix("pt")), float(root.get("height", "").removesuffix("pt"))


def claim_groups(svg: bytes) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if {"node", "claim"} <= set(g.get("class", "").split())]


def first_lines(svg: bytes) -> list[str]:
    """The first text line (the claim id) of every claim box."""
    return [next(g.iter(f"{SVG}text")).text or "" for g in claim_groups(svg)]


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def box(group: ET.Element) -> tuple[float, float, float, float]:
    """The bounding box (x0, y0, x1, y1) of a node's outline: every point of its polygons and paths."""
    numbers: list[float] = []
    for element in group:
        if element.tag in (f"{SVG}polygon", f"{SVG}path"):
            numbers += [float(n) for n in _NUMBER.findall(element.get("points") or element.get("d") or "")]
        elif element.tag == f"{SVG}a" or element.tag == f"{SVG}g":
            x0, y0, x1, y1 = box(element)
            if x0 <= x1:
                numbers += [x0, y0, x1, y1]
    xs, ys = numbers[0::2], numbers[1::2]
    if not xs:
        return (1.0, 1.0, 0.0, 0.0)
    return min(xs), min(ys), max(xs), max(ys)


def overlapping(boxes: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    """Pairs of boxes whose insides meet (touching edges do not count)."""
    found = []
    for i, (ax0, ay0, ax1, ay1) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            bx0, by0, bx1, by1 = boxes[j]
            if ax0 < bx1 - 0.5 and bx0 < ax1 - 0.5 and ay0 < by1 - 0.5 and by0 < ay1 - 0.5:
                found.append((i, j))
    return found


# -- the shape of the page ----------------------------------------------------------------------


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_auto_lays_the_assad_map_out_within_a_readable_shape_with_every_claim_once(
    program: str, direction: str
) -> None:
    argmap = load(ASSAD)
    low, high = READABLE_ASPECTS
    tree = run_dot(
        map_to_dot(argmap, RenderOptions(direction=direction, layout="tree"))[0],
        fmt="svg",
        dot_path=program_path(program),
    )
    auto = run_dot(map_to_dot(argmap, RenderOptions(direction=direction))[0], fmt="svg", dot_path=program_path(program))
    check_svg(auto)
    (tree_w, tree_h), (w, h) = page_size(tree), page_size(auto)
    assert low <= w / h <= high, (w, h)
    # nearer a square page than the one tree, and no text made smaller: only the shape changes
    assert abs(math.log(w / h)) < abs(math.log(tree_w / tree_h))
    assert sorted(first_lines(auto)) == sorted(argmap.claim_index) == sorted(first_lines(tree))
    font_sizes = set(re.findall(rb'font-size="([\d.]+)"', auto))
    assert font_sizes == set(re.findall(rb'font-size="([\d.]+)"', tree))


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize(("claims", "format2"), [(300, False), (200, True)])
def test_auto_brings_a_generated_map_from_a_strip_to_a_readable_shape(program: str, claims: int, format2: bool) -> None:
    argmap = load_text(generate(claims, seed=11, format2=format2))
    low, high = READABLE_ASPECTS
    tree = run_dot(map_to_dot(argmap, RenderOptions(layout="tree"))[0], fmt="svg", dot_path=program_path(program))
    tree_w, tree_h = page_size(tree)
    assert tree_w / tree_h < low / 2  # a tall strip
    auto = run_dot(map_to_dot(argmap, RenderOptions())[0], fmt="svg", dot_path=program_path(program))
    w, h = page_size(auto)
    assert low <= w / h <= high, (w, h)
    assert sorted(first_lines(auto)) == sorted(argmap.claim_index)


def test_a_small_map_stays_one_tree_and_auto_says_nothing(tmp_path: Path) -> None:
    view = view_of(load(SMALL), RenderOptions())
    plan = plan_layout(view, layout="auto", direction="LR")
    assert (plan.name, plan.bands, dict(plan.minlen), plan.message) == ("tree", 1, {}, None)
    proc = run_cli("render", str(SMALL), "-o", str(tmp_path / "small.svg"))
    assert (proc.returncode, proc.stderr) == (0, b"")


def test_stderr_says_in_one_line_what_was_chosen_and_why(tmp_path: Path) -> None:
    proc = run_cli("render", str(ASSAD), "-o", str(tmp_path / "assad.svg"))
    assert proc.returncode == 0
    assert proc.stderr == (
        b"argmap: 66 claims, 8 levels: laid out in 2 columns to keep the page near a screen's shape "
        b"(--layout tree draws one tree)\n"
    )
    proc = run_cli("render", str(ASSAD), "-o", str(tmp_path / "assad.svg"), "--direction", "TB")
    assert proc.stderr == (
        b"argmap: 66 claims, 8 levels: laid out in 3 rows to keep the page near a screen's shape "
        b"(--layout tree draws one tree)\n"
    )
    proc = run_cli("render", str(ASSAD), "-o", str(tmp_path / "tree.svg"), "--layout", "tree")
    assert (proc.returncode, proc.stderr) == (0, b"")
    proc = run_cli("render", str(ASSAD), "-o", str(tmp_path / "sfdp.svg"), "--engine", "sfdp")
    assert (proc.returncode, proc.stderr) == (0, b"")
    proc = run_cli("render", str(ASSAD), "-o", str(tmp_path / "x.svg"), "--engine", "sfdp", "--layout", "columns")
    assert proc.returncode == 2
    assert b"--layout columns needs --engine dot (a sfdp layout has no ranks to cut)" in proc.stderr
    assert not (tmp_path / "x.svg").exists()


def test_a_chain_too_deep_to_cut_stays_one_tree_and_says_why() -> None:
    lines = ["argmap: 1", "title: chain", "thesis:", "  id: c0", "  claim: claim 0"]
    indent = "  "
    for index in range(1, 12):
        lines += [f"{indent}premises:", f"{indent}  - id: c{index}", f"{indent}    claim: claim {index} " + "x" * 40]
        indent += "    "
    view = view_of(load_text("\n".join(lines) + "\n"), RenderOptions())
    plan = plan_layout(view, layout="auto", direction="LR")
    assert plan.name == "tree" and plan.bands == 1
    assert plan.message == "12 claims, 12 levels: one tree: it has too few branches to set side by side"


# -- the layout only adds rank offsets --------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(claims=st.integers(1, 160), seed=st.integers(0, 10_000), format2=st.booleans(), tb=st.booleans())
def test_columns_only_add_rank_offsets_to_the_tree_dot(claims: int, seed: int, format2: bool, tb: bool) -> None:
    argmap = load_text(generate(claims, seed=seed, format2=format2))
    direction = "TB" if tb else "LR"
    tree, _ = map_to_dot(argmap, RenderOptions(format="dot", layout="tree", direction=direction))
    columns, _ = map_to_dot(argmap, RenderOptions(format="dot", layout="columns", direction=direction))
    plan = plan_layout(view_of(argmap, RenderOptions()), layout="columns", direction=direction)
    assert re.sub(r" minlen=\d+| weight=0", "", columns) == tree
    assert columns.count(" minlen=") == len(plan.minlen) == columns.count(" weight=0")
    assert all(offset >= 1 for offset in plan.minlen.values())
    if plan.bands > 1:
        assert len(plan.minlen) >= plan.bands - 1
    else:
        assert plan.minlen == {}


# -- sfdp ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("path", [ASSAD, HOSTILE])
def test_sfdp_draws_no_box_on_another_and_the_legend_as_one_block_apart(program: str, path: Path) -> None:
    argmap = load(path)
    svg = run_dot(
        map_to_dot(argmap, RenderOptions(engine="sfdp"))[0], fmt="svg", engine="sfdp", dot_path=program_path(program)
    )
    check_svg(svg)
    claims = claim_groups(svg)
    assert len(claims) == len(argmap.claim_index)
    root = ET.fromstring(svg)
    legends = [g for g in root.iter(f"{SVG}g") if {"node", "legend"} <= set(g.get("class", "").split())]
    assert len(legends) == 1  # one box, not one per kind among the claims
    boxes = [box(g) for g in claims]
    assert overlapping(boxes) == []
    legend = box(legends[0])
    assert overlapping([legend, *boxes])[:1] == []
    assert b"Legend" in ET.tostring(legends[0])


def test_sfdp_dot_sets_overlap_removal_and_packing() -> None:
    source, _ = map_to_dot(load(SMALL), RenderOptions(format="dot", engine="sfdp"))
    assert "overlap=prism" in source and 'sep="+14"' in source and "pack=true" in source
    assert "cluster_legend" not in source and source.count("\tlegend [label=<<TABLE") == 1
    dot_source, _ = map_to_dot(load(SMALL), RenderOptions(format="dot"))
    assert "overlap" not in dot_source and "cluster_legend" in dot_source


# -- hostile text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize(("layout", "engine"), [("columns", "dot"), ("tree", "sfdp")])
def test_hostile_ids_and_text_stay_text_in_every_layout(program: str, layout: str, engine: str) -> None:
    argmap = load(HOSTILE)
    options = RenderOptions(layout=layout, engine=engine)
    if layout == "columns":
        assert plan_layout(view_of(argmap, options), layout="columns", direction="LR").bands > 1
    svg = run_dot(map_to_dot(argmap, options)[0], fmt="svg", engine=engine, dot_path=program_path(program))
    check_svg(svg)
    assert sorted(first_lines(svg)) == sorted(visible(claim_id) for claim_id in argmap.claim_index)
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script") or e.tag.endswith("foreignObject")]
    assert b"<script>alert(1)</script>" not in svg and b"&lt;script&gt;alert(1)&lt;/script&gt;" in svg


# -- --split DIR ---------------------------------------------------------------------------------


def test_split_writes_an_overview_and_one_page_per_branch_of_the_thesis(tmp_path: Path) -> None:
    from argmap.graph import descendants

    argmap = load(ASSAD)
    out = tmp_path / "pages"
    out.mkdir()
    proc = run_cli("render", str(ASSAD), "--split", str(out))
    assert proc.returncode == 0, proc.stderr
    branches = list(dict.fromkeys(e.child for e in argmap.children(argmap.thesis) if not e.ref))
    assert sorted(p.name for p in out.iterdir()) == sorted(["overview.svg", *(f"branch-{b}.svg" for b in branches)])
    assert (
        proc.stderr.decode().splitlines()[-1] == f"argmap: wrote overview.svg and {len(branches)} branch pages to {out}"
    )
    overview = (out / "overview.svg").read_bytes()
    check_svg(overview)
    assert sorted(first_lines(overview)) == sorted([argmap.thesis, *branches])
    drawn: set[str] = set(first_lines(overview))
    for branch in branches:
        page = (out / f"branch-{branch}.svg").read_bytes()
        check_svg(page)
        assert sorted(first_lines(page)) == sorted(descendants(argmap, branch))
        drawn.update(first_lines(page))
    assert drawn == set(argmap.claim_index)  # every claim is on some page


def test_split_refuses_o_and_a_missing_directory_and_writes_nothing(tmp_path: Path) -> None:
    proc = run_cli("render", str(ASSAD), "--split", str(tmp_path), "-o", str(tmp_path / "x.svg"))
    assert proc.returncode == 2 and b"--split DIR writes its own files: give it without -o" in proc.stderr
    proc = run_cli("render", str(ASSAD), "--split", str(tmp_path), "--focus", "releases-were-strategic")
    assert proc.returncode == 2 and b"give it without --depth or --focus" in proc.stderr
    proc = run_cli("render", str(ASSAD), "--split", str(tmp_path / "missing"))
    assert proc.returncode == 2
    assert proc.stderr == f"argmap: --split: '{tmp_path / 'missing'}' is not a directory (make it first)\n".encode()
    proc = run_cli("render", str(ASSAD), "--split", str(tmp_path), "-f", "html")
    assert proc.returncode == 2 and b"--split draws pictures (svg, png, pdf or dot), not html" in proc.stderr
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=200, deadline=None)
@given(ids=st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=8, unique=True))
def test_a_page_file_name_is_one_safe_name_unique_but_for_case(ids: list[str]) -> None:
    from argmap.render.split import page_file_name

    taken = {"overview.svg"}
    names = []
    for claim_id in ids:
        plain = f"branch-{claim_id}.svg"
        free = plain.lower() not in taken
        name = page_file_name(claim_id, ".svg", taken)
        names.append(name)
        assert re.fullmatch(r"branch-[A-Za-z0-9_%-]*\.svg", name), name
        assert len(name) <= len("branch-") + 100 + 13 + len(".svg")
        if re.fullmatch(r"[A-Za-z0-9_-]{0,100}", claim_id) and free:
            assert name == plain  # a safe id is its own name
        else:
            assert re.fullmatch(r"branch-[A-Za-z0-9_%-]*-[0-9a-f]{12}\.svg", name), name
    lowered = [name.lower() for name in ["overview.svg", *names]]
    assert len(set(lowered)) == len(lowered)


def test_page_file_names_of_hostile_ids() -> None:
    from argmap.render.split import page_file_name

    taken = {"overview.svg"}
    assert page_file_name("plain-id", ".svg", taken) == "branch-plain-id.svg"
    assert page_file_name("Same", ".svg", taken) == "branch-Same.svg"
    same = page_file_name("same", ".svg", taken)
    assert re.fullmatch(r"branch-same-[0-9a-f]{12}\.svg", same)
    escape = page_file_name("../escape", ".svg", taken)
    assert re.fullmatch(r"branch-%2E%2E%2Fescape-[0-9a-f]{12}\.svg", escape)
    assert re.fullmatch(r"branch-a%5C%00b-[0-9a-f]{12}\.svg", page_file_name("a\\\x00b", ".svg", taken))
    assert re.fullmatch(r"branch-%C3%BCber-[0-9a-f]{12}\.svg", page_file_name("über", ".svg", taken))
