"""Deterministic, realistic bulk data for the storage benchmark.

Rows are produced in chunks from a seed, so the encrypted and the plain database receive exactly
the same data without holding half a million rows in memory, and are written with SQLAlchemy Core
`executemany` in one transaction per table (bypassing the ORM and the audit log on purpose: this is
a fixture of a large office's database, not a history of edits).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine

from desktop.core.model import (
    Application, ApplicationStage, Candidate, Department, Education, Gender, Interview, InterviewMode,
    InterviewStatus, Position, PositionStatus, Room, Round, RoundKind,
)
from desktop.core.sortkeys import name_sort_key

CHUNK = 20_000
EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)

# Common surnames, roughly in order of frequency, so that name prefixes match like real ones.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩然子轩梓涵一诺欣怡"
         "思远晨曦嘉怡佳琪雨桐俊杰志强建华国栋文博海燕春梅晓东立新振宇昊天雅琴婷婷丹丹宏伟永红淑珍")
SCHOOLS = ("北京大学", "清华大学", "复旦大学", "浙江大学", "南京大学", "武汉大学", "中山大学", "四川大学",
           "山东大学", "吉林大学", "郑州大学", "首都医科大学", "北京中医药大学", "中国人民大学", "天津医科大学")
MAJORS = ("临床医学", "护理学", "计算机科学与技术", "会计学", "人力资源管理", "法学", "汉语言文学",
          "药学", "公共卫生", "信息管理", "行政管理", "金融学")
CHANNELS = ("官网", "智联招聘", "前程无忧", "校园招聘", "内部推荐", "人才市场", "事业单位招聘网")
DEPARTMENTS = ("办公室", "人事处", "财务处", "医务部", "护理部", "信息中心", "后勤保障处", "科研处",
               "教育处", "门诊部", "药剂科", "检验科", "放射科", "党委办公室", "纪检监察室", "审计处")
ROLES = ("科员", "主治医师", "护士", "软件工程师", "会计", "人事专员", "档案管理员", "检验技师", "药师",
         "行政助理", "网络管理员", "统计员")
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                   "155", "157", "158", "159", "166", "176", "177", "180", "181", "186", "187", "188", "189",
                   "198", "199")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Size:
    candidates: int = 100_000
    interviews: int = 500_000
    departments: int = 16
    positions: int = 300
    rooms: int = 12
    applications_per_candidate: int = 2
    rounds_per_position: int = 3

    @property
    def applications(self) -> int:
        return self.candidates * self.applications_per_candidate

    def check(self) -> None:
        if self.interviews > self.applications * self.rounds_per_position:
            raise SystemExit("too many interviews: at most 3 per application (2 applications per candidate)")


def _at(rng: random.Random, days: int = 1000) -> datetime:
    return EPOCH + timedelta(seconds=rng.randrange(days * 86400))


def candidate_name(rng: random.Random) -> str:
    surname = SURNAMES[min(int(rng.expovariate(1 / 18)), len(SURNAMES) - 1)]
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return surname + given


def mobile(index: int) -> str:
    """A unique, plausible mobile number for candidate `index`."""
    prefix = MOBILE_PREFIXES[index % len(MOBILE_PREFIXES)]
    body = (index * 7919 + 1_234_567) % 100_000_000
    return f"{prefix}{body:08d}"


def id_number(rng: random.Random, born: datetime) -> str:
    body = f"{rng.choice(('110101', '310104', '440106', '510107', '420102'))}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS)) % 11]


def departments(size: Size) -> list[dict]:
    return [{"id": i + 1, "name": DEPARTMENTS[i % len(DEPARTMENTS)] + ("" if i < len(DEPARTMENTS) else f"{i}"),
             "code": f"D{i + 1:03d}", "parent_id": None, "is_active": True, "created_at": EPOCH, "version": 1}
            for i in range(size.departments)]


def rooms(size: Size) -> list[dict]:
    return [{"id": i + 1, "name": f"第{i + 1}会议室", "location": f"行政楼{3 + i // 4}层", "capacity": 6,
             "is_active": True, "version": 1} for i in range(size.rooms)]


def positions(size: Size) -> list[dict]:
    rng = random.Random(2)
    rows = []
    for i in range(size.positions):
        opened = _at(rng, 900)
        rows.append({"id": i + 1, "code": f"P{i + 1:04d}", "title": f"{rng.choice(ROLES)}（{2024 + i % 3}-{i:03d}）",
                     "department_id": i % size.departments + 1, "headcount": rng.randint(1, 5),
                     "education": rng.choice((Education.BACHELOR, Education.MASTER, Education.DOCTORATE)),
                     "min_years": rng.randint(0, 5), "skills": "沟通,协作", "description": "",
                     "status": PositionStatus.OPEN, "opened_on": opened.date(), "closes_on": None,
                     "created_at": opened, "updated_at": opened, "version": 1})
    return rows


def rounds(size: Size) -> list[dict]:
    kinds = ((RoundKind.HR, "初试"), (RoundKind.BUSINESS, "复试"), (RoundKind.LEADERSHIP, "终试"))
    return [{"id": p * size.rounds_per_position + s + 1, "position_id": p + 1, "sequence": s + 1,
             "name": kinds[s][1], "kind": kinds[s][0], "duration_minutes": 30}
            for p in range(size.positions) for s in range(size.rounds_per_position)]


def candidates(size: Size) -> Iterator[list[dict]]:
    rng = random.Random(3)
    genders = (Gender.FEMALE, Gender.MALE)
    educations = (Education.ASSOCIATE, Education.BACHELOR, Education.BACHELOR, Education.MASTER, Education.DOCTORATE)
    chunk: list[dict] = []
    for i in range(size.candidates):
        created = _at(rng)
        born = datetime(1975 + rng.randrange(28), 1 + rng.randrange(12), 1 + rng.randrange(28))
        phone = mobile(i)
        school, major = rng.choice(SCHOOLS), rng.choice(MAJORS)
        name = candidate_name(rng)
        chunk.append({
            "id": i + 1, "name": name, "name_sort_key": name_sort_key(name),   # Core inserts skip the ORM's hook
            "gender": rng.choice(genders), "phone": phone,
            "phone_tail": phone[-4:], "email": f"c{i + 1}@mail.example.cn", "id_number": id_number(rng, born),
            "birth_date": born.date(), "education": rng.choice(educations), "school": school, "major": major,
            "years_experience": rng.randrange(20), "experience": f"{rng.randrange(2005, 2024)}年起在{rng.choice(DEPARTMENTS)}工作",
            "skills": "办公软件,公文写作", "resume_summary": f"{school}{major}专业毕业，熟悉本岗位业务，工作认真负责。",
            "source_channel": rng.choice(CHANNELS), "department_id": rng.randrange(size.departments) + 1,
            "talent_pool_consent": rng.random() < 0.3, "consent_date": None, "restricted": False,
            "reschedule_count": 0, "no_show_count": 0, "late_count": 0,
            "created_at": created, "updated_at": created, "version": 1,
        })
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def application_position(size: Size, application: int) -> int:
    """The position (0-based) of application `application`; a candidate's applications differ."""
    candidate, k = divmod(application, size.applications_per_candidate)
    return (candidate * 7919 + k * 97) % size.positions


def applications(size: Size) -> Iterator[list[dict]]:
    rng = random.Random(4)
    stages = (ApplicationStage.APPLIED, ApplicationStage.SCREENING, ApplicationStage.INTERVIEWING,
              ApplicationStage.REJECTED, ApplicationStage.OFFER, ApplicationStage.HIRED)
    chunk: list[dict] = []
    for c in range(size.candidates):
        for k in range(size.applications_per_candidate):
            a = c * size.applications_per_candidate + k
            chunk.append({"id": a + 1, "candidate_id": c + 1, "position_id": application_position(size, a) + 1,
                          "stage": rng.choice(stages), "hr_owner_id": None, "applied_at": _at(rng), "version": 1})
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def interviews(size: Size) -> Iterator[list[dict]]:
    """Spread `size.interviews` over the applications: the first ones get one round more."""
    rng = random.Random(5)
    base, extra = divmod(size.interviews, size.applications)
    statuses = (InterviewStatus.FINISHED, InterviewStatus.FINISHED, InterviewStatus.CONFIRMED,
                InterviewStatus.SCHEDULED, InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW)
    chunk: list[dict] = []
    next_id = 1
    for a in range(size.applications):
        position = application_position(size, a)
        count = base + (1 if a < extra else 0)
        day = _at(rng).replace(hour=1, minute=0, second=0)
        for s in range(count):
            starts = day + timedelta(days=7 * s, minutes=30 * rng.randrange(16))
            chunk.append({"id": next_id, "uid": f"bench-{next_id}@interviewdesk", "application_id": a + 1,
                          "round_id": position * size.rounds_per_position + s + 1, "starts_at": starts,
                          "duration_minutes": 30, "mode": InterviewMode.ONSITE if rng.random() < 0.8 else InterviewMode.VIDEO,
                          "room_id": rng.randrange(size.rooms) + 1, "video_link": None, "status": rng.choice(statuses),
                          "sequence": 0, "hr_owner_id": None, "notes": "", "checked_in_at": None,
                          "created_at": starts - timedelta(days=3), "version": 1})
            next_id += 1
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def fill(engine: Engine, size: Size, progress=print) -> None:
    """Write every table in foreign-key order, one transaction per table."""
    size.check()
    plan = (
        (Department, lambda: iter([departments(size)])), (Room, lambda: iter([rooms(size)])),
        (Position, lambda: iter([positions(size)])), (Round, lambda: iter([rounds(size)])),
        (Candidate, lambda: candidates(size)), (Application, lambda: applications(size)),
        (Interview, lambda: interviews(size)),
    )
    for model, chunks in plan:
        table = model.__table__
        written = 0
        with engine.begin() as conn:
            for rows in chunks():
                conn.execute(table.insert(), rows)
                written += len(rows)
        progress(f"    {table.name}: {written:,} rows")
