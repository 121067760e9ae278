"""Calendar files: the invitation a candidate's calendar program receives, replies as Outlook,
Apple Mail, Thunderbird and Google send them, busy time and holiday calendars, and files that
cannot be read."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from desktop.core.errors import CalendarFileInvalid
from desktop.core.scheduling.calendar_files import ScheduleEntry
from desktop.integrations import ical

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ical"
SHANGHAI = ZoneInfo("Asia/Shanghai")
STAMP = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
PAYLOAD = {
    "interview_id": 7, "uid": "u-7@interviewdesk", "sequence": 3,
    "starts_at": "2026-11-24T02:00:00+00:00", "ends_at": "2026-11-24T02:30:00+00:00",
    "local_time": "2026-11-24 星期二 10:00–10:30", "zone": "Asia/Shanghai", "mode": "onsite",
    "room": "行政楼301", "room_location": "行政楼三层", "room_mailbox": None, "video_link": "",
    "position": "内科住院医师", "round": "初试", "status": "scheduled", "candidate_id": 1,
    "candidate_name": "候选人1", "reason": "", "confirm_by": "2026-11-23T03:00:00+00:00",
}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _invite(payload=PAYLOAD, method="REQUEST") -> Calendar:
    data = ical.invitation(payload, organizer=("张人事", "hr@hospital.example.cn"),
                           attendee=("候选人1", "c1@example.cn"), method=method, stamp=STAMP)
    return Calendar.from_ical(data)


def test_an_invitation_carries_the_interview_in_office_time_with_its_zone():
    calendar = _invite()
    assert str(calendar["METHOD"]) == "REQUEST"
    event = calendar.events[0]
    assert str(event["UID"]) == "u-7@interviewdesk"
    assert event["SEQUENCE"] == 3
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.start == datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
    assert event.end - event.start == timedelta(minutes=30)
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]
    assert calendar.get_missing_tzids() == set()
    assert str(event["SUMMARY"]) == "面试：内科住院医师 初试"
    assert str(event["LOCATION"]) == "行政楼301，行政楼三层"
    assert "请于 2026-11-23 11:00 前确认" in str(event["DESCRIPTION"])
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:c1@example.cn"
    assert attendee.params["CN"] == "候选人1"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert event["ORGANIZER"].params["CN"] == "张人事"
    assert event["DTSTAMP"].dt == STAMP


def test_texts_and_names_with_separators_line_ends_and_long_chinese_read_back_as_written():
    """What a calendar program reads is what the payload said, whatever its characters; every line
    within RFC 5545's 75 octets, no character split."""
    payload = PAYLOAD | {"position": "内科住院医师，心内科；急诊\\值班", "round": "复试: 第二轮",
                         "room": "行政楼301，\"大\"会议室", "room_location": "三层^东侧" * 12,
                         "reason": "候选人申请改期；\n原因：出差,返程延误\r\n第二行"}
    organizer, attendee = ('人事处, "招聘组"; 主管: 李^明', "hr@x.cn"), ("候选人\n1", "c1@example.cn")
    data = ical.invitation(payload, organizer=organizer, attendee=attendee, method="REQUEST", stamp=STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n")) and b"\n " not in data.replace(b"\r\n ", b"")
    data.decode("utf-8")
    event = Calendar.from_ical(data).events[0]
    assert str(event["SUMMARY"]) == "面试：内科住院医师，心内科；急诊\\值班 复试: 第二轮"
    assert str(event["LOCATION"]) == f"行政楼301，\"大\"会议室，{'三层^东侧' * 12}"
    assert "说明：候选人申请改期；\n原因：出差,返程延误\n第二行" in str(event["DESCRIPTION"])
    assert event["ORGANIZER"].params["CN"] == '人事处, "招聘组"; 主管: 李^明'
    assert event["ATTENDEE"].params["CN"] == "候选人\n1"
    assert str(event["ATTENDEE"]) == "mailto:c1@example.cn"
    assert event.start == datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI) and event["DTSTAMP"].dt == STAMP


def test_a_video_interview_is_located_at_its_link():
    event = _invite(PAYLOAD | {"mode": "video", "room": "", "room_location": "",
                               "video_link": "https://meet.example.cn/r/123"}).events[0]
    assert str(event["LOCATION"]) == "https://meet.example.cn/r/123"
    assert "视频链接：https://meet.example.cn/r/123" in str(event["DESCRIPTION"])


def test_a_cancellation_is_an_itip_cancel_of_the_same_uid():
    calendar = _invite(PAYLOAD | {"sequence": 4}, method="CANCEL")
    event = calendar.events[0]
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "u-7@interviewdesk" and event["SEQUENCE"] == 4
    assert "已取消" in str(event["DESCRIPTION"])


def test_a_naive_time_is_refused_rather_than_written_floating():
    with pytest.raises(ValueError):
        _invite(PAYLOAD | {"starts_at": "2026-11-24T10:00:00"})


@pytest.mark.parametrize("client, partstat, sequence, email", [
    ("outlook", "ACCEPTED", 0, "c1@example.cn"),
    ("apple", "DECLINED", 0, "C1@EXAMPLE.CN"),          # no SEQUENCE: it counts as 0
    ("thunderbird", "TENTATIVE", 1, "c1@example.cn"),
    ("google", "ACCEPTED", 2, "c1@example.cn"),
])
def test_replies_from_the_common_calendar_programs_are_understood(client, partstat, sequence, email):
    [reply] = ical.parse_replies(fixture(f"reply_{client}.ics"))
    assert reply.uid == "6f1c2d3e-0000-4000-8000-000000000001@interviewdesk"
    assert (reply.partstat, reply.sequence, reply.attendee) == (partstat, sequence, email)
    assert reply.dtstamp is not None and reply.dtstamp.tzinfo is not None


def test_an_invitation_is_not_taken_for_a_reply():
    data = ical.invitation(PAYLOAD, organizer=("张人事", "hr@x.cn"), attendee=("候选人1", "c1@example.cn"),
                           method="REQUEST", stamp=STAMP)
    with pytest.raises(CalendarFileInvalid) as raised:
        ical.parse_replies(data)
    assert raised.value.params["reason"] == "not_reply"


def test_outlook_availability_expands_the_weekly_meeting_with_its_exception_and_moved_instance():
    blocks = ical.parse_busy(fixture("busy_outlook.ics"), zone="Asia/Shanghai", first=date(2026, 11, 1),
                             last=date(2026, 12, 31))
    local = [(b.starts_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M"), b.ends_at.astimezone(SHANGHAI)
              .strftime("%m-%d %H:%M"), b.summary) for b in blocks]
    assert local == [
        ("11-02 08:30", "11-02 09:30", "科室晨会"),
        ("11-09 08:30", "11-09 09:30", "科室晨会"),
        ("11-16 08:30", "11-16 09:30", "科室晨会"),
        ("11-23 14:00", "11-23 15:00", "科室晨会（改到下午）"),   # RECURRENCE-ID moved it; 11-30 is an EXDATE
        ("11-25 00:00", "11-27 00:00", "外出学习"),               # all-day, two days, office midnight
        ("12-07 08:30", "12-07 09:30", "科室晨会"),
        ("12-14 08:30", "12-14 09:30", "科室晨会"),
        ("12-21 08:30", "12-21 09:30", "科室晨会"),               # UNTIL is inclusive
    ]                                                           # transparent and cancelled events are free


def test_the_window_limits_what_is_imported():
    blocks = ical.parse_busy(fixture("busy_outlook.ics"), zone="Asia/Shanghai", first=date(2026, 12, 8),
                             last=date(2026, 12, 14))
    assert [b.starts_at.astimezone(SHANGHAI).date() for b in blocks] == [date(2026, 12, 14)]


def test_a_weekly_meeting_keeps_its_wall_time_across_a_daylight_saving_change():
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:dst\r\nDTSTAMP:20261001T000000Z\r\n"
            b"DTSTART;TZID=Europe/Berlin:20261020T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    blocks = ical.parse_busy(data, zone="Asia/Shanghai", first=date(2026, 10, 1), last=date(2026, 11, 30))
    assert [b.starts_at.strftime("%m-%d %H:%M") for b in blocks] == ["10-20 08:00", "10-27 09:00", "11-03 09:00"]


def test_freebusy_periods_count_except_free_ones():
    blocks = ical.parse_busy(fixture("freebusy.ics"), zone="Asia/Shanghai", first=date(2026, 11, 23),
                             last=date(2026, 11, 29))
    assert [(b.starts_at.isoformat(), b.ends_at - b.starts_at) for b in blocks] == [
        ("2026-11-24T01:00:00+00:00", timedelta(hours=1)),
        ("2026-11-25T06:00:00+00:00", timedelta(hours=1, minutes=30)),
        ("2026-11-26T01:00:00+00:00", timedelta(minutes=30)),
    ]


def test_a_holiday_calendar_gives_days_off_and_weekend_working_days():
    days = {d.day: d for d in ical.parse_holidays(fixture("holidays_cn_2026.ics"))}
    assert [d for d in days if d.month == 10 and not days[d].is_workday] == [date(2026, 10, n) for n in range(1, 8)]
    assert days[date(2026, 10, 1)].name == "国庆节、中秋节"
    assert days[date(2026, 1, 4)].is_workday and days[date(2026, 9, 27)].is_workday
    assert days[date(2026, 10, 10)].is_workday
    assert not days[date(2026, 1, 3)].is_workday
    assert date(2026, 1, 5) not in days     # DTEND is exclusive


def test_a_yearly_holiday_is_expanded_within_the_window():
    data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:y\r\nDTSTAMP:20250101T000000Z\r\n"
            "DTSTART;VALUE=DATE:20250501\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:劳动节\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n").encode()
    days = ical.parse_holidays(data, first=date(2026, 1, 1), last=date(2027, 12, 31))
    assert [d.day for d in days] == [date(2026, 5, 1), date(2027, 5, 1)]


def test_a_schedule_export_publishes_each_interview_under_its_own_uid():
    entries = [ScheduleEntry("u-1@interviewdesk", 0, datetime(2026, 11, 24, 2, tzinfo=UTC),
                             datetime(2026, 11, 24, 2, 30, tzinfo=UTC), "内科住院医师", "初试", "onsite", "行政楼301",
                             "行政楼三层", "", "scheduled"),
               ScheduleEntry("u-2@interviewdesk", 1, datetime(2026, 11, 25, 6, tzinfo=UTC),
                             datetime(2026, 11, 25, 7, tzinfo=UTC), "内科住院医师", "复试", "video", "", "",
                             "https://meet.example.cn/r/9", "confirmed")]
    calendar = Calendar.from_ical(ical.export_schedule(entries, zone="Asia/Shanghai", name="王主任的面试", stamp=STAMP))
    assert str(calendar["METHOD"]) == "PUBLISH" and str(calendar["X-WR-CALNAME"]) == "王主任的面试"
    events = calendar.events
    assert [str(e["UID"]) for e in events] == ["u-1@interviewdesk", "u-2@interviewdesk"]
    assert events[1].start == datetime(2026, 11, 25, 14, tzinfo=SHANGHAI)
    assert str(events[1]["LOCATION"]) == "https://meet.example.cn/r/9"
    assert calendar.get_missing_tzids() == set()


BROKEN = [
    (b"", "not_calendar", 1),
    (b"hello, this is not a calendar\r\n", "not_calendar", 1),
    ((b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nthis line has no colon\r\nEND:VEVENT\r\n"
     b"END:VCALENDAR\r\n"), "syntax", 5),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n", "unbalanced", 5),
    ((b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20261101T000000Z\r\n"
     b"DTSTART:2026XX01T100000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "bad_value", 6),
    ((b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20261101T000000Z\r\n"
     b"DTSTART;TZID=Atlantis/Lost:20261124T100000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "unknown_zone", 6),
    ((b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20261101T000000Z\r\n"
     b"DTSTART:20261124T100000Z\r\nDTEND:20261124T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "end_before_start", 7),
    ((b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261124T100000Z\r\n"
      b"DTSTART:20261125T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "duplicate", 6),
    ((b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20261101T000000Z\r\n"
     b"DTSTART:20100101T000000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
     "too_many", 8),
]


@pytest.mark.parametrize("data, reason, line", BROKEN)
def test_a_file_that_cannot_be_read_names_the_reason_and_the_line(data, reason, line):
    with pytest.raises(CalendarFileInvalid) as raised:
        ical.parse_busy(data, zone="Asia/Shanghai", first=date(2026, 11, 1), last=date(2026, 11, 30))
    assert raised.value.params["reason"] == reason
    assert raised.value.params["line"] == line


def test_a_gb18030_file_from_an_old_chinese_program_is_read():
    data = fixture("holidays_cn_2026.ics").decode("utf-8").encode("gb18030")
    assert ical.parse_holidays(data)[0].name == "元旦（休）"


def test_damaged_replies_are_refused_cleanly():
    """What a mail gateway can do to an attachment: cut it short, re-encode it, lose a property,
    or hand over something enormous. Each is refused with its reason; none is half-read."""
    whole = fixture("reply_outlook.ics")
    truncated = whole[: len(whole) // 2]
    with pytest.raises(CalendarFileInvalid) as cut:
        ical.parse_replies(truncated)
    assert cut.value.params["reason"] in ("unbalanced", "syntax")

    with pytest.raises(CalendarFileInvalid) as utf16:
        ical.parse_replies(whole.decode("utf-8").encode("utf-16"))
    assert utf16.value.params["reason"] in ("encoding", "not_calendar")

    without_uid = b"\r\n".join(line for line in whole.split(b"\r\n") if not line.startswith(b"UID"))
    with pytest.raises(CalendarFileInvalid) as missing:
        ical.parse_replies(without_uid)
    assert missing.value.params["reason"] == "missing"

    huge = whole.replace(b"END:VCALENDAR", b"X-PADDING:" + b"x" * 70 + b"\r\n") * 1 + (
        b"X-PADDING:" + b"x" * 70 + b"\r\n") * 160_000 + b"END:VCALENDAR\r\n"
    assert len(huge) > 10 * 1024 * 1024
    with pytest.raises(CalendarFileInvalid) as too_big:
        ical.parse_replies(huge)
    assert too_big.value.params["reason"] == "too_large"


def test_values_and_lines_are_escaped_and_folded_as_before_they_were_looked_at_first():
    """_text, _param and _fold return a value without anything to escape or fold as it is, without
    the replacements; on anything else they write what the replacements always wrote."""
    def text_replaced(value):
        return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))

    def param_replaced(value):
        value = (value.replace("^", "^^").replace("\r\n", "^n").replace("\r", "^n").replace("\n", "^n")
                 .replace('"', "^'"))
        return f'"{value}"' if any(c in value for c in ",;:") else value

    rng = random.Random(14)
    alphabet = "ab Z9-\\;,:^\"'\r\n" + "面试内科" + "😀"
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 100)))
        assert ical._text(value) == text_replaced(value)
        assert ical._param(value) == param_replaced(value)
        line = "DESCRIPTION:" + ical._text(value)         # a content line has its line ends escaped
        folded = ical._fold(line)
        data = line.encode("utf-8")
        if len(data) <= 75:
            assert folded == line
        else:
            pieces = folded.encode("utf-8").split(b"\r\n ")
            assert b"".join(pieces) == data and all(len(p) <= 75 for p in pieces)
