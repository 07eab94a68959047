"""The shape to keep: a domain layer free of web/storage/rendering, small modules."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"
FORBIDDEN_IN_DOMAIN = ("flask", "sqlalchemy", "alembic", "docxtpl", "docx", "werkzeug",
                       "docgen.web", "docgen.storage", "docgen.render", "docgen.convert",
                       "docgen.pipeline")
MAX_LINES = 300


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").glob("*.py")),
                         ids=lambda p: p.name)
def test_domain_imports_no_web_storage_or_rendering(path):
    bad = {name for name in imported_modules(path)
           if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_IN_DOMAIN)}
    assert not bad, f"{path.name} imports {bad}"


def test_modules_stay_small():
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
