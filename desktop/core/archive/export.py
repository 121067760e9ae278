"""Exporting archive packages (`interviewdesk archive export`, 档案 → 档案包 → 导出档案包).

Which dossiers: those of the applications whose formation date — the office-local day their
application closed (hired, not hired, withdrawn) — falls in the range, in the department and its
sub-departments when one is given, and within the departments the exporter may export.

Rendering hundreds of dossiers must not hold the database's write lock, so an export is done in
steps: dossiers never produced are produced first (`register_missing`, a write: a dossier's last page
names its first production, so its register row must exist before the package's copy is rendered);
`prepare` (a read) renders each dossier through the dossier module and writes the package under a
hidden partial name beside the destination; `complete` (one short write transaction) brings the
dossier register up to date, adds the export's register row and only then gives the package its
name. On any failure — a full disk, a folder that may not be written, a cancel — the partial package
is removed and no export row is written: nothing is left that looks like a complete package.

The dossier register and the package agree — decided so, rather than exporting whatever the
register held: rendering is deterministic, so an unchanged record renders the bytes the register
names. Where the register names other bytes (the record changed after its dossier was produced),
`complete` produces it again through the dossier module (`produce`, which writes the new file into
the archive store and updates the row), so after an export every exported dossier's register row
names the exact PDF in the package and the export row lists those rows. Should a record change
between the steps, the export is refused (`changed`) rather than registering a package that does
not match the register.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.archive.package import (
    PackageInfo, PackageWriter, PublicKey, Sink, Written, file_stem, open_sink, sha256,
)
from desktop.core.errors import ArchiveExportRefused, DeskError, PermissionDenied
from desktop.core.failures import typed_failure
from desktop.core.model import (
    CLOSED_STAGES, Application, ArchiveExport, ArchiveRecord, Candidate, Department, Position, User, UserKey,
)
from desktop.core.permissions import Action, DepartmentTree, visible_departments
from desktop.core.services.paging import ListQuery, Page
from desktop.core.storage.database import Actor, Database

if TYPE_CHECKING:
    from desktop.core.archive.dossier import Dossier

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportRequest:
    date_from: date
    date_to: date
    destination: Path              # the package: a folder, or a file ending in .zip
    department_code: str = ""


@dataclass
class Prepared:
    """A package written under its partial name, waiting for its register row."""

    request: ExportRequest
    sink: Sink
    written: Written
    exported_at: datetime


@dataclass(frozen=True)
class ExportResult:
    export_id: int
    path: Path
    dossiers: int
    package_sha256: str
    reproduced: int = 0            # dossiers whose register row was brought up to date


@dataclass(frozen=True)
class ExportRow:
    id: int
    exported_at: datetime
    exported_by: str
    date_from: date | None
    date_to: date | None
    department_code: str
    destination: str
    dossiers: int
    package_sha256: str


class Cancel:
    """Asked for from the UI thread, seen by the export between two dossiers."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()


# --- which dossiers ---------------------------------------------------------------------------------------

def _departments(session: Session, actor: Actor, code: str) -> set[int] | None:
    """The departments to export: the given one and its sub-departments, within what the actor may
    export; None for all."""
    allowed = visible_departments(session, actor, Action.ARCHIVE_EXPORT)
    if not code:
        return allowed
    department_id = session.scalar(select(Department.id).where(Department.code == code))
    if department_id is None:
        raise ArchiveExportRefused("unknown_department", code=code)
    if allowed is not None and department_id not in allowed:
        raise PermissionDenied(Action.ARCHIVE_EXPORT.value, action=Action.ARCHIVE_EXPORT.value)
    return DepartmentTree.load(session).subtree(department_id)


def chosen_applications(session: Session, actor: Actor, request: ExportRequest) -> list[int]:
    """The applications whose closing day (office time) falls in the range, by id."""
    zone = ZoneInfo(settings.institution_value(session, "office.timezone"))
    start = datetime.combine(request.date_from, time(0), zone)
    end = datetime.combine(request.date_to + timedelta(days=1), time(0), zone)
    conditions = [Application.stage.in_(CLOSED_STAGES), Application.closed_at.is_not(None),
                  Application.closed_at >= start, Application.closed_at < end]
    departments = _departments(session, actor, request.department_code.strip())
    if departments is not None:
        conditions.append(Position.department_id.in_(departments))
    return list(session.scalars(select(Application.id).join(Position, Position.id == Application.position_id)
                                .where(*conditions).order_by(Application.id)))


def public_keys(session: Session, key_ids: set[str]) -> list[PublicKey]:
    rows = session.execute(select(UserKey, User.username, User.display_name).join(User, User.id == UserKey.user_id)
                           .where(UserKey.key_id.in_(sorted(key_ids)))).all() if key_ids else []
    return [PublicKey(k.key_id, k.user_id, username, display_name, k.public_key, k.created_at, k.retired_at,
                      k.retired_reason) for k, username, display_name in rows]


def package_name(first: date, last: date, department_code: str = "") -> str:
    """The name the export dialog gives a package: 面试档案包_<first>-<last>[_<department>]."""
    name = f"面试档案包_{first:%Y%m%d}-{last:%Y%m%d}"
    return f"{name}_{file_stem(department_code)}" if department_code else name


def free_path(folder: Path, name: str, suffix: str) -> Path:
    """`folder/name+suffix`, or with _2, _3 … when a package of that name is there already."""
    candidate, n = folder / f"{name}{suffix}", 1
    while candidate.exists() or (folder / f".{candidate.name}.partial").exists():
        n += 1
        candidate = folder / f"{name}_{n}{suffix}"
    return candidate


def check_request(request: ExportRequest) -> None:
    """Refused before anything is rendered or written."""
    if request.date_from > request.date_to:
        raise ArchiveExportRefused("range")
    if request.destination.exists() or request.destination.is_symlink():
        raise ArchiveExportRefused("exists", path=str(request.destination))


# --- the two steps ---------------------------------------------------------------------------------------

def unregistered(session: Session, actor: Actor, request: ExportRequest) -> list[int]:
    """The chosen applications whose dossier was never produced (no register row)."""
    ids = chosen_applications(session, actor, request)
    registered = set(session.scalars(select(ArchiveRecord.application_id)
                                     .where(ArchiveRecord.application_id.in_(ids)))) if ids else set()
    return [i for i in ids if i not in registered]


def _archived(session: Session, rendered: "Dossier") -> "Dossier":
    """The dossier as the package carries it. A purge removes a candidate's personal data from the
    live database but must not touch what was archived (issue 13 §4): for a purged candidate the
    register's own file from the archive store goes into the package (with its title), not a new
    rendering without the person; the signed decisions, which hold no personal data, are the same."""
    from desktop.core.archive import dossier as dossiers

    purged = session.scalar(select(Candidate.purged_at).join(Application, Application.candidate_id == Candidate.id)
                            .where(Application.id == rendered.application_id))
    row = session.scalar(select(ArchiveRecord).where(ArchiveRecord.application_id == rendered.application_id)
                         .order_by(ArchiveRecord.id).limit(1))
    if purged is None or row is None or row.sha256 == rendered.sha256:
        return rendered
    try:
        pdf = dossiers.file_path(session, row).read_bytes()
    except FileNotFoundError:
        pdf = b""
    if sha256(pdf) != row.sha256:
        raise ArchiveExportRefused("archived_missing", code=row.archive_code)
    return replace(rendered, pdf=pdf, title=row.title, pages=row.pages, source_sha256=row.source_sha256)


def register_missing(session: Session, actor: Actor, application_ids: list[int], *,
                     progress: Progress | None = None, total: int = 0) -> int:
    """Produce the dossiers never produced (a write), before the package is rendered: a dossier's last
    page names its first production, so the register row must exist first for the package's copy to
    be the register's."""
    from desktop.core.archive import dossier as dossiers

    for done, application_id in enumerate(application_ids, 1):
        dossiers.produce(session, actor, application_id, "closed")
        if progress is not None:
            progress(done, total or len(application_ids))
    return len(application_ids)


def prepare(session: Session, actor: Actor, request: ExportRequest, *, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None) -> Prepared:
    """Render the chosen dossiers into a partial package beside the destination (a read)."""
    from desktop.core.archive import dossier as dossiers

    check_request(request)
    ids = chosen_applications(session, actor, request)
    if not ids:
        raise ArchiveExportRefused("nothing")
    now = session.info["clock"].now()
    keys: dict[str, PublicKey] = {}
    sink = _opened(request.destination, now)
    try:
        writer = PackageWriter(sink)
        for done, application_id in enumerate(ids, 1):
            if cancelled is not None and cancelled():
                raise ArchiveExportRefused("cancelled")
            rendered = _archived(session, dossiers.render(session, application_id, produced_by=actor.label, now=now))
            missing = {d.key_id for d in rendered.signed} - set(keys)
            keys.update((k.key_id, k) for k in public_keys(session, missing))
            writer.add(rendered, keys)
            if progress is not None:
                progress(done, len(ids))
        info = PackageInfo(now, actor.label, request.date_from, request.date_to, request.department_code.strip(),
                           str(settings.institution_value(session, "office.name") or ""))
        written = writer.close(info, list(keys.values()))
    except BaseException as exc:
        sink.abandon()
        raise _typed(exc) from exc
    return Prepared(request, sink, written, now)


def complete(session: Session, actor: Actor, prepared: Prepared) -> ExportResult:
    """Bring the dossier register up to date, add the export's row, then name the package (a write)."""
    from desktop.core.archive import dossier as dossiers

    try:
        registered = dict(session.execute(select(ArchiveRecord.application_id, ArchiveRecord.sha256)
                                          .where(ArchiveRecord.application_id.in_(prepared.written.dossiers))).all())
        reproduced = 0
        for application_id, digest in prepared.written.dossiers.items():
            if registered.get(application_id) == digest:
                continue
            record = dossiers.produce(session, actor, application_id, "closed")   # the record changed
            if record.sha256 != digest:                     # ... and again since the package was written
                raise ArchiveExportRefused("changed")
            reproduced += 1
        record_ids = list(session.scalars(select(ArchiveRecord.id).where(
            ArchiveRecord.application_id.in_(prepared.written.dossiers)).order_by(ArchiveRecord.id)))
        request = prepared.request
        row = ArchiveExport(exported_at=prepared.exported_at, exported_by_id=actor.user_id,
                            exported_by_label=actor.label, date_from=request.date_from, date_to=request.date_to,
                            department_code=request.department_code.strip(), destination=str(request.destination),
                            dossier_count=len(prepared.written.dossiers),
                            package_sha256=prepared.written.manifest_sha256, record_ids=record_ids)
        session.add(row)
        session.flush()
        prepared.sink.finish()
    except BaseException as exc:
        prepared.sink.abandon()
        raise _typed(exc) from exc
    return ExportResult(row.id, request.destination, row.dossier_count, row.package_sha256, reproduced)


def export(db: Database, actor: Actor, request: ExportRequest, *, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """The command line's and the export dialog's one action: dossiers never produced are produced
    (and registered) first, then the package is prepared and completed. Should the commit of the
    export's register row fail after the package got its name, the package is removed again."""
    check_request(request)
    with db.session(actor) as session:
        missing = unregistered(session, actor, request)
        total = len(missing) + len(chosen_applications(session, actor, request))
    if missing:
        with db.session(actor, write=True) as session:
            register_missing(session, actor, missing, progress=progress, total=total)

    def rendered(done: int, _count: int) -> None:
        if progress is not None:
            progress(len(missing) + done, total)

    with db.session(actor) as session:
        prepared = prepare(session, actor, request, progress=rendered, cancelled=cancelled)
    try:
        with db.session(actor, write=True) as session:
            result = complete(session, actor, prepared)
    except BaseException:
        prepared.sink.remove_final()
        raise
    return result


def _opened(destination: Path, now: datetime) -> Sink:
    try:
        return open_sink(destination, now)
    except OSError as exc:
        raise _typed(exc) from exc


def _typed(error: BaseException) -> BaseException:
    """A failure of the disk or the file system as core's typed error (DiskFull, StorageAccessDenied,
    ReadOnlyStorage, …); other errors unchanged."""
    if isinstance(error, DeskError):
        return error
    if isinstance(error, FileExistsError):
        return ArchiveExportRefused("exists")
    return typed_failure(error) if isinstance(error, OSError) else error


# --- the register of exports -------------------------------------------------------------------------------

def exports(session: Session, actor: Actor, query: ListQuery = ListQuery()) -> Page[ExportRow]:
    """Past exports, newest first by default (an archive viewer may see them all: they hold no
    personal data, only ranges, counts and digests)."""
    visible_departments(session, actor, Action.ARCHIVE_VIEW)
    conditions = []
    if query.search.strip():
        text = query.search.strip()
        conditions.append(ArchiveExport.destination.contains(text) | ArchiveExport.department_code.contains(text)
                          | ArchiveExport.package_sha256.startswith(text.lower()))
    total = session.scalar(select(func.count()).select_from(ArchiveExport).where(*conditions)) or 0
    columns = {"exported_at": ArchiveExport.exported_at, "dossiers": ArchiveExport.dossier_count,
               "destination": ArchiveExport.destination}
    column = columns.get(query.sort, ArchiveExport.exported_at)
    order = (column.desc(), ArchiveExport.id.desc()) if query.descending or not query.sort else \
        (column.asc(), ArchiveExport.id.asc())
    found = session.scalars(select(ArchiveExport).where(*conditions).order_by(*order)
                            .offset(query.offset).limit(query.page_limit())).all()
    return Page([ExportRow(r.id, r.exported_at, r.exported_by_label, r.date_from, r.date_to, r.department_code,
                           r.destination, r.dossier_count, r.package_sha256) for r in found], total, query.offset)
