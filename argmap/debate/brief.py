"""Debate briefs: a map turned into preparation material, as Markdown or self-contained HTML.

`build_brief` reads the model (plus eval's labels and gaps' findings) and returns a small document:
a flat list of blocks (headings, paragraphs, quotes, list items with a nesting level) made of
inline pieces. `to_markdown` and `to_html` are the only places that turn it into text, and each
escapes every piece of map text for its format there, once: user text never becomes markup, and
only http(s) URLs become links. See docs/brief.md.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from argmap.analysis.evaluate import Evaluation
from argmap.analysis.gaps import Gap
from argmap.analysis.sides import FOR, Side, sides, stance_toward
from argmap.findings import GapSeverity
from argmap.graph import descendants
from argmap.model import ArgMap, Citation, Claim, ClaimKind, quick_init
from argmap.text.markup import md_escape
from argmap.text.safe import shorten, visible
from argmap.text.urls import safe_url as checked_url

SIDES = ("for", "against")
LENGTHS = ("full", "short")
#: the relations that attack the claim (or the step) they are written under
_ATTACK_KINDS = frozenset({ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT})
#: at most this many cross-examination questions (one per ranked weak point, the worst first)
MAX_QUESTIONS = 15
SHORT_QUESTIONS = 6
#: at most this many ranked weak points listed (a count of the rest follows)
MAX_WEAK_POINTS = 15
SHORT_WEAK_POINTS = 6
#: how deep the lists of supporters nest; a chain thousands of claims deep, indented in full, made
#: the brief quadratic in its length
MAX_NESTING = 30
#: the tags that set a counterpoint apart in the blocks: raised by the text itself, or a standard objection
TAG_LABELS = {"conceded": "CONCEDED BY THE TEXT", "objection": "objection"}


# --- the document ---------------------------------------------------------------------------------
# Blocks and styled pieces keep their fields in slots and are built by quick_init: a brief of a
# 10k-claim map holds some 30,000 blocks and 40,000 styled pieces.


@quick_init
@dataclass(frozen=True, slots=True)
class Strong:
    text: str


@quick_init
@dataclass(frozen=True, slots=True)
class Code:
    """A claim or source id."""

    text: str


@quick_init
@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


@quick_init
@dataclass(frozen=True, slots=True)
class Alarm:
    """A mark that must stand out on paper (NO PREPARED ANSWER)."""

    text: str


Inline = str | Strong | Code | Link | Alarm


@quick_init
@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    inlines: tuple[Inline, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Para:
    inlines: tuple[Inline, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Quote:
    inlines: tuple[Inline, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Item:
    """A list item; consecutive items form one list, `level` 0 is the outermost."""

    level: int
    inlines: tuple[Inline, ...]


Block = Heading | Para | Quote | Item


# --- building it from the map --------------------------------------------------------------------


def build_brief(
    argmap: ArgMap,
    *,
    side: str,
    evaluation: Evaluation,
    gaps: Sequence[Gap],
    thesis_id: str | None = None,
    length: str = "full",
) -> list[Block]:
    """The brief for `side` ("for" defends the thesis, "against" attacks it), as blocks. `gaps` are
    the ranked gaps of `argmap gaps` (argmap.analysis.ranking), worst first. With several theses,
    `thesis_id` names the one the brief is about (default: the first). `length` "short" keeps each
    line of argument and each attack to one line and fewer weak points and questions."""
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}")
    if length not in LENGTHS:
        raise ValueError(f"length must be one of {LENGTHS}")
    short = length == "short"
    against = side == "against"
    out: list[Block] = []
    chosen = thesis_id or argmap.thesis
    thesis = argmap.claim(chosen) if chosen else None
    title = argmap.title or "untitled map"
    out.append(Heading(1, (f"Debate brief: {title}",)))
    out.append(
        Para(
            (
                "Side: ",
                Strong("against the thesis" if against else "for the thesis"),
                ". Labels (stands, falls, undecided) are those of argmap eval.",
            )
        )
    )
    out.append(Heading(2, ("The thesis you attack" if against else "Thesis",)))
    if thesis is None:
        out.append(Para(("The map has no thesis.",)))
    else:
        out.append(Quote((thesis.text,)))
        out.append(Para((Code(thesis.id), " — ", _verdict(evaluation, thesis.id))))
    out += _outline(argmap, evaluation, against, short=short)
    out += _blocks(argmap, evaluation, against, chosen, short=short)
    out += _weak_points(argmap, gaps, against, limit=SHORT_WEAK_POINTS if short else MAX_WEAK_POINTS, short=short)
    out += _questions(argmap, gaps, against, limit=SHORT_QUESTIONS if short else MAX_QUESTIONS)
    out += _bibliography(argmap)
    return out


def _verdict(evaluation: Evaluation, claim_id: str) -> str:
    verdict = evaluation.verdict(claim_id)
    return verdict.reason if verdict else "not evaluated"


def _label(evaluation: Evaluation, claim_id: str) -> str:
    return evaluation.label(claim_id) or "?"


def _evidence(argmap: ArgMap, cite: Citation) -> tuple[Inline, ...]:
    """A citation as the outline and blocks show it: the quote and the source's id, the short label
    the bibliography gives in full."""
    parts: list[Inline] = []
    if cite.quote:
        parts += ["“", cite.quote, "” — "]
    parts.append(Code(cite.source))
    if cite.locator:
        parts.append(f", {cite.locator}")
    if not cite.quote and not cite.locator:
        parts.append(", no quote or locator")
    return tuple(parts)


def _claim_items(
    argmap: ArgMap, evaluation: Evaluation, claim: Claim, level: int, shown: dict[str, str], *, place: str = ""
) -> list[Block]:
    """The evidence of `claim`, then its supporters with theirs, depth first (iterative). `shown`
    maps each claim already written out to the place it was written (`place` names this one): a
    claim met again gets a pointer instead of its subtree."""
    out: list[Block] = []
    todo: list[tuple[str, int, ClaimKind | None]] = [(claim.id, level, None)]
    while todo:
        claim_id, depth, kind = todo.pop()
        current = argmap.claim(claim_id)
        if current is None:
            continue
        # items deeper than MAX_NESTING stay at that level and carry their depth instead
        shown_at = min(depth, MAX_NESTING)
        if kind is not None:
            head: list[Inline] = [Strong(str(kind)), " ", Code(claim_id), f" ({_label(evaluation, claim_id)}): "]
            if depth > MAX_NESTING:
                head.insert(0, f"[depth {depth}] ")
            if claim_id in shown:
                out.append(Item(shown_at, (*head, shorten(current.text, 80), _pointer(shown[claim_id], place))))
                continue
            out.append(Item(shown_at, (*head, current.text)))
            depth += 1
            shown_at = min(depth, MAX_NESTING)
        shown.setdefault(claim_id, place)
        if current.kind is ClaimKind.CORRELATION and current.between:
            out.append(Item(shown_at, ("Correlation between: " + "; ".join(current.between),)))
        for cite in current.cites:
            out.append(Item(shown_at, ("Evidence: ", *_evidence(argmap, cite))))
        if not current.cites:
            out.append(Item(shown_at, (Alarm("NO EVIDENCE"), " in the map")))
        for edge in reversed(argmap.supporters(claim_id)):
            todo.append((edge.child, depth, edge.kind))
    return out


def _pointer(written: str, here: str) -> str:
    """What stands for a subtree written out before: in this part, or in an earlier block."""
    return " (see above)" if written == here else f" (see {written} above)"


def _outline(argmap: ArgMap, evaluation: Evaluation, against: bool, *, short: bool) -> list[Block]:
    out: list[Block] = [Heading(2, ("The case you face" if against else "Case outline",))]
    thesis = argmap.thesis_claim
    lines = argmap.supporters(thesis.id) if thesis else ()
    if not lines:
        out.append(Para(("No line of argument supports the thesis.",)))
    shown: dict[str, str] = {thesis.id: ""} if thesis else {}
    for number, edge in enumerate(lines, 1):
        claim = argmap.claim(edge.child)
        if claim is None:
            continue
        if short:
            below = len(descendants(argmap, claim.id)) - 1
            more = f" ({below} claim{'s' if below != 1 else ''} below)" if below > 0 else ""
            out.append(
                Item(
                    0,
                    (
                        Code(claim.id),
                        f" ({edge.kind}, {_label(evaluation, claim.id)}): ",
                        shorten(claim.text, 110),
                        more,
                    ),
                )
            )
            continue
        out.append(Heading(3, (f"Line {number}: ", Code(claim.id), f" ({edge.kind}, {_label(evaluation, claim.id)})")))
        out.append(Para((claim.text,)))
        if claim.id in shown:
            out.append(Para(("Written out above.",)))
            continue
        out += _claim_items(argmap, evaluation, claim, 0, shown)
    return out


def _tags(argmap: ArgMap, claim: Claim, claim_sides: Mapping[str, Side], thesis: str | None) -> list[Inline]:
    """What sets an attack apart: `conceded` (by the text's own words) and `objection` tags, and in
    format 2 the side it is on."""
    parts: list[Inline] = []
    for tag in claim.tags:
        label = TAG_LABELS.get(tag)
        if label is not None:
            parts += [" ", Alarm(label) if tag == "conceded" else Strong(f"[{label}]")]
    if argmap.version >= 2 and thesis is not None:
        stance = stance_toward(claim_sides, claim.id, thesis)
        if stance is not None:
            parts.append(f" [side: {stance} the thesis]")
    return parts


def _blocks(argmap: ArgMap, evaluation: Evaluation, against: bool, thesis: str | None, *, short: bool) -> list[Block]:
    out: list[Block] = [Heading(2, ("Lines of attack" if against else "Blocks",))]
    out.append(
        Para(
            (
                "Every counterpoint in the map, with the rebuttals the defender will answer with."
                if against
                else "Every counterpoint the other side may raise, with the prepared answers.",
            )
        )
    )
    # the attacks made against the thesis's side: counterpoints and undercuts whose side is against
    # it (a counterpoint the thesis's own side raises against the other side's case is not one)
    claim_sides = sides(argmap)
    counterpoints = [
        c
        for c in argmap.claim_index.values()
        if any(e.kind in _ATTACK_KINDS for e in argmap.parents_index.get(c.id, ()))
        and (thesis is None or stance_toward(claim_sides, c.id, thesis) != FOR)
    ]
    if not counterpoints:
        out.append(Para(("The map records no counterpoint.",)))
    # the claims written out in full in any block so far: a subtree shared by several blocks is
    # written once and pointed to after that (written in every block, n blocks sharing a subtree of
    # n claims made n * n lines)
    shown: dict[str, str] = {}
    for number, claim in enumerate(counterpoints, 1):
        word = "Attack" if against else "Block"
        tags = _tags(argmap, claim, claim_sides, thesis)
        if short:
            answered = bool(argmap.attackers(claim.id))
            targets = [e.parent for e in argmap.parents_index.get(claim.id, ()) if e.kind in _ATTACK_KINDS]
            out.append(
                Item(
                    0,
                    (
                        Code(claim.id),
                        f" ({_label(evaluation, claim.id)})",
                        *tags,
                        " against ",
                        *_joined([Code(t) for t in targets[:2]]),
                        ": ",
                        shorten(claim.text, 70),
                        " — ",
                        ("answered: " if answered else ""),
                        *(
                            _joined([Code(e.child) for e in argmap.attackers(claim.id)[:2]])
                            if answered
                            else (Alarm("NO PREPARED ANSWER"),)
                        ),
                    ),
                )
            )
            continue
        out.append(Heading(3, (f"{word} {number}: ", Code(claim.id), f" ({_label(evaluation, claim.id)})", *tags)))
        out.append(Para(("Raise: " if against else "They say: ", claim.text)))
        for edge in argmap.parents_index.get(claim.id, ()):
            if edge.kind in _ATTACK_KINDS:
                target = argmap.claim(edge.parent)
                out.append(Item(0, ("Against ", Code(edge.parent), ": ", shorten(target.text if target else "", 100))))
        for cite in claim.cites:
            out.append(Item(0, ("Your evidence: " if against else "Their evidence: ", *_evidence(argmap, cite))))
        answers = argmap.attackers(claim.id)
        if not answers:
            out.append(
                Para(
                    (
                        Alarm("NO PREPARED ANSWER"),
                        " — the map records no rebuttal: press this point."
                        if against
                        else " — the map records no rebuttal: prepare one, with a source.",
                    )
                )
            )
            continue
        out.append(Para(("The defender will answer with:" if against else "Answer with:",)))
        place = f"{word} {number}"
        shown.setdefault(claim.id, place)
        for edge in answers:
            answer = argmap.claim(edge.child)
            if answer is None:
                continue
            head = (Strong(str(edge.kind)), " ", Code(answer.id), f" ({_label(evaluation, answer.id)}): ")
            if answer.id in shown:
                out.append(Item(0, (*head, shorten(answer.text, 80), _pointer(shown[answer.id], place))))
                continue
            out.append(Item(0, (*head, answer.text)))
            out += _claim_items(argmap, evaluation, answer, 1, shown, place=place)
    return out


def _joined(pieces: Sequence[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for n, piece in enumerate(pieces):
        if n:
            out.append(", ")
        out.append(piece)
    return out


def _sentence(text: str) -> str:
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _weak_points(argmap: ArgMap, gaps: Sequence[Gap], against: bool, *, limit: int, short: bool) -> list[Block]:
    """The ranked weak points of `argmap gaps`, worst first (info left out), at most `limit`, then a
    count of the rest; `short` gives each its reason only, shortened."""
    out: list[Block] = [Heading(2, ("Weak points to exploit" if against else "Weak points to shore up",))]
    listed = [g for g in gaps if g.severity is not None and g.severity > GapSeverity.INFO]
    if not listed:
        out.append(Para(("argmap gaps finds no weak point in the case.",)))
    for gap in listed[:limit]:
        head: tuple[Inline, ...] = (Strong(f"{gap.severity} {gap.kind}"), f" (weak point {gap.rank}): ")
        if short:
            out.append(Item(0, (*head, shorten(gap.reason, 120))))
            continue
        fix = " The defender would need to: " if against else " Fix: "
        out.append(Item(0, (*head, _sentence(gap.reason), fix, _sentence(gap.fix))))
    rest = len(listed) - limit
    if rest > 0:
        out.append(Para((f"And {rest} more weak point{'s' if rest != 1 else ''}: run argmap gaps for every one.",)))
    return out


def _question(argmap: ArgMap, gap: Gap, *, width: int) -> tuple[Inline, ...] | None:
    """The one cross-examination question a ranked weak point gives (None for one that gives none)."""
    claim = argmap.claim(gap.claim) if gap.claim else None
    text = shorten(claim.text, width) if claim else ""
    source = argmap.source(gap.source) if gap.source else None
    if gap.kind == "unanswered" and claim is not None:
        return ("“", text, "”: what is the answer? The map has none.")
    if gap.kind == "open-question":
        head, _, question = gap.reason.partition(" open: ")
        return (question, " — ", head.replace(" leaves the critical question", ": critical question"))
    if gap.kind == "correlation-only" and claim is not None:
        return ("Is “", text, "” more than a correlation? What shows that one causes the other?")
    if gap.kind == "unchallenged-load-bearing" and claim is not None:
        return ("What if “", text, "” is false? Nothing else holds the case up there.")
    if gap.kind == "unstated-assumption" and claim is not None:
        return ("The argument assumes, without saying so, that “", text, "”. Is that so?")
    if gap.kind == "no-quote" and claim is not None and source is not None:
        # a citation without quote or locator: where the source says it is what to ask
        return ("Where exactly does “", source.title or source.id, "” say that “", text, "”?")
    if source is not None and source.id != argmap.analyses:
        if source.anonymous:
            return ("Who exactly is behind “", source.title, "”? Can they be named, and who checked them?")
        if gap.kind == "single-source":
            return ("Is there any evidence for “", text, "” that does not come from “", source.title, "”?")
        return ("Where can “", source.title, "” itself be read? Nothing but the text reports it.")
    if gap.claims and "unsupported" in gap.kinds and len(gap.claims) > 1:
        return (
            "Where do the figures and names come from (",
            *_joined([Code(c) for c in gap.claims[:4]]),
            *((" and more",) if len(gap.claims) > 4 else ()),
            ")? Who counted them, and when?",
        )
    if claim is not None:
        return ("What is the source for “", text, "”? Can it be checked independently?")
    return None


def _questions(argmap: ArgMap, gaps: Sequence[Gap], against: bool, *, limit: int) -> list[Block]:
    """One question per ranked weak point, the worst first (info left out), at most `limit`: no two
    questions are about the same cause."""
    out: list[Block] = [
        Heading(2, ("Cross-examination questions to ask" if against else "Cross-examination questions to expect",))
    ]
    count = 0
    for gap in gaps:
        if count == limit:
            break
        if gap.severity is None or gap.severity is GapSeverity.INFO:
            continue
        ask = _question(argmap, gap, width=60 if limit <= SHORT_QUESTIONS else 90)
        if ask is None:
            continue
        by_source = gap.source is not None and gap.source != argmap.analyses and gap.kind != "unanswered"
        subject = gap.source if by_source else gap.claim
        out.append(Item(0, (*ask, " (", Code(subject or ""), f"; weak point {gap.rank})")))
        count += 1
    if not count:
        out.append(Para(("No weak claim to question.",)))
    return out


def _bibliography(argmap: ArgMap) -> list[Block]:
    out: list[Block] = [Heading(2, ("Bibliography",))]
    cited = {cite.source for _, cite in argmap.iter_citations()}
    sources = [s for s in argmap.source_index.values() if s.id in cited]
    if not sources:
        out.append(Para(("The map cites no source.",)))
    for source in sources:
        parts: list[Inline] = [Strong(source.title or source.id), " (", Code(source.id), ")"]
        details = [d for d in (source.author, source.publisher, source.date) if d]
        if details:
            parts.append(". " + ", ".join(details))
        if source.url:
            parts += [". ", Link(source.url, source.url)]
        if source.via:
            parts += [". Known only through ", Code(source.via)]
        if source.anonymous:
            parts.append(". Anonymous")
        parts.append(".")
        out.append(Item(0, tuple(parts)))
    return out


# --- rendering ------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


def _flat(text: str) -> str:
    """One line: control characters made visible, runs of whitespace (newlines too) one space."""
    return _SPACES.sub(" ", visible(text, one_line=False))


def safe_url(url: str) -> str | None:
    """The URL percent-encoded for use as a link, or None unless it is a plain http(s) URL."""
    checked = checked_url(url)
    return None if checked is None else quote(checked, safe="/:?#[]@!$&*+,;=%-._~")


def _md_strong(piece: Strong) -> str:
    return f"**{md_escape(piece.text)}**" if piece.text.strip() else ""


def _md_alarm(piece: Alarm) -> str:
    return f"**{md_escape(piece.text)}**"


def _md_code(piece: Code) -> str:
    return f"`{piece.text}`" if _SLUG.fullmatch(piece.text) else md_escape(piece.text)


def _md_link(piece: Link) -> str:
    url = safe_url(piece.url)
    return f"[{md_escape(piece.text)}]({url})" if url else md_escape(piece.text)


#: how each kind of inline piece is written in Markdown, found by its exact type (one dict lookup a
#: piece: a brief of 10k claims has over 100,000 of them)
_MD_PIECES: dict[type, Callable[[Any], str]] = {
    str: md_escape,
    Strong: _md_strong,
    Alarm: _md_alarm,
    Code: _md_code,
    Link: _md_link,
}


def to_markdown(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    pieces = _MD_PIECES
    last = len(blocks) - 1
    for i, block in enumerate(blocks):
        text = "".join([pieces[type(p)](p) for p in block.inlines])
        if isinstance(block, Item):
            lines.append("  " * block.level + "- " + text)
            if i == last or not isinstance(blocks[i + 1], Item):  # a list ends with a blank line
                lines.append("")
        elif isinstance(block, Heading):
            lines += ["#" * block.level + " " + text, ""]
        elif isinstance(block, Quote):
            lines += ["> " + text, ""]
        else:
            lines += [text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _h(text: str) -> str:
    return html.escape(_flat(text), quote=True)


def _html_inline(piece: Inline) -> str:
    if isinstance(piece, str):
        return _h(piece)
    if isinstance(piece, Strong):
        return f"<strong>{_h(piece.text)}</strong>"
    if isinstance(piece, Alarm):
        return f'<strong class="alarm">{_h(piece.text)}</strong>'
    if isinstance(piece, Code):
        return f"<code>{_h(piece.text)}</code>"
    url = safe_url(piece.url)
    return f'<a href="{html.escape(url, quote=True)}">{_h(piece.text)}</a>' if url else _h(piece.text)


CSS = """\
body{font:16px/1.45 Georgia,"Times New Roman",serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #999;margin-top:1.8em}\
h3{font-size:1.05em;margin-bottom:.3em}
blockquote{margin:.5em 0;padding:.3em 1em;border-left:4px solid #555;background:#f4f4f4}
code{font:.85em/1 Menlo,Consolas,monospace;background:#eee;padding:0 .2em}
ul{margin:.2em 0 .6em;padding-left:1.4em}li{margin:.15em 0}
.alarm{color:#a00000;border:2px solid #a00000;padding:0 .3em;letter-spacing:.03em}
a{color:#0645ad}
@media print{body{font-size:11pt;max-width:none;margin:0}a{color:inherit;text-decoration:none}
a[href]::after{content:" <" attr(href) ">";font-size:.85em;word-break:break-all}
h2,h3{break-after:avoid}li,blockquote,p{break-inside:avoid}.alarm{border-width:3px}}
"""


def to_html(blocks: Sequence[Block], *, title: str) -> str:
    """One self-contained page: inline CSS, no scripts, no external resources."""
    body: list[str] = []
    depth = -1
    for block in blocks:
        inner = "".join(_html_inline(p) for p in block.inlines)
        if isinstance(block, Item):
            level = min(block.level, depth + 1)
            if level > depth:
                body.append("<ul>" if depth < 0 else "\n<ul>")
            elif level == depth:
                body.append("</li>")
            else:
                body.append("</li>" + "</ul></li>" * (depth - level))
            body.append(f"\n<li>{inner}")
            depth = level
            continue
        if depth >= 0:
            body.append("</li>" + "</ul></li>" * depth + "</ul>\n")
            depth = -1
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{inner}</h{block.level}>\n")
        elif isinstance(block, Quote):
            body.append(f"<blockquote><p>{inner}</p></blockquote>\n")
        else:
            body.append(f"<p>{inner}</p>\n")
    if depth >= 0:
        body.append("</li>" + "</ul></li>" * depth + "</ul>\n")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n" + "".join(body) + "</body>\n</html>\n"
    )
