"""List models of the read-only lists: change requests, outbox, archive, report."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.core.services import overview
from desktop.core.services.overview import ArchiveRow, ChangeRequestRow, OutboxRow, ReportRow
from desktop.core.services.paging import ListQuery, Page
from desktop.core import labels
from desktop.ui.list_model import ListTableModel
from desktop.ui.paged_model import PagedTableModel
from desktop.ui.schedule import change_words


class ChangeRequestTableModel(PagedTableModel[ChangeRequestRow]):
    COL_CREATED, COL_CANDIDATE, COL_KIND, COL_MOVE, COL_REQUESTED_BY, COL_REASON, COL_STATUS, COL_STEP = range(8)
    SORT_KEYS = ("created_at", None, "kind", None, None, None, "status", None)
    ENTITIES = frozenset({"change_request", "interview"})
    DEFAULT_SORT = "created_at"

    def fetch(self, session: Session, query: ListQuery) -> Page[ChangeRequestRow]:
        return overview.change_requests(session, self.ctx.actor, query)

    def headers(self) -> list[str]:
        return [self.tr("Requested"), self.tr("Candidate"), self.tr("Change"), self.tr("Before → after"),
                self.tr("Requested by"), self.tr("Reason"), self.tr("Status"), self.tr("Waiting for")]

    def display(self, row: ChangeRequestRow, column: int) -> str:
        return {self.COL_CREATED: self.ctx.format_time(row.created_at), self.COL_CANDIDATE: row.candidate,
                self.COL_KIND: labels.change_kind(row.kind), self.COL_REQUESTED_BY: labels.party(row.requested_by),
                self.COL_MOVE: change_words.move(self.ctx.tz, row.before_start, row.proposed_start,
                                                 row.kind == "cancel") or "—",
                self.COL_REASON: row.reason, self.COL_STATUS: labels.change_status(row.status),
                self.COL_STEP: change_words.step_name(row.step_kind, row.step_role) or "—"}.get(column, "")


class OutboxTableModel(PagedTableModel[OutboxRow]):
    """The outbox: each row names the candidate, position and interview time it is about."""

    COL_CREATED, COL_CANDIDATE, COL_POSITION, COL_TIME, COL_CHANNEL, COL_KIND, COL_RECIPIENT, COL_STATE, \
        COL_WHEN, COL_ATTEMPTS, COL_ERROR = range(11)
    SORT_KEYS = ("created_at", None, None, None, "channel", None, None, "state", None, None, None)
    ELASTIC = (COL_POSITION, COL_KIND, COL_RECIPIENT, COL_ERROR)   # the times stay whole (English is wide)
    ENTITIES = frozenset({"outbox", "interview"})
    DEFAULT_SORT = "created_at"

    def fetch(self, session: Session, query: ListQuery) -> Page[OutboxRow]:
        return overview.outbox(session, self.ctx.actor, query)

    def headers(self) -> list[str]:
        return [self.tr("Created"), self.tr("Candidate"), self.tr("Position"), self.tr("Interview time"),
                self.tr("Channel"), self.tr("Kind"), self.tr("Recipient"), self.tr("State"),
                self.tr("Sent / next attempt"), self.tr("Attempts"), self.tr("Last error")]

    def display(self, row: OutboxRow, column: int) -> str:
        when = row.sent_at if row.state == "sent" else row.next_attempt_at if row.state == "pending" else None
        return {self.COL_CREATED: self.ctx.format_time(row.created_at), self.COL_CANDIDATE: row.candidate,
                self.COL_POSITION: row.position, self.COL_TIME: self.ctx.format_time(row.starts_at),
                self.COL_CHANNEL: labels.channel(row.channel),
                self.COL_KIND: labels.outbox_kind(row.kind), self.COL_RECIPIENT: row.recipient,
                self.COL_STATE: labels.outbox_state(row.state), self.COL_ATTEMPTS: str(row.attempts),
                self.COL_WHEN: self.ctx.format_time(when),
                self.COL_ERROR: row.last_error.splitlines()[0] if row.last_error else ""}.get(column, "")


class ArchiveTableModel(PagedTableModel[ArchiveRow]):
    COL_CODE, COL_TITLE, COL_FORMED, COL_RETENTION, COL_PAGES, COL_REASON, COL_CREATED, COL_SHA = range(8)
    SORT_KEYS = ("archive_code", "title", "formed_on", None, None, None, "created_at", None)
    ENTITIES = frozenset({"archive"})
    DEFAULT_SORT = "archive_code"

    def fetch(self, session: Session, query: ListQuery) -> Page[ArchiveRow]:
        return overview.archive(session, self.ctx.actor, query)

    def headers(self) -> list[str]:
        return [self.tr("Archive code"), self.tr("Title"), self.tr("Formed on"), self.tr("Retention"),
                self.tr("Pages"), self.tr("Produced because"), self.tr("Produced"), self.tr("SHA-256")]

    def display(self, row: ArchiveRow, column: int) -> str:
        reasons = {"closed": self.tr("Application closed"), "on_demand": self.tr("On demand")}
        return {self.COL_CODE: row.archive_code, self.COL_TITLE: row.title,
                self.COL_FORMED: row.formed_on.isoformat() if row.formed_on else "",
                self.COL_RETENTION: row.retention_label, self.COL_PAGES: str(row.pages) if row.pages else "",
                self.COL_REASON: reasons.get(row.reason, row.reason),
                self.COL_CREATED: self.ctx.format_time(row.created_at),
                self.COL_SHA: row.sha256[:16] + "…" if row.sha256 else ""}.get(column, "")


class ReportTableModel(ListTableModel):
    COL_CODE, COL_POSITION, COL_DEPARTMENT, COL_HEADCOUNT = range(4)
    COL_FIRST_STAGE = 4

    def headers(self) -> list[str]:
        return ([self.tr("Code"), self.tr("Position"), self.tr("Department"), self.tr("Headcount")]
                + [labels.stage(s) for s in labels.STAGES] + [self.tr("Interviews")])

    def display(self, row: ReportRow, column: int) -> str:
        fixed = {self.COL_CODE: row.position_code, self.COL_POSITION: row.position,
                 self.COL_DEPARTMENT: row.department, self.COL_HEADCOUNT: str(row.headcount)}
        if column in fixed:
            return fixed[column]
        stage = column - self.COL_FIRST_STAGE
        if 0 <= stage < len(labels.STAGES):
            return str(row.by_stage.get(labels.STAGES[stage], 0))
        return str(row.interviews)
