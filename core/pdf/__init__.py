"""Thai PDF documents, by job: ``thai_text`` (line breaking, digits), ``base`` (the A4 page,
fonts, flowing text), ``tables``, ``images`` (pictures, charts, QR codes), ``memo`` (the official
บันทึกข้อความ) and ``report`` (``ThaiDocument`` and the finished forms). Everything returns
``bytes``; nothing here touches Streamlit or the database. The names most callers need are
re-exported here."""

from core.pdf.base import FONT_DIR, FONT_FAMILY
from core.pdf.images import ChartError, chart_png, qr_png
from core.pdf.memo import MEMO_EMBLEM_HEIGHT_MM, Memo, MemoDecision, render_memo_into
from core.pdf.report import ReportSection, ThaiDocument, render_memo, render_table_report
from core.pdf.thai_text import thai_break_opportunities

__all__ = [
    "FONT_DIR",
    "FONT_FAMILY",
    "MEMO_EMBLEM_HEIGHT_MM",
    "ChartError",
    "Memo",
    "MemoDecision",
    "ReportSection",
    "ThaiDocument",
    "chart_png",
    "qr_png",
    "render_memo",
    "render_memo_into",
    "render_table_report",
    "thai_break_opportunities",
]
