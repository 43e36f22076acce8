"""No dead rules: every public function of an app's permissions module is used somewhere.

A predicate or access function that nothing calls is a rule nobody enforces (issue #10: the
feedback-request predicate was written and never called). Any use counts: another module, a
template, a test or the permission table.
"""

import ast
import re
from pathlib import Path

import traject

ROOT = Path(traject.__file__).parent
PERMISSION_MODULES = sorted(
    [*ROOT.glob("*/permissions.py"), *ROOT.glob("*/permissions/*.py")], key=str
)
SOURCES = [p for p in ROOT.rglob("*") if p.suffix in (".py", ".html", ".txt") and p.is_file()]


def _public_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
    ]


def test_every_public_permission_function_is_used():
    texts = {path: path.read_text(encoding="utf-8") for path in SOURCES}
    assert PERMISSION_MODULES, "no permissions modules found"
    unused = []
    for module in PERMISSION_MODULES:
        for name in _public_functions(module):
            word = re.compile(rf"\b{re.escape(name)}\b")
            uses = sum(len(word.findall(text)) for text in texts.values())
            if uses - 1 <= 0:  # the definition itself is one
                unused.append(f"{module.relative_to(ROOT)}: {name}")
    assert not unused, f"permission functions nothing uses (remove them): {unused}"


def test_the_check_finds_an_unused_function(tmp_path):
    module = tmp_path / "permissions.py"
    module.write_text("def can_fly(user):\n    return False\n\n\ndef _private():\n    pass\n")
    assert _public_functions(module) == ["can_fly"]
