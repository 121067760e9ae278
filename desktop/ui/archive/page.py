"""档案 Archive: the archive register and the data lifecycle (issue 13), one tab per task.

Each tab is listed in TABS with the actions it needs; a user sees the tabs their roles allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.core.permissions import Action

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str                                  # translated in the "ArchiveHub" context
    needs: tuple[Action, ...]                   # any one of them shows the tab
    build: Callable[["AppContext"], QWidget]


def _register(ctx: "AppContext") -> QWidget:
    from desktop.ui.overview.pages import ArchivePage
    return ArchivePage(ctx)


def _packages(ctx: "AppContext") -> QWidget:
    from desktop.ui.archive.packages import PackagesPage
    return PackagesPage(ctx)


def _retention(ctx: "AppContext") -> QWidget:
    from desktop.ui.archive.retention import RetentionTab
    return RetentionTab(ctx)


def _maintenance(ctx: "AppContext") -> QWidget:
    from desktop.ui.archive.maintenance import MaintenanceTab
    return MaintenanceTab(ctx)


def _privacy(ctx: "AppContext") -> QWidget:
    from desktop.ui.archive.privacy import PrivacyRequestsPage
    return PrivacyRequestsPage(ctx)


TABS: tuple[TabSpec, ...] = (
    TabSpec("register", QT_TRANSLATE_NOOP("ArchiveHub", "Archive register"), (Action.ARCHIVE_VIEW,), _register),
    TabSpec("packages", QT_TRANSLATE_NOOP("ArchiveHub", "Archive packages"),
            (Action.ARCHIVE_VIEW, Action.ARCHIVE_EXPORT), _packages),
    TabSpec("retention", QT_TRANSLATE_NOOP("ArchiveHub", "Retention"), (Action.ARCHIVE_VIEW,), _retention),
    TabSpec("maintenance", QT_TRANSLATE_NOOP("ArchiveHub", "Data maintenance"), (Action.CANDIDATE_DELETE,),
            _maintenance),
    TabSpec("privacy", QT_TRANSLATE_NOOP("ArchiveHub", "Personal-data requests"), (Action.CANDIDATE_EDIT,), _privacy),
)


class ArchiveHub(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.setObjectName("archive_tabs")
        self.pages: dict[str, QWidget] = {}
        for spec in TABS:
            if any(ctx.may(action) for action in spec.needs):
                page = spec.build(ctx)
                self.pages[spec.key] = page
                self.tabs.addTab(page, QCoreApplication.translate("ArchiveHub", spec.title))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
