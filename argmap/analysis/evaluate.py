"""Which claims stand: the grounded labelling of the map's attacks, extended to support.

Pure functions over the model. The semantics is specified in docs/eval.md; in short, every claim
gets the label the following rules force on it, and nothing else is forced (the least fixpoint):

- a claim *stands* when every claim attacking it falls and, if it has supporters (premises,
  correlations), at least one of them stands;
- a claim *falls* when some claim attacking it stands, or when it has supporters and every one of
  them falls (it has lost its support), or when it is assumed false;
- otherwise it is *undecided*.

`evaluate` computes this in time linear in claims plus edges: a worklist and, per claim, counters
of attackers not yet fallen and supporters fallen (the counter-based propagation of unit
resolution). Reasons are written afterwards from the final labels, in document order, so they do
not depend on the order the worklist happened to visit claims in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.analysis.framework import Framework
from argmap.analysis.sides import Side, sides
from argmap.graph import strongly_connected_components
from argmap.model import ArgMap, quick_init

if TYPE_CHECKING:
    from argmap.analysis.weighed import Balance

STANDS = "stands"
FALLS = "falls"
UNDECIDED = "undecided"
LABELS = (STANDS, FALLS, UNDECIDED)
GROUNDED = "grounded"
WEIGHED = "weighed"
SEMANTICS = (GROUNDED, WEIGHED)

_UNDEC, _IN, _OUT = 0, 1, 2
_NAMES = {_UNDEC: UNDECIDED, _IN: STANDS, _OUT: FALLS}
#: how many claim ids a reason names before it says "and N more"
_NAMED = 4


@quick_init  # one per claim
@dataclass(frozen=True, slots=True)
class Verdict:
    """The label of one claim, the one-line reason, and the claims that reason names."""

    id: str
    label: str
    reason: str
    because: tuple[str, ...] = ()
    #: what the label rests on: for a claim that stands, the support steps that apply (an argument's
    #: id or a premise's id; one alone means it stands only via that); for one that falls, the
    #: attackers that stand, or else the steps that failed
    via: tuple[str, ...] = ()
    side: Side | None = None

    def to_dict(self) -> dict[str, object]:
        side = None if self.side is None else {"thesis": self.side.thesis, "stance": self.side.stance}
        return {"id": self.id, "label": self.label, "reason": self.reason, "side": side, "via": list(self.via)}


class Evaluation:
    """Every claim's label, and its verdict (the label with its reason and what it rests on), in
    document order (first definition of each id).

    The labels are computed with the evaluation; a verdict's words are written the first time it is
    asked for, then kept: a brief reads every label and few reasons, `argmap eval` every reason.
    """

    __slots__ = ("_all", "_labels", "_number", "_write", "_written", "semantics", "theses", "thesis")

    def __init__(
        self,
        number: Mapping[str, int],
        labels: Sequence[str],
        write: Callable[[int], Verdict],
        *,
        thesis: str | None,
        semantics: str = GROUNDED,
        theses: tuple[str, ...] = (),
    ) -> None:
        #: claim id -> its place in document order; `labels` and `write` take that place
        self._number, self._labels, self._write = number, labels, write
        self._written: list[Verdict | None] = [None] * len(labels)
        self._all: tuple[Verdict, ...] | None = None
        self.thesis, self.semantics, self.theses = thesis, semantics, theses

    def _verdict_at(self, i: int) -> Verdict:
        verdict = self._written[i]
        if verdict is None:
            verdict = self._written[i] = self._write(i)
        return verdict

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        if self._all is None:
            self._all = tuple(self._verdict_at(i) for i in range(len(self._labels)))
        return self._all

    def verdict(self, claim_id: str) -> Verdict | None:
        i = self._number.get(claim_id)
        return None if i is None else self._verdict_at(i)

    def label(self, claim_id: str) -> str | None:
        i = self._number.get(claim_id)
        return None if i is None else self._labels[i]

    @property
    def thesis_label(self) -> str | None:
        return self.label(self.thesis) if self.thesis else None

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape documented in docs/eval.md."""
        return {
            "semantics": self.semantics,
            "claims": [v.to_dict() for v in self.verdicts],
            "thesis": self.thesis_label,
            "theses": {t: self.label(t) for t in self.theses},
        }


def label_claims(argmap: ArgMap, *, assume_false: Collection[str] = ()) -> dict[str, str]:
    """Claim id -> "stands" | "falls" | "undecided" (the least fixpoint; no reasons)."""
    if assume_false:
        graph = Framework.of(argmap)
        labels, _ = _propagate(graph, assume_false)
    else:
        graph, labels, _ = grounded(argmap)
    return {claim_id: _NAMES[labels[i]] for i, claim_id in enumerate(graph.ids)}


def grounded(argmap: ArgMap) -> tuple[Framework, list[int], list[int]]:
    """The map's framework with the grounded labels of its claims and of its steps (nothing assumed
    false), built once per map: gaps, the evaluation and the views that label claims share it."""

    def build() -> tuple[Framework, list[int], list[int]]:
        graph = Framework.of(argmap)
        return (graph, *_propagate(graph, ()))

    return argmap.derived("grounded", build)


def _propagate(graph: Framework, assume_false: Collection[str]) -> tuple[list[int], list[int]]:
    """The labels of claims and of steps in the least fixpoint, by counter-based propagation.

    Per claim: attackers not yet out, steps out, "some step in"; per step: premises not yet in,
    undercutters not yet out. Each claim and step is labelled once and then updates the counters of
    what depends on it, so every edge is visited a bounded number of times.
    """
    n = len(graph.ids)
    labels = [_UNDEC] * n
    step_labels = [_UNDEC] * len(graph.steps)
    pending_attackers = [len(a) for a in graph.attackers]
    steps_out = [0] * n
    step_in = [False] * n
    premises_open = [len(s.premises) for s in graph.steps]
    undercutters_open = [len(s.undercutters) for s in graph.steps]
    work: list[int] = []  # claims just labelled
    step_work: list[int] = []  # steps just labelled

    def claim_in(c: int) -> None:
        labels[c] = _IN
        work.append(c)

    def claim_out(c: int) -> None:
        labels[c] = _OUT
        work.append(c)

    def step_applies(s: int) -> None:
        step_labels[s] = _IN
        step_work.append(s)

    def step_fails(s: int) -> None:
        step_labels[s] = _OUT
        step_work.append(s)

    forced = set(assume_false)
    for i, claim_id in enumerate(graph.ids):
        if claim_id in forced:
            claim_out(i)
    for i in range(n):
        if labels[i] == _UNDEC and pending_attackers[i] == 0 and not graph.steps_of[i]:
            claim_in(i)
    for s in range(len(graph.steps)):
        if premises_open[s] == 0 and undercutters_open[s] == 0:
            step_applies(s)
    while work or step_work:
        while step_work:
            s = step_work.pop()
            c = graph.steps[s].conclusion
            if step_labels[s] == _IN:
                step_in[c] = True
                if labels[c] == _UNDEC and pending_attackers[c] == 0:
                    claim_in(c)
            else:
                steps_out[c] += 1
                if labels[c] == _UNDEC and steps_out[c] == len(graph.steps_of[c]):
                    claim_out(c)
        if not work:
            break
        i = work.pop()
        if labels[i] == _IN:
            for target in graph.attacks[i]:
                if labels[target] == _UNDEC:
                    claim_out(target)
            for s in graph.premise_of[i]:
                premises_open[s] -= 1
                if step_labels[s] == _UNDEC and premises_open[s] == 0 and undercutters_open[s] == 0:
                    step_applies(s)
            for s in graph.undercuts[i]:
                if step_labels[s] == _UNDEC:
                    step_fails(s)
        else:
            for target in graph.attacks[i]:
                pending_attackers[target] -= 1
                if (
                    labels[target] == _UNDEC
                    and pending_attackers[target] == 0
                    and (step_in[target] or not graph.steps_of[target])
                ):
                    claim_in(target)
            for s in graph.premise_of[i]:
                if step_labels[s] == _UNDEC:
                    step_fails(s)
            for s in graph.undercuts[i]:
                undercutters_open[s] -= 1
                if step_labels[s] == _UNDEC and premises_open[s] == 0 and undercutters_open[s] == 0:
                    step_applies(s)
    return labels, step_labels


def evaluate(argmap: ArgMap, *, assume_false: Collection[str] = (), semantics: str | None = None) -> Evaluation:
    """Label every claim of `argmap` and give each a one-line reason naming the claims responsible.

    `semantics` is "grounded" or "weighed" (default: the map's `semantics:`, else grounded).
    `assume_false` ids are forced to fall (ids that name no claim are ignored here; the command
    refuses them). Linear in the number of claims and edges.
    """
    chosen = semantics or argmap.semantics or GROUNDED
    if chosen not in SEMANTICS:
        raise ValueError(f"unknown semantics {chosen!r}")
    if not assume_false:  # the evaluation every command without --assume-false shows: made once per map
        return argmap.derived(f"evaluate {chosen}", lambda: _evaluate(argmap, (), chosen))
    return _evaluate(argmap, assume_false, chosen)


def _evaluate(argmap: ArgMap, assume_false: Collection[str], chosen: str) -> Evaluation:
    balances: list[Balance | None] = []
    if chosen == WEIGHED:
        from argmap.analysis.weighed import weigh  # only for maps weighed by their arguments' weights

        graph = Framework.of(argmap)
        labels, step_labels, balances = weigh(graph, assume_false=assume_false)
    elif assume_false:
        graph = Framework.of(argmap)
        labels, step_labels = _propagate(graph, assume_false)
    else:
        graph, labels, step_labels = grounded(argmap)
    writer = _Writer(graph, labels, step_labels, balances, sides(argmap), set(assume_false))
    names = [_NAMES[label] for label in labels]
    return Evaluation(
        graph.number, names, writer.verdict, thesis=argmap.thesis, semantics=chosen, theses=argmap.thesis_ids
    )


class _Writer:
    """Writes the verdict of one claim from the final labels. It holds the framework, never the
    map: an evaluation is kept in the map's `derived` and must not refer back to it."""

    def __init__(
        self,
        graph: Framework,
        labels: list[int],
        step_labels: list[int],
        balances: list[Balance | None],
        claim_sides: Mapping[str, Side],
        forced: set[str],
    ) -> None:
        self.graph, self.labels, self.balances, self.sides, self.forced = graph, labels, balances, claim_sides, forced
        self.words = _Reasons(graph, labels, step_labels)
        self._cycles: dict[int, tuple[str, list[int]]] | None = None

    @property
    def cycles(self) -> dict[int, tuple[str, list[int]]]:
        """The undecided claims on a cycle (found once, for the first reason that needs them)."""
        if self._cycles is None:
            self._cycles = _undecided_cycles(self.graph, self.labels)
        return self._cycles

    def verdict(self, i: int) -> Verdict:
        graph = self.graph
        claim_id = graph.ids[i]
        side = self.sides.get(claim_id)
        if claim_id in self.forced:
            return Verdict(claim_id, FALLS, "falls: assumed false (--assume-false)", side=side)
        steps, attackers = _unique(graph.steps_of[i]), _unique(graph.attackers[i])
        balance = self.balances[i] if self.balances else None
        if balance is not None:
            reason, because = _weighed_reason(self.words, balance, i, steps, attackers)
        else:
            reason, because = _reason(self.words, self.cycles, i, steps, attackers)
        label = _NAMES[self.labels[i]]
        return Verdict(claim_id, label, reason, because, _via(self.words, i, steps, attackers), side)


def _via(words: _Reasons, i: int, steps: Sequence[int], attackers: Sequence[int]) -> tuple[str, ...]:
    """What claim i's label rests on (see Verdict.via); `steps` and `attackers` are its own, once each."""
    labels, step_labels, name = words.labels, words.step_labels, words.graph.step_name
    if labels[i] == _IN:
        return tuple(dict.fromkeys(name(s) for s in steps if step_labels[s] == _IN))
    if labels[i] == _OUT:
        standing = [words.graph.ids[a] for a in attackers if labels[a] == _IN]
        if standing:
            return tuple(standing)
        return tuple(dict.fromkeys(name(s) for s in steps if step_labels[s] == _OUT))
    return ()


def _weight(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def _weighed_reason(
    words: _Reasons, balance: Balance, i: int, steps: Sequence[int], attackers: Sequence[int]
) -> tuple[str, tuple[str, ...]]:
    """ "stands: preponderance met: for 1 ('a') against 0.4 ('k')", naming the strongest on each side."""
    graph, labels, step_labels = words.graph, words.labels, words.step_labels
    pro_steps = [s for s in steps if step_labels[s] == _IN]
    cons = [a for a in attackers if labels[a] == _IN]
    verdict = "stands" if balance.met else "falls"
    met = "met" if balance.met else "not met"
    if not graph.steps_of[i]:
        pro = f"for {_weight(balance.pro)} (as cited)"
    elif pro_steps:
        pro = f"for {_weight(balance.pro)} ({words.names(pro_steps)})"
    else:
        pro = "for none (no argument for it holds)"
    con = f"against {_weight(balance.con)} ({_names([graph.ids[a] for a in cons])})" if cons else "against none"
    because = [m for s in pro_steps for m in words.claims_behind(s, _IN)] + cons
    return f"{verdict}: {balance.standard} {met}: {pro} {con}", tuple(graph.ids[m] for m in _unique(because))


def _names(names: list[str]) -> str:
    """'a', 'b' and 'c' (at most _NAMED, then "and N more")."""
    quoted = [f"'{name}'" for name in names[:_NAMED]]
    rest = len(names) - len(quoted)
    if rest:
        return ", ".join(quoted) + f" and {rest} more"
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _unique(members: list[int]) -> Sequence[int]:
    """`members` without repeats, in order: the list itself when it is too short to hold one (most
    lists of attackers and steps are), which callers only read."""
    return members if len(members) < 2 else list(dict.fromkeys(members))


class _Reasons:
    """The words of reasons: a step is named by its argument's id or its one premise's id, and
    stands for the claims it rests on (its premises, or its undercutters when those decide it)."""

    def __init__(self, graph: Framework, labels: list[int], step_labels: list[int]) -> None:
        self.graph, self.labels, self.step_labels = graph, labels, step_labels

    def name(self, step: int) -> str:
        return self.graph.step_name(step)

    def names(self, steps: Sequence[int]) -> str:
        return _names(list(dict.fromkeys(self.name(s) for s in steps)))

    def claims_behind(self, step: int, wanted: int) -> Sequence[int]:
        """The claims that give `step` its label `wanted`: its premises for a one-premise step;
        for a linked one, its premises (applies) or the fallen premises or standing undercutters."""
        found = self.graph.steps[step]
        if found.argument is None and not found.undercutters:
            return found.premises[:1]
        if wanted == _IN:
            return _unique(found.premises + found.undercutters)
        standing_undercutters = [u for u in found.undercutters if self.labels[u] == _IN]
        fallen = [p for p in found.premises if self.labels[p] == _OUT]
        if wanted == _OUT:
            return _unique(standing_undercutters + fallen)
        return _unique([m for m in found.premises + found.undercutters if self.labels[m] == _UNDEC])

    def verb(self, steps: Sequence[int], one: str, many: str) -> str:
        return one if len(set(self.name(s) for s in steps)) == 1 else many


def _reason(
    words: _Reasons, cycles: dict[int, tuple[str, list[int]]], i: int, steps: Sequence[int], attackers: Sequence[int]
) -> tuple[str, tuple[str, ...]]:
    """Claim i's reason and the claims it names; `steps` and `attackers` are its own, once each."""
    graph, labels, step_labels = words.graph, words.labels, words.step_labels
    ids = graph.ids
    label = labels[i]
    if label == _IN:
        parts, because = [], []
        if steps:
            applying = [s for s in steps if step_labels[s] == _IN]
            if all(graph.steps[s].argument is None and not graph.steps[s].undercutters for s in applying):
                verb = words.verb(applying, "which stands", "which stand")
            else:
                verb = words.verb(applying, "which holds", "which hold")
            parts.append(f"supported by {words.names(applying)}, {verb}")
            because += [m for s in applying for m in words.claims_behind(s, _IN)]
        if attackers:
            parts.append(f"every attacker falls ({_names([ids[a] for a in attackers])})")
            because += attackers
        else:
            parts.append("not attacked")
        return "stands: " + "; ".join(parts), tuple(ids[m] for m in _unique(because))
    if label == _OUT:
        standing = [a for a in attackers if labels[a] == _IN]
        if standing:
            verb = "which stands" if len(standing) == 1 else "which stand"
            return (f"falls: attacked by {_names([ids[a] for a in standing])}, {verb}", tuple(ids[m] for m in standing))
        lost = _unique([m for s in steps for m in words.claims_behind(s, _OUT)])
        if all(graph.steps[s].argument is None and not graph.steps[s].undercutters for s in steps):
            return (
                f"falls: lost its support, every supporter falls ({words.names(steps)})",
                tuple(ids[m] for m in lost),
            )
        return (
            f"falls: lost its support, no argument for it holds ({words.names(steps)}; "
            f"because of {_names([ids[m] for m in lost])})",
            tuple(ids[m] for m in lost),
        )
    if i in cycles:
        kind, members = cycles[i]
        # members is shared by the whole cycle: name (and point at) only the first few others, so a
        # cycle of n claims costs n, not n * n (8,000 claims in one attack cycle took 1.1 GB)
        others = [m for m in members[: _NAMED + 1] if m != i][:_NAMED]
        more = len(members) - 1 - len(others)
        if not others:
            named = "itself"
        elif more:
            named = ", ".join(f"'{ids[m]}'" for m in others) + f" and {more} more"
        else:
            named = _names([ids[m] for m in others])
        return f"undecided: in {kind} with {named}", tuple(ids[m] for m in others)
    parts, because = [], []
    open_attackers = [a for a in attackers if labels[a] == _UNDEC]
    if open_attackers:
        verb = "which is undecided" if len(open_attackers) == 1 else "which are undecided"
        parts.append(f"attacked by {_names([ids[a] for a in open_attackers])}, {verb}")
        because += open_attackers
    if steps and not any(step_labels[s] == _IN for s in steps):
        open_steps = [s for s in steps if step_labels[s] == _UNDEC]
        open_claims = _unique([m for s in open_steps for m in words.claims_behind(s, _UNDEC)])
        verb = "is" if len(open_claims) == 1 else "are"
        parts.append(f"its support is open: {_names([ids[m] for m in open_claims])} {verb} undecided")
        because += open_claims
    return "undecided: " + "; ".join(parts), tuple(ids[m] for m in _unique(because))


def _undecided_cycles(graph: Framework, labels: list[int]) -> dict[int, tuple[str, list[int]]]:
    """Undecided claim -> (what kind of cycle, all its members, one list shared) for claims on a cycle.

    The cycles are those of the dependency graph among undecided claims (a claim depends on its
    undecided attackers, and on the undecided premises and undercutters of its steps): its strongly
    connected components, found with an iterative Tarjan in linear time.
    """

    def deps(i: int) -> Iterator[tuple[int, bool]]:
        for a in graph.attackers[i]:
            if labels[a] == _UNDEC:
                yield a, True
        for s in graph.steps_of[i]:
            step = graph.steps[s]
            for p in step.premises:
                if labels[p] == _UNDEC:
                    yield p, False
            for u in step.undercutters:
                if labels[u] == _UNDEC:
                    yield u, True

    result: dict[int, tuple[str, list[int]]] = {}
    for component in strongly_connected_components(
        [i for i, label in enumerate(labels) if label == _UNDEC], lambda i: [d for d, _ in deps(i)]
    ):
        members = set(component)
        if len(component) == 1:
            only = component[0]
            if only not in {d for d, _ in deps(only)}:
                continue
        kinds = {is_attack for m in component for d, is_attack in deps(m) if d in members}
        kind = (
            "an attack cycle"
            if kinds == {True}
            else "a support cycle"
            if kinds == {False}
            else "a cycle of attack and support"
        )
        ordered = sorted(component)  # document order
        for m in ordered:
            result[m] = (kind, ordered)
    return result


def explain(evaluation: Evaluation, claim_id: str) -> list[tuple[int, Verdict, bool]]:
    """The chain of reasons from `claim_id` down to the leaves: (depth, verdict, already shown).

    Depth first, in the order each reason names the claims; a claim met a second time is listed
    once more with `already shown` True and not expanded again (so cycles end). Iterative.
    """
    lines: list[tuple[int, Verdict, bool]] = []
    seen: set[str] = set()
    todo: list[tuple[int, str]] = [(0, claim_id)]
    while todo:
        depth, current = todo.pop()
        verdict = evaluation.verdict(current)
        if verdict is None:
            continue
        if current in seen:
            lines.append((depth, verdict, True))
            continue
        seen.add(current)
        lines.append((depth, verdict, False))
        for child in reversed(verdict.because):
            todo.append((depth + 1, child))
    return lines
