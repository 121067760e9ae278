"""The offer letter (录用通知书) as an A4 PDF: reportlab with the shipped CJK font embedded, CJK line
wrapping, page breaks where the text needs them. Input is one frozen dataclass the offer service
fills from the position, the candidate, the decision and what HR edited; output is the PDF's bytes.
Times are stored in UTC and shown in Asia/Shanghai."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.integrations.documents.fonts import page_footer, styles

OFFICE_TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class PayItem:
    """One labelled part of the salary structure: ("岗位工资", "3,200 元/月") or ("基本工资", …)."""

    label: str
    amount: str
    note: str = ""


@dataclass(frozen=True)
class OfferLetter:
    institution: str
    candidate_name: str
    salutation: str                 # "先生" / "女士" / "" (then "同志")
    position: str
    department: str
    pay: tuple[PayItem, ...]
    start_date: date
    probation_months: int           # 0: no probation
    work_place: str
    reply_deadline: datetime        # aware, UTC
    issued_on: date
    contact_name: str
    contact_phone: str = ""
    contact_email: str = ""
    pay_note: str = ""              # e.g. "绩效工资按单位绩效考核办法发放"
    extra_paragraphs: tuple[str, ...] = ()   # what HR adds where the template leaves text open
    grade: str = ""                 # 岗位等级 / 岗位类别
    body: str = ""                  # the offer template's own text ({placeholders}); empty: the standard text


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _cn_date(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def _body_paragraphs(letter: OfferLetter, greeting: str) -> list[str]:
    """The template's text with its placeholders filled, one paragraph per non-empty line."""
    from desktop.core.offer_templates import fill_body, letter_values

    values = letter_values(candidate=greeting.rstrip("："), position=letter.position, department=letter.department,
                           institution=letter.institution, grade=letter.grade, start_date=letter.start_date,
                           probation_months=letter.probation_months, work_place=letter.work_place,
                           reply_by=letter.reply_deadline, pay=tuple((i.label, i.amount) for i in letter.pay))
    return [line.strip() for line in fill_body(letter.body, values).split("\n") if line.strip()]


def render_offer_letter(letter: OfferLetter) -> bytes:
    st = styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=22 * mm,
                            bottomMargin=22 * mm, title="录用通知书", author=letter.institution, invariant=1)
    greeting = f"{letter.candidate_name}{letter.salutation or '同志'}："
    deadline = letter.reply_deadline.astimezone(OFFICE_TZ)
    story = [_p("录用通知书", st["title"]), _p(greeting, st["plain"])]
    if letter.body.strip():         # the template's own text, then the pay table and how to answer
        story += [_p(text, st["body"]) for text in _body_paragraphs(letter, greeting)]
        headings = ("薪酬待遇", "答复")
    else:
        grade = f"；岗位类别及等级：{letter.grade}" if letter.grade else ""
        story += [
            _p(f"经过面试和综合评定，我单位决定录用您担任{letter.department}{letter.position}一职。"
               f"现将录用条件通知如下，请您认真阅读。", st["body"]),
            _p("一、岗位与报到", st["heading"]),
            _p(f"工作部门：{letter.department}；岗位：{letter.position}{grade}；工作地点：{letter.work_place}。",
               st["body"]),
            _p(f"报到日期：{_cn_date(letter.start_date)}。"
               + (f"试用期 {letter.probation_months} 个月，包含在劳动合同期限内。" if letter.probation_months
                  else "本岗位不设试用期。"), st["body"]),
        ]
        headings = ("二、薪酬待遇", "三、答复")
    story.append(_p(headings[0], st["heading"]))
    rows = [[_p("项目", st["cell"]), _p("标准", st["cell"]), _p("说明", st["cell"])]]
    rows += [[_p(i.label, st["cell"]), _p(i.amount, st["cell"]), _p(i.note, st["cell"])] for i in letter.pay]
    table = Table(rows, colWidths=[40 * mm, 45 * mm, 75 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    story += [table, Spacer(1, 4)]
    if letter.pay_note:
        story.append(_p(letter.pay_note, st["body"]))
    if not letter.body.strip():
        story.append(_p("社会保险和住房公积金按国家及当地规定缴纳。", st["body"]))
    story += [_p(text, st["body"]) for text in letter.extra_paragraphs]
    story += [
        _p(headings[1], st["heading"]),
        _p(f"请于 {_cn_date(deadline.date())} {deadline:%H:%M}（北京时间）前答复是否接受本通知："
           f"可直接回复本邮件“接受”或“拒绝”，也可致电联系人。逾期未答复的，本通知自动失效。", st["body"]),
    ]
    contact = "；".join(x for x in (f"联系人：{letter.contact_name}",
                                    f"电话：{letter.contact_phone}" if letter.contact_phone else "",
                                    f"邮箱：{letter.contact_email}" if letter.contact_email else "") if x)
    story.append(_p(contact + "。", st["body"]))
    story.append(KeepTogether([
        Spacer(1, 18),
        Paragraph(escape(letter.institution), st["plain"].clone("sign", alignment=2)),
        Paragraph(escape(_cn_date(letter.issued_on)), st["plain"].clone("signdate", alignment=2)),
    ]))
    footer = page_footer(f"{letter.institution} 录用通知书")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def letter_for(session, offer_id: int) -> "OfferLetter":
    """The letter of a stored offer: the position, the candidate, what HR entered, the office's
    name and contact (settings office.name, notify.contact_name / contact_phone, mail.from_address)."""
    from desktop.core import settings
    from desktop.core.model import Application, Candidate, Department, Offer, Position

    offer = session.get(Offer, offer_id)
    application = session.get(Application, offer.application_id)
    candidate = session.get(Candidate, application.candidate_id)
    position = session.get(Position, application.position_id)
    department = session.get(Department, position.department_id) if position.department_id else None

    def value(key: str) -> str:
        return str(settings.institution_value(session, key) or "")

    gender = candidate.gender.value
    return OfferLetter(
        institution=value("office.name"), candidate_name=candidate.name,
        salutation={"male": "先生", "female": "女士"}.get(gender, ""), position=position.title,
        department=department.name if department else "", pay=tuple(PayItem(*line) for line in offer.pay),
        start_date=offer.start_date, probation_months=offer.probation_months, work_place=offer.work_place,
        reply_deadline=offer.reply_by, issued_on=(offer.sent_at or offer.created_at).astimezone(OFFICE_TZ).date(),
        contact_name=value("notify.contact_name") or value("notify.sender_name"),
        contact_phone=value("notify.contact_phone"), contact_email=value("mail.from_address"),
        grade=offer.grade, body=offer.body)
