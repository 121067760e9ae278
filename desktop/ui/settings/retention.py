"""Settings → 保管期限 Retention (administrators): how many years each record class is kept, or
permanently, with the defaults (desktop/core/lifecycle/retention.py), and the months of the data
maintenance rule (desktop/core/lifecycle/maintenance.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktop.core import settings
from desktop.core.lifecycle import retention
from desktop.core.services import config
from desktop.ui import messages
from desktop.ui.archive import lifecycle_words as words
from desktop.ui.widgets import hint_label, primary_button, show_outcome, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class PeriodInput(QWidget):
    """Years (1–100) or permanent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.years = QSpinBox()
        self.years.setRange(1, retention.MAX_YEARS)
        self.years.setSuffix(self.tr(" years"))
        self.permanent = QCheckBox(self.tr("Permanent"))
        self.permanent.toggled.connect(lambda on: self.years.setEnabled(not on))
        self.starts = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.years)
        row.addWidget(self.permanent)
        row.addWidget(self.starts)
        row.addStretch(1)

    def show_policy(self, policy: retention.Policy) -> None:
        self.permanent.setChecked(policy.period_years is None)
        self.years.setValue(policy.period_years or retention.DEFAULTS[policy.record_class].period_years or 30)
        default = retention.DEFAULTS[policy.record_class]
        self.starts.setText(self.tr("{0} (default: {1})").format(words.starts_from(policy.starts_from),
                                                                 words.period(default.period_years)))

    def value(self) -> int | None:
        return None if self.permanent.isChecked() else self.years.value()


class RetentionSettings(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.policies: dict[str, retention.Policy] = {}
        self.inputs: dict[str, PeriodInput] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for record_class in retention.RECORD_CLASSES:
            self.inputs[record_class] = PeriodInput()
            form.addRow(words.record_class(record_class), self.inputs[record_class])
        spec = settings.spec_of("maintenance.stale_months")
        self.stale_months = QSpinBox()
        self.stale_months.setRange(spec.minimum, spec.maximum)
        self.stale_months.setSuffix(self.tr(" months"))
        form.addRow(self.tr("Data maintenance: no contact for"), self.stale_months)
        self.save = primary_button(self.tr("Save retention periods"))
        self.save.clicked.connect(self.store)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Retention periods"), "sectionTitle"))
        layout.addWidget(hint_label(self.tr(
            "How long a person's data is kept in the live database, per record class. A person is kept until "
            "the latest end of the classes that apply to them; an open application keeps them in any case. "
            "People past their period appear under Archive → Retention, where HR proposes a purge and the "
            "personnel office approves it. The audit log is kept as a whole.")))
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        def fetch(session):
            return retention.policies(session), settings.institution_value(session, "maintenance.stale_months")

        self.ctx.read(fetch, self._arrived, lambda error: show_outcome(self.result, messages.describe(error), "error"),
                      owner=self)

    def _arrived(self, found) -> None:
        self.policies, months = found
        for record_class, policy in self.policies.items():
            self.inputs[record_class].show_policy(policy)
        self.stale_months.setValue(int(months))

    def store(self) -> None:
        actor, machine_file = self.ctx.actor, self.ctx.machine_file
        wanted = {c: self.inputs[c].value() for c in retention.RECORD_CLASSES}
        known = dict(self.policies)
        months = self.stale_months.value()

        def work(session):
            saved = {}
            for record_class, years in wanted.items():
                old = known.get(record_class)
                if old is None or old.period_years != years or old.version is None:
                    saved[record_class] = retention.save_policy(session, actor, record_class, years,
                                                                old.version if old else None)
            config.set_values(session, actor, machine_file, {"maintenance.stale_months": months})
            return saved

        self.save.setEnabled(False)
        self.ctx.write(work, self._saved, self._refused, entity="retention_policy", owner=self)

    def _saved(self, _saved) -> None:
        self.save.setEnabled(True)
        show_outcome(self.result, self.tr("Retention periods saved."), "success")
        self.load()

    def _refused(self, error: BaseException) -> None:
        self.save.setEnabled(True)
        show_outcome(self.result, messages.describe(error), "error")
        self.load()
