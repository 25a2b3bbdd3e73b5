"""`argmap validate PATH...`: the CI gate. Parses options, calls argmap.pipeline.validate_paths,
prints the report, returns the exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from argmap.commands.common import ArgmapError, parse_snapshots, warn_folders_without_maps
from argmap.findings import exit_code
from argmap.output import silence_stdout
from argmap.reports.problems import PROBLEM_FORMATS
from argmap.text.safe import visible


@click.command("validate")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(tuple(PROBLEM_FORMATS)),
    help="Output format [default: text; github when GITHUB_ACTIONS is set].",
)
@click.option("--strict", is_flag=True, default=None, help="Fail (exit 1) on warnings too.")
@click.option("--disable", "disable", multiple=True, metavar="RULE", help="Turn a rule off (repeatable).")
@click.option(
    "--enable",
    "enable",
    multiple=True,
    metavar="RULE",
    help="Turn on a rule that the settings file turned off (repeatable).",
)
@click.option(
    "--snapshot",
    "snapshots",
    multiple=True,
    metavar="ID=PATH",
    help="Local text of source ID: every quote cited from it must occur in it (repeatable).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Settings file (.argmap.yaml or pyproject.toml) instead of the nearest one.",
)
@click.option("--no-config", is_flag=True, help="Ignore settings files.")
@click.option(
    "--all-formats",
    is_flag=True,
    help="In folders, read every format argmap reads (Argdown, AIF, JSON, Carneades, Kialo), not only YAML maps.",
)
@click.option(
    "--require-snapshots",
    is_flag=True,
    default=None,
    help="A quoted source without a snapshot is an error (its quotes would go unchecked).",
)
@click.option(
    "--maps-only",
    is_flag=True,
    help="Skip named files that are not maps (no top-level argmap: key), as in a folder; for hooks.",
)
@click.option("--list-rules", is_flag=True, help="List the rules with their default severity and exit.")
def command(
    paths: tuple[str, ...],
    output_format: str | None,
    strict: bool | None,
    disable: tuple[str, ...],
    enable: tuple[str, ...],
    snapshots: tuple[str, ...],
    config_path: str | None,
    no_config: bool,
    all_formats: bool,
    require_snapshots: bool | None,
    maps_only: bool,
    list_rules: bool,
) -> int:
    """Check maps: files, directories (every map inside, recursively) or - for stdin.

    Exit codes: 0 no errors, 1 problems found, 2 usage error or unreadable path.
    Settings may live in [tool.argmap] in pyproject.toml or in .argmap.yaml.
    """
    from argmap.checks import REGISTRY
    from argmap.pipeline import read_stdin, validate_paths
    from argmap.reports.base import print_report
    from argmap.reports.problems import ProblemsReport
    from argmap.reports.terminal import default_format
    from argmap.settings import ALWAYS_ON, ConfigError, Settings, find_settings, load_settings_file

    if list_rules:
        for rule in REGISTRY.values():
            click.echo(f"{rule.id:<28} {rule.severity!s:<8} {rule.summary}")
        return 0
    if not paths:
        raise click.UsageError("Missing argument 'PATH...'.")
    for rule_id in (*disable, *enable):
        if rule_id not in REGISTRY:
            raise click.BadParameter(
                f"unknown rule '{visible(rule_id)}' (see --list-rules)", param_hint="--disable/--enable"
            )
    locked = sorted(ALWAYS_ON & set(disable))
    if locked:
        raise click.BadParameter(
            f"'{locked[0]}' cannot be disabled: it decides whether a file is a map", param_hint="--disable"
        )
    try:
        if no_config:
            settings = Settings()
        elif config_path:
            settings = load_settings_file(Path(config_path))
        else:
            first = next((p for p in paths if p != "-"), ".")
            settings = find_settings(Path(first) if os.path.exists(first) else Path("."))
    except ConfigError as exc:
        raise ArgmapError(str(exc)) from None
    disabled = (set(settings.disable) - set(enable)) | set(disable)
    if maps_only:
        from argmap.pipeline import looks_like_map

        paths = tuple(p for p in paths if p == "-" or os.path.isdir(p) or not os.path.exists(p) or looks_like_map(p))
    stdin = read_stdin() if "-" in paths else None
    result = validate_paths(
        paths,
        disabled=disabled,
        snapshots=parse_snapshots(snapshots),
        stdin=stdin,
        require_snapshots=settings.require_snapshots if require_snapshots is None else require_snapshots,
        snapshot_folders=settings.snapshot_folders,
        all_formats=all_formats,
    )
    warn_folders_without_maps(result.empty_folders, all_formats=all_formats)
    fmt = PROBLEM_FORMATS[output_format or default_format(PROBLEM_FORMATS)]
    try:
        print_report(fmt, ProblemsReport(result.problems, result.files, settings=settings.source))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has what it wanted; the exit code still tells
        silence_stdout()
    return exit_code(result.problems, strict=settings.strict if strict is None else strict)
