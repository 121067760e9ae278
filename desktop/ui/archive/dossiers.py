"""生成档案 / 打开档案: the two dossier buttons (issue 13 §2) with a line saying where the selected
application's dossier stands. Used under a candidate's applications and in the archive register.

Producing runs in ctx.write (the PDF is rendered on the writer thread, never on the UI thread);
opening checks the file against its registered SHA-256 in ctx.write (the opening is audited) and
hands the path to the system's PDF viewer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.core.archive import dossier
from desktop.core.permissions import Action
from desktop.ui import messages
from desktop.ui.widgets import hint_label, show_outcome

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class DossierBar(QWidget):
    """[Produce dossier] [Open dossier] and the dossier's state, for one application at a time."""

    sig_opened = Signal(str)         # the path handed to the viewer (tests listen here)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.application_id: int | None = None
        self.current: dossier.DossierState | None = None
        self._generation = 0
        self._announce: tuple[int | None, str] = (None, "")   # said once that application's state is read again
        self.produce_button = QPushButton(self.tr("Produce dossier"))
        self.produce_button.setObjectName("produce_dossier")
        self.produce_button.setToolTip(self.tr("Render the application's dossier (PDF/A) into the archive store "
                                               "and register it; an unchanged record gives the same file"))
        self.open_button = QPushButton(self.tr("Open dossier"))
        self.open_button.setObjectName("open_dossier")
        self.open_button.setToolTip(self.tr("Check the dossier's file against its registered SHA-256 and open it "
                                            "in the PDF viewer"))
        self.status = hint_label()
        self.status.setObjectName("dossier_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.produce_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.produce_button.clicked.connect(self.produce)
        self.open_button.clicked.connect(self.open)
        self.setVisible(ctx.may(Action.ARCHIVE_VIEW))
        self.show_for(None)

    def show_for(self, application_id: int | None) -> None:
        self._generation += 1
        self.application_id, self.current = application_id, None
        self.produce_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.status.setText("")
        if application_id is None or not self.ctx.may(Action.ARCHIVE_VIEW):
            return
        generation, actor = self._generation, self.ctx.actor
        self.ctx.read(lambda session: dossier.state(session, actor, application_id),
                      lambda found: self._arrived(generation, found), self._failed, owner=self)

    def _arrived(self, generation: int, found: dossier.DossierState) -> None:
        if generation != self._generation:
            return
        self.current = found
        self.produce_button.setEnabled(found.may_produce)
        self.produce_button.setVisible(found.may_produce)
        self.open_button.setEnabled(found.record_id is not None)
        if found.record_id is None:
            text = (self.tr("No dossier yet: it is produced when the application closes.") if not found.closed
                    else self.tr("No dossier yet."))
        else:
            text = self.tr("Dossier {0} · {1} pages · retention {2} · produced {3}").format(
                found.archive_code, found.pages, found.retention_label, self.ctx.format_time(found.produced_at))
        announce = self._announce[1] if self._announce[0] == found.application_id else ""
        self._announce = (None, "")
        show_outcome(self.status, announce or text, "success" if announce else "")

    def _failed(self, error: BaseException) -> None:
        show_outcome(self.status, messages.describe(error), "error")

    def produce(self) -> None:
        application_id = self.application_id
        if application_id is None:
            return
        self.produce_button.setEnabled(False)
        show_outcome(self.status, self.tr("Producing the dossier…"), "")
        actor = self.ctx.actor

        def work(session):
            row = dossier.produce_now(session, actor, application_id)
            return row.id, row.archive_code, row.pages, application_id

        self.ctx.write(work, self._produced, self._produce_failed, entity="archive",
                       ids=lambda made: (made[0],), owner=self)

    def _produced(self, made: tuple[int, str, int, int]) -> None:
        self._announce = made[3], self.tr("Dossier {0} produced ({1} pages).").format(made[1], made[2])
        if self.application_id == made[3]:
            self.show_for(self.application_id)

    def _produce_failed(self, error: BaseException) -> None:
        self.produce_button.setEnabled(self.current is not None and self.current.may_produce)
        self._failed(error)

    def open(self) -> None:
        application_id = self.application_id
        if application_id is None:
            return
        actor = self.ctx.actor
        self.ctx.write(lambda session: str(dossier.open_file(session, actor, application_id)), self._open_path,
                       self._failed, entity="audit", owner=self)

    def _open_path(self, path: str) -> None:
        self.sig_opened.emit(path)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            show_outcome(self.status, self.tr("No PDF viewer could be started. The file is: {0}").format(path), "error")
