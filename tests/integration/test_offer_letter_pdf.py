"""The offer letter PDF: Chinese text readable from the file, the CJK font embedded (not looked up on
the reader's computer), long letters break onto more pages."""

from __future__ import annotations

from desktop.integrations.documents.offer_letter import render_offer_letter
from tests.integration.documents_helpers import embedded_fonts, page_count, pdf_text, sample_offer


def test_offer_letter_has_the_chinese_text_and_embeds_the_font():
    pdf = render_offer_letter(sample_offer())
    assert pdf.startswith(b"%PDF-")
    text = "".join(pdf_text(pdf).split())   # lines wrap anywhere in Chinese text
    for expected in ("录用通知书", "王小明先生", "信息中心信息管理岗", "岗位工资", "薪级工资", "绩效工资",
                     "2027 年 1 月 4 日", "试用期 6 个月", "某市健康路 12 号", "李老师"):
        assert "".join(expected.split()) in text, expected
    # 09:00 UTC is shown in office time
    assert "2026年12月20日17:00" in text
    assert any(name.endswith("WenQuanYiMicroHei-0") for name in embedded_fonts(pdf))
    assert page_count(pdf) == 1


def test_long_letter_breaks_onto_more_pages():
    pdf = render_offer_letter(sample_offer(paragraphs=30))
    assert page_count(pdf) >= 3
    assert "某市第一人民医院 录用通知书 · 第 3 页" in pdf_text(pdf)


def test_text_that_looks_like_markup_is_printed_as_is():
    letter = sample_offer()
    from dataclasses import replace
    pdf = render_offer_letter(replace(letter, position="岗位<b>A&B</b>"))
    assert "岗位<b>A&B</b>" in pdf_text(pdf)
