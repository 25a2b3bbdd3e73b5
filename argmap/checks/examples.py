"""The examples in the rules' documentation, as maps that can be validated.

Each rule's docstring shows a failing and a passing example (a "Fails" and a "Passes" paragraph,
each followed by one ```yaml block). An example holds only the top-level keys it is about; it is
completed into a whole map with FRAME below: each top-level key the example writes replaces the
frame's key of the same name (in the frame's place), and keys the frame lacks are added at the end.
The frame's one source is `survey`, which its premise cites: an example that writes `sources:`
keeps `survey`, and one that writes `thesis:` cites it somewhere (else it would be unused).

The completing is done on the text, not on parsed YAML, so that an example may be broken YAML
(the `syntax` rule's) or hold escapes a parser would turn into something else (`bad-text`'s).
tests/test_rule_examples.py validates every completed example; docs/rules.md shows the frame.
"""

from __future__ import annotations

import inspect
import re

FRAME = """\
argmap: 1
title: School uniforms
sources:
  survey: {title: National school survey, kind: dataset}
thesis:
  id: uniforms-help
  claim: Schools should require uniforms.
  premises:
    - id: less-bullying
      claim: Uniforms reduce bullying about clothes.
      cite: [survey]
"""

_EXAMPLE = re.compile(r"^(Fails|Passes)\b[^\n]*:\n```yaml\n(.*?)```", re.MULTILINE | re.DOTALL)
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def examples(doc: str) -> dict[str, str]:
    """{"Fails": yaml, "Passes": yaml} from a rule's docstring."""
    found: dict[str, str] = {}
    for match in _EXAMPLE.finditer(inspect.cleandoc(doc)):
        if match.group(1) in found:
            raise ValueError(f"two {match.group(1)} examples")
        found[match.group(1)] = match.group(2)
    return found


def _top_level_blocks(text: str) -> dict[str, str]:
    """Top-level key -> its lines (the key's line and every indented or blank line after it)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines(keepends=True):
        key = _TOP_KEY.match(line)
        if key:
            if key.group(1) in blocks:
                raise ValueError(f"example writes the top-level key {key.group(1)!r} twice")
            current = blocks[key.group(1)] = []
        elif current is None and line.strip():
            raise ValueError(f"an example holds only top-level keys; this line is not one: {line!r}")
        if current is not None:
            current.append(line if line.endswith("\n") else line + "\n")
    return {key: "".join(lines) for key, lines in blocks.items()}


def complete(example: str, frame: str = FRAME) -> str:
    """The whole map an example stands for: the frame with the example's top-level keys put in."""
    written = _top_level_blocks(example)
    blocks = _top_level_blocks(frame)
    merged = [written.get(key, block) for key, block in blocks.items()]
    merged += [block for key, block in written.items() if key not in blocks]
    return "".join(merged)
