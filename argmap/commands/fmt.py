"""`argmap fmt PATH... [--check] [--diff]`: maps in the canonical layout. Parses options, calls
argmap.edit.fmt.format_bytes per file, writes or reports, returns the exit code."""

from __future__ import annotations

import sys

import click


@click.command("fmt")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--check", is_flag=True, help="Change nothing; list the files that would change and exit 1 if any.")
@click.option("--diff", "show_diff", is_flag=True, help="Change nothing; print what would change as a unified diff.")
def command(paths: tuple[str, ...], check: bool, show_diff: bool) -> int:
    """Rewrite maps (files, directories searched for maps, or - for stdin to stdout) in one canonical
    layout: key order as in docs/format.md, two-space indent, block style, long text folded.
    Comments, quoting and ids are kept; a file is rewritten only if the result says exactly what it
    said, and atomically. See docs/editing.md.

    Exit codes: 0 done (or nothing would change), 1 --check found files that would change or a map
    cannot be read, 2 usage, I/O or internal error.
    """
    from argmap.commands.common import ArgmapError, warn_folders_without_maps
    from argmap.commands.editing import report_unreadable, write_file
    from argmap.edit.document import EditError, UnreadableMap
    from argmap.edit.fmt import format_bytes
    from argmap.pipeline import STDIN, find_maps, folders_without_maps, read_input
    from argmap.text.safe import visible

    code = 0
    changed = unchanged = 0
    found = find_maps(paths)
    warn_folders_without_maps(folders_without_maps(paths, found), all_formats=True)
    for path in found:
        source = read_input(path)
        try:
            result = format_bytes(source.data, file=source.display, base_dir=source.base_dir)
        except UnreadableMap as exc:
            report_unreadable(exc)
            code = max(code, 1)
            continue
        except EditError as exc:
            raise ArgmapError(str(exc)) from None
        if path == STDIN and not (check or show_diff):
            sys.stdout.buffer.write(result.after)
            continue
        if not result.changed:
            unchanged += 1
            continue
        changed += 1
        if show_diff:
            click.echo(unified_diff(result.before, result.after, source.display), nl=False)
        if check:
            click.echo(f"would reformat {visible(source.display)}")
            code = max(code, 1)
        elif not show_diff:
            write_file(path, result.after)
            click.echo(f"reformatted {visible(source.display)}")
    if not (path_is_stdin_only(paths) and not (check or show_diff)):
        verb = "would be reformatted" if check or show_diff else "reformatted"
        click.echo(f"{changed} file{'s' if changed != 1 else ''} {verb}, {unchanged} unchanged", err=True)
    return code


def path_is_stdin_only(paths: tuple[str, ...]) -> bool:
    return all(p == "-" for p in paths)


def unified_diff(before: bytes, after: bytes, name: str) -> str:
    """A unified diff of two versions of a file, every line made safe for a terminal."""
    import difflib

    from argmap.text.safe import visible

    old = before.decode("utf-8", errors="replace").splitlines()
    new = after.decode("utf-8", errors="replace").splitlines()
    shown = name.lstrip("/")
    lines = difflib.unified_diff(old, new, f"a/{shown}", f"b/{shown}", lineterm="")
    return "".join(visible(line) + "\n" for line in lines)
