"""The interview room on both backends: the panel starts the interview on its day, ticks the closing
checklist with times, writes notes, records the next step and ends it; an overrun needs a reason,
unticked items need a confirmation, and each refusal writes nothing. The minute job tells the panel
at the planned end and ten minutes later, once each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core import closing_scripts, interview_room
from desktop.core.errors import InvalidState, PermissionDenied, ValidationFailed
from desktop.core.interview_room import RoomRefused
from desktop.core.model import Alert, ChecklistTick, Interview, InterviewNote, Round
from desktop.core.notifications.templates import TemplateInvalid
from desktop.core.scheduling import attendance, reminders, timeline

from scheduling_helpers import BACKENDS, act, book, world_copy
from scheduling_world import STORY_DAY, World, local


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def state(w: World, iid: int, actor=None) -> interview_room.RoomState:
    with w.db.session(actor or w.wang) as s:
        return interview_room.room_state(s, actor or w.wang, iid)


def events(w: World, iid: int) -> list[tuple[str, dict]]:
    with w.db.session() as s:
        return [(e.kind, e.detail) for e in timeline.entries(s, iid)
                if e.kind in ("started", "finished", "overtime")]


def minute_job(w: World) -> list[str]:
    with w.db.session(write=True) as s:
        return sorted(k for k in reminders.evaluate(s).kinds if k.startswith("room_"))


def test_a_whole_interview_in_the_room(world, clock):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    before = state(w, iid)
    assert (before.planned_minutes, before.started_at, before.min_questions) == (40, None, 2)
    assert [i.label for i in before.checklist] == ["告知下一步流程及时限", "询问候选人问题", "记录收尾备注"]
    assert before.candidate_name == "候选人1" and before.position == "内科住院医师" and before.round == "初试"

    clock.set(local(STORY_DAY, 9, 55))
    act(w, w.reception, attendance.check_in, iid)
    assert state(w, iid).phase(clock.now()) == "waiting"
    clock.set(local(STORY_DAY, 10, 0))
    assert state(w, iid).phase(clock.now()) == "ready"        # arrived and the booked time has come

    clock.set(local(STORY_DAY, 10, 2))
    started = act(w, w.wang, interview_room.start, iid)
    assert started.status == "in_progress" and started.started_at == local(STORY_DAY, 10, 2)
    with pytest.raises(InvalidState):
        act(w, w.hr, interview_room.start, iid)

    clock.set(local(STORY_DAY, 10, 20))
    note = act(w, w.wang, interview_room.add_note, iid, "  临床基础扎实，\n规培经历与岗位对口  ")
    assert note.text == "临床基础扎实，\n规培经历与岗位对口"
    clock.set(local(STORY_DAY, 10, 38))
    act(w, w.wang, interview_room.tick_item, iid, 1)
    act(w, w.hr, interview_room.tick_item, iid, 2)
    act(w, w.wang, interview_room.tick_item, iid, 2)            # ticked again: keeps the first time
    act(w, w.wang, interview_room.untick_item, iid, 2)
    act(w, w.wang, interview_room.set_next_step, iid, "2个工作日内通知结果")
    clock.set(local(STORY_DAY, 10, 40))
    act(w, w.wang, interview_room.tick_item, iid, 2)

    now = state(w, iid)
    assert [(i.ordinal, i.ticked_at, i.ticked_by) for i in now.checklist] == [
        (1, local(STORY_DAY, 10, 38), "王主任"), (2, local(STORY_DAY, 10, 40), "王主任"), (3, None, "")]
    assert [(n.author, n.at) for n in now.notes] == [("王主任", local(STORY_DAY, 10, 20))]
    assert now.next_step == "2个工作日内通知结果"

    clock.set(local(STORY_DAY, 10, 45))
    with pytest.raises(RoomRefused) as refused:
        act(w, w.wang, interview_room.end, iid)
    assert refused.value.params["reason"] == "unticked" and refused.value.params["items"] == ["记录收尾备注"]
    assert state(w, iid).status == "in_progress"                 # nothing written
    ended = act(w, w.wang, interview_room.end, iid, None, confirm_unticked=True)
    assert (ended.duration_minutes, ended.overtime_minutes, ended.unticked) == (43, 3, ("记录收尾备注",))
    after = state(w, iid)
    assert after.status == "finished" and after.ended_at == local(STORY_DAY, 10, 45)
    assert [(k, d.get("planned_minutes"), d.get("duration_minutes"), d.get("overtime_minutes"))
            for k, d in events(w, iid)] == [("started", 40, None, None), ("finished", 40, 43, 3)]
    with pytest.raises(RoomRefused):
        act(w, w.wang, interview_room.tick_item, iid, 3)         # closed: no ticks after the end
    with pytest.raises(RoomRefused):
        act(w, w.wang, interview_room.end, iid, None, confirm_unticked=True)


def test_an_overrun_needs_a_reason_and_the_panel_hears_at_the_planned_end_and_ten_minutes_later(world, clock):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id)).interview_id
    clock.set(local(STORY_DAY, 10, 0))
    act(w, w.hr, interview_room.start, iid)
    for n in (1, 2, 3):
        act(w, w.li, interview_room.tick_item, iid, n)

    clock.set(local(STORY_DAY, 10, 39))
    assert minute_job(w) == []
    clock.set(local(STORY_DAY, 10, 40))
    assert minute_job(w) == ["room_planned_end", "room_planned_end"]      # 王主任 and 李医生
    assert minute_job(w) == []
    clock.set(local(STORY_DAY, 10, 50))
    assert minute_job(w) == ["room_overtime", "room_overtime"]
    assert minute_job(w) == []
    with w.db.session() as s:
        found = sorted((a.kind, a.user_id, a.detail["minutes"]) for a in s.scalars(
            select(Alert).where(Alert.interview_id == iid)))
    assert found == sorted([("room_planned_end", w.wang.user_id, 40), ("room_planned_end", w.li.user_id, 40),
                            ("room_overtime", w.wang.user_id, 10), ("room_overtime", w.li.user_id, 10)])
    assert [k for k, _ in events(w, iid)] == ["started", "overtime"]

    clock.set(local(STORY_DAY, 10, 51))
    with pytest.raises(RoomRefused) as refused:
        act(w, w.wang, interview_room.end, iid, "   ")
    assert refused.value.params == {"reason": "overtime_reason", "minutes": 11}
    ended = act(w, w.wang, interview_room.end, iid, "候选人补充说明规培经历", next_step="3个工作日内电话通知")
    assert ended.overtime_minutes == 11
    assert events(w, iid)[-1][1]["overtime_reason"] == "候选人补充说明规培经历"
    with w.db.session() as s:
        row = s.get(Interview, iid)
        assert (row.overtime_reason, row.next_step) == ("候选人补充说明规培经历", "3个工作日内电话通知")
    clock.set(local(STORY_DAY, 11, 30))
    assert minute_job(w) == []                                     # ended: no further notices


def test_refusals_write_nothing(world, clock):
    w = world
    iid = book(w, 0, local(STORY_DAY + timedelta(days=1), 10)).interview_id
    with pytest.raises(RoomRefused) as refused:
        act(w, w.wang, interview_room.start, iid)                   # tomorrow's interview, today
    assert refused.value.params["reason"] == "not_today"
    with pytest.raises(RoomRefused):
        act(w, w.wang, interview_room.tick_item, iid, 1)            # not started
    with pytest.raises(PermissionDenied):
        act(w, w.li, interview_room.start, iid)                     # not on this panel
    with pytest.raises(PermissionDenied):
        state(w, iid, w.li)

    clock.set(local(STORY_DAY + timedelta(days=1), 10))
    act(w, w.wang, interview_room.start, iid)
    for text, problem in (("", "required"), ("   \n ", "required"), ("很" * 2001, "too_long"),
                          ("a\x00b", "control_chars")):
        with pytest.raises(ValidationFailed) as invalid:
            act(w, w.wang, interview_room.add_note, iid, text)
        assert invalid.value.problems == {"note": problem}
    with pytest.raises(ValidationFailed):
        act(w, w.wang, interview_room.set_next_step, iid, "一" * 201)
    with pytest.raises(RoomRefused) as refused:
        act(w, w.wang, interview_room.tick_item, iid, 4)
    assert refused.value.params["reason"] == "no_item"
    with pytest.raises(ValidationFailed):
        act(w, w.wang, interview_room.end, iid, "原因" * 300, confirm_unticked=True)
    with w.db.session() as s:
        assert s.scalars(select(InterviewNote).where(InterviewNote.interview_id == iid)).all() == []
        assert s.scalars(select(ChecklistTick).where(ChecklistTick.interview_id == iid)).all() == []
        assert s.get(Interview, iid).status.value == "in_progress"


def test_a_rounds_own_checklist_planned_duration_and_question_minimum(world, clock):
    w = world
    with w.db.session(write=True) as s:
        rnd = s.get(Round, w.round1)
        rnd.closing_checklist, rnd.duration_minutes, rnd.min_questions = ["告知结果通知时间", "请候选人提问"], 20, 3
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    room = state(w, iid)
    assert ([i.label for i in room.checklist], room.planned_minutes, room.min_questions) == (
        ["告知结果通知时间", "请候选人提问"], 20, 3)
    clock.set(local(STORY_DAY, 10, 0))
    act(w, w.wang, interview_room.start, iid)
    clock.set(local(STORY_DAY, 10, 20))
    assert minute_job(w) == ["room_planned_end"]
    assert state(w, iid).phase(clock.now()) == "planned_end"
    clock.set(local(STORY_DAY, 10, 30))
    assert state(w, iid).phase(clock.now()) == "overtime"


def test_closing_scripts_are_edited_like_templates_and_filled_for_the_candidate(world):
    w = world
    admin = w.hr  # HR manages nothing in settings: refused
    with pytest.raises(PermissionDenied):
        act(w, admin, closing_scripts.save, "general", "zh_CN", "{salutation}，谢谢。")
    from factories import SYSTEM
    with pytest.raises(TemplateInvalid) as invalid:
        act(w, SYSTEM, closing_scripts.save, "general", "zh_CN", "{salutation}，{salary}")
    assert invalid.value.params["fields"] == ["salary"]
    act(w, SYSTEM, closing_scripts.save, "general", "zh_CN", "{salutation}，谢谢您来面试{position}。\n下一步：{next_step}")
    with w.db.session() as s:
        mine = closing_scripts.script_for(s, "general", "zh_CN")
        assert not mine.is_default
        assert closing_scripts.script_for(s, "general", "en").is_default
    text = closing_scripts.render(mine.body, closing_scripts.ScriptValues(
        salutation="张伟先生", candidate_name="张伟", position="内科住院医师", next_step="2个工作日内通知结果。"))
    assert text == "张伟先生，谢谢您来面试内科住院医师。\n下一步：2个工作日内通知结果"
    assert closing_scripts.render(mine.body, closing_scripts.ScriptValues(salutation="张伟先生", position="内科")) \
        == "张伟先生，谢谢您来面试内科。"
    act(w, SYSTEM, closing_scripts.reset, "general", "zh_CN")
    with w.db.session() as s:
        assert closing_scripts.script_for(s, "general", "zh_CN").is_default
