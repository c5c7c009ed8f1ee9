"""Thai PDFs: memos, table reports, charts and QR codes."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from core.pdf import (
    ChartError,
    Memo,
    ReportSection,
    ThaiDocument,
    chart_png,
    qr_png,
    render_memo,
    render_table_report,
    thai_break_opportunities,
    thai_text,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def norm(text: str) -> str:
    """Text as compared: NFKD (ำ -> ํา, as the PDF stores it) without zero-width break hints."""
    return unicodedata.normalize("NFKD", text).replace("\u200b", "")


def pdf_pages(data: bytes) -> list[str]:
    return [norm(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def sample_memo(**changes) -> Memo:
    fields = dict(
        unit="งานเทคโนโลยีสารสนเทศ กองยุทธศาสตร์และงบประมาณ เทศบาลเมืองวารินชำราบ",
        phone="0 4532 1234 ต่อ 120",
        reference_no="อบ 52305/123",
        date=date(2026, 11, 24),
        subject="ขออนุมัติพัฒนาระบบสารสนเทศ",
        addressee="นายกเทศมนตรีเมืองวารินชำราบ",
        paragraphs=[
            "ตามที่งานเทคโนโลยีสารสนเทศได้รับมอบหมายให้พัฒนาระบบ จำนวน 3 ระบบ นั้น",
            "บัดนี้ ได้ดำเนินการที่นี่แล้วเสร็จ สิ่งที่ต้องพิจารณาคือการจัดสรรงบประมาณเพิ่มเติม " * 3,
            "จึงเรียนมาเพื่อโปรดพิจารณา",
        ],
        signer_name="นายสมชาย ใจดี",
        signer_position=["นักวิชาการคอมพิวเตอร์ชำนาญการ", "หัวหน้างานเทคโนโลยีสารสนเทศ"],
    )
    fields.update(changes)
    return Memo(**fields)


@pytest.fixture(scope="module")
def memo_text() -> str:
    pages = pdf_pages(render_memo(sample_memo()))
    assert len(pages) == 1
    return pages[0]


def test_a_memo_pdf_is_a_pdf_of_one_page():
    data = render_memo(sample_memo())
    assert data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


@pytest.mark.parametrize("word", ["บันทึกข้อความ", "ส่วนราชการ", "ที่", "วันที่", "เรื่อง", "เรียน"])
def test_a_memo_carries_the_fixed_words_of_the_official_form(memo_text, word):
    assert norm(word) in memo_text


def test_a_memo_carries_its_fields(memo_text):
    for text in [
        "ขออนุมัติพัฒนาระบบสารสนเทศ",
        "นายกเทศมนตรีเมืองวารินชำราบ",
        "อบ 52305/123",
        "0 4532 1234",
        "หัวหน้างานเทคโนโลยีสารสนเทศ",
    ]:
        assert norm(text) in memo_text, text


def test_a_memo_puts_the_signers_name_in_parentheses(memo_text):
    assert "(นายสมชาย ใจดี)" in memo_text


def test_a_memo_dates_itself_in_the_long_buddhist_era_style(memo_text):
    assert norm("24 พฤศจิกายน 2569") in memo_text


def test_a_memo_keeps_the_order_of_the_official_form(memo_text):
    order = [
        memo_text.index(norm(w))
        for w in ["บันทึกข้อความ", "ส่วนราชการ", "วันที่", "เรื่อง", "เรียน", "ตามที่", "(นายสมชาย"]
    ]
    assert order == sorted(order)


def test_a_memo_with_thai_digits_prints_the_date_reference_and_body_in_thai_digits():
    text = pdf_pages(render_memo(sample_memo(thai_digits=True)))[0]
    assert norm("๒๔ พฤศจิกายน ๒๕๖๙") in text
    assert "๕๒๓๐๕/๑๒๓" in text
    assert norm("จำนวน ๓ ระบบ") in text
    assert "2569" not in text and "52305" not in text


def test_a_memo_accepts_a_date_written_out_and_a_position_as_one_string():
    memo = sample_memo(date="1 ตุลาคม 2569", signer_position="ผู้อำนวยการกองช่าง")
    text = pdf_pages(render_memo(memo))[0]
    assert norm("1 ตุลาคม 2569") in text
    assert norm("ผู้อำนวยการกองช่าง") in text


def test_a_memo_with_an_emblem_draws_it_and_one_without_leaves_the_space():
    emblem = Image.new("RGB", (60, 60), "red")
    buf = io.BytesIO()
    emblem.save(buf, format="PNG")
    with_emblem = render_memo(sample_memo(emblem_png=buf.getvalue()))
    without = render_memo(sample_memo())
    page = PdfReader(io.BytesIO(with_emblem)).pages[0]
    assert len(page.images) == 1
    assert len(PdfReader(io.BytesIO(without)).pages[0].images) == 0
    # the text sits at the same place either way
    assert pdf_pages(with_emblem) == pdf_pages(without)


def test_a_long_memo_flows_onto_a_numbered_second_page():
    memo = sample_memo(paragraphs=["ข้อความยาวมากที่นี่ " * 45] * 3)
    pages = pdf_pages(render_memo(memo))
    assert len(pages) >= 2
    assert "(นายสมชาย ใจดี)" in pages[-1]
    assert "- 2 -" in pages[1]
    assert "- 1 -" not in pages[0]


def test_a_memo_can_open_a_document_that_goes_on_with_more_pages():
    doc = ThaiDocument(body_size=15)
    doc.add_memo(sample_memo())
    doc.add_page()
    doc.heading("เอกสารแนบ")
    doc.table(["ลำดับ", "รายการ"], [[1, "เครื่องแม่ข่าย"]])
    pages = pdf_pages(doc.to_bytes())
    assert len(pages) == 2
    assert "บันทึกข้อความ" in pages[0] and "เอกสารแนบ" in pages[1]


def table_report(rows: int) -> bytes:
    data = [
        [
            i,
            f"ระบบงานที่นี่ลำดับ {i} ของกองคลังซึ่งมีชื่อค่อนข้างยาวเพื่อทดสอบการตัดบรรทัด",
            date(2026, 10, 1 + i % 28),
            1000.5 * i,
        ]
        for i in range(1, rows + 1)
    ]
    return render_table_report(
        "รายงานระบบสารสนเทศ",
        ["เทศบาลเมืองวารินชำราบ", "ปีงบประมาณ 2570"],
        [
            ReportSection(
                "รายการ",
                paragraphs=["สรุปรายการทั้งหมด"],
                table_columns=["ลำดับ", "ชื่อระบบ", "วันที่เริ่ม", "งบประมาณ (บาท)"],
                table_rows=data,
                notes=["หมายเหตุ: รวมภาษีมูลค่าเพิ่ม"],
            )
        ],
    )


def test_a_table_report_spanning_pages_repeats_the_header_row_on_every_page():
    pages = pdf_pages(table_report(50))
    assert 3 <= len(pages) <= 8
    for page in pages:
        assert norm("ชื่อระบบ") in page and norm("งบประมาณ") in page
    assert "รายงานระบบสารสนเทศ" in pages[0]
    assert "รายงานระบบสารสนเทศ" not in pages[1]
    assert norm("ระบบงานที่นี่ลำดับ 50") in pages[-1]
    assert "หมายเหตุ" in pages[-1]


def test_a_short_table_report_fits_on_one_page_and_prints_values_readably():
    pages = pdf_pages(table_report(3))
    assert len(pages) == 1
    assert "3,001.50" in pages[0]
    assert norm("2 ต.ค. 2569") in pages[0]


def test_a_table_report_can_open_with_a_memo_and_hold_pictures():
    png = qr_png("https://example.org/x")
    data = render_table_report(
        "รายงาน",
        [],
        [
            ReportSection("ภาพ", image_png=png, image_width=30, image_caption="ภาพที่ 1"),
            ReportSection("ข้อมูล", key_values=[("ผู้จัดทำ", "นายสมชาย"), ("ปี", 2570)]),
        ],
        memo=sample_memo(),
    )
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert len(reader.pages[1].images) == 1
    assert norm("ผู้จัดทำ") in norm(reader.pages[1].extract_text())


def test_thai_digit_page_numbers():
    doc = ThaiDocument(thai_digits=True)
    doc.add_page()
    doc.add_page()
    pages = pdf_pages(doc.to_bytes())
    assert "- ๑ -" in pages[0] and "- ๒ -" in pages[1]


def test_table_cells_of_none_nan_and_missing_columns_print_empty():
    doc = ThaiDocument()
    doc.add_page()
    doc.table(["ก", "ข", "ค"], [[None, float("nan")], ["x", "y", "z"]])
    text = pdf_pages(doc.to_bytes())[0]
    assert "nan" not in text and "None" not in text
    assert "x" in text


def test_line_break_hints_never_split_a_character_cluster():
    text = "เทศบาลเมืองวารินชำราบได้ดำเนินการพัฒนาระบบที่นี่แล้วเสร็จ กองต่าง ๆ ในปีนี้"
    hinted = thai_break_opportunities(text)
    assert hinted.replace("\u200b", "") == text
    for i, ch in enumerate(hinted):
        if ch == "\u200b" and i + 1 < len(hinted):
            assert hinted[i + 1] not in thai_text.ATTACHED
            assert hinted[i - 1] not in thai_text.LEADING_VOWELS
    assert "\u200bระบบ\u200b" in hinted  # a common word is a break anchor
    assert "ต่าง ๆ" in hinted


def test_qr_png_is_a_square_png():
    png = qr_png("https://warin.go.th/pattana/p/42", box_size=4)
    assert png.startswith(PNG_MAGIC)
    with Image.open(io.BytesIO(png)) as im:
        assert im.width == im.height and im.width > 80


def test_chart_png_renders_an_altair_chart_with_thai_text():
    alt = pytest.importorskip("altair")
    import pandas as pd

    df = pd.DataFrame({"สถานะ": ["เสร็จสิ้น", "ดำเนินการ"], "จำนวน": [3, 5]})
    chart = alt.Chart(df).mark_bar().encode(x="จำนวน:Q", y="สถานะ:N").properties(title="จำนวนระบบ")
    try:
        png = chart_png(chart, scale=1)
    except ChartError as exc:  # vl-convert unusable here: the failure must be the clean one
        pytest.skip(str(exc))
    assert png.startswith(PNG_MAGIC)


def test_chart_png_raises_chart_error_on_a_broken_spec():
    with pytest.raises(ChartError):
        chart_png({"mark": "no-such-mark", "data": {"values": []}})


def first_line_x(data: bytes, starts_with: str) -> float:
    """x (pt) where the text line beginning with ``starts_with`` starts on page 1."""
    found: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if norm(text).startswith(norm(starts_with)) and not found:
            found.append(tm[4] * cm[0] + cm[4])

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert found, starts_with
    return found[0]


@pytest.mark.parametrize("thai_digits", [False, True])
def test_memo_paragraphs_indent_their_first_line_by_two_and_a_half_centimetres(thai_digits):
    memo = sample_memo(
        thai_digits=thai_digits, paragraphs=["ตามที่เทศบาลเมืองวารินชำราบได้ดำเนินการ " * 4, "ลำดับที่สอง"]
    )
    data = render_memo(memo)
    left = 30 / 25.4 * 72
    assert first_line_x(data, "เรียน") == pytest.approx(left, abs=1)
    assert first_line_x(data, "ตามที่") == pytest.approx(left + 25 / 25.4 * 72, abs=1)
    assert first_line_x(data, "ลำดับที่สอง") == pytest.approx(left + 25 / 25.4 * 72, abs=1)


def test_thai_words_are_cut_by_the_dictionary_and_codes_stay_whole():
    hinted = thai_break_opportunities("ขออนุมัติโครงการพัฒนาระบบสารสนเทศ เลขที่ DR2570-023 ของจังหวัดตัวอย่าง")
    words = hinted.replace(" ", "\u200b").split("\u200b")
    assert "DR2570-023" in words
    assert {"ขออนุมัติ", "ระบบ", "สารสนเทศ", "จังหวัด"} <= set(words)
    assert hinted.replace("\u200b", "") == "ขออนุมัติโครงการพัฒนาระบบสารสนเทศ เลขที่ DR2570-023 ของจังหวัดตัวอย่าง"


def test_a_town_name_unknown_to_any_list_still_breaks_between_words():
    # no hand-made word list: a name the app never saw is still cut into dictionary words
    assert "\u200b" in thai_break_opportunities("เทศบาลตำบลหนองบัวแดง")
