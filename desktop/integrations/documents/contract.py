"""The labour contract (劳动合同书) as an A4 PDF from a FilledContract (desktop/core/contracts.fill,
which has already checked 劳动合同法 第十七条): cover title, numbered clauses with CJK wrapping and page
breaks, and the signing block (甲方盖章 / 乙方签字 / dates). The institution's PAdES signature is added
afterwards by signing.sign_pdf; the candidate signs the printed copy or a signature pad."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.core.contracts import FilledContract
from desktop.integrations.documents.fonts import page_footer, styles


def _paragraphs(text: str, style) -> list[Paragraph]:
    return [Paragraph(escape(line), style) for line in text.split("\n") if line.strip()]


def render_contract(contract: FilledContract) -> bytes:
    st = styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=22 * mm,
                            bottomMargin=22 * mm, title=contract.title, author=contract.employer_name,
                            subject=f"{contract.template_name} v{contract.template_version}", invariant=1)
    story = [Paragraph(escape(contract.title), st["title"])]
    for clause in contract.clauses:
        body = _paragraphs(clause.text, st["body"])
        # a heading never stays alone at the foot of a page
        story.append(KeepTogether([Paragraph(escape(clause.heading), st["heading"]), *body[:1]]))
        story.extend(body[1:])
    cell = st["cell"]
    signing = Table([
        [Paragraph("甲方（盖章）：", cell), Paragraph("乙方（签字）：", cell)],
        [Paragraph(escape(contract.employer_name), cell), Paragraph("", cell)],
        [Paragraph("法定代表人或委托代理人（签字）：", cell), Paragraph("", cell)],
        [Paragraph("日期：________ 年 ____ 月 ____ 日", cell), Paragraph("日期：________ 年 ____ 月 ____ 日", cell)],
    ], colWidths=[80 * mm, 80 * mm], rowHeights=[9 * mm, 12 * mm, 12 * mm, 9 * mm])
    signing.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(KeepTogether([Spacer(1, 14), signing]))
    footer = page_footer(f"{contract.employer_name} {contract.title}")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
