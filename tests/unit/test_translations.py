"""Every user-facing string has a finished Simplified Chinese translation, and the translations
compile and load. Works on a temporary copy so the repository's .ts file is never touched."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]


def _i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n = _i18n_script()


@pytest.fixture(scope="module")
def refreshed_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the zh_CN .ts file brought up to date with the source code by lupdate."""
    copy = tmp_path_factory.mktemp("i18n") / "interviewdesk_zh_CN.ts"
    shutil.copy(i18n.ts_file("zh_CN"), copy)
    subprocess.run([i18n._tool("lupdate"), *i18n.sources(), "-no-obsolete", "-source-language", "en",
                    "-target-language", "zh_CN", "-ts", str(copy)],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    return copy


def _untranslated(ts: Path) -> list[str]:
    todo = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("obsolete", "vanished"):
                continue
            texts = [translation.text or ""] if translation is not None else [""]
            if translation is not None and translation.findall("numerusform"):
                texts = [form.text or "" for form in translation.findall("numerusform")]
            if kind == "unfinished" or not all(t.strip() for t in texts):
                todo.append(f"{name}: {message.findtext('source')!r}")
    return todo


def test_every_string_in_the_code_has_a_finished_chinese_translation(refreshed_ts: Path) -> None:
    todo = _untranslated(refreshed_ts)
    assert not todo, (f"{len(todo)} string(s) lack a finished zh_CN translation; run scripts/i18n.py update, "
                      "missing, apply:\n  " + "\n  ".join(todo[:40]))


def test_lupdate_found_the_strings_of_the_code(refreshed_ts: Path) -> None:
    sources = [m.findtext("source") for m in ET.parse(refreshed_ts).getroot().iter("message")]
    assert "Name" in sources  # desktop/ui/messages.py, field labels


def test_translations_compile_and_translate_to_chinese(tmp_path: Path) -> None:
    qm = tmp_path / "interviewdesk_zh_CN.qm"
    done = subprocess.run([i18n._tool("lrelease"), str(i18n.ts_file("zh_CN")), "-qm", str(qm)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert qm.stat().st_size > 0

    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("Messages", "Name") == "姓名"
    assert translator.translate("Messages", "no such source text") == ""

