"""Words for the data lifecycle shared by the Archive tabs, the approvals inbox and Settings: the
record classes, where their periods count from, purge request states and database sizes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CLASSES = {
    "hired": QT_TRANSLATE_NOOP("Lifecycle", "Hired"),
    "not_hired": QT_TRANSLATE_NOOP("Lifecycle", "Not hired"),
    "withdrawn": QT_TRANSLATE_NOOP("Lifecycle", "Withdrawn"),
    "talent_pool": QT_TRANSLATE_NOOP("Lifecycle", "Talent pool (with consent)"),
    "audit_log": QT_TRANSLATE_NOOP("Lifecycle", "Audit log"),
    "stale": QT_TRANSLATE_NOOP("Lifecycle", "Data maintenance (stale)"),
}
_STARTS = {
    "closed": QT_TRANSLATE_NOOP("Lifecycle", "from the application's closing"),
    "consent": QT_TRANSLATE_NOOP("Lifecycle", "from the consent date"),
    "entry": QT_TRANSLATE_NOOP("Lifecycle", "from each entry's date"),
}
_STATES = {
    "pending": QT_TRANSLATE_NOOP("Lifecycle", "Awaiting approval"),
    "approved": QT_TRANSLATE_NOOP("Lifecycle", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("Lifecycle", "Rejected"),
    "done": QT_TRANSLATE_NOOP("Lifecycle", "Done"),
    "withdrawn": QT_TRANSLATE_NOOP("Lifecycle", "Withdrawn by HR"),
}


def _tr(table: dict[str, str], code: str) -> str:
    return QCoreApplication.translate("Lifecycle", table[code]) if code in table else code


def record_class(code: str) -> str:
    return _tr(_CLASSES, code)


def starts_from(code: str) -> str:
    return _tr(_STARTS, code)


def request_state(code: str) -> str:
    return _tr(_STATES, code)


def period(years: int | None) -> str:
    if years is None:
        return QCoreApplication.translate("Lifecycle", "permanent")
    if years == 1:   # two texts, not "%n year(s)": PySide 6.11's lupdate finds no count in translate()'s 4th argument
        return QCoreApplication.translate("Lifecycle", "1 year")
    return QCoreApplication.translate("Lifecycle", "{0} years").format(years)


def size(num_bytes: int) -> str:
    return QCoreApplication.translate("Lifecycle", "{0} MB").format(f"{num_bytes / (1024 * 1024):.1f}")
