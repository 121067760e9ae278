"""Shared helpers of the document tests: a sample offer letter, text of a PDF (poppler's pdftotext),
the fonts a PDF embeds (read with pyHanko's own PDF reader)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime, timezone

import pytest

from desktop.integrations.documents.offer_letter import OfferLetter, PayItem


def sample_offer(paragraphs: int = 0) -> OfferLetter:
    return OfferLetter(
        institution="某市第一人民医院", candidate_name="王小明", salutation="先生",
        position="信息管理岗（专技十二级）", department="信息中心",
        pay=(PayItem("岗位工资", "2,450 元/月", "专业技术十二级"), PayItem("薪级工资", "1,200 元/月"),
             PayItem("绩效工资", "约 4,000 元/月", "按单位绩效考核办法发放")),
        start_date=date(2027, 1, 4), probation_months=6, work_place="某市健康路 12 号",
        reply_deadline=datetime(2026, 12, 20, 9, 0, tzinfo=timezone.utc), issued_on=date(2026, 12, 6),
        contact_name="李老师", contact_phone="0571-12345678", contact_email="hr@example.org",
        extra_paragraphs=tuple("报到时请携带身份证、学历学位证书原件及复印件、近期一寸免冠照片四张。" * 4
                               for _ in range(paragraphs)),
    )


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def page_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader
    return len(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Kids"])


def embedded_fonts(pdf: bytes) -> set[str]:
    """BaseFont names of the fonts whose program is embedded (FontFile2 in the descriptor)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    reader = PdfFileReader(io.BytesIO(pdf))
    names = set()
    for page_ref in reader.root["/Pages"]["/Kids"]:
        resources = page_ref.get_object()["/Resources"]
        fonts = resources["/Font"] if "/Font" in resources else {}
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names
