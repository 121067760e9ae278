"""The copy of a candidate's personal information for an access request (个人信息副本): a readable A4
PDF (reportlab, the shipped CJK font embedded) and the same data as JSON, from
desktop/core/lifecycle/access.py.

`export` writes both into the folder HR chose, each first under a temporary name in that same folder
and renamed when complete (no clear copy anywhere else, no half file under the final name), and
records the export on the request and in the audit log in the caller's transaction.
`attachments_for` gives the two files for the e-mail answer when the copy goes attached."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from desktop.core.errors import InvalidState
from desktop.core.lifecycle import access, requests
from desktop.core.model import PersonalDataRequest
from desktop.core.storage.database import Actor
from desktop.integrations.documents.fonts import page_footer, styles

PROFILE_LABELS = {
    "name": "姓名", "gender": "性别", "phone": "手机号码", "email": "电子邮箱", "id_number": "身份证号码",
    "birth_date": "出生日期", "education": "学历", "school": "毕业院校", "major": "专业", "years_experience": "工作年限",
    "experience": "工作经历", "skills": "技能", "certificates": "证书", "resume_summary": "简历摘要",
    "source_channel": "信息来源", "talent_pool_consent": "同意加入人才库", "consent_date": "同意日期",
    "restricted": "已限制处理", "recorded_at": "首次登记时间", "updated_at": "最近更新时间",
}
WORDS = {
    "male": "男", "female": "女", "unspecified": "未填写", "none": "无", "secondary": "高中/中专", "associate": "大专",
    "bachelor": "本科", "master": "硕士", "doctorate": "博士", "applied": "已报名", "screening": "资格审查",
    "interviewing": "面试中", "on_hold": "待定", "offer": "拟录用", "hired": "已录用", "rejected": "未录用",
    "withdrawn": "已撤回", "scheduled": "已安排", "confirmed": "已确认", "completed": "已完成", "cancelled": "已取消",
    "no_show": "未到场", "in_progress": "进行中", "onsite": "现场", "video": "视频", "email": "电子邮件", "sms": "短信",
    "phone": "电话", "in_person": "当面", "sent": "已发送", "pending": "待发送", "failed": "发送失败",
    "access": "查阅复制", "correct": "更正", "delete": "删除", "restrict": "限制处理", "withdraw_consent": "撤回同意",
    "open": "待办理", "answered": "已答复", "closed": "已关闭", True: "是", False: "否",
}


def _word(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return WORDS.get(value, str(value)) if isinstance(value, (str, bool)) else str(value)


def _p(text: Any, style) -> Paragraph:
    return Paragraph(escape(_word(text)).replace("\n", "<br/>"), style)


def _table(rows: list[list[Any]], widths: list[float], st, header: bool = True) -> Table:
    cells = [[_p(v, st["cell"]) for v in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")))
    table.setStyle(TableStyle(style))
    return table


def render_pdf(data: dict[str, Any]) -> bytes:
    from reportlab.lib.styles import ParagraphStyle

    from desktop.core.notifications.templates import EVENTS

    st = styles()
    heading = ParagraphStyle("heading_next", parent=st["heading"], keepWithNext=1)   # never last on a page
    numbers = iter("一二三四五六七八")
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title="个人信息副本", author=data.get("institution") or "",
                            invariant=1)
    width = A4[0] - 40 * mm
    story: list[Any] = [Paragraph("个人信息副本", st["title"]),
                        _p(f"{data.get('institution') or '本单位'}依照《中华人民共和国个人信息保护法》第四十五条，"
                           f"向您提供我单位招聘系统中保存的您的个人信息。制作时间：{data['produced_at']}。", st["body"])]

    def section(title: str) -> None:
        story.append(Paragraph(f"{next(numbers)}、{title}", heading))

    profile = data["profile"]
    rows = [[PROFILE_LABELS[k], profile.get(k)] for k in PROFILE_LABELS if k in profile]
    rows += [[k, v] for k, v in (profile.get("profile_extra") or {}).items()]
    section("基本信息")
    story.append(_table(rows, [38 * mm, width - 38 * mm], st, header=False))
    section("应聘与面试")
    if not data["applications"]:
        story.append(_p("无应聘记录。", st["plain"]))
    for a in data["applications"]:
        story.append(_p(f"{a['position']}（{a['department'] or '—'}）：{_word(a['stage'])}，报名时间 {a['applied_at']}"
                        + (f"，结束时间 {a['closed_at']}" if a["closed_at"] else ""), st["plain"]))
        if a["interviews"]:
            rows = [["轮次", "时间", "形式/地点", "状态", "签到", "确认"]]
            rows += [[i["round"], i["starts_at"], f"{_word(i['mode'])} {i['room']}".strip(), i["status"],
                      i["checked_in_at"], "；".join(f"{c['at']} {_word(c['channel'])}" for c in i["confirmations"])]
                     for i in a["interviews"]]
            story.append(_table(rows, [18 * mm, 34 * mm, 34 * mm, 18 * mm, 30 * mm, width - 134 * mm], st))
        story.append(Spacer(1, 4))
    if data["questions"]:
        rows = [["提问时间", "您的提问", "答复", "答复时间"]]
        rows += [[q["asked_at"], q["question"], q["answer"], q["answered_at"]] for q in data["questions"]]
        section("提问与答复")
        story.append(_table(rows, [34 * mm, 50 * mm, width - 118 * mm, 34 * mm], st))
    if data["surveys"]:
        rows = [["时间", "问题", "评分"]]
        rows += [[s["received_at"], "\n".join(s["questions"]), " ".join(str(x) for x in s["answers"])]
                 for s in data["surveys"]]
        section("满意度问卷")
        story.append(_table(rows, [34 * mm, width - 64 * mm, 30 * mm], st))
    if data["messages"]:
        rows = [["时间", "方式", "通知", "状态"]]
        rows += [[m["at"], m["channel"], EVENTS[m["kind"]].zh if m["kind"] in EVENTS else m["kind"], m["state"]]
                 for m in data["messages"]]
        section("我单位发给您的通知")
        story.append(_table(rows, [34 * mm, 22 * mm, width - 80 * mm, 24 * mm], st))
    pool = data.get("talent_pool")
    section("人才库与个人信息请求")
    story.append(_p(f"人才库：{'已加入，加入时间 ' + pool['added_at'] if pool else '未在人才库中'}。", st["plain"]))
    if data["requests"]:
        rows = [["收到日期", "请求类型", "状态"]]
        rows += [[r["received_on"], r["kind"], r["status"]] for r in data["requests"]]
        story.append(_table(rows, [35 * mm, 60 * mm, width - 95 * mm], st))
    story += [Spacer(1, 10), _p("说明：面试官的内部评价（评分与评语）属于我单位的考核评价记录，不在本副本之内。"
                                "同一内容的机器可读版本见同名 JSON 文件。", st["small"])]
    doc.build(story, onFirstPage=page_footer("个人信息副本"), onLaterPages=page_footer("个人信息副本"))
    return buffer.getvalue()


def render_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def file_stem(request: PersonalDataRequest, produced: str) -> str:
    """No name in the file name: the folder may be listed by others."""
    return f"个人信息副本-请求{request.id}-{produced[:10].replace('-', '')}"


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Each file under a temporary name beside its final one, then all renamed: a full disk or a
    refused folder leaves no file under a final name and no temporary one."""
    parts = [(path.with_name(path.name + ".part"), path, content) for path, content in files]
    try:
        for part, _path, content in parts:
            with open(part, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
        for part, path, _content in parts:
            os.replace(part, path)
    finally:
        for part, _path, _content in parts:
            part.unlink(missing_ok=True)


def export(session: Session, actor: Actor, request_id: int, folder: str | Path) -> list[Path]:
    """Write the PDF and the JSON into `folder` and record the export (one transaction with the caller's)."""
    row = requests.get(session, actor, request_id)
    request = session.get(PersonalDataRequest, request_id)
    if row.kind != "access":
        raise InvalidState("not an access request", status="privacy_not_access")
    data = access.personal_data(session, row.candidate_id, request_id)
    folder = Path(folder)
    stem = file_stem(request, data["produced_at"])
    written = [folder / f"{stem}.pdf", folder / f"{stem}.json"]
    requests.mark_exported(session, actor, request_id, [p.name for p in written])   # checks permission first
    _write_all(list(zip(written, (render_pdf(data), render_json(data)))))
    return written


def attachments_for(session: Session, request_id: int) -> tuple[tuple[bytes, str], ...]:
    """The copy for the e-mail answer: (bytes, file name) of the PDF and the JSON, made when it is sent."""
    request = session.get(PersonalDataRequest, request_id)
    if request is None or request.candidate_id is None:
        return ()
    data = access.personal_data(session, request.candidate_id, request_id)
    stem = file_stem(request, data["produced_at"])
    return ((render_pdf(data), f"{stem}.pdf"), (render_json(data), f"{stem}.json"))
