"""`argmap drill PATH`: practise answering attacks and evidence questions; parses options, runs argmap.drill."""

from __future__ import annotations

import sys

import click

from argmap.commands.common import FOR_HELP, ArgmapError, chosen_thesis, complete_claim_ids, open_map


@click.command("drill")
@click.argument("path", metavar="PATH")
@click.option(
    "--side",
    type=click.Choice(("for", "against")),
    default="for",
    show_default=True,
    help="for: answer the counterpoints and name your evidence; against: attack the defender's claims.",
)
@click.option("--count", type=click.IntRange(min=1), metavar="N", help="Ask at most N items [default: all].")
@click.option("--seed", type=int, metavar="S", help="Shuffle with seed S, for a reproducible order.")
@click.option("--focus", metavar="ID", shell_complete=complete_claim_ids, help="Only items at or below claim ID.")
@click.option("--no-save", is_flag=True, help="Do not read or write the state file of missed items.")
@click.option("--for", "thesis_id", metavar="ID", help=FOR_HELP)
def command(
    path: str, side: str, count: int | None, seed: int | None, focus: str | None, no_save: bool, thesis_id: str | None
) -> int:
    """Practise on the map at PATH: the drill plays the other side, you answer in your own words.

    After each answer it shows what the map prepared and asks whether you covered it; where the map
    prepared nothing it says so and scores the answer apart. Items you miss are asked first next
    time (state in $XDG_STATE_HOME/argmap/drill.json). Press Enter to
    pass; end of input or Ctrl-C ends the session with the score so far. See docs/drill.md.

    Exit codes: 0 session run (whatever the score), 1 the map cannot be read, 2 usage or I/O error.
    """
    from rich.console import Console
    from rich.text import Text

    from argmap.debate.drill import (
        DrillIO,
        drill_items,
        load_state,
        map_key,
        missed_last_time,
        order_items,
        run_session,
        save_session,
        state_path,
        summary,
    )
    from argmap.output import OutputError
    from argmap.reports.terminal import default_width
    from argmap.text.safe import visible
    from argmap.text.suggest import did_you_mean as suggest

    if path == "-":
        raise click.BadParameter("drill reads answers from stdin, so the map must be a file", param_hint="PATH")
    argmap = open_map(path).map
    if focus is not None and argmap.claim(focus) is None:
        raise ArgmapError(
            f"--focus: no claim '{visible(focus)}' in {visible(argmap.file)}"
            f"{visible(suggest(focus, argmap.claim_index))}"
        )

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich exits 1 on a closed pipe; argmap's main() ends quietly with the run's own code
            raise BrokenPipeError

    console = QuietConsole(file=sys.stdout, highlight=False, emoji=False, markup=False, soft_wrap=True)

    interactive = sys.stdin.isatty()

    def say(text: str, style: str) -> None:
        console.print(Text(visible(text, one_line=False), style=style))

    def ask(prompt: str) -> str | None:
        console.print(Text(prompt, style="bold"), end="")
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            console.print()
            return None
        answer = line.rstrip("\r\n")
        if not interactive:  # a terminal echoes what is typed; make a piped transcript read alike
            console.print(Text(visible(answer)))
        return answer

    state_file = state_path()
    state, warning = ({"version": 1, "maps": {}}, None) if no_save else load_state(state_file)
    if warning:
        click.echo(f"argmap: warning: {visible(warning)}", err=True)
    key = map_key(argmap, path)
    items = drill_items(argmap, side=side, focus=focus, thesis=chosen_thesis(argmap, thesis_id))
    if not items:
        what = "counterpoints or premises" if side == "for" else "attacked claims"
        where = f"at or below '{focus}'" if focus else "in the map"
        say(f"Nothing to drill: there are no {what} {where}.", "")
        return 0
    ordered = order_items(items, missed=missed_last_time(state, key), seed=seed, count=count)
    width = default_width(minimum=40)
    result = run_session(ordered, DrillIO(ask, say), width=width)
    for text, style in summary(ordered, result, width=width):
        say(text, style)
    if not no_save:
        try:
            save_session(state_file, key, argmap.title, result)
        except (OSError, OutputError) as exc:
            click.echo(f"argmap: warning: could not save drill state: {visible(str(exc))}", err=True)
    return 0
