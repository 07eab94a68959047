"""The shape to keep: a domain layer free of web/storage/rendering, the web framework only
in ``docgen.web``, services free of the web, small modules.

Imports are read with ``ast`` (every ``import`` and ``from ... import`` anywhere in the
module, in functions and under ``TYPE_CHECKING`` too; relative imports resolved), never
with a text search.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"
FORBIDDEN_IN_DOMAIN = ("flask", "sqlalchemy", "alembic", "docxtpl", "docx", "werkzeug",
                       "docgen.web", "docgen.storage", "docgen.render", "docgen.convert",
                       "docgen.pipeline")
WEB_FRAMEWORK = ("flask", "flask_login", "flask_wtf", "werkzeug")
# Password hashing is werkzeug.security (pbkdf2/scrypt with salt, the format the stored
# hashes already have); it is a plain function library, not the web framework, so the
# layers that keep and check passwords may use it, and nothing else of werkzeug.
PASSWORD_HASHING = "werkzeug.security"
PASSWORD_LAYERS = ("storage", "accounts")
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, source: str | None = None) -> set[str]:
    """Every module ``path`` imports (``from a import b`` counts as ``a`` and ``a.b``)."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[:len(package) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def modules(*under: str) -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py")
                  if p.relative_to(PACKAGE).parts[:len(under)] == under)


def layer(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_domain_imports_no_web_storage_or_rendering(path):
    bad = {name for name in imported_modules(path) if within(name, FORBIDDEN_IN_DOMAIN)}
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_domain_imports_nothing_of_docgen_but_the_domain(path):
    """Not even ``docgen.errors`` or ``docgen.config``: the domain is what the other
    layers build on (its input errors are ``docgen.domain.errors``)."""
    bad = {name for name in imported_modules(path)
           if within(name, ("docgen",)) and not within(name, ("docgen.domain",))}
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", [p for p in modules() if layer(p) != "web"],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_web_imports_the_web_framework(path):
    allowed = (PASSWORD_HASHING,) if layer(path) in PASSWORD_LAYERS else ()
    bad = {name for name in imported_modules(path)
           if within(name, WEB_FRAMEWORK) and not within(name, allowed)}
    assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*/services.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_services_import_nothing_of_the_web(path):
    bad = {name for name in imported_modules(path)
           if within(name, ("docgen.web", *WEB_FRAMEWORK))}
    assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_the_rules_see_every_kind_of_import():
    """Relative imports resolved, imports inside functions found, prefixes exact."""
    source = ("from . import access\nfrom ..web import context\n"
              "def f():\n    import flask.views\n")
    names = imported_modules(PACKAGE / "accounts" / "probe.py", source)
    assert {"docgen.accounts.access", "docgen.web.context", "flask.views"} <= names
    assert within("flask.views", WEB_FRAMEWORK) and not within("flaskish", WEB_FRAMEWORK)


def test_modules_stay_small():
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
