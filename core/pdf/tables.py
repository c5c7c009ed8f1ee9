"""Tables in Thai PDFs: bordered, wrapping long Thai text, the header row repeated on every
page, column widths from the content (no word cut, short cells on one line)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from core.pdf.base import HEADER_FILL, PdfBase
from core.pdf.thai_text import BREAK_SPLIT, cell_text, digits, thai_break_opportunities


class TablesMixin(PdfBase):
    """``table(columns, rows)`` for a ``PdfBase`` document."""

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],  # type: ignore[override]
        col_widths: Sequence[float] | None = None,
        header_fill: bool = True,
        font_size: float | None = None,
        align: Sequence[str] | None = None,
        zebra: bool = False,
    ) -> None:
        """A bordered table whose cells wrap long Thai text; the header row repeats on every page.

        ``col_widths`` are relative weights (``[1, 3, 1]``); by default widths follow the content.
        ``align`` gives each column's alignment (``"L"``, ``"C"``, ``"R"``); numbers default to
        right-aligned. Values may be any type: ``None``/NaN print empty, dates print as Thai dates.
        """
        size = font_size or max(self.body_size - 2, 8)
        self.body_font("", size)
        ncols = len(columns)
        texts = [
            [digits(cell_text(v), self.thai_digits) for v in list(r)[:ncols]] + [""] * (ncols - len(r))
            for r in rows
        ]
        if col_widths is None:
            col_widths = self._auto_widths(columns, texts, size)
        else:
            col_widths = self._fitted_widths(col_widths, columns, texts, size)
        if align is None:
            align = []
            for i in range(ncols):
                numeric = all(
                    isinstance(r[i], (int, float)) and not isinstance(r[i], bool)
                    for r in rows
                    if i < len(r) and r[i] is not None
                ) and bool(rows)
                align.append("R" if numeric else "L")
        headings_style = FontFace(emphasis="BOLD", fill_color=HEADER_FILL if header_fill else None)
        self.ensure_space(3 * self.line_height(size))
        with super().table(
            col_widths=tuple(col_widths),
            width=self.epw,
            align="LEFT",  # from the 3 cm margin (fpdf2 centres tables on the page by default)
            headings_style=headings_style,
            line_height=self.line_height(size),
            text_align=tuple(align),
            repeat_headings=1,
            padding=(0.5, 1.2, 0.5, 1.2),
            cell_fill_color=(245, 245, 245) if zebra else None,
            cell_fill_mode=TableCellFillMode.ROWS if zebra else TableCellFillMode.NONE,
        ) as tbl:
            head = tbl.row()
            for c in columns:
                head.cell(thai_break_opportunities(str(c)), align="C")
            for r in texts:
                row = tbl.row()
                for t in r:
                    row.cell(thai_break_opportunities(t))
        self.body_font()
        self.ln(2)

    def _fitted_widths(
        self, weights: Sequence[float], columns: Sequence[str], texts: list[list[str]], size: float
    ) -> list[float]:
        """Widths (mm) in the given proportions, each widened to hold its longest word or code (a
        heading word, ``DR2570-023``) on one line; the room is taken from the columns that can spare it."""
        total = self.epw
        widths = [w * total / sum(weights) for w in weights]
        minimum = self._auto_widths(columns, texts, size, minimum_only=True)
        if sum(minimum) >= total:
            return [m * total / sum(minimum) for m in minimum]
        short = [i for i, (w, m) in enumerate(zip(widths, minimum)) if w < m]
        if not short:
            return widths
        need = sum(minimum[i] - widths[i] for i in short)
        for i in short:
            widths[i] = minimum[i]
        slack = {i: widths[i] - minimum[i] for i in range(len(widths)) if i not in short}
        spare = sum(slack.values())
        for i, room in slack.items():
            widths[i] -= need * room / spare
        return widths

    def _auto_widths(
        self, columns: Sequence[str], texts: list[list[str]], size: float, *, minimum_only: bool = False
    ) -> list[float]:
        """Column widths (mm) from content: short cells (numbers, dates, names) never wrap, no word
        is cut, and what room is left goes to the columns holding long text."""
        pad = 2 * 1.2 + (0.3 if minimum_only else 1.5)  # cell padding and a little air
        short = 32.0  # cells narrower than this stay on one line
        sample = texts[:300]
        natural, minimum = [], []
        for i, col in enumerate(columns):
            self.body_font("B", size)
            head_tokens = BREAK_SPLIT.split(thai_break_opportunities(str(col)))
            head_min = max((self.get_string_width(t) for t in head_tokens), default=0)
            head_full = self.get_string_width(str(col))
            self.body_font("", size)
            widths = [self.get_string_width(r[i]) for r in sample]
            longest = max(widths, default=0)
            token_min = 0.0
            for r, w in zip(sample, widths):
                if w <= short and not minimum_only:  # (the minimum of fixed proportions: words only)
                    token_min = max(token_min, w)
                else:
                    token_min = max(
                        token_min,
                        max(
                            (
                                self.get_string_width(t)
                                for t in BREAK_SPLIT.split(thai_break_opportunities(r[i]))
                            ),
                            default=0,
                        ),
                    )
            nat = max(longest, head_full if head_full <= short else head_min) + pad
            natural.append(nat)
            minimum.append(min(max(token_min, head_min) + pad, self.epw * 0.3))
        if minimum_only:
            return minimum
        total = self.epw
        if sum(natural) <= total:
            extra = total - sum(natural)
            return [n + extra * n / sum(natural) for n in natural]
        if sum(minimum) >= total:
            return [m * total / sum(minimum) for m in minimum]
        room = total - sum(minimum)
        demand = [n - m for n, m in zip(natural, minimum)]
        return [m + room * d / sum(demand) for m, d in zip(minimum, demand)]
