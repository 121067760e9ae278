"""The candidate list model: one row per candidate, phone masked unless the viewer may see it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop.core.errors import SearchRefused
from desktop.core.services import candidates
from desktop.core.services.candidates import CandidateRow
from desktop.core.services.paging import ListQuery, Page
from desktop.core.sortkeys import name_sort_key
from desktop.core import labels
from desktop.ui.paged_model import PagedTableModel, Rows

COL_NAME = 0
COL_GENDER = 1
COL_PHONE = 2
COL_EDUCATION = 3
COL_SCHOOL = 4
COL_YEARS = 5
COL_SOURCE = 6
COL_DEPARTMENT = 7
COL_UPDATED = 8


class CandidateTableModel(PagedTableModel[CandidateRow]):
    SORT_KEYS = ("name", "gender", None, "education", "school", "years_experience", "source_channel",
                 "department", "updated_at")
    ELASTIC = (COL_SCHOOL, COL_SOURCE)     # long names of schools and channels give way before the times
    ENTITIES = frozenset({"candidate"})
    DEFAULT_SORT = "name"

    def fetch(self, session: Session, query: ListQuery) -> Page[CandidateRow]:
        return candidates.list_candidates(session, self.ctx.actor, query)

    def records_reading(self, query: ListQuery) -> bool:
        return candidates.is_identifier_search(query.search)   # audited (and limited) in core

    def _failed(self, generation: int, error: BaseException) -> None:
        """A refused search shows no rows: the list before it must not look like its answer."""
        if isinstance(error, SearchRefused) and generation == self._generation:
            self.beginResetModel()
            self.rows, self.total, self.capped, self.more, self._after = Rows(), 0, False, False, None
            self.endResetModel()
        super()._failed(generation, error)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Gender"), self.tr("Phone"), self.tr("Education"), self.tr("School"),
                self.tr("Years"), self.tr("Source"), self.tr("Department"), self.tr("Updated")]

    def display(self, row: CandidateRow, column: int) -> str:
        if column == COL_NAME:
            return row.name
        if column == COL_GENDER:
            return labels.gender(row.gender)
        if column == COL_PHONE:
            return row.phone
        if column == COL_EDUCATION:
            return labels.education(row.education)
        if column == COL_SCHOOL:
            return row.school
        if column == COL_YEARS:
            return str(row.years_experience)
        if column == COL_SOURCE:
            return row.source_channel
        if column == COL_DEPARTMENT:
            return row.department
        if column == COL_UPDATED:
            return self.ctx.format_time(row.updated_at)
        return ""

    def sort_value(self, row: CandidateRow, column: int) -> Any:
        return {COL_NAME: name_sort_key(row.name), COL_GENDER: row.gender, COL_PHONE: row.phone,
                COL_EDUCATION: labels.EDUCATIONS.index(row.education) if row.education in labels.EDUCATIONS else -1,
                COL_SCHOOL: row.school, COL_YEARS: row.years_experience, COL_SOURCE: row.source_channel,
                COL_DEPARTMENT: row.department, COL_UPDATED: row.updated_at}.get(column)
