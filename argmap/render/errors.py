"""The one error of the render stage: drawing failed, the message says why; nothing is written."""

from __future__ import annotations


class RenderError(Exception):
    """Rendering failed; the message says why (exit code 2). Nothing is written."""
