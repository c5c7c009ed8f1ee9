"""The PDF base of Pattana's documents: an A4 page with Sarabun fonts, HarfBuzz shaping, the
official margins and the flowing text helpers (headings, paragraphs with the 2.5 cm first-line
indent, label-value lines, a centred title). Tables, pictures and memos build on it
(``core.pdf.tables``, ``core.pdf.images``, ``core.pdf.memo``); ``core.pdf.report.ThaiDocument``
puts them together.

Fonts: Sarabun (open TH Sarabun New look-alike) from ``fontpkg_sarabun``. Text shaping is switched
on (HarfBuzz through ``uharfbuzz``) so Thai tone marks and upper vowels stack properly (ที่นี่, สิ่ง).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import fontpkg_sarabun
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from core.pdf.thai_text import SARA_AM, SARA_AM_DECOMPOSED, ZWSP, cell_text, digits, thai_break_opportunities

FONT_DIR: Path = Path(fontpkg_sarabun.ROOT) / "files"
FONT_FAMILY = "Sarabun"
_FONT_FILES = {
    "": "Sarabun-Regular.ttf",
    "B": "Sarabun-Bold.ttf",
    "I": "Sarabun-Italic.ttf",
    "BI": "Sarabun-BoldItalic.ttf",
}

PT_TO_MM = 25.4 / 72
LINE_SPACING = 1.35  # line height as a multiple of the font size (Thai needs room above and below)
FIRST_LINE_INDENT_MM = 25.0  # Thai official paragraphs indent the first line about 2.5 cm
HEADER_FILL = (225, 230, 240)


class PdfBase(FPDF):
    """An A4 portrait (or landscape) PDF with Thai fonts, official margins and flowing helpers.

    Margins: left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm. ``body_size`` is the body font size in
    points (16 as in Thai official documents; Sarabun prints larger than TH Sarabun PSK, so 14 or
    15 often looks closer to the printed forms). Page numbers are centred in the footer as
    ``- 2 -`` (Thai digits when ``thai_digits``); ``number_first_page=False`` leaves page 1 bare,
    as memos usually are.
    """

    def __init__(
        self,
        body_size: float = 16,
        *,
        orientation: str = "P",
        page_numbers: bool = True,
        number_first_page: bool = True,
        thai_digits: bool = False,
        title: str | None = None,
        author: str | None = None,
    ) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for style, filename in _FONT_FILES.items():
            self.add_font(FONT_FAMILY, style, str(FONT_DIR / filename))
        self.set_text_shaping(True)
        self.set_margins(left=30, top=25, right=20)
        self.set_auto_page_break(True, margin=20)
        self.c_margin = 0  # text starts exactly at the margin (3 cm), not 1 mm inside it
        self.body_size = body_size
        self.page_numbers = page_numbers
        self.number_first_page = number_first_page
        self.thai_digits = thai_digits
        self.set_creator("Pattana")
        if title:
            self.set_title(title)
        if author:
            self.set_author(author)
        self.set_font(FONT_FAMILY, "", body_size)

    # ----------------------------------------------------------------- basics
    def normalize_text(self, text: str) -> str:
        """Every string fpdf2 prints passes here: write ำ (SARA AM) as its canonical-compatible
        pair NIKHAHIT + SARA AA. It prints the same, and text copied out of the PDF becomes
        ``ํา`` (NFKD of ``ำ``) instead of ``ำ`` followed by a stray control character."""
        return super().normalize_text(text.replace(SARA_AM, SARA_AM_DECOMPOSED))

    def line_height(self, size: float | None = None) -> float:
        """Height in mm of one text line at ``size`` points (default: body size)."""
        return (size or self.body_size) * PT_TO_MM * LINE_SPACING

    def body_font(self, style: str = "", size: float | None = None) -> None:
        self.set_font(FONT_FAMILY, style, size or self.body_size)

    def footer(self) -> None:
        if not self.page_numbers or (self.page_no() == 1 and not self.number_first_page):
            return
        self.set_y(-15)
        self.set_font(FONT_FAMILY, "", max(self.body_size - 2, 8))
        self.cell(0, 8, digits(f"- {self.page_no()} -", self.thai_digits), align="C")

    def to_bytes(self) -> bytes:
        """The finished PDF."""
        return bytes(self.output())

    def ensure_space(self, height_mm: float) -> None:
        """Start a new page unless ``height_mm`` still fits above the bottom margin."""
        if self.get_y() + height_mm > self.page_break_trigger:
            self.add_page()

    # ---------------------------------------------------------------- helpers
    def heading(self, text: str, level: int = 1, align: str = "L") -> None:
        """A bold heading: level 1 is body+4 pt, level 2 body+2 pt, level 3 body size."""
        size = self.body_size + {1: 4, 2: 2}.get(level, 0)
        self.ensure_space(self.line_height(size) + 2 * self.line_height())
        self.body_font("B", size)
        self.multi_cell(
            0,
            self.line_height(size),
            thai_break_opportunities(text),
            align=align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.body_font()

    def paragraph(
        self,
        text: str,
        indent_first_line: bool = True,
        align: str = "L",
        size: float | None = None,
        style: str = "",
    ) -> None:
        """A body paragraph; the first line is indented 2.5 cm unless ``indent_first_line=False``.

        Newlines in ``text`` start new lines (each new paragraph of the text indented again).
        Left-aligned by default: stretching the few spaces of Thai text looks worse than a
        ragged edge.
        """
        self.body_font(style, size)
        lh = self.line_height(size)
        for part in str(text).split("\n"):
            part = thai_break_opportunities(part.strip())
            if indent_first_line and part:
                self._indented(part, lh, align)
            else:
                self.multi_cell(0, lh, part, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.body_font()

    def _indented(self, text: str, lh: float, align: str) -> None:
        """``text`` with its first line indented by FIRST_LINE_INDENT_MM."""
        indent = FIRST_LINE_INDENT_MM
        text = text.replace(SARA_AM, SARA_AM_DECOMPOSED)  # as normalize_text returns lines
        lines = self.multi_cell(self.epw - indent, lh, text, dry_run=True, output=MethodReturnValue.LINES)
        first = lines[0] if lines else ""
        rest = text[len(first) :].lstrip(" " + ZWSP) if text.startswith(first) else None
        if rest is None:  # unexpected split: print unindented rather than lose text
            self.multi_cell(0, lh, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        self.ensure_space(lh)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            lh,
            first,
            align="L" if not rest else align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if rest:
            self.multi_cell(0, lh, rest, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def key_value_lines(
        self,
        items: Mapping[str, Any] | Iterable[tuple[str, Any]],
        label_width: float | None = None,
        bold_labels: bool = True,
    ) -> None:
        """Lines of ``label  value``; values wrap under themselves, labels share one column width."""
        pairs = list(items.items()) if isinstance(items, Mapping) else list(items)
        if not pairs:
            return
        lh = self.line_height()
        self.body_font("B" if bold_labels else "")
        if label_width is None:
            widest = max(self.get_string_width(str(k)) for k, _ in pairs)
            label_width = min(widest + 4, self.epw * 0.4)
        for key, value in pairs:
            self.ensure_space(lh)
            y = self.get_y()
            self.body_font("B" if bold_labels else "")
            self.set_x(self.l_margin)
            self.multi_cell(
                label_width,
                lh,
                thai_break_opportunities(str(key)),
                align="L",
                new_x=XPos.RIGHT,
                new_y=YPos.TOP,
            )
            y_label_end = y + lh
            self.body_font()
            self.set_xy(self.l_margin + label_width, y)
            self.multi_cell(
                self.epw - label_width,
                lh,
                thai_break_opportunities(digits(cell_text(value), self.thai_digits)),
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            if self.get_y() < y_label_end:
                self.set_y(y_label_end)
        self.body_font()

    def add_title(self, title: str, subtitle_lines: Sequence[str] = ()) -> None:
        """A centred bold title and centred subtitle lines."""
        size = self.body_size + 4
        self.body_font("B", size)
        self.multi_cell(
            0,
            self.line_height(size),
            thai_break_opportunities(title),
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.body_font()
        for line in subtitle_lines:
            self.multi_cell(
                0,
                self.line_height(),
                thai_break_opportunities(digits(line, self.thai_digits)),
                align="C",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        self.ln(self.line_height() / 2)
