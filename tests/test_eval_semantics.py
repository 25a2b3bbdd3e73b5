"""The evaluation semantics as properties: the propagation computes the least complete labelling.

Frameworks are generated as models directly (claims, denials, one-premise and linked support steps,
undercuts, refs in any direction, cycles included), so these tests do not depend on the YAML
reader. The oracle is the definition itself, applied naively until nothing changes.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluate import _IN, _OUT, _UNDEC, _propagate, evaluate
from argmap.analysis.framework import Framework
from argmap.analysis.weighed import standard_met, weigh
from argmap.model import ArgMap, Argument, Claim, ClaimKind, Edge, Position

P = Position("m.yaml", 1, 1)
WRITTEN_KINDS = (
    ClaimKind.PREMISE,
    ClaimKind.CORRELATION,
    ClaimKind.COUNTERPOINT,
    ClaimKind.REBUTTAL,
    ClaimKind.UNDERCUT,
)


@st.composite
def frameworks(draw: st.DrawFn, *, format2: bool = True) -> ArgMap:
    n = draw(st.integers(1, 12))
    ids = [f"c{i}" for i in range(n)]
    kinds = WRITTEN_KINDS if format2 else WRITTEN_KINDS[:4]
    claims = [Claim(ids[0], "thesis", ClaimKind.THESIS, P)]
    edges: list[Edge] = []
    for i in range(1, n):
        parent = draw(st.integers(0, i - 1))
        kind = draw(st.sampled_from(kinds))
        weight = draw(st.none() | st.sampled_from((0.2, 0.5, 0.9))) if format2 else None
        claims.append(Claim(ids[i], f"claim {i}", kind, P, parent=ids[parent], weight=weight))
        edges.append(Edge(ids[i], ids[parent], kind, P))
    for _ in range(draw(st.integers(0, 6))):
        child, parent = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        edges.append(Edge(ids[child], ids[parent], draw(st.sampled_from(kinds[:4])), P, ref=True))
    arguments: list[Argument] = []
    if format2:
        for k in range(draw(st.integers(0, 3))):
            conclusion = draw(st.integers(0, n - 1))
            premises = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3))
            assumptions = draw(st.lists(st.integers(0, n - 1), max_size=1))
            argument = Argument(
                f"a{k}",
                ids[conclusion],
                P,
                tuple(ids[p] for p in premises),
                tuple(ids[a] for a in assumptions),
                weight=draw(st.none() | st.sampled_from((0.3, 0.7))),
            )
            arguments.append(argument)
            for p in (*premises, *assumptions):
                edges.append(Edge(ids[p], ids[conclusion], ClaimKind.PREMISE, P, ref=True, argument=argument.id))
            for _ in range(draw(st.integers(0, 1))):
                edges.append(
                    Edge(
                        ids[draw(st.integers(0, n - 1))],
                        ids[conclusion],
                        ClaimKind.UNDERCUT,
                        P,
                        ref=True,
                        argument=argument.id,
                    )
                )
    return ArgMap(file="m.yaml", thesis=ids[0], claims=tuple(claims), edges=tuple(edges), arguments=tuple(arguments))


def forced(graph: Framework, labels: list[int], steps: list[int], assumed: set[int]) -> tuple[list[int], list[int]]:
    """One application of the definition: what each claim and step is forced to, given `labels`."""
    new_steps = []
    for step in graph.steps:
        if any(labels[p] == _OUT for p in step.premises) or any(labels[u] == _IN for u in step.undercutters):
            new_steps.append(_OUT)
        elif all(labels[p] == _IN for p in step.premises) and all(labels[u] == _OUT for u in step.undercutters):
            new_steps.append(_IN)
        else:
            new_steps.append(_UNDEC)
    new_labels = []
    for c in range(len(graph.ids)):
        own = graph.steps_of[c]
        if (
            c in assumed
            or any(labels[a] == _IN for a in graph.attackers[c])
            or (own and all(steps[s] == _OUT for s in own))
        ):
            new_labels.append(_OUT)
        elif all(labels[a] == _OUT for a in graph.attackers[c]) and (not own or any(steps[s] == _IN for s in own)):
            new_labels.append(_IN)
        else:
            new_labels.append(_UNDEC)
    return new_labels, new_steps


def least_fixpoint(graph: Framework, assumed: set[int]) -> tuple[list[int], list[int]]:
    labels, steps = [_UNDEC] * len(graph.ids), [_UNDEC] * len(graph.steps)
    while True:
        new_labels, new_steps = forced(graph, labels, steps, assumed)
        if (new_labels, new_steps) == (labels, steps):
            return labels, steps
        labels, steps = new_labels, new_steps


@settings(max_examples=400, deadline=None)
@given(frameworks(), st.sets(st.integers(0, 11), max_size=2))
def test_grounded_labels_are_the_least_fixpoint_and_complete(argmap: ArgMap, assumed: set[int]) -> None:
    graph = Framework(argmap)
    assumed = {a for a in assumed if a < len(graph.ids)}
    labels, steps = _propagate(graph, [graph.ids[a] for a in assumed])
    assert (labels, steps) == least_fixpoint(graph, assumed)
    assert forced(graph, labels, steps, assumed) == (labels, steps)  # complete: a fixpoint


def format1_labels(argmap: ArgMap) -> dict[str, str]:
    """Format 1's rule, written out: a claim stands when no attacker stands and, if it has
    supporters, one of them stands; it falls when an attacker stands or every supporter falls."""
    ids = list(argmap.claim_index)
    label = dict.fromkeys(ids, "undecided")
    changed = True
    while changed:
        changed = False
        for c in ids:
            if label[c] != "undecided":
                continue
            attackers = [e.child for e in argmap.attackers(c)]
            supporters = [e.child for e in argmap.supporters(c)]
            if any(label[a] == "stands" for a in attackers) or (
                supporters and all(label[s] == "falls" for s in supporters)
            ):
                label[c], changed = "falls", True
            elif all(label[a] == "falls" for a in attackers) and (
                not supporters or any(label[s] == "stands" for s in supporters)
            ):
                label[c], changed = "stands", True
    return label


@settings(max_examples=300, deadline=None)
@given(frameworks(format2=False))
def test_without_the_new_constructs_labels_are_format_ones(argmap: ArgMap) -> None:
    evaluation = evaluate(argmap)
    assert {v.id: v.label for v in evaluation.verdicts} == format1_labels(argmap)


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_weighed_labels_respect_each_claims_standard(argmap: ArgMap) -> None:
    graph = Framework(argmap)
    labels, steps, balances = weigh(graph)
    for c, balance in enumerate(balances):
        if balance is None:
            assert labels[c] == _UNDEC
            continue
        assert labels[c] == (_IN if balance.met else _OUT)
        cons = [graph.claims[a].weight or 1.0 for a in graph.attackers[c] if labels[a] == _IN]
        assert balance.con == (max(cons) if cons else None)
        assert all(labels[a] != _UNDEC for a in graph.attackers[c])
        assert all(steps[s] != _UNDEC for s in graph.steps_of[c])


def test_proof_standards() -> None:
    cases = {  # (pro, con) -> standards met
        (0.9, None): {
            "scintilla",
            "preponderance",
            "clear-and-convincing",
            "beyond-reasonable-doubt",
            "dialectical-validity",
        },
        (0.9, 0.1): {"scintilla", "preponderance", "clear-and-convincing", "beyond-reasonable-doubt"},
        (0.9, 0.5): {"scintilla", "preponderance", "clear-and-convincing"},
        (0.6, 0.5): {"scintilla", "preponderance"},
        (0.5, 0.5): {"scintilla"},
        (0.3, None): {"scintilla", "preponderance", "dialectical-validity"},
        (None, None): set(),
        (None, 0.4): set(),
    }
    for (pro, con), expected in cases.items():
        met = {
            s
            for s in (
                "scintilla",
                "preponderance",
                "clear-and-convincing",
                "beyond-reasonable-doubt",
                "dialectical-validity",
            )
            if standard_met(s, pro, con)
        }
        assert met == expected, (pro, con)
