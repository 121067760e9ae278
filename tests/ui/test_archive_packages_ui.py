"""The Archive page's packages tab: export a package from the dialog (off the UI thread, with its
result), see it in the register of exports, verify it (and a damaged copy) from the verify dialog;
who sees which buttons."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from ui_helpers import add_user

from archive_helpers import archive_world
from desktop.core.model import Role
from desktop.ui.archive.packages import ExportDialog, PackagesPage, VerifyDialog

FIRST = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


def idle(qtbot, ctx) -> None:
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=60_000)


@pytest.fixture
def archived(embedded_db):
    return archive_world(embedded_db, candidates=40, closed=5, first_day=FIRST)


def export_from_dialog(qtbot, ctx, folder: Path, *, as_zip: bool) -> ExportDialog:
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    idle(qtbot, ctx)
    dialog.date_from.setDate(QDate(2026, 12, 1))
    dialog.date_to.setDate(QDate(2026, 12, 31))
    dialog.folder.setText(str(folder))
    (dialog.as_zip if as_zip else dialog.as_folder).setChecked(True)
    assert dialog.name.text() == "面试档案包_20261201-20261231" + (".zip" if as_zip else "")
    dialog.ok_button.click()
    assert not dialog.ok_button.isEnabled()          # the work runs off the UI thread
    idle(qtbot, ctx)
    return dialog


def test_export_from_the_dialog_shows_the_result_and_lists_it(qtbot, ctx, archived, tmp_path):
    page = PackagesPage(ctx)
    qtbot.addWidget(page)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 0 and page.export_button.isVisibleTo(page)
    dialog = export_from_dialog(qtbot, ctx, tmp_path, as_zip=True)
    package = tmp_path / "面试档案包_20261201-20261231.zip"
    assert package.is_file()
    assert dialog.outcome.objectName() == "success"
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1
    row = page.model.rows[0]
    assert row.dossiers == 5 and row.package_sha256 in dialog.outcome.text() and str(package) in dialog.outcome.text()
    assert page.model.index(0, page.model.COL_DIGEST).data() == row.package_sha256
    assert page.model.index(0, page.model.COL_DESTINATION).data(Qt.ItemDataRole.ToolTipRole) == str(package)

    again = export_from_dialog(qtbot, ctx, tmp_path, as_zip=True)     # the same name is taken: _2
    assert (tmp_path / "面试档案包_20261201-20261231_2.zip").is_file() and again.outcome.objectName() == "success"


def test_verify_dialog_says_ok_or_names_the_damaged_file(qtbot, ctx, archived, tmp_path):
    export_from_dialog(qtbot, ctx, tmp_path, as_zip=False)
    package = tmp_path / "面试档案包_20261201-20261231"
    dialog = VerifyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(package))
    dialog.ok_button.click()
    idle(qtbot, ctx)
    assert dialog.outcome.objectName() == "success" and "5" in dialog.outcome.text()

    damaged = tmp_path / "damaged"
    shutil.copytree(package, damaged)
    pdf = sorted((damaged / "dossiers").iterdir())[2]
    data = bytearray(pdf.read_bytes())
    data[-40] ^= 0x20
    pdf.write_bytes(bytes(data))
    dialog.path.setText(str(damaged))
    dialog.ok_button.click()
    idle(qtbot, ctx)
    assert dialog.outcome.objectName() == "formError"
    assert f"dossiers/{pdf.name}" in dialog.outcome.text()


def test_an_unwritable_destination_is_worded_and_leaves_nothing(qtbot, ctx, archived, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    dialog = export_from_dialog(qtbot, ctx, blocker, as_zip=False)
    assert dialog.outcome.objectName() == "formError" and dialog.ok_button.isEnabled()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "file", "home"]


def test_a_viewer_sees_the_tab_without_the_export_button_and_others_not_at_all(qtbot, make_ctx, embedded_db):
    from desktop.ui.archive.page import ArchiveHub

    director = make_ctx(add_user(embedded_db, "zhuguan", [(Role.DIRECTOR, None)], display_name="主管"))
    hub = ArchiveHub(director)
    qtbot.addWidget(hub)
    idle(qtbot, director)
    assert "packages" in hub.pages and not hub.pages["packages"].export_button.isVisibleTo(hub.pages["packages"])
    interviewer = make_ctx(add_user(embedded_db, "mianshi", [(Role.INTERVIEWER, None)], display_name="面试官"))
    other = ArchiveHub(interviewer)
    qtbot.addWidget(other)
    assert "packages" not in other.pages
