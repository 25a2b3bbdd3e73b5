"""Every rule's stable id, declared once: the registry, the loader and the YAML reader all name rules
with these constants, so that a Problem's rule is always a registered id.

This module imports nothing of argmap's, so that the readers in argmap.formats can use it without
reaching into the rules themselves. A test checks that these constants and the registry agree.
"""

from __future__ import annotations

from typing import Final, NewType

#: a rule's stable kebab-case id, as users write it in `--disable` and settings
RuleId = NewType("RuleId", str)

# Reported while a file is read (argmap.formats): the file and its structure.
SYNTAX: Final = RuleId("syntax")
SCHEMA: Final = RuleId("schema")
BAD_TEXT: Final = RuleId("bad-text")
COMMENT_IN_TEXT: Final = RuleId("comment-in-text")

# Claims and the shape of the argument (argmap.checks.structure); the loader reports duplicate
# source ids under DUPLICATE_ID too.
DUPLICATE_ID: Final = RuleId("duplicate-id")
UNKNOWN_REF: Final = RuleId("unknown-ref")
PREMISE_NEEDS_CITATION: Final = RuleId("premise-needs-citation")
CORRELATION_NEEDS_VARIABLES: Final = RuleId("correlation-needs-variables")
SUPPORT_CYCLE: Final = RuleId("support-cycle")
EMPTY_CLAIM: Final = RuleId("empty-claim")

# Sources and citations (argmap.checks.sources).
UNKNOWN_SOURCE: Final = RuleId("unknown-source")
VIA_CYCLE: Final = RuleId("via-cycle")
UNUSED_SOURCE: Final = RuleId("unused-source")
BAD_URL: Final = RuleId("bad-url")
BAD_DATE: Final = RuleId("bad-date")
QUOTE_NOT_FOUND: Final = RuleId("quote-not-found")

# The map's intended conclusions (argmap.checks.expect).
EXPECT: Final = RuleId("expect")

# Format 2's constructs: inferred claims, schemes and their critical questions (argmap.checks.arguments).
INFERRED_NEEDS_SUPPORT: Final = RuleId("inferred-needs-support")
UNKNOWN_SCHEME: Final = RuleId("unknown-scheme")
UNKNOWN_QUESTION: Final = RuleId("unknown-question")

# The file around the map: the editor's schema comment (argmap.checks.files).
SCHEMA_COMMENT: Final = RuleId("schema-comment")
