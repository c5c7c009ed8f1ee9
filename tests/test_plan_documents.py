"""The proposal PDF cites the plan line its proposal carries out (rendered to PNG to be looked at)."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.plan import queries
from core.proposals import pdf as documents
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "plan"


def plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).replace("\u200b", "").replace("\n", "").replace(" ", "")


def to_png(pdf: bytes, name: str) -> Path:
    """Page 1 of ``pdf`` as a PNG under test-artifacts/plan (pdftoppm)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(ARTIFACTS / name),
        ],
        check=True,
        timeout=60,
    )
    return ARTIFACTS / f"{name}.png"


def test_the_proposal_pdf_cites_its_plan_line(demo_db):
    with demo_db.read() as cur:
        proposal_id, line_no = cur.execute(
            "SELECT c.proposal_id, l.line_no FROM plan_citations c JOIN plan_lines l ON l.id = c.line_id"
            " JOIN proposals p ON p.id = c.proposal_id WHERE p.status = 'approved' LIMIT 1"
        ).fetchone()
        sentence = queries.citation_sentence(cur, proposal_id)
        pdf = documents.proposal_pdf(cur, proposal_id, plan_citation=sentence)
    text = plain(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert plain("ความสอดคล้องกับแผนพัฒนาท้องถิ่น") in text
    assert plain(f"โครงการลำดับที่ {line_no}") in text
    assert plain("แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570") in text
    if shutil.which("pdftoppm"):
        assert to_png(pdf, "proposal-cites-plan").stat().st_size > 10_000


def test_a_proposal_not_in_the_plan_says_so_in_its_pdf(demo_db):
    with demo_db.read() as cur:
        proposal_id = cur.execute(
            "SELECT proposal_id FROM plan_citations WHERE status = 'not_in_plan' LIMIT 1"
        ).fetchone()[0]
        pdf = documents.proposal_pdf(
            cur, proposal_id, plan_citation=queries.citation_sentence(cur, proposal_id)
        )
    text = plain(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert plain("ไม่อยู่ในแผน ต้องเพิ่มเติม/เปลี่ยนแปลงแผนพัฒนาท้องถิ่น") in text


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("satisfaction", "ร้อยละความพึงพอใจรวม"),
        ("eservices", "https://www.warinchamrap.go.th/e-queue"),
        ("service_stats", "จำนวนเรื่องรายเดือน"),
        ("followup", "ผลการดำเนินงานตามแผน"),
    ],
)
def test_the_evidence_documents_of_fy_2569_are_made_from_pattanas_data(demo_db, kind, expected):
    from datetime import date

    from core.assessments import pdf as evidence_documents
    from core.assessments import queries as evidence_queries

    with demo_db.read() as cur:
        ev = evidence_queries.evidence(cur, kind, 2569, "12m", date(2026, 11, 24))
    pdf = evidence_documents.evidence_pdf(ev, f"หลักฐาน {kind}", "O99")
    reader = PdfReader(io.BytesIO(pdf))
    text = plain("".join(page.extract_text() for page in reader.pages))
    assert plain(expected) in text
    assert plain("ข้อมูลตั้งแต่วันที่ 1 ตุลาคม 2568 ถึงวันที่ 30 กันยายน 2569") in text
    if kind == "eservices":
        assert any("/XObject" in str(page.get("/Resources", {})) for page in reader.pages)  # the QR codes
    if shutil.which("pdftoppm"):
        assert to_png(pdf, f"evidence-{kind}").stat().st_size > 10_000
