"""A world with people whose retention has ended: candidates of the story world who were
interviewed, noted, scored, messaged and then not hired (or withdrew), years ago."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Text, cast, select

from desktop.core import interview_room, scorecards
from desktop.core.model import (
    Application, Base, Candidate, InterviewMode, OutboxEntry, Recommendation, TalentPoolEntry,
)
from desktop.core.scheduling import booking
from desktop.core.services import applications
from desktop.core.storage.database import Database
from scheduling_world import STORY_DAY, World, build, local


def interviewed(db: Database, clock, note: str, comment: str, remarks: str) -> tuple[World, int]:
    """The story world's first applicant interviewed by 王主任: a note taken in the room, the scorecard
    submitted with `comment` on an extreme score and `remarks`."""
    clock.set(local(STORY_DAY, 8, 0))
    w = build(db)
    with db.session(w.hr, write=True) as s:
        iid = booking.book(s, w.hr, booking.BookingInput(
            application_id=w.applications[0], round_id=w.round1, starts_at=local(STORY_DAY, 10, 0),
            duration_minutes=30, mode=InterviewMode.ONSITE, room_id=w.room,
            interviewer_ids=(w.wang.user_id,))).interview_id
    clock.set(local(STORY_DAY, 10, 0))
    with db.session(w.wang, write=True) as s:
        interview_room.start(s, w.wang, iid)
        interview_room.add_note(s, w.wang, iid, note)
    clock.advance(timedelta(minutes=40))
    with db.session(w.wang, write=True) as s:
        scorecards.submit(s, w.wang, iid, scorecards.CardInput(
            {1: scorecards.ScoreInput(9, comment), 2: scorecards.ScoreInput(7), 3: scorecards.ScoreInput(7)},
            Recommendation.YES, remarks))
    return w, iid


def closed_world(db: Database, clock) -> tuple[World, int]:
    """候选人1 interviewed (a room note, a scored card), then not hired; 候选人2 withdrew; 候选人3
    still has an open application. Every candidate got an outbox message at their phone."""
    w, iid = interviewed(db, clock, "候选人1提到正在治疗慢性胃炎", "候选人1表达清晰", "家住13800138000附近，通勤远")
    clock.advance(timedelta(hours=2))
    for app_id, stage in ((w.applications[0], "rejected"), (w.applications[1], "withdrawn")):
        with db.session(w.hr, write=True) as s:
            version = s.get(Application, app_id).version
            applications.move_stage(s, w.hr, applications.StageMove(app_id, stage, version, booked="keep"))
    with db.session(w.hr, write=True) as s:
        for cid in w.candidates:
            phone = s.get(Candidate, cid).phone
            s.add(OutboxEntry(dedupe_key=f"hello:{cid}", channel="sms", kind="notice", recipient=phone,
                              payload={"candidate_id": cid, "text": f"您好，{phone}"}, created_at=clock.now()))
        s.add(TalentPoolEntry(candidate_id=w.candidates[0], added_at=clock.now(), note="候选人1 适合以后的岗位"))
    return w, iid


def text_cells(db: Database) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text and JSON cell of every table, as stored."""
    from sqlalchemy import JSON, String

    cells = []
    with db.session() as s:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, (String, JSON)) or "TEXT" in str(column.type).upper():
                    for (value,) in s.execute(select(cast(column, Text))):
                        if value:
                            cells.append((table.name, column.name, value))
    return cells


# --- reading an encrypted file's pages with its key (SQLCipher 4 defaults) ------------------------

PAGE = 4096
RESERVE = 16 + 64          # per page: the IV, then the HMAC-SHA512
SALT = 16                  # page 1 starts with the file's salt


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    start = SALT if first else 0
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize()


def decrypted_pages(path, key: bytes) -> bytes:
    """Every page of the database file and every frame of its WAL, decrypted: what someone holding
    the key could read from the disk, free pages and free space included."""
    from pathlib import Path

    path = Path(path)
    data = path.read_bytes()
    out = [_decrypt_page(key, data[i:i + PAGE], i == 0) for i in range(0, len(data), PAGE)]
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        frames = wal.read_bytes()[32:]
        for i in range(0, len(frames) - 24 - PAGE + 1, 24 + PAGE):
            page_no = int.from_bytes(frames[i:i + 4], "big")
            out.append(_decrypt_page(key, frames[i + 24:i + 24 + PAGE], page_no == 1))
    return b"".join(out)


def byte_forms(value: str) -> list[bytes]:
    """How a value can lie in the pages: UTF-8, UTF-16 (both orders), and escaped in JSON text."""
    import json

    forms = [value.encode("utf-8"), value.encode("utf-16-le"), value.encode("utf-16-be")]
    escaped = json.dumps(value)[1:-1].encode("ascii")
    return forms + ([escaped] if escaped not in forms else [])
