"""Words of 我的面试 for the codes it shows: scorecard recommendations and the kinds of a position's
structured requirements (with their values worded, an education level for instance)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core import labels

_RECOMMENDATIONS = {
    "strong_yes": QT_TRANSLATE_NOOP("Desk", "Strongly recommend"),
    "yes": QT_TRANSLATE_NOOP("Desk", "Recommend"),
    "undecided": QT_TRANSLATE_NOOP("Desk", "Undecided"),
    "no": QT_TRANSLATE_NOOP("Desk", "Do not recommend"),
    "": QT_TRANSLATE_NOOP("Desk", "No recommendation"),
}
_REQUIREMENT_KINDS = {
    "education": QT_TRANSLATE_NOOP("Desk", "Education"),
    "major": QT_TRANSLATE_NOOP("Desk", "Majors"),
    "years": QT_TRANSLATE_NOOP("Desk", "Years of experience"),
    "certificate": QT_TRANSLATE_NOOP("Desk", "Certificates"),
    "skill": QT_TRANSLATE_NOOP("Desk", "Skills and keywords"),
    "custom": QT_TRANSLATE_NOOP("Desk", "Other"),
}


def _word(table: dict[str, str], code: str) -> str:
    source = table.get(code)
    return QCoreApplication.translate("Desk", source) if source is not None else code


def recommendation(code: str) -> str:
    return _word(_RECOMMENDATIONS, code)


def requirement_kind(code: str, label: str = "") -> str:
    """The institution's own label when it gave one, else the kind's name."""
    return label or _word(_REQUIREMENT_KINDS, code)


def requirement_value(kind: str, value: str) -> str:
    if kind == "education":
        return QCoreApplication.translate("Desk", "{0} or higher").format(labels.education(value))
    if kind == "years":
        years = int(value) if value.strip().isdigit() else None
        if years is None:
            return value
        if years == 1:   # two texts, not "%n year(s)": PySide 6.11's lupdate finds no count in translate()'s 4th argument
            return QCoreApplication.translate("Desk", "at least 1 year")
        return QCoreApplication.translate("Desk", "at least {0} years").format(years)
    return labels.joined(v.strip() for v in value.replace("，", ",").split(",") if v.strip()) or value
