"""Drill: practice answering the other side, in the terminal, with what was missed asked first next time.

`drill_items` turns a map into prompts (a counterpoint to answer, a premise whose evidence to name,
or, for the attacking side, a claim to attack) with what the map prepared for each. `order_items`
puts the items missed last time first and shuffles the rest reproducibly. `run_session` plays them
through an injectable `DrillIO` (so tests drive it with plain strings), and `load_state` /
`save_state` keep the small JSON state file. See docs/drill.md.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.model import ArgMap, Citation, ClaimKind
from argmap.text.safe import shorten

STATE_VERSION = 1


@dataclass(frozen=True)
class DrillItem:
    """One prompt. `key` is stable across runs ("counter:ID", "evidence:ID", "attack:ID")."""

    key: str
    claim: str
    prompt: str
    text: str
    prepared: tuple[str, ...]
    none_prepared: str


@dataclass
class SessionResult:
    """What happened: item keys covered and missed, in the order they were asked, and those answered
    where the map prepared nothing to check the answer against (`unprepared`, scored apart)."""

    covered: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    interrupted: bool = False
    unprepared: list[str] = field(default_factory=list)

    @property
    def asked(self) -> int:
        """Items scored: covered or missed (the unprepared ones are counted apart)."""
        return len(self.covered) + len(self.missed)


def _evidence_line(argmap: ArgMap, cite: Citation) -> str:
    source = argmap.source(cite.source)
    title = source.title if source and source.title else cite.source
    quote = f"“{cite.quote}” — " if cite.quote else ""
    locator = f", {cite.locator}" if cite.locator else ""
    return f"{quote}{title}{locator}"


def drill_items(argmap: ArgMap, *, side: str, focus: str | None = None, thesis: str | None = None) -> list[DrillItem]:
    """The items for `side`, in document order; with `focus`, only those at or below that claim.
    The other side's attacks are those whose side is against `thesis` (default: the first thesis)."""
    from argmap.analysis.sides import FOR, sides, stance_toward
    from argmap.graph import descendants

    chosen = thesis or argmap.thesis
    claim_sides = sides(argmap)

    allowed = set(descendants(argmap, focus)) if focus else None
    items: list[DrillItem] = []
    for claim in argmap.claim_index.values():
        if allowed is not None and claim.id not in allowed:
            continue
        attacks = [
            e for e in argmap.parents_index.get(claim.id, ()) if e.kind in (ClaimKind.COUNTERPOINT, ClaimKind.UNDERCUT)
        ]
        if attacks and chosen is not None and stance_toward(claim_sides, claim.id, chosen) == FOR:
            attacks = []  # the defender's own attack on the other side's case: not theirs to answer
        if side == "for":
            if attacks:
                answers = []
                for edge in argmap.attackers(claim.id):
                    answer = argmap.claim(edge.child)
                    if answer is not None:
                        answers.append(f"{answer.id}: {answer.text}")
                        answers += [f"  evidence: {_evidence_line(argmap, c)}" for c in answer.cites]
                items.append(
                    DrillItem(
                        f"counter:{claim.id}",
                        claim.id,
                        "The other side says:",
                        claim.text,
                        tuple(answers),
                        "The map has NO PREPARED ANSWER to this.",
                    )
                )
            elif claim.kind in (ClaimKind.PREMISE, ClaimKind.CORRELATION):
                evidence = tuple(_evidence_line(argmap, c) for c in claim.cites)
                items.append(
                    DrillItem(
                        f"evidence:{claim.id}",
                        claim.id,
                        "What is your evidence that:",
                        claim.text,
                        evidence,
                        "The map cites NO EVIDENCE for this.",
                    )
                )
        elif not claim.kind.attacks:
            lines = []
            for edge in argmap.attackers(claim.id):
                counter = argmap.claim(edge.child)
                if counter is not None and edge.kind is ClaimKind.COUNTERPOINT:
                    answered = " (the defender has a rebuttal)" if argmap.attackers(counter.id) else " (unanswered)"
                    lines.append(f"{counter.id}{answered}: {counter.text}")
            if lines:
                items.append(
                    DrillItem(
                        f"attack:{claim.id}",
                        claim.id,
                        "The defender claims:",
                        claim.text,
                        tuple(lines),
                        "The map records no attack on this.",
                    )
                )
    if side == "for":
        items += _question_items(argmap, allowed)
    return items


def _question_items(argmap: ArgMap, allowed: set[str] | None) -> list[DrillItem]:
    """A drill item per critical question of each argument's scheme (format 2) that the other side
    has not raised: what the map answers it with, or that it leaves it open."""
    if not argmap.arguments:
        return []
    from argmap.schemes import SCHEMES

    raised_against: dict[str, set[str]] = {}  # argument id -> the questions its attackers raise
    for claim in argmap.claim_index.values():
        if claim.raises:
            target = argmap.questioned_argument(claim)
            if target is not None:
                raised_against.setdefault(target, set()).add(claim.raises)
    items = []
    for argument in argmap.argument_index.values():
        scheme = SCHEMES.get(argument.scheme or "")
        if scheme is None or (allowed is not None and argument.conclusion not in allowed):
            continue
        members = [argmap.claim(m) for m in (*argument.premises, *argument.assumptions)]
        raised = raised_against.get(argument.id, set())
        for question in scheme.questions:
            if question.id in raised:  # the other side presses it: drilled as their attack
                continue
            answers = [f"{c.id}: {c.text}" for c in members if c is not None and c.answers == question.id]
            items.append(
                DrillItem(
                    f"question:{argument.id}:{question.id}",
                    argument.conclusion,
                    f"They ask ({scheme.name.lower()}, argument '{argument.id}'):",
                    question.text,
                    tuple(answers),
                    "The map leaves this critical question OPEN.",
                )
            )
    return items


def order_items(
    items: Sequence[DrillItem], *, missed: Sequence[str] = (), seed: int | None = None, count: int | None = None
) -> list[DrillItem]:
    """Items missed last time first (in the order recorded), then the rest shuffled by `seed`."""
    by_key = {item.key: item for item in items}
    first = [by_key[key] for key in dict.fromkeys(missed) if key in by_key]
    rest = [item for item in items if item.key not in set(missed)]
    random.Random(seed).shuffle(rest)
    ordered = first + rest
    return ordered[:count] if count is not None else ordered


class DrillIO:
    """What a session needs from its surroundings: `ask` returns None at end of input."""

    def __init__(self, ask: Callable[[str], str | None], say: Callable[[str, str], None]) -> None:
        self.ask = ask
        self.say = say  # (text, style): text is user text or ours; the caller keeps it inert


def wrap(text: str, width: int | None, *, indent: str = "") -> str:
    """`text` wrapped at `width` columns (None: not wrapped), every line after `indent`, the lines
    after the first two spaces further in. Words longer than a line are broken; the blank lines
    `text` starts with are kept."""
    if width is None:
        return indent + text
    import textwrap

    blank = text[: len(text) - len(text.lstrip("\n"))]
    text = text[len(blank) :]
    lead = indent + " " * (len(text) - len(text.lstrip(" ")))
    return blank + textwrap.fill(
        text.strip(" "),
        width=max(width, len(lead) + 20),
        initial_indent=lead,
        subsequent_indent=lead + "  ",
        break_on_hyphens=False,
    )


def run_session(items: Sequence[DrillItem], io: DrillIO, *, width: int | None = None) -> SessionResult:
    """Ask each item, show what the map prepared, record whether the answer covered it. Where the
    map prepared nothing it says so and does not ask: the answer is scored apart (`unprepared`).
    Prompts and what the map prepared are wrapped at `width` columns.

    End of input or KeyboardInterrupt stops the session; what was asked so far is kept.
    """
    result = SessionResult()
    try:
        for number, item in enumerate(items, 1):
            io.say(wrap(f"\n[{number}/{len(items)}] {item.prompt}", width), "bold")
            io.say(wrap(item.text, width), "")
            answer = io.ask("Your answer (Enter to pass): ")
            if answer is None:
                result.interrupted = True
                break
            io.say("Prepared in the map:", "bold")
            for line in item.prepared or (item.none_prepared,):
                io.say(wrap(line, width, indent="  "), "" if item.prepared else "bold red")
            if not answer.strip():
                io.say("Passed: marked for review.", "yellow")
                result.missed.append(item.key)
                continue
            if not item.prepared:
                io.say("Nothing to check your answer against: it is scored apart.", "yellow")
                result.unprepared.append(item.key)
                continue
            covered = _yes_no(io, "Did your answer cover it? [y/n] ")
            if covered is None:
                result.interrupted = True
                break
            (result.covered if covered else result.missed).append(item.key)
    except KeyboardInterrupt:
        result.interrupted = True
    return result


def _yes_no(io: DrillIO, question: str) -> bool | None:
    while True:
        reply = io.ask(question)
        if reply is None:
            return None
        word = reply.strip().lower()
        if word in ("y", "yes"):
            return True
        if word in ("n", "no"):
            return False
        io.say("Please answer y or n.", "")


def summary(items: Sequence[DrillItem], result: SessionResult, *, width: int = 120) -> list[tuple[str, str]]:
    """The closing lines (text, style): the score, then the items to review, one line each of at
    most `width` columns (the claim's text shortened)."""
    apart = len(result.unprepared)
    lines = [
        (
            f"\nScore: {len(result.covered)}/{result.asked} covered"
            + (f"; {apart} answered with no prepared answer to check (scored apart)" if apart else "")
            + (" (session ended early)" if result.interrupted else ""),
            "bold",
        )
    ]
    by_key = {item.key: item for item in items}
    for title, keys in (("To review:", result.missed), ("No prepared answer in the map:", result.unprepared)):
        if keys:
            lines.append((title, "bold"))
            for key in keys:
                item = by_key.get(key)
                head = f"  {item.claim if item else key}: "
                lines.append((head + (shorten(item.text, max(30, width - len(head))) if item else ""), ""))
    return lines


# --- the state file -------------------------------------------------------------------------------


def state_path(environ: dict[str, str] | None = None) -> Path:
    """$XDG_STATE_HOME/argmap/drill.json, by default ~/.local/state/argmap/drill.json."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the spec says to use the default
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "argmap" / "drill.json"


def map_key(argmap: ArgMap, path: str) -> str:
    """The state key of a map: its resolved path, or its title when read from stdin."""
    return f"title:{argmap.title}" if path == "-" else f"path:{Path(path).resolve()}"


def load_state(path: Path) -> tuple[dict[str, object], str | None]:
    """(state, warning). A missing file is an empty state; a corrupt one too, with a warning: one
    that cannot be read, is not a regular file (a FIFO is never waited on), is too large, or is
    nested too deeply."""
    from argmap.debate.drill_state import StateUnreadable, read_state_text

    empty: dict[str, object] = {"version": STATE_VERSION, "maps": {}}
    try:
        text = read_state_text(path)
        if text is None:
            return empty, None
        data = json.loads(text)
    except StateUnreadable as exc:
        return empty, f"ignoring unreadable drill state {path}: {exc}"
    except RecursionError:
        return empty, f"ignoring unreadable drill state {path}: nested too deeply"
    except ValueError as exc:
        return empty, f"ignoring unreadable drill state {path}: {type(exc).__name__}"
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION or not isinstance(data.get("maps"), dict):
        return empty, f"ignoring drill state {path}: not a version {STATE_VERSION} state file"
    return data, None


def missed_last_time(state: dict[str, object], key: str) -> list[str]:
    maps = state.get("maps")
    entry = maps.get(key) if isinstance(maps, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("missed"), list):
        return []
    return [k for k in entry["missed"] if isinstance(k, str)]


def updated_state(state: dict[str, object], key: str, title: str, result: SessionResult) -> dict[str, object]:
    """The state after a session: covered items, and those answered where the map prepared nothing,
    leave the missed list; missed ones go first."""
    previous = missed_last_time(state, key)
    answered = set(result.covered) | set(result.unprepared)
    missed = list(dict.fromkeys(result.missed + [k for k in previous if k not in answered]))
    known = state.get("maps")
    maps: dict[str, object] = dict(known) if isinstance(known, dict) else {}
    maps[key] = {"title": title, "missed": missed}
    return {"version": STATE_VERSION, "maps": maps}


def save_state(path: Path, state: dict[str, object]) -> None:
    """Write the state atomically (temporary file, fsync, rename; a symlink stays a symlink). Raises
    OSError / OutputError, also for a state path that is not a regular file."""
    from argmap.debate.drill_state import check_writable_target
    from argmap.output import write_output

    path.parent.mkdir(parents=True, exist_ok=True)
    check_writable_target(path)
    write_output(str(path), (json.dumps(state, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def save_session(path: Path, key: str, title: str, result: SessionResult) -> None:
    """Merge one session into the state as it is on disk now (another drill may have saved since this
    one started) and save it, under the state's lock. Raises OSError / OutputError."""
    from argmap.debate.drill_state import state_lock

    path.parent.mkdir(parents=True, exist_ok=True)
    with state_lock(path):
        current, _warning = load_state(path)  # the warning was given when the session started
        save_state(path, updated_state(current, key, title, result))
