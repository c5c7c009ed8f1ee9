"""The proposal's official documents: the project as a printable PDF and the internal memo
(บันทึกข้อความ) asking the executive to approve it. Read with a cursor, return PDF bytes.
Who issues, addresses and signs them comes from the organisation profile."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import duckdb
from pythainlp.util import bahttext

from core.organisation.profile import get_profile, memo_issue_of, memo_reference_of
from core.pdf import Memo, MemoDecision, ReportSection, ThaiDocument, render_memo
from core.pdf.names import document_file_name
from core.proposals import repository as repo
from core.proposals import rules
from core.thaidate import THAI_MONTHS_ABBR, format_date, to_thai_digits

MEMO_KIND = "proposal.approval_memo"
KIND_TH = {
    "need": "ความต้องการของบุคลากร",
    "problem": "ปัญหาในการปฏิบัติงาน",
    "directive": "ข้อสั่งการของผู้บริหาร",
    "strategy": "ยุทธศาสตร์การพัฒนา",
}
PLAN_MARK = "■"


def baht_text(amount: Decimal | float | int | str) -> str:
    """Money in Thai words as on official documents (PyThaiNLP's bahttext, which knows the เอ็ด
    rule): 250000 -> สองแสนห้าหมื่นบาทถ้วน, 1000001 -> หนึ่งล้านเอ็ดบาทถ้วน."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return bahttext(float(value))


def _money(amount) -> str:
    return f"{Decimal(str(amount)):,.2f}"


def _long_date(d: date | datetime | None) -> str:
    return format_date(d, "th", "long") if d else ""


def _plain_title(title: str) -> str:
    return title[len("โครงการ") :].strip() if title.startswith("โครงการ") else title


def budget_sentence(row: dict) -> str:
    if row.get("budget_kind") == "none":
        return "ไม่ใช้งบประมาณ"
    if row.get("budget_kind") == "amount" and row.get("budget_amount") is not None:
        return f"งบประมาณ {_money(row['budget_amount'])} บาท ({baht_text(row['budget_amount'])})"
    return "งบประมาณ (ยังไม่ระบุ)"


def duration_sentence(row: dict) -> str:
    if row.get("start_date") and row.get("end_date"):
        return f"ตั้งแต่วันที่ {_long_date(row['start_date'])} ถึงวันที่ {_long_date(row['end_date'])}"
    if row.get("start_date"):
        return f"เริ่มวันที่ {_long_date(row['start_date'])}"
    return "(ยังไม่ระบุ)"


def _gather(cur: duckdb.DuckDBPyConnection, proposal_id: int) -> dict:
    row = repo.get_proposal(cur, proposal_id)
    row["drivers"] = repo.drivers_of(cur, proposal_id)
    row["unit"] = repo.unit_row(cur, row["unit_code"])
    row["responsible"] = (
        repo.user_of(cur, user_id=row["responsible_user_id"]) if row["responsible_user_id"] else None
    )
    return row


# -- the memo ---------------------------------------------------------------------------------
def memo_reference(cur: duckdb.DuckDBPyConnection, row: dict) -> str:
    """The profile's memo prefix and the running number issued to this memo (or a slash left
    for the registry clerk to number by hand)."""
    return memo_reference_of(cur, MEMO_KIND, row["code"])


def memo_date(row: dict, issued_at: datetime | None, today: date) -> date:
    """The memo's date: the day it went up to the executive (proposed) or the day its number was
    issued, whichever came first; ``today`` for a memo not yet numbered nor proposed. A memo is
    never dated after the executive's order written on it."""
    days = [d.date() if isinstance(d, datetime) else d for d in (row.get("proposed_at"), issued_at) if d]
    return min(days) if days else today


DECISION_TH = {"approve": "อนุมัติ", "reject": "ไม่อนุมัติ"}


def decision_of(cur: duckdb.DuckDBPyConnection, row: dict) -> MemoDecision | None:
    """The executive's order on an approved (or rejected) proposal: อนุมัติ, who and when."""
    if row.get("status") not in ("approved", "rejected"):
        return None
    events = repo.events(cur, row["id"])
    decided = events[events["action"].isin(list(DECISION_TH))]
    if decided.empty:
        return None
    last = decided.iloc[-1]
    person = repo.user_of(cur, username=last["actor"]) or {}
    return MemoDecision(
        decision=DECISION_TH[last["action"]],
        name=person.get("full_name") or str(last["actor_name"]),
        position=person.get("position") or "",
        date=last["at_time"].date() if last["at_time"] is not None else None,
    )


def approval_memo(
    cur: duckdb.DuckDBPyConnection,
    proposal_id: int,
    today: date,
    *,
    thai_digits: bool = False,
    font_size: float = 16,
) -> Memo:
    """The บันทึกข้อความ asking the deputy municipal clerk to approve the proposal; dated the day its
    number was issued (``today`` until then); with the executive's order once decided."""
    row = _gather(cur, proposal_id)
    reference, issued_at = memo_issue_of(cur, MEMO_KIND, row["code"])
    profile = get_profile(cur)
    units = " ".join(x for x in (profile.it_unit, profile.issuing_unit) if x)
    signer = None
    if row["proposed_at"] is not None:
        proposer = cur.execute(
            "SELECT actor FROM proposal_events WHERE proposal_id = ? AND action = 'propose'"
            " ORDER BY at_time DESC LIMIT 1",
            [proposal_id],
        ).fetchone()
        signer = repo.user_of(cur, username=proposer[0]) if proposer else None
    signer = signer or repo.holder_of_role(cur, "director")
    signatory = profile.signatory("unit_head")
    if signatory.name:  # the profile names who signs the division's memos
        signer = {"full_name": signatory.name, "position": "\n".join(signatory.position_lines())}
    title = _plain_title(row["title"])

    if row["drivers"]:
        parts = []
        for d in row["drivers"]:
            unit = d["unit_th"] or "หน่วยงาน"
            doc = ""
            if d["doc_no"]:
                doc = f" ตามหนังสือที่ {d['doc_no']}"
                if d["doc_date"]:
                    doc += f" ลงวันที่ {_long_date(d['doc_date'])}"
            parts.append(f"{unit}ได้แจ้ง{KIND_TH.get(d['kind'], '')}{doc} เรื่อง {d['description']}")
        first = "ตามที่" + " และ".join(parts) + " นั้น"
    else:
        first = "ตามที่" + (row["rationale"] or f"มีความจำเป็นต้องพัฒนาระบบ{title}") + " นั้น"
    objectives = " ".join(line.strip() for line in (row["objectives"] or "").splitlines() if line.strip())
    responsible = row["responsible"]["full_name"] if row["responsible"] else "(ยังไม่ระบุ)"
    second = (
        f"{units or 'หน่วยงาน'} ได้พิจารณาแล้ว และจัดทำโครงการ{title} "
        f"โดยมีวัตถุประสงค์ {objectives} ระยะเวลาดำเนินการ{duration_sentence(row)} "
        f"{budget_sentence(row)} โดยมี{responsible}เป็นผู้รับผิดชอบโครงการ "
        "รายละเอียดปรากฏตามโครงการที่แนบมาพร้อมนี้"
    )
    third = "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติโครงการดังกล่าว"
    return Memo(
        unit=" ".join(
            x
            for x in (
                profile.issuing_unit,
                f"({profile.it_unit})" if profile.it_unit else "",
                profile.name_th,
            )
            if x
        ),
        phone=profile.phone,
        reference_no=reference,
        date=memo_date(row, issued_at, today),
        subject=f"ขออนุมัติโครงการ{title}",
        addressee=profile.addressee,
        paragraphs=[first, second, third],
        signer_name=signer["full_name"] if signer else " " * 40,
        signer_position=(signer or {}).get("position") or "",
        thai_digits=thai_digits,
        font_size=font_size,
        emblem_png=profile.emblem,
        decision=decision_of(cur, row),
    )


def memo_pdf(
    cur: duckdb.DuckDBPyConnection, proposal_id: int, today: date, *, thai_digits: bool = False
) -> bytes:
    return render_memo(approval_memo(cur, proposal_id, today, thai_digits=thai_digits))


def memo_file_name(code: str, on: date) -> str:
    """``บันทึกขออนุมัติ-PR2570-019-2569-11-24.pdf`` (kind, code, Buddhist-Era date)."""
    return document_file_name("บันทึกขออนุมัติ", code, on)


def proposal_file_name(code: str, on: date) -> str:
    return document_file_name("โครงการ", code, on)


# -- the proposal -----------------------------------------------------------------------------
def proposal_pdf(
    cur: duckdb.DuckDBPyConnection,
    proposal_id: int,
    *,
    thai_digits: bool = False,
    plan_citation: str | None = None,
) -> bytes:
    """The project proposal with every part of the manual's section 6, numbered as printed.

    ``plan_citation``: the line of the local development plan it carries out (issue 19), as text.
    """
    row = _gather(cur, proposal_id)
    title = "โครงการ" + _plain_title(row["title"])
    unit = row["unit"]["name_th"] if row["unit"] else ""
    profile = get_profile(cur)
    doc = ThaiDocument(
        body_size=15,
        thai_digits=thai_digits,
        title=title,
        author=" ".join(x for x in (profile.issuing_unit, profile.name_th) if x) or None,
    )
    doc.add_page()
    status = {
        "draft": "ร่าง",
        "submitted": "เสนอผู้อำนวยการกอง",
        "proposed": "เสนอผู้บริหาร",
        "approved": "อนุมัติแล้ว",
        "returned": "ส่งกลับแก้ไข",
        "rejected": "ไม่อนุมัติ",
    }
    subtitle = [
        profile.issuer(),
        f"ปีงบประมาณ {row['fiscal_year']}" + (f"  หน่วยงานที่ขอ {unit}" if unit else ""),
        f"เลขที่ {row['code']} ฉบับที่ {row['version']} ({status.get(row['status'], row['status'])})",
    ]
    doc.add_title(title, subtitle)
    if plan_citation:  # issue 19: the plan line this project carries out
        doc.paragraph(_thai(plan_citation, thai_digits), indent_first_line=False)

    def text_section(number: int, heading: str, text: str) -> ReportSection:
        lines = [line for line in (text or "").splitlines() if line.strip()] or ["-"]
        return ReportSection(heading=f"{number}. {heading}", paragraphs=lines, level=3)

    months = [f"{THAI_MONTHS_ABBR[m - 1]}" for m in rules.FISCAL_MONTHS]
    plan_rows = [
        [r["activity"], *[PLAN_MARK if m in r["months"] else "" for m in rules.FISCAL_MONTHS]]
        for r in row["plan"]
    ]
    responsible = row["responsible"]
    sections = [
        text_section(1, "หลักการและเหตุผล", row["rationale"]),
        text_section(2, "วัตถุประสงค์", row["objectives"]),
        text_section(3, "เป้าหมาย", row["targets"]),
        text_section(4, "ขอบเขตการดำเนินงาน", row["scope"]),
        text_section(5, "วงเงินงบประมาณ", budget_sentence(row)),
        text_section(6, "ระยะเวลาดำเนินการ", duration_sentence(row)),
        text_section(7, "ตัวชี้วัดแผนงาน/โครงการ", row["indicators"]),
        text_section(8, "บุคลากร", row["personnel"]),
        text_section(
            10,
            "ผู้รับผิดชอบโครงการ",
            f"{responsible['full_name']} {responsible['position']}" if responsible else "",
        ),
    ]
    if row["drivers"]:
        sections.append(
            ReportSection(
                heading="11. ปัจจัยที่ทำให้เกิดการพัฒนา",
                level=3,
                table_columns=["เลขที่", "ประเภท", "หน่วยงาน", "หนังสือ", "รายละเอียด"],
                table_rows=[
                    [
                        d["code"],
                        KIND_TH.get(d["kind"], d["kind"]),
                        d["unit_th"] or "",
                        " ".join(
                            x for x in [d["doc_no"], format_date(d["doc_date"]) if d["doc_date"] else ""] if x
                        ),
                        d["description"],
                    ]
                    for d in row["drivers"]
                ],
                col_widths=[1.6, 1.8, 2.0, 2.0, 4.0],
            )
        )
    doc.add_sections(sections[:8])
    # the action plan: a narrow month grid, in a smaller size so month names stay whole
    doc.heading("9. แผนปฏิบัติงาน", level=3)
    if plan_rows:
        doc.table(
            ["กิจกรรม", *months],
            plan_rows,
            col_widths=[3.4] + [1.0] * 12,
            align=["L"] + ["C"] * 12,
            font_size=max(doc.body_size - 4, 8),
        )
    else:
        doc.paragraph("-")
    doc.ln(doc.line_height() / 3)
    doc.add_sections(sections[8:])
    # signature lines: the person who prepared it and the director who proposes it
    doc.ensure_space(doc.line_height() * 8)
    doc.ln(doc.line_height())
    if responsible:
        doc.paragraph(
            "ลงชื่อ ...................................... ผู้เสนอโครงการ", indent_first_line=False, align="R"
        )
        doc.paragraph(f"({responsible['full_name']})", indent_first_line=False, align="R")
        if responsible["position"]:
            doc.paragraph(_thai(responsible["position"], thai_digits), indent_first_line=False, align="R")
    return doc.to_bytes()


def _thai(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text
