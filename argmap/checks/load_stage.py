"""Rules reported by the loader while it reads a file: syntax, schema, duplicate keys, bad text."""

from __future__ import annotations

from argmap.checks import ids, loader_rule
from argmap.findings import Severity

loader_rule(
    ids.SYNTAX,
    Severity.ERROR,
    """The file is readable YAML: UTF-8, one document, no anchors, aliases, merge keys or tags.

Fails:
```yaml
title: "School uniforms
```

Passes:
```yaml
title: "School uniforms"
```
""",
)

loader_rule(
    ids.SCHEMA,
    Severity.ERROR,
    """The map has the structure and types of format version 1 (docs/format.md).

Unknown keys (with a suggestion for near misses), duplicate keys, missing required keys, wrong
types, invalid ids and values YAML reads as numbers, booleans or dates where text is expected.

Fails:
```yaml
thesis:
  id: t
  claim: Uniforms help.
  premises:
    - id: p
      claim: Less bullying.
      cites: [survey]
```

Passes:
```yaml
thesis:
  id: t
  claim: Uniforms help.
  premises:
    - id: p
      claim: Less bullying.
      cite: [survey]
```
""",
)

loader_rule(
    ids.BAD_TEXT,
    Severity.ERROR,
    """Text holds no control characters, lone surrogates or bidirectional overrides.

Such characters can rewrite a terminal, hide text or break SVG; tab and newline are allowed.

Fails:
```yaml
title: "School uniforms\\e]8;;javascript:alert(1)\\e\\\\"
```

Passes:
```yaml
title: School uniforms
```
""",
)

loader_rule(
    ids.COMMENT_IN_TEXT,
    Severity.WARNING,
    """No YAML comment cuts an unquoted text short: ` #` starts a comment, not more text.

In a plain (unquoted) scalar, a `#` after a space ends the value: `claim: Uniforms cut costs #1
in our survey` is the claim "Uniforms cut costs". Quote the text to keep the `#`, or move a real
comment to a line of its own.

Fails:
```yaml
thesis:
  id: uniforms-help
  claim: Schools should require uniforms #1 on the list.
  premises:
    - id: less-bullying
      claim: Uniforms reduce bullying about clothes.
      cite: [survey]
```

Passes:
```yaml
thesis:
  id: uniforms-help
  claim: "Schools should require uniforms #1 on the list."
  premises:
    - id: less-bullying
      claim: Uniforms reduce bullying about clothes.
      cite: [survey]  # a comment after a list is fine
```
""",
)
