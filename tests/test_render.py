"""`argmap render`: DOT golden files, SVG content counted by kind, every format from the real `dot`,
determinism, --depth/--focus/--gaps/--no-legend, and the command's exit codes and file handling.

Golden files live in tests/render/; regenerate them on purpose with ARGMAP_REGEN=1.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import cli
from argmap.formats.argmap_yaml import load_bytes
from argmap.render.check import SvgCheck, check_svg
from argmap.render.dot import to_dot
from argmap.render.errors import RenderError
from argmap.render.graphviz import run_dot
from argmap.render.pipeline import RenderOptions, map_to_dot
from argmap.views.diagram import build_view, wrap_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "render"
ASSAD = ROOT / "maps" / "assad_isis.yaml"
SMALL = FIXTURES / "small.yaml"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
REGEN = os.environ.get("ARGMAP_REGEN") == "1"


def load(path: Path):
    result = load_bytes(path.read_bytes(), file=path.name, base_dir=str(path.parent))
    assert result.map is not None, result.problems
    return result.map


JUNCTIONS = ROOT / "tests" / "format2" / "junctions.yaml"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, cwd=ROOT, env=env, timeout=300)


def classes(element: ET.Element) -> list[str]:
    return element.get("class", "").split()


def svg_groups(svg: bytes, kind: str) -> list[ET.Element]:
    """<g> elements whose class list contains `kind` ("node" or "edge")."""
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if kind in classes(g)]


# -- DOT golden files -------------------------------------------------------------------------

GOLDEN_CASES = {
    "assad_isis.dot": (ASSAD, RenderOptions(format="dot")),
    "small.dot": (SMALL, RenderOptions(format="dot")),
    "small_print_tb_nolegend.dot": (
        SMALL,
        RenderOptions(format="dot", theme="print", direction="TB", legend=False, wrap=20),
    ),
    "small_dark_gaps.dot": (SMALL, RenderOptions(format="dot", theme="dark", gaps=True, gaps_minimum="info")),
    "hostile.dot": (FIXTURES / "hostile.yaml", RenderOptions(format="dot")),
    "junctions.dot": (JUNCTIONS, RenderOptions(format="dot")),
}


@pytest.mark.parametrize("golden", sorted(GOLDEN_CASES))
def test_dot_matches_golden_file(golden: str) -> None:
    path, options = GOLDEN_CASES[golden]
    source, _ = map_to_dot(load(path), options)
    target = FIXTURES / golden
    if REGEN:
        target.write_text(source, encoding="utf-8")
    assert source == target.read_text(encoding="utf-8")


def test_cli_dot_output_is_the_golden_file(tmp_path: Path) -> None:
    out = tmp_path / "assad.dot"
    proc = run_cli("render", str(ASSAD), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == (FIXTURES / "assad_isis.dot").read_text(encoding="utf-8")


# -- SVG content --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assad_svg() -> bytes:
    return run_dot(map_to_dot(load(ASSAD), RenderOptions())[0], fmt="svg")


def test_assad_svg_has_every_claim_and_relation_by_kind(assad_svg: bytes) -> None:
    argmap = load(ASSAD)
    nodes = [g for g in svg_groups(assad_svg, "node") if "claim" in classes(g)]
    kinds = Counter(next(c for c in classes(g) if c in {k.value for k in type(argmap.claims[0].kind)}) for g in nodes)
    assert kinds == {
        "thesis": 1,
        "premise": 36,
        "correlation": 1,
        "counterpoint": 7,
        "rebuttal": 3,
        "undercut": 11,
        "assumption": 7,
    }
    assert kinds == Counter(c.kind.value for c in argmap.claim_index.values())
    edges = [g for g in svg_groups(assad_svg, "edge") if "relation" in classes(g)]
    by_kind = Counter(("attack" if "attack" in classes(g) else "support") for g in edges)
    expected = Counter(("attack" if e.attacks else "support") for e in argmap.edges_resolved)
    expected["support"] += len(argmap.argument_index)  # a linked argument's junction joins its conclusion
    assert by_kind == expected
    assert sum(expected.values()) == len(argmap.edges_resolved) + len(argmap.argument_index) == len(edges)
    refs = [g for g in edges if "ref" in classes(g)]
    assert len(refs) == sum(1 for e in argmap.edges_resolved if e.ref) > 0


def test_assad_svg_nodes_show_id_text_and_citations(assad_svg: bytes) -> None:
    root = ET.fromstring(assad_svg)
    thesis = next(g for g in root.iter(f"{SVG}g") if "thesis" in classes(g) and "claim" in classes(g))
    lines = [t.text for t in thesis.iter(f"{SVG}text")]
    assert lines[0] == "assad-helped-isis-rise"
    assert lines[-1] == "[article]"
    assert "The Assad regime contributed to" in lines[1]
    title = next(a.get(XLINK_TITLE) for a in thesis.iter(f"{SVG}a"))
    assert title.startswith(
        "thesis: assad-helped-isis-rise\nThe Assad regime contributed to the rise of the so-called Islamic State"
    )
    assert "\u201ccontributions to the ISIS tale of terror" in title


def test_legend_is_a_cluster_and_can_be_turned_off(assad_svg: bytes) -> None:
    root = ET.fromstring(assad_svg)
    clusters = [g for g in root.iter(f"{SVG}g") if "cluster" in classes(g)]
    assert [c.find(f"{SVG}title").text for c in clusters] == ["cluster_legend"]
    legend_nodes = [g for g in svg_groups(assad_svg, "node") if "legend" in classes(g)]
    assert {"thesis", "premise", "correlation", "counterpoint", "rebuttal"} <= {
        c for g in legend_nodes for c in classes(g)
    }
    source, _ = map_to_dot(load(ASSAD), RenderOptions(legend=False))
    assert "legend" not in source and "cluster" not in source


LONE = (
    "argmap: 1\ntitle: Lone\nsources:\n  s: {title: S, kind: article}\nthesis:\n  id: t\n  claim: Alone.\n  cite: [s]\n"
)


@pytest.mark.parametrize("engine", ["dot", "sfdp"])
def test_the_legend_names_only_what_the_drawing_shows(engine: str, tmp_path: Path) -> None:
    def legend_of(text: str) -> list[str]:
        path = tmp_path / "m.yaml"
        path.write_text(text, encoding="utf-8")
        source = to_dot(build_view(load(path)), engine=engine)
        if engine == "dot":
            lines = [line for line in source.splitlines() if line.startswith("\t\tlegend") and "->" not in line]
            return [line.split("label=")[1].split()[0] for line in lines]
        table = next(line for line in source.splitlines() if line.startswith("\tlegend ["))
        return re.findall(r">([a-z][a-z ]*[a-z])</FONT>", table)

    small = SMALL.read_text(encoding="utf-8")
    no_attack = small.split("  counterpoints:")[0]
    arrows = ["claim", "supports", "claim", "attacks"] if engine == "dot" else ["supports", "attacks"]
    assert legend_of(LONE) == ["thesis"]  # no arrow drawn: no sample arrow
    assert legend_of(no_attack) == ["thesis", "premise", "correlation", *arrows[: len(arrows) // 2]]
    assert legend_of(small) == ["thesis", "premise", "correlation", "counterpoint", "rebuttal", *arrows]


def test_attack_and_support_differ_by_more_than_colour() -> None:
    for theme in ("light", "dark", "print"):
        source = to_dot(build_view(load(SMALL)), theme=theme, legend=False)
        support = next(line for line in source.splitlines() if 'class="relation support premise"' in line)
        attack = next(line for line in source.splitlines() if 'class="relation attack counterpoint"' in line)
        assert "arrowtail=normal" in support and "style=solid" in support
        assert "arrowtail=tee" in attack and "style=dashed" in attack
    print_source = to_dot(build_view(load(SMALL)), theme="print")
    colours = {
        part.split("=")[1].strip('"')
        for part in print_source.replace("]", " ").split()
        if part.startswith(("color=", "fillcolor=", "fontcolor="))
    }
    assert colours <= {"black", "white", "#d9d9d9", "#bdbdbd"}


def test_ref_is_one_node_with_two_edges() -> None:
    source = to_dot(build_view(load(SMALL)), legend=False)
    assert source.count('label="less-bullying') == 1
    node = next(line.split()[0] for line in source.splitlines() if 'label="less-bullying' in line)
    incoming = [line for line in source.splitlines() if line.strip().endswith("]") and f"-> {node} " in line]
    assert len(incoming) == 2
    assert sum("ref" in line for line in incoming) == 1


def test_correlation_shows_its_variables_and_link_goes_to_first_http_source() -> None:
    view = build_view(load(SMALL))
    correlation = next(n for n in view.nodes if n.id == "uniforms-attendance")
    assert correlation.between_lines == ("between: uniform policy \u2194", "attendance rate")
    assert correlation.url is None  # cites only the survey, which has no url
    thesis = next(n for n in view.nodes if n.id == "uniforms-help")
    assert thesis.url == "https://example.org/uniforms?a=1&b=2"
    assert thesis.citations == "[op-ed]"


def test_linked_node_href_keeps_the_query_string() -> None:
    svg = run_dot(map_to_dot(load(SMALL), RenderOptions())[0], fmt="svg")
    hrefs = [a.get(XLINK_HREF) for a in ET.fromstring(svg).iter(f"{SVG}a") if a.get(XLINK_HREF)]
    assert set(hrefs) == {"https://example.org/uniforms?a=1&b=2"}
    assert len(hrefs) == 3  # the thesis, less-bullying and cheaper-than-fashion cite op-ed first


def test_depth_and_focus_restrict_the_drawing() -> None:
    argmap = load(ASSAD)
    view = build_view(argmap, depth=1)
    thesis = argmap.thesis
    assert {n.id for n in view.nodes} == {thesis} | {e.child for e in argmap.children(thesis)}
    assert view.hidden == len(argmap.claim_index) - len(view.nodes)
    first = next(n for n in view.nodes if n.id == "jihadists-released-2011")
    assert first.hidden_children == len(argmap.children("jihadists-released-2011")) > 0
    source = to_dot(view)
    assert f"+{first.hidden_children} more below" in source
    focused = build_view(argmap, focus="jihadists-released-2011", depth=0)
    assert [n.id for n in focused.nodes] == ["jihadists-released-2011"] and focused.edges == ()


def test_unknown_focus_is_a_usage_error_with_a_suggestion() -> None:
    proc = run_cli("render", str(ASSAD), "--focus", "jihadists-released-2012", "-o", "-", "--format", "dot")
    assert proc.returncode == 2
    assert b"no claim with id 'jihadists-released-2012'; did you mean 'jihadists-released-2011'?" in proc.stderr
    assert proc.stdout == b""


def test_gaps_marks_weak_claims_with_reasons() -> None:
    from argmap.analysis.gaps import find_gaps
    from argmap.analysis.ranking import hit_claims, rank_gaps
    from argmap.findings import GapSeverity

    argmap = load(ROOT / "tests" / "gaps_show" / "severity.yaml")
    ranked = rank_gaps(argmap, find_gaps(argmap))
    weak = {c for g in ranked if g.severity and g.severity >= GapSeverity.MAJOR for c in hit_claims(argmap, g)}
    assert weak
    svg = run_dot(map_to_dot(argmap, RenderOptions(gaps=True))[0], fmt="svg")
    marked = {g for g in svg_groups(svg, "node") if "claim" in classes(g) and "gap" in classes(g)}
    assert len(marked) == len(weak)
    for group in marked:
        title = next(a.get(XLINK_TITLE) for a in group.iter(f"{SVG}a"))
        assert "\ngap: critical " in title or "\ngap: major " in title
        assert "critical" in classes(group) or "major" in classes(group)
        assert any(p.get("stroke-dasharray") for p in group.iter(f"{SVG}path")) or any(
            p.get("stroke-dasharray") for p in group.iter(f"{SVG}polygon")
        )
    plain = run_dot(map_to_dot(argmap, RenderOptions())[0], fmt="svg")
    assert not any("gap" in classes(g) for g in svg_groups(plain, "node"))
    every = run_dot(map_to_dot(argmap, RenderOptions(gaps=True, gaps_minimum="info"))[0], fmt="svg")
    assert len([g for g in svg_groups(every, "node") if "gap" in classes(g)]) > len(marked)


def test_gaps_marks_only_what_matters_on_the_assad_map() -> None:
    """Every one of the 66 claims has a gap, so marking every gap would mark every box; only the
    claims that a critical or major weak point hits are marked (17 and 14)."""
    from argmap.analysis.gaps import find_gaps

    argmap = load(ASSAD)
    dot = map_to_dot(argmap, RenderOptions(format="dot", gaps=True))[0]
    assert len(argmap.claim_index) == 66 and len({g.claim for g in find_gaps(argmap) if g.claim}) == 66
    claims = [line for line in dot.splitlines() if 'class="claim ' in line]
    marked = [line for line in claims if " gap " in line]
    assert (len(claims), len(marked)) == (66, 31)
    assert (sum(" gap critical" in m for m in marked), sum(" gap major" in m for m in marked)) == (17, 14)


# -- formats and determinism ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "ext,check",
    [
        ("svg", lambda data: ET.fromstring(data).tag == f"{SVG}svg"),
        ("png", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n")),
        ("pdf", lambda data: data.startswith(b"%PDF-")),
        ("dot", lambda data: data.startswith(b"digraph argmap {")),
    ],
)
def test_every_format_from_the_real_dot(tmp_path: Path, ext: str, check) -> None:
    out = tmp_path / f"map.{ext}"
    proc = run_cli("render", str(SMALL), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert check(out.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_format_option_and_stdout() -> None:
    proc = run_cli("render", str(SMALL), "-o", "-")
    assert proc.returncode == 0 and ET.fromstring(proc.stdout).tag == f"{SVG}svg"
    proc = run_cli("render", str(SMALL), "-o", "-", "--format", "pdf")
    assert proc.returncode == 0 and proc.stdout.startswith(b"%PDF-")


def test_render_is_deterministic(tmp_path: Path) -> None:
    for ext in ("svg", "dot"):
        first, second = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        assert run_cli("render", str(ASSAD), "-o", str(first)).returncode == 0
        assert run_cli("render", str(ASSAD), "-o", str(second)).returncode == 0
        assert first.read_bytes() == second.read_bytes()


# -- the command's errors ---------------------------------------------------------------------


def test_missing_output_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["render", str(SMALL)])
    assert result.exit_code == 2
    assert "missing -o OUT" in result.output


@pytest.mark.parametrize(
    "args,message",
    [
        (["-o", "map.jpeg"], "cannot tell the format from 'map.jpeg' (extension: .jpeg)"),
        (["-o", "map"], "(extension: none)"),
        (["-o", "map.svg", "--format", "png"], "--format png does not match the extension of 'map.svg'"),
    ],
)
def test_bad_output_names_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(SMALL), *args], capture_output=True, cwd=tmp_path
    )
    assert proc.returncode == 2
    assert message in proc.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_unreadable_map_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\ntitle: [unclosed\n", encoding="utf-8")
    proc = run_cli("render", str(broken), "-o", str(tmp_path / "out.svg"))
    assert proc.returncode == 1
    assert b"broken.yaml:3:1: error: YAML syntax error" in proc.stderr
    assert not (tmp_path / "out.svg").exists()


def test_map_with_problems_still_renders(tmp_path: Path) -> None:
    out = tmp_path / "h.svg"
    proc = run_cli("render", str(FIXTURES / "hostile.yaml"), "-o", str(out))
    assert proc.returncode == 0
    assert b"error(s)" in proc.stderr and b"first: " in proc.stderr
    assert out.exists()


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    proc = run_cli("render", str(SMALL), "-o", str(tmp_path / "missing-dir" / "x.svg"))
    assert proc.returncode == 2
    assert b"does not exist" in proc.stderr
    proc = run_cli("render", str(SMALL), "-o", str(tmp_path))
    assert proc.returncode == 2


def test_output_may_not_be_the_input(tmp_path: Path) -> None:
    copy = tmp_path / "map.dot"
    copy.write_bytes(SMALL.read_bytes())
    proc = run_cli("render", str(copy), "-o", str(copy))
    assert proc.returncode == 2 and b"refusing to overwrite the input map" in proc.stderr
    assert copy.read_bytes() == SMALL.read_bytes()


def _path_without_dot(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(tmp_path / "empty-bin")
    (tmp_path / "empty-bin").mkdir()
    return env


def test_without_a_system_dot_svg_renders_with_graphviz_pure_and_pdf_says_how_to_get_dot(tmp_path: Path) -> None:
    env = _path_without_dot(tmp_path)
    svg = tmp_path / "map.svg"
    proc = run_cli("render", str(SMALL), "-o", str(svg), env=env)
    assert (proc.returncode, proc.stderr) == (0, b"")
    check_svg(svg.read_bytes())
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"previous good file")
    proc = run_cli("render", str(SMALL), "-o", str(existing), env=env)
    assert proc.returncode == 2
    assert proc.stderr.startswith(b"argmap: PDF needs Graphviz's own dot (graphviz-pure writes dot, png, svg)")
    assert b"apt-get install graphviz" in proc.stderr and b"brew install graphviz" in proc.stderr
    assert existing.read_bytes() == b"previous good file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty-bin", "map.svg", "old.pdf"]
    out = tmp_path / "map.dot"
    proc = run_cli("render", str(SMALL), "-o", str(out), env=env)
    assert proc.returncode == 0
    assert out.read_text(encoding="utf-8") == (FIXTURES / "small.dot").read_text(encoding="utf-8")


def test_with_no_layout_program_at_all_the_message_says_how_to_install_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.render import graphviz

    monkeypatch.setattr(graphviz, "find_pure", lambda: None)
    monkeypatch.setattr(graphviz, "find_dot", lambda: None)
    monkeypatch.delenv("ARGMAP_DOT", raising=False)
    with pytest.raises(RenderError) as caught:
        graphviz.find_program("svg")
    assert str(caught.value) == graphviz.INSTALL_HINT
    assert "pip install graphviz-pure" in graphviz.INSTALL_HINT and "apt-get install graphviz" in graphviz.INSTALL_HINT


def test_which_names_the_program_for_each_format_and_dot_or_argmap_dot_choose_one() -> None:
    import shutil

    from argmap.render.graphviz import find_pure

    pure, system = find_pure(), shutil.which("dot")
    assert pure is not None and system is not None  # CI installs both: each is tested
    proc = run_cli("render", "--which")
    assert proc.returncode == 0
    assert proc.stdout.decode().splitlines()[0] == f"svg: graphviz-pure, {pure} (installed with argmap)"
    assert b"graphviz-pure version" in proc.stdout
    proc = run_cli("render", "--which", "-o", "x.pdf")
    assert proc.stdout.decode().splitlines()[0] == f"pdf: Graphviz, {system} (PATH)"
    proc = run_cli("render", "--which", "-f", "png", "--dot", "dot")
    assert proc.stdout.decode().splitlines()[0] == f"png: Graphviz, {system} (--dot)"
    proc = run_cli("render", "--which", env={**os.environ, "ARGMAP_DOT": pure})
    assert proc.stdout.decode().splitlines()[0] == f"svg: graphviz-pure, {pure} (ARGMAP_DOT)"
    proc = run_cli("render", "--which", "--dot", "/no/such/dot")
    assert (proc.returncode, proc.stderr) == (
        2,
        b"argmap: --dot: no program '/no/such/dot' (give a path or a name on PATH)\n",
    )
    proc = run_cli("render", "--which", "-f", "dot")
    assert proc.stdout == b"dot: written by argmap itself; no layout program runs\n"


@pytest.mark.parametrize("program", ["graphviz-pure", "dot"])
def test_both_layout_programs_draw_every_claim_and_pass_the_svg_check(program: str) -> None:
    import shutil

    from argmap.render.graphviz import find_pure

    path = find_pure() if program == "graphviz-pure" else shutil.which("dot")
    assert path is not None
    argmap = load(ASSAD)
    svg = run_dot(map_to_dot(argmap, RenderOptions())[0], fmt="svg", dot_path=path)
    check_svg(svg)
    drawn = [g for g in svg_groups(svg, "node") if "claim" in classes(g)]
    assert len(drawn) == len(argmap.claim_index)
    png = run_dot(map_to_dot(argmap, RenderOptions(format="png"))[0], fmt="png", dot_path=path)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_large_map_reports_progress_and_uses_layout_limits(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from genmap import generate

    big = tmp_path / "big.yaml"
    big.write_text(generate(320, seed=3), encoding="utf-8")
    proc = run_cli("render", str(big), "-o", str(tmp_path / "big.svg"))
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert "laying out 320 claims with dot" in err and "--depth N" in err and "layout done in" in err
    proc = run_cli("render", str(big), "--depth", "1", "-o", str(tmp_path / "small.svg"))
    assert proc.returncode == 0 and proc.stderr == b""


# -- running dot ----------------------------------------------------------------------------------


def test_dot_is_stopped_at_the_timeout() -> None:
    # a complete graph of 40 nodes takes dot tens of seconds (../shared/HOSTILE_INPUT.md)
    edges = "".join(f"a{i} -> a{j};" for i in range(40) for j in range(40) if i != j)
    with pytest.raises(RenderError, match=r"dot took longer than 1 s and was stopped; draw less with --depth"):
        run_dot(f"digraph G {{ {edges} }}", fmt="svg", timeout=1)


def test_dot_errors_are_shortened_and_made_visible() -> None:
    with pytest.raises(RenderError) as info:
        run_dot('digraph G { a [label="\x1b]0;pwned\x07' + "y" * 2000 + '" ; ; -> }', fmt="svg")
    message = str(info.value)
    assert message.startswith("dot failed (exit code 1)")
    assert "\x1b" not in message and "\x07" not in message
    assert len(message) < 400


@pytest.mark.parametrize(
    "svg,reason",
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g><text>x</text>', "not well-formed"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><text>\x01</text></svg>', "not well-formed"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g onload="alert(1)"/></svg>', "'onload'"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<a xlink:href="javascript:alert(1)"/></svg>',
            "not http(s)",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="data:text/html,x"/></svg>', "not http(s)"),
        (b"<html/>", "not an SVG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g><g><SCRIPT/></g></g></svg>', "<script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g/><foreignObject/></svg>', "<foreignobject>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:e="urn:x"><g/><g e:OnClick="x"/></svg>', "'onclick'"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<a xlink:href="https://example.org/"/><a href="https://example.org/"/>'
            b'<a xlink:href="https://example.org/"/><a href=" javascript:x"/></svg>',
            "not http(s)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="urn:other"><a l:HREF="https://x.org/"/></svg>',
            "link attribute in an unknown namespace",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><a href=""/></svg>', "not http(s)"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:x"/></svg>', "not http(s)"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><svg:script xmlns:svg="http://www.w3.org/2000/svg"/></svg>',
            "<script>",
        ),
        (b'<svg xmlns="http://www.w3.org/1999/xhtml"/>', "not an SVG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg><g/>', "not well-formed"),
    ],
)
def test_svg_check_refuses_unsafe_or_broken_svg(svg: bytes, reason: str) -> None:
    with pytest.raises(RenderError, match=None) as info:
        check_svg(svg)
    assert reason in str(info.value)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab\u00e9-", min_size=1, max_size=45), min_size=1, max_size=14),
    st.integers(min_value=8, max_value=40),
)
def test_label_wrapping_is_textwrap_line_for_line(words: list[str], width: int) -> None:
    """The view's own wrapping gives exactly textwrap's lines (long words broken, no hyphen breaks)."""
    text = " ".join(words)
    expected = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)
    assert list(wrap_text(text, width, max_lines=1000)) == expected


@pytest.mark.parametrize("size", [1, 7, 4096])
def test_svg_check_in_chunks_gives_the_same_verdict(assad_svg: bytes, size: int) -> None:
    """dot's output is checked chunk by chunk while dot writes it; chunk borders (inside a tag or a
    multi-byte character) change nothing."""
    bad = assad_svg.replace(b"</svg>", "<g><text>\u00e9</text><script>x</script></g></svg>".encode())
    for svg, reason in ((assad_svg, None), (bad, "<script>"), (assad_svg[:-20], "not well-formed")):
        check = SvgCheck()
        for start in range(0, len(svg), size):
            check.feed(svg[start : start + size])
        if reason is None:
            check.close()
        else:
            with pytest.raises(RenderError) as info:
                check.close()
            assert reason in str(info.value)


def test_svg_check_accepts_http_links() -> None:
    check_svg(
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<a xlink:href="https://example.org/?a=1&amp;b=2"/></svg>'
    )


@pytest.mark.parametrize("value", ["nan", "inf", "1e308", "0.5", "-3"])
def test_timeout_must_be_a_finite_number_of_seconds(value: str, tmp_path: Path) -> None:
    proc = run_cli("render", str(SMALL), "-o", str(tmp_path / "x.svg"), "--timeout", value)
    assert proc.returncode == 2 and b"Invalid value for '--timeout'" in proc.stderr
    assert not (tmp_path / "x.svg").exists()


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "out.dot"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    proc = run_cli("render", str(SMALL), "-o", str(fifo), "-f", "dot")
    reader.join(timeout=60)
    assert proc.returncode == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"digraph")


def test_a_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    import stat

    if os.geteuid() != 0:  # making a device node needs root, as CI has
        pytest.skip("making a device node needs root")
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    proc = run_cli("render", str(SMALL), "-o", str(device), "-f", "dot")
    assert proc.returncode == 0 and stat.S_ISCHR(device.stat().st_mode)
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    proc = run_cli("render", str(SMALL), "-o", str(full), "-f", "dot")
    assert proc.returncode == 2 and b"No space left on device" in proc.stderr
    assert stat.S_ISCHR(full.stat().st_mode)


# -- format 2: linked arguments and undercut steps as junction nodes ----------------------------


def test_linked_arguments_and_undercut_steps_are_drawn_through_junctions() -> None:
    view = build_view(load(JUNCTIONS))
    assert [(j.id, j.conclusion, j.label) for j in view.junctions] == [
        ("step:load-test", "bridge-safe", ""),
        ("argument:inspection-argument", "bridge-safe", "expert-opinion"),
    ]
    assert [(e.child, e.parent, e.kind.value, e.role) for e in view.edges] == [
        ("step:load-test", "bridge-safe", "premise", "conclusion"),
        ("load-test", "step:load-test", "premise", "member"),
        ("test-old", "step:load-test", "undercut", ""),
        ("argument:inspection-argument", "bridge-safe", "premise", "conclusion"),
        ("inspected", "argument:inspection-argument", "premise", "member"),
        ("no-cracks", "argument:inspection-argument", "premise", "member"),
        ("inspection-thorough", "argument:inspection-argument", "assumption", "member"),
        ("inspectors-paid", "argument:inspection-argument", "undercut", ""),
    ]


def test_junctions_in_the_svg_from_the_real_dot() -> None:
    svg = run_dot(map_to_dot(load(JUNCTIONS), RenderOptions())[0], fmt="svg")
    junctions = [g for g in svg_groups(svg, "node") if "junction" in classes(g) and "legend" not in classes(g)]
    assert sorted(" ".join(classes(g)) for g in junctions) == ["node junction argument", "node junction step"]
    edges = svg_groups(svg, "edge")
    members = [g for g in edges if "member" in classes(g)]
    assert len(members) == 4
    # a member edge has no arrowhead (the junction's own edge carries it); an assumption's is dashed
    for g in members:
        assert g.find(f"{SVG}polygon") is None
    dashed = [g for g in members if "assumption" in classes(g)]
    assert len(dashed) == 1 and "stroke-dasharray" in ET.tostring(dashed[0]).decode()
    undercuts = [g for g in edges if "undercut" in classes(g)]
    assert len(undercuts) == 2
    assert b">expert&#45;opinion</text>" in svg  # the scheme beside its junction


def test_a_focus_below_an_argument_draws_no_dangling_junction() -> None:
    view = build_view(load(JUNCTIONS), focus="no-cracks")
    assert view.junctions == () and [n.id for n in view.nodes] == ["no-cracks"]


def test_a_large_map_is_drawn_as_an_overview_unless_all_is_asked(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from genmap import generate

    from argmap.render.pipeline import OVERVIEW_CLAIMS, OVERVIEW_LIMIT, overview_depth

    big = tmp_path / "big.yaml"
    big.write_text(generate(OVERVIEW_LIMIT + 500, seed=5), encoding="utf-8")
    argmap = load(big)
    depth = overview_depth(argmap)
    assert depth is not None and depth >= 1
    proc = run_cli("render", str(big), "-o", str(tmp_path / "big.svg"))
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert err.startswith(
        f"argmap: {OVERVIEW_LIMIT + 500} claims are too many for one readable picture: drawing the top {depth} levels"
    )
    assert "--all draws everything" in err
    svg = (tmp_path / "big.svg").read_bytes()
    drawn = [g for g in svg_groups(svg, "node") if "claim" in classes(g)]
    assert 0 < len(drawn) <= OVERVIEW_CLAIMS
    assert len(build_view(argmap, depth=depth + 1).nodes) > OVERVIEW_CLAIMS  # the most levels that fit
    assert len(drawn) == len(build_view(argmap, depth=depth).nodes)
    assert b"more below" in svg
    # DOT text is not laid out: it keeps every claim; --all draws every claim
    proc = run_cli("render", str(big), "-o", str(tmp_path / "big.dot"))
    assert proc.returncode == 0 and "too many" not in proc.stderr.decode()
    assert (tmp_path / "big.dot").read_text(encoding="utf-8").count('class="claim ') == OVERVIEW_LIMIT + 500
    proc = run_cli("render", str(big), "-o", str(tmp_path / "all.svg"), "--all")
    assert proc.returncode == 0 and "too many" not in proc.stderr.decode()
    all_svg = (tmp_path / "all.svg").read_bytes()
    assert len([g for g in svg_groups(all_svg, "node") if "claim" in classes(g)]) == OVERVIEW_LIMIT + 500


def test_overview_depth_of_a_small_map_is_none() -> None:
    from argmap.render.pipeline import overview_depth

    assert overview_depth(load(ASSAD)) is None
    assert overview_depth(load(ASSAD), limit=10) == 1
