"""Demo evidence: the item numbers of the last two years, links of the e-services, the FY before
the current one published for both rounds (one item republished, so a replaced version is
listed), and the LPA records of that year."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

import duckdb

from core.assessments import pdf as documents
from core.assessments import queries, rules
from core.assessments import repository as repo
from core.thaidate import ce_year

LINKS = {
    "EPETITION": "https://www.warinchamrap.go.th/e-petition",
    "ETAX": "https://www.warinchamrap.go.th/e-tax",
    "EQUEUE": "https://www.warinchamrap.go.th/e-queue",
    "EBUILD": "https://www.warinchamrap.go.th/e-building",
    "COMPLAINT": "https://www.warinchamrap.go.th/complaint",
    "ELDERLY": "https://www.warinchamrap.go.th/elderly",
}


def _publish(cur, fiscal_year: int, round_: str, item: dict, at: datetime, version: int) -> int:
    evidence = queries.evidence(cur, item["doc_kind"], fiscal_year, round_, at.date(), "th")
    content = documents.evidence_pdf(evidence, item["title"], item["item_code"])
    return repo.insert_publication(
        cur,
        fiscal_year=fiscal_year,
        round=round_,
        item_code=item["item_code"],
        doc_kind=item["doc_kind"],
        title=item["title"],
        version=version,
        filename=rules.file_name(fiscal_year, round_, item["item_code"], version),
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        status="published",
        published_by="ithead",
        published_at=at,
    )


def seed(cur: duckdb.DuckDBPyConnection, ctx) -> None:
    year = ctx.fiscal_years[-1] - 1  # the last full fiscal year
    for fy in ctx.fiscal_years:
        repo.replace_items(cur, fy, rules.DEFAULT_ITEMS, "ithead", ctx.now)
    for code, url in LINKS.items():
        if code in ctx.systems:
            repo.set_link(cur, ctx.systems[code], url, "ithead", ctx.now)
    items, _ = queries.items_of_year(cur, year)
    six = [i for i in items if i["item_code"] in ("O12", "O16", "O17")]
    twelve = [i for i in items if i["item_code"] != "O12"]
    at6 = datetime.combine(date(ce_year(year), 4, 10), time(10, 0))
    at12 = datetime.combine(date(ce_year(year), 10, 15), time(10, 0))
    for item in six:
        if at6 < ctx.now:
            _publish(cur, year, "6m", item, at6, 1)
    for item in twelve:
        if at12 < ctx.now:
            _publish(cur, year, "12m", item, at12, 1)
    # the 12-month satisfaction report republished after late answers were imported
    first = repo.current_publication(cur, year, "12m", "O17")
    later = datetime.combine(date(ce_year(year), 10, 22), time(14, 0))
    if first and later < ctx.now:
        new_id = _publish(cur, year, "12m", next(i for i in twelve if i["item_code"] == "O17"), later, 2)
        repo.mark_replaced(cur, first["id"], new_id)
    for kind, on, text, detail in [
        (
            "presented",
            date(ce_year(year), 4, 20),
            "เสนอผลการสำรวจรอบ 6 เดือนต่อปลัดเทศบาล (บันทึกข้อความ วช 0112/2569)",
            "",
        ),
        (
            "presented",
            date(ce_year(year), 10, 20),
            "เสนอผลการสำรวจรอบ 12 เดือนต่อปลัดเทศบาล (บันทึกข้อความ วช 0241/2569)",
            "",
        ),
        (
            "improvement",
            date(ce_year(year), 5, 15),
            "เพิ่มช่องทางชำระภาษีด้วย QR code พร้อมเพย์ที่จุดบริการ",
            "ผู้รับบริการเสนอให้ชำระเงินได้โดยไม่ต้องใช้เงินสด",
        ),
        ("improvement", date(ce_year(year), 7, 1), "จัดที่นั่งรอและบัตรคิวที่งานทะเบียนราษฎร", "รอคิวนาน ไม่มีที่นั่ง"),
        ("smart_card", date(ce_year(year) - 1, 11, 1), "งานทะเบียนราษฎร: อ่านบัตรประชาชนเพื่อกรอกคำร้องอัตโนมัติ", ""),
    ]:
        if datetime.combine(on, time(9)) < ctx.now:
            repo.insert_lpa(
                cur,
                fiscal_year=year,
                kind=kind,
                on_date=on,
                text=text,
                detail=detail,
                actor="ithead",
                now=datetime.combine(on, time(16)),
            )
