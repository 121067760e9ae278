"""HR's dialogs for the labour contract of an accepted offer (劳动合同, issue 12 §4): issuing it
(terms → desktop.integrations.documents.issuing.issue_contract, which checks 第十七条, renders and
signs with the institution's certificate), attaching the candidate's signed scan or signature image,
and opening it: the signature is verified first and the result shown prominently, then the PDF can
be saved."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from desktop.core import contract_issuing
from desktop.core.contract_issuing import ContractTerms
from desktop.core.errors import ValidationFailed
from desktop.core.offers import OfferView
from desktop.integrations.documents import issuing
from desktop.ui import messages
from desktop.ui.forms import EditDialog
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class IssueContractDialog(EditDialog):
    """The terms HR enters; the rest comes from the offer, the candidate and Settings → 劳动合同."""

    def __init__(self, ctx: "AppContext", offer: OfferView, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.offer = offer
        self.setWindowTitle(self.tr("Issue labour contract"))
        self.save_button.setText(self.tr("Issue and sign"))
        start = offer.start_date or ctx.today()
        self.kind = QComboBox()
        for code, text in (("fixed_term", self.tr("Fixed term")), ("open_ended", self.tr("Open-ended")),
                           ("project", self.tr("For a defined task"))):
            self.kind.addItem(text, code)
        self.starts_on = QDateEdit(_qdate(start))
        self.ends_on = QDateEdit(_qdate(start.replace(year=start.year + 3) - timedelta(days=1)))
        for edit in (self.starts_on, self.ends_on):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.probation = QSpinBox()
        self.probation.setRange(0, contract_issuing.MAX_PROBATION_MONTHS)
        self.probation.setSuffix(self.tr(" month(s)"))
        self.probation.setValue(offer.probation_months)
        self.job_content = QLineEdit()
        self.work_place = QLineEdit(offer.work_place)
        self.address = QLineEdit()
        self.pay = QLineEdit()
        self.pay.setPlaceholderText(self.tr("Empty: the offer's salary structure"))
        for edit in (self.job_content, self.work_place, self.address, self.pay):
            edit.setMaxLength(contract_issuing.TERM_MAX)
        add = self.form.add
        add("application", self.tr("Application"), QLabel(caption))
        add("kind", self.tr("Contract term"), self.kind)
        add("starts_on", self.tr("Starts on"), self.starts_on)
        add("ends_on", self.tr("Ends on"), self.ends_on)
        add("probation_months", self.tr("Probation"), self.probation)
        add("job_content", self.tr("Job content *"), self.job_content)
        add("work_place", self.tr("Work place *"), self.work_place)
        add("employee_address", self.tr("Employee's address *"), self.address)
        add("pay", self.tr("Pay"), self.pay)
        self.assemble(hint_label(self.tr(
            "Before issuing, every mandatory item of Article 17 of the Labour Contract Law is checked; the "
            "contract is then signed with the institution's certificate (Settings → Labour contracts).")))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.resize(620, 0)

    def _kind_changed(self) -> None:
        self.ends_on.setEnabled(self.kind.currentData() == "fixed_term")

    def terms(self) -> ContractTerms:
        fixed = self.kind.currentData() == "fixed_term"
        return ContractTerms(self.kind.currentData(), _date(self.starts_on.date()),
                             _date(self.ends_on.date()) if fixed else None, self.probation.value(),
                             self.job_content.text().strip(), self.work_place.text().strip(),
                             self.address.text().strip(), self.pay.text().strip())

    def work(self):
        offer, actor, terms = self.offer, self.ctx.actor, self.terms()
        return ((lambda session: issuing.issue_contract(session, actor, offer.id, terms)), "application",
                (lambda _issued: (offer.application_id,)))


class SignedCopyDialog(EditDialog):
    """The candidate signed in person: the signed paper scanned (PDF, PNG, JPEG) or the signature
    captured on a pad (PNG, JPEG). The file is read in the writer thread."""

    def __init__(self, ctx: "AppContext", contract_id: int, application_id: int, caption: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.contract_id, self.application_id = contract_id, application_id
        self.setWindowTitle(self.tr("Attach the signed copy"))
        self.save_button.setText(self.tr("Attach"))
        self.scan = QRadioButton(self.tr("Signed paper, scanned (PDF or image)"))
        self.signature = QRadioButton(self.tr("Signature captured on a pad (image)"))
        self.scan.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.scan)
        group.addButton(self.signature)
        kinds = QWidget()
        column = QVBoxLayout(kinds)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.scan)
        column.addWidget(self.signature)
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.browse)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.add("application", self.tr("Application"), QLabel(caption))
        self.form.add("kind", self.tr("What it is"), kinds)
        self.form.add("file", self.tr("File *"), file_row)
        self.assemble()
        self.resize(560, 0)

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Signed copy"), "",
                                                    self.tr("PDF or image (*.pdf *.png *.jpg *.jpeg)"))
        if path:
            self.path.setText(path)

    def work(self):
        path = self.path.text().strip()
        if not path:
            raise ValidationFailed({"file": "required"})
        kind = "scan" if self.scan.isChecked() else "signature"
        contract_id, actor, application_id = self.contract_id, self.ctx.actor, self.application_id

        def attach(session):
            try:
                data = Path(path).read_bytes()
            except OSError:
                raise ValidationFailed({"file": "unreadable"}) from None
            return contract_issuing.attach_candidate_signature(session, actor, contract_id, kind, data)

        return attach, "application", (lambda _at: (application_id,))


class ContractViewDialog(QDialog):
    """查看合同: the stored signed PDF verified when opened (valid, or tampered and so on, shown large),
    with who signed it and when; the PDF can then be saved to a file."""

    def __init__(self, ctx: "AppContext", contract_id: int, contract_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.contract_id, self.contract_no = ctx, contract_id, contract_no
        self.check: contract_issuing.ContractCheck | None = None
        self.pdf: bytes | None = None
        self.setWindowTitle(self.tr("Labour contract {0}").format(contract_no))
        self.verdict = QLabel(self.tr("Checking the signature…"))
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.save_button = self.buttons.addButton(self.tr("Save PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.choose_and_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self.resize(560, 0)
        actor = ctx.actor

        def load(session):
            return (issuing.verify_contract(session, actor, contract_id),
                    contract_issuing.contract_pdf(session, actor, contract_id))

        ctx.read(load, self._arrived, self._failed, owner=self)

    def verdict_text(self, status: str) -> str:
        texts = {
            "valid": self.tr("Signature valid: the contract is unchanged since the institution signed it."),
            "tampered": self.tr("TAMPERED: the contract was changed after it was signed. Do not use this copy."),
            "modified": self.tr("Changed after signing: content was added after the signature. Check it before use."),
            "untrusted": self.tr("The signature is intact but its certificate is not trusted (Settings → Labour "
                                 "contracts: CA certificate)."),
            "unsigned": self.tr("The stored file carries no signature."),
            "damaged": self.tr("The stored file is damaged and cannot be checked."),
            "missing": self.tr("No signed file is stored for this contract."),
        }
        return texts.get(status, status)

    def _arrived(self, found) -> None:
        self.check, self.pdf = found
        ok = self.check.status == "valid"
        self.verdict.setText(self.verdict_text(self.check.status))
        self.verdict.setStyleSheet("font-size: 16pt; font-weight: bold; color: %s;" % ("#1b7f3b" if ok else "#c62828"))
        lines = []
        if self.check.signer:
            lines.append(self.tr("Signed by: {0}").format(self.check.signer))
        lines.append(self.tr("Issued: {0}").format(self.ctx.format_time(self.check.issued_at) or "—"))
        lines.append(self.tr("Signed by the candidate: {0}").format(
            self.ctx.format_time(self.check.candidate_signed_at) or self.tr("not yet")))
        self.details.setText("\n".join(lines))
        self.save_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.verdict.setText(messages.describe(error))
        self.verdict.setStyleSheet("font-size: 12pt; font-weight: bold; color: #c62828;")

    def choose_and_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save contract"), f"{self.contract_no}.pdf",
                                                    self.tr("PDF (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        data = self.pdf
        self.ctx.run(lambda: Path(path).write_bytes(data), lambda _n: self.details.setText(
            self.details.text() + "\n" + self.tr("Saved to {0}").format(path)), self._failed)
