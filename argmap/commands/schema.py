"""`argmap schema`: print the JSON Schema of the map format."""

from __future__ import annotations

import click


@click.command("schema")
def command() -> int:
    """Print the JSON Schema (draft 2020-12) of the map format, for editors and other tools."""
    from argmap.formats.schema import schema_json

    click.echo(schema_json(), nl=False)
    return 0
