"""`argmap eval PATH`: which claims stand, fall or stay undecided. Parses options, calls argmap.evaluate."""
from __future__ import annotations

import json

import click

from argmap.commands.common import ArgmapError, open_map
from argmap.text.safe import visible

HEADINGS = (("stands", "Stands"), ("falls", "Falls"), ("undecided", "Undecided"))
#: ids longer than this do not widen the text table's first column
ID_COLUMN_MAX = 40


@click.command("eval")
@click.argument("path", metavar="PATH")
@click.option("--assume-false", "assume_false", multiple=True, metavar="ID",
              help="Treat claim ID as fallen and see what follows (repeatable).")
@click.option("-f", "--format", "output_format", type=click.Choice(("text", "json")), default="text",
              show_default=True, help="text: claims grouped by label, then the thesis verdict; "
                                      "json: {\"claims\": [{\"id\", \"label\", \"reason\"}], \"thesis\": label}.")
@click.option("--explain", "explain_id", metavar="ID",
              help="Print the chain of reasons behind claim ID's label, down to the leaves (text only).")
def command(path: str, assume_false: tuple[str, ...], output_format: str, explain_id: str | None) -> int:
    """Label every claim of the map at PATH (or - for stdin) as standing, falling or undecided.

    A claim stands when every claim attacking it falls and, if it has premises or correlations,
    one of them stands; it falls when an attacker stands or all its support falls; otherwise it is
    undecided (grounded semantics; see docs/eval.md).

    Exit codes: 0 the map was evaluated (whatever the verdict), 1 the map cannot be read,
    2 usage or I/O error (such as an unknown claim id).
    """
    from argmap.analysis.evaluate import evaluate, explain
    from argmap.text.suggest import did_you_mean as suggest

    if explain_id is not None and output_format == "json":
        raise click.UsageError("--explain prints text; leave out --format json")
    argmap = open_map(path).map
    ids = argmap.claim_index
    for option, claim_id in [("--assume-false", c) for c in assume_false] + [("--explain", explain_id)]:
        if claim_id is not None and claim_id not in ids:
            raise ArgmapError(f"{option}: no claim '{visible(claim_id)}' in {visible(argmap.file)}"
                              f"{visible(suggest(claim_id, ids))}")
    evaluation = evaluate(argmap, assume_false=assume_false)
    if output_format == "json":
        click.echo(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if explain_id is not None:
        for depth, verdict, shown in explain(evaluation, explain_id):
            tail = " (see above)" if shown else f": {verdict.reason}"
            click.echo(f"{'  ' * depth}{visible(verdict.id)}{visible(tail)}")
        return 0
    width = min(ID_COLUMN_MAX, max((len(v.id) for v in evaluation.verdicts), default=0))
    for label, heading in HEADINGS:
        group = [v for v in evaluation.verdicts if v.label == label]
        click.echo(f"{heading} ({len(group)})")
        for verdict in group:
            reason = verdict.reason.split(": ", 1)[1] if ": " in verdict.reason else verdict.reason
            click.echo(f"  {visible(verdict.id):<{width}}  {visible(reason)}")
        click.echo("")
    if evaluation.thesis is None:
        click.echo("Thesis: none (the map has no thesis)")
    else:
        click.echo(f"Thesis '{visible(evaluation.thesis)}' {evaluation.thesis_label}.")
    return 0
