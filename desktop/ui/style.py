"""Look and feel: a font list that renders Chinese on every desktop, and a quiet style sheet."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

APP_TITLE = "面试协同台 InterviewDesk"  # the product name, the same in every language

FONT_FAMILIES = ["Segoe UI", "Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "WenQuanYi Micro Hei",
                 "Noto Sans CJK SC", "Source Han Sans SC", "SimSun", "sans-serif"]

STYLE_SHEET = """
QListWidget#navigation {
    background: #f2f4f7; border: none; border-right: 1px solid #d9dde3; font-size: 11pt; outline: 0;
}
QListWidget#navigation::item { padding: 9px 16px; border-left: 3px solid transparent; color: #2b2f36; }
QListWidget#navigation::item:selected { background: #e3ecfa; color: #1d4f9c; border-left: 3px solid #2f6fd1; }
QListWidget#navigation::item:hover:!selected { background: #e9ecf1; }
QLabel#pageTitle { font-size: 15pt; font-weight: 600; color: #1f2329; }
QLabel#sectionTitle { font-size: 11pt; font-weight: 600; color: #1f2329; }
QLabel#hint { color: #5c6370; }
QLabel#fieldError, QLabel#formError { color: #c0392b; }
QLabel#success { color: #2e7d32; }
QLabel#recoveryKey {
    font-family: "Consolas", "DejaVu Sans Mono", monospace; font-size: 15pt; letter-spacing: 1px;
    background: #fff8e1; border: 1px solid #e0c36b; padding: 10px; color: #3b2f00;
}
QFrame#detailPanel { background: #fafbfc; border-left: 1px solid #d9dde3; }
QTableView { gridline-color: #e4e7ec; selection-background-color: #cfe0fa; selection-color: #1f2329; }
QHeaderView::section { background: #f5f6f8; border: none; border-bottom: 1px solid #d9dde3;
                       border-right: 1px solid #e4e7ec; padding: 5px 6px; font-weight: 600; }
QPushButton#primary { background: #2f6fd1; color: white; border: 1px solid #285fb3; border-radius: 3px;
                      padding: 5px 14px; }
QPushButton#primary:disabled { background: #a9c1e8; border-color: #a9c1e8; }
QPushButton#primary:hover:!disabled { background: #285fb3; }
QWidget#lockedCover { background: #eef1f5; }
"""


def app_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(10)
    return font


def apply(app: QApplication) -> None:
    app.setFont(app_font())
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
