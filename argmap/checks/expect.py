"""The rule that tests a map's intended conclusions: its `expect:` block against `argmap eval`."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks import CheckContext, Violation, ids, rule
from argmap.findings import Severity
from argmap.model import ArgMap
from argmap.text.suggest import did_you_mean as suggest

_VERB = {"stands": "to stand", "falls": "to fall", "undecided": "to stay undecided"}


@rule(ids.EXPECT, Severity.ERROR)
def expectations_hold(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """Every claim listed under `expect:` gets that label from `argmap eval` (docs/eval.md).

    The `expect:` block states the conclusions the map's author intends, so that a change which
    makes a claim fall (a new counterpoint, a removed rebuttal) fails in CI. Every id listed must
    name a claim of the map.

    Fails:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      counterpoints:
        - id: cost
          claim: Uniforms cost poor families money.
          cite: [survey]
    expect:
      stands: [uniforms-help]
    ```

    Passes:
    ```yaml
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      counterpoints:
        - id: cost
          claim: Uniforms cost poor families money.
          cite: [survey]
          rebuttals:
            - id: cheaper-than-fashion
              claim: A uniform costs less than the clothes children would otherwise demand.
              cite: [survey]
    expect:
      stands: [uniforms-help]
      falls: [cost]
    ```
    """
    if not argmap.expect:
        return
    from argmap.analysis.evaluate import evaluate

    evaluation = evaluate(argmap)
    known = argmap.claim_index
    for expectation in argmap.expect:
        verdict = evaluation.verdict(expectation.claim)
        if verdict is None:
            yield Violation(
                expectation.position,
                f"expect {expectation.label}: no claim '{expectation.claim}'{suggest(expectation.claim, known)}",
            )
        elif verdict.label != expectation.label:
            expected = _VERB.get(expectation.label, f"to be {expectation.label}")
            why = verdict.reason.split(": ", 1)[-1]
            yield Violation(
                expectation.position,
                f"expected '{expectation.claim}' {expected}, but eval labels it {verdict.label}: {why}",
            )
