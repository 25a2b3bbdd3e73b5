"""Rules about format 2's constructs: inferred conclusions, argument schemes, critical questions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.checks import CheckContext, Violation, ids, rule
from argmap.findings import Severity
from argmap.model import ArgMap, Claim
from argmap.text.suggest import did_you_mean

if TYPE_CHECKING:
    from argmap.schemes import Scheme


@rule(ids.INFERRED_NEEDS_SUPPORT, Severity.ERROR)
def inferred_needs_support(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """A claim marked `inferred: true` has at least one premise, correlation or argument under it.

    An inferred claim is a conclusion the text draws from its supports, so it needs no citation of
    its own; without a support it would rest on nothing at all.

    Fails:
    ```yaml
    argmap: 2
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      inferred: true
    ```

    Passes:
    ```yaml
    argmap: 2
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      premises:
        - id: calmer-schools
          claim: Schools with less bullying are calmer.
          inferred: true
          premises:
            - id: less-bullying
              claim: Uniforms reduce bullying about clothes.
              cite: [survey]
    ```
    """
    for claim in argmap.claims:
        if claim.inferred and not argmap.supporters(claim.id):
            yield Violation(
                claim.field_position("inferred"),
                f"{claim.kind} '{claim.id}' is inferred but nothing supports it; add the "
                "premises it is drawn from, or cite a source and drop 'inferred'",
            )


@rule(ids.UNKNOWN_SCHEME, Severity.ERROR)
def unknown_schemes(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """An argument's `scheme` is one of the built-in argument schemes (`argmap schemes`).

    Fails:
    ```yaml
    argmap: 2
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      arguments:
        - id: survey-says
          scheme: expert-opinon
          premises:
            - id: less-bullying
              claim: Uniforms reduce bullying about clothes.
              cite: [survey]
    ```

    Passes:
    ```yaml
    argmap: 2
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      arguments:
        - id: survey-says
          scheme: expert-opinion
          premises:
            - id: less-bullying
              claim: Uniforms reduce bullying about clothes.
              cite: [survey]
    ```
    """
    named = [(argument, argument.scheme) for argument in argmap.arguments if argument.scheme is not None]
    if not named:
        return
    from argmap.schemes import SCHEMES  # the catalogue is loaded only for maps that name schemes

    for argument, scheme in named:
        if scheme not in SCHEMES:
            yield Violation(
                argument.field_position("scheme"),
                f"argument '{argument.id}' names the unknown scheme '{scheme}'"
                f"{did_you_mean(scheme, SCHEMES)} (see 'argmap schemes')",
            )


#: stands for a scheme that unknown-scheme reports already: its questions are not checked again
_UNKNOWN = "unknown"


def _questioned_scheme(argmap: ArgMap, claim: Claim) -> tuple[str | None, Scheme | str | None]:
    """The argument whose critical question `claim` answers or raises, and that argument's scheme.

    A premise or assumption answers for the argument it belongs to; an undercut of an argument, or
    a counterpoint on one of its premises, raises for that argument.
    """
    argument_id = argmap.questioned_argument(claim)
    argument = argmap.argument_index.get(argument_id) if argument_id else None
    if argument is None or argument.scheme is None:
        return argument_id, None
    from argmap.schemes import SCHEMES

    return argument_id, SCHEMES.get(argument.scheme, _UNKNOWN)


@rule(ids.UNKNOWN_QUESTION, Severity.ERROR)
def unknown_questions(argmap: ArgMap, context: CheckContext) -> Iterator[Violation]:
    """`answers:` and `raises:` name a critical question of the scheme of the argument concerned.

    A premise or assumption of an argument answers one of that argument's questions; an undercut
    of the argument, or a counterpoint on one of its premises, raises one. The argument must name
    a scheme (`argmap schemes` lists each scheme's questions).

    Fails:
    ```yaml
    argmap: 2
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      arguments:
        - id: survey-says
          scheme: expert-opinion
          premises:
            - id: less-bullying
              claim: Uniforms reduce bullying about clothes.
              cite: [survey]
              answers: expertize
    ```

    Passes:
    ```yaml
    argmap: 2
    thesis:
      id: uniforms-help
      claim: Schools should require uniforms.
      arguments:
        - id: survey-says
          scheme: expert-opinion
          premises:
            - id: less-bullying
              claim: Uniforms reduce bullying about clothes.
              cite: [survey]
              answers: backup-evidence
          undercuts:
            - id: survey-of-parents
              claim: The survey asked parents, not pupils.
              cite: [survey]
              raises: field
    ```
    """
    for claim in argmap.claims:
        for key in ("answers", "raises"):
            question = getattr(claim, key)
            if question is None:
                continue
            argument_id, scheme = _questioned_scheme(argmap, claim)
            where = claim.field_position(key)
            if isinstance(scheme, str):  # unknown-scheme reports it
                continue
            if argument_id is None:
                whose = "of a premise of an argument" if key == "raises" else "in an argument"
                yield Violation(
                    where, f"{claim.kind} '{claim.id}' {key} '{question}', but it is not {whose} with a scheme"
                )
            elif scheme is None:
                yield Violation(
                    where,
                    f"{claim.kind} '{claim.id}' {key} '{question}', but argument "
                    f"'{argument_id}' names no (known) scheme",
                )
            elif scheme.question(question) is None:
                known = [q.id for q in scheme.questions]
                yield Violation(
                    where,
                    f"'{question}' is not a critical question of scheme '{scheme.id}'"
                    f"{did_you_mean(question, known)} (its questions: {', '.join(known)})",
                )
