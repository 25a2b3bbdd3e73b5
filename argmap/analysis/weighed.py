"""Weighed evaluation: the Carneades argument evaluation structure over a map's framework.

After Gordon, Prakken and Walton, "The Carneades model of argument and burden of proof" (Artificial
Intelligence 171, 2007) and Gordon and Walton's proof standards ("Proof burdens and standards",
2009); docs/eval.md gives the formulas and where argmap departs from them. In short:

- every support step of a claim is a *pro* argument, with the step's weight (`weight:` on the
  argument, premise or correlation; 1 when not written); every claim denying it (counterpoint,
  rebuttal) is a *con* argument with that claim's weight;
- a step is *applicable* when all its premises and assumptions stand and no undercutter stands; a
  con argument when its claim stands;
- a claim's proof standard (`standard:` on it, else the default) compares the strongest applicable
  pro argument with the strongest applicable con argument; a claim with no argument for it (a cited
  leaf) counts as one pro argument of weight 1, its citations;
- a claim stands when its standard is met and falls when it is not, once every argument for and
  against it is decided; what waits on a cycle stays undecided.

Each claim and step is decided once, when its last input is decided: linear in claims plus edges.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from argmap.analysis.framework import Framework

STANDARDS = ("scintilla", "preponderance", "clear-and-convincing", "beyond-reasonable-doubt", "dialectical-validity")
DEFAULT_STANDARD = "preponderance"
DEFAULT_WEIGHT = 1.0
#: the thresholds of the two strongest standards (Carneades leaves them as parameters)
ALPHA = 0.4  # clear and convincing: the strongest pro argument weighs more than this
BETA = 0.3  # ... and more than the strongest con argument by more than this
GAMMA = 0.2  # beyond reasonable doubt: besides, the strongest con argument weighs less than this

_UNDEC, _IN, _OUT = 0, 1, 2


@dataclass(frozen=True)
class Balance:
    """What decided a claim: the strongest applicable pro and con weights and the standard used."""

    standard: str
    pro: float | None  # None: no applicable pro argument
    con: float | None  # None: no applicable con argument
    met: bool


def standard_met(standard: str, pro: float | None, con: float | None) -> bool:
    """Whether `standard` holds, given the strongest applicable pro and con weights (None: none)."""
    p = -1.0 if pro is None else pro
    c = 0.0 if con is None else con
    if standard == "scintilla":
        return pro is not None
    if standard == "preponderance":
        return pro is not None and p > c
    if standard == "clear-and-convincing":
        return pro is not None and p > ALPHA and p - c > BETA
    if standard == "beyond-reasonable-doubt":
        return pro is not None and p > ALPHA and p - c > BETA and c < GAMMA
    if standard == "dialectical-validity":
        return pro is not None and con is None
    raise ValueError(f"unknown proof standard {standard!r}")


def weigh(
    graph: Framework, *, default_standard: str = DEFAULT_STANDARD, assume_false: Collection[str] = ()
) -> tuple[list[int], list[int], list[Balance | None]]:
    """Labels of claims and steps, and each decided claim's balance, under weighed semantics."""
    n = len(graph.ids)
    labels = [_UNDEC] * n
    step_labels = [_UNDEC] * len(graph.steps)
    balances: list[Balance | None] = [None] * n
    open_inputs = [len(graph.steps_of[c]) + len(graph.attackers[c]) for c in range(n)]
    premises_open = [len(s.premises) for s in graph.steps]
    undercutters_open = [len(s.undercutters) for s in graph.steps]
    forced = set(assume_false)
    work: list[int] = []
    step_work: list[int] = []

    def weight_of_claim(c: int) -> float:
        weight = graph.claims[c].weight
        return DEFAULT_WEIGHT if weight is None else weight

    def decide(c: int) -> None:
        claim = graph.claims[c]
        standard = claim.standard or default_standard
        pro: float | None = None
        if not graph.steps_of[c]:
            pro = DEFAULT_WEIGHT
        for s in graph.steps_of[c]:
            if step_labels[s] == _IN:
                step = graph.steps[s]
                weight = DEFAULT_WEIGHT if step.weight is None else step.weight
                pro = weight if pro is None else max(pro, weight)
        con: float | None = None
        for a in graph.attackers[c]:
            if labels[a] == _IN:
                weight = weight_of_claim(a)
                con = weight if con is None else max(con, weight)
        met = standard_met(standard, pro, con)
        balances[c] = Balance(standard, pro, con, met)
        labels[c] = _IN if met else _OUT
        work.append(c)

    def input_decided(c: int) -> None:
        open_inputs[c] -= 1
        if open_inputs[c] == 0 and labels[c] == _UNDEC:
            decide(c)

    for c, claim_id in enumerate(graph.ids):
        if claim_id in forced:
            labels[c] = _OUT
            work.append(c)
        elif open_inputs[c] == 0:
            decide(c)
    for s in range(len(graph.steps)):
        if premises_open[s] == 0 and undercutters_open[s] == 0:
            step_labels[s] = _IN
            step_work.append(s)
    while work or step_work:
        while step_work:
            input_decided(graph.steps[step_work.pop()].conclusion)
        if not work:
            break
        i = work.pop()
        for target in graph.attacks[i]:
            input_decided(target)
        for s in graph.premise_of[i]:
            if step_labels[s] != _UNDEC:
                continue
            if labels[i] == _OUT:
                step_labels[s] = _OUT
                step_work.append(s)
            else:
                premises_open[s] -= 1
                if premises_open[s] == 0 and undercutters_open[s] == 0:
                    step_labels[s] = _IN
                    step_work.append(s)
        for s in graph.undercuts[i]:
            if step_labels[s] != _UNDEC:
                continue
            if labels[i] == _IN:
                step_labels[s] = _OUT
                step_work.append(s)
            else:
                undercutters_open[s] -= 1
                if premises_open[s] == 0 and undercutters_open[s] == 0:
                    step_labels[s] = _IN
                    step_work.append(s)
    return labels, step_labels, balances
