"""Gaps in the structure of arguments (format 2): unstated assumptions, critical questions a scheme
asks that the map leaves open, and load-bearing premises that nobody has challenged.

Pure functions over the model, used by argmap.analysis.gaps; docs/gaps.md defines each kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.model import ArgMap, ClaimKind, Position

#: (kind, claim id, position, reason, fix) of one gap; gaps.py makes the Gap
RawGap = tuple[str, str, Position, str, str]


def unstated_assumptions(argmap: ArgMap) -> Iterator[RawGap]:
    """Every assumption of a linked argument: the text leaves it unstated, so nothing backs it."""
    for claim in argmap.claim_index.values():
        if claim.kind is not ClaimKind.ASSUMPTION:
            continue
        argument = f"argument '{claim.argument}'" if claim.argument else "its argument"
        yield (
            "unstated-assumption",
            claim.id,
            claim.position,
            f"{argument} assumes '{claim.id}', which the text leaves unstated",
            f"find evidence for '{claim.id}' and cite it, or check whether {argument} holds without it",
        )


def _questions_settled(argmap: ArgMap) -> dict[str, set[str]]:
    """Argument id -> the critical questions its premises answer or its attackers raise."""
    settled: dict[str, set[str]] = {}
    for claim in argmap.claim_index.values():
        if claim.answers and claim.argument:
            settled.setdefault(claim.argument, set()).add(claim.answers)
        if claim.raises:
            argument = argmap.questioned_argument(claim)
            if argument:
                settled.setdefault(argument, set()).add(claim.raises)
    return settled


def open_questions(argmap: ArgMap) -> Iterator[RawGap]:
    """Every critical question of an argument's scheme that the map neither answers nor raises."""
    named = [argument for argument in argmap.argument_index.values() if argument.scheme is not None]
    if not named:
        return
    from argmap.schemes import SCHEMES  # the catalogue is loaded only for maps that name schemes

    settled = _questions_settled(argmap)
    for argument in named:
        scheme = SCHEMES.get(argument.scheme or "")
        if scheme is None:
            continue
        done = settled.get(argument.id, set())
        for question in scheme.questions:
            if question.id in done:
                continue
            yield (
                "open-question",
                argument.conclusion,
                argument.field_position("scheme"),
                f"argument '{argument.id}' ({scheme.id}) leaves the critical question '{question.id}' open: "
                f"{question.text}",
                f"answer it with a premise or assumption marked 'answers: {question.id}', or raise it "
                f"against the argument with an undercut marked 'raises: {question.id}'",
            )


def unchallenged_load_bearing(argmap: ArgMap) -> Iterator[RawGap]:
    """Premises, correlations and assumptions that nobody attacks and whose falling alone would
    bring a standing thesis down: each thesis stands through a chain of single supports.

    Walked from each standing thesis: a claim that stands through exactly one applicable support
    step depends on every premise of that step, which depends on its own single step in turn. A
    claim with two applicable steps has no single point of failure below it. Linear in claims
    plus edges.
    """
    from argmap.analysis.evaluate import _IN, grounded

    graph, labels, step_labels = grounded(argmap)
    seen: set[int] = set()
    for thesis in argmap.thesis_ids:
        start = graph.number.get(thesis)
        if start is None or labels[start] != _IN:
            continue
        todo = [start]
        while todo:
            current = todo.pop()
            applying = [s for s in graph.steps_of[current] if step_labels[s] == _IN]
            if len(applying) != 1:
                continue
            step = graph.steps[applying[0]]
            for premise in step.premises:
                if premise in seen:
                    continue
                seen.add(premise)
                todo.append(premise)
                claim = graph.claims[premise]
                if graph.attackers[premise] or step.undercutters:
                    continue
                yield (
                    "unchallenged-load-bearing",
                    claim.id,
                    claim.position,
                    f"{claim.kind.value} '{claim.id}' carries '{thesis}' alone (no other support of "
                    f"'{graph.ids[current]}' holds) and nobody challenges it",
                    f"test '{claim.id}': add the strongest objection to it and answer it, or add an "
                    f"independent support for '{graph.ids[current]}'",
                )
