"""Loading translations: ours (resources/i18n/interviewdesk_<lang>.qm) and Qt's own for standard
dialogs. Used by the app and by the command line (which runs a QCoreApplication for this)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.core.paths import resources_dir

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
_installed: list[QTranslator] = []
_current = [DEFAULT_LANGUAGE]


def current() -> str:
    """The language installed last ("zh_CN" or "en"), for texts core words in both languages."""
    return _current[0]


def system_language() -> str:
    """zh_CN unless the desktop's locale is English (the product's users are in China)."""
    name = QLocale.system().name()
    return "en" if name.startswith("en") else DEFAULT_LANGUAGE


def normalise(language: str | None) -> str:
    if not language:
        return DEFAULT_LANGUAGE
    language = language.replace("-", "_")
    if language.lower().startswith("en"):
        return "en"
    return "zh_CN"


def _compiled(lang: str) -> Path | None:
    """The .qm file, compiled from the .ts source when it is missing or older (source checkouts)."""
    folder = resources_dir() / "i18n"
    qm, ts = folder / f"interviewdesk_{lang}.qm", folder / f"interviewdesk_{lang}.ts"
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        import PySide6

        tool = Path(PySide6.__file__).parent / "lrelease"
        try:
            subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60,
                           capture_output=True)
        except (OSError, subprocess.SubprocessError):
            pass
    return qm if qm.exists() else None


def install(app: QCoreApplication, language: str) -> str:
    """Install the translators for `language` ("zh_CN" or "en"); returns the language in effect."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = normalise(language)
    _current[0] = language
    if language == "en":   # the source language: only the plural forms ("1 interview", "2 interviews")
        plurals = _compiled("en")
        translator = QTranslator(app)
        if plurals and translator.load(str(plurals)):
            app.installTranslator(translator)
            _installed.append(translator)
        return language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    ours = _compiled(language)
    translator = QTranslator(app)
    if ours and translator.load(str(ours)):
        app.installTranslator(translator)
        _installed.append(translator)
    return language
