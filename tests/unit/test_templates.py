"""Message templates without a database: every shipped text checks and renders on the sample
interview, field names are checked, e-mails get escaped HTML, text messages are counted in parts."""

from __future__ import annotations

import html
import random
import re
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.core.notifications import fields, templates
from desktop.core.notifications.fields import FIELDS, Facts
from desktop.core.notifications.templates import EVENTS, LOCALES, TemplateInvalid

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)          # Monday 09:00 in Shanghai
FACTS = Facts(zone=SHANGHAI, institution="滨江市第一人民医院", contact_name="刘老师", contact_phone="0571-8765 4321")
SAMPLE = templates.builtin_sample(NOW, SHANGHAI)
ALL = [(loc, e.id, c) for loc in LOCALES for e in EVENTS.values() for c in e.channels]


@pytest.mark.parametrize(("locale", "event", "channel"), ALL)
def test_every_default_text_checks_and_renders_on_the_sample(locale, event, channel):
    text = templates.default_text(event, channel, locale)
    templates.check(event, channel, locale, text.subject, text.body)
    done = templates.render_text(event, channel, text.subject, text.body, SAMPLE, FACTS, locale)
    assert done.text and "None" not in done.text and "{" not in done.text and "}" not in done.text
    assert bool(done.subject) == (channel != "sms")
    assert (done.html != "") == (channel == "email")
    audience = EVENTS[event].audience
    if audience == "candidate" and event == "privacy_delete":   # the person's data is gone: names nobody
        assert "张伟" not in done.text and "刘老师" in done.text
    elif audience == "candidate":
        assert "张伟" in done.text
        if channel == "email":
            assert done.text.startswith("张伟先生，您好：" if locale == "zh_CN" else "Dear Mr 张伟,")
            assert "刘老师" in done.text and "0571-8765 4321" in done.text   # whom to ask
            assert done.text.endswith("滨江市第一人民医院人事处" if locale == "zh_CN"
                                      else "Human Resources Office, 滨江市第一人民医院")
    else:
        assert "王主任" in done.text or channel in ("oa", "desktop")
    if channel == "sms":
        # short: two parts at most in Chinese; English words are longer than characters
        assert templates.sms_segments(done.text)[1] <= (2 if locale == "zh_CN" else 3), done.text


def test_invitation_reads_as_an_official_notice_with_time_place_and_how_to_confirm():
    text = templates.default_text("invitation", "email")
    done = templates.render_text("invitation", "email", text.subject, text.body, SAMPLE, FACTS)
    assert done.subject == "面试通知：人事专员岗位初试"
    assert "面试时间：2026年11月24日（星期二）09:30–10:00" in done.text
    assert "面试地点：行政楼301会议室（行政楼三层）" in done.text
    assert "请于2026年11月23日（星期一）10:00前直接回复本邮件“确认”，确认参加。" in done.text
    sms = templates.default_text("invitation", "sms")
    short = templates.render_text("invitation", "sms", "", sms.body, SAMPLE, FACTS).text
    assert "11月24日（周二）09:30" in short and "请于11月23日（周一）10:00前回复“1”确认参加。" in short


def test_the_salutation_follows_the_candidates_gender_and_leaves_it_out_when_unknown():
    body = "{salutation}，您好："
    for gender, expected in (("male", "张伟先生，您好："), ("female", "张伟女士，您好："),
                             ("unspecified", "张伟，您好：")):
        payload = SAMPLE | {"candidate_gender": gender}
        assert templates.render_text("invitation", "sms", "", body, payload, FACTS).text == expected
    english = templates.render_text("invitation", "sms", "", "Dear {salutation},", SAMPLE | {"candidate_gender": "female"},
                                    FACTS, "en")
    assert english.text == "Dear Ms 张伟,"


def test_a_video_interview_gives_the_link_as_its_place():
    payload = SAMPLE | {"mode": "video", "room": "", "room_location": "", "video_link": "https://meet.example.cn/abc"}
    done = templates.render_text("invitation", "email", "x", "{mode}：{place}", payload, FACTS)
    assert done.text == "视频面试：线上视频面试，会议链接：https://meet.example.cn/abc"


def test_an_unknown_field_is_refused_with_its_name():
    with pytest.raises(TemplateInvalid) as caught:
        templates.validate("{salutation}，您好：请于{interview_tiem}到{plcae}参加面试。", "invitation")
    assert caught.value.params == {"reason": "unknown_field", "fields": ["interview_tiem", "plcae"]}
    assert str(caught.value) == "模板引用了未知字段：{interview_tiem}、{plcae}"


def test_a_field_the_event_may_not_use_is_refused_with_its_name():
    with pytest.raises(TemplateInvalid) as caught:
        templates.check("invitation", "email", "zh_CN", "面试通知", "审批人：{approver}")
    assert caught.value.params["reason"] == "field_not_allowed" and caught.value.params["fields"] == ["approver"]
    assert "{approver}" in str(caught.value)
    templates.check("approval_result", "oa", "zh_CN", "结果", "审批人：{approver}")     # fine where it belongs


def test_braces_are_literal_when_doubled_and_refused_when_alone():
    done = templates.render_text("invitation", "sms", "", "编号{{A}}：{position}", SAMPLE, FACTS)
    assert done.text == "编号{A}：人事专员"
    for text in ("请看{position", "多余}", "{"):
        with pytest.raises(TemplateInvalid) as caught:
            templates.validate(text)
        assert caught.value.params["reason"] == "braces"


def test_empty_subject_or_body_is_refused():
    with pytest.raises(TemplateInvalid):
        templates.check("invitation", "email", "zh_CN", "  ", "正文")
    with pytest.raises(TemplateInvalid):
        templates.check("invitation", "sms", "zh_CN", "", " \n ")
    with pytest.raises(TemplateInvalid):
        templates.check("invitation", "oa", "zh_CN", "标题", "正文")   # candidates get no OA messages


def test_missing_values_render_empty_and_a_bare_label_line_is_left_out():
    payload = {"position": "人事专员", "round": None, "reason": None, "confirm_by": None, "candidate_name": None}
    body = "{salutation}您好\n岗位：{position}{round}\n原因：{reason}\n{confirm_request}"
    done = templates.render_text("change_notice", "email", "通知{round}", body, payload, FACTS)
    assert done.subject == "通知"
    assert done.text == "您好\n岗位：人事专员\n请直接回复本邮件“确认”，确认参加。"
    assert "None" not in done.html


def test_html_escapes_everything_and_keeps_paragraphs_and_line_breaks():
    payload = SAMPLE | {"position": "<script>alert(1)</script>", "reason": "A & B \"quoted\""}
    done = templates.render_text("change_notice", "email", "s", "岗位：{position}\n原因：{reason}\n\n第二段", payload, FACTS)
    assert "<script>" not in done.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in done.html
    assert "A &amp; B &quot;quoted&quot;" in done.html
    assert "<p>岗位：&lt;script&gt;alert(1)&lt;/script&gt;<br>\n原因：A &amp; B &quot;quoted&quot;</p>\n<p>第二段</p>" in done.html
    assert '<meta charset="utf-8">' in done.html


def test_rendering_is_deterministic():
    text = templates.default_text("approval_request", "email")
    first = templates.render_text("approval_request", "email", text.subject, text.body, SAMPLE, FACTS)
    again = templates.render_text("approval_request", "email", text.subject, text.body, dict(SAMPLE), replace(FACTS))
    assert first == again
    assert "变更内容：时间改为2026年11月25日（星期三）14:30–15:00" in first.text


@pytest.mark.parametrize(("length", "parts"), [(0, 0), (1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3),
                                               (202, 4)])
def test_sms_parts_follow_the_ucs2_rule(length, parts):
    assert templates.sms_segments("字" * length) == (length, parts)


def test_an_emoji_counts_as_two_characters_in_a_text_message():
    assert templates.sms_segments("好" * 68 + "😀") == (70, 1)
    assert templates.sms_segments("好" * 69 + "😀") == (71, 2)


def test_every_field_has_both_labels_and_every_event_field_exists():
    assert all(f.zh and f.en for f in FIELDS.values())
    for event in EVENTS.values():
        assert event.fields <= set(FIELDS), event.id


def rendered_line_by_line(event, channel, subject, body, payload, facts, locale="zh_CN"):
    """How render_text worked before it kept each template taken apart: every line parsed for every message."""
    names = set(templates.used_fields(subject)) | set(templates.used_fields(body))
    values = fields.values(names & set(FIELDS), payload, facts, locale, channel)

    def fill(text):
        return "".join(values.get(name, "") if is_field else name for is_field, name in templates._pieces(text))

    def empty_label(line):
        pieces = templates._pieces(line)
        used = [name for is_field, name in pieces if is_field]
        literal = "".join(name for is_field, name in pieces if not is_field).strip()
        return bool(used) and not any(values.get(n) for n in used) and literal.endswith(("：", ":"))

    subject_text = " ".join(fill(subject).split()) if templates.has_subject(channel) else ""
    lines = [fill(line).rstrip() for line in body.split("\n") if not empty_label(line)]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return templates.Rendered(subject_text, text, templates.to_html(text, locale) if channel == "email" else "")


@pytest.mark.parametrize(("locale", "event", "channel"), ALL)
def test_every_default_text_renders_as_it_did_parsed_line_by_line(locale, event, channel):
    """The template taken apart once (and remembered) renders the same message as parsing every line
    for every message did: with the sample, and with the fields a label line needs left empty."""
    text = templates.default_text(event, channel, locale)
    bare = {k: v for k, v in SAMPLE.items() if k not in ("reason", "confirm_by", "room", "room_location", "video_link")}
    video = SAMPLE | {"reason": "会议室临时检修", "mode": "video", "video_link": "https://m.example.cn/1"}
    for payload in (SAMPLE, bare, video):
        for _ in range(2):      # the second time from what was remembered
            assert (templates.render_text(event, channel, text.subject, text.body, payload, FACTS, locale)
                    == rendered_line_by_line(event, channel, text.subject, text.body, payload, FACTS, locale))


def test_the_html_part_is_the_text_escaped_line_by_line():
    """to_html escapes the whole text at once: the same document as escaping each line, for texts
    with markup, quotes, ampersands, blank lines of spaces and tabs, and lines of nothing but blanks."""
    def line_by_line(text, locale="zh_CN"):
        paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]
        body = "\n".join("<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n")) + "</p>"
                         for p in paragraphs)
        lang = "en" if locale == "en" else "zh-CN"
        return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>\n'
                f'<body style="font-family: sans-serif; font-size: 14px; line-height: 1.6">\n{body}\n</body></html>\n')

    rng = random.Random(14)
    alphabet = ["a", "张", " ", "\t", "\n", "\n", "<b>", "&amp;", '"', "'", ">", "&"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        for locale in ("zh_CN", "en"):
            assert templates.to_html(text, locale) == line_by_line(text, locale), repr(text)
