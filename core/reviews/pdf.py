"""The printable sign-off certificate of a passed gate (Thai PDF, A4)."""

from __future__ import annotations

import duckdb

from core.errors import DomainError
from core.i18n import t
from core.organisation.profile import get_profile
from core.pdf import ReportSection, render_table_report
from core.pdf.names import document_file_name
from core.projects import get_project
from core.reviews import repository as repo
from core.reviews import rules
from core.thaidate import format_datetime, format_fiscal_year
from core.users import find_user


def grouped_hash(value: str, size: int = 16) -> str:
    """A 64-digit hash in groups of 16 so that it wraps in a table cell and reads aloud."""
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB" if size else "-"


def officer_name(cur: duckdb.DuckDBPyConnection, username: str) -> str:
    """The officer's full name as printed on a certificate (the user name only if none is known)."""
    user = find_user(cur, username) if username else None
    return (user.full_name if user and user.full_name else "") or username


def certificate_file_name(code: str, stage_no: int, on) -> str:
    """``ใบรับรองขั้นตอนที่7-TK...-2569-11-24.pdf``: kind and gate, project code, B.E. date."""
    return document_file_name(f"ใบรับรองขั้นตอนที่{stage_no}", code, on)


def certificate_pdf(cur: duckdb.DuckDBPyConnection, round_id: int) -> bytes:
    """The certificate of a passed round: project, round, artifacts with hashes, reviewers,
    verdicts and times, and the history of earlier rounds of the gate."""
    rnd = repo.get_round(cur, round_id)
    if rnd["status"] != rules.PASSED:
        raise DomainError("reviews.certificate_not_passed")
    project = get_project(cur, rnd["project_id"])
    artifacts = repo.artifacts(cur, round_id)
    people = repo.reviewers(cur, round_id)
    verdict_rows = repo.verdict_rows(cur, round_id)
    required = [p["id"] for p in people]
    valid = rules.counted(repo.verdicts(cur, round_id), rnd["content_hash"], required)
    th = lambda key, **v: t(key, "th", **v)  # noqa: E731

    facts = [
        ("โครงการ", f"{project['code']} {project['name']}"),
        ("ปีงบประมาณ", format_fiscal_year(project["fiscal_year"]).replace("ปีงบประมาณ ", "")),
        ("ขั้นตอน", th(f"reviews.gate.{rnd['stage_no']}")),
        ("รอบการตรวจ", f"รอบที่ {rnd['round_no']}"),
        ("เกณฑ์การผ่าน", th(rules.rule_text_key(rnd["pass_rule"]))),
        ("เปิดรอบเมื่อ", f"{format_datetime(rnd['created_at'])} โดย {officer_name(cur, rnd['created_by'])}"),
        ("กำหนดตรวจภายใน", format_datetime(rnd["due_at"])),
        ("ผ่านการรับรองเมื่อ", format_datetime(rnd["closed_at"])),
        ("รหัสตรวจสอบชุดไฟล์", grouped_hash(rnd["content_hash"])),
    ]
    if rnd["changes"]:
        facts.insert(4, ("สิ่งที่เปลี่ยนแปลง", rnd["changes"]))

    artifact_rows = [
        [
            i,
            a["label"] if a["kind"] == "file" else f"{a['label']} ({a['url']})",
            "ลิงก์" if a["kind"] == "link" else a["media_type"].split("/")[-1].split(".")[-1].upper(),
            _kb(a["size_bytes"]),
            grouped_hash(a["sha256"]),
        ]
        for i, a in enumerate(artifacts, start=1)
    ]

    reviewer_rows = []
    for person in people:
        v = valid.get(person["id"])
        position = f"\n{person['position']}" if person["position"] else ""
        if v is None:
            reviewer_rows.append(
                [
                    f"{person['full_name']}{position}",
                    person["unit_th"] or "",
                    th("reviews.not_signed"),
                    "",
                    "",
                ]
            )
            continue
        row = next(
            r
            for r in reversed(verdict_rows)
            if r["reviewer_id"] == person["id"] and r["content_hash"] == rnd["content_hash"]
        )
        note = th("reviews.late") if row["late"] else ""
        reviewer_rows.append(
            [
                f"{person['full_name']}{position}",
                person["unit_th"] or "",
                th(f"reviews.verdict.{row['verdict']}"),
                format_datetime(row["signed_at"]),
                "\n".join(x for x in (row["comment"], note) if x),
            ]
        )

    history_rows = []
    for earlier in sorted(
        repo.rounds_of(cur, rnd["project_id"], rnd["stage_no"]), key=lambda r: r["round_no"]
    ):
        asked = [
            f"{r['full_name']}: {th('reviews.verdict.' + r['verdict'])} - {r['comment']}"
            for r in repo.verdict_rows(cur, earlier["id"])
            if r["verdict"] != "approve"
        ]
        history_rows.append(
            [
                earlier["round_no"],
                th(f"reviews.cert.status.{earlier['status']}"),
                format_datetime(earlier["created_at"]),
                format_datetime(earlier["closed_at"]) if earlier["closed_at"] else "",
                "\n".join(asked),
            ]
        )

    sections = [
        ReportSection(heading="ข้อมูลการรับรอง", key_values=facts),
        ReportSection(
            heading="ไฟล์และลิงก์ที่ผู้ตรวจได้ตรวจ",
            table_columns=["ที่", "ไฟล์/ลิงก์", "ประเภท", "ขนาด", "SHA-256"],
            table_rows=artifact_rows,
            col_widths=[0.5, 3, 1, 1.2, 3.6],
            col_align=["C", "L", "C", "R", "L"],
        ),
        ReportSection(
            heading="ผู้ตรวจและผลการตรวจ",
            table_columns=["ผู้ตรวจ", "สังกัด", "ผลการตรวจ", "ลงนามเมื่อ", "ความเห็น"],
            table_rows=reviewer_rows,
            col_widths=[3, 2.2, 1.3, 2, 2.6],
        ),
        ReportSection(
            heading="ประวัติรอบการตรวจของขั้นตอนนี้",
            table_columns=["รอบที่", "ผล", "เปิดเมื่อ", "ปิดเมื่อ", "ความเห็นที่ขอให้แก้ไข"],
            table_rows=history_rows,
            col_widths=[0.9, 1.1, 2, 2, 4.6],
            col_align=["C", "L", "L", "L", "L"],
            notes=[
                "ผู้ตรวจแต่ละคนลงนามกับรหัสตรวจสอบชุดไฟล์ข้างต้น ซึ่งคำนวณจาก SHA-256 ของไฟล์"
                " (และของข้อความลิงก์) ทุกรายการ เรียงลำดับ บรรทัดละหนึ่งค่า แล้วคำนวณ SHA-256"
                " อีกครั้ง หากไฟล์ใดเปลี่ยนหลังลงนาม รหัสจะไม่ตรงและความเห็นนั้นไม่นับ",
                "เอกสารนี้ออกโดยระบบพัฒนา (Pattana) จากบันทึกการลงนามในระบบ",
            ],
        ),
    ]
    title = th(f"reviews.cert.title.{rnd['stage_no']}")
    return render_table_report(
        title,
        [get_profile(cur).issuer(), f"{project['code']} · รอบที่ {rnd['round_no']}"],
        sections,
        body_size=14,
    )
