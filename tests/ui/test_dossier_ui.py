"""生成档案 / 打开档案 where an HR officer looks for them: under the candidate's application and in
the archive register. Closing the application from the candidate page produces its dossier (the
bar says so); "Open dossier" checks the file and hands it to the system's viewer; a file changed
in the archive store is refused with the reason worded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from scheduling_ui import idle
from sqlalchemy import select

from desktop.core.archive import dossier
from desktop.core.model import Application, ArchiveRecord
from desktop.ui.archive.page import ArchiveHub
from desktop.ui.candidates.page import CandidatesPage


def tr(text: str) -> str:
    return QCoreApplication.translate("DossierBar", text)


class Viewer(QObject):
    """Stands in for the system's PDF viewer: records what it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def viewer():
    found = Viewer()
    QDesktopServices.setUrlHandler("file", found, "show")
    yield found
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def ctx(make_ctx, world):
    return make_ctx(world.hr)


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def test_closing_on_the_candidate_page_produces_the_dossier_and_it_opens(qtbot, world, ctx, viewer):
    page = show(qtbot, CandidatesPage(ctx))
    qtbot.waitUntil(lambda: page.model.loaded_once and page.model.row_of(world.candidates[0]) >= 0, timeout=10_000)
    page.table.select_id(world.candidates[0])
    idle(qtbot, ctx)
    panel = page.detail.applications
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)
    panel.table.selectRow(0)
    idle(qtbot, ctx)
    bar = panel.dossier
    assert bar.produce_button.text() == tr("Produce dossier") and bar.open_button.text() == tr("Open dossier")
    assert not bar.open_button.isEnabled() and bar.produce_button.isEnabled()
    assert bar.status.text() == tr("No dossier yet: it is produced when the application closes.")
    panel.stage_button.click()
    dialog = panel.dialog
    dialog.stage.setCurrentIndex(dialog.stage.findData("rejected"))
    dialog.save_button.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: bar.open_button.isEnabled(), timeout=10_000)
    with world.db.session() as s:
        row = s.scalar(select(ArchiveRecord).where(ArchiveRecord.application_id == world.applications[0]))
        path = dossier.file_path(s, row)
        code = row.archive_code
    assert code in bar.status.text() and "5年" in bar.status.text()
    bar.open_button.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: viewer.opened == [str(path)], timeout=10_000)
    path.write_bytes(path.read_bytes() + b"%changed\n")                  # altered in the archive store
    bar.open_button.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "SHA-256" in bar.status.text(), timeout=10_000)
    assert bar.status.objectName() == "error" and viewer.opened == [str(path)]
    bar.produce_button.click()                                           # produced again: a good file
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: bar.status.objectName() == "success" and code in bar.status.text(), timeout=10_000)
    bar.open_button.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: len(viewer.opened) == 2, timeout=10_000)


def test_the_register_produces_and_opens_the_selected_dossier(qtbot, world, ctx, viewer):
    with world.db.session(world.hr, write=True) as s:
        made = dossier.produce_now(s, world.hr, world.applications[0])     # on demand, still open
        record_id, path = made.id, dossier.file_path(s, made)
        assert made.reason == "on_demand"
    hub = show(qtbot, ArchiveHub(ctx))
    register = hub.pages["register"]
    qtbot.waitUntil(lambda: register.model.loaded_once and register.model.row_of(record_id) >= 0, timeout=10_000)
    assert register.model.headers()[2:6] == [QCoreApplication.translate("ArchiveTableModel", t)
                                              for t in ("Formed on", "Retention", "Pages", "Produced because")]
    register.table.select_id(record_id)
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: register.dossier.open_button.isEnabled(), timeout=10_000)
    register.dossier.open_button.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: viewer.opened == [str(path)], timeout=10_000)
    with world.db.session() as s:
        assert s.get(Application, world.applications[0]).closed_at is None


def test_the_archive_folder_is_set_in_settings_and_a_relative_one_refused(qtbot, make_ctx, hr_admin, embedded_db,
                                                                          tmp_path):
    from desktop.core import settings
    from desktop.ui.settings.page import SettingsPage

    ctx = make_ctx(hr_admin)
    page = show(qtbot, SettingsPage(ctx))
    tab = page.dossiers
    assert page.tabs.indexOf(tab) >= 0
    qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=10_000)
    assert tab.inputs["archive.include_contacts"].currentData() == "masked"
    tab.inputs["archive.folder"].setText("archive")                       # relative: refused
    tab.save_button.click()
    idle(qtbot, ctx)
    with embedded_db.session() as s:
        assert settings.institution_value(s, "archive.folder") == ""
    tab.inputs["archive.folder"].setText(str(tmp_path / "store"))
    tab.inputs["archive.include_contacts"].setCurrentIndex(tab.inputs["archive.include_contacts"].findData("none"))
    tab.save_button.click()
    idle(qtbot, ctx)
    with embedded_db.session() as s:
        assert settings.institution_value(s, "archive.folder") == str(tmp_path / "store")
        assert settings.institution_value(s, "archive.include_contacts") == "none"
