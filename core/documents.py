"""Thai PDF documents: official memos (บันทึกข้อความ), table reports, charts and QR codes.

Everything here returns ``bytes`` so the UI can offer a download or store a file; nothing here
touches Streamlit or the database.

Fonts: Sarabun (open TH Sarabun New look-alike) from ``fontpkg_sarabun``. Text shaping is switched
on (HarfBuzz through ``uharfbuzz``) so Thai tone marks and upper vowels stack properly (ที่นี่, สิ่ง).

Line breaking: Thai is written without spaces between words and no Thai dictionary is available
offline, so before wrapping we insert invisible break opportunities (U+200B ZERO WIDTH SPACE)
before the leading vowels เ แ โ ใ ไ, after ๆ ฯ and around a few hundred common words of municipal
paperwork (never inside a character cluster). fpdf2 treats
U+200B as a break point and draws nothing for it. Copying text out of the PDF may carry those
U+200B characters along, and ำ comes out decomposed as ``ํา`` (see ``ThaiDocument.normalize_text``):
compare extracted text after ``unicodedata.normalize("NFKD", ...)`` and removing U+200B.

Typical use::

    doc = ThaiDocument(body_size=16)
    doc.add_memo(memo)                      # page 1: the cover memo
    doc.add_page()
    doc.add_sections([ReportSection("ผลการดำเนินงาน", table_columns=[...], table_rows=[...])])
    pdf_bytes = doc.to_bytes()
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import fontpkg_sarabun
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace

from core.numbers import fmt2
from core.thaidate import format_date, to_thai_digits

FONT_DIR: Path = Path(fontpkg_sarabun.ROOT) / "files"
FONT_FAMILY = "Sarabun"
_FONT_FILES = {
    "": "Sarabun-Regular.ttf",
    "B": "Sarabun-Bold.ttf",
    "I": "Sarabun-Italic.ttf",
    "BI": "Sarabun-BoldItalic.ttf",
}

PT_TO_MM = 25.4 / 72
LINE_SPACING = 1.35          # line height as a multiple of the font size (Thai needs room above and below)
FIRST_LINE_INDENT_MM = 25.0  # Thai official paragraphs indent the first line about 2.5 cm
MEMO_EMBLEM_HEIGHT_MM = 15.0  # the Garuda emblem of a memo is 1.5 cm high
HEADER_FILL = (225, 230, 240)

ZWSP = "\u200b"
_SARA_AM = "\u0e33"
_SARA_AM_DECOMPOSED = "\u0e4d\u0e32"  # NFKD of SARA AM
_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"
# Characters that belong to the consonant before them: a break may never come before these.
_ATTACHED = set("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                "\u0e45\u0e46\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
# Common words of municipal paperwork, used as break anchors (longest match wins). Not a full
# dictionary: text between anchors breaks only at spaces and before leading vowels.
_ANCHOR_WORDS = sorted(set("""
การ ความ ที่ ระบบ ของ ได้ กับ จาก ตาม ทั้ง ทั้งหมด ซึ่ง งาน ส่วน ดำเนิน ดำเนินการ ดำเนินงาน
พัฒนา สารสนเทศ งบประมาณ ประมาณ ประจำ จำนวน นั้น บัดนี้ หน่วย หน่วยงาน ผู้ ด้วย อยู่ ต้อง สำหรับ
สำนัก สำนักงาน กอง ทราบ พิจารณา จึง รายละเอียด รายงาน รายการ ปรากฏ มอบหมาย ราชการ กรุณา
ข้อมูล คอมพิวเตอร์ เทคโนโลยี เทศบาล เมือง เทศมนตรี เรียน เรื่อง เสร็จ แล้ว เริ่ม เพิ่มเติม เอกสาร แนบ ท้าย ชำนาญการ ชำนาญงาน วิชาการ นักวิชาการ บริหาร ทั่วไป ปี วัน จัดซื้อ จัดจ้าง จัดทำ
บำรุงรักษา ดูแล พร้อม ระหว่าง ปรับปรุง ติดตั้ง อุปกรณ์ ซอฟต์แวร์ ฮาร์ดแวร์ โปรแกรม ผล ตรวจสอบ
รับ ส่ง สำเนา สิ่ง ต่าง หรือ คือ มี ยัง ประชาชน ประชุม ปลัด นายก นายกเทศมนตรี ยุทธศาสตร์ คลัง
ช่าง สาธารณสุข สิ่งแวดล้อม การศึกษา สวัสดิการ สังคม ทะเบียน ราษฎร ภาษี รายได้ ค่าใช้จ่าย บาท
ชำราบ วาริน วารินชำราบ อุบลราชธานี จังหวัด อำเภอ ตำบล ชุมชน ถนน หมู่ บ้าน ไตรมาส ปีงบประมาณ
สถานะ อนุมัติ ลงนาม ลงชื่อ ตำแหน่ง หัวหน้า ผู้อำนวยการ รองปลัด ข้าราชการ พนักงาน ลูกจ้าง
ทดสอบ ติดตาม ประเมิน ความพึงพอใจ แบบสอบถาม ผู้ตอบ ร้อยละ คะแนน เฉลี่ย สรุป ภาพรวม
ตัดบรรทัด ชื่อ ยาว มาก เพื่อ นี้ นี่ ทำ สอบ ระยะ เวลา กำหนด แผน โครงการ กิจกรรม เป้าหมาย
""".split()), key=len, reverse=True)
_BREAK_SPLIT = re.compile("[ \u200b]+")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")


def _run_breaks(run: str) -> str:
    breaks: set[int] = set()
    inside: set[int] = set()  # positions strictly inside an anchor word: no break there
    n = len(run)
    i = 0
    while i < n:
        if i > 0 and (run[i - 1] in _LEADING_VOWELS or run[i] in _ATTACHED):
            i += 1
            continue
        for word in _ANCHOR_WORDS:
            end = i + len(word)
            if run.startswith(word, i) and (end >= n or run[end] not in _ATTACHED):
                breaks.update((i, end))
                inside.update(range(i + 1, end))
                i = end
                break
        else:
            i += 1
    for i in range(1, n):
        if i in inside:
            continue
        if run[i] in _LEADING_VOWELS and run[i - 1] not in _LEADING_VOWELS:
            breaks.add(i)
        if run[i - 1] in "\u0e46\u0e2f" and run[i] not in _ATTACHED:
            breaks.add(i)
    breaks.discard(0)
    breaks.discard(n)
    out, last = [], 0
    for b in sorted(breaks):
        out.append(run[last:b])
        last = b
    out.append(run[last:])
    return ZWSP.join(out)


def thai_break_opportunities(text: str) -> str:
    """``text`` with U+200B inserted where a Thai line may break (a heuristic, see module doc):
    before leading vowels, after ๆ and ฯ, and around a small list of common words."""
    return _THAI_RUN.sub(lambda m: _run_breaks(m.group(0)), text)


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return fmt2(value)  # money and measures (2 decimals, half up); ints (years, counts) print as they are
    if isinstance(value, (date, datetime)):
        return format_date(value, "th", "short")
    return str(value)


class ThaiDocument(FPDF):
    """An A4 portrait (or landscape) PDF with Thai fonts, official margins and flowing helpers.

    Margins: left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm. ``body_size`` is the body font size in
    points (16 as in Thai official documents; Sarabun prints larger than TH Sarabun PSK, so 14 or
    15 often looks closer to the printed forms). Page numbers are centred in the footer as
    ``- 2 -`` (Thai digits when ``thai_digits``); ``number_first_page=False`` leaves page 1 bare,
    as memos usually are.
    """

    def __init__(self, body_size: float = 16, *, orientation: str = "P", page_numbers: bool = True,
                 number_first_page: bool = True, thai_digits: bool = False,
                 title: str | None = None, author: str | None = None) -> None:
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
        return super().normalize_text(text.replace(_SARA_AM, _SARA_AM_DECOMPOSED))

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
        self.cell(0, 8, _digits(f"- {self.page_no()} -", self.thai_digits), align="C")

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
        self.multi_cell(0, self.line_height(size), thai_break_opportunities(text), align=align,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.body_font()

    def paragraph(self, text: str, indent_first_line: bool = True, align: str = "L",
                  size: float | None = None, style: str = "") -> None:
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
        text = text.replace(_SARA_AM, _SARA_AM_DECOMPOSED)  # as normalize_text returns lines
        lines = self.multi_cell(self.epw - indent, lh, text, dry_run=True,
                                output=MethodReturnValue.LINES)
        first = lines[0] if lines else ""
        rest = text[len(first):].lstrip(" " + ZWSP) if text.startswith(first) else None
        if rest is None:  # unexpected split: print unindented rather than lose text
            self.multi_cell(0, lh, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        self.ensure_space(lh)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, lh, first, align="L" if not rest else align,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if rest:
            self.multi_cell(0, lh, rest, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def key_value_lines(self, items: Mapping[str, Any] | Iterable[tuple[str, Any]],
                        label_width: float | None = None, bold_labels: bool = True) -> None:
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
            self.multi_cell(label_width, lh, thai_break_opportunities(str(key)), align="L",
                            new_x=XPos.RIGHT, new_y=YPos.TOP)
            y_label_end = y + lh
            self.body_font()
            self.set_xy(self.l_margin + label_width, y)
            self.multi_cell(self.epw - label_width, lh,
                            thai_break_opportunities(_digits(_cell_text(value), self.thai_digits)),
                            align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if self.get_y() < y_label_end:
                self.set_y(y_label_end)
        self.body_font()

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]],  # type: ignore[override]
              col_widths: Sequence[float] | None = None, header_fill: bool = True,
              font_size: float | None = None, align: Sequence[str] | None = None,
              zebra: bool = False) -> None:
        """A bordered table whose cells wrap long Thai text; the header row repeats on every page.

        ``col_widths`` are relative weights (``[1, 3, 1]``); by default widths follow the content.
        ``align`` gives each column's alignment (``"L"``, ``"C"``, ``"R"``); numbers default to
        right-aligned. Values may be any type: ``None``/NaN print empty, dates print as Thai dates.
        """
        size = font_size or max(self.body_size - 2, 8)
        self.body_font("", size)
        ncols = len(columns)
        texts = [[_digits(_cell_text(v), self.thai_digits) for v in list(r)[:ncols]]
                 + [""] * (ncols - len(r)) for r in rows]
        if col_widths is None:
            col_widths = self._auto_widths(columns, texts, size)
        if align is None:
            align = []
            for i in range(ncols):
                numeric = all(isinstance(r[i], (int, float)) and not isinstance(r[i], bool)
                              for r in rows if i < len(r) and r[i] is not None) and bool(rows)
                align.append("R" if numeric else "L")
        headings_style = FontFace(emphasis="BOLD", fill_color=HEADER_FILL if header_fill else None)
        self.ensure_space(3 * self.line_height(size))
        with super().table(
            col_widths=tuple(col_widths),
            width=self.epw,
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

    def _auto_widths(self, columns: Sequence[str], texts: list[list[str]],
                     size: float) -> list[float]:
        """Column widths (mm) from content: short cells (numbers, dates, names) never wrap, no word
        is cut, and what room is left goes to the columns holding long text."""
        pad = 2 * 1.2 + 1.5
        short = 32.0  # cells narrower than this stay on one line
        sample = texts[:300]
        natural, minimum = [], []
        for i, col in enumerate(columns):
            self.body_font("B", size)
            head_tokens = _BREAK_SPLIT.split(thai_break_opportunities(str(col)))
            head_min = max((self.get_string_width(t) for t in head_tokens), default=0)
            head_full = self.get_string_width(str(col))
            self.body_font("", size)
            widths = [self.get_string_width(r[i]) for r in sample]
            longest = max(widths, default=0)
            token_min = 0.0
            for r, w in zip(sample, widths):
                if w <= short:
                    token_min = max(token_min, w)
                else:
                    token_min = max(token_min, max(
                        (self.get_string_width(t)
                         for t in _BREAK_SPLIT.split(thai_break_opportunities(r[i]))),
                        default=0))
            nat = max(longest, head_full if head_full <= short else head_min) + pad
            natural.append(nat)
            minimum.append(min(max(token_min, head_min) + pad, self.epw * 0.3))
        total = self.epw
        if sum(natural) <= total:
            extra = total - sum(natural)
            return [n + extra * n / sum(natural) for n in natural]
        if sum(minimum) >= total:
            return [m * total / sum(minimum) for m in minimum]
        room = total - sum(minimum)
        demand = [n - m for n, m in zip(natural, minimum)]
        return [m + room * d / sum(demand) for m, d in zip(minimum, demand)]

    def image(self, name: Any, *args: Any, width: float | None = None,  # type: ignore[override]
              **kwargs: Any) -> Any:
        """``image(png_bytes, width=mm)`` places a picture (a chart) centred in the text flow.

        Any other call is fpdf2's own ``FPDF.image`` (fpdf2 calls it internally).
        """
        if isinstance(name, (bytes, bytearray)) and not args and not kwargs:
            return self.add_image(bytes(name), width)
        if isinstance(name, (bytes, bytearray)):
            name = io.BytesIO(name)
        return super().image(name, *args, **kwargs)

    def _image_box(self, png_bytes: bytes, width: float | None) -> tuple[float, float]:
        """Width and height (mm) a picture will take in the flow."""
        from PIL import Image

        with Image.open(io.BytesIO(png_bytes)) as im:
            px_w, px_h = im.size
        w = min(width or self.epw, self.epw)
        h = w * px_h / px_w
        max_h = self.eph - 5
        if h > max_h:
            w, h = w * max_h / h, max_h
        return w, h

    def add_image(self, png_bytes: bytes, width: float | None = None) -> None:
        """A picture centred in the flow, ``width`` mm wide (default: the text width), scaled to fit
        the page; starts a new page when it does not fit below."""
        w, h = self._image_box(png_bytes, width)
        self.ensure_space(h + 2)
        x = self.l_margin + (self.epw - w) / 2
        super().image(io.BytesIO(png_bytes), x=x, y=self.get_y(), w=w, h=h)
        self.set_y(self.get_y() + h + 2)

    # ------------------------------------------------------------ composites
    def add_memo(self, memo: "Memo") -> None:
        """A new page holding ``memo`` as a บันทึกข้อความ; add more pages after it as needed."""
        self.add_page()
        render_memo_into(self, memo)

    def add_title(self, title: str, subtitle_lines: Sequence[str] = ()) -> None:
        """A centred bold title and centred subtitle lines."""
        size = self.body_size + 4
        self.body_font("B", size)
        self.multi_cell(0, self.line_height(size), thai_break_opportunities(title), align="C",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.body_font()
        for line in subtitle_lines:
            self.multi_cell(0, self.line_height(), thai_break_opportunities(
                _digits(line, self.thai_digits)), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(self.line_height() / 2)

    def add_sections(self, sections: Sequence["ReportSection"]) -> None:
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
                self.paragraph(_digits(p, self.thai_digits), indent_first_line=s.indent_paragraphs)
            if s.key_values:
                self.key_value_lines(s.key_values)
            if s.table_columns:
                self.table(s.table_columns, s.table_rows or [], col_widths=s.col_widths,
                           align=s.col_align)
            if s.image_png:
                self.add_image(s.image_png, s.image_width)
                if s.image_caption:
                    self.body_font("I", max(self.body_size - 2, 8))
                    self.multi_cell(0, self.line_height(self.body_size - 2),
                                    thai_break_opportunities(s.image_caption), align="C",
                                    new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                    self.body_font()
            for note in s.notes:
                self.body_font("", max(self.body_size - 3, 8))
                self.multi_cell(0, self.line_height(self.body_size - 3),
                                thai_break_opportunities(_digits(note, self.thai_digits)),
                                align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.body_font()
            self.ln(self.line_height() / 3)


# --------------------------------------------------------------------- memo
@dataclass
class Memo:
    """The content of a บันทึกข้อความ (internal memo).

    ``date`` may be a ``date`` (printed long style, ``24 พฤศจิกายน 2569``) or ready text.
    ``emblem_png`` is the Garuda emblem; none ships with the app (it is not freely available
    offline), so when ``None`` the 1.5 cm emblem space is left empty and the layout is unchanged.
    ``thai_digits`` prints every digit of the memo (phone, reference, date, subject, body,
    position) as Thai digits.
    """

    unit: str
    subject: str
    addressee: str
    paragraphs: list[str]
    signer_name: str
    signer_position: str | list[str] = ""
    phone: str = ""
    reference_no: str = ""
    date: date | str | None = None
    thai_digits: bool = False
    font_size: float = 16
    emblem_png: bytes | None = None


def _memo_date(memo: Memo) -> str:
    if memo.date is None:
        return ""
    if isinstance(memo.date, (date, datetime)):
        return format_date(memo.date, "th", "long", memo.thai_digits)
    return _digits(str(memo.date), memo.thai_digits)


def render_memo_into(doc: ThaiDocument, memo: Memo) -> None:
    """Lay ``memo`` out from the current position of ``doc`` (normally the top of a fresh page).

    Sizes scale from ``doc.body_size`` as in the official form (body 16 pt, field labels 20 pt
    bold, the heading บันทึกข้อความ 29 pt bold).
    """
    body = doc.body_size
    label_size = body * 20 / 16
    title_size = body * 29 / 16
    lh = doc.line_height()
    label_lh = doc.line_height(label_size)
    td = memo.thai_digits

    def dg(text: str) -> str:
        return _digits(text, td)

    # Emblem (1.5 cm high, top left) and the centred heading on the same band.
    top = doc.get_y()
    if memo.emblem_png:
        super(ThaiDocument, doc).image(io.BytesIO(memo.emblem_png), x=doc.l_margin, y=top,
                                        h=MEMO_EMBLEM_HEIGHT_MM)
    doc.body_font("B", title_size)
    title_h = doc.line_height(title_size)
    doc.set_xy(doc.l_margin, top + MEMO_EMBLEM_HEIGHT_MM - title_h * 0.85)
    doc.cell(doc.epw, title_h, "บันทึกข้อความ", align="C")
    doc.set_y(top + MEMO_EMBLEM_HEIGHT_MM + 1.5)

    # fpdf2 puts a cell's baseline at y + h/2 + 0.3 * font size: shift the smaller value text so
    # label and value share one baseline.
    diff_mm = (label_size - body) * PT_TO_MM

    def label_value(label: str, value: str, x: float, width: float, wrap: bool) -> float:
        """Bold label then value on one baseline; returns the y below it."""
        y = doc.get_y()
        doc.body_font("B", label_size)
        lw = doc.get_string_width(label) + 2.5
        doc.set_xy(x, y)
        doc.cell(lw, label_lh, label)
        doc.body_font()
        if wrap:
            doc.set_xy(x + lw, y + (label_lh - lh) / 2 + 0.3 * diff_mm)
            doc.multi_cell(width - lw, lh, thai_break_opportunities(value), align="L",
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return max(doc.get_y(), y + label_lh)
        doc.set_xy(x + lw, y + 0.3 * diff_mm)
        doc.cell(width - lw, label_lh, value)
        return y + label_lh

    phone = memo.phone.strip().replace(" ", "\u00a0")  # a phone number never breaks
    unit_text = memo.unit + (f"  โทร. {phone}" if phone else "")
    doc.set_y(label_value("ส่วนราชการ", dg(unit_text), doc.l_margin, doc.epw, True))
    y = doc.get_y()
    half = doc.epw / 2
    label_value("ที่", dg(memo.reference_no), doc.l_margin, half, False)
    doc.set_y(y)
    doc.set_y(label_value("วันที่", _memo_date(memo), doc.l_margin + half, half, False))
    doc.set_y(label_value("เรื่อง", dg(memo.subject), doc.l_margin, doc.epw, True))

    doc.ln(lh * 0.5)
    doc.body_font()
    doc.multi_cell(0, lh, thai_break_opportunities(f"เรียน  {memo.addressee}"), align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.ln(lh * 0.25)
    for para in memo.paragraphs:
        doc.paragraph(dg(para), indent_first_line=True)
        doc.ln(lh * 0.25)

    # Signature block centred in the right half: room to sign, (name), position lines.
    positions = memo.signer_position
    if isinstance(positions, str):
        positions = [p for p in positions.split("\n") if p.strip()] if positions else []
    block_h = lh * (3 + len(positions))
    doc.ensure_space(block_h)
    doc.ln(lh * 2)
    # The block is centred at three quarters of the text width and may widen to the left for
    # long position titles.
    block_w = doc.epw * 0.6
    x = doc.l_margin + doc.epw - block_w
    doc.body_font()
    for line in [f"({memo.signer_name})", *[dg(p) for p in positions]]:
        doc.set_x(x)
        doc.multi_cell(block_w, lh, thai_break_opportunities(line), align="C",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_memo(memo: Memo) -> bytes:
    """A one-memo PDF (page numbers from page 2 on)."""
    doc = ThaiDocument(body_size=memo.font_size, number_first_page=False,
                       thai_digits=memo.thai_digits, title=memo.subject)
    doc.add_memo(memo)
    return doc.to_bytes()


# ------------------------------------------------------------------- report
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


def render_table_report(title: str, subtitle_lines: Sequence[str],
                        sections: Sequence[ReportSection], *, body_size: float = 14,
                        orientation: str = "P", thai_digits: bool = False,
                        memo: Memo | None = None) -> bytes:
    """A titled report of sections. With ``memo`` a cover memo comes first on its own page(s)."""
    doc = ThaiDocument(body_size=body_size, orientation=orientation, thai_digits=thai_digits,
                       title=title)
    if memo is not None:
        doc.add_memo(memo)
    doc.add_page()
    doc.add_title(title, subtitle_lines)
    doc.add_sections(sections)
    return doc.to_bytes()


# -------------------------------------------------------------------- charts
class ChartError(RuntimeError):
    """A chart could not be turned into a picture (vl-convert missing or failed)."""


_fonts_registered = False
# Sarabun's bold faces lose ำ (SARA AM) in vl-convert's renderer; the decomposed
# NIKHAHIT + SARA AA (defined at the top) draws the same glyphs correctly.


def _decompose_sara_am(obj: Any) -> Any:
    if isinstance(obj, str):
        return obj.replace(_SARA_AM, _SARA_AM_DECOMPOSED)
    if isinstance(obj, dict):
        return {_decompose_sara_am(k): _decompose_sara_am(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_decompose_sara_am(v) for v in obj]
    return obj


def chart_png(chart: Any, scale: float = 2) -> bytes:
    """An Altair chart (or a Vega-Lite dict) as PNG bytes, text in Sarabun.

    Rendered offline by vl-convert. Raises ``ChartError`` when rendering is impossible, so a
    report can leave the picture out and keep its table.
    """
    global _fonts_registered
    try:
        import vl_convert as vlc
    except ImportError as exc:  # pragma: no cover - installed with the app
        raise ChartError("vl-convert-python is not installed") from exc
    spec = chart.to_dict() if hasattr(chart, "to_dict") else copy.deepcopy(dict(chart))
    config = spec.setdefault("config", {})
    config.setdefault("font", FONT_FAMILY)
    spec = _decompose_sara_am(spec)
    try:
        if not _fonts_registered:
            vlc.register_font_directory(str(FONT_DIR))
            _fonts_registered = True
        return bytes(vlc.vegalite_to_png(spec, scale=scale))
    except Exception as exc:  # vl-convert raises plain ValueError/Exception
        raise ChartError(f"chart could not be rendered: {exc}") from exc


def qr_png(url: str, box_size: int = 10, border: int = 4) -> bytes:
    """A QR code of ``url`` as PNG bytes."""
    import qrcode

    qr = qrcode.QRCode(box_size=box_size, border=border,
                       error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(url)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()
