"""Settings for `argmap validate`: [tool.argmap] in pyproject.toml or .argmap.yaml beside the maps.

The nearest of the two, looking from the first map's directory upwards, is used; command-line
options override it. Keys: `strict` (bool), `disable` and `enable` (lists of rule ids).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A settings file that cannot be used; the message names it."""


@dataclass(frozen=True)
class Settings:
    strict: bool = False
    disable: frozenset[str] = field(default_factory=frozenset)
    enable: frozenset[str] = field(default_factory=frozenset)
    source: str | None = None  # the file the settings came from


def _from_mapping(data: Any, source: str) -> Settings:
    from argmap.checks import REGISTRY

    if data is None:
        return Settings(source=source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: argmap settings must be a mapping")
    unknown = set(data) - {"strict", "disable", "enable"}
    if unknown:
        raise ConfigError(
            f"{source}: unknown setting(s): {', '.join(sorted(map(str, unknown)))} (known: strict, disable, enable)"
        )
    strict = data.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{source}: 'strict' must be true or false")
    lists = {}
    for key in ("disable", "enable"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: '{key}' must be a list of rule ids")
        bad = [v for v in value if v not in REGISTRY]
        if bad:
            raise ConfigError(f"{source}: unknown rule id(s) in '{key}': {', '.join(bad)}")
        lists[key] = frozenset(value)
    return Settings(strict=strict, disable=lists["disable"], enable=lists["enable"], source=source)


def load_settings_file(path: Path) -> Settings:
    """Settings from one file (.argmap.yaml, or pyproject.toml's [tool.argmap])."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # Python 3.10
            import tomli as tomllib
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        return _from_mapping(data.get("tool", {}).get("argmap"), f"{path} [tool.argmap]")
    import yaml

    class StrictLoader(yaml.SafeLoader):
        """PyYAML keeps the last of two equal keys without a word; a settings file may not."""

        def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    mark = key_node.start_mark
                    raise ConfigError(f"{path}:{mark.line + 1}:{mark.column + 1}: duplicate key '{key}'")
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    try:
        data = yaml.load(raw.decode("utf-8"), Loader=StrictLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    return _from_mapping(data, str(path))


def find_settings(start: Path) -> Settings:
    """The nearest .argmap.yaml or pyproject.toml with [tool.argmap], from `start` upwards."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        candidate = folder / ".argmap.yaml"
        if candidate.is_file():
            return load_settings_file(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.argmap]" in pyproject.read_bytes():
            return load_settings_file(pyproject)
    return Settings()
