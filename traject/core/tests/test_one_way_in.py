"""The one way in: views and API endpoints reach objects only through their app's access
functions (``permissions.py``), never through a check of their own.

A module is checked when it is not in ``NOT_YET_MIGRATED``; a module in that list that has
become clean fails the test too, so the list only shrinks.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# Inline checks a view or endpoint must not make: the access function does them.
FORBIDDEN_CALLS = {
    "ensure",
    "get_scoped_or_404",
    "get_object_or_404",
    "get_list_or_404",
    "require_authenticated",
}
FORBIDDEN_RAISES = {"PermissionDenied"}

# Views that need no access function: reachable without an account on purpose.
PUBLIC = {
    "traject/accounts/views.py": {"set_language"},  # anyone may choose the language
    "traject/core/views.py": {"healthz", "dashboard"},  # the dashboard shows only one's own
    # Stateless or public reference: the check of the schedule it is sent, the rule sets.
    "traject/worktime/api.py": {"worktime_check", "worktime_rules"},
    "traject/trajectory/api.py": {"end_date_compute"},  # a computation on the data it is sent
}

# Modules whose views still hold their own checks (issue #10, to be migrated app by app).
NOT_YET_MIGRATED: set[str] = set()  # every app goes through its access functions


def _modules() -> list[str]:
    found = []
    for app in sorted((ROOT / "traject").iterdir()):
        for name in ("views", "api"):
            single = app / f"{name}.py"
            if single.is_file():
                found.append(single)
            package = app / name
            if package.is_dir():
                found.extend(sorted(package.glob("*.py")))
    return [str(p.relative_to(ROOT)) for p in found if p.parent.name != "config"]


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _inline_checks(tree: ast.AST) -> list[str]:
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in FORBIDDEN_CALLS:
            problems.append(f"line {node.lineno}: {_called_name(node)}()")
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = exc.id if isinstance(exc, ast.Name) else getattr(exc, "attr", None)
            if name in FORBIDDEN_RAISES:
                problems.append(f"line {node.lineno}: raise {name}")
    return problems


def _is_access_call(call: ast.Call) -> bool:
    """``permissions.x(...)`` / ``perms.x(...)``: a call into the app's access functions."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"permissions", "perms"}
    )


def _views_without_access(tree: ast.Module, public: set[str]) -> list[str]:
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    reaches: dict[str, bool] = {}

    def reaches_access(name: str, seen: frozenset = frozenset()) -> bool:
        if name in reaches:
            return reaches[name]
        node = functions[name]
        result = False
        for call in (c for c in ast.walk(node) if isinstance(c, ast.Call)):
            if _is_access_call(call):
                result = True
                break
            callee = call.func.id if isinstance(call.func, ast.Name) else None
            if (
                callee in functions
                and callee not in seen | {name}
                and reaches_access(callee, seen | {name})
            ):
                result = True
                break
        reaches[name] = result
        return result

    missing = []
    for name, node in functions.items():
        args = [a.arg for a in node.args.args]
        is_view = args[:1] == ["request"] and not name.startswith("_")
        if is_view and name not in public and not reaches_access(name):
            missing.append(f"{name}() calls no access function")
    return missing


@pytest.mark.parametrize("module", _modules())
def test_views_and_endpoints_call_only_access_functions(module):
    tree = ast.parse((ROOT / module).read_text(), module)
    problems = _inline_checks(tree) + _views_without_access(tree, PUBLIC.get(module, set()))
    if module in NOT_YET_MIGRATED:
        assert problems, f"{module} is clean now: remove it from NOT_YET_MIGRATED"
        return
    assert not problems, f"{module} checks access itself:\n" + "\n".join(problems)


def test_the_list_of_modules_to_migrate_names_real_modules():
    assert set(_modules()) >= NOT_YET_MIGRATED
