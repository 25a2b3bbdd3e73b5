"""Snapshots in CI: require-snapshots (a setting or --require-snapshots), a missing snapshot failing
--strict, and snapshot folders beside the maps that a setting allows, never outside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_MAP

from argmap.cli import main

WITH_SNAPSHOT = BASE_MAP.replace(
    "    url: https://example.org/uniforms\n", "    url: https://example.org/uniforms\n    snapshot: {snap}\n", 1
)


def run(args: list[str]) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return int(code or 0), out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "op-ed.txt").write_text("There were fewer taunts about brands.", encoding="utf-8")
    return tmp_path


def test_without_snapshots_no_quote_is_checked_and_require_snapshots_says_so(repo: Path) -> None:
    path = repo / "maps" / "m.yaml"
    path.write_text(BASE_MAP, encoding="utf-8")
    assert run(["validate", "--no-config", "-f", "parsable", str(path)]) == (0, "", "")
    message = (
        f"{path}:5:3: error: source 'op-ed' is quoted but has no snapshot, so its quotes are not checked "
        "(require-snapshots); give it `snapshot: PATH` or --snapshot ID=PATH [quote-not-found]\n"
    )
    assert run(["validate", "--no-config", "--require-snapshots", "-f", "parsable", str(path)]) == (1, message, "")
    (repo / ".argmap.yaml").write_text("require-snapshots: true\n", encoding="utf-8")
    assert run(["validate", "-f", "parsable", str(path)]) == (1, message, "")
    snapshot = f"op-ed={repo / 'sources' / 'op-ed.txt'}"
    assert run(["validate", "-f", "parsable", "--snapshot", snapshot, str(path)]) == (0, "", "")


def test_a_missing_snapshot_fails_strict_and_is_an_error_when_required(repo: Path) -> None:
    path = repo / "maps" / "m.yaml"
    path.write_text(WITH_SNAPSHOT.format(snap="gone.txt"), encoding="utf-8")
    where = f"{path}:9:15"
    why = f"snapshot of source 'op-ed' cannot be read: {repo / 'maps' / 'gone.txt'}: No such file or directory"
    assert run(["validate", "--no-config", "-f", "parsable", str(path)]) == (
        0,
        f"{where}: warning: {why} [quote-not-found]\n",
        "",
    )
    assert run(["validate", "--no-config", "--strict", "-f", "parsable", str(path)])[0] == 1
    assert run(["validate", "--no-config", "--require-snapshots", "-f", "parsable", str(path)]) == (
        1,
        f"{where}: error: {why} [quote-not-found]\n",
        "",
    )


def test_a_snapshot_folder_beside_the_maps_is_allowed_by_a_setting(repo: Path) -> None:
    path = repo / "maps" / "m.yaml"
    path.write_text(WITH_SNAPSHOT.format(snap="../sources/op-ed.txt"), encoding="utf-8")
    code, out, _ = run(["validate", "--no-config", "-f", "parsable", str(path)])
    assert (code, out) == (
        0,
        f"{path}:9:15: warning: snapshot of source 'op-ed' cannot be read: ../sources/op-ed.txt: a snapshot "
        "must be a file inside the map's folder [quote-not-found]\n",
    )
    (repo / ".argmap.yaml").write_text("snapshot-folders: [sources]\nrequire-snapshots: true\n", encoding="utf-8")
    assert run(["validate", "-f", "parsable", str(path)]) == (0, "", "")
    (repo / "sources" / "op-ed.txt").write_text("Nothing of the kind.", encoding="utf-8")
    code, out, _ = run(["validate", "-f", "parsable", str(path)])
    assert (code, out) == (
        1,
        f"{path}:23:18: error: quote not found in the snapshot of 'op-ed': \"fewer taunts about brands\" "
        "[quote-not-found]\n",
    )


@pytest.mark.parametrize("folder", ["..", "/etc", "../outside", "sources/../../x"])
def test_a_snapshot_folder_outside_the_repository_is_refused(folder: str, repo: Path) -> None:
    (repo / "maps" / "m.yaml").write_text(BASE_MAP, encoding="utf-8")
    settings = repo / ".argmap.yaml"
    settings.write_text(f"snapshot-folders: ['{folder}']\n", encoding="utf-8")
    assert run(["validate", str(repo / "maps")]) == (
        2,
        "",
        f"argmap: {settings}: snapshot folder '{folder}' is outside the repository ({repo.resolve()})\n",
    )


def test_a_snapshot_may_still_not_leave_the_allowed_folders(repo: Path) -> None:
    path = repo / "maps" / "m.yaml"
    (repo / "secret.txt").write_text("fewer taunts about brands", encoding="utf-8")
    path.write_text(WITH_SNAPSHOT.format(snap="../sources/../secret.txt"), encoding="utf-8")
    (repo / ".argmap.yaml").write_text("snapshot-folders: [sources]\n", encoding="utf-8")
    code, out, _ = run(["validate", "-f", "parsable", str(path)])
    assert (code, out) == (
        0,
        f"{path}:9:15: warning: snapshot of source 'op-ed' cannot be read: ../sources/../secret.txt: a snapshot "
        "must be a file inside the map's folder or a snapshot folder of the settings [quote-not-found]\n",
    )
