"""Settings for `argmap validate`: [tool.argmap] in pyproject.toml or .argmap.yaml beside the maps.

The nearest of the two, looking from the first map's directory upwards, is used (`--config FILE`
pins one, as CI should: a pull request can add a settings file beside the maps); command-line
options override it. Keys: `strict` (bool), `disable` and `enable` (lists of rule ids),
`require-snapshots` (bool: a quoted source without a snapshot is an error) and `snapshot-folders`
(folders, relative to the settings file, that a map's `snapshot:` may point into; never outside the
repository). The rules that say whether a file is a map at all (`syntax`, `schema`) cannot be
disabled.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.text.safe import visible


class ConfigError(Exception):
    """A settings file that cannot be used; the message names it."""


#: rules no settings file or option may turn off: without them a broken file would pass as a map
ALWAYS_ON = frozenset({"syntax", "schema"})
#: nesting deeper than this in a settings file is refused (the settings themselves are two levels)
MAX_DEPTH = 32


@dataclass(frozen=True)
class Settings:
    strict: bool = False
    disable: frozenset[str] = field(default_factory=frozenset)
    enable: frozenset[str] = field(default_factory=frozenset)
    source: str | None = None  # the file the settings came from
    require_snapshots: bool = False
    snapshot_folders: tuple[str, ...] = ()  # absolute, resolved, inside the repository


KEYS = ("strict", "disable", "enable", "require-snapshots", "snapshot-folders")


def _repository_root(folder: Path) -> Path:
    """The nearest folder holding .git, from `folder` upwards; `folder` itself when there is none."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _snapshot_folders(value: Any, source: str, base: Path | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{source}: 'snapshot-folders' must be a list of folders")
    if base is None:
        return ()
    root = Path(os.path.realpath(_repository_root(base)))
    folders = []
    for written in value:
        resolved = os.path.realpath(base / written)
        if os.path.isabs(written) or os.path.commonpath([str(root), resolved]) != str(root):
            raise ConfigError(
                f"{source}: snapshot folder '{visible(written)}' is outside the repository ({visible(str(root))})"
            )
        folders.append(resolved)
    return tuple(folders)


def _from_mapping(data: Any, source: str, base: Path | None = None) -> Settings:
    from argmap.checks import REGISTRY

    if data is None:
        return Settings(source=source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: argmap settings must be a mapping")
    unknown = set(data) - set(KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown setting(s): {', '.join(sorted(visible(str(k)) for k in unknown))} "
            f"(known: {', '.join(KEYS)})"
        )
    strict = data.get("strict", False)
    require = data.get("require-snapshots", False)
    for key, flag in (("strict", strict), ("require-snapshots", require)):
        if not isinstance(flag, bool):
            raise ConfigError(f"{source}: '{key}' must be true or false")
    folders = _snapshot_folders(data.get("snapshot-folders", []), source, base)
    lists = {}
    for key in ("disable", "enable"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: '{key}' must be a list of rule ids")
        bad = [v for v in value if v not in REGISTRY]
        if bad:
            raise ConfigError(f"{source}: unknown rule id(s) in '{key}': {', '.join(map(visible, bad))}")
        locked = sorted(ALWAYS_ON & set(value)) if key == "disable" else []
        if locked:
            raise ConfigError(f"{source}: '{locked[0]}' cannot be disabled: it decides whether a file is a map")
        lists[key] = frozenset(value)
    return Settings(
        strict=strict,
        disable=lists["disable"],
        enable=lists["enable"],
        source=source,
        require_snapshots=require,
        snapshot_folders=folders,
    )


def load_settings_file(path: Path) -> Settings:
    """Settings from one file (.argmap.yaml, or pyproject.toml's [tool.argmap])."""
    if path.name == "pyproject.toml":
        table = _pyproject_table(path)
        return _from_mapping(table, f"{path} [tool.argmap]", path.resolve().parent)
    raw = _read(path)
    import yaml

    where = visible(str(path))

    class StrictLoader(yaml.SafeLoader):
        """PyYAML keeps the last of two equal keys without a word; a settings file may not. Keys
        must be text, and nesting is bounded (the pure-Python loader recurses)."""

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            self.depth = getattr(self, "depth", 0) + 1
            try:
                if self.depth > MAX_DEPTH:
                    mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                    raise ConfigError(f"{where}:{mark.line + 1}:{mark.column + 1}: nested too deeply for settings")
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
            seen = set()
            for key_node, _ in node.value:
                mark = key_node.start_mark
                if not isinstance(key_node, yaml.ScalarNode):
                    raise ConfigError(f"{where}:{mark.line + 1}:{mark.column + 1}: a key must be text")
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise ConfigError(f"{where}:{mark.line + 1}:{mark.column + 1}: duplicate key '{visible(str(key))}'")
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    try:
        data = yaml.load(raw.decode("utf-8"), Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{where}{at}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML: {visible(str(exc).splitlines()[0])}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{where}: not UTF-8 (byte {exc.start + 1})") from None
    return _from_mapping(data, str(path), path.resolve().parent)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{visible(str(path))}: cannot read: {exc.strerror or exc}") from None


def _pyproject_table(path: Path) -> Any:
    """pyproject.toml parsed, then its tool.argmap looked up (a [tool.argmap] table, an inline table
    `[tool] argmap = {...}` and dotted keys `tool.argmap.strict = true` are the same TOML); None
    when the file holds no argmap settings."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    where = visible(str(path))
    try:
        data = tomllib.loads(_read(path).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{where}: not UTF-8 (byte {exc.start + 1})") from None
    except RecursionError:
        raise ConfigError(f"{where}: not valid TOML: nested too deeply") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError: the message ends "(at line L, column C)"
        raise ConfigError(f"{where}: not valid TOML: {visible(str(exc))}") from None
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{where}: 'tool' must be a table, not {type(tool).__name__}")
    return tool.get("argmap")


def _has_argmap_table(path: Path) -> bool:
    return _pyproject_table(path) is not None


def find_settings(start: Path) -> Settings:
    """The nearest .argmap.yaml or pyproject.toml with tool.argmap settings, from `start` upwards."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        candidate = folder / ".argmap.yaml"
        if candidate.is_file():
            return load_settings_file(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"argmap" in _read(pyproject) and _has_argmap_table(pyproject):
            return load_settings_file(pyproject)
    return Settings()
