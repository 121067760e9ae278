"""Settings → 合同模板 (administrators): the institution's labour contract template, edited as text
(the title on the first line, each clause as a line "== heading" and its text with {field}
placeholders). Saving checks 劳动合同法 第十七条 and names every missing item; a saved template
becomes the next version, contracts already issued keep theirs (desktop/core/contract_issuing.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.core import contract_issuing, contracts, labels
from desktop.core.contracts import ContractTemplate
from desktop.core.errors import ContractIncomplete
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, show_outcome

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class ContractTemplateSettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lang = "en" if ctx.language == "en" else "zh_CN"
        fields = ", ".join(f"{{{code}}}" for code in contracts.FIELD_LABELS)
        self.name = QLineEdit()
        self.name.setMinimumWidth(360)
        self.text = QPlainTextEdit()
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.version = QLabel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        self.save_button = QPushButton(self.tr("Save as new version"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("Template name")))
        name_row.addWidget(self.name)
        name_row.addWidget(self.version, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr(
            'The title on the first line; each clause starts with a line "== heading" followed by its text. '
            "Saving checks that every mandatory item of Article 17 of the Labour Contract Law has its place; "
            "contracts already issued keep the version they were issued on. Fields: {0}").format(fields)))
        column.addLayout(name_row)
        column.addWidget(self.text, 1)
        column.addWidget(self.result)
        column.addLayout(buttons)
        self.lang = lang
        self.ctx.read(contract_issuing.current_template, self._show, lambda error: show_error(error, self), owner=self)

    def _show(self, template: ContractTemplate) -> None:
        self.name.setText(template.name)
        self.text.setPlainText(contract_issuing.template_text(template))
        shipped = template is contracts.DEFAULT_TEMPLATE     # nothing saved yet
        self.version.setText(self.tr("Shipped template in use") if shipped
                             else self.tr("Version {0} in use").format(template.version))
        self.save_button.setEnabled(True)

    def save(self) -> None:
        actor, name, text = self.ctx.actor, self.name.text(), self.text.toPlainText()
        self.result.hide()
        self.save_button.setEnabled(False)

        def write(session):
            title, clauses = contract_issuing.parse_template_text(text)
            return contract_issuing.save_template(session, actor, name, title, clauses)

        self.ctx.write(write, self._saved, self._refused, entity="contract_template", owner=self)

    def _saved(self, template: ContractTemplate) -> None:
        self._show(template)
        show_outcome(self.result, labels.labelled(self.tr("Saved"), self.tr("version {0}").format(template.version)),
                     "success")

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ContractIncomplete):
            show_outcome(self.result, contracts.describe(error, self.lang), "error")
        else:
            show_error(error, self)
