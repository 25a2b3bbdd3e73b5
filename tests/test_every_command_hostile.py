"""Every command against every hostile input: a documented exit code, never a traceback, no raw
escape sequence on a piped stdout, and no output file left behind by a failed render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_MAP, shared_path

from argmap.cli import main

INLINE = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "bom-utf16": b"\xff\xfea\x00:\x00 \x001\x00",
    "top-list": b"- 1\n- 2\n",
    "alias-bomb": b"a: &a [x, x]\nb: &b [*a, *a]\nthesis: *b\n",
    "tabs": b"argmap: 1\n\ttitle: x\n",
    "markup": BASE_MAP.replace(
        "claim: Uniforms cost poor families money.",
        "claim: "
        + json.dumps(
            "[bold red]x[/] [link=javascript:alert(1)]y[/link] :warning: array[/index] "
            '"]; x [label="pwned <script>alert(1)</script> \\\\N \\\\l {|} x\\\\'
            ' <<TABLE HREF="javascript:alert(1)"><TR><TD>t</TD></TR></TABLE>> &#1; ' + "long" * 3000
        ),
    )
    .replace("title: Why uniforms work", "title: " + json.dumps("<img src=x onerror=alert(1)> [x](javascript:y)"))
    .encode(),
    "escapes": BASE_MAP.replace("Uniforms cost poor families money.", '"\\e]8;;http://x\\e\\\\hi\\e[2J\\a"').encode(),
    "dangling": BASE_MAP.replace("cite: [op-ed]\n      rebuttals", "cite: [nobody]\n      rebuttals")
    .replace("        - survey\n", "        - survey\n    - ref: nowhere\n")
    .encode(),
}

COMMANDS = {
    "validate": ["validate", "{map}"],
    "gaps": ["gaps", "{map}"],
    "show": ["show", "{map}", "--width", "80"],
    "render-svg": ["render", "{map}", "-o", "{out}/x.svg"],
    "render-dot": ["render", "{map}", "-o", "{out}/x.dot"],
    "brief-md": ["brief", "{map}"],
    "brief-html": ["brief", "{map}", "-o", "{out}/x.html"],
    "eval": ["eval", "{map}"],
    "drill": ["drill", "{map}", "--no-save", "--count", "2"],
    "convert-json": ["convert", "{map}", "-o", "{out}/x.json"],
    "convert-mermaid": ["convert", "{map}", "-o", "{out}/x.mmd"],
    # the editing commands, with arguments that change nothing (the input must stay as it was)
    "fmt-check": ["fmt", "--check", "{map}"],
    "fmt-diff": ["fmt", "--diff", "{map}"],
    "rename": ["rename", "{map}", "no-such-id", "other-id"],
    "add": ["add", "{map}", "--under", "no-such-id", "--kind", "premise", "--claim", "X."],
    "diff": ["diff", "{map}", "{map}", "-f", "markdown"],
}


def corpus() -> list[tuple[str, bytes]]:
    items = list(INLINE.items())
    folder = shared_path("corpora", "hostile")
    for sub in ("yaml", "graphviz", "terminal"):
        for path in sorted((folder / sub).glob("*.yaml")):
            items.append((f"{sub}/{path.name}", path.read_bytes()))
    return items


def run(args: list[str], stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    with CliRunner().isolation(input=stdin) as (out, err, _):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_survives_every_hostile_input(command: str, tmp_path: Path) -> None:
    for name, data in corpus():
        map_path = tmp_path / "map.yaml"
        map_path.write_bytes(data)
        out_dir = tmp_path / "out"
        out_dir.mkdir(exist_ok=True)
        args = [a.format(map=map_path, out=out_dir) for a in COMMANDS[command]]
        code, stdout, stderr = run(args)
        assert code in (0, 1, 2), (name, code, stderr[-500:])
        assert b"Traceback" not in stderr and b"internal error" not in stderr, (name, stderr[-800:])
        assert b"\x1b" not in stdout, (name, stdout[:300])
        assert map_path.read_bytes() == data, f"{name}: the input was altered"
        if code != 0 and command.startswith("render"):
            assert list(out_dir.iterdir()) == [], f"{name}: a failed render left a file"
        for leftover in out_dir.iterdir():
            leftover.unlink()
