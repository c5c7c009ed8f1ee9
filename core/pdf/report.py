"""Thai PDF documents put together: ``ThaiDocument`` (the PDF base with tables, pictures, memos
and report sections) and the two finished forms, a one-memo PDF and a titled report of sections
(optionally opened by a cover memo).

Typical use::

    doc = ThaiDocument(body_size=16)
    doc.add_memo(memo)                      # page 1: the cover memo
    doc.add_page()
    doc.add_sections([ReportSection("ผลการดำเนินงาน", table_columns=[...], table_rows=[...])])
    pdf_bytes = doc.to_bytes()
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fpdf.enums import XPos, YPos

from core.pdf.images import ImagesMixin
from core.pdf.memo import Memo, render_memo_into
from core.pdf.tables import TablesMixin
from core.pdf.thai_text import digits, thai_break_opportunities


@dataclass
class ReportSection:
    """One section of a report. Every part is optional and printed in this order: heading,
    paragraphs, key-value lines, table, picture (a PNG, e.g. from ``chart_png``) with caption,
    notes (small print, e.g. how a figure was computed)."""

    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    key_values: list[tuple[str, Any]] | None = None
    table_columns: list[str] | None = None
    table_rows: list[list[Any]] | None = None
    col_widths: list[float] | None = None
    col_align: list[str] | None = None
    image_png: bytes | None = None
    image_width: float | None = None
    image_caption: str = ""
    notes: list[str] = field(default_factory=list)
    level: int = 2
    indent_paragraphs: bool = True
    page_break_before: bool = False


class ThaiDocument(ImagesMixin, TablesMixin):
    """An A4 portrait (or landscape) PDF with Thai fonts, official margins, tables, pictures,
    memos and report sections (see ``core.pdf.base.PdfBase`` for the page itself)."""

    def add_memo(self, memo: Memo) -> None:
        """A new page holding ``memo`` as a บันทึกข้อความ; add more pages after it as needed."""
        self.add_page()
        # the memo keeps its own sizes (body 16 pt, labels 20, heading 29) in a report of any size
        body_size, self.body_size = self.body_size, memo.font_size
        try:
            render_memo_into(self, memo)
        finally:
            self.body_size = body_size
            self.body_font()

    def add_sections(self, sections: Sequence[ReportSection]) -> None:
        """Each section in turn: heading, paragraphs, key-value lines, table, picture, notes."""
        for s in sections:
            if s.page_break_before and self.get_y() > self.t_margin + 1:
                self.add_page()
            if s.heading:
                # keep the heading with what follows it
                first_block = 3 * self.line_height()
                if s.image_png and not (s.paragraphs or s.key_values or s.table_columns):
                    first_block = self._image_box(s.image_png, s.image_width)[1] + 2
                size = self.body_size + {1: 4, 2: 2}.get(s.level, 0)
                self.ensure_space(self.line_height(size) + first_block)
                self.heading(s.heading, level=s.level)
            for p in s.paragraphs:
                self.paragraph(digits(p, self.thai_digits), indent_first_line=s.indent_paragraphs)
            if s.key_values:
                self.key_value_lines(s.key_values)
            if s.table_columns:
                self.table(s.table_columns, s.table_rows or [], col_widths=s.col_widths, align=s.col_align)
            if s.image_png:
                self.add_image(s.image_png, s.image_width)
                if s.image_caption:
                    self.body_font("I", max(self.body_size - 2, 8))
                    self.multi_cell(
                        0,
                        self.line_height(self.body_size - 2),
                        thai_break_opportunities(s.image_caption),
                        align="C",
                        new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT,
                    )
                    self.body_font()
            for note in s.notes:
                self.body_font("", max(self.body_size - 3, 8))
                self.multi_cell(
                    0,
                    self.line_height(self.body_size - 3),
                    thai_break_opportunities(digits(note, self.thai_digits)),
                    align="L",
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                )
                self.body_font()
            self.ln(self.line_height() / 3)


def render_memo(memo: Memo) -> bytes:
    """A one-memo PDF (page numbers from page 2 on)."""
    doc = ThaiDocument(
        body_size=memo.font_size, number_first_page=False, thai_digits=memo.thai_digits, title=memo.subject
    )
    doc.add_memo(memo)
    return doc.to_bytes()


def render_table_report(
    title: str,
    subtitle_lines: Sequence[str],
    sections: Sequence[ReportSection],
    *,
    body_size: float = 14,
    orientation: str = "P",
    thai_digits: bool = False,
    memo: Memo | None = None,
) -> bytes:
    """A titled report of sections. With ``memo`` a cover memo comes first on its own page(s)."""
    doc = ThaiDocument(body_size=body_size, orientation=orientation, thai_digits=thai_digits, title=title)
    if memo is not None:
        doc.add_memo(memo)
    doc.add_page()
    doc.add_title(title, subtitle_lines)
    doc.add_sections(sections)
    return doc.to_bytes()
