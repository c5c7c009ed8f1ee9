"""The official internal memo (บันทึกข้อความ) laid out as the form prescribes (ระเบียบสำนักนายกรัฐมนตรี
ว่าด้วยงานสารบรรณ): the Garuda emblem 1.5 cm high at the top left, บันทึกข้อความ 29 pt bold, the
labels ส่วนราชการ / ที่ / วันที่ / เรื่อง 20 pt bold, เรียน, the 16 pt paragraphs, the signature block
(the name in parentheses, the position, an acting line) and, once the executive has decided, the
approval / acknowledgement block (อนุมัติ or ทราบ, the name, the position and the date)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from fpdf.enums import XPos, YPos

from core.pdf.base import PT_TO_MM, PdfBase
from core.pdf.thai_text import digits, thai_break_opportunities
from core.thaidate import format_date

MEMO_EMBLEM_HEIGHT_MM = 15.0  # the Garuda emblem of a memo is 1.5 cm high


@dataclass
class MemoDecision:
    """The executive's order written on the memo: ``decision`` (อนุมัติ, ทราบ, ไม่อนุมัติ ...), who
    decided (name, position lines including an acting line) and when."""

    decision: str
    name: str
    position: str | list[str] = ""
    date: date | str | None = None


@dataclass
class Memo:
    """The content of a บันทึกข้อความ (internal memo).

    ``date`` may be a ``date`` (printed long style, ``24 พฤศจิกายน 2569``) or ready text.
    ``emblem_png`` is the Garuda emblem (the organisation profile's upload); none ships with the
    app, so when ``None`` the 1.5 cm emblem space is left empty and the layout is unchanged.
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
    decision: MemoDecision | None = None


def _long_date(value: date | str | None, thai_digits: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return format_date(value, "th", "long", thai_digits)
    return digits(str(value), thai_digits)


def _memo_date(memo: Memo) -> str:
    return _long_date(memo.date, memo.thai_digits)


def _lines(position: str | list[str]) -> list[str]:
    if isinstance(position, str):
        return [p for p in position.split("\n") if p.strip()] if position else []
    return [p for p in position if p.strip()]


def render_memo_into(doc: PdfBase, memo: Memo) -> None:
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
        return digits(text, td)

    # Emblem (1.5 cm high, top left) and the centred heading on the same band.
    top = doc.get_y()
    if memo.emblem_png:
        super(PdfBase, doc).image(io.BytesIO(memo.emblem_png), x=doc.l_margin, y=top, h=MEMO_EMBLEM_HEIGHT_MM)
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
            doc.multi_cell(
                width - lw,
                lh,
                thai_break_opportunities(value),
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
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
    doc.multi_cell(
        0,
        lh,
        thai_break_opportunities(f"เรียน  {memo.addressee}"),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    doc.ln(lh * 0.25)
    for para in memo.paragraphs:
        doc.paragraph(dg(para), indent_first_line=True)
        doc.ln(lh * 0.25)

    # Signature block centred in the right half: room to sign, (name), position lines.
    positions = _lines(memo.signer_position)
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
        doc.multi_cell(
            block_w, lh, thai_break_opportunities(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    if memo.decision is not None:
        _decision_block(doc, memo.decision, td, doc.l_margin, doc.epw * 0.5)


def _decision_block(doc: PdfBase, decision: MemoDecision, thai_digits: bool, x: float, width: float) -> None:
    """The executive's order under the signature, in the left half as it is written on the paper:
    the decision in bold, room to sign, (name), position and acting lines, the Buddhist-Era date."""
    lh = doc.line_height()
    positions = [digits(p, thai_digits) for p in _lines(decision.position)]
    when = _long_date(decision.date, thai_digits)
    lines = [f"({decision.name})", *positions] + ([when] if when else [])
    doc.ensure_space(lh * (2.7 + len(lines)))
    doc.ln(lh * 0.5)
    doc.set_x(x)
    doc.body_font("B")
    doc.multi_cell(
        width, lh, thai_break_opportunities(decision.decision), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    doc.body_font()
    doc.ln(lh * 1.2)  # room to sign
    for line in lines:
        doc.set_x(x)
        doc.multi_cell(
            width, lh, thai_break_opportunities(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
