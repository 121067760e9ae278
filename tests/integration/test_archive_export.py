"""Exporting archive packages from a real database (SQLCipher and PostgreSQL): the dossiers formed in
the range, rendered through the dossier module, registered with the package's digest in the same
transaction that names the package; refusals and failures of the disk leave no package and no row."""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from archive_helpers import HR, archive_world
from desktop.core.archive import export as exporting
from desktop.core.archive import package
from desktop.core.archive.export import ExportRequest
from desktop.core.archive.verify import verify
from desktop.core.errors import ArchiveExportRefused, DiskFull, ReadOnlyStorage
from desktop.core.model import Application, ArchiveExport, ArchiveRecord, Candidate, Department
from desktop.core.permissions import DepartmentTree

FIRST = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)        # 10:00 in Shanghai


@pytest.fixture
def world(db):
    closed = archive_world(db, candidates=60, closed=14, first_day=FIRST)   # ten on 12-01, four on 12-02
    return db, closed


def rows(db, model) -> list:
    with db.session(HR) as session:
        return [SimpleNamespace(**row) for row in session.execute(select(model.__table__)
                                                                  .order_by(model.__table__.c.id)).mappings()]


def exported_rows(db) -> list:
    return rows(db, ArchiveExport)


def test_the_dossiers_of_the_range_export_verify_and_are_registered(world, tmp_path: Path):
    db, closed = world
    dest = tmp_path / "out" / "2026-12-01"
    result = exporting.export(db, HR, ExportRequest(date(2026, 12, 1), date(2026, 12, 1), dest))
    assert result.dossiers == 10 and result.path == dest
    report = verify(dest)
    assert report.ok, report.problem
    assert report.dossiers == 10 and report.signatures > 0
    assert result.package_sha256 == report.package_sha256 == package.sha256((dest / "manifest.sha256").read_bytes())
    [row] = exported_rows(db)
    assert (row.dossier_count, row.package_sha256, row.destination) == (10, result.package_sha256, str(dest))
    assert (row.date_from, row.date_to, row.exported_by_label) == (date(2026, 12, 1), date(2026, 12, 1), HR.label)
    register = {r.archive_code: r for r in rows(db, ArchiveRecord) if r.application_id in closed[:10]}
    assert len(register) == 10 and len(row.record_ids) == 10
    for code, record in register.items():            # the register names the exact bytes in the package
        assert record.sha256 == package.sha256((dest / package.dossier_path(code)).read_bytes())
        assert record.id in row.record_ids
    assert not list(dest.parent.glob(".*partial"))


def test_an_unchanged_register_is_kept_and_a_changed_record_updates_it(world, tmp_path: Path):
    db, closed = world
    day = ExportRequest(date(2026, 12, 2), date(2026, 12, 2), tmp_path / "a.zip")
    first = exporting.export(db, HR, day)
    assert first.dossiers == 4 and verify(tmp_path / "a.zip").ok
    again = exporting.export(db, HR, ExportRequest(day.date_from, day.date_to, tmp_path / "b.zip"))
    assert again.reproduced == 0 and again.package_sha256 == first.package_sha256   # same records, same package
    with db.session(HR, write=True) as session:
        application = session.get(Application, closed[12])
        session.get(Candidate, application.candidate_id).name = "改名后"
    changed = exporting.export(db, HR, ExportRequest(day.date_from, day.date_to, tmp_path / "c"))
    assert changed.reproduced == 1 and changed.package_sha256 != first.package_sha256
    [record] = [r for r in rows(db, ArchiveRecord) if r.application_id == closed[12]]
    assert record.sha256 == package.sha256((tmp_path / "c" / package.dossier_path(record.archive_code)).read_bytes())


def test_a_department_exports_its_own_and_its_sub_departments_dossiers(world, tmp_path: Path):
    db, closed = world
    with db.session(HR) as session:
        position = session.get(Application, closed[0]).position
        department = session.get(Department, position.department_id)
        tree = DepartmentTree.load(session).subtree(department.id)
        expected = sum(1 for i in closed if session.get(Application, i).position.department_id in tree)
        code = department.code
    result = exporting.export(db, HR, ExportRequest(date(2026, 12, 1), date(2026, 12, 2), tmp_path / "d", code))
    assert result.dossiers == expected < len(closed)
    assert exported_rows(db)[0].department_code == code


def test_bad_requests_are_refused_before_anything_is_written(world, tmp_path: Path):
    db, _closed = world
    (tmp_path / "taken").mkdir()
    for request, reason in ((ExportRequest(date(2026, 12, 3), date(2026, 12, 1), tmp_path / "x"), "range"),
                            (ExportRequest(date(2026, 12, 1), date(2026, 12, 2), tmp_path / "x", "NOPE"),
                             "unknown_department"),
                            (ExportRequest(date(2025, 1, 1), date(2025, 1, 31), tmp_path / "x"), "nothing"),
                            (ExportRequest(date(2026, 12, 1), date(2026, 12, 2), tmp_path / "taken"), "exists")):
        with pytest.raises(ArchiveExportRefused) as refused:
            exporting.export(db, HR, request)
        assert refused.value.reason == reason
        assert exported_rows(db) == [] and not (tmp_path / "x").exists()
    assert list((tmp_path / "taken").iterdir()) == []


def _mount(where: Path, *options: str) -> None:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(where)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs is not permitted here: " + done.stderr.decode(errors="replace"))


@pytest.fixture
def small_disk(tmp_path: Path):
    where = tmp_path / "usb"
    _mount(where, "size=200k")
    yield where
    subprocess.run(["umount", str(where)], check=False)


@pytest.fixture
def read_only_disk(tmp_path: Path):
    where = tmp_path / "cdrom"
    _mount(where, "ro", "size=100k")
    yield where
    subprocess.run(["umount", str(where)], check=False)


@pytest.mark.parametrize("name", ["package", "package.zip"])
def test_a_full_disk_leaves_no_package_and_no_register_row(world, small_disk: Path, name: str):
    db, _closed = world
    with pytest.raises(DiskFull):
        exporting.export(db, HR, ExportRequest(date(2026, 12, 1), date(2026, 12, 2), small_disk / name))
    assert list(small_disk.iterdir()) == []
    assert exported_rows(db) == []


def test_a_read_only_destination_is_refused_with_no_register_row(world, read_only_disk: Path):
    db, _closed = world
    with pytest.raises(ReadOnlyStorage):
        exporting.export(db, HR, ExportRequest(date(2026, 12, 1), date(2026, 12, 2), read_only_disk / "p"))
    assert list(read_only_disk.iterdir()) == [] and exported_rows(db) == []


def test_a_cancelled_export_leaves_nothing(world, tmp_path: Path):
    db, _closed = world
    cancel = exporting.Cancel()

    def progress(done: int, _total: int) -> None:
        if done == 3:
            cancel.set()

    with pytest.raises(ArchiveExportRefused) as refused:
        exporting.export(db, HR, ExportRequest(date(2026, 12, 1), date(2026, 12, 2), tmp_path / "p"),
                         progress=progress, cancelled=cancel)
    assert refused.value.reason == "cancelled"
    assert list(tmp_path.glob("*p*")) == [] and exported_rows(db) == []


def test_the_package_metadata_says_what_the_register_says(world, tmp_path: Path):
    db, closed = world
    exporting.export(db, HR, ExportRequest(date(2026, 12, 1), date(2026, 12, 2), tmp_path / "p"))
    info = json.loads((tmp_path / "p" / "package.json").read_text("utf-8"))
    assert (info["date_from"], info["date_to"], info["dossiers"]) == ("2026-12-01", "2026-12-02", 14)
    register = [r for r in rows(db, ArchiveRecord) if r.application_id in closed]
    record = register[0]
    assert len(register) == 14
    xml = (tmp_path / "p" / package.metadata_path(record.archive_code)).read_text("utf-8")
    assert f"<档号>{record.archive_code}</档号>" in xml and f"<保管期限>{record.retention_label}</保管期限>" in xml
    assert f">{record.sha256}</数字摘要>" in xml


def test_a_purged_candidates_archived_dossier_is_exported_as_archived(world, tmp_path: Path):
    """A live purge must not touch what was archived: the package carries the register's file, not
    a new rendering without the person, and the register row stays as it was."""
    db, closed = world
    day = (date(2026, 12, 2), date(2026, 12, 2))
    exporting.export(db, HR, ExportRequest(*day, tmp_path / "before"))
    [before] = [r for r in rows(db, ArchiveRecord) if r.application_id == closed[13]]
    with db.session(HR, write=True) as session:
        session.get(Candidate, session.get(Application, closed[13]).candidate_id).purged_at = db.clock.now()
    result = exporting.export(db, HR, ExportRequest(*day, tmp_path / "after"))
    assert result.reproduced == 0 and verify(tmp_path / "after").ok
    name = package.dossier_path(before.archive_code)
    assert (tmp_path / "after" / name).read_bytes() == (tmp_path / "before" / name).read_bytes()
    [after] = [r for r in rows(db, ArchiveRecord) if r.application_id == closed[13]]
    assert (after.sha256, after.file_name) == (before.sha256, before.file_name)

    from desktop.core.archive import dossier as dossiers
    with db.session(HR) as session:
        dossiers.file_path(session, session.get(ArchiveRecord, after.id)).unlink()
    with pytest.raises(ArchiveExportRefused) as refused:
        exporting.export(db, HR, ExportRequest(*day, tmp_path / "lost"))
    assert refused.value.reason == "archived_missing" and not (tmp_path / "lost").exists()
