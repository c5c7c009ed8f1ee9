"""The documents a Thai officer signs, checked the way a reader would: each one is rendered to PNG
(test-artifacts/documents, to be looked at) and its text positions are read back from the PDF:
A4 pages, the memo's official measurements (Garuda 1.5 cm at the top left, บันทึกข้อความ 29 pt,
labels 20 pt, body 16 pt, margins 3 cm left and 2 cm right), no line starting with a Thai
combining mark, no code split across lines; the memo's running number ("ที่") per fiscal year."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.actor import Actor
from core.kpi import report
from core.organisation import profile as org_profile
from core.organisation.profile import Profile, Signatory
from core.pdf import ReportSection, render_table_report
from core.proposals import pdf as proposal_docs
from core.proposals import services as proposal_services
from core.reviews import pdf as certificates
from core.stages import pdf as stage_docs
from core.surveys import outputs, queries, services
from tests.conftest import FIXED_NOW, ROOT, actor_of

ARTIFACTS = ROOT / "test-artifacts" / "documents"
PT_PER_MM = 72 / 25.4
A4 = (595.28, 841.89)
LEFT = 30 * PT_PER_MM  # 3 cm
RIGHT_EDGE = A4[0] - 20 * PT_PER_MM  # 2 cm from the right
# Thai marks that belong to the letter before them: no line may start with one.
COMBINING = {"\u0e31", *map(chr, range(0x0E34, 0x0E3B)), *map(chr, range(0x0E47, 0x0E4F))}
CODE = re.compile(r"[A-Z]{2}\d{4}-\d{2,5}")
ADMIN = Actor(user_id=0, username="admin", full_name="ผู้ดูแลระบบ", roles=frozenset({"admin"}))


@dataclass
class Run:
    """One piece of text as drawn: where it starts (points from the bottom left) and its size."""

    text: str
    x: float
    y: float
    size: float
    font: str
    page: int


def plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).replace("\u200b", "")


def runs_of(pdf: bytes) -> list[Run]:
    out: list[Run] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):

        def visit(text, cm, tm, font_dict, font_size, number=number):
            if text.strip(" \u200b\n"):
                font = str((font_dict or {}).get("/BaseFont", ""))
                out.append(Run(text, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], font_size, font, number))

        page.extract_text(visitor_text=visit)
    return out


def right_edges(pdf: bytes, path: Path) -> list[float]:
    """The right end (points) of every word as poppler measures it (pdftotext -bbox)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return [float(x) for x in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', html)]


def to_png(pdf: bytes, name: str) -> Path:
    """Every page of ``pdf`` as PNGs ``name-1.png`` ... under test-artifacts/documents (pdftoppm)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(source), str(ARTIFACTS / name)], check=True, timeout=120
    )
    pngs = sorted(ARTIFACTS.glob(f"{name}-*.png"))
    assert pngs and all(p.stat().st_size > 5_000 for p in pngs)
    return pngs[0]


def check_layout(pdf: bytes, name: str) -> list[Run]:
    """What every document must hold to: A4, text inside 3 cm left / 2 cm right, no line starting
    with a combining mark, no code cut in two. Returns the text runs."""
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) in {(595.3, 841.9), (841.9, 595.3)}
    runs = runs_of(pdf)
    assert runs
    portrait = float(reader.pages[0].mediabox.width) < 600
    for run in runs:
        first = plain(run.text).lstrip(" \n")[:1]
        assert first not in COMBINING, f"{name}: a line starts with a combining mark: {run.text!r}"
        if portrait:
            assert run.x >= LEFT - 0.5, f"{name}: text left of the 3 cm margin: {run.text!r} at {run.x:.1f}"
    if portrait:
        edges = right_edges(pdf, ARTIFACTS / f"{name}.pdf")
        assert max(edges) <= RIGHT_EDGE + 1.0, (
            f"{name}: text within 2 cm of the right edge ({max(edges):.1f})"
        )
    glued = "".join(plain(r.text) for r in runs)
    apart = "\n".join(plain(r.text) for r in runs)
    assert set(CODE.findall(glued)) <= set(CODE.findall(apart)), f"{name}: a code is split across lines"
    to_png(pdf, name)
    return runs


def text_of(runs: list[Run]) -> str:
    return "".join(plain(r.text) for r in runs).replace(" ", "")


def has(runs: list[Run], words: str) -> bool:
    return plain(words).replace(" ", "") in text_of(runs)


@pytest.fixture(autouse=True)
def _need_poppler():
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils (pdftoppm, pdftotext) not installed")


def _garuda_png() -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (200, 220), "white")
    ImageDraw.Draw(im).ellipse((10, 10, 190, 210), fill=(150, 20, 20))
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _emblem_boxes(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """(width, height, x, y) in points of every picture drawn on page 1 (``w 0 0 h x y cm /I``)."""
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    found = re.findall(r"([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm\s*/I", content)
    return [tuple(float(v) for v in f) for f in found]


def _approved_proposal(cur) -> tuple[int, str]:
    return cur.execute(
        "SELECT id, code FROM proposals WHERE status = 'approved' ORDER BY id DESC LIMIT 1"
    ).fetchone()


# -- the memo ------------------------------------------------------------------------------------
def test_the_approval_memo_matches_the_official_measurements_and_carries_the_executives_order(demo_db):
    org_profile.set_emblem(demo_db, ADMIN, FIXED_NOW, "garuda.png", _garuda_png())
    director = actor_of(demo_db, "director")
    with demo_db.read() as cur:
        pid, code = _approved_proposal(cur)
        executive = cur.execute(
            "SELECT u.full_name, u.position, e.at_time FROM proposal_events e JOIN users u ON u.username = e.actor"
            " WHERE e.proposal_id = ? AND e.action = 'approve' ORDER BY e.at_time DESC LIMIT 1",
            [pid],
        ).fetchone()
    pdf = proposal_services.download_approval_memo(demo_db, director, FIXED_NOW, pid)
    runs = check_layout(pdf, "memo-approved")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1

    title = next(r for r in runs if plain(r.text).strip() == plain("บันทึกข้อความ"))
    assert title.size == 29 and "Bold" in title.font and title.page == 1
    for label in ("ส่วนราชการ", "ที่", "วันที่", "เรื่อง"):
        run = next(r for r in runs if plain(r.text).strip() == label)
        assert run.size == 20 and "Bold" in run.font, label
    body = [r for r in runs if r.size == 16 and "Bold" not in r.font]
    assert len(body) > 10  # the body in 16 pt regular
    labels_x = {round(r.x, 1) for r in runs if plain(r.text).strip() in ("ส่วนราชการ", "ที่", "เรื่อง")}
    assert labels_x == {round(LEFT, 1)}  # the labels start exactly 3 cm from the left edge

    (w, h, x, y), *_ = _emblem_boxes(pdf)
    assert h == pytest.approx(15 * PT_PER_MM, abs=0.2)  # 1.5 cm high
    assert x == pytest.approx(LEFT, abs=0.2) and y + h == pytest.approx(A4[1] - 25 * PT_PER_MM, abs=0.5)

    assert has(runs, "ที่ อบ 52705/1")  # the year's first number, after the profile's prefix
    with demo_db.read() as cur:
        proposed_at = cur.execute("SELECT proposed_at FROM proposals WHERE id = ?", [pid]).fetchone()[0]
    from core.thaidate import format_date

    assert has(runs, f"วันที่ {format_date(proposed_at, 'th', 'long')}")  # dated when it went up
    assert proposed_at <= executive[2]  # never dated after the order written on it
    assert has(runs, "อนุมัติ") and has(runs, f"({executive[0]})") and has(runs, executive[1])
    assert has(runs, format_date(executive[2], "th", "long"))  # the day of the decision, B.E.
    decision = next(r for r in runs if plain(r.text).strip() == "อนุมัติ")
    signer = next(r for r in runs if plain(r.text).startswith(plain("(นางสาว")))
    assert (decision.page, -decision.y) > (signer.page, -signer.y)  # under the proposer's signature
    assert decision.page == 1 and decision.x < A4[0] / 2  # in the left half, on the memo's page


def test_a_memo_without_an_emblem_keeps_its_space_and_prints_the_acting_line(db):
    from core.pdf import Memo, render_memo

    memo = Memo(
        unit="กองยุทธศาสตร์และงบประมาณ เทศบาลตำบลหนองบัวแดง",
        phone="0 4487 1111",
        reference_no="ชย 73901/12",
        date=date(2026, 11, 24),
        subject="ขออนุมัติโครงการพัฒนาระบบบริการอิเล็กทรอนิกส์ตามคำร้องเลขที่DR2570-023ของกองคลัง",
        addressee="นายกเทศมนตรีตำบลหนองบัวแดง",
        paragraphs=[
            "ตามที่กองคลังได้แจ้งความต้องการระบบบริการอิเล็กทรอนิกส์ผ่านเคาน์เตอร์บริการ ตามคำร้องเลขที่"
            "DR2570-023 และแจ้งปัญหาเลขที่TK2569-00001 ประกอบกับข้อเสนอโครงการเลขที่PR2570-019 นั้น"
            " เพื่อเพิ่มความพึงพอใจของประชาชนผู้มาติดต่อราชการ" * 3,
            "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
        ],
        signer_name="นายสมชาย ใจดี",
        signer_position=["นักวิเคราะห์นโยบายและแผนชำนาญการ", "รักษาราชการแทนผู้อำนวยการกองยุทธศาสตร์และงบประมาณ"],
    )
    pdf = render_memo(memo)
    runs = check_layout(pdf, "memo-acting-no-emblem")
    assert _emblem_boxes(pdf) == []
    title = next(r for r in runs if plain(r.text).strip() == plain("บันทึกข้อความ"))
    # the heading sits on the emblem's band: its baseline near the bottom of the 1.5 cm space
    assert A4[1] - 25 * PT_PER_MM - 15 * PT_PER_MM < title.y < A4[1] - 25 * PT_PER_MM
    assert has(runs, "รักษาราชการแทนผู้อำนวยการกองยุทธศาสตร์และงบประมาณ")
    for code in ("DR2570-023", "TK2569-00001", "PR2570-019"):
        assert any(code in plain(r.text) for r in runs), code


# -- the running number ----------------------------------------------------------------------------
def _numbered_town(db) -> None:
    org_profile.save_profile(
        db,
        ADMIN,
        FIXED_NOW,
        Profile(
            name_th="เทศบาลตำบลหนองบัวแดง",
            kind="subdistrict",
            province="ชัยภูมิ",
            issuing_unit="กองยุทธศาสตร์และงบประมาณ",
            memo_prefix="ชย 73901",
            addressee="นายกเทศมนตรีตำบลหนองบัวแดง",
            signatories={"unit_head": Signatory("นายสมชาย ใจดี", "ผู้อำนวยการกอง")},
        ),
    )


def test_the_running_number_counts_on_within_a_fiscal_year_and_starts_again_on_the_first_of_october(db):
    _numbered_town(db)
    issue = org_profile.issue_memo_number
    late_september = datetime(2026, 9, 30, 16, 29)  # last day of ปีงบประมาณ 2569
    assert issue(db, ADMIN, late_september, "letter", "A") == "ชย 73901/1"
    assert issue(db, ADMIN, late_september, "letter", "B") == "ชย 73901/2"
    first_october = datetime(2026, 10, 1, 8, 30)  # ปีงบประมาณ 2570 begins
    assert issue(db, ADMIN, first_october, "letter", "C") == "ชย 73901/1"
    assert issue(db, ADMIN, first_october, "letter", "D") == "ชย 73901/2"
    assert issue(db, ADMIN, first_october, "letter", "A") == "ชย 73901/1"  # A keeps its 2569 number
    with db.read() as cur:
        issued = cur.execute(
            "SELECT entity_id, detail_json FROM audit_log WHERE action = 'org.memo_number.issue' ORDER BY id"
        ).fetchall()
    assert [e for e, _ in issued] == ["A", "B", "C", "D"]  # each issue audited once


def test_downloading_the_approval_memo_again_keeps_its_number_and_its_date(demo_db):
    director = actor_of(demo_db, "director")
    with demo_db.read() as cur:
        first_id, _ = _approved_proposal(cur)
        other_id = cur.execute(
            "SELECT id FROM proposals WHERE status = 'approved' AND id <> ? LIMIT 1", [first_id]
        ).fetchone()[0]
    first = proposal_services.download_approval_memo(demo_db, director, FIXED_NOW, first_id)
    second = proposal_services.download_approval_memo(demo_db, director, FIXED_NOW, other_id)
    again = proposal_services.download_approval_memo(demo_db, director, datetime(2026, 12, 3, 9, 0), first_id)
    assert has(runs_of(first), "ที่ อบ 52705/1") and has(runs_of(second), "ที่ อบ 52705/2")
    assert has(runs_of(again), "ที่ อบ 52705/1")
    assert _memo_day(first) == _memo_day(again)  # the same date on every download
    with demo_db.read() as cur:
        issued = cur.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'org.memo_number.issue' AND entity = ?",
            [proposal_docs.MEMO_KIND],
        ).fetchone()[0]
    assert issued == 2


def _memo_day(pdf: bytes) -> str:
    runs = runs_of(pdf)
    label = next(i for i, r in enumerate(runs) if plain(r.text).strip() == "วันที่")
    return plain(runs[label + 1].text).strip()


def test_a_memo_not_yet_proposed_is_dated_the_day_its_number_is_issued_and_keeps_that_date(demo_db):
    officer = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        row = cur.execute("SELECT id FROM proposals WHERE proposed_at IS NULL ORDER BY id LIMIT 1").fetchone()
    if row is None:
        pytest.skip("the demo has no proposal still being written")
    first = proposal_services.download_approval_memo(demo_db, officer, FIXED_NOW, row[0])
    later = proposal_services.download_approval_memo(demo_db, officer, datetime(2026, 12, 3, 9, 0), row[0])
    assert _memo_day(first) == _memo_day(later) == "24 พฤศจิกายน 2569"
    assert not [r for r in runs_of(first) if plain(r.text).strip() == "อนุมัติ"]  # no order yet


# -- the executive report --------------------------------------------------------------------------
def test_the_report_memo_is_numbered_and_prints_no_placeholder_for_unrecorded_problems(demo_db):
    head = actor_of(demo_db, "ithead")
    fy = 2570
    with demo_db.read() as cur:
        assert report.repository.latest_obstacles(cur, fy) is None
    files = report.produce(demo_db, head, FIXED_NOW, fy)
    runs = check_layout(files.pdf, "report-memo")
    assert has(runs, "ที่ อบ 52705/1")
    assert not has(runs, "ยังไม่ได้บันทึก")
    assert not has(runs, "ปัญหาและอุปสรรค")  # no section made of a placeholder
    title = next(r for r in runs if plain(r.text).strip() == plain("บันทึกข้อความ"))
    assert title.size == 29 and title.page == 1
    again = report.produce(demo_db, head, FIXED_NOW, fy)
    assert has(runs_of(again.pdf), "ที่ อบ 52705/1")  # the year's report keeps its number
    report.services.save_obstacles(demo_db, head, FIXED_NOW, fy, "เครื่องแม่ข่ายเก่า ควรจัดซื้อทดแทน")
    recorded = runs_of(report.produce(demo_db, head, FIXED_NOW, fy).pdf)
    assert has(recorded, "ปัญหาและอุปสรรค") and has(recorded, "เครื่องแม่ข่ายเก่า")


# -- the other documents ---------------------------------------------------------------------------
def test_the_proposal_pdf_keeps_words_and_codes_whole(demo_db):
    with demo_db.read() as cur:
        pid, code = _approved_proposal(cur)
        pdf = proposal_docs.proposal_pdf(cur, pid)
    runs = check_layout(pdf, "proposal")
    assert any(code in plain(r.text) for r in runs)


def test_the_certificate_names_the_officer_by_full_name(demo_db):
    with demo_db.read() as cur:
        round_id, by = cur.execute(
            "SELECT id, created_by FROM review_rounds WHERE status = 'passed' ORDER BY id LIMIT 1"
        ).fetchone()
        full_name = cur.execute("SELECT full_name FROM users WHERE username = ?", [by]).fetchone()[0]
        pdf = certificates.certificate_pdf(cur, round_id)
    runs = check_layout(pdf, "certificate")
    assert has(runs, f"โดย {full_name}")
    assert not re.search(rf"โดย\s*{re.escape(by)}\b", " ".join(plain(r.text) for r in runs))


def test_the_launch_letter_is_an_official_memo(demo_db):
    with demo_db.read() as cur:
        project_id = cur.execute(
            "SELECT project_id FROM launch_letters ORDER BY project_id LIMIT 1"
        ).fetchone()
        if project_id is None:
            pytest.skip("the demo has no launch letter")
        pdf = stage_docs.launch_letter_pdf(cur, project_id[0])
    runs = check_layout(pdf, "launch-letter")
    assert next(r for r in runs if plain(r.text).strip() == plain("บันทึกข้อความ")).size == 29


def test_the_survey_report_and_poster_break_thai_between_words(demo_db):
    with demo_db.read() as cur:
        code = cur.execute(
            "SELECT s.code FROM surveys s JOIN survey_responses r ON r.survey_id = s.id"
            " GROUP BY s.code ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        survey = queries.get_survey_by_code(cur, code)
        result = services.survey_report(cur, survey["id"])
        town = org_profile.get_profile(cur).name_th
    pdf = outputs.report_pdf(survey, result.results, result.suggestions, printed=FIXED_NOW.date())
    check_layout(pdf, "survey-report")
    url = outputs.public_url("https://survey.example.go.th", code)
    poster = outputs.poster_pdf(survey, url, "th", town)
    runs = check_layout(poster, "survey-poster")
    assert has(runs, town) and any(url in plain(r.text) for r in runs)


def test_table_headers_and_cells_break_between_thai_words_and_keep_codes_whole():
    columns = ["ที่", "ความพึงพอใจต่อการให้บริการ", "เคาน์เตอร์บริการอิเล็กทรอนิกส์", "เลขที่คำร้อง", "หมายเหตุ"]
    rows = [
        [i, "พึงพอใจมากที่สุด", "บริการอิเล็กทรอนิกส์ผ่านเคาน์เตอร์", f"DR2570-0{i:02d}", "ตามคำร้องTK2569-00001"]
        for i in range(1, 30)
    ]
    pdf = render_table_report(
        "รายงานความพึงพอใจต่อการให้บริการอิเล็กทรอนิกส์",
        ["ปีงบประมาณ 2570"],
        [ReportSection("ผลการสำรวจ", table_columns=columns, table_rows=rows, col_widths=[0.4, 1, 1, 0.9, 1])],
    )
    runs = check_layout(pdf, "table-headers")
    words = {plain(r.text).strip(" \u200b") for r in runs}
    for broken in ("ความพึงพ", "อใจ", "เคาน์", "เตอร์", "อิเล็กทรอนิ", "กส์"):
        assert broken not in words, broken


# -- file names -----------------------------------------------------------------------------------
def test_download_names_say_what_the_document_is_its_code_and_the_buddhist_era_date():
    on = date(2026, 11, 24)
    assert proposal_docs.memo_file_name("PR2570-019", on) == "บันทึกขออนุมัติ-PR2570-019-2569-11-24.pdf"
    assert proposal_docs.proposal_file_name("PR2570-019", on) == "โครงการ-PR2570-019-2569-11-24.pdf"
    assert report.file_name(2570, on) == "รายงานผู้บริหาร-ปีงบประมาณ2570-2569-11-24.pdf"
    assert report.file_name(2570, on, "xlsx").endswith("-2569-11-24.xlsx")
    assert (
        certificates.certificate_file_name("PJ2570-003", 7, on) == "ใบรับรองขั้นตอนที่7-PJ2570-003-2569-11-24.pdf"
    )
    assert stage_docs.launch_file_name("PJ2570-003", on) == "หนังสือแจ้งเปิดใช้งาน-PJ2570-003-2569-11-24.pdf"
    assert outputs.file_name("poster", "SV2570-001", on, "png") == "โปสเตอร์แบบสำรวจ-SV2570-001-2569-11-24.png"
    from core.pdf.names import document_file_name

    assert document_file_name("บันทึก", 'A/B:"C"', on) == "บันทึก-A-B-C-2569-11-24.pdf"  # nothing a disk refuses


# -- the QR poster's address ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "base, problem",
    [
        ("", "surveys.base_url_missing"),
        ("http://localhost:8620", "surveys.base_url_local"),
        ("http://127.0.0.1:8501", "surveys.base_url_local"),
        ("pattana.example.go.th", "surveys.base_url_invalid"),
        ("https://pattana.nongbuadaeng.go.th", None),
    ],
)
def test_a_poster_points_only_at_a_public_address(base, problem):
    assert outputs.poster_address_problem(base) == problem


def test_the_poster_tab_asks_for_the_towns_public_address_instead_of_printing_this_machines(signed_in):
    from core.i18n import t
    from tests.conftest import goto, open_tab

    at = signed_in("itofficer")
    goto(at, "surveys")
    open_tab(at, "surveys_tab", t("surveys.tab.posters", "th"))
    assert not at.exception
    warnings = [w.body for w in at.warning]
    assert any("ยังไม่ได้กำหนดที่อยู่เว็บสาธารณะ" in w and "ข้อมูลองค์กร" in w for w in warnings), warnings
    assert not [c for c in at.code if "localhost" in c.value]
    box = next(t for t in at.text_input if t.label == "ที่อยู่เว็บของระบบ (สำหรับ QR code)")
    box.input("https://pattana.warin.go.th").run()
    assert not at.exception
    assert any(c.value.startswith("https://pattana.warin.go.th/survey_public?code=") for c in at.code)


def test_the_towns_own_name_never_breaks_in_two_once_the_profile_is_read(db):
    from core.pdf import thai_break_opportunities

    _numbered_town(db)
    with db.read() as cur:
        org_profile.get_profile(cur)
    broken = thai_break_opportunities("เรียน นายกเทศมนตรีตำบลหนองบัวแดง จังหวัดชัยภูมิ")
    assert "หนองบัวแดง" in broken and "ชัยภูมิ" in broken  # no break opportunity inside either
    assert "\u200b" in broken  # while the other words still break between them


def test_the_poster_picture_wraps_its_thai_title_between_words(demo_db):
    from PIL import Image, ImageDraw, ImageFont

    from core.pdf import FONT_DIR

    font = ImageFont.truetype(str(FONT_DIR / "Sarabun-Bold.ttf"), 40)
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    title = "แบบสำรวจความพึงพอใจต่อการให้บริการอิเล็กทรอนิกส์ผ่านเคาน์เตอร์บริการ ตามคำร้องDR2570-023"
    lines = outputs._wrap(draw, title, font, 300)
    assert len(lines) > 2 and "".join(lines).replace(" ", "") == title.replace(" ", "")
    for line in lines:
        assert line[:1] not in COMBINING, line
    assert any("DR2570-023" in line for line in lines)
    for word in ("ความพึงพอใจ", "อิเล็กทรอนิกส์", "เคาน์เตอร์"):
        assert any(word in line for line in lines), word
    with demo_db.read() as cur:
        survey = queries.get_survey_by_code(
            cur, cur.execute("SELECT code FROM surveys WHERE audience = 'citizens' LIMIT 1").fetchone()[0]
        )
        town = org_profile.get_profile(cur).name_th
    png = outputs.poster_png(
        survey, outputs.public_url("https://pattana.warin.go.th", survey["code"]), "th", town
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "survey-poster-picture.png").write_bytes(png)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
