"""Demo data: a fictional city hospital (滨江市第一人民医院) in the middle of a recruiting season.

For trying the program, training HR officers and screenshots. Everything is generated from a seed,
relative to the database clock, so the same seed on the same clock gives the same data. Names,
phone numbers and ID numbers are invented (ID numbers carry correct check digits; e-mail addresses
use the reserved example.* domains). Messages still waiting in the outbox only go to example.*
mailboxes: SMS entries are created as already sent, so no real phone can ever be texted.

All of it is written in one unit of work: a failure leaves the database as it was. The story is
consistent in time: a candidate is entered before applying, applies after the position opened, is
booked after applying; change requests were made a few hours ago and decided after that, so an
审批超时 alert follows the step it waits for (tests/integration/test_demo_consistency.py checks
the whole database).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import demo_day, demo_evaluation, scorecards, settings, signing
from desktop.core.archive import dossier
from desktop.core.accounts import actor_for_user, hash_password
from desktop.core.clock import ManualClock
from desktop.core.model import (
    Alert, Application, ApplicationStage, ApprovalChain, ApprovalStep, CLOSED_STAGES, Candidate, ChangeKind,
    ChangeRequest, Channel, Confirmation, Education, Interview, InterviewMode,
    InterviewParticipant, InterviewStatus, OutboxEntry, OutboxState, Party, Position, ResponseState,
    RetentionPolicy, Role, RoleGrant, Room, RoundKind, StepKind, TimelineEvent, User, Verdict,
)
from desktop.core.scheduling import changes, effects
from desktop.core.scorecard_rules import CriterionInput
from desktop.core.services.candidates import CandidateInput, create_candidate
from desktop.core.services.departments import create_department
from desktop.core.services.positions import PositionInput, create_position
from desktop.core.storage.database import Actor, Database
from desktop.core.validation import id_number_check_digit

DEMO_PASSWORD = "Demo-2026"
REQUESTS_HOURS_AGO = 3          # when the demo's change requests were made
DECISION_MINUTES = 40           # between a request and each of its decisions
OFFICE_NAME = "滨江市第一人民医院"
ZONE = ZoneInfo("Asia/Shanghai")
SLOTS = (time(9), time(10), time(11), time(14), time(15), time(16))  # local starts; lunch 12:00–13:30 stays free
ROUND_MINUTES = {RoundKind.HR: 30, RoundKind.BUSINESS: 45, RoundKind.LEADERSHIP: 60}
MAIL_DOMAIN = "hospital.example.com"

DEPARTMENTS = (  # code, name, parent code
    ("YZB", "院长办公室", None), ("RSC", "人事处", None), ("CWC", "财务处", None), ("HQB", "后勤保障处", None),
    ("XXZX", "信息中心", None), ("XXZX-RJ", "软件开发科", "XXZX"), ("XXZX-YW", "网络运维科", "XXZX"),
    ("YWB", "医务部", None), ("YWB-NK", "内科", "YWB"), ("YWB-WK", "外科", "YWB"), ("YWB-JZ", "急诊科", "YWB"),
    ("YWB-YX", "医学影像科", "YWB"), ("HLB", "护理部", None),
)

# username, display name, department, grants ("role" institution-wide or "role@DEPT")
USERS = (
    ("demo.admin", "赵磊", "XXZX", ("admin",)),
    ("hr.wangli", "王丽", "RSC", ("hr_officer",)),
    ("hr.lijing", "李静", "RSC", ("hr_officer",)),
    ("hr.zhangmin", "张敏", "RSC", ("hr_officer@YWB", "hr_officer@HLB")),
    ("rsc.zhaohong", "赵红", "RSC", ("personnel_office",)),
    ("ld.chenjianguo", "陈建国", "YZB", ("director",)),
    ("ld.sunliping", "孙丽萍", "YZB", ("director",)),
    ("rs.gaojun", "高军", "RSC", ("dept_leader@RSC", "interviewer@RSC")),
    ("rs.fengqian", "冯倩", "RSC", ("interviewer@RSC",)),
    ("xx.zhoutao", "周涛", "XXZX", ("dept_leader@XXZX", "interviewer@XXZX")),
    ("xx.lingang", "林刚", "XXZX-RJ", ("interviewer@XXZX",)),
    ("xx.tanglin", "唐琳", "XXZX-RJ", ("interviewer@XXZX",)),
    ("xx.songyu", "宋宇", "XXZX-YW", ("interviewer@XXZX",)),
    ("yw.xuzhiming", "徐志明", "YWB", ("dept_leader@YWB", "interviewer@YWB")),
    ("yw.guowei", "郭伟", "YWB-NK", ("interviewer@YWB",)),
    ("yw.hejing", "何静", "YWB-WK", ("interviewer@YWB",)),
    ("yw.liangbo", "梁波", "YWB-JZ", ("interviewer@YWB",)),
    ("yw.dengyan", "邓艳", "YWB-YX", ("interviewer@YWB",)),
    ("hl.wuxiuying", "吴秀英", "HLB", ("dept_leader@HLB", "interviewer@HLB")),
    ("hl.caixia", "蔡霞", "HLB", ("interviewer@HLB",)),
    ("hl.panli", "潘莉", "HLB", ("interviewer@HLB",)),
    ("cw.heping", "何平", "CWC", ("dept_leader@CWC", "interviewer@CWC")),
    ("cw.yuanfang", "袁芳", "CWC", ("interviewer@CWC",)),
    ("qt.liuxiaoyan", "刘小燕", "HQB", ("reception",)),
)

ROOMS = (("行政楼301会议室", "行政楼3楼", 8), ("行政楼305面试室", "行政楼3楼", 4), ("门诊楼5楼示教室", "门诊楼5楼", 12),
         ("信息中心会议室", "科教楼2楼", 6), ("人事处谈话室", "行政楼2楼", 3))

FAMILIES = {  # schools, majors, skills
    "it": (("浙江大学", "北京邮电大学", "西安电子科技大学", "电子科技大学", "华中科技大学", "杭州电子科技大学", "南京理工大学"),
           ("计算机科学与技术", "软件工程", "信息安全", "网络工程", "数据科学与大数据技术"),
           ("Java", "Python", "SQL", "Linux", "Vue", "Spring Boot", "网络安全等级保护", "HL7/FHIR", "数据仓库", "虚拟化")),
    "medical": (("首都医科大学", "复旦大学上海医学院", "中南大学湘雅医学院", "四川大学华西临床医学院", "南京医科大学",
                 "中山大学中山医学院", "温州医科大学"),
                ("临床医学", "内科学", "外科学", "急诊医学"),
                ("住院医师规范化培训", "病历书写", "心肺复苏", "重症监护", "腔镜手术", "临床科研", "执业医师资格")),
    "imaging": (("南京医科大学", "泰山医学院", "川北医学院", "徐州医科大学"), ("医学影像技术", "医学影像学"),
                ("CT", "MRI", "DR", "放射防护", "大型医用设备上岗证")),
    "nursing": (("江苏护理职业学院", "浙江医药高等专科学校", "安徽医学高等专科学校", "南京医科大学", "杭州师范大学"),
                ("护理学", "助产"), ("护士执业资格", "静脉输液", "基础护理", "急危重症护理", "呼吸机管理", "健康宣教")),
    "finance": (("中央财经大学", "上海财经大学", "中南财经政法大学", "江西财经大学", "南京审计大学"),
                ("会计学", "财务管理", "审计学"), ("政府会计制度", "预算管理", "用友财务软件", "初级会计职称", "税务申报")),
    "admin": (("中国人民大学", "南京大学", "苏州大学", "华东师范大学", "南京师范大学"),
              ("人力资源管理", "行政管理", "档案学", "汉语言文学"), ("公文写作", "人事档案管理", "薪酬核算", "社会保险", "电子档案", "保密工作")),
}

# code, title, department, headcount, minimum education, minimum years, family, description
POSITIONS = (
    ("XX-RJ-01", "软件开发工程师", "XXZX-RJ", 2, "bachelor", 2, "it", "负责医院信息系统（HIS）接口与院内应用开发。"),
    ("XX-RJ-02", "数据分析工程师", "XXZX-RJ", 1, "master", 1, "it", "负责病案首页与运营数据的分析和报表开发。"),
    ("XX-YW-01", "网络安全工程师", "XXZX-YW", 1, "bachelor", 3, "it", "负责等保2.0整改、网络与终端安全、应急响应。"),
    ("XX-YW-02", "运维工程师", "XXZX-YW", 2, "associate", 1, "it", "负责机房、服务器、虚拟化平台与终端运维。"),
    ("YW-NK-01", "内科住院医师", "YWB-NK", 4, "master", 0, "medical", "需取得执业医师资格，完成住院医师规范化培训者优先。"),
    ("YW-WK-01", "外科住院医师", "YWB-WK", 3, "master", 0, "medical", "需取得执业医师资格，有腔镜手术经验者优先。"),
    ("YW-JZ-01", "急诊科医师", "YWB-JZ", 2, "bachelor", 3, "medical", "能适应急诊倒班，持有心肺复苏培训证书。"),
    ("YW-YX-01", "医学影像技师", "YWB-YX", 2, "bachelor", 1, "imaging", "持大型医用设备上岗证，熟悉CT、MRI操作。"),
    ("HL-01", "临床护士", "HLB", 10, "associate", 0, "nursing", "需取得护士执业资格，能适应轮班。"),
    ("HL-02", "重症监护护士", "HLB", 3, "bachelor", 2, "nursing", "有ICU工作经验，熟悉呼吸机与监护设备。"),
    ("CW-01", "会计", "CWC", 1, "bachelor", 2, "finance", "熟悉政府会计制度，具有初级及以上会计职称。"),
    ("RS-01", "人事专员", "RSC", 1, "bachelor", 1, "admin", "负责招聘组织、人事档案与薪酬社保业务。"),
    ("RS-02", "档案管理员", "RSC", 1, "bachelor", 0, "admin", "负责人事档案与电子档案管理，中共党员优先。"),
)

# 岗位类别 by family: they choose the offer template (desktop/core/offer_templates.py)
POST_TYPE_OF_FAMILY = {"it": "professional", "medical": "professional", "imaging": "professional",
                       "nursing": "professional", "finance": "professional", "admin": "management"}

CRITERIA = {
    RoundKind.HR: ("综合素质", "沟通表达", "求职动机", "职业规划"),
    RoundKind.BUSINESS: ("专业知识", "实践能力", "问题分析", "岗位匹配度"),
    RoundKind.LEADERSHIP: ("责任担当", "团队协作", "发展潜力", "综合评价"),
}

SURNAMES = tuple(zip(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚",
    ("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang xu "
     "han feng deng cao peng zeng xiao tian dong yuan pan jiang cai yu du ye cheng wei su lv ding ren shen yao").split(),
    strict=True))
MALE_NAMES = (("浩然", "haoran"), ("子轩", "zixuan"), ("宇航", "yuhang"), ("俊杰", "junjie"), ("志强", "zhiqiang"),
              ("建华", "jianhua"), ("明", "ming"), ("磊", "lei"), ("涛", "tao"), ("鹏", "peng"), ("晨阳", "chenyang"),
              ("博文", "bowen"), ("文杰", "wenjie"), ("家豪", "jiahao"), ("思远", "siyuan"), ("天宇", "tianyu"),
              ("泽宇", "zeyu"), ("嘉伟", "jiawei"), ("海峰", "haifeng"), ("振宇", "zhenyu"))
FEMALE_NAMES = (("欣怡", "xinyi"), ("雨桐", "yutong"), ("梓涵", "zihan"), ("诗琪", "shiqi"), ("静", "jing"),
                ("婷", "ting"), ("丽娟", "lijuan"), ("晓燕", "xiaoyan"), ("佳怡", "jiayi"), ("思雨", "siyu"),
                ("雪", "xue"), ("慧敏", "huimin"), ("婉清", "wanqing"), ("芳", "fang"), ("梦瑶", "mengyao"),
                ("璐", "lu"), ("一诺", "yinuo"), ("可欣", "kexin"), ("晓彤", "xiaotong"), ("颖", "ying"))
AREAS = ("110101", "310104", "320102", "320583", "330106", "340104", "370102", "420106", "430104", "440106",
         "510107", "610113", "350203", "360102", "410105")
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
                   "157", "158", "159", "166", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189",
                   "191", "198", "199")
SOURCES = (("官网", 30), ("招聘会", 15), ("内部推荐", 12), ("人才市场", 10), ("校园招聘", 18), ("人社局公开招聘平台", 15))
EMPLOYERS = ("省属三甲医院", "区人民医院", "民营专科医院", "社区卫生服务中心", "软件企业", "国有企业")
GRADUATION_AGE = {Education.ASSOCIATE: 21, Education.BACHELOR: 22, Education.MASTER: 25, Education.DOCTORATE: 28}
EDUCATION_LADDER = (Education.ASSOCIATE, Education.BACHELOR, Education.MASTER, Education.DOCTORATE)


@dataclass(frozen=True)
class DemoSummary:
    departments: int
    users: int
    positions: int
    rooms: int
    candidates: int
    applications: int
    interviews: int
    change_requests: int
    outbox_entries: int
    alerts: int
    archive_records: int
    first_interview: datetime | None
    last_interview: datetime | None
    password: str = DEMO_PASSWORD
    day: demo_day.DaySummary = demo_day.DaySummary()
    evaluation: demo_evaluation.EvaluationSummary = demo_evaluation.EvaluationSummary()


def has_candidates(session: Session) -> bool:
    """Demo data goes only into a database without candidates (never mixed with real records)."""
    return bool(session.scalar(select(func.count()).select_from(Candidate)))


def populate(db: Database, *, seed: int = 7, candidates: int = 200, interviews: int = 50) -> DemoSummary:
    if not 0 <= interviews <= candidates:
        raise ValueError("interviews must be between 0 and the number of candidates")
    with db.session(Actor.command_line(), write=True) as session:
        return _Builder(session, random.Random(seed), db.clock.now()).build(candidates, interviews)


class _Builder:
    def __init__(self, session: Session, rng: random.Random, now: datetime) -> None:
        self.s, self.rng, self.now = session, rng, now
        self.day_rng = random.Random(rng.getstate()[1][0])   # the interview day's draws leave the rest as it was
        self.actor = Actor.command_line()
        self.today = now.astimezone(ZONE).date()
        self.dept: dict[str, int] = {}
        self.users: dict[str, User] = {}
        self.busy: set[tuple[datetime, str, int]] = set()   # (start, "room"|"user"|"candidate", id)
        self.family: dict[int, str] = {}      # position id -> FAMILIES key
        self.root: dict[int, str] = {}        # position id -> top-level department code
        self.booking: dict[int, tuple[Application, list[User], Room | None]] = {}  # interview id -> ...

    @contextmanager
    def _at(self, instant: datetime) -> Iterator[ManualClock]:
        """Services called inside record `instant` (then whatever the clock is moved to) as their
        time, so the story's events keep their order; the database clock is back afterwards."""
        real = self.s.info["clock"]
        clock = ManualClock(instant)
        self.s.info["clock"] = clock
        try:
            yield clock
            self.s.flush()   # audit entries are stamped at flush: with the story's time
        finally:
            self.s.info["clock"] = real

    def build(self, candidates: int, interviews: int) -> DemoSummary:
        if not settings.institution_value(self.s, "office.name"):
            settings.store_institution(self.s, "office.name", OFFICE_NAME, self.actor.username)
        for code, name, parent in DEPARTMENTS:
            self.dept[code] = create_department(self.s, self.actor, name, code, self.dept.get(parent or ""))
        self._users()
        with signing.holding(self.keys):    # the approvers' decisions below are signed, as in the app
            return self._story(candidates, interviews)

    def _story(self, candidates: int, interviews: int) -> DemoSummary:
        self.rooms = [Room(name=n, location=loc, capacity=cap, exchange_mailbox=f"room{i + 1}@{MAIL_DOMAIN}")
                      for i, (n, loc, cap) in enumerate(ROOMS)]
        self.s.add_all(self.rooms)
        self.positions = [self._position(*p) for p in POSITIONS]
        demo_day.requirements(self, {family: majors for family, (_s, majors, _k) in FAMILIES.items()})
        self._chains()
        self._policies()
        apps = self._candidates(candidates, interviews)
        booked = [self._interview(app) for app in apps[:interviews]]
        requests = self._change_requests(booked)
        outbox = self._outbox(booked)
        alerts = self._alerts(booked, requests)
        day = demo_day.build(self, {i.application_id for i in booked})
        day_apps = set(self.s.scalars(select(Interview.application_id).where(Interview.uid.like("demo-day-%"))))
        evaluation = demo_evaluation.build(self, {i.application_id for i in booked} | day_apps)
        self.s.flush()
        archived = self._archive()
        starts = sorted(i.starts_at for i in booked)
        return DemoSummary(len(DEPARTMENTS), len(USERS), len(self.positions), len(self.rooms), candidates,
                           len(apps), len(booked), len(requests), outbox, alerts, archived,
                           starts[0] if starts else None, starts[-1] if starts else None, day=day,
                           evaluation=evaluation)

    # --- organisation ---------------------------------------------------------------------------

    def _users(self) -> None:
        password_hash = hash_password(DEMO_PASSWORD)  # one Argon2 run: demo users share the password
        for username, name, dept, grants in USERS:
            user = User(username=username, display_name=name, department_id=self.dept[dept],
                        password_hash=password_hash, email=f"{username}@{MAIL_DOMAIN}",
                        exchange_mailbox=f"{username}@{MAIL_DOMAIN}", created_at=self.now)
            user.grants = [RoleGrant(role=Role(g.split("@")[0]), department_id=self.dept.get(g.partition("@")[2]))
                           for g in grants]
            self.s.add(user)
            self.users[username] = user
        self.s.flush()
        # everyone's signing key, wrapped under the shared demo password with one Argon2 run
        self.keys = signing.new_keys_sharing_password(self.s, [u.id for u in self.users.values()], DEMO_PASSWORD,
                                                      self.now)

    def _pool(self, role: str, dept_code: str) -> list[User]:
        return [self.users[u] for u, _n, _d, grants in USERS if f"{role}@{dept_code}" in grants]

    def _position(self, code, title, dept, headcount, education, min_years, family, description) -> Position:
        skills = ", ".join(self.rng.sample(FAMILIES[family][2], 3))
        pid = create_position(self.s, self.actor, PositionInput(
            code=code, title=title, department_id=self.dept[dept], headcount=headcount, education=education,
            min_years=min_years, skills=skills, description=description, post_type=POST_TYPE_OF_FAMILY[family],
            opened_on=self.today - timedelta(days=self.rng.randint(20, 45)),
            closes_on=self.today + timedelta(days=self.rng.randint(21, 60))))
        position = self.s.get(Position, pid)
        self.family[pid], self.root[pid] = family, dept.split("-")[0]
        for rnd in position.rounds:
            rnd.duration_minutes = ROUND_MINUTES[rnd.kind]
            scorecards.save_template(self.s, self.actor, scorecards.TemplateInput(rnd.name, tuple(
                CriterionInput(name, 25, scorecards.DEFAULT_ANCHORS) for name in CRITERIA[rnd.kind])), round_id=rnd.id)
        return position

    def _chains(self) -> None:
        """Every database starts with the default chain (HR initiates → 部门领导审批 → 人事处备案 →
        主管领导确认, schema 0003); the demo adds a shorter one for cancellations, to show that chains
        are configuration."""
        cancel = ApprovalChain(name="取消面试审批链", change_kind=ChangeKind.CANCEL, allow_same_day_apply=True, steps=[
            ApprovalStep(position=1, kind=StepKind.APPROVE, role=Role.DEPT_LEADER, deadline_minutes=120),
            ApprovalStep(position=2, kind=StepKind.FILE, role=Role.PERSONNEL_OFFICE, deadline_minutes=480)])
        self.s.add(cancel)

    def _policies(self) -> list[RetentionPolicy]:
        policies = [
            RetentionPolicy(name="未录用人员应聘材料", applies_to="candidate", period_years=2, action="delete",
                            description="招聘结束后保存2年，期满删除；经本人同意进入人才库的除外。"),
            RetentionPolicy(name="招聘面试档案", applies_to="archive", period_years=10, action="restrict",
                            description="录用人员面试记录、审批单与评分表，保管期限10年。"),
            RetentionPolicy(name="审计日志", applies_to="audit", period_years=None, action="restrict",
                            description="系统审计日志永久保存。"),
        ]
        self.s.add_all(policies)
        return policies

    # --- candidates and applications -------------------------------------------------------------

    def _candidates(self, count: int, interviews: int) -> list[Application]:
        """Applications in stages; the first `interviews` of them are the ones to interview."""
        stages = [ApplicationStage.INTERVIEWING] * interviews + [ApplicationStage.HIRED] * 3 + \
            [ApplicationStage.OFFER] * 5
        rest = (ApplicationStage.APPLIED, ApplicationStage.SCREENING, ApplicationStage.REJECTED,
                ApplicationStage.WITHDRAWN, ApplicationStage.INTERVIEWING)
        stages += self.rng.choices(rest, weights=(35, 30, 20, 5, 10), k=max(0, count - len(stages)))
        seen: set[str] = set()
        apps = []
        for n in range(count):
            position = self.positions[n % len(self.positions)] if n < len(self.positions) else \
                self.rng.choice(self.positions)
            person = self._person(position, seen)
            officers = ("hr.wangli", "hr.zhangmin") if self.root[position.id] in ("YWB", "HLB") else \
                ("hr.wangli", "hr.lijing")
            owner = self.users[self.rng.choice(officers)].id
            applied = self.now - timedelta(days=self.rng.randint(3, 40), minutes=self.rng.randint(0, 600))
            opened = datetime.combine(position.opened_on, time(9), tzinfo=ZONE).astimezone(timezone.utc)
            applied = max(applied, opened + timedelta(minutes=n % 600))   # nobody applies before the opening
            with self._at(applied - timedelta(minutes=30)):               # entered by HR when applying
                candidate_id = create_candidate(self.s, self.actor, person)
            app = Application(candidate_id=candidate_id, position_id=position.id, stage=stages[n],
                              hr_owner_id=owner, applied_at=applied)
            app.position = position
            apps.append(app)
        self.s.add_all(apps)
        self.s.flush()
        return apps

    def _person(self, position: Position, seen: set[str]) -> CandidateInput:
        rng = self.rng
        schools, majors, skills = FAMILIES[self.family[position.id]]
        male = rng.random() < 0.5
        surname, surname_py = rng.choice(SURNAMES)
        given, given_py = rng.choice(MALE_NAMES if male else FEMALE_NAMES)
        least = position.education
        ladder = [e for e in EDUCATION_LADDER if EDUCATION_LADDER.index(e) >= EDUCATION_LADDER.index(least)]
        education = ladder[0] if rng.random() < 0.6 or len(ladder) == 1 else rng.choice(ladder[1:])
        years = max(position.min_years, 0) + rng.randint(0, 6)
        age = GRADUATION_AGE[education] + years + rng.randint(0, 2)
        born = date(self.today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        while True:
            sequence = rng.randrange(0, 1000)
            if sequence % 2 != int(male):
                sequence = sequence + 1 if sequence < 999 else sequence - 1
            first17 = f"{rng.choice(AREAS)}{born:%Y%m%d}{sequence:03d}"
            id_number = first17 + id_number_check_digit(first17)
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"
            mailbox = f"{surname_py}{given_py}{born:%y}"
            while f"{mailbox}@" in seen:
                mailbox += str(rng.randint(0, 9))
            if id_number not in seen and phone not in seen:
                break
        seen.update((id_number, phone, f"{mailbox}@"))
        school = rng.choice(schools)
        major = rng.choice(majors)
        picked = rng.sample(skills, min(len(skills), rng.randint(2, 4)))
        graduated = born.year + GRADUATION_AGE[education]
        employer = rng.choice(EMPLOYERS)
        experience = f"{graduated}年毕业于{school}{major}专业" + (
            f"；{graduated + 1}年起在{employer}工作{years}年。" if years else "；应届毕业生。")
        return CandidateInput(
            name=surname + given, gender="male" if male else "female", phone=phone,
            email=f"{mailbox}@{rng.choice(('example.com', 'example.net', 'example.org'))}", id_number=id_number,
            education=education.value, school=school, major=major, years_experience=years, experience=experience,
            skills=", ".join(picked), resume_summary=f"应聘{position.title}，熟悉{picked[0]}与{picked[-1]}。",
            source_channel=rng.choices([s for s, _ in SOURCES], weights=[w for _, w in SOURCES])[0],
            department_id=position.department_id, talent_pool_consent=rng.random() < 0.3,
            certificates=demo_day.certificates(self.day_rng, self.family[position.id]))

    # --- interviews ----------------------------------------------------------------------------------

    def _working_days(self) -> list[date]:
        days = [self.today + timedelta(days=d) for d in range(1, 14)]
        return [d for d in days if d.weekday() < 5]

    def _free(self, start: datetime, room: Room | None, people: list[User], app: Application) -> bool:
        keys = [(start, "user", u.id) for u in people] + [(start, "candidate", app.candidate_id)]
        if room is not None:
            keys.append((start, "room", room.id))
        return not any(k in self.busy for k in keys)

    def _reserve(self, start: datetime, room: Room | None, people: list[User], app: Application) -> None:
        self.busy.update([(start, "user", u.id) for u in people] + [(start, "candidate", app.candidate_id)])
        if room is not None:
            self.busy.add((start, "room", room.id))

    def _panel(self, app: Application, kind: RoundKind) -> list[User]:
        root = self.root[app.position_id]
        dept_people = self._pool("interviewer", root)
        leaders = self._pool("dept_leader", root)
        if kind is RoundKind.HR:
            hr = [self.users["hr.wangli"], self.users["hr.lijing"]]
            return [self.rng.choice(hr), self.rng.choice(dept_people)]
        if kind is RoundKind.BUSINESS:
            return self.rng.sample(dept_people, min(2, len(dept_people)))
        return [leaders[0], self.rng.choice((self.users["ld.chenjianguo"], self.users["ld.sunliping"]))]

    def _slot(self, app: Application, panel: list[User], onsite: bool) -> tuple[datetime, Room | None]:
        days, rooms = self._working_days(), list(self.rooms)
        starts = [datetime.combine(d, t, tzinfo=ZONE).astimezone(timezone.utc) for d in days for t in SLOTS]
        offset = self.rng.randrange(len(starts))
        for start in starts[offset:] + starts[:offset]:  # a random start, then the next free one
            self.rng.shuffle(rooms)
            for room in (rooms if onsite else [None]):
                if (room is None or room.capacity >= len(panel) + 1) and self._free(start, room, panel, app):
                    return start, room
        raise ValueError("no free slot left in the next two weeks for the demo interviews")

    def _interview(self, app: Application) -> Interview:
        rng = self.rng
        rnd = rng.choices(app.position.rounds, weights=(60, 30, 10))[0]
        panel = self._panel(app, rnd.kind)
        onsite = rng.random() < 0.85
        start, room = self._slot(app, panel, onsite)
        self._reserve(start, room, panel, app)
        created = self.now - timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 6))
        created = max(created, app.applied_at + timedelta(days=1))   # booked after the application came in
        confirmed = rng.random() < 0.6
        interview = Interview(
            uid=f"{uuid.UUID(int=rng.getrandbits(128), version=4)}@interviewdesk", application_id=app.id,
            round_id=rnd.id, starts_at=start, duration_minutes=rnd.duration_minutes,
            mode=InterviewMode.ONSITE if room else InterviewMode.VIDEO, room_id=room.id if room else None,
            video_link=None if room else f"https://meeting.example.com/j/{rng.randrange(10 ** 9):09d}",
            status=InterviewStatus.CONFIRMED if confirmed else InterviewStatus.SCHEDULED,
            hr_owner_id=app.hr_owner_id, created_at=created, confirmation_due_at=min(created + timedelta(hours=1), start),
            participants=[InterviewParticipant(
                user_id=u.id, response=rng.choice((ResponseState.ACCEPTED, ResponseState.ACCEPTED, ResponseState.NONE,
                                                   ResponseState.TENTATIVE)),
                seen_sequence=0 if rng.random() < 0.8 else -1) for u in panel])
        for p in interview.participants:
            if p.response is not ResponseState.NONE:
                p.responded_at = created + timedelta(hours=2)
            if p.seen_sequence == 0:
                p.seen_at = created + timedelta(hours=1)
        self.s.add(interview)
        self.s.flush()
        owner = next(u for u in self.users.values() if u.id == app.hr_owner_id)
        self.s.add(TimelineEvent(interview_id=interview.id, at=created, kind="invited", actor_id=owner.id,
                                 actor_label=owner.display_name, detail={"sequence": 0}))
        if confirmed:
            at = created + timedelta(minutes=rng.randint(10, 50))
            channel = rng.choice((Channel.SMS, Channel.PHONE, Channel.EMAIL))
            self.s.add_all((
                Confirmation(interview_id=interview.id, party=Party.CANDIDATE, sequence=0, channel=channel,
                             confirmed_at=at, recorded_by_id=app.hr_owner_id),
                TimelineEvent(interview_id=interview.id, at=at, kind="confirmed", detail={"party": "candidate",
                                                                                            "channel": channel.value})))
        self.booking[interview.id] = (app, panel, room)
        return interview

    def _change_requests(self, booked: list[Interview]) -> list[ChangeRequest]:
        """Requests made and partly decided through the scheduling service, as HR and approvers
        would, so they carry the service's snapshots, hashes, timeline entries and notices."""
        plans = (  # kind, party, steps already decided, reason
            (ChangeKind.RESCHEDULE, Party.CANDIDATE, 0, "候选人上午需参加毕业论文答辩，申请改到下午面试。"),
            (ChangeKind.RESCHEDULE, Party.INTERVIEWER, 1, "面试官临时参加院内疑难病例讨论，申请顺延。"),
            (ChangeKind.SWAP_INTERVIEWER, Party.HR, 2, "原面试官外出培训，更换为同科室面试官。"),
            (ChangeKind.CANCEL, Party.CANDIDATE, 0, "候选人已接受其他单位录用，放弃本次面试。"),
        )
        made = []
        unused = list(reversed(booked))
        for kind, party, decided, reason in plans[:len(booked)]:
            if kind is ChangeKind.SWAP_INTERVIEWER:  # needs a colleague who is free at that time
                interview = next((i for i in unused if self._stand_in(i)), None)
                if interview is None:
                    continue
            else:
                interview = unused[0]
            unused.remove(interview)
            app, panel, room = self.booking[interview.id]
            change = changes.ChangeInput(interview_id=interview.id, kind=kind, party=party, reason=reason)
            if kind is ChangeKind.RESCHEDULE:
                start, new_room = self._slot(app, panel, room is not None)
                self._reserve(start, new_room, panel, app)
                change = replace(change, starts_at=start, room_id=new_room.id if new_room else None)
            elif kind is ChangeKind.SWAP_INTERVIEWER:
                stand_in = self._stand_in(interview)
                self.busy.add((interview.starts_at, "user", stand_in.id))
                change = replace(change, interviewer_ids=tuple(u.id for u in panel[:-1]) + (stand_in.id,))
            hr = actor_for_user(self.s, app.hr_owner_id)
            approvers = (self._pool("dept_leader", self.root[app.position_id])[0], self.users["rsc.zhaohong"])
            steps = list(zip(approvers, (Verdict.APPROVED, Verdict.FILED), ("同意调整。", "已备案。"), strict=True))
            with self._at(self.now - timedelta(hours=REQUESTS_HOURS_AGO)) as clock:
                request_id = changes.request_change(self.s, hr, change).change_request_id
                for step, (approver, verdict, comment) in enumerate(steps[:decided], start=1):
                    clock.advance(timedelta(minutes=DECISION_MINUTES))
                    changes.decide(self.s, actor_for_user(self.s, approver.id), request_id, verdict, comment, step)
            request = self.s.get(ChangeRequest, request_id)
            if decided == 1:  # the personnel office has let this one wait past its deadline
                request.step_due_at = self.now - timedelta(minutes=30)
            made.append(request)
        self.s.flush()
        return made

    def _stand_in(self, interview: Interview) -> User | None:
        app, panel, _room = self.booking[interview.id]
        return next((u for u in self._pool("interviewer", self.root[app.position_id])
                     if u not in panel and (interview.starts_at, "user", u.id) not in self.busy), None)

    def _outbox(self, booked: list[Interview]) -> int:
        entries = []
        for n, interview in enumerate(booked[:12]):
            app, panel, _room = self.booking[interview.id]
            candidate = self.s.get(Candidate, app.candidate_id)
            info = effects.details(self.s, interview)
            for user in panel:
                entries.append(OutboxEntry(
                    dedupe_key=f"{effects.CALENDAR}:{interview.id}:user{user.id}:0:create", interview_id=interview.id,
                    channel=effects.CALENDAR, kind="create", recipient=user.exchange_mailbox or user.username,
                    payload=info | {"user_id": user.id, "reason": ""}, state=OutboxState.SENT, attempts=1,
                    created_at=interview.created_at, sent_at=interview.created_at + timedelta(minutes=1),
                    external_id=f"AAMk-demo-{interview.id}-{user.id}"))
            notice = info | {"candidate_id": candidate.id, "candidate_name": candidate.name, "reason": "",
                             "confirm_by": interview.confirmation_due_at.isoformat()}
            state = (OutboxState.PENDING, OutboxState.SENT, OutboxState.SENT, OutboxState.FAILED)[n % 4]
            entries.append(OutboxEntry(
                dedupe_key=f"email:{interview.id}:candidate:0:invitation", interview_id=interview.id, channel="email",
                kind="invitation", recipient=candidate.email, payload=notice,
                state=state, attempts={OutboxState.PENDING: 0, OutboxState.SENT: 1, OutboxState.FAILED: 5}[state],
                last_error="邮件服务器连接超时（mail.hospital.example.com:587）" if state is OutboxState.FAILED else "",
                next_attempt_at=self.now + timedelta(minutes=5) if state is OutboxState.PENDING else None,
                created_at=interview.created_at, sent_at=interview.created_at + timedelta(minutes=2)
                if state is OutboxState.SENT else None))
            entries.append(OutboxEntry(
                dedupe_key=f"sms:{interview.id}:candidate:0:invitation", interview_id=interview.id, channel="sms",
                kind="invitation", recipient=candidate.phone, payload=notice,
                state=OutboxState.SENT, attempts=1, created_at=interview.created_at,
                sent_at=interview.created_at + timedelta(minutes=1)))
        self.s.add_all(entries)
        return len(entries)

    def _alerts(self, booked: list[Interview], changes: list[ChangeRequest]) -> int:
        alerts = []
        unconfirmed = [i for i in booked if i.status is InterviewStatus.SCHEDULED][:2]
        for interview in unconfirmed:
            alerts.append(Alert(dedupe_key=f"demo:confirmation_overdue:{interview.id}", kind="confirmation_overdue",
                                interview_id=interview.id, user_id=interview.hr_owner_id,
                                detail={"deadline": (interview.created_at + timedelta(hours=1)).isoformat()},
                                raised_at=interview.created_at + timedelta(hours=1)))
        for request in changes:
            if request.step_due_at and request.step_due_at < self.now:
                alerts.append(Alert(dedupe_key=f"demo:approval_overdue:{request.id}", kind="approval_overdue",
                                    interview_id=request.interview_id, change_request_id=request.id,
                                    detail={"step": request.current_step}, raised_at=request.step_due_at))
        self.s.add_all(alerts)
        return len(alerts)

    def _archive(self) -> int:
        """Every closed application's dossier (面试档案), produced as its closing would have, so the
        archive register opens with real, verifiable PDF/A files in the archive store."""
        closed = list(self.s.scalars(select(Application).where(Application.stage.in_(list(CLOSED_STAGES)))
                                     .order_by(Application.closed_at, Application.id)))
        hr = self.users["hr.wangli"]
        producer = Actor(user_id=hr.id, username=hr.username, display_name=hr.display_name, system=True)
        for app in closed:
            if app.closed_at is None:       # closed some days after applying, by the demo's clock
                days = random.Random(app.id).randint(5, 25)
                app.closed_at = min(app.applied_at + timedelta(days=days), self.now - timedelta(hours=1))
            with self._at(min(app.closed_at, self.now)):
                dossier.produce(self.s, producer, app.id, "closed")
        return len(closed)
