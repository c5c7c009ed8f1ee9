"""Excel out and uploaded tables in."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.spreadsheets import (
    SpreadsheetError,
    display_width,
    read_table,
    sanitize_sheet_name,
    workbook_bytes,
)


def load(data: bytes):
    return load_workbook(io.BytesIO(data))


def projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ชื่อโครงการ": ["ระบบสารบรรณอิเล็กทรอนิกส์", "ระบบลงเวลาที่นี่"],
            "งบประมาณ": [150000.0, 25000.5],
            "จำนวนผู้ใช้": [120, 35],
            "วันที่เริ่ม": [date(2026, 10, 1), date(2026, 11, 24)],
            "ปรับปรุงล่าสุด": pd.to_datetime(["2026-11-24 09:05", None]),
        }
    )


def test_a_workbook_round_trips_through_openpyxl_with_values_intact():
    wb = load(workbook_bytes({"โครงการ": projects()}))
    ws = wb["โครงการ"]
    assert [c.value for c in ws[1]] == list(projects().columns)
    assert ws["A2"].value == "ระบบสารบรรณอิเล็กทรอนิกส์"
    assert ws["B3"].value == 25000.5
    assert ws["C2"].value == 120
    assert ws["E3"].value is None  # NaT


def test_the_header_row_is_bold_filled_and_frozen():
    ws = load(workbook_bytes({"p": projects()}))["p"]
    assert all(c.font.bold for c in ws[1])
    assert ws["A1"].fill.fgColor.rgb.endswith("DCE6F0")
    assert ws.freeze_panes == "A2"


def test_dates_are_real_dates_with_a_date_format():
    ws = load(workbook_bytes({"p": projects()}))["p"]
    assert ws["D3"].is_date and ws["D3"].value == datetime(2026, 11, 24)
    assert ws["D3"].number_format == "dd/mm/yyyy"
    assert ws["E2"].value == datetime(2026, 11, 24, 9, 5)
    assert "hh:mm" in ws["E2"].number_format


def test_column_widths_fit_thai_text_without_counting_its_marks():
    ws = load(workbook_bytes({"p": projects()}))["p"]
    thai = "ระบบสารบรรณอิเล็กทรอนิกส์"
    assert display_width(thai) < len(thai)
    assert ws.column_dimensions["A"].width == pytest.approx(display_width(thai) + 2)
    assert ws.column_dimensions["C"].width >= 8


@pytest.mark.parametrize(
    "text",
    ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", '=HYPERLINK("http://evil.example","คลิก")', "\t=1"],
)
def test_text_that_looks_like_a_formula_is_stored_as_text(text):
    data = workbook_bytes({"s": pd.DataFrame({"ข้อความ": [text]})}, title=text, notes={"s": [text]})
    assert b"<f>" not in data and b"<f " not in data  # no formula anywhere in the file
    ws = load(data)["s"]
    cell = ws["A4"]  # title row, blank row, header row, then the value
    assert cell.value == text and cell.data_type == "s"
    assert cell.quotePrefix
    assert ws["A1"].data_type == "s"


def test_negative_numbers_stay_numbers():
    ws = load(workbook_bytes({"s": pd.DataFrame({"x": [-5, -2.5]})}))["s"]
    assert ws["A2"].value == -5 and ws["A2"].data_type == "n"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("งบประมาณ/2570", "งบประมาณ_2570"),
        ("a[b]c:d*e?f\\g", "a_b_c_d_e_f_g"),
        ("'quoted'", "quoted"),
        ("", "Sheet"),
        ("ก" * 40, "ก" * 31),
        ("History", "History (2)"),
    ],
)
def test_sheet_names_are_sanitised(name, expected):
    assert sanitize_sheet_name(name) == expected


def test_sheet_names_are_made_unique_within_31_characters():
    long = "รายงานสรุปผลการดำเนินงานประจำปีงบประมาณ"
    wb = load(workbook_bytes({long: projects(), long + "x": projects(), "A": projects(), "a": projects()}))
    names = wb.sheetnames
    assert len(names) == len({n.lower() for n in names}) == 4
    assert all(len(n) <= 31 for n in names)
    assert names[1].endswith("(2)") and names[3] == "a (2)"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=50))
def test_any_sheet_name_becomes_a_legal_one(name):
    out = sanitize_sheet_name(name, {"Sheet"})
    assert 1 <= len(out) <= 31
    assert not set(out) & set("[]:*?/\\")
    assert not out.startswith("'") and not out.endswith("'")
    assert out.lower() != "sheet"


def test_title_and_notes_go_above_and_below_the_table():
    data = workbook_bytes(
        {"p": projects()},
        title="รายงานโครงการ",
        notes={"p": ["หมายเหตุ: งบประมาณ = รวมทุกหมวด", "ที่มา: กองคลัง"]},
    )
    ws = load(data)["p"]
    assert ws["A1"].value == "รายงานโครงการ" and ws["A1"].font.bold
    assert ws["A3"].value == "ชื่อโครงการ" and ws.freeze_panes == "A4"
    assert ws["A6"].value is None
    assert ws["A7"].value == "หมายเหตุ: งบประมาณ = รวมทุกหมวด"
    assert ws["A8"].value == "ที่มา: กองคลัง"
    above = load(workbook_bytes({"p": projects()}, notes={"p": ["บรรทัดบน"]}, notes_position="above"))["p"]
    assert above["A1"].value == "บรรทัดบน" and above["A3"].value == "ชื่อโครงการ"


def test_an_empty_dataframe_still_gives_a_sheet_with_its_header():
    ws = load(workbook_bytes({"ว่าง": pd.DataFrame(columns=["ก", "ข"])}))["ว่าง"]
    assert [c.value for c in ws[1]] == ["ก", "ข"]


# ------------------------------------------------------------------ reading
THAI_CSV = "ชื่อ,จำนวน,หมายเหตุ\nระบบที่นี่,12,สิ่งของ\nเครื่องแม่ข่าย,3,\n"


def test_read_table_reads_utf8_csv_with_a_bom():
    df = read_table("\ufeff".encode() + THAI_CSV.encode("utf-8"), "data.csv")
    assert list(df.columns) == ["ชื่อ", "จำนวน", "หมายเหตุ"]
    assert df.iloc[0].tolist() == ["ระบบที่นี่", "12", "สิ่งของ"]
    assert df.iloc[1, 2] == ""


def test_read_table_reads_utf8_csv_without_a_bom():
    df = read_table(THAI_CSV.encode("utf-8"), "DATA.CSV")
    assert df.columns[0] == "ชื่อ" and len(df) == 2


def test_read_table_falls_back_to_cp874_thai_csv():
    df = read_table(THAI_CSV.encode("cp874"), "tis620.csv")
    assert df.iloc[1, 0] == "เครื่องแม่ข่าย"


def test_read_table_keeps_every_column_as_text():
    df = read_table(b"code,amount\n007,1.50\n010,2\n", "a.csv")
    assert df["code"].tolist() == ["007", "010"]
    assert df["amount"].tolist() == ["1.50", "2"]
    assert all(isinstance(v, str) for v in df.to_numpy().ravel())


def test_read_table_reads_xlsx_as_text():
    data = workbook_bytes({"p": projects()})
    df = read_table(data, "p.xlsx")
    assert list(df.columns) == list(projects().columns)
    assert df.iloc[0].tolist() == [
        "ระบบสารบรรณอิเล็กทรอนิกส์",
        "150000",
        "120",
        "2026-10-01",
        "2026-11-24 09:05:00",
    ]
    assert df.iloc[1, 4] == ""


def test_read_table_reads_what_workbook_bytes_wrote_even_formula_like_text():
    data = workbook_bytes({"s": pd.DataFrame({"a": ["=1+2", "ปกติ"]})})
    assert read_table(data, "s.xlsx")["a"].tolist() == ["=1+2", "ปกติ"]


@pytest.mark.parametrize("filename", ["a.xls", "a.txt", "a.pdf", "noextension", "a.csv.exe"])
def test_read_table_rejects_other_file_types(filename):
    with pytest.raises(SpreadsheetError) as err:
        read_table(b"a,b\n1,2\n", filename)
    assert err.value.code == "unsupported_type"
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize(
    "data, filename",
    [
        (b"this is not a zip", "a.xlsx"),
        (b"PK\x03\x04broken", "a.xlsx"),
        (bytes([0xFF, 0xFE, 0xFD, 0x81, 0x90]) * 5, "a.csv"),  # not UTF-8, and 0xFC+ not cp874
    ],
)
def test_read_table_calls_broken_files_unreadable(data, filename):
    with pytest.raises(SpreadsheetError) as err:
        read_table(data, filename)
    assert err.value.code == "unreadable"


@pytest.mark.parametrize(
    "data, filename",
    [
        (b"", "a.csv"),
        (b"\n\n  \n", "a.csv"),
        ("\ufeff".encode(), "a.csv"),
        (b",,\n,,\n", "a.csv"),
        (b"only,header\n", "a.csv"),
    ],
)
def test_read_table_calls_tables_without_data_empty(data, filename):
    with pytest.raises(SpreadsheetError) as err:
        read_table(data, filename)
    assert err.value.code == "empty"


def test_read_table_calls_an_empty_workbook_empty():
    data = workbook_bytes({"ว่าง": pd.DataFrame(columns=["ก"])})
    with pytest.raises(SpreadsheetError) as err:
        read_table(data, "x.xlsx")
    assert err.value.code == "empty"
