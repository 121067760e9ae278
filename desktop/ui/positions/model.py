"""The position list model."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop.core.services import positions
from desktop.core.services.paging import ListQuery, Page
from desktop.core.services.positions import PositionRow
from desktop.core import labels
from desktop.ui.paged_model import PagedTableModel

COL_CODE = 0
COL_TITLE = 1
COL_DEPARTMENT = 2
COL_HEADCOUNT = 3
COL_EDUCATION = 4
COL_MIN_YEARS = 5
COL_STATUS = 6
COL_CLOSES = 7
COL_APPLICANTS = 8


class PositionTableModel(PagedTableModel[PositionRow]):
    SORT_KEYS = ("code", "title", "department", "headcount", "education", "min_years", "status", "closes_on", None)
    ENTITIES = frozenset({"position", "application"})
    DEFAULT_SORT = "code"

    def fetch(self, session: Session, query: ListQuery) -> Page[PositionRow]:
        return positions.list_positions(session, self.ctx.actor, query)

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Title"), self.tr("Department"), self.tr("Headcount"),
                self.tr("Education"), self.tr("Min. years"), self.tr("Status"), self.tr("Closes on"),
                self.tr("Applicants")]

    def display(self, row: PositionRow, column: int) -> str:
        values = {
            COL_CODE: row.code, COL_TITLE: row.title, COL_DEPARTMENT: row.department,
            COL_HEADCOUNT: str(row.headcount), COL_EDUCATION: labels.education(row.education),
            COL_MIN_YEARS: str(row.min_years), COL_STATUS: labels.position_status(row.status),
            COL_CLOSES: row.closes_on.isoformat() if row.closes_on else "", COL_APPLICANTS: str(row.applicants),
        }
        return values.get(column, "")

    def sort_value(self, row: PositionRow, column: int) -> Any:
        return {COL_CODE: row.code, COL_TITLE: row.title, COL_DEPARTMENT: row.department,
                COL_HEADCOUNT: row.headcount, COL_EDUCATION: row.education, COL_MIN_YEARS: row.min_years,
                COL_STATUS: row.status, COL_CLOSES: row.closes_on, COL_APPLICANTS: row.applicants}.get(column)
