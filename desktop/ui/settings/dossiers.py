"""Settings → 面试档案 (administrators): where the archive store is (the folder dossiers are written
to; empty: the data folder's "archive"; in server mode a share every desktop reaches), how a
candidate's contacts appear in a dossier (masked by default, in full, or not at all) and the
classification (密级) printed on and filed with each dossier (desktop/core/archive/dossier.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QPushButton, QWidget

from desktop.core.paths import app_dirs
from desktop.ui.settings.inputs import StoredSettingsTab, save_row, setting_column, setting_form, setting_input

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

CONTEXT = "DossierSettings"
_LABELS = {
    "archive.folder": QT_TRANSLATE_NOOP("DossierSettings", "Archive folder"),
    "archive.include_contacts": QT_TRANSLATE_NOOP("DossierSettings", "Candidate's contacts in dossiers"),
    "archive.classification": QT_TRANSLATE_NOOP("DossierSettings", "Classification"),
}
_CONTACTS = (("masked", QT_TRANSLATE_NOOP("DossierSettings", "Masked (138****5678)")),
             ("full", QT_TRANSLATE_NOOP("DossierSettings", "In full")),
             ("none", QT_TRANSLATE_NOOP("DossierSettings", "Left out")))


def label_of(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, _LABELS[key]) if key in _LABELS else key


class DossierSettings(StoredSettingsTab, QWidget):
    setting_label = staticmethod(label_of)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = setting_form(self, ctx)
        folder = setting_input("archive.folder", width=420)
        folder.setPlaceholderText(str(app_dirs().data / "archive"))
        self.inputs["archive.folder"] = self.form.add("archive.folder", label_of("archive.folder"), folder)
        contacts = QComboBox()
        for code, text in _CONTACTS:
            contacts.addItem(QCoreApplication.translate(CONTEXT, text), code)
        self.inputs["archive.include_contacts"] = self.form.add(
            "archive.include_contacts", label_of("archive.include_contacts"), contacts)
        self.inputs["archive.classification"] = self.form.add(
            "archive.classification", label_of("archive.classification"), setting_input("archive.classification", 160))
        buttons = save_row(self, self.tr("Save"))
        self.choose_button = QPushButton(self.tr("Choose folder…"))
        self.choose_button.clicked.connect(self.choose_folder)
        buttons.addWidget(self.choose_button)
        setting_column(self, self.tr(
            "Each application's dossier (PDF/A) is written to the archive folder when the application closes, "
            "and registered with its SHA-256. Empty: the data folder shown greyed. In server mode choose a "
            "share every desktop reaches, so that each can open the dossiers; back the folder up with the "
            "database. A changed setting applies to dossiers produced from now on."), layout, buttons)
        self.load()

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Archive folder"),
                                                self.inputs["archive.folder"].text())
        if path:
            self.inputs["archive.folder"].setText(path)
