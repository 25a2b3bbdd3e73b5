"""A map as an argumentation framework: claims, the attacks between them, and support steps.

Both evaluations (grounded and weighed) read this, never the model's edges directly. Claims are
numbered 0..n-1 in document order. A *step* is one way a claim is supported: a linked argument
(its premises and assumptions hold the conclusion up only together) or the implicit one-premise
argument of a premise or correlation written (or referenced) directly under a claim. A step can be
undercut: an undercutter that stands makes it inapplicable, whatever its premises.

    claim c stands  iff  every attacker of c falls  and  (c has no steps  or  some step of c applies)
    step s applies  iff  every premise of s stands  and  every undercutter of s falls

Built in one pass over the edges: linear in claims plus edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.model import ArgMap, Claim, ClaimKind


@dataclass
class Step:
    """One support step into `conclusion`: `premises` (assumptions included) must all stand."""

    conclusion: int
    premises: list[int]
    #: the linked argument's id, or None for a one-premise step (named by its premise then)
    argument: str | None = None
    undercutters: list[int] = field(default_factory=list)
    weight: float | None = None
    assumptions: int = 0  # how many of `premises` (at the end of the list) are assumptions


class Framework:
    """Claims with attackers and support steps, both ways, as lists of indices."""

    def __init__(self, argmap: ArgMap) -> None:
        self.ids: list[str] = list(argmap.claim_index)
        self.claims: list[Claim] = list(argmap.claim_index.values())
        number = {claim_id: i for i, claim_id in enumerate(self.ids)}
        self.number = number
        n = len(self.ids)
        self.attackers: list[list[int]] = [[] for _ in range(n)]  # i -> claims denying i
        self.attacks: list[list[int]] = [[] for _ in range(n)]  # i -> claims i denies
        self.steps: list[Step] = []
        self.steps_of: list[list[int]] = [[] for _ in range(n)]  # claim -> steps concluding it
        self.premise_of: list[list[int]] = [[] for _ in range(n)]  # claim -> steps it is a premise of
        self.undercuts: list[list[int]] = [[] for _ in range(n)]  # claim -> steps it undercuts
        linked: dict[str, int] = {}
        # the one-premise step of each claim written directly under its parent, for its undercuts
        own_step: dict[int, int] = {}
        claims = argmap.claim_index
        for argument in argmap.arguments:
            if argument.id in linked or argument.conclusion not in number:
                continue
            premises = [number[p] for p in argument.premises if p in number]
            assumptions = [number[a] for a in argument.assumptions if a in number]
            linked[argument.id] = self._add_step(
                Step(
                    number[argument.conclusion],
                    premises + assumptions,
                    argument.id,
                    weight=argument.weight,
                    assumptions=len(assumptions),
                )
            )
        undercut_edges: list[tuple[int, int, str | None]] = []
        for edge in argmap.edges_resolved:
            child, parent, kind = number[edge.child], number[edge.parent], edge.kind
            if kind is ClaimKind.UNDERCUT:
                undercut_edges.append((child, parent, edge.argument))
            elif kind.attacks:
                self.attackers[parent].append(child)
                self.attacks[child].append(parent)
            elif edge.argument is None:
                step = self._add_step(Step(parent, [child], weight=claims[edge.child].weight))
                if not edge.ref and claims[edge.child].parent == edge.parent:
                    own_step.setdefault(child, step)
        for child, parent, argument_id in undercut_edges:
            target = linked.get(argument_id) if argument_id is not None else own_step.get(parent)
            if target is not None:
                self.steps[target].undercutters.append(child)
                self.undercuts[child].append(target)

    @classmethod
    def of(cls, argmap: ArgMap) -> Framework:
        """The framework of `argmap`, built once per map (it is read, never changed, by its users)."""
        return argmap.derived("framework", lambda: cls(argmap))

    def _add_step(self, step: Step) -> int:
        index = len(self.steps)
        self.steps.append(step)
        self.steps_of[step.conclusion].append(index)
        for premise in step.premises:
            self.premise_of[premise].append(index)
        return index

    def step_name(self, step: int) -> str:
        """How a reason names a step: its argument's id, or its one premise's id."""
        found = self.steps[step]
        return found.argument if found.argument is not None else self.ids[found.premises[0]]
