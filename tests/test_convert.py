"""`argmap convert`: formats from the registry, inference from extension and content, stdin and stdout,
folders, --strict, --focus/--depth, the report formats, and the exit codes (0, 1, 2)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import ASSAD_MAP, BASE_MAP, ROOT, run_argmap, run_in_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import dump, format2_documents, load, signature

from argmap.formats import REGISTRY, argmap_json
from argmap.formats.argmap_write import write
from argmap.formats.convert import SNIFFERS, ConvertOptions, convert, extract, reader_format

ALL_FIELDS = ("tags", "note", "weight", "inferred", "between", "cites")
UNCITED = BASE_MAP.replace("      cite: [survey]\n", "")  # a correlation without a citation: an error


def write_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_to_json_and_back_leaves_the_input_alone(tmp_path: Path) -> None:
    source = write_file(tmp_path / "m.yaml", BASE_MAP)
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    code, out, err = run_in_process("convert", str(source), "-o", str(tmp_path / "m.json"))
    assert (code, out, err) == (0, "", "")
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    assert (tmp_path / "m.json").read_text(encoding="utf-8") == argmap_json.write(load(BASE_MAP, str(source)))[0]
    code, out, err = run_in_process("convert", str(tmp_path / "m.json"), "-o", str(tmp_path / "back.yaml"))
    assert (code, err) == (0, "")
    back = load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    assert signature(back, fields=ALL_FIELDS) == signature(load(BASE_MAP), fields=ALL_FIELDS)


def test_stdin_to_stdout_with_the_format_told_by_the_content() -> None:
    data = argmap_json.write(load(BASE_MAP))[0]
    code, out, err = run_in_process("convert", "-", "-o", "-", "--to", "argmap", input=data)
    assert (code, err) == (0, "")
    assert out == write(load(BASE_MAP))[0]
    code, out, err = run_in_process("convert", "-", "-o", "-", "--to", "json", input=BASE_MAP)
    assert code == 0 and json.loads(out)["argmap-json"] == 1


def test_content_decides_when_the_extension_says_nothing(tmp_path: Path) -> None:
    source = write_file(tmp_path / "exported.txt", argmap_json.write(load(BASE_MAP))[0])
    code, _, err = run_in_process("convert", str(source), "-o", str(tmp_path / "m.yaml"))
    assert (code, err) == (0, "")
    assert reader_format("x.txt", BASE_MAP.encode(), None) is REGISTRY["argmap"]
    assert reader_format("-", b'{"argmap-json": 1}', None) is REGISTRY["json"]
    assert reader_format("-", b"hello", None) is None
    assert set(SNIFFERS) >= {"argmap", "json"}


def test_formats_that_cannot_be_told_are_usage_errors(tmp_path: Path) -> None:
    source = write_file(tmp_path / "m.yaml", BASE_MAP)
    code, _, err = run_in_process("convert", str(source), "-o", str(tmp_path / "out.unknown"))
    assert code == 2 and "cannot tell the output format" in err and "--to" in err
    code, _, err = run_in_process("convert", "-", "-o", "-", "--to", "json", input="just some words\n")
    assert code == 2 and "cannot tell the format of <stdin>" in err and "--from" in err
    code, _, err = run_in_process("convert", str(source), "-o", "-")
    assert code == 2 and "--to" in err
    assert not (tmp_path / "out.unknown").exists()


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_unknown_format_lists_the_registry_choices(option: str, tmp_path: Path) -> None:
    source = write_file(tmp_path / "m.yaml", BASE_MAP)
    code, _, err = run_in_process("convert", str(source), "-o", "-", option, "pdf")
    assert code == 2 and "unknown format 'pdf'" in err
    names = [n for n, f in REGISTRY.items() if (f.read if option == "--from" else f.write) is not None]
    assert f"choose one of: {', '.join(names)}" in err


def test_losses_are_reported_with_positions_and_strict_makes_them_errors(tmp_path: Path) -> None:
    target = tmp_path / "a.mmd"
    code, out, err = run_in_process("convert", str(ASSAD_MAP), "-o", str(target))
    assert code == 0 and out == "" and target.exists()
    assert f"{ASSAD_MAP}:142:3: warning: mermaid cannot hold citations: 59 left out (the first here) [loss]" in err
    target.write_text("old\n")
    code, _, err = run_in_process("convert", str(ASSAD_MAP), "-o", str(target), "--strict")
    assert code == 1 and "not written" in err and "--strict" in err
    assert target.read_text() == "old\n"  # nothing replaced
    code, _, err = run_in_process("convert", str(ASSAD_MAP), "-o", str(tmp_path / "a.json"), "--strict")
    assert (code, err) == (0, "")  # argmap JSON holds everything


def test_json_report(tmp_path: Path) -> None:
    code, out, err = run_in_process("convert", str(ASSAD_MAP), "-o", str(tmp_path / "a.md"), "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    (entry,) = report["files"]
    assert entry["status"] == "written" and entry["from"] == "argmap" and entry["to"] == "markdown"
    assert entry["problems"] == [] and report["summary"]["written"] == 1
    code, out, err = run_in_process("convert", str(ASSAD_MAP), "-o", "-", "--to", "mermaid", "--format", "json")
    assert code == 0 and out.startswith(
        '---\ntitle: "The Assad regime and the rise of ISIS: an opinion article, mapped"\n---\n'
    )
    assert out.splitlines()[3] == "flowchart BT"
    losses = json.loads(err)["files"][0]["losses"]
    assert {"file", "line", "column", "rule", "severity", "message"} <= set(losses[0]) and losses[0]["rule"] == "loss"


def test_a_map_with_errors_is_reported_and_not_written(tmp_path: Path) -> None:
    source = write_file(tmp_path / "m.yaml", UNCITED)
    target = tmp_path / "m.json"
    code, _, err = run_in_process("convert", str(source), "-o", str(target))
    assert code == 1 and not target.exists()
    assert f"{source}:25:7: error:" in err and "[premise-needs-citation]" in err
    assert "failed: not converted: 1 error(s) in the map" in err


def test_the_output_is_never_the_input(tmp_path: Path) -> None:
    source = write_file(tmp_path / "m.yaml", BASE_MAP)
    code, _, err = run_in_process("convert", str(source), "-o", str(source))
    assert code == 2 and "refusing to overwrite" in err
    assert source.read_text(encoding="utf-8") == BASE_MAP


def test_a_folder_converts_file_by_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_file(folder / "a.yaml", BASE_MAP)
    write_file(folder / "b.json", argmap_json.write(load(BASE_MAP))[0])
    write_file(folder / "c.yaml", UNCITED)
    write_file(folder / "notes.txt", "not a map\n")
    write_file(folder / "sub" / "d.yml", BASE_MAP)
    write_file(folder / ".hidden.yaml", BASE_MAP)
    out = tmp_path / "out"
    code, stdout, err = run_in_process("convert", str(folder), "-o", str(out), "--to", "markdown")
    assert code == 1 and stdout == ""
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == ["a.md", "b.md", "sub/d.md"]
    assert f"{folder / 'a.yaml'} -> {out / 'a.md'} (argmap -> markdown): written" in err
    assert f"{folder / 'c.yaml'} (argmap -> markdown): failed: not converted: 1 error(s) in the map" in err
    assert f"{folder / 'notes.txt'} (? -> markdown): skipped: cannot tell the format" in err
    assert err.endswith("5 files: 3 written, 1 failed, 1 skipped\n")
    code, stdout, _ = run_in_process("convert", str(folder), "-o", str(out), "--to", "json", "--format", "json")
    assert json.loads(stdout)["summary"] == {"files": 5, "written": 3, "failed": 1, "skipped": 1, "losses": 0}


def test_a_folder_needs_a_format_and_a_folder_to_write(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_file(folder / "a.yaml", BASE_MAP)
    code, _, err = run_in_process("convert", str(folder), "-o", str(tmp_path / "out"))
    assert code == 2 and "--to" in err
    code, _, err = run_in_process("convert", str(folder), "-o", "-", "--to", "json")
    assert code == 2
    write_file(tmp_path / "file", "x")
    code, _, err = run_in_process("convert", str(folder), "-o", str(tmp_path / "file"), "--to", "json")
    assert code == 2 and "not a folder" in err


def test_an_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_file(folder / "a.yaml", BASE_MAP)
    for _ in range(2):
        code, _, err = run_in_process("convert", str(folder), "-o", str(folder / "out"), "--to", "argmap")
        assert code == 0 and err.endswith("1 file: 1 written, 0 failed, 0 skipped\n")


def test_focus_and_depth_convert_a_part(tmp_path: Path) -> None:
    argmap = load(ASSAD_MAP.read_text(encoding="utf-8"))
    part = extract(argmap, focus="jihadists-released-2011")
    assert part.thesis_ids == ("jihadists-released-2011",)
    text = write(part)[0]
    again = load(text)  # validates with no problem
    assert len(again.claims) == len(part.claims) < len(argmap.claims)
    shallow = load(write(extract(argmap, depth=1))[0])
    assert {c.depth for c in shallow.claims} == {0, 1}
    code, _, err = run_in_process("convert", str(ASSAD_MAP), "-o", "-", "--to", "argmap", "--focus", "nope")
    assert code == 2 and "--focus: no claim with id 'nope'" in err


def test_mermaid_past_its_limits_names_the_options(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from genmap import generate
    finally:
        sys.path.pop(0)
    big.write_text(generate(600), encoding="utf-8")
    code, _, err = run_in_process("convert", str(big), "-o", str(tmp_path / "big.mmd"))
    assert code == 1 and "past Mermaid's default limits" in err and "--focus ID" in err
    assert not (tmp_path / "big.mmd").exists()
    code, _, _ = run_in_process("convert", str(big), "-o", str(tmp_path / "big.mmd"), "--depth", "2")
    assert code == 0 and (tmp_path / "big.mmd").read_text().startswith(
        '---\ntitle: "Synthetic map of 600 claims"\n---\nflowchart BT\n'
    )


def test_convert_api_reports_every_file() -> None:
    result = convert(str(ASSAD_MAP), os.devnull, ConvertOptions(target="graphml"))
    (entry,) = result.files
    assert entry.status == "written" and entry.losses and not result.failed


def test_end_to_end_as_a_process() -> None:
    done = run_argmap("convert", "maps/assad_isis.yaml", "-o", "-", "--to", "graphml")
    assert done.returncode == 0 and done.stdout.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml')
    assert b"Traceback" not in done.stderr


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(format2_documents(), st.data())
def test_every_part_of_a_generated_map_is_a_valid_map(document: dict, data: st.DataObject) -> None:
    argmap = load(dump(document))
    focus = data.draw(st.none() | st.sampled_from(sorted(argmap.claim_index)))
    depth = data.draw(st.none() | st.integers(0, 3))
    part = extract(argmap, focus=focus, depth=depth)
    again = load(write(part)[0])  # loads and validates with no problem
    assert {c.id for c in again.claims} == {c.id for c in part.claims}


def test_other_commands_read_argmap_json_by_its_extension(tmp_path: Path) -> None:
    source = write_file(tmp_path / "m.json", argmap_json.write(load(BASE_MAP))[0])
    assert run_in_process("validate", str(source))[0] == 0
    code, out, _ = run_in_process("show", str(source), "--width", "80")
    assert code == 0 and "Schools should require uniforms." in out
    broken = write_file(tmp_path / "b.json", '{"argmap-json": 1, "title": 3}')
    code, out, _ = run_in_process("validate", str(broken), "-f", "parsable")
    assert code == 1 and f"{broken}:1:29: error: 'title' must be text, not a number [schema]" in out


AIF_NODESET = '{"nodes": [{"nodeID": "a", "type": "I", "text": "Act now"}], "edges": [], "locutions": []}\n'


def test_a_json_file_is_argmap_json_or_aif_by_its_content(tmp_path: Path) -> None:
    aif = write_file(tmp_path / "nodeset.json", AIF_NODESET)
    own = write_file(tmp_path / "m.json", argmap_json.write(load(BASE_MAP))[0])
    assert reader_format(str(aif), aif.read_bytes(), None) is REGISTRY["aif"]
    assert reader_format(str(own), own.read_bytes(), None) is REGISTRY["json"]
    code, out, err = run_in_process("convert", str(aif), "-o", "-", "--to", "argmap")
    assert (code, err) == (0, "")
    assert [c.text for c in load(out).claims] == ["Act now"]
    code, out, err = run_in_process("convert", str(own), "-o", "-", "--to", "argmap")
    assert (code, err, out) == (0, "", write(load(BASE_MAP, str(own)))[0])
    both = write_file(tmp_path / "both.json", '{"argmap-json": 1, "nodes": [], "edges": []}')
    code, out, err = run_in_process("convert", str(both), "-o", "-", "--to", "argmap")
    assert (code, out) == (2, "")
    assert err == f"argmap: {both}: its content could be json and aif; say which with --from\n"
    assert run_in_process("convert", str(both), "-o", "-", "--to", "argmap", "--from", "aif")[0] == 1
    # neither: the extension's own format reads it and says what is wrong, with a position
    broken = write_file(tmp_path / "broken.json", "{\n")
    code, _, err = run_in_process("convert", str(broken), "-o", "-", "--to", "argmap")
    assert code == 1 and f"{broken}:2:1: error: not valid JSON" in err and "(json -> argmap): failed" in err


def test_validate_reads_every_format_by_its_extension_and_folders_with_all_formats(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    write_file(folder / "m.yaml", BASE_MAP)
    write_file(folder / "notes.argdown", "[T]: Act now.\n  + [R]: It is cheap.\n")
    write_file(folder / "sub" / "export.kialo.txt", "Discussion Title: Act\n\n1. Act now.\n1.1. Pro: It is cheap.\n")
    write_file(folder / "nodeset.json", AIF_NODESET)
    write_file(folder / "m.json", argmap_json.write(load(BASE_MAP))[0])
    write_file(folder / "package.json", '{"name": "not a map"}\n')
    write_file(folder / "readme.txt", "1. not read: .txt is no reader's extension\n")
    write_file(tmp_path / "export.txt", "Discussion Title: Act\n\n1. Act now.\n1.1. Pro: It is cheap.\n")
    code, out, _ = run_in_process("validate", str(tmp_path / "export.txt"), "-f", "json")
    assert (code, json.loads(out)["files"], json.loads(out)["problems"]) == (0, 1, [])  # Kialo, by its content
    for name in ("notes.argdown", "sub/export.kialo.txt", "nodeset.json", "m.json"):
        code, out, _ = run_in_process("validate", str(folder / name), "-f", "parsable")
        assert (code, out) == (0, ""), name
    code, out, _ = run_in_process("validate", str(folder), "-f", "json")
    assert code == 0 and json.loads(out)["files"] == 1  # YAML maps only, as before
    code, out, _ = run_in_process("validate", str(folder), "--all-formats", "-f", "json")
    assert code == 0 and json.loads(out)["files"] == 5  # not package.json, not readme.txt
    write_file(folder / "bad.argdown", "[T]: Act now. {weight: [}\n")
    write_file(folder / "both.json", '{"argmap-json": 1, "nodes": [], "edges": []}')
    code, out, _ = run_in_process("validate", str(folder), "--all-formats", "-f", "parsable")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    message = "YAML data: while parsing a flow node: did not find expected node content [syntax]"
    assert lines[0] == f"{folder / 'bad.argdown'}:1:25: error: {message}"
    assert (
        lines[1]
        == f"{folder / 'both.json'}:1:1: error: {folder / 'both.json'}: its content could be json and aif; say which with --from [schema]"
    )
