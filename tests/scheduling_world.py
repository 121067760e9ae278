"""A small hospital for scheduling tests: one department with leaders and interviewers, a room,
a position with its rounds, and candidates who applied. Accounts are real (they can log in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desktop.core.model import Role, Room, Round
from desktop.core.storage.database import Actor, Database
from factories import SYSTEM, add_application, add_candidate, add_position, add_user, department_tree

SHANGHAI = ZoneInfo("Asia/Shanghai")
STORY_DAY = date(2026, 11, 24)  # a Tuesday


def local(day: date, hh: int, mm: int = 0) -> datetime:
    """Office wall time as an aware UTC instant."""
    return datetime.combine(day, time(hh, mm), tzinfo=SHANGHAI).astimezone(timezone.utc)


@dataclass
class World:
    db: Database
    dept: int
    other_dept: int
    hr: Actor
    wang: Actor          # 王主任, interviewer
    li: Actor            # 李医生, interviewer
    leader: Actor        # 部门领导
    personnel: Actor     # 人事处
    director: Actor      # 主管领导
    reception: Actor
    deputy: Actor        # named deputy for escalation
    room: int
    big_room: int
    position: int
    round1: int
    candidates: list[int]
    applications: list[int]


def build(db: Database, candidates: int = 3) -> World:
    depts = department_tree(db)
    a = depts.a
    hr = add_user(db, "hr_zhang", [(Role.HR_OFFICER, a)], display_name="张人事", department_id=a)
    wang = add_user(db, "wang", [(Role.INTERVIEWER, a)], display_name="王主任", department_id=a)
    li = add_user(db, "li", [(Role.INTERVIEWER, a)], display_name="李医生", department_id=a)
    leader = add_user(db, "leader", [(Role.DEPT_LEADER, a)], display_name="赵科长", department_id=a)
    personnel = add_user(db, "personnel", [(Role.PERSONNEL_OFFICE, None)], display_name="钱处长")
    director = add_user(db, "director", [(Role.DIRECTOR, None)], display_name="孙院长")
    reception = add_user(db, "reception", [(Role.RECEPTION, None)], display_name="前台小周")
    deputy = add_user(db, "deputy", [(Role.DEPT_LEADER, a)], display_name="吴副科长", department_id=a)
    with db.session(SYSTEM, write=True) as s:
        room = Room(name="行政楼301", location="行政楼三层", capacity=4)
        big = Room(name="行政楼大会议室", location="行政楼一层", capacity=12)
        s.add_all([room, big])
        s.flush()
        room_id, big_id = room.id, big.id
    position = add_position(db, a, "NK-2026-01", "内科住院医师")
    with db.session(SYSTEM) as s:
        round1 = s.scalar(select(Round.id).where(Round.position_id == position, Round.sequence == 1))
    cands, apps = [], []
    for i in range(candidates):
        c = add_candidate(db, f"候选人{i + 1}", a, phone=f"1380013{8000 + i:04d}", email=f"c{i + 1}@example.cn")
        cands.append(c)
        apps.append(add_application(db, c, position))
    return World(db, a, depts.b, hr, wang, li, leader, personnel, director, reception, deputy, room_id, big_id,
                 position, round1, cands, apps)
