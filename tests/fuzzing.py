"""Mutated maps through every command, in-process: shared by tests/test_fuzz.py (bounded, in CI) and
bench/fuzz.py (as long as asked).

A mutation works on the text of a real map (maps/ and the test fixtures): it deletes, repeats,
swaps or re-indents lines, puts a hostile value in place of a scalar, points a ref or a citation
at another id (making cycles, duplicates and dangling names), cuts the file short or splices in
bytes. Each mutated map then goes through one command, which must exit 0, 1 or 2 without a Python
exception, leave its input as it was, and leave either its whole output or none.
"""

from __future__ import annotations

import json
import re
import xml.dom.minidom
from pathlib import Path

from click.testing import CliRunner
from hypothesis import strategies as st

from argmap.cli import main
from argmap.formats import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(
    [ROOT / "maps" / "assad_isis.yaml"]
    + [p for folder in ("format2", "gaps_show", "validate") for p in (ROOT / "tests" / folder).glob("*.yaml")]
)

#: values that stand in for a scalar: wrong types, YAML traps, markup, escapes, long and deep values
HOSTILE_VALUES = [
    "",
    "null",
    "[]",
    "{}",
    "1.10",
    "no",
    "2019-05-14",
    "&a x",
    "*a",
    "!!str x",
    "!!python/object/apply:os.system [echo]",
    '"\\e]8;;http://x\\e\\\\hi\\e[2J"',
    '"\\ud800"',
    "'[bold red]x[/] <script>alert(1)</script> \\\\N'",
    "javascript:alert(1)",
    "{ref: t}",
    "[a, [b, [c, [d]]]]",
    "[" * 60 + "]" * 60,
    "x" * 20000,
    "[" + ", ".join(["1"] * 3000) + "]",
    "{source: s, quote: q}",
    "- ref: x",
]

#: every command, with arguments that run it non-interactively; {map} the map, {out} a fresh folder
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{map}"],
    "validate-json": ["validate", "-f", "json", "{map}"],
    "gaps": ["gaps", "{map}"],
    "gaps-json": ["gaps", "-f", "json", "{map}"],
    "show": ["show", "{map}", "--width", "80"],
    "brief": ["brief", "{map}"],
    "brief-against-html": ["brief", "{map}", "--side", "against", "-o", "{out}/x.html"],
    "drill": ["drill", "{map}", "--no-save", "--count", "2"],
    "eval": ["eval", "{map}"],
    "eval-explain": ["eval", "{map}", "--explain", "t"],
    "render-dot": ["render", "{map}", "-o", "{out}/x.dot"],
    "render-svg": ["render", "{map}", "-o", "{out}/x.svg", "--timeout", "20"],
    "fmt-check": ["fmt", "--check", "{map}"],
    "diff": ["diff", "{map}", "{seed}"],
}
for _format in REGISTRY.values():
    if _format.writer is not None:
        COMMANDS[f"convert-{_format.name}"] = ["convert", "{map}", "-o", "{out}/x" + _format.extensions[0]]


_SCALAR = re.compile(r"^(\s*(?:- )?[A-Za-z_]+: ?)(.*)$")
_ID = re.compile(r"\b(?:id|ref|via|source): *([A-Za-z0-9_-]+)")


@st.composite
def mutated_maps(draw: st.DrawFn) -> tuple[Path, bytes]:
    """A seed map and its text after one to four mutations."""
    seed = draw(st.sampled_from(SEEDS))
    lines = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    ids = sorted({m.group(1) for line in lines for m in _ID.finditer(line)}) or ["t"]
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(
            st.sampled_from(["delete", "repeat", "swap", "indent", "value", "repoint", "add-ref", "truncate", "bytes"])
        )
        if action == "delete":
            del lines[at]
        elif action == "repeat":
            lines[at:at] = [lines[at]] * draw(st.integers(1, 3))
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "indent":
            lines[at] = (" " * draw(st.integers(1, 4)) + lines[at]) if draw(st.booleans()) else lines[at].lstrip()
        elif action == "value":
            match = _SCALAR.match(lines[at].rstrip("\n"))
            if match:
                lines[at] = match.group(1) + draw(st.sampled_from(HOSTILE_VALUES)) + "\n"
        elif action == "repoint":
            match = _ID.search(lines[at])
            if match:
                new = draw(st.sampled_from(ids))
                lines[at] = lines[at][: match.start(1)] + new + lines[at][match.end(1) :]
        elif action == "add-ref":
            indent = len(lines[at]) - len(lines[at].lstrip(" "))
            key = draw(st.sampled_from(["premises", "counterpoints", "rebuttals", "correlations", "undercuts"]))
            ref = draw(st.sampled_from(ids))
            lines[at:at] = [f"{' ' * indent}{key}:\n", f"{' ' * indent}  - ref: {ref}\n"]
        elif action == "truncate":
            text = "".join(lines)
            cut = draw(st.integers(0, len(text)))
            lines = text[:cut].splitlines(keepends=True)
        else:
            text = "".join(lines).encode()
            cut = draw(st.integers(0, len(text)))
            noise = draw(st.binary(min_size=1, max_size=16))
            return seed, text[:cut] + noise + text[cut:]
    return seed, "".join(lines).encode("utf-8", "surrogatepass")


def run(args: list[str]) -> tuple[int, bytes, bytes]:
    """argmap's main() in CliRunner's isolation, with --traceback: an internal error raises here."""
    code: object = None
    with CliRunner().isolation(input=b"") as (out, err, _):
        try:
            main(["--traceback", *args])
        except SystemExit as exc:
            code = exc.code
    return int(code) if isinstance(code, int) else -1, out.getvalue(), err.getvalue()


def check_command(command: str, seed: Path, data: bytes, folder: Path) -> None:
    """Run `command` on the map `data`; assert the contract every command keeps on any input."""
    map_path = folder / "map.yaml"
    map_path.write_bytes(data)
    out_dir = folder / "out"
    out_dir.mkdir(exist_ok=True)
    for leftover in out_dir.iterdir():
        leftover.unlink()
    args = [a.format(map=map_path, out=out_dir, seed=seed) for a in COMMANDS[command]]
    code, stdout, stderr = run(args)
    assert code in (0, 1, 2), (command, code, stderr[-800:])
    assert b"Traceback" not in stderr and b"internal error" not in stderr, (command, stderr[-800:])
    assert b"\x1b" not in stdout, (command, stdout[:300])
    assert map_path.read_bytes() == data, f"{command}: the input was altered"
    written = sorted(p.name for p in out_dir.iterdir())
    target = next((a for a in args if a.startswith(str(out_dir))), None)
    if target is None:
        assert written == [], (command, written)
        return
    name = Path(target).name
    assert written in ([], [name]), (command, code, written)  # no temporary or partial file beside it
    if written and command.startswith("render") and code != 0:
        raise AssertionError(f"{command}: exit {code} left {name}")
    if not written:
        return
    output = (out_dir / name).read_bytes()
    # a file that was written is whole: it parses as what it claims to be
    if name.endswith((".json", ".aif")):
        json.loads(output)
    elif name.endswith((".svg", ".graphml")):
        xml.dom.minidom.parseString(output)
    elif name.endswith(".html"):
        assert output.rstrip().endswith(b"</html>"), (command, output[-200:])
    elif name.endswith(".dot"):
        assert output.rstrip().endswith(b"}"), (command, output[-200:])
