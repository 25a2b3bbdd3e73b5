"""The terminal view of a map: header, claim tree with glyphs, citation and gap markers, sources table.

`build_view` is a pure function from the model (plus its gaps and coverage) to lines of styled
segments, already wrapped to a width; `plain_text` joins them for a pipe, and the command prints them
through rich on a terminal. User text only ever becomes segment text after `visible()`, never markup,
and wrapping is done by argmap.views.wrap in linear time (rich's highlighter and wrapper never see long
user tokens).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from argmap.analysis.gaps import Coverage, Gap, missing_fields
from argmap.analysis.ranking import hit_claims
from argmap.findings import GapSeverity
from argmap.graph import descendants, path_to_thesis
from argmap.model import FORMAT1_KINDS, ArgMap, Claim, ClaimKind, Edge, Source
from argmap.text.safe import visible
from argmap.views.wrap import CellWidths, Segment, wrap_cells

#: kind -> (glyph, style); distinct shapes so the view reads without colour
GLYPHS: dict[ClaimKind, tuple[str, str]] = {
    ClaimKind.THESIS: ("◆", "bold"),
    ClaimKind.PREMISE: ("▲", "green"),
    ClaimKind.CORRELATION: ("≈", "cyan"),
    ClaimKind.COUNTERPOINT: ("✗", "red"),
    ClaimKind.REBUTTAL: ("↺", "blue"),
    ClaimKind.UNDERCUT: ("⤫", "magenta"),
    ClaimKind.ASSUMPTION: ("△", "yellow"),
}
POINTER = "→"
ARGUMENT_MARK = "⊕"  # before a claim that belongs to a linked argument (format 2)
GAP_MARK = "⚠"
#: the style of a weak point's mark, by its severity (as in `argmap gaps`)
SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "cyan", "info": "dim"}
MIN_TEXT_WIDTH = 20

Line = tuple[Segment, ...]


class FocusError(ValueError):
    """--focus named a claim the map does not have; the message suggests a near id."""


@dataclass(frozen=True)
class ViewOptions:
    """What to show: `depth` levels below the root shown (None: all), `focus` claim, sources table."""

    width: int = 100
    depth: int | None = None
    focus: str | None = None
    sources: bool = True


# --- wrapping (the algorithm is argmap.views.wrap's) ----------------------------------------------


def _words(text: str, style: str) -> list[Segment]:
    """User text as one segment: control characters made visible, whitespace runs made single spaces.

    In a segment given to `wrap_cells`, a space is a place to break the line; no-break spaces keep words
    together (they are printed as plain spaces).
    """
    text = visible(text, one_line=False)
    # Printable text has no whitespace but plain spaces; without doubled or outer ones it is already
    # normal (the usual case: no need to split a claim into words and join them again).
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = " ".join(text.split())
    return [(text, style)]


# --- the view --------------------------------------------------------------------------------------


class _ViewBuilder:
    def __init__(self, argmap: ArgMap, gaps: Sequence[Gap], options: ViewOptions) -> None:
        self.map = argmap
        self.options = options
        self.width = max(options.width, MIN_TEXT_WIDTH)
        self.numbers = {s.id: n for n, s in enumerate(argmap.source_index.values(), start=1)}
        # claim id -> (mark, style) of each weak point hitting it, worst first: `critical unanswered`
        # for a ranked gap (info ones are not marked), the bare kind for an unranked one
        self.claim_gaps: dict[str, list[tuple[str, str]]] = {}
        self.source_gaps: dict[str, Gap] = {}
        for gap in gaps:
            severity = gap.severity
            if severity is not None and severity is GapSeverity.INFO:
                continue
            if gap.source and "source-incomplete" in (gap.kinds or (gap.kind,)):
                self.source_gaps.setdefault(gap.source, gap)
            if severity is None:
                hit = [gap.claim] if gap.kind != "source-incomplete" and gap.claim else []
                mark = (gap.kind, "yellow")
            else:
                hit = hit_claims(argmap, gap)
                mark = (f"{severity}\u00a0{gap.kind}", SEVERITY_STYLE[str(severity)])
            for claim_id in hit:
                marks = self.claim_gaps.setdefault(claim_id, [])
                if mark not in marks:
                    marks.append(mark)
        self.printed: set[str] = set()
        self.pointers: list[tuple[int, str]] = []  # (line index, claim id) of each "→ see" line
        self.cited: set[str] = set()
        self.lines: list[Line] = []
        self.cells = CellWidths()  # for this view only

    def paragraph(self, first: Sequence[Segment], rest: str, tokens: Sequence[Segment]) -> None:
        """Wrapped tokens: the first line after `first`, the others after `rest` (of the same cell width)."""
        indent = sum([len(text) for text, _ in first])  # our own prefixes: one cell per character
        lines = wrap_cells(tokens, self.width - indent, cells=self.cells)
        append = self.lines.append
        append((*first, *lines[0]))
        if len(lines) > 1:
            prefix = (rest, "dim")
            for line in lines[1:]:
                append((prefix, *line))

    def claim_tokens(self, claim: Claim) -> list[Segment]:
        tokens: list[Segment] = [(visible(claim.id) + ":", "bold")]
        tokens += _words(claim.text, "")
        if claim.cites:
            numbers = self.numbers
            known = [c.source for c in claim.cites if c.source in numbers]
            self.cited.update(known)
            markers = "".join([f"[{n}]" for n in sorted({numbers[s] for s in known})])
            if len(known) < len(claim.cites):
                unknown = dict.fromkeys(c.source for c in claim.cites if c.source not in numbers)
                markers += "".join([f"[?{visible(u)}]" for u in unknown])
            tokens.append((markers, "cyan"))
        marks = self.claim_gaps.get(claim.id)
        if marks:  # kept on one line, in the style of the worst
            tokens.append((f"{GAP_MARK}\u00a0" + ",\u00a0".join(m for m, _ in marks), marks[0][1]))
        return tokens

    def walk(self, root: str, *, remaining: int | None, path: list[str] | None) -> None:
        """`root` and, below it, its children: each claim once, a pointer (→ see ID) where it recurs.

        Depth first with an explicit stack rather than recursion, so that no depth of nesting or chain
        of refs can exhaust Python's stack. A stack entry: (claim id, kind of the edge to it, guides,
        connector, last among its siblings, levels still to show, focus path below it, is a ref, the
        linked argument the edge belongs to).
        """
        stack: list[tuple[str, ClaimKind, str, str, bool, int | None, list[str] | None, bool, str | None]] = [
            (root, self.map.claim_index[root].kind, "", "", True, remaining, path, False, None)
        ]
        while stack:
            claim_id, kind, guides, connector, last, remaining, path, pointer, argument = stack.pop()
            # a premise, assumption or undercut of a linked argument names the argument first
            label = f"{ARGUMENT_MARK} {visible(argument)}" if argument else ""
            child_guides = guides + ("" if not connector else ("    " if last else "│   "))
            if pointer or claim_id in self.printed:
                glyph, style = GLYPHS[kind]
                self.pointers.append((len(self.lines), claim_id))
                self.lines.append(
                    (
                        (guides + connector, "dim"),
                        (glyph, style),
                        (" ", ""),
                        *([(label + " ", "dim")] if label else []),
                        (f"{POINTER} see {visible(claim_id)}", "dim"),
                    )
                )
                continue
            claim = self.map.claim_index[claim_id]
            self.printed.add(claim_id)
            edges: Sequence[Edge] = self.map.children(claim_id)
            if path:
                edges = [e for e in edges if e.child == path[0] and not e.ref][:1]
            shown = edges if remaining is None or remaining > 0 else ()
            hidden = 0 if shown or not edges else len(descendants(self.map, claim_id)) - 1
            bar = "│ " if shown or hidden else "  "
            glyph, style = GLYPHS[claim.kind]
            tokens = self.claim_tokens(claim)
            if label:  # the paragraph's first word (a no-break space keeps it one), so all lines wrap alike
                tokens.insert(0, (label.replace(" ", "\u00a0"), "dim"))
            self.paragraph(((guides + connector, "dim"), (glyph, style), (" ", "")), child_guides + bar, tokens)
            if hidden:
                self.lines.append(
                    (
                        (child_guides + "└── ", "dim"),
                        (f"… {hidden} more claim{'s' if hidden != 1 else ''} below", "dim"),
                    )
                )
            below = None if remaining is None else remaining - 1
            rest = path[1:] if path else None
            # Pushed last child first, so that the first child is shown next.
            for n in range(len(shown) - 1, -1, -1):
                edge = shown[n]
                last_child = n == len(shown) - 1
                stack.append(
                    (
                        edge.child,
                        edge.kind,
                        child_guides,
                        "└── " if last_child else "├── ",
                        last_child,
                        below,
                        rest,
                        edge.ref,
                        edge.argument,
                    )
                )

    def tree(self) -> None:
        self._tree()
        # With --focus or --depth a reference may point at a claim this view does not write out.
        for index, claim_id in self.pointers:
            if claim_id not in self.printed:
                *head, (text, style) = self.lines[index]
                self.lines[index] = (*head, (f"{text} (not in this view)", style))

    def _tree(self) -> None:
        focus = self.options.focus
        thesis = self.map.thesis if self.map.thesis in self.map.claim_index else None
        if focus is not None:
            # a thesis whose text could not be read is not in the index: the path starts below it
            path = [c for c in path_to_thesis(self.map, focus) if c in self.map.claim_index]
            self.walk(
                path[0],
                remaining=None if self.options.depth is None else self.options.depth + len(path) - 1,
                path=path[1:],
            )
            return
        theses = [t for t in self.map.thesis_ids if t in self.map.claim_index]
        if len(theses) > 1:
            # rival positions (format 2's `theses:`): each its own tree, headed by whom it contends with
            for number, root in enumerate(theses, 1):
                if number > 1:
                    self.lines.append(())
                self.lines.append(self.position_heading(root, number, theses))
                self.walk(root, remaining=self.options.depth, path=None)
        elif thesis:
            self.walk(thesis, remaining=self.options.depth, path=None)
        if self.options.depth is None:
            # Claims not below the thesis (a broken map): shown too, so that nothing is hidden.
            stray = [c for c in self.map.claim_index.values() if c.id not in self.printed]
            if stray:
                self.lines.append(())
                where = "any thesis" if len(theses) > 1 else "the thesis"
                self.lines.append(((f"not connected to {where}:", "bold"),))
                for claim in stray:
                    if claim.id not in self.printed:
                        self.walk(claim.id, remaining=None, path=None)

    def position_heading(self, root: str, number: int, theses: Sequence[str]) -> Line:
        """The line above a rival position's tree: "Position 2 of 3 · rival of a, b", its rivals being
        the other theses it attacks or is attacked by."""
        rivals = [
            other
            for other in theses
            if other != root
            and any(
                e.attacks and {e.child, e.parent} == {root, other}
                for e in (*self.map.children(root), *self.map.children(other))
            )
        ]
        heading: list[Segment] = [(f"Position {number} of {len(theses)}", "bold")]
        if rivals:
            heading.append((" · rival of " + ", ".join(visible(r) for r in rivals), "dim"))
        return tuple(heading)

    def source_table(self, *, restricted: bool) -> None:
        rows = [s for s in self.map.source_index.values() if not restricted or s.id in self.cited]
        if not rows:
            return
        self.lines.append(())
        self.lines.append((("Sources", "bold underline"),))
        for source in rows:
            number = f"[{self.numbers[source.id]}]"
            first = f"{number:>5} "
            self.paragraph(((first, "dim"),), " " * len(first), self.source_tokens(source))

    def source_tokens(self, source: Source) -> list[Segment]:
        tokens: list[Segment] = [(visible(source.id) + ":", "bold")]
        tokens += _words(source.title or "(untitled)", "")
        if source.kind:
            tokens.append((f"({visible(source.kind)})", "dim"))
        facts = [", ".join(x for x in (source.author, source.publisher, source.date) if x)]
        facts += [source.url or "", f"via {source.via}" if source.via else "", "anonymous" if source.anonymous else ""]
        for fact in (f for f in facts if f):
            tokens += _words("· " + fact, "")
        gap = self.source_gaps.get(source.id)
        if gap is not None:
            missing = ",\u00a0".join(f"no {m}" for m in missing_fields(source)).replace(" ", "\u00a0")
            severity = "" if gap.severity is None else f"{gap.severity}\u00a0"
            style = "yellow" if gap.severity is None else SEVERITY_STYLE[str(gap.severity)]
            tokens.append((f"{GAP_MARK}\u00a0{severity}" + missing, style))
        return tokens


def _gap_count(gaps: Sequence[Gap]) -> str:
    """`12 gaps` for unranked gaps; `26 weak points (12 critical, 4 major)` for ranked ones."""
    if not gaps or all(g.severity is None for g in gaps):
        return f"{len(gaps)} gap{'s' if len(gaps) != 1 else ''}"
    worst = [f"{n} {s}" for s in ("critical", "major") if (n := sum(1 for g in gaps if str(g.severity) == s))]
    head = f"{len(gaps)} weak point{'s' if len(gaps) != 1 else ''}"
    return head + (f" ({', '.join(worst)})" if worst else "")


def header_lines(argmap: ArgMap, gaps: Sequence[Gap], coverage: Coverage, width: int) -> list[Line]:
    """Title, counts per kind, coverage and the glyph legend, wrapped to `width`."""
    counts = {kind: 0 for kind in ClaimKind}
    for claim in argmap.claim_index.values():
        counts[claim.kind] += 1
    plural = {ClaimKind.THESIS: "theses"}
    parts = [
        f"{n} {kind.value if n == 1 else plural.get(kind, kind.value + 's')}"
        for kind, n in counts.items()
        if n or kind is ClaimKind.THESIS
    ]
    total = sum(counts.values())
    n_sources = len(argmap.source_index)
    summary = (
        f"{total} claim{'s' if total != 1 else ''}: {', '.join(parts)}; "
        f"{n_sources} source{'s' if n_sources != 1 else ''}; {_gap_count(gaps)}"
    )
    # format 2's kinds join the legend only in maps that have them
    legend = "  ".join(f"{g} {k.value}" for k, (g, _) in GLYPHS.items() if k in FORMAT1_KINDS or counts[k])
    if argmap.arguments:
        legend += f"  {ARGUMENT_MARK} linked argument"
    legend += f"  {POINTER} reference  [n] source  {GAP_MARK} gap"
    lines: list[Line] = []
    for text, style in (
        (argmap.title or "(untitled map)", "bold"),
        (summary, ""),
        (coverage.summary(), ""),
        (legend, "dim"),
    ):
        for line in wrap_cells(_words(text, style), max(width, MIN_TEXT_WIDTH)):
            lines.append(tuple(line))
    return lines


def check_focus(argmap: ArgMap, focus: str) -> None:
    """Raise FocusError unless `focus` is a claim id of the map."""
    if focus in argmap.claim_index:
        return
    from argmap.text.suggest import did_you_mean

    raise FocusError(f"no claim with id '{visible(focus)}'{did_you_mean(focus, argmap.claim_index)}")


def build_view(argmap: ArgMap, *, gaps: Sequence[Gap], coverage: Coverage, options: ViewOptions) -> list[Line]:
    """The whole view as lines of (text, style) segments. Raises FocusError for an unknown --focus."""
    if options.focus is not None:
        check_focus(argmap, options.focus)
    builder = _ViewBuilder(argmap, gaps, options)
    lines = header_lines(argmap, gaps, coverage, options.width)
    lines.append(())
    builder.tree()
    if options.sources:
        builder.source_table(restricted=options.focus is not None or options.depth is not None)
    return lines + builder.lines


def plain_text(lines: Iterable[Line]) -> str:
    """The view without styles: what a pipe or a file gets."""
    return "".join(["".join([text for text, _ in line]).rstrip() + "\n" for line in lines])


def print_view(lines: Sequence[Line]) -> None:
    """On a terminal, styled through rich (NO_COLOR honoured by rich); otherwise plain text."""
    from argmap.reports.terminal import may_be_terminal

    if not may_be_terminal():  # the common piped case: no need to import rich at all
        _write_plain(plain_text(lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, emoji=False, markup=False, soft_wrap=True)
    if not console.is_terminal:
        _write_plain(plain_text(lines))
        return
    for line in lines:
        text = Text(no_wrap=True, end="\n")
        for segment, style in _runs(line):
            text.append(segment, style=style or None)
        console.print(text)


def _runs(line: Line) -> list[Segment]:
    """Adjacent segments of one style merged (a space between two words of a style takes that style)."""
    runs: list[list[str]] = []
    for n, (text, style) in enumerate(line):
        if text == " " and not style and 0 < n < len(line) - 1 and line[n - 1][1] == line[n + 1][1]:
            style = line[n - 1][1]
        if runs and runs[-1][1] == style:
            runs[-1][0] += text
        else:
            runs.append([text, style])
    return [(text, style) for text, style in runs]


def _write_plain(text: str) -> None:
    import sys

    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    data = text.encode(encoding, errors="backslashreplace")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
