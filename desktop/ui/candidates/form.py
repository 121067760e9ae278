"""Create and edit a candidate. Core validates (phone, e-mail, ID number check digit) and the
problems appear beside the fields; an edit carries the version it started from, so a save over
someone else's newer save is refused with a clear message and the form keeps what was typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from desktop.core.errors import ValidationFailed
from desktop.core.services import candidates, requirements
from desktop.core.services.candidates import CandidateInput
from desktop.core import labels
from desktop.ui.forms import DepartmentPicker, EditDialog
from desktop.ui.widgets import select_data

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

SOURCES = ("招聘网站", "校园招聘", "内部推荐", "人才市场", "单位官网", "其他")


def _text_box(height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


class CandidateForm(EditDialog):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None, *, candidate_id: int | None = None,
                 data: CandidateInput | None = None, version: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.candidate_id = candidate_id
        self.version = version
        self.setWindowTitle(self.tr("Edit candidate") if candidate_id else self.tr("New candidate"))
        self.setMinimumWidth(520)
        add = self.form.add
        self.name = add("name", self.tr("Name *"), QLineEdit())
        self.gender = add("gender", self.tr("Gender"), QComboBox())
        for code in labels.GENDERS:
            self.gender.addItem(labels.gender(code), code)
        self.phone = add("phone", self.tr("Phone"), QLineEdit())
        self.phone.setPlaceholderText(self.tr("Mobile, or landline with area code: 010-12345678, 0571-8765432-123"))
        self.phone.setToolTip(self.tr("A mobile number (11 digits), or a landline with its area code and perhaps an "
                                      "extension. Text messages (SMS) reach mobile numbers only."))
        self.email = add("email", self.tr("E-mail"), QLineEdit())
        self.id_number = add("id_number", self.tr("ID number"), QLineEdit())
        self.id_number.setPlaceholderText(self.tr("18 characters, resident identity card"))
        self.id_number.setMaxLength(18)
        self.education = add("education", self.tr("Education"), QComboBox())
        for code in labels.EDUCATIONS:
            self.education.addItem(labels.education(code), code)
        self.school = add("school", self.tr("School"), QLineEdit())
        self.major = add("major", self.tr("Major"), QLineEdit())
        self.years = add("years_experience", self.tr("Years of experience"), QSpinBox())
        self.years.setRange(0, 60)
        self.source = add("source_channel", self.tr("Source"), QComboBox())
        self.source.setEditable(True)
        self.source.addItems(["", *SOURCES])
        self.department = add("department_id", self.tr("Department"),
                              DepartmentPicker(ctx, optional=True, none_text=self.tr("(not assigned)")))
        self.skills = add("skills", self.tr("Skills"), QLineEdit())
        self.certificates = add("certificates", self.tr("Certificates"), QLineEdit())
        self.certificates.setPlaceholderText(self.tr("Separate with commas, e.g. 执业医师资格证, 英语六级"))
        self.extra_box = add("profile_extra", self.tr("Further profile fields"), QWidget())
        self.extra_layout = QFormLayout(self.extra_box)
        self.extra_layout.setContentsMargins(0, 0, 0, 0)
        self.extra: dict[str, QLineEdit] = {}
        self.extra_values: dict[str, str] = {}
        self.experience = add("experience", self.tr("Experience"), _text_box())
        self.resume = add("resume_summary", self.tr("Résumé summary"), _text_box())
        self.consent = add("talent_pool_consent", "", QCheckBox(self.tr("Agrees to be kept in the talent pool")))
        self.assemble()
        self.fill(data or CandidateInput(name=""))
        self.wait_for(self.department)
        self.validate_live()
        self._show_extra_row(False)
        ctx.read(requirements.profile_fields, self._profile_fields_arrived, owner=self)

    def _show_extra_row(self, visible: bool) -> None:
        self.extra_box.parentWidget().setVisible(visible)
        label = self.form_layout.labelForField(self.extra_box.parentWidget())
        if label is not None:
            label.setVisible(visible)

    def _profile_fields_arrived(self, names: list[str]) -> None:
        """The institution's own fields (Settings → Match report, and the names of custom requirements),
        then any this candidate has from before, so nothing stored is lost."""
        for name in dict.fromkeys([*names, *self.extra_values]):
            edit = QLineEdit(self.extra_values.get(name, ""))
            edit.setMaxLength(2000)
            self.extra[name] = edit
            self.extra_layout.addRow(name, edit)
        self._show_extra_row(bool(self.extra))

    def fill(self, data: CandidateInput) -> None:
        self.name.setText(data.name)
        select_data(self.gender, data.gender)
        self.phone.setText(data.phone)
        self.email.setText(data.email)
        self.id_number.setText(data.id_number)
        select_data(self.education, data.education)
        self.school.setText(data.school)
        self.major.setText(data.major)
        self.years.setValue(data.years_experience)
        self.source.setCurrentText(data.source_channel)
        self.department.select(data.department_id)
        self.skills.setText(data.skills)
        self.certificates.setText(data.certificates)
        self.extra_values = dict(data.profile_extra)
        for name, edit in self.extra.items():
            edit.setText(self.extra_values.get(name, ""))
        self.experience.setPlainText(data.experience)
        self.resume.setPlainText(data.resume_summary)
        self.consent.setChecked(data.talent_pool_consent)

    def entered(self) -> CandidateInput:
        return CandidateInput(
            name=self.name.text(), gender=self.gender.currentData(), phone=self.phone.text(),
            email=self.email.text(), id_number=self.id_number.text(), education=self.education.currentData(),
            school=self.school.text(), major=self.major.text(), years_experience=self.years.value(),
            experience=self.experience.toPlainText(), skills=self.skills.text(),
            resume_summary=self.resume.toPlainText(), source_channel=self.source.currentText().strip(),
            department_id=self.department.department_id(), talent_pool_consent=self.consent.isChecked(),
            certificates=self.certificates.text(),
            profile_extra=self.extra_values | {name: edit.text() for name, edit in self.extra.items()})

    def live_problems(self) -> dict[str, str]:
        try:
            candidates.validate(self.entered(), self.ctx.today())
        except ValidationFailed as problems:
            return problems.problems
        return {}

    def work(self):
        data, actor = self.entered(), self.ctx.actor
        if self.candidate_id is None:
            return (lambda session: candidates.create_candidate(session, actor, data)), "candidate", \
                (lambda new_id: (new_id,))
        candidate_id, version = self.candidate_id, self.version
        return (lambda session: candidates.update_candidate(session, actor, candidate_id, data, version)), \
            "candidate", (lambda _version: (candidate_id,))
