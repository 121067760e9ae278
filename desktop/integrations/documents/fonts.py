"""The CJK font embedded in every PDF the app writes, loaded from resources/fonts (shipped with the
app: Windows desktops have no guaranteed CJK font path). reportlab embeds only the glyphs used."""

from __future__ import annotations

import threading

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.paths import resources_dir

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = "wqy-microhei.ttc"
_lock = threading.Lock()


def cjk_font() -> str:
    """Registers the shipped font with reportlab once (thread-safe) and returns its name."""
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            path = resources_dir() / "fonts" / FONT_FILE
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    return FONT_NAME


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles for Chinese documents: CJK line breaking, A4 body sizes."""
    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, wordWrap="CJK",
                          firstLineIndent=22, spaceAfter=6)
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER,
                                spaceAfter=16, wordWrap="CJK"),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=12.5, leading=20, spaceBefore=8,
                                  spaceAfter=4, wordWrap="CJK"),
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK"),
        "small": ParagraphStyle("small", fontName=font, fontSize=9, leading=13, wordWrap="CJK"),
    }


def page_footer(label: str):
    """An onPage callback drawing "<label> · 第 N 页" centred at the foot of each page."""
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(cjk_font(), 8.5)
        width = doc.pagesize[0]
        canvas.drawCentredString(width / 2, 12 * 2.83465, f"{label} · 第 {doc.page} 页")
        canvas.restoreState()
    return draw
