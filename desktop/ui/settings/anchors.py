"""Settings → 审计锚点 (administrators): where the audit log's head is published, outside the
database, so that a rewritten log can be told (desktop/core/anchors.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core import anchors
from desktop.ui.errors import show_error
from desktop.ui.settings.inputs import (
    StoredSettingsTab, add_folder_row, save_row, setting_column, setting_form, setting_input, stored,
)

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

_LABELS = {
    "audit.anchor_email": QT_TRANSLATE_NOOP("AnchorSettings", "Archive office's mailbox"),
    "audit.anchor_oa_recipient": QT_TRANSLATE_NOOP("AnchorSettings", "Archive office's OA account"),
    "audit.anchor_interval_hours": QT_TRANSLATE_NOOP("AnchorSettings", "Publish every (hours)"),
    "audit.anchor_folder": QT_TRANSLATE_NOOP("AnchorSettings", "Anchor folder (optional)"),
}


def anchor_label(key: str) -> str:
    return QCoreApplication.translate("AnchorSettings", _LABELS[key]) if key in _LABELS else key


def _load(session) -> tuple[dict[str, Any], anchors.AnchorStatus]:
    return stored(session, tuple(_LABELS)), anchors.status(session)


class AnchorSettings(StoredSettingsTab, QWidget):
    setting_label = staticmethod(anchor_label)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = setting_form(self, ctx)
        for key in _LABELS:
            self.inputs[key] = setting_input(key, width=360)
        self.inputs["audit.anchor_email"].setPlaceholderText("dangan@example.cn")
        for key in _LABELS:
            if key == "audit.anchor_folder":
                self.browse = add_folder_row(self, key, anchor_label(key), self.tr("Anchor folder"))
            else:
                self.form.add(key, anchor_label(key), self.inputs[key])
        self.state = QLabel()
        self.state.setWordWrap(True)
        buttons = save_row(self, self.tr("Save anchor settings"))
        setting_column(self, self.tr(
            "The audit log proves every change, but whoever holds the database key could rewrite it. Its latest "
            "entry (number and hash) is therefore sent regularly to witnesses the database cannot change: the "
            "archive office's mailbox or OA account (keep these messages), and an anchor folder, ideally on "
            "another computer. Every backup carries one too. The IT office checks the log against the saved "
            "messages and files with: interviewdesk audit verify --anchors FOLDER"), layout, self.state, buttons)
        self.load()

    def load(self) -> None:
        self.ctx.read(_load, self._loaded, lambda error: show_error(error, self), owner=self)

    def _loaded(self, found: tuple[dict[str, Any], anchors.AnchorStatus]) -> None:
        values, status = found
        self._arrived(values)
        self.show_status(status)

    def show_status(self, status: anchors.AnchorStatus) -> None:
        if status.last_out is None:
            text = self.tr("No anchor has gone out yet.")
        else:
            text = self.tr("Last anchor went out: {0}.").format(self.ctx.local(status.last_out).strftime("%Y-%m-%d %H:%M"))
        self.state.setObjectName("formError" if status.warn else "hint")
        self.state.setText(text)
        self.state.style().polish(self.state)
