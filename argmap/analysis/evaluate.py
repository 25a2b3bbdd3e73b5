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

from dataclasses import dataclass
from typing import Collection, Iterator

from argmap.graph import strongly_connected_components
from argmap.model import ArgMap

STANDS = "stands"
FALLS = "falls"
UNDECIDED = "undecided"
LABELS = (STANDS, FALLS, UNDECIDED)

_UNDEC, _IN, _OUT = 0, 1, 2
_NAMES = {_UNDEC: UNDECIDED, _IN: STANDS, _OUT: FALLS}
#: how many claim ids a reason names before it says "and N more"
_NAMED = 4


@dataclass(frozen=True)
class Verdict:
    """The label of one claim, the one-line reason, and the claims that reason names."""

    id: str
    label: str
    reason: str
    because: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "reason": self.reason}


@dataclass(frozen=True)
class Evaluation:
    """Every claim's verdict, in document order (first definition of each id)."""

    verdicts: tuple[Verdict, ...]
    thesis: str | None

    def verdict(self, claim_id: str) -> Verdict | None:
        return self._index.get(claim_id)

    @property
    def _index(self) -> dict[str, Verdict]:
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {v.id: v for v in self.verdicts}
            object.__setattr__(self, "_index_cache", index)
        return index

    @property
    def thesis_label(self) -> str | None:
        verdict = self.verdict(self.thesis) if self.thesis else None
        return verdict.label if verdict else None

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape documented in docs/eval.md."""
        return {"claims": [v.to_dict() for v in self.verdicts], "thesis": self.thesis_label}


class _Graph:
    """Claims numbered 0..n-1 in document order, with attack and support adjacency both ways."""

    def __init__(self, argmap: ArgMap) -> None:
        self.ids: list[str] = list(argmap.claim_index)
        number = {claim_id: i for i, claim_id in enumerate(self.ids)}
        n = len(self.ids)
        self.attacks: list[list[int]] = [[] for _ in range(n)]     # i -> claims i attacks
        self.supports: list[list[int]] = [[] for _ in range(n)]    # i -> claims i supports
        self.attackers: list[list[int]] = [[] for _ in range(n)]   # i -> claims attacking i
        self.supporters: list[list[int]] = [[] for _ in range(n)]  # i -> claims supporting i
        for edge in argmap.edges_resolved:
            child, parent = number[edge.child], number[edge.parent]
            if edge.attacks:
                self.attacks[child].append(parent)
                self.attackers[parent].append(child)
            else:
                self.supports[child].append(parent)
                self.supporters[parent].append(child)


def label_claims(argmap: ArgMap, *, assume_false: Collection[str] = ()) -> dict[str, str]:
    """Claim id -> "stands" | "falls" | "undecided" (the least fixpoint; no reasons)."""
    graph = _Graph(argmap)
    labels = _propagate(graph, assume_false)
    return {claim_id: _NAMES[labels[i]] for i, claim_id in enumerate(graph.ids)}


def _propagate(graph: _Graph, assume_false: Collection[str]) -> list[int]:
    """The labels of the least fixpoint, by counter-based propagation (each edge visited once)."""
    n = len(graph.ids)
    labels = [_UNDEC] * n
    pending_attackers = [len(a) for a in graph.attackers]  # attack edges whose attacker has not fallen
    supporters_out = [0] * n
    supporter_in = [False] * n
    work: list[int] = []
    forced = set(assume_false)
    for i, claim_id in enumerate(graph.ids):
        if claim_id in forced:
            labels[i] = _OUT
            work.append(i)
    for i in range(n):
        if labels[i] == _UNDEC and pending_attackers[i] == 0 and not graph.supporters[i]:
            labels[i] = _IN
            work.append(i)
    while work:
        i = work.pop()
        if labels[i] == _IN:
            for target in graph.attacks[i]:
                if labels[target] == _UNDEC:
                    labels[target] = _OUT
                    work.append(target)
            for target in graph.supports[i]:
                supporter_in[target] = True
                if labels[target] == _UNDEC and pending_attackers[target] == 0:
                    labels[target] = _IN
                    work.append(target)
        else:
            for target in graph.attacks[i]:
                pending_attackers[target] -= 1
                if (labels[target] == _UNDEC and pending_attackers[target] == 0
                        and (supporter_in[target] or not graph.supporters[target])):
                    labels[target] = _IN
                    work.append(target)
            for target in graph.supports[i]:
                supporters_out[target] += 1
                if labels[target] == _UNDEC and supporters_out[target] == len(graph.supporters[target]):
                    labels[target] = _OUT
                    work.append(target)
    return labels


def evaluate(argmap: ArgMap, *, assume_false: Collection[str] = ()) -> Evaluation:
    """Label every claim of `argmap` and give each a one-line reason naming the claims responsible.

    `assume_false` ids are forced to fall (ids that name no claim are ignored here; the command
    refuses them). Linear in the number of claims and edges.
    """
    graph = _Graph(argmap)
    labels = _propagate(graph, assume_false)
    forced = set(assume_false)
    cycles = _undecided_cycles(graph, labels)
    verdicts = []
    for i, claim_id in enumerate(graph.ids):
        if claim_id in forced:
            verdicts.append(Verdict(claim_id, FALLS, "falls: assumed false (--assume-false)"))
            continue
        reason, because = _reason(graph, labels, cycles, i)
        verdicts.append(Verdict(claim_id, _NAMES[labels[i]], reason, because))
    return Evaluation(tuple(verdicts), argmap.thesis)


def _names(graph: _Graph, members: list[int]) -> str:
    """'a', 'b' and 'c' (at most _NAMED, then "and N more")."""
    quoted = [f"'{graph.ids[m]}'" for m in members[:_NAMED]]
    rest = len(members) - len(quoted)
    if rest:
        return ", ".join(quoted) + f" and {rest} more"
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _unique(members: list[int]) -> list[int]:
    return list(dict.fromkeys(members))


def _reason(graph: _Graph, labels: list[int], cycles: dict[int, tuple[str, list[int]]],
            i: int) -> tuple[str, tuple[str, ...]]:
    attackers = _unique(graph.attackers[i])
    supporters = _unique(graph.supporters[i])
    ids = graph.ids
    label = labels[i]
    if label == _IN:
        parts, because = [], []
        if supporters:
            standing = [s for s in supporters if labels[s] == _IN]
            verb = "which stands" if len(standing) == 1 else "which stand"
            parts.append(f"supported by {_names(graph, standing)}, {verb}")
            because += standing
        if attackers:
            parts.append(f"every attacker falls ({_names(graph, attackers)})")
            because += attackers
        else:
            parts.append("not attacked")
        return "stands: " + "; ".join(parts), tuple(ids[m] for m in because)
    if label == _OUT:
        standing = [a for a in attackers if labels[a] == _IN]
        if standing:
            verb = "which stands" if len(standing) == 1 else "which stand"
            return f"falls: attacked by {_names(graph, standing)}, {verb}", tuple(ids[m] for m in standing)
        return (f"falls: lost its support, every supporter falls ({_names(graph, supporters)})",
                tuple(ids[m] for m in supporters))
    if i in cycles:
        kind, others = cycles[i]
        named = _names(graph, others) if others else "itself"
        return f"undecided: in {kind} with {named}", tuple(ids[m] for m in others)
    parts, because = [], []
    open_attackers = [a for a in attackers if labels[a] == _UNDEC]
    if open_attackers:
        verb = "which is undecided" if len(open_attackers) == 1 else "which are undecided"
        parts.append(f"attacked by {_names(graph, open_attackers)}, {verb}")
        because += open_attackers
    if supporters and not any(labels[s] == _IN for s in supporters):
        open_supporters = [s for s in supporters if labels[s] == _UNDEC]
        verb = "is" if len(open_supporters) == 1 else "are"
        parts.append(f"its support is open: {_names(graph, open_supporters)} {verb} undecided")
        because += open_supporters
    return "undecided: " + "; ".join(parts), tuple(ids[m] for m in because)


def _undecided_cycles(graph: _Graph, labels: list[int]) -> dict[int, tuple[str, list[int]]]:
    """Undecided claim -> (what kind of cycle, the other members) for claims on a cycle.

    The cycles are those of the dependency graph among undecided claims (a claim depends on its
    undecided attackers and supporters): its strongly connected components, found with an
    iterative Tarjan in linear time.
    """
    def deps(i: int) -> Iterator[tuple[int, bool]]:
        for a in graph.attackers[i]:
            if labels[a] == _UNDEC:
                yield a, True
        for s in graph.supporters[i]:
            if labels[s] == _UNDEC:
                yield s, False

    result: dict[int, tuple[str, list[int]]] = {}
    for component in strongly_connected_components([i for i, label in enumerate(labels) if label == _UNDEC],
                                 lambda i: [d for d, _ in deps(i)]):
        members = set(component)
        if len(component) == 1:
            only = component[0]
            if only not in graph.attackers[only] and only not in graph.supporters[only]:
                continue
        kinds = {is_attack for m in component for d, is_attack in deps(m) if d in members}
        kind = ("an attack cycle" if kinds == {True} else "a support cycle" if kinds == {False}
                else "a cycle of attack and support")
        ordered = sorted(component)  # document order
        for m in ordered:
            result[m] = (kind, [o for o in ordered if o != m])
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
