"""The built-in catalogue of argument schemes and their critical questions.

A scheme is a common form of defeasible argument: premises of a typical shape that, in the absence
of reasons to doubt them, make a conclusion plausible. Each comes with critical questions, the
standard ways of challenging an argument of that form; an argument that leaves one open is weaker
than it looks. The catalogue follows the schemes of Walton, Reed and Macagno, *Argumentation
Schemes* (Cambridge University Press, 2008), in argmap's own words and with stable ids: a map names a
scheme with `scheme: ID` on an argument, a premise or assumption says which question it settles
with `answers: QUESTION-ID`, and a counterpoint or undercut says which it presses with
`raises: QUESTION-ID`. `argmap schemes` lists the catalogue; docs/schemes.md is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One critical question of a scheme: a stable id and the question as a debater would ask it."""

    id: str
    text: str


@dataclass(frozen=True)
class Scheme:
    """An argument scheme: id, name, the shape of its premises and conclusion, its critical questions."""

    id: str
    name: str
    premises: tuple[str, ...]
    conclusion: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "premises": list(self.premises),
            "conclusion": self.conclusion,
            "questions": [{"id": q.id, "text": q.text} for q in self.questions],
        }


def _scheme(
    scheme_id: str, name: str, premises: tuple[str, ...], conclusion: str, *questions: tuple[str, str]
) -> Scheme:
    return Scheme(scheme_id, name, premises, conclusion, tuple(Question(q, text) for q, text in questions))


CATALOGUE: tuple[Scheme, ...] = (
    _scheme(
        "expert-opinion",
        "Argument from expert opinion",
        ("E is an expert in the field F that A belongs to.", "E asserts that A is true."),
        "A is plausibly true.",
        ("expertise", "How credible is E as an expert: what training, record or standing shows it?"),
        ("field", "Is E an expert in the field that A actually belongs to?"),
        ("opinion", "What exactly did E assert, and does it imply A, or is A a reading of it?"),
        ("trustworthiness", "Is E personally reliable here: any interest, bias or reason to shade the truth?"),
        ("consistency", "Is A consistent with what other experts in the field assert?"),
        ("backup-evidence", "Is E's assertion based on evidence, and what is that evidence?"),
    ),
    _scheme(
        "position-to-know",
        "Argument from position to know",
        ("S is in a position to know whether A is true.", "S asserts that A is true."),
        "A is plausibly true.",
        ("position", "Is S really in a position to know whether A is true?"),
        ("honesty", "Is S an honest, trustworthy source?"),
        ("assertion", "Did S actually assert A, in those terms?"),
    ),
    _scheme(
        "witness-testimony",
        "Argument from witness testimony",
        ("W was in a position to observe whether A happened.", "W testifies that A happened."),
        "A plausibly happened.",
        ("internal-consistency", "Is W's account consistent in itself?"),
        ("external-consistency", "Is it consistent with the known facts and with other witnesses?"),
        ("bias", "Is there reason to think W is biased?"),
        ("plausibility", "How plausible is what W reports?"),
        ("observation", "Could W actually observe what W reports, and how well?"),
    ),
    _scheme(
        "cause-to-effect",
        "Argument from cause to effect",
        ("Generally, if C occurs, E will (or may) occur.", "C occurs (or will occur)."),
        "E will (or may) occur.",
        ("strength", "How strong is the causal generalisation: does C reliably bring about E?"),
        ("evidence", "Is there evidence that the generalisation holds, rather than an assertion that it does?"),
        ("interference", "Are there other factors that could stop C from producing E here?"),
    ),
    _scheme(
        "correlation-to-cause",
        "Argument from correlation to cause",
        ("A and B are correlated.",),
        "A causes B.",
        ("correlation", "Is there really a correlation between A and B, shown by the evidence?"),
        ("coincidence", "Could the correlation be a coincidence, given how few cases it rests on?"),
        ("third-factor", "Could a third factor cause both A and B?"),
        ("direction", "Could B cause A rather than A cause B?"),
    ),
    _scheme(
        "sign",
        "Argument from sign",
        ("S is true in this situation.", "S is generally a sign that A is true."),
        "A is plausibly true.",
        ("reliability", "How strong is the link between the sign and what it is taken to indicate?"),
        ("alternatives", "Are there other events or states that would better account for the sign?"),
    ),
    _scheme(
        "example",
        "Argument from example",
        ("In this case, x has property F and also property G.",),
        "Generally, whatever has F has G.",
        ("true", "Is the proposition in the example actually true?"),
        ("supports", "Does the example really support the general claim?"),
        ("typical", "Is the example typical of the cases the generalisation covers?"),
        ("strength", "How strong is the generalisation, given how many examples there are?"),
        ("special-circumstances", "Do special circumstances of the example weaken its generality?"),
    ),
    _scheme(
        "analogy",
        "Argument from analogy",
        ("Case C1 is similar to case C2.", "A is true in C1."),
        "A is plausibly true in C2.",
        ("differences", "Are there differences between C1 and C2 that would undermine the similarity?"),
        ("true-in-source", "Is A really true in C1?"),
        ("counter-analogy", "Is there a case C3, just as similar to C2, in which A is false?"),
    ),
    _scheme(
        "consequences",
        "Argument from consequences",
        ("If A is brought about, good (or bad) consequences will plausibly follow.",),
        "A should (or should not) be brought about.",
        ("likelihood", "How likely are the consequences to follow, and on what evidence?"),
        ("evidence", "What evidence supports the claim that these consequences will follow?"),
        ("other-consequences", "Are there consequences of the opposite value that should be weighed?"),
    ),
    _scheme(
        "practical-reasoning",
        "Practical reasoning",
        ("The agent has goal G.", "Carrying out action A is a means to realise G."),
        "The agent ought to carry out A.",
        ("other-goals", "Does the agent have goals that conflict with G?"),
        ("alternatives", "Are there other actions that would also realise G, and would they be better?"),
        ("best", "Among the ways of realising G, is A the most acceptable (efficient, feasible)?"),
        ("possible", "Is it practically possible to carry out A?"),
        ("side-effects", "What consequences of A besides G should be taken into account?"),
    ),
    _scheme(
        "popular-opinion",
        "Argument from popular opinion",
        ("A is generally accepted as true.",),
        "A is plausibly true.",
        ("evidence", "What evidence supports the claim that A is generally accepted?"),
        ("reasons", "Even if it is, is there good reason to doubt that A is true?"),
    ),
    _scheme(
        "ad-hominem",
        "Ad hominem (argument from character)",
        ("S is a person of bad character (dishonest, biased, inconsistent).", "S argues for A."),
        "S's argument for A should be given less weight.",
        ("premise", "Is the premise about S's character well supported by evidence?"),
        ("relevance", "Is S's character relevant to the argument S makes?"),
        ("weight", "Does the conclusion go further than weakening S's argument, to A being false?"),
    ),
)

#: scheme id -> scheme, in catalogue order
SCHEMES: dict[str, Scheme] = {scheme.id: scheme for scheme in CATALOGUE}


def scheme(scheme_id: str) -> Scheme | None:
    """The catalogue's scheme with this id, or None."""
    return SCHEMES.get(scheme_id)


def schemes_text(*, only: str | None = None) -> str:
    """The catalogue (or one scheme) for the terminal: id and name, premises, conclusion, questions."""
    lines: list[str] = []
    for entry in CATALOGUE:
        if only is not None and entry.id != only:
            continue
        if lines:
            lines.append("")
        lines.append(f"{entry.id}: {entry.name}")
        lines += [f"  premise:    {premise}" for premise in entry.premises]
        lines.append(f"  conclusion: {entry.conclusion}")
        width = max(len(q.id) for q in entry.questions)
        lines += [f"  ? {q.id:<{width}}  {q.text}" for q in entry.questions]
    return "\n".join(lines) + "\n"


def schemes_json(*, only: str | None = None) -> str:
    """The catalogue (or one scheme) as a stable JSON document: {"version": 1, "schemes": [...]}."""
    import json

    entries = [entry.to_dict() for entry in CATALOGUE if only is None or entry.id == only]
    return json.dumps({"version": 1, "schemes": entries}, indent=2, ensure_ascii=False) + "\n"


def schemes_markdown() -> str:
    """docs/schemes.md: the catalogue as a page (`python -m argmap.schemes > docs/schemes.md`)."""
    lines = [
        "# Argument schemes",
        "",
        "The schemes an argument may name with `scheme: ID`, each with its critical questions. The",
        "catalogue follows Walton, Reed and Macagno, *Argumentation Schemes* (Cambridge University Press,",
        "2008), in argmap's own words. A premise or assumption of the argument says which question it",
        "settles with `answers: QUESTION-ID`; a counterpoint on one of its premises, or an undercut of it,",
        "says which it presses with `raises: QUESTION-ID`. A question the map neither answers nor raises",
        "is an `open-question` gap. `argmap schemes` prints this list (`--format json` for tools).",
        "",
        "This page is generated from the catalogue (`python -m argmap.schemes`).",
        "",
        "| scheme | name | questions |",
        "|---|---|---|",
    ]
    for entry in CATALOGUE:
        lines.append(f"| [`{entry.id}`](#{entry.id}) | {entry.name} | {len(entry.questions)} |")
    for entry in CATALOGUE:
        lines += ["", f"## {entry.id}", "", f"**{entry.name}.**", ""]
        lines += [f"- Premise: {premise}" for premise in entry.premises]
        lines += [f"- Conclusion: {entry.conclusion}", "", "| question | asks |", "|---|---|"]
        lines += [f"| `{q.id}` | {q.text} |" for q in entry.questions]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(schemes_markdown(), end="")
