"""The app meets a damaged database file: the unlock dialog says it is damaged and to restore a
backup (not "wrong passphrase", not "unexpected error, your data is safe"), and the file stays
byte-identical; a restore interrupted before the app started is finished before it looks."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from desktop.core.errors import DatabaseBusy, DatabaseDamaged, DatabaseInUse, KeyFileDamaged
from desktop.core.storage.connect import Target
from desktop.core.storage.keys import key_file_for
from desktop.ui.errors import ErrorDialog
from desktop.ui.login import UnlockDialog

PASSPHRASE = "Test-passphrase-1"  # tests/conftest.py


def _digest(*paths) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_an_empty_database_file_is_called_damaged_in_the_unlock_dialog(qtbot, runner, embedded_db, embedded_path,
                                                                       clock):
    embedded_db.dispose()
    embedded_path.write_bytes(b"")
    before = _digest(embedded_path, key_file_for(embedded_path))
    dlg = UnlockDialog(runner, Target(path=embedded_path), clock)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dlg.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.working, timeout=15_000)

    assert dlg.opened is None and dlg.isVisible()
    assert dlg.error.text().startswith("数据库文件已损坏：文件为空（0 字节）。")
    assert "从最近一次完好的备份恢复" in dlg.error.text() and "数据是安全的" not in dlg.error.text()
    assert _digest(embedded_path, key_file_for(embedded_path)) == before
    assert sorted(p.name for p in embedded_path.parent.iterdir()) == sorted(
        [embedded_path.name, key_file_for(embedded_path).name])


def test_storage_errors_are_worded_without_technical_details(qtbot):
    for error, words in ((DatabaseDamaged("malformed"), "文件的部分内容无法读取"),
                         (KeyFileDamaged("kdf_params", "interviewdesk.db.keys"), "密钥派生参数超出范围"),
                         (DatabaseBusy(120), "锁定了 120 秒"),
                         (DatabaseInUse("interviewdesk.db"), "正被另一个程序打开")):
        dialog = ErrorDialog(error)
        qtbot.addWidget(dialog)
        assert words in dialog.message.text() and "数据是安全的" not in dialog.message.text()
        assert dialog.copy_button.parent() is None     # expected errors offer no technical details


def test_a_restore_cut_short_on_a_new_machine_is_finished_before_the_app_decides_on_first_run(
        qtbot, runner, embedded_db, embedded_path, tmp_path, clock):
    """The backup was staged and the switch decided, then the power went: the database file is not
    there yet. The app must offer to open it, not to create a new one."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.core.storage import switch
    from desktop.ui.signin import sign_in

    embedded_db.dispose()
    target = tmp_path / "new-machine" / "interviewdesk.db"
    target.parent.mkdir()
    embedded_path.rename(switch.staged_database_of(target))
    key_file_for(embedded_path).rename(switch.staged_key_file_of(target))
    switch.marker_of(target).write_text('{"format": "interviewdesk-restore/1"}', encoding="utf-8")
    shown = []

    def look_and_leave():
        dialog = QApplication.activeModalWidget()
        shown.append(type(dialog).__name__)
        dialog.reject()

    QTimer.singleShot(200, look_and_leave)
    assert sign_in(runner, Target(path=target), clock) is None

    assert shown == ["UnlockDialog"]
    assert target.is_file() and key_file_for(target).is_file() and not switch.marker_of(target).exists()
