"""The page shape of `argmap render` per layout: width x height (points, from the SVG) of one tree
and of what `--layout auto` chose, for the Assad map, the Argdown corpus maps (converted with
`argmap convert`) and generated maps, with graphviz-pure and the system dot, and the time auto
adds to build the DOT (the estimate; no extra Graphviz run).

    python bench/bench_layout.py [--corpora ../shared/corpora/argdown] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from genmap import generate  # noqa: E402

from argmap.formats.argmap_yaml import load_bytes  # noqa: E402
from argmap.render.graphviz import find_pure, run_dot  # noqa: E402
from argmap.render.layout import plan_layout  # noqa: E402
from argmap.render.pipeline import RenderOptions, map_to_dot, view_of  # noqa: E402


def size(svg: bytes) -> tuple[float, float]:
    root = ET.fromstring(svg)
    return float(root.get("width", "0pt")[:-2]), float(root.get("height", "0pt")[:-2])


def shape(width: float, height: float) -> str:
    return f"{width:,.0f} x {height:,.0f} ({width / height:.2f})"


def maps(corpora: Path | None, work: Path) -> list[tuple[str, Path]]:
    found = [("maps/assad_isis.yaml", ROOT / "maps" / "assad_isis.yaml")]
    if corpora is not None and corpora.is_dir():
        for source in sorted(corpora.glob("*.argdown")):
            target = work / (source.stem + ".yaml")
            subprocess.run(
                [sys.executable, "-m", "argmap", "convert", str(source), "-o", str(target)],
                capture_output=True,
                check=False,
            )
            if target.exists():
                found.append((source.name, target))
    for claims, format2 in ((100, True), (300, False), (1000, True)):
        target = work / f"gen{claims}{'f2' if format2 else ''}.yaml"
        target.write_text(generate(claims, seed=1, format2=format2), encoding="utf-8")
        found.append((f"genmap {claims}{' --format2' if format2 else ''}", target))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora" / "argdown")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    programs = [("graphviz-pure", find_pure()), ("dot", shutil.which("dot"))]
    with tempfile.TemporaryDirectory() as tmp:
        print("| map | direction | program | one tree (pt, w/h) | auto (pt, w/h) | auto chose | plan time |")
        print("|---|---|---|---|---|---|---:|")
        for name, path in maps(args.corpora, Path(tmp)):
            loaded = load_bytes(path.read_bytes(), file=path.name, base_dir=str(path.parent)).map
            if loaded is None:
                continue
            for direction in ("LR", "TB"):
                view = view_of(loaded, RenderOptions(direction=direction))
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    plan = plan_layout(view, layout="auto", direction=direction)
                    times.append(time.perf_counter() - started)
                chose = f"{plan.bands} {'columns' if direction == 'LR' else 'rows'}" if plan.bands > 1 else "one tree"
                for program, program_path in programs:
                    if program_path is None:
                        continue
                    shapes = []
                    for layout in ("tree", "auto"):
                        options = RenderOptions(direction=direction, layout=layout, all=True)
                        svg = run_dot(map_to_dot(loaded, options)[0], fmt="svg", dot_path=program_path, timeout=600)
                        shapes.append(shape(*size(svg)))
                    print(
                        f"| {name} | {direction} | {program} | {shapes[0]} | {shapes[1]} | {chose} "
                        f"| {statistics.median(times) * 1000:.1f} ms |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
