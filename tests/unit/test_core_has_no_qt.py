"""The layering rule: core runs without Qt (the command line and the servers' tools use it headless),
and integrations never reach into the user interface."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_PREFIXES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "shiboken2")

# Runs in a fresh interpreter, so nothing imported by pytest or its plugins (pytest-qt!) counts.
IMPORT_ALL = r"""
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
skip = tuple(sys.argv[2:])
imported = [package.__name__]
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if info.name.startswith(skip):
        continue
    importlib.import_module(info.name)
    imported.append(info.name)
print(json.dumps({"imported": imported, "modules": sorted(sys.modules)}))
"""


def _import_everything(package: str, *skip: str) -> tuple[list[str], list[str]]:
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL, package, *skip], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["imported"], result["modules"]


def _imports_in_source(path: Path) -> set[str]:
    """Every module named by an import statement anywhere in the file, also inside functions;
    relative imports are resolved against the file's package."""
    package = list(path.relative_to(ROOT).with_suffix("").parts)[:-1]  # a module's or __init__'s package
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_importing_all_of_core_loads_no_qt():
    # Alembic's env.py and the revision scripts run only inside alembic's own machinery.
    imported, modules = _import_everything("desktop.core", "desktop.core.migrations.env",
                                           "desktop.core.migrations.versions")
    for expected in ("desktop.core.accounts", "desktop.core.permissions", "desktop.core.services.candidates",
                     "desktop.core.storage.database", "desktop.core.model"):
        assert expected in imported
    qt = [m for m in modules if m.startswith(QT_PREFIXES)]
    assert qt == []
    assert not any(m == "desktop.ui" or m.startswith("desktop.ui.") for m in modules)


def test_no_core_source_file_imports_qt_or_the_ui_even_lazily():
    offenders = {}
    for path in sorted((ROOT / "desktop" / "core").rglob("*.py")):
        bad = {n for n in _imports_in_source(path)
               if n.startswith(QT_PREFIXES) or n == "desktop.ui" or n.startswith("desktop.ui.")}
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_integrations_never_import_the_user_interface():
    imported, modules = _import_everything("desktop.integrations")
    assert "desktop.integrations" in imported
    assert not any(m == "desktop.ui" or m.startswith("desktop.ui.") for m in modules)
    offenders = {}
    for path in sorted((ROOT / "desktop" / "integrations").rglob("*.py")):
        bad = {n for n in _imports_in_source(path) if n == "desktop.ui" or n.startswith("desktop.ui.")}
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}
