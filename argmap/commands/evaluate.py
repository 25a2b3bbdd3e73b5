"""`argmap eval PATH`: which claims stand, fall or stay undecided. Parses options, calls
argmap.analysis.evaluate, prints the report (argmap.reports.evaluation)."""

from __future__ import annotations

import click

from argmap.analysis.evaluate import SEMANTICS
from argmap.commands.common import ArgmapError, complete_claim_ids, open_map
from argmap.reports.evaluation import EVAL_FORMATS
from argmap.text.safe import visible


@click.command("eval")
@click.argument("path", metavar="PATH")
@click.option(
    "--assume-false",
    "assume_false",
    multiple=True,
    metavar="ID",
    shell_complete=complete_claim_ids,
    help="Treat claim ID as fallen and see what follows (repeatable).",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(tuple(EVAL_FORMATS)),
    default="text",
    show_default=True,
    help="; ".join(f"{name}: {fmt.help}" for name, fmt in EVAL_FORMATS.items()) + ".",
)
@click.option(
    "--explain",
    "explain_id",
    metavar="ID",
    shell_complete=complete_claim_ids,
    help="Print the chain of reasons behind claim ID's label, down to the leaves, and what it rests on (text only).",
)
@click.option(
    "--semantics",
    type=click.Choice(SEMANTICS),
    default=None,
    help="grounded: an unanswered attack defeats; weighed: weights and proof standards "
    "(Carneades) [default: the map's 'semantics:', else grounded].",
)
def command(
    path: str, assume_false: tuple[str, ...], output_format: str, explain_id: str | None, semantics: str | None
) -> int:
    """Label every claim of the map at PATH (or - for stdin) as standing, falling or undecided.

    A claim stands when every claim attacking it falls and, if it has premises or correlations,
    one of them stands; it falls when an attacker stands or all its support falls; otherwise it is
    undecided (grounded semantics; see docs/eval.md).

    Exit codes: 0 the map was evaluated (whatever the verdict), 1 the map cannot be read,
    2 usage or I/O error (such as an unknown claim id).
    """
    from argmap.analysis.evaluate import evaluate
    from argmap.reports.base import print_report
    from argmap.reports.evaluation import format_explanation
    from argmap.text.suggest import did_you_mean as suggest

    if explain_id is not None and output_format == "json":
        raise click.UsageError("--explain prints text; leave out --format json")
    argmap = open_map(path).map
    ids = argmap.claim_index
    for option, claim_id in [("--assume-false", c) for c in assume_false] + [("--explain", explain_id)]:
        if claim_id is not None and claim_id not in ids:
            raise ArgmapError(
                f"{option}: no claim '{visible(claim_id)}' in {visible(argmap.file)}{visible(suggest(claim_id, ids))}"
            )
    evaluation = evaluate(argmap, assume_false=assume_false, semantics=semantics)
    if explain_id is not None:
        click.echo(format_explanation(evaluation, explain_id), nl=False)
    else:
        print_report(EVAL_FORMATS[output_format], evaluation)
    return 0
