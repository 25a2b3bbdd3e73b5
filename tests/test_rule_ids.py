"""Every Problem names a registered rule: the ids module, the registry and the readers agree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import BASE_MAP, ROOT, shared_path
from test_loader import BROKEN

from argmap.checks import REGISTRY, ids
from argmap.formats.argmap_yaml import load_bytes

FORMATS = sorted((ROOT / "argmap" / "formats").glob("*.py"))
# The calls that make a Problem in the readers, and where in each the rule id goes.
PROBLEM_MAKERS = {"Problem": 3, "_problem": 4, "report": 2}


def _declared_ids() -> dict[str, str]:
    return {name: value for name, value in vars(ids).items() if name.isupper()}


def test_the_ids_module_and_the_registry_name_the_same_rules() -> None:
    declared = _declared_ids()
    assert sorted(declared.values()) == sorted(REGISTRY)
    assert len(set(declared.values())) == len(declared), "two constants for one id"
    assert all(rule.id == key for key, rule in REGISTRY.items())


def _ids_imported(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "argmap.checks.ids"
        for alias in node.names
    }


def _rule_argument(call: ast.Call) -> ast.expr | None:
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    if name not in PROBLEM_MAKERS:
        return None
    for keyword in call.keywords:
        if keyword.arg == "rule":
            return keyword.value
    index = PROBLEM_MAKERS[name]
    return call.args[index] if len(call.args) > index else None


@pytest.mark.parametrize("path", FORMATS, ids=[p.name for p in FORMATS])
def test_readers_name_rules_only_by_the_declared_constants(path: Path) -> None:
    """A rule id given to a Problem in argmap.formats is an ids constant, or a `rule: RuleId`
    parameter passed on, whose default (if any) is an ids constant; never a string typed again."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _ids_imported(tree)
    assert constants <= set(_declared_ids()) | {"RuleId"}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args.args + node.args.kwonlyargs
            defaults = dict(zip([a.arg for a in node.args.args][::-1], node.args.defaults[::-1], strict=False))
            defaults.update((a.arg, d) for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=False) if d)
            for argument in arguments:
                if argument.arg == "rule":
                    assert ast.unparse(argument.annotation) == "RuleId", (path.name, node.name)
                    default = defaults.get("rule")
                    assert default is None or (isinstance(default, ast.Name) and default.id in constants), (
                        path.name,
                        node.name,
                    )
        if isinstance(node, ast.Call):
            given = _rule_argument(node)
            if given is None:
                continue
            assert isinstance(given, ast.Name), (path.name, node.lineno, ast.unparse(given))
            assert given.id in constants or given.id == "rule", (path.name, node.lineno, given.id)


def _loaded_problems():
    yield from load_bytes(BASE_MAP.encode(), file="m.yaml").problems
    for data, _, _ in BROKEN:
        yield from load_bytes(data, file="m.yaml").problems
    edits = [
        ("    via: op-ed\n", "    via: op-ed\n  op-ed: {title: again, kind: web}\n"),  # duplicate source id
        ("  id: uniforms-help", "  id: 1.10"),
        ('"fewer taunts about brands"', '"a\\eb"'),
    ]
    for old, new in edits:
        yield from load_bytes(BASE_MAP.replace(old, new).encode(), file="m.yaml").problems


def test_every_problem_the_readers_make_has_a_registered_id_and_its_severity() -> None:
    seen = set()
    for problem in _loaded_problems():
        assert problem.rule in REGISTRY, problem
        assert problem.severity == REGISTRY[problem.rule].severity, problem
        seen.add(problem.rule)
    assert seen == {ids.SYNTAX, ids.SCHEMA, ids.BAD_TEXT, ids.DUPLICATE_ID}


def test_every_problem_from_the_hostile_corpus_has_a_registered_id() -> None:
    for path in sorted(shared_path("corpora", "hostile", "yaml").glob("*.yaml")):
        for problem in load_bytes(path.read_bytes(), file=path.name).problems:
            assert problem.rule in REGISTRY, (path.name, problem)
