"""The generated office for the minute job benchmark (bench/bench_minute_job.py).

A large hospital on a busy interview day: 16 departments with their leaders, 8 HR officers, 80
interviewers, 40 rooms, 300 positions with structured requirements, 100,000 candidates with their
profile fields and applications, a year of past interviews (with their timelines, alerts and sent
messages), 500 interviews today between 08:30 and 17:30, interviews booked for the next two weeks,
5,000 open candidate questions and a history of answered ones. Written with SQLAlchemy Core
executemany (no ORM, no audit entries: a fixture of a large office's database, not a history of
edits), deterministic from a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from desktop.core.model import (
    Alert, Application, ApplicationStage, Candidate, CandidateQuestion, Confirmation, Department, Education, Gender,
    Holiday, Interview, InterviewMode, InterviewParticipant, InterviewStatus, Notice, OutboxEntry, Position,
    PositionRequirement, PositionStatus, QuestionStatus, QuestionTopic, Role, RoleGrant, Room, Round, RoundKind,
    TimelineEvent, User,
)
from desktop.core.scheduling.office import OfficeHours

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 6, 18)                 # a Thursday; Friday 19 June is 端午节, so deadlines cross it and a weekend
HOLIDAYS = (date(2026, 6, 19), date(2026, 5, 1), date(2026, 5, 4), date(2026, 5, 5), date(2026, 10, 1),
            date(2026, 10, 2))
NOW_BUILT = datetime(2026, 6, 17, 10, 0, tzinfo=timezone.utc)
CHUNK = 20_000


@dataclass(frozen=True)
class Size:
    candidates: int = 100_000
    positions: int = 300
    departments: int = 16
    interviewers: int = 80
    hr_officers: int = 8
    rooms: int = 40
    past_interviews: int = 50_000
    today: int = 500
    ahead_per_day: int = 100              # booked for each of the next ten working days
    open_questions: int = 5_000
    answered_questions: int = 20_000


# user ids: 1 director, 2..(1+departments) department leaders, then HR officers, interviewers, reception
def leader_id(department: int) -> int:
    return department               # department ids 2..17 are the clinical/admin departments


def hr_ids(size: Size) -> range:
    return range(size.departments + 2, size.departments + 2 + size.hr_officers)


def interviewer_ids(size: Size) -> range:
    first = size.departments + 2 + size.hr_officers
    return range(first, first + size.interviewers)


def reception_id(size: Size) -> int:
    return interviewer_ids(size).stop


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍红玲芬燕彬鹏辉宇浩然轩涵诺欣怡"
DEPARTMENTS = ("办公室", "人事处", "财务处", "医务部", "护理部", "信息中心", "后勤保障处", "科研处",
               "教育处", "门诊部", "药剂科", "检验科", "放射科", "内科", "外科", "急诊科")
MAJORS = ("临床医学", "护理学", "计算机科学与技术", "会计学", "人力资源管理", "法学", "汉语言文学", "药学",
          "公共卫生", "信息管理", "行政管理", "金融学", "医学影像学", "医学检验技术")
SKILLS = ("急诊", "重症监护", "静脉输液", "Python", "数据分析", "财务软件", "档案管理", "公文写作", "英语",
          "统计", "影像诊断", "检验", "病历书写", "沟通协调", "项目管理", "网络运维")
CERTIFICATES = ("执业医师资格证", "护士执业证", "会计专业技术资格", "计算机等级证书", "英语六级", "人力资源管理师",
                "药师资格证", "住院医师规范化培训合格证")
QUESTIONS = ("入职后的薪资待遇大概是多少？", "请问这个岗位以后有哪些培训和晋升机会？", "科室团队现在有多少人？",
             "需要值夜班吗？一个月大概几次？", "请问什么时候能知道结果？", "单位有没有职工宿舍？")
EDUCATIONS = (Education.ASSOCIATE, Education.BACHELOR, Education.BACHELOR, Education.MASTER, Education.DOCTORATE)


def local(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=SHANGHAI).astimezone(timezone.utc)


def working_days(first: date, count: int, step: int = 1) -> list[date]:
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5 and day not in HOLIDAYS:
            days.append(day)
        day += timedelta(days=step)
    return days


def _insert(conn, table, rows) -> None:
    for i in range(0, len(rows), CHUNK):
        conn.execute(table.__table__.insert(), rows[i:i + CHUNK])


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")


def _people(conn, rng: random.Random, size: Size) -> None:
    now = NOW_BUILT
    _insert(conn, Department, [{"id": 1, "name": "医院", "code": "ROOT", "parent_id": None, "is_active": True,
                                "created_at": now, "version": 1}] + [
        {"id": d, "name": DEPARTMENTS[d - 2], "code": f"D{d:02d}", "parent_id": 1, "is_active": True,
         "created_at": now, "version": 1} for d in range(2, size.departments + 2)])
    users, grants = [], []

    def user(uid: int, username: str, department: int | None, role: Role, scope: int | None) -> None:
        users.append({"id": uid, "username": username, "display_name": _name(rng), "email": f"{username}@hospital.cn",
                      "phone": f"1370000{uid:04d}", "department_id": department, "password_hash": "-",
                      "is_active": True, "must_change_password": False, "failed_logins": 0, "created_at": now,
                      "version": 1})
        grants.append({"user_id": uid, "role": role, "department_id": scope})

    user(1, "director", None, Role.DIRECTOR, None)
    for d in range(2, size.departments + 2):
        user(leader_id(d), f"leader{d}", d, Role.DEPT_LEADER, d)
    for u in hr_ids(size):
        user(u, f"hr{u}", 3, Role.HR_OFFICER, None)
    for n, u in enumerate(interviewer_ids(size)):
        department = 2 + n % size.departments
        user(u, f"interviewer{u}", department, Role.INTERVIEWER, department)
    user(reception_id(size), "reception", None, Role.RECEPTION, None)
    _insert(conn, User, users)
    _insert(conn, RoleGrant, grants)
    _insert(conn, Room, [{"id": r, "name": f"行政楼{r:03d}", "location": f"行政楼{r // 10 + 1}层", "capacity": 6,
                          "is_active": True, "version": 1} for r in range(1, size.rooms + 1)])
    _insert(conn, Holiday, [{"day": d, "name": "节假日", "is_workday": False} for d in HOLIDAYS])


def _positions(conn, rng: random.Random, size: Size) -> None:
    now = NOW_BUILT
    positions, rounds, requirements = [], [], []
    for p in range(1, size.positions + 1):
        skills = rng.sample(SKILLS, 3)
        positions.append({"id": p, "code": f"P{p:04d}", "title": f"{DEPARTMENTS[p % size.departments]}岗位{p}",
                          "department_id": 2 + p % size.departments, "headcount": 2,
                          "education": rng.choice(EDUCATIONS[1:4]), "min_years": rng.choice((0, 1, 3, 5)),
                          "skills": ",".join(skills), "description": "", "status": PositionStatus.OPEN,
                          "created_at": now, "updated_at": now, "version": 1})
        rounds += [{"id": 2 * p - 1, "position_id": p, "sequence": 1, "name": "初试", "kind": RoundKind.HR,
                    "duration_minutes": 40},
                   {"id": 2 * p, "position_id": p, "sequence": 2, "name": "复试", "kind": RoundKind.BUSINESS,
                    "duration_minutes": 30}]
        wanted = [("education", "学历", positions[-1]["education"].value, 3),
                  ("major", "专业", ",".join(rng.sample(MAJORS, 2)), 2),
                  ("years", "工作年限", str(positions[-1]["min_years"]), 2),
                  ("certificate", "证书", ",".join(rng.sample(CERTIFICATES, 2)), 2),
                  ("skill", "技能", ",".join(skills), 3)]
        if p % 3 == 0:
            wanted.append(("custom", "政治面貌", "中共党员", 1))
        requirements += [{"position_id": p, "ordinal": n, "kind": kind, "label": label, "value": value,
                          "weight": weight} for n, (kind, label, value, weight) in enumerate(wanted, 1)]
    _insert(conn, Position, positions)
    _insert(conn, Round, rounds)
    _insert(conn, PositionRequirement, requirements)


def _candidates(conn, rng: random.Random, size: Size) -> list[int]:
    """Returns each application's position (index: application id; application c is candidate c's)."""
    now = NOW_BUILT
    position_of = [0]
    candidates, applications = [], []
    for c in range(1, size.candidates + 1):
        candidates.append({
            "id": c, "name": _name(rng), "name_sort_key": "", "gender": rng.choice((Gender.FEMALE, Gender.MALE)),
            "phone": f"139{c:08d}", "phone_tail": f"{c % 10000:04d}", "email": f"c{c}@example.cn",
            "education": rng.choice(EDUCATIONS), "school": "某大学", "major": rng.choice(MAJORS),
            "years_experience": rng.choice((0, 0, 1, 2, 3, 5, 8)),
            "experience": f"{rng.choice(DEPARTMENTS)}工作，熟悉{rng.choice(SKILLS)}",
            "skills": ",".join(rng.sample(SKILLS, rng.choice((0, 1, 2, 3, 4)))),
            "certificates": ",".join(rng.sample(CERTIFICATES, rng.choice((0, 0, 1, 2)))),
            "profile_extra": {"政治面貌": rng.choice(("中共党员", "群众", "共青团员"))},
            "resume_summary": "", "source_channel": "官网", "department_id": None, "talent_pool_consent": False,
            "restricted": False, "reschedule_count": 0, "no_show_count": 0, "late_count": 0, "created_at": now,
            "updated_at": now, "version": 1})
        position_of.append(rng.randrange(size.positions) + 1)
        applications.append({"id": c, "candidate_id": c, "position_id": position_of[c],
                             "stage": ApplicationStage.INTERVIEWING, "hr_owner_id": rng.choice(hr_ids(size)),
                             "source": "官网", "applied_at": now, "version": 1})
        if len(candidates) == CHUNK:
            _insert(conn, Candidate, candidates)
            candidates = []
    _insert(conn, Candidate, candidates)
    _insert(conn, Application, applications)
    return position_of


def _interview_rows(rng: random.Random, size: Size, app_id: int, position: int, starts: datetime, iid: int,
                    status: InterviewStatus, hr: int, past: bool) -> dict:
    video = rng.random() < 0.15
    booked = min(starts - timedelta(days=rng.randrange(2, 10)), NOW_BUILT - timedelta(hours=rng.randrange(1, 48)))
    row = {"id": iid, "uid": f"bench-{iid}", "application_id": app_id, "round_id": 2 * position - 1,
           "starts_at": starts, "duration_minutes": 40, "mode": InterviewMode.VIDEO if video else InterviewMode.ONSITE,
           "room_id": None if video else rng.randrange(size.rooms) + 1,
           "video_link": "https://meeting.example.cn/j/123" if video else None, "status": status, "sequence": 0,
           "hr_owner_id": hr, "notes": "", "checked_in_at": None, "confirmation_due_at": booked + timedelta(hours=1),
           "created_at": booked, "started_at": None, "ended_at": None, "overtime_reason": "",
           "next_step": "", "version": 1}
    if past and status == InterviewStatus.FINISHED:
        row["checked_in_at"] = None if video else starts - timedelta(minutes=rng.randrange(15))
        row["started_at"] = starts + timedelta(minutes=rng.randrange(5))
        row["ended_at"] = row["started_at"] + timedelta(minutes=rng.randrange(30, 55))
        row["next_step"] = "2个工作日内通知结果"
    return row


def _interviews(conn, rng: random.Random, size: Size, position_of: list[int]) -> tuple[list[int], dict[int, int]]:
    """Returns the ids of today's interviews and each past interview's application."""
    interviews, participants, timeline, confirmations, alerts, outbox = [], [], [], [], [], []
    staff = list(interviewer_ids(size))
    past_days = working_days(DAY - timedelta(days=365), 400)
    past_days = [d for d in past_days if d < DAY]
    ahead = working_days(DAY + timedelta(days=1), 10)
    # applications: past interviews use candidates from the start, today's and ahead the last ones
    plan: list[tuple[datetime, InterviewStatus, bool]] = []
    for _ in range(size.past_interviews):
        day = rng.choice(past_days)
        status = rng.choices((InterviewStatus.FINISHED, InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW),
                             (85, 8, 7))[0]
        plan.append((local(day, 8, 30) + timedelta(minutes=5 * rng.randrange(109)), status, True))
    today_first = len(plan) + 1
    for _ in range(size.today):
        status = InterviewStatus.CONFIRMED if rng.random() < 0.9 else InterviewStatus.SCHEDULED
        plan.append((local(DAY, 8, 30) + timedelta(minutes=5 * rng.randrange(109)), status, False))
    for day in ahead:
        for _ in range(size.ahead_per_day):
            status = InterviewStatus.CONFIRMED if rng.random() < 0.8 else InterviewStatus.SCHEDULED
            plan.append((local(day, 8, 30) + timedelta(minutes=5 * rng.randrange(109)), status, False))
    application_of: dict[int, int] = {}
    first_app = size.candidates - len(plan) + size.past_interviews
    for iid, (starts, status, past) in enumerate(plan, 1):
        app_id = rng.randrange(1, first_app) if past else first_app + (iid - size.past_interviews)
        hr = rng.choice(hr_ids(size))
        row = _interview_rows(rng, size, app_id, position_of[app_id], starts, iid, status, hr, past)
        application_of[iid] = app_id
        interviews.append(row)
        panel = rng.sample(staff, rng.choice((1, 2, 2, 3)))
        participants += [{"interview_id": iid, "user_id": u, "role": "interviewer", "response": "accepted",
                          "seen_sequence": 0} for u in panel]
        created = row["created_at"]
        events = [("invited", created)]
        if status != InterviewStatus.SCHEDULED:
            events.append(("confirmed", created + timedelta(hours=2)))
            confirmations.append({"interview_id": iid, "party": "candidate", "user_id": None, "sequence": 0,
                                  "channel": "sms", "confirmed_at": created + timedelta(hours=2), "note": ""})
        keys = [("email", "invitation"), ("sms", "invitation"), ("email", "reminder_day_before"),
                ("sms", "reminder_day_before")]
        if past and status == InterviewStatus.FINISHED:
            events += [("checked_in", starts), ("started", row["started_at"]), ("finished", row["ended_at"]),
                       ("thanked", row["ended_at"] + timedelta(minutes=1))]
            keys += [("email", "thank_you"), ("sms", "thank_you")]
            if rng.random() < 0.2:
                for u in panel:
                    alerts.append({"dedupe_key": f"match:{iid}:0:{u}", "kind": "low_match", "interview_id": iid,
                                   "user_id": u, "detail": {"score": 20}, "raised_at": starts - timedelta(minutes=10),
                                   "acknowledged_at": starts})
        elif past and status == InterviewStatus.NO_SHOW:
            events += [("late", starts + timedelta(minutes=10)), ("no_show", starts + timedelta(minutes=30))]
            alerts.append({"dedupe_key": f"late:{iid}:0:{hr}", "kind": "late", "interview_id": iid, "user_id": hr,
                           "detail": {"minutes": 10}, "raised_at": starts + timedelta(minutes=10),
                           "acknowledged_at": starts + timedelta(minutes=20)})
        elif past:
            events.append(("cancelled", starts - timedelta(days=1)))
        else:                           # booked ahead: an unconfirmed one was reported when its deadline passed
            if status == InterviewStatus.SCHEDULED:
                events.append(("confirmation_overdue", row["confirmation_due_at"]))
                alerts.append({"dedupe_key": f"confirm:{iid}:0", "kind": "confirmation_overdue", "interview_id": iid,
                               "user_id": hr, "detail": {"sequence": 0}, "raised_at": row["confirmation_due_at"],
                               "acknowledged_at": None})
        timeline += [{"interview_id": iid, "at": at, "kind": kind, "actor_id": None, "actor_label": "系统",
                      "detail": {}} for kind, at in events]
        outbox += [{"dedupe_key": f"{channel}:{iid}:candidate:0:{kind}", "interview_id": iid, "channel": channel,
                    "kind": kind, "recipient": "c@example.cn", "payload": {}, "state": "sent" if past else "pending",
                    "attempts": 1, "last_error": "", "created_at": created, "sent_at": created, "version": 1}
                   for channel, kind in keys if past or kind == "invitation" or starts < local(DAY + timedelta(days=1), 0)]
    _insert(conn, Interview, interviews)
    _insert(conn, InterviewParticipant, participants)
    _insert(conn, Confirmation, confirmations)
    _insert(conn, TimelineEvent, timeline)
    _insert(conn, Alert, alerts)
    _insert(conn, OutboxEntry, outbox)
    return list(range(today_first, today_first + size.today)), application_of


def _questions(conn, rng: random.Random, size: Size, hours: OfficeHours, position_of: list[int],
               application_of: dict[int, int]) -> None:
    """Open questions asked over the last five working days (1 to 3 working days to answer: the
    setting changed over time), and a history of answered ones. Those whose half time or deadline
    passed before today were reminded / escalated already (the minute job ran then)."""
    start_of_day = local(DAY, 8, 0)
    before = [d for d in working_days(DAY - timedelta(days=12), 12) if d < DAY][-5:]
    topics = list(QuestionTopic)
    rows = []
    for n in range(size.open_questions + size.answered_questions):
        answered = n >= size.open_questions
        day = rng.choice(before) if not answered else DAY - timedelta(days=rng.randrange(10, 365))
        asked = local(day, 8, 30) + timedelta(minutes=rng.randrange(9 * 60))
        days = rng.choice((1, 1, 2, 3))
        due = hours.add_working_days(asked, days)
        remind = hours.add_working_minutes(asked, hours.working_minutes_between(asked, due) / 2)
        interview = rng.randrange(1, size.past_interviews + 1)
        topic = rng.choice(topics)
        application = application_of[interview]
        owner = leader_id(2 + position_of[application] % size.departments) if topic in (QuestionTopic.GROWTH, QuestionTopic.TEAM) \
            else rng.choice(hr_ids(size))
        reminded = remind if remind <= start_of_day or answered else None
        escalated = due if (due <= start_of_day and not answered) else None
        rows.append({"candidate_id": application, "interview_id": interview, "question": rng.choice(QUESTIONS),
                     "topic": topic, "source": rng.choice(("room", "kiosk", "email", "sms")), "message_id": None,
                     "owner_id": owner, "asked_at": asked, "due_at": due, "remind_at": remind, "reminded_at": reminded,
                     "escalated_at": escalated, "status": QuestionStatus.ANSWERED if answered else QuestionStatus.OPEN,
                     "answer": "您好，……" if answered else "", "answered_at": asked + timedelta(hours=3) if answered
                     else None, "answered_by_id": owner if answered else None, "sla_met": True if answered else None,
                     "version": 1})
    _insert(conn, CandidateQuestion, rows)


def _notices(conn, rng: random.Random, size: Size) -> None:
    staff = list(hr_ids(size)) + list(interviewer_ids(size))
    _insert(conn, Notice, [{"user_id": rng.choice(staff), "interview_id": None, "title": "新的面试安排", "body": "",
                            "created_at": NOW_BUILT - timedelta(days=rng.randrange(365)),
                            "seen_at": NOW_BUILT} for _ in range(30_000)])


def build(engine: Engine, size: Size, hours: OfficeHours) -> list[int]:
    rng = random.Random(11)
    with engine.begin() as conn:
        _people(conn, rng, size)
        _positions(conn, rng, size)
        position_of = _candidates(conn, rng, size)
        today, application_of = _interviews(conn, rng, size, position_of)
        _questions(conn, rng, size, hours, position_of, application_of)
        _notices(conn, rng, size)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:      # explicit ids were written: move every id sequence past them
            for table in ("departments", "users", "role_grants", "rooms", "holidays", "positions", "rounds",
                          "position_requirements", "candidates", "applications", "interviews",
                          "interview_participants", "confirmations", "timeline_events", "alerts", "outbox_entries",
                          "candidate_questions", "notices"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT coalesce(max(id), 1) FROM {table}))"))
            conn.execute(text("ANALYZE"))
    return today
