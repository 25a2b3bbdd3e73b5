"""Rules about claims and the shape of the argument: ids, refs, citations, correlations, cycles."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks import CheckContext, Violation, ids, rule
from argmap.findings import Severity
from argmap.graph import find_cycles, support_graph
from argmap.model import ArgMap, ClaimKind, Edge
from argmap.text.short import chain_form, short_form
from argmap.text.suggest import did_you_mean as suggest


@rule(ids.DUPLICATE_ID, Severity.ERROR)
def duplicate_ids(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every claim id is unique across the file (and every source id among the sources).

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [survey]
        - id: less-bullying
          claim: Uniforms make pupils feel equal.
          cite: [survey]
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [survey]
        - id: feel-equal
          claim: Uniforms make pupils feel equal.
          cite: [survey]
    ```
    """
    first = argmap.claim_index
    for claim in argmap.claims:
        original = first[claim.id]
        if original is not claim:
            yield Violation(
                claim.position, f"duplicate claim id '{claim.id}' (first defined at {original.position.short()})"
            )
    # arguments (format 2) share the claims' id space
    arguments = argmap.argument_index
    for argument in argmap.arguments:
        if argument.id in first:
            yield Violation(
                argument.position,
                f"argument id '{argument.id}' is also a claim's id (defined at {first[argument.id].position.short()})",
            )
        elif arguments[argument.id] is not argument:
            yield Violation(
                argument.position,
                f"duplicate argument id '{argument.id}' (first defined at {arguments[argument.id].position.short()})",
            )


@rule(ids.UNKNOWN_REF, Severity.ERROR)
def unknown_refs(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every `ref:` names a claim defined in the file.

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [survey]
      counterpoints:
        - id: no-effect
          claim: Uniforms change nothing.
          cite: [survey]
          rebuttals:
            - ref: less-bulying
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [survey]
      counterpoints:
        - id: no-effect
          claim: Uniforms change nothing.
          cite: [survey]
          rebuttals:
            - ref: less-bullying
    ```
    """
    known = argmap.claim_index
    for edge in argmap.edges:
        if edge.ref and edge.child not in known:
            shown = short_form(edge.child)
            yield Violation(edge.position, f"ref to unknown claim '{shown}'{suggest(edge.child, known)}")


_UNCITED_KINDS = frozenset({ClaimKind.THESIS, ClaimKind.ASSUMPTION})


@rule(ids.PREMISE_NEEDS_CITATION, Severity.ERROR)
def premise_needs_citation(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every premise, correlation, counterpoint, undercut and rebuttal cites at least one source.

    The thesis is supported by its premises and need not cite; nor need an assumption (format 2:
    it is unstated in the text) or a claim marked `inferred: true` (it is drawn from its supports;
    see inferred-needs-support). Every other claim must.

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [survey]
    ```
    """
    for claim in argmap.claims:
        if claim.kind not in _UNCITED_KINDS and not claim.inferred and not claim.cites:
            yield Violation(
                claim.position,
                f"{claim.kind} '{claim.id}' cites no source; "
                "add cite: [source-id] (with a quote or locator where you can)",
            )


@rule(ids.CORRELATION_NEEDS_VARIABLES, Severity.ERROR)
def correlation_needs_variables(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """A correlation names at least two distinct variables in `between`.

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      correlations:
        - id: uniforms-attendance
          claim: Uniform schools have better attendance.
          between: [attendance rate]
          cite: [survey]
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      correlations:
        - id: uniforms-attendance
          claim: Uniform schools have better attendance.
          between: [uniform policy, attendance rate]
          cite: [survey]
    ```
    """
    for claim in argmap.claims:
        if claim.kind is not ClaimKind.CORRELATION:
            continue
        distinct = {b.strip().casefold() for b in claim.between if b.strip()}
        if len(distinct) < 2:
            where = claim.between_position or claim.position
            got = "no variables" if not distinct else f"only {len(distinct)} distinct variable"
            yield Violation(
                where, f"correlation '{claim.id}' names {got}; list at least two in between: [variable, variable]"
            )


@rule(ids.SUPPORT_CYCLE, Severity.ERROR)
def support_cycles(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Support does not go round in a circle through refs (a claim cannot support itself).

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying.
          cite: [survey]
          premises:
            - ref: uniforms-help
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying.
          cite: [survey]
    ```
    """
    if not any(e.ref and not e.attacks for e in argmap.edges):
        return  # written-out claims form a tree: only a ref can close a cycle
    graph = support_graph(argmap)
    cycles = find_cycles(graph)
    # Cycles are disjoint (one per strongly connected component): index the closing refs once,
    # rather than scanning every edge for every cycle (8,000 self-references took 82 s).
    cycle_of = {node: k for k, cycle in enumerate(cycles) for node in cycle}
    closing_refs: dict[int, list[Edge]] = {}
    for e in argmap.edges_resolved:
        if e.ref and not e.attacks:
            k = cycle_of.get(e.child)
            if k is not None and cycle_of.get(e.parent) == k:
                closing_refs.setdefault(k, []).append(e)
    for k, cycle in enumerate(cycles):
        closing = closing_refs.get(k, [])
        where = (
            min(closing, key=lambda e: (e.position.line, e.position.column)).position
            if closing
            else argmap.claim_index[cycle[0]].position
        )
        yield Violation(where, f"support cycle: {chain_form(cycle)} (each supports the next)")


@rule(ids.EMPTY_CLAIM, Severity.ERROR)
def empty_claims(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every claim says something: its text is not empty or only spaces.

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: ""
          cite: [survey]
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: less-bullying
          claim: Uniforms reduce bullying about clothes.
          cite: [survey]
    ```
    """
    for claim in argmap.claims:
        if not claim.text.strip():
            yield Violation(claim.text_position or claim.position, f"{claim.kind} '{claim.id}' has an empty claim text")
