"""`argmap schemes [ID]`: list the built-in argument schemes and their critical questions."""

from __future__ import annotations

import click

from argmap.schemes import SCHEMES

FORMATS = ("text", "json")


@click.command("schemes")
@click.argument("scheme_id", required=False, metavar="[ID]")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for reading, json for tools.",
)
def command(scheme_id: str | None, output_format: str) -> int:
    """List the argument schemes a map's arguments may name with `scheme:`, each with the ids of its
    critical questions (for `answers:` and `raises:`), or only scheme ID. See docs/schemes.md.

    Exit codes: 0 listed, 2 unknown scheme id or usage error.
    """
    from argmap.commands.common import ArgmapError
    from argmap.schemes import schemes_json, schemes_text
    from argmap.text.safe import visible
    from argmap.text.suggest import did_you_mean

    if scheme_id is not None and scheme_id not in SCHEMES:
        raise ArgmapError(
            f"no scheme '{visible(scheme_id)}'{did_you_mean(scheme_id, SCHEMES)} (run 'argmap schemes' for the list)"
        )
    render = schemes_json if output_format == "json" else schemes_text
    click.echo(render(only=scheme_id), nl=False)
    return 0
