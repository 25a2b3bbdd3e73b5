"""The `argmap` command: a group whose subcommands are imported only when they are run.

Each subcommand lives in argmap/commands/<name>.py as a thin click command that parses options, calls
one core function and returns its exit code. `main()` is the one place that turns an unexpected
error into one line on stderr and exit code 2, and a closed pipe into a quiet exit.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import sys

import click

from argmap import __version__
from argmap.errors import InputError, InternalError
from argmap.output import Terminated, guard_closed_streams, silence_stdout
from argmap.text.safe import visible

#: subcommand name -> (module, one-line help shown in `argmap --help` without importing it)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("argmap.commands.validate", "Check maps for errors; for CI and editors."),
    "gaps": ("argmap.commands.gaps", "List unsupported and weakly supported claims and unanswered counterpoints."),
    "show": ("argmap.commands.show", "Print the whole argument as a tree in the terminal."),
    "render": ("argmap.commands.render", "Draw the argument as a Graphviz diagram (SVG, PNG, PDF, DOT)."),
    "brief": ("argmap.commands.brief", "Write a debate brief (Markdown or HTML)."),
    "drill": ("argmap.commands.drill", "Practise answering attacks and evidence questions in the terminal."),
    "eval": ("argmap.commands.evaluate", "Label which claims stand, fall or stay undecided."),
    "schemes": ("argmap.commands.schemes", "List the argument schemes and their critical questions."),
    "schema": ("argmap.commands.schema", "Print the JSON Schema of the map format."),
    "convert": ("argmap.commands.convert", "Convert a map to or from another format (Argdown, AIF, JSON, Mermaid...)."),
    "new": ("argmap.commands.new", "Start a new map, with a $schema comment that points at a real file."),
    "fmt": ("argmap.commands.fmt", "Rewrite maps in the canonical layout, keeping comments (--check for CI)."),
    "add": ("argmap.commands.add", "Add a claim under another one, in canonical position and style."),
    "rename": ("argmap.commands.rename", "Rename a claim or source id everywhere it is used."),
    "diff": ("argmap.commands.diff", "What changed in the argument between two maps or revisions."),
}


#: subcommand name -> what its --help ends with: a command line to copy (tests run each one)
EXAMPLES: dict[str, str] = {
    "validate": "argmap validate maps/ --strict --config .argmap.yaml",
    "gaps": "argmap gaps maps/assad_isis.yaml --min-severity major",
    "show": "argmap show maps/assad_isis.yaml --depth 2 --focus releases-were-strategic",
    "render": "argmap render maps/assad_isis.yaml -o assad.svg --depth 2",
    "brief": "argmap brief maps/assad_isis.yaml --side against -o brief.md",
    "drill": "argmap drill maps/assad_isis.yaml --count 5",
    "eval": "argmap eval maps/assad_isis.yaml --explain assad-helped-isis-rise",
    "schemes": "argmap schemes",
    "schema": "argmap schema > argmap.schema.json",
    "convert": "argmap convert maps/assad_isis.yaml -o assad.mmd",
    "new": "argmap new maps/uniforms.yaml",
    "fmt": "argmap fmt --check maps/",
    "add": 'argmap add maps/uniforms.yaml --under thesis --kind premise --claim "Uniforms save time." --cite text',
    "rename": "argmap rename maps/uniforms.yaml thesis uniforms-help",
    "diff": "argmap diff git:main:maps/assad_isis.yaml maps/assad_isis.yaml",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name][0]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        command: click.Command = module.command
        if command.epilog is None and cmd_name in EXAMPLES:
            command.epilog = f"\b\nExample:\n  {EXAMPLES[cmd_name]}"  # \b: click keeps the line as it is
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
@click.option("--traceback", is_flag=True, hidden=True, help="Show the Python stack on internal errors.")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """argmap: argument maps kept as code.

    A map is a YAML file holding a thesis, its premises, correlations, counterpoints and rebuttals,
    each citing its sources. See docs/format.md.

    Exit codes: 0 clean, 1 problems found, 2 usage, I/O or internal error.
    """
    ctx.obj = {"traceback": traceback}


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI with argmap's exit-code and error-handling policy."""
    args = sys.argv[1:] if argv is None else argv
    guard_closed_streams()
    show_traceback = "--traceback" in args
    # A run is one pass over many small, acyclic objects (YAML nodes, claims, positions): the cyclic
    # collector would only walk them again and again (twice the time on a 10k-claim map). The process
    # ends when the command does, so nothing accumulates.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    output_error_reported = False
    try:
        code = cli.main(args=args, prog_name="argmap", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except SystemExit as exc:
        # click turns a write to a closed pipe (EPIPE) into exit 1 after wrapping stdout; that is not
        # "problems found": the reader (`| head`) has all it wanted.
        from click.utils import PacifyFlushWrapper

        code = 0 if isinstance(sys.stdout, PacifyFlushWrapper) else exc.code  # type: ignore[arg-type]
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo("argmap: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        silence_stdout()
        code = 0
    except KeyboardInterrupt:
        click.echo("argmap: interrupted", err=True)
        code = 130
    except Terminated:  # SIGTERM while a file was written or dot ran: cleaned up, then the usual code
        click.echo("argmap: terminated", err=True)
        code = 143
    except InputError as exc:  # a map path that cannot be read: a usage error
        click.echo(f"argmap: {visible(str(exc))}", err=True)
        code = 2
    except InternalError as exc:  # a bug while reading or checking one file: name the file
        if show_traceback:
            raise exc.__cause__ or exc from None
        click.echo(f"argmap: {visible(str(exc))} (run with --traceback for details)", err=True)
        code = 2
    except OSError as exc:  # e.g. stdout on a full disk: an output that cannot be written, not a bug
        if show_traceback:
            raise
        code = _io_error(exc)
        output_error_reported = True
    except Exception as exc:  # the one place an unexpected error is turned into a line
        if show_traceback:
            raise
        click.echo(
            f"argmap: internal error: {type(exc).__name__}: {visible(str(exc))[:500]} "
            "(run with --traceback for details)",
            err=True,
        )
        code = 2
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        # What is still buffered could not be written; if that failure was just reported (the write
        # that raised left its data in the buffer), the flush failing again is the same error.
        if not output_error_reported:
            code = _io_error(exc)
        silence_stdout()
    if gc_was_enabled:  # for callers that run main() in-process (tests)
        gc.enable()
    sys.exit(code if isinstance(code, int) else 0)


def _io_error(exc: OSError) -> int:
    import errno

    where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
    what = "cannot write output" if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO) else "I/O error"
    click.echo(f"argmap: {what}: {visible(where + (exc.strerror or str(exc)))}", err=True)
    return 2
