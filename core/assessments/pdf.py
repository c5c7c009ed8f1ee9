"""The assessors' documents as Thai PDFs, made from ``queries.Evidence`` (no database here)."""

from __future__ import annotations

from core.assessments.queries import Evidence
from core.pdf import ReportSection, qr_png, render_table_report
from core.thaidate import format_date, format_fiscal_year

ROUND_TH = {"6m": "รอบ 6 เดือน (1 ตุลาคม - 31 มีนาคม)", "12m": "รอบ 12 เดือน (ทั้งปีงบประมาณ)"}


def evidence_pdf(ev: Evidence, title: str, item_code: str = "") -> bytes:
    """One document: title, fiscal year and round, the period covered, its tables and QR codes."""
    subtitle = [
        line
        for line in [
            ev.org,
            f"{format_fiscal_year(ev.fiscal_year)} {ROUND_TH[ev.round]}",
            f"ข้อมูลตั้งแต่วันที่ {format_date(ev.start, style='long')} ถึงวันที่ {format_date(ev.end, style='long')}",
            f"ตัวชี้วัด {item_code}" if item_code else "",
        ]
        if line
    ]
    sections = []
    if ev.lines:
        sections.append(ReportSection(heading="สรุป", paragraphs=list(ev.lines), level=3))
    for heading, columns, rows in ev.tables:
        if not rows:
            sections.append(ReportSection(heading=heading, paragraphs=["- ไม่มีข้อมูล -"], level=3))
            continue
        # columns as wide as their longest text (within bounds), so names get the room
        widths = [
            float(max(8, min(40, max(len(str(r[i])) for r in [columns, *rows])))) for i in range(len(columns))
        ]
        sections.append(
            ReportSection(heading=heading, table_columns=columns, table_rows=rows, col_widths=widths, level=3)
        )
    for label, url in ev.qr:
        sections.append(
            ReportSection(
                heading=label,
                paragraphs=[url],
                image_png=qr_png(url, box_size=6),
                image_width=30,
                level=3,
                indent_paragraphs=False,
            )
        )
    return render_table_report(title, subtitle, sections)
