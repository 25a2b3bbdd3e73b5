"""Benchmark the interactive page of `argmap render -o map.html`: writing it, and opening it.

    python bench/bench_html.py [--runs 7] [--sizes 1000 10000] [--skip-browser]
    python bench/bench_html.py --screenshots docs/img    # only the pictures of docs/render.md

1. Writing: `python -m argmap render maps/assad_isis.yaml -o OUT.html` beside
   `python -m argmap validate maps/assad_isis.yaml`, run in rounds that alternate their order (so
   that a busy machine slows both alike); medians of wall time, and the ratio of the two medians.
2. Opening: for each size a synthetic format-2 map (bench/genmap.py --format2) is written to
   bench/out/html_N.yaml and its page to bench/out/html_N.html (the time of that render is
   reported once). Then, in rounds, headless Chromium (/usr/bin/chromium, driven by Playwright)
   opens each page from disk in a fresh browser context, and the page's own timing is read:
   `argmap-outline`, the performance mark the page sets once the outline is in the DOM and the
   first claim selected; the browser's first-contentful-paint entry; and `argmap-painted`, a mark
   set by a task queued from the first animation frame after start, i.e. once the frame that holds
   the outline has been painted. "first paint with the outline" is the later of
   first-contentful-paint and argmap-painted (all times are milliseconds since navigation start).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from benchenv import child_env  # noqa: E402
from genmap import generate  # noqa: E402

ASSAD = ROOT / "maps" / "assad_isis.yaml"
OUT = HERE / "out"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMING = """() => {
  const mark = name => { const e = performance.getEntriesByName(name); return e.length ? e[0].startTime : null; };
  const fcp = performance.getEntriesByName('first-contentful-paint');
  return {outline: mark('argmap-outline'), painted: mark('argmap-painted'), ready: mark('argmap-ready'),
          fcp: fcp.length ? fcp[0].startTime : null, items: document.querySelectorAll('#tree li').length,
          boxes: document.querySelectorAll('#canvas g.node').length};
}"""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, of the process and its children: dot too) of one run."""
    cpu, start = cpu_of_children(), time.perf_counter()
    subprocess.run(command, check=True, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, cpu_of_children() - cpu


#: a diagram drawn on demand: from the click to the first frame painted with it, in milliseconds
DRAW = """() => new Promise(done => {
  const start = performance.now();
  document.querySelector('#canvas button.draw').click();
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
})"""


def wall(command: list[str]) -> float:
    return timed(command)[0]


def bench_writing(runs: int) -> None:
    OUT.mkdir(exist_ok=True)
    commands = {
        "render -o assad.html": [sys.executable, "-m", "argmap", "render", str(ASSAD), "-o", str(OUT / "assad.html")],
        "validate": [sys.executable, "-m", "argmap", "validate", str(ASSAD)],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for command in commands.values():  # warm the bytecode cache and the disk cache
        wall(command)
    for round_no in range(runs):
        order = list(commands) if round_no % 2 == 0 else list(reversed(commands))
        for name in order:
            times[name].append(timed(commands[name]))

    def median(name: str, which: int) -> float:
        return statistics.median(run[which] for run in times[name])

    page, check = median("render -o assad.html", 0), median("validate", 0)
    page_cpu, check_cpu = median("render -o assad.html", 1), median("validate", 1)
    print(f"Writing the Assad map's page ({runs} interleaved rounds, medians of wall time, CPU time in brackets):")
    print(f"  argmap render maps/assad_isis.yaml -o assad.html  {page:.3f} s ({page_cpu:.3f} s)")
    print(f"  argmap validate maps/assad_isis.yaml              {check:.3f} s ({check_cpu:.3f} s)")
    print(f"  ratio render html / validate                      {page / check:.2f} ({page_cpu / check_cpu:.2f})")
    print(f"  page size                                         {(OUT / 'assad.html').stat().st_size / 1024:.0f} KiB")


def write_pages(sizes: list[int]) -> dict[int, Path]:
    OUT.mkdir(exist_ok=True)
    pages: dict[int, Path] = {}
    for size in sizes:
        source = OUT / f"html_{size}.yaml"
        source.write_text(generate(size, format2=True), encoding="utf-8")
        page = OUT / f"html_{size}.html"
        seconds = wall([sys.executable, "-m", "argmap", "render", str(source), "-o", str(page)])
        pages[size] = page
        print(f"  {size} claims: page written in {seconds:.2f} s, {page.stat().st_size / 1024 / 1024:.1f} MiB")
    return pages


def open_once(browser: Any, page_path: Path) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("html[data-ready='1']", timeout=60_000)
        timing: dict[str, Any] = page.evaluate(TIMING)
        timing["draw"] = page.evaluate(DRAW) if page.locator("#canvas button.draw").count() else None
        timing["boxes"] = page.locator("#canvas g.node").count()
        return timing
    finally:
        context.close()


def bench_opening(sizes: list[int], runs: int) -> None:
    from playwright.sync_api import sync_playwright

    print("Pages of synthetic format-2 maps (bench/genmap.py --format2):")
    pages = write_pages(sizes)
    results: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in sizes:
            open_once(browser, pages[size])  # warm the disk cache and the browser
        for round_no in range(runs):
            order = sizes if round_no % 2 == 0 else list(reversed(sizes))
            for size in order:
                results[size].append(open_once(browser, pages[size]))
        browser.close()
    print(f"Opening them in headless Chromium ({runs} interleaved rounds, medians, the page's own timing):")
    print(
        "   claims | outline in the DOM | first contentful paint | first paint with the outline | page ready "
        "| rows | boxes | diagram drawn on a click"
    )
    for size in sizes:
        rows = results[size]

        def median(key: str, rows: list[dict[str, Any]] = rows) -> float:
            return statistics.median(r[key] for r in rows if r[key] is not None)

        first = statistics.median(max(r["fcp"] or 0, r["painted"] or 0) for r in rows)
        print(
            f"  {size:>7} | {median('outline') / 1000:>15.3f} s | {median('fcp') / 1000:>19.3f} s | "
            f"{first / 1000:>25.3f} s | {median('ready') / 1000:>11.3f} s | {rows[0]['items']} | {rows[0]['boxes']} | "
            + (f"{median('draw') / 1000:.2f} s" if rows[0]["draw"] is not None else "drawn at once")
        )


#: the pictures of docs/render.md: (file, overlay checkbox, claim selected by its permalink)
SCREENSHOTS = (
    ("html-gaps.png", "ov-gaps", "releases-were-strategic"),
    ("html-eval.png", "ov-eval", "jihadists-released-2011"),
    ("html-sides.png", "ov-sides", "release-figures-unsourced"),
)


def screenshots(folder: Path) -> None:
    """The Assad map's page with each overlay on, as PNGs in `folder` (1440x900 pixels); the
    permalink centres the diagram on its claim."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    page_path = OUT / "assad.html"
    wall([sys.executable, "-m", "argmap", "render", str(ASSAD), "-o", str(page_path)])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, overlay, claim in SCREENSHOTS:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            page.goto(page_path.resolve().as_uri() + "#" + claim)
            page.wait_for_selector("html[data-ready='1']")
            page.check("#" + overlay)
            page.screenshot(path=str(folder / name))
            print(f"wrote {folder / name}")
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--skip-browser", action="store_true", help="only time writing the Assad map's page")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="only write the pictures of docs/render.md")
    args = parser.parse_args()
    if args.screenshots:
        screenshots(args.screenshots)
        return
    bench_writing(args.runs)
    if not args.skip_browser:
        bench_opening(args.sizes, args.runs)


if __name__ == "__main__":
    main()
