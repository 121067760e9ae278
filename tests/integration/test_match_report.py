"""The match report on both backends: HR gives a position weighted requirements (checked whole,
audited, refused on an old version), a candidate's certificates and the institution's own fields
count as evidence, whoever may see the candidate (or sits on the panel) may read the report, and ten
minutes before a poorly matched interview HR and the panel are warned once, in the app and through
their channels, with the gaps worded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core import matching, settings
from desktop.core.errors import PermissionDenied, StaleWrite, ValidationFailed
from desktop.core.model import Alert, AuditEntry, OutboxEntry, PositionRequirement, TimelineEvent
from desktop.core.notifications import templates
from desktop.core.scheduling import changes, reminders
from desktop.core.model import ChangeKind, Party
from desktop.core.services import candidates, positions, requirements
from desktop.core.services.requirements import RequirementInput

from factories import actor
from scheduling_helpers import BACKENDS, approve_default_chain, book, request, world_copy
from scheduling_world import STORY_DAY, World, local

NEEDS = [RequirementInput("education", "", "master", 2), RequirementInput("skill", "", "Python, SQL", 3)]


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def set_requirements(w: World, items=NEEDS) -> int:
    with w.db.session(w.hr, write=True) as s:
        version = positions.get_position(s, w.hr, w.position).version
        return requirements.replace_requirements(s, w.hr, w.position, list(items), version)


def give_profile(w: World, number: int, **changes_) -> None:
    with w.db.session(w.hr, write=True) as s:
        data, version = candidates.get_for_edit(s, w.hr, w.candidates[number])
        candidates.update_candidate(s, w.hr, w.candidates[number], data.__class__(**{**data.__dict__, **changes_}),
                                    version)


def evaluate(w: World) -> None:
    with w.db.session(write=True) as s:
        reminders.evaluate(s)


def test_requirements_are_replaced_whole_read_back_in_order_and_audited(world):
    with world.db.session(world.hr) as s:
        before = requirements.get_requirements(s, world.hr, world.position)
    assert before.legacy and [r.kind for r in before.requirements] == ["education"]   # the older fields
    items = [RequirementInput("skill", "", "Python，SQL；Excel", 3), RequirementInput("custom", "外语水平", "英语六级", 1),
             RequirementInput("years", "", "03", 2)]
    set_requirements(world, items)
    with world.db.session(world.hr) as s:
        after = requirements.get_requirements(s, world.hr, world.position)
        audited = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "PositionRequirement")).all()
    assert not after.legacy and after.can_edit and after.version == before.version + 1
    assert [(r.kind, r.label, r.value, r.weight) for r in after.requirements] == [
        ("skill", "", "Python, SQL, Excel", 3), ("custom", "外语水平", "英语六级", 1), ("years", "", "3", 2)]
    assert audited == ["create"] * 3
    assert set_requirements(world, after.requirements) == after.version       # unchanged: nothing written


def test_every_bad_requirement_is_named_and_nothing_is_written(world):
    bad = [RequirementInput("salary", "", "x", 1), RequirementInput("custom", "", "英语", 0),
           RequirementInput("years", "", "99", 2), RequirementInput("skill", "", " ，、 ", 2),
           RequirementInput("education", "", "none", 1), RequirementInput("major", "x" * 101, "法学", 11)]
    with pytest.raises(ValidationFailed) as refused:
        set_requirements(world, bad)
    assert refused.value.problems == {
        "requirement1_kind": "choice", "requirement2_label": "required", "requirement2_weight": "range",
        "requirement3_value": "range", "requirement4_value": "required", "requirement5_value": "choice",
        "requirement6_label": "too_long", "requirement6_weight": "range"}
    with world.db.session() as s:
        assert s.scalars(select(PositionRequirement)).all() == []


def test_an_edit_made_on_an_old_version_or_by_an_interviewer_is_refused(world):
    with world.db.session(world.hr, write=True) as s:
        old = positions.get_position(s, world.hr, world.position).version
    set_requirements(world)
    with world.db.session(world.hr, write=True) as s, pytest.raises(StaleWrite):
        requirements.replace_requirements(s, world.hr, world.position, [], old)
    with world.db.session(world.wang, write=True) as s, pytest.raises(PermissionDenied):
        requirements.replace_requirements(s, world.wang, world.position, [], None)


def test_the_report_uses_certificates_and_own_fields_but_never_personal_data(world):
    set_requirements(world, [RequirementInput("certificate", "", "执业医师资格证", 2),
                             RequirementInput("custom", "外语水平", "英语六级", 1),
                             RequirementInput("skill", "", "13800138000, c1@example.cn", 1)])   # personal: never found
    give_profile(world, 0, certificates="执业医师资格证；规培合格证", profile_extra={"外语水平": "英语六级（2019）"})
    with world.db.session(world.hr) as s:
        report = matching.report_for_application(s, world.hr, world.applications[0])
    assert [r.verdict for r in report.reasons] == ["met", "met", "missed"] and report.score == 75
    assert report.reasons[0].evidence == "证书：“执业医师资格证”"
    assert report.reasons[1].evidence == "外语水平：“英语六级”"
    with world.db.session(world.hr) as s:
        assert candidates.get_candidate(s, world.hr, world.candidates[0]).data.certificates == "执业医师资格证, 规培合格证"


def test_who_may_read_a_report(world):
    booked = book(world, 0, local(STORY_DAY, 10), interviewers=(world.wang.user_id,))
    stranger = actor("interviewer", world.other_dept, user_id=world.li.user_id)   # 李医生 as 外科's interviewer
    with world.db.session(world.wang) as s:
        assert matching.report_for_application(s, world.wang, world.applications[0]).score == 100
    with world.db.session(stranger) as s:
        with pytest.raises(PermissionDenied):
            matching.report_for_application(s, stranger, world.applications[0])
    with world.db.session(world.reception) as s, pytest.raises(PermissionDenied):
        matching.report_for_interview(s, world.reception, booked.interview_id)
    outsider_on_panel = actor("interviewer", world.other_dept, user_id=world.wang.user_id)
    with world.db.session(outsider_on_panel) as s:    # on the panel: may prepare, whatever the department
        assert matching.report_for_interview(s, outsider_on_panel, booked.interview_id).score == 100


def oa_messages(w: World, kind: str = "match_alert") -> list[OutboxEntry]:
    with w.db.session() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == kind).order_by(OutboxEntry.id)).all()
        s.expunge_all()
        return rows


def test_ten_minutes_before_a_poor_match_hr_and_the_panel_are_warned_once(world, clock):
    set_requirements(world)                                              # 硕士 (2) + Python, SQL (3)
    give_profile(world, 1, education="master", skills="Python, SQL")    # the second candidate fits
    poor = book(world, 0, local(STORY_DAY, 10), interviewers=(world.wang.user_id, world.li.user_id)).interview_id
    book(world, 1, local(STORY_DAY, 10), interviewers=(world.leader.user_id,), room=world.big_room)

    clock.set(local(STORY_DAY, 9, 49, ))
    evaluate(world)
    assert oa_messages(world) == []                                     # 11 minutes ahead: not yet
    clock.set(local(STORY_DAY, 9, 50))
    evaluate(world)
    evaluate(world)                                                      # again, as every minute: nothing twice
    sent = oa_messages(world)
    assert sorted(m.recipient for m in sent) == ["hr_zhang", "li", "wang"]
    assert {m.interview_id for m in sent} == {poor}
    with world.db.session() as s:
        raised = s.execute(select(Alert.user_id, Alert.kind, Alert.detail).where(Alert.kind == "low_match")).all()
        kinds = s.scalars(select(TimelineEvent.kind).where(TimelineEvent.interview_id == poor)).all()
        text = templates.render(s, "match_alert", "oa", sent[0].payload).text
        english = templates.render(s, "match_alert", "oa", sent[0].payload, locale="en").text
    assert sorted(u for u, _, _ in raised) == sorted([world.hr.user_id, world.wang.user_id, world.li.user_id])
    assert raised[0][2] == {"score": 20, "threshold": 30, "minutes": 10}
    assert kinds.count("match_alert") == 1
    assert text.startswith("该候选人与岗位匹配度较低（20%），主要差距：缺少 Python、SQL 技能、学历未达要求（要求硕士，实为本科）。"
                           "建议缩短面试时间，重点确认：Python、SQL 的实际掌握程度、学历背景及同等能力。")
    assert "候选人1" in text and "内科住院医师" in text
    assert english.startswith("This candidate matches the position poorly (20%). Main gaps: missing skills: Python, SQL;")

    # moved to the afternoon: measured again before the new time, the old version's alert stays
    moved = request(world, changes.ChangeInput(poor, ChangeKind.RESCHEDULE, Party.CANDIDATE, "改时",
                                               starts_at=local(STORY_DAY, 15)))
    approve_default_chain(world, moved.change_request_id)
    clock.set(local(STORY_DAY, 14, 52))
    evaluate(world)
    assert len(oa_messages(world)) == 6


def test_settings_move_the_alert_and_a_threshold_of_zero_silences_it(world, clock):
    set_requirements(world)
    book(world, 0, local(STORY_DAY, 10))
    with world.db.session(write=True) as s:
        settings.store_institution(s, "match.alert_minutes_before", 30, "测试")
        settings.store_institution(s, "match.alert_threshold", 0, "测试")
    clock.set(local(STORY_DAY, 9, 30))
    evaluate(world)
    assert oa_messages(world) == []
    with world.db.session(write=True) as s:
        settings.store_institution(s, "match.alert_threshold", 21, "测试")   # 20 % is below 21
    evaluate(world)
    assert sorted(m.recipient for m in oa_messages(world)) == ["hr_zhang", "wang"]


def test_the_minute_job_reads_only_interviews_starting_soon_without_an_alert(world, clock):
    """A query, not a loop over the day: an interview alerted already, or hours away, is not read."""
    set_requirements(world)
    first = book(world, 0, local(STORY_DAY, 10)).interview_id
    book(world, 2, local(STORY_DAY, 16), room=world.big_room)
    clock.set(local(STORY_DAY, 9, 55))
    with world.db.session(write=True) as s:
        from desktop.core.scheduling import match_alerts
        assert [r.id for r in match_alerts._due(s, clock.now(), 10)] == [first]
        match_alerts.evaluate(s, clock.now())
        assert match_alerts._due(s, clock.now(), 10) == []
        assert match_alerts._due(s, clock.now() + timedelta(hours=6), 10) != []   # the 16:00 one, later
