"""English users see no Chinese punctuation: a full-width colon or bracket glued to translated text
in the UI code ("{mark}：{text}", "{name}（{dept}）") shows in English too. Separators go through
translation (labels.labelled, labels.with_note); text written in Chinese on purpose (a language's
own name, 中文（简体）) keeps its punctuation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"
PUNCTUATION = re.compile("[：（）]")
IDEOGRAPH = re.compile("[\u4e00-\u9fff]")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_ui_code_glues_no_chinese_punctuation_to_translated_text():
    leaks = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                if PUNCTUATION.search(node.value) and not IDEOGRAPH.search(node.value):
                    leaks.append(f"{path.relative_to(UI.parent.parent)}:{node.lineno}: {node.value!r}")
    assert not leaks, "\n".join(leaks)
