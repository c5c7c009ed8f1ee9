"""Demo progress of the stage tracker: every project the proposals seeder created moves along its
stages up to the demo's "today", deterministic from ``ctx.rng``.

Most stages take their standard or a little longer; about one project in eight rushes a stage
(with a recorded waiver), about one deadline stage in five runs late (overdue), finished gates
are signed off (``gate_signoffs`` rows, as the prototype review would), and projects that reach
the end of stage 12 go live with their system in the register. Rows are written in bulk from
DataFrames so that benchmark volumes stay fast.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import duckdb
import pandas as pd

from core import audit, demo
from core.calendar_store import calendar_around
from core.stages import rules

NOTES = {
    4: ["สัมภาษณ์เจ้าหน้าที่ผู้ปฏิบัติงาน 6 คน และรวบรวมแบบฟอร์มที่ใช้อยู่", "ประชุมกลุ่มย่อยกับผู้ใช้งาน 2 ครั้ง สรุปความต้องการได้ครบ"],
    5: ["ออกแบบโครงสร้างฐานข้อมูล หน้าจอ และรายงานตามความต้องการ", "จัดทำ ER diagram และผังการทำงานของระบบ"],
    6: ["จัดทำระบบจำลองหน้าจอหลักและรายงาน", "ปรับปรุงระบบจำลองตามข้อสังเกตรอบแรก"],
    7: ["ผู้ใช้จากกองที่เกี่ยวข้องตรวจสอบระบบจำลองและลงนามรับรอง"],
    8: ["พัฒนาโปรแกรมและปรับปรุงฐานข้อมูลครบทุกฟังก์ชันของระบบจำลอง", "เขียนโปรแกรมส่วนรายงานและเชื่อมต่อฐานข้อมูลเดิม"],
    9: ["ทดสอบระบบร่วมกับผู้ใช้งานตามกรณีทดสอบ แก้ไขข้อบกพร่องแล้ว"],
    10: ["ติดตั้งระบบบนเครื่องแม่ข่ายของเทศบาล กำหนดค่าเริ่มต้นและสิทธิ์ผู้ใช้"],
    11: ["จัดทำคู่มือผู้ใช้งานและจัดอบรมเจ้าหน้าที่ที่เกี่ยวข้อง"],
    12: ["ออกหนังสือแจ้งกองเพื่อแจ้งกำหนดการเปิดใช้งานระบบ"],
}
WAIVERS = [
    "ผู้บริหารสั่งการให้เร่งดำเนินการให้ทันการให้บริการประชาชนช่วงยื่นภาษีประจำปี",
    "ขอบเขตงานน้อย ผู้ใช้งานมีเพียงกองเดียว และมีระบบเดิมเป็นต้นแบบ",
    "ใช้ผลการสำรวจความต้องการของโครงการเดิมในปีงบประมาณก่อนหน้า",
]
MANUAL_PDF = b"%PDF-1.4\n% Pattana demo user manual\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _first_working(cal, day: date) -> date:
    return rules.first_working_day_on_or_after(cal, day)


def seed_stages(cur: duckdb.DuckDBPyConnection, ctx: demo.DemoContext) -> None:
    rows = cur.execute(
        "SELECT s.id, s.project_id, s.stage_no, s.std_days, s.std_kind, s.std_unit, p.code, p.name, p.unit_code,"
        " p.responsible_user_id, CAST(coalesce(p.approved_at, p.created_at) AS DATE) AS approved_on"
        " FROM project_stages s JOIN projects p ON p.id = s.project_id"
        " WHERE p.status = 'active' AND s.actual_start IS NULL"
        # only projects not moved along yet, so running the seeder again leaves earlier ones be
        " AND NOT EXISTS (SELECT 1 FROM project_stages x WHERE x.project_id = p.id"
        "                 AND x.actual_start IS NOT NULL)"
        " ORDER BY s.project_id, s.stage_no"
    ).fetchall()
    if not rows:
        return
    today = ctx.now.date()
    rng = ctx.rng
    cal = calendar_around(cur, today, years_before=ctx.years + 1, years_after=1)
    officers = [ctx.users[u] for u in ("itofficer", "itofficer2", "ithead") if u in ctx.users]
    by_project: dict[int, list] = {}
    for row in rows:
        by_project.setdefault(row[1], []).append(row)

    updates, signoffs, training, manuals, live = [], [], [], [], []
    for project_id, stages in by_project.items():
        approved_on = stages[0][10]
        rush_stage = rng.choice([4, 5, 6, 8]) if rng.random() < 0.18 else None
        previous_end = approved_on
        for stage_id, _pid, stage_no, std_days, std_kind, std_unit, code, name, unit, lead, _a in stages:
            std = rules.Standard(std_days, std_kind, std_unit)
            due = rules.due_date(cal, previous_end, std)
            lag = 0 if std_kind == "deadline" else rng.choice([0, 0, 1, 3])
            start = _first_working(cal, previous_end + timedelta(days=lag))
            if start > today:
                break
            if std.unit == "months":  # at least N months: a few working days more, or rushed
                extra = round(rules.LEGACY_DAYS_PER_MONTH * (rng.uniform(1.0, 1.35) - 1))
                end = cal.add_working_days(
                    _first_working(cal, rules.minimum_reached_on(cal, start, std)), extra
                )
                if stage_no == rush_stage:
                    end = cal.add_working_days(
                        start, round(rules.LEGACY_DAYS_PER_MONTH * rng.uniform(0.45, 0.75)) - 1
                    )
            elif std_kind == "minimum":
                spent = std_days if stage_no in rules.GATES else round(std_days * rng.uniform(1.0, 1.35))
                if stage_no == rush_stage:
                    spent = max(1, round(std_days * rng.uniform(0.45, 0.75)))
                end = cal.add_working_days(start, max(spent, 1) - 1)
            else:
                late = rng.random() < 0.2
                end = cal.add_working_days(
                    previous_end, std_days + rng.randint(2, 8) if late else rng.randint(1, std_days)
                )
                end = max(end, start)
            responsible = rng.choice(officers) if officers and rng.random() < 0.4 else lead
            finished = end <= today
            actual_end = end if finished else None
            rushed = bool(finished and rules.is_rushed(cal, start, end, std))
            updates.append(
                {
                    "id": stage_id,
                    "actual_start": start,
                    "actual_end": None if stage_no in rules.GATES else actual_end,
                    "due_on": due,
                    "spent_days": rules.spent_working_days(cal, start, end) if finished else None,
                    "rushed": rushed,
                    "waiver_reason": rng.choice(WAIVERS) if rushed else None,
                    "responsible_user_id": responsible,
                    "notes": rng.choice(NOTES[stage_no]),
                }
            )
            if stage_no in rules.GATES and finished:
                signoffs.append(
                    {
                        "project_id": project_id,
                        "stage_no": stage_no,
                        "passed_at": datetime.combine(end, time(14, 0)),
                    }
                )
            if stage_no == 11:
                for k in range(rng.randint(1, 2)):
                    held = min(today, cal.add_working_days(start, 1 + k))
                    training.append(
                        {
                            "project_id": project_id,
                            "held_on": held,
                            "hours": rng.choice([3.0, 6.0]),
                            "unit_codes": ",".join(sorted({unit or "OFFICE", "PLANNING"})),
                            "attendees": rng.randint(8, 35),
                            "created_at": ctx.now,
                        }
                    )
                manuals.append(project_id)
            if not finished:
                break
            if stage_no == rules.LAST:
                live.append(
                    {
                        "project_id": project_id,
                        "code": code,
                        "name": name,
                        "unit": unit,
                        "letter_date": end,
                        "go_live_on": cal.add_working_days(end, rng.randint(3, 8)),
                    }
                )
            previous_end = end

    if updates:
        frame = pd.DataFrame(updates)
        for column in ("actual_start", "actual_end", "due_on"):
            frame[column] = pd.to_datetime(frame[column]).dt.date
        cur.register("stage_updates", frame)
        cur.execute(
            "UPDATE project_stages SET actual_start = u.actual_start, actual_end = u.actual_end,"
            " due_on = coalesce(CASE WHEN project_stages.std_kind = 'deadline' THEN u.due_on END, project_stages.due_on),"
            " spent_days = u.spent_days, rushed = u.rushed, waiver_reason = u.waiver_reason,"
            " responsible_user_id = u.responsible_user_id, notes = u.notes, updated_at = ?, updated_by = 'system'"
            " FROM stage_updates u WHERE project_stages.id = u.id",
            [ctx.now],
        )
        cur.unregister("stage_updates")
    if signoffs:
        cur.register("gate_frame", pd.DataFrame(signoffs))
        cur.execute(
            "INSERT INTO gate_signoffs (project_id, stage_no, round_id, passed_at)"
            " SELECT project_id, stage_no, NULL, passed_at FROM gate_frame"
            " WHERE (project_id, stage_no) NOT IN (SELECT (project_id, stage_no) FROM gate_signoffs)"
        )
        cur.unregister("gate_frame")
    if training:
        frame = pd.DataFrame(training)
        frame["held_on"] = pd.to_datetime(frame["held_on"]).dt.date
        cur.register("training_frame", frame)
        cur.execute(
            "INSERT INTO training_sessions (project_id, held_on, hours, unit_codes, attendees,"
            " created_by, created_at) SELECT project_id, held_on, hours, unit_codes, attendees,"
            " 'itofficer', created_at FROM training_frame"
        )
        cur.unregister("training_frame")
    if manuals:
        cur.register("manual_frame", pd.DataFrame({"project_id": manuals}))
        cur.execute(
            "INSERT INTO attachments (owner_kind, owner_id, filename, media_type, size_bytes, sha256,"
            " content, uploaded_by, uploaded_at) SELECT 'stage_manual', CAST(project_id AS VARCHAR) || ':11',"
            " 'คู่มือผู้ใช้งาน.pdf', 'application/pdf', ?, sha256(?), ?, 'itofficer', ? FROM manual_frame",
            [len(MANUAL_PDF), MANUAL_PDF.decode(), MANUAL_PDF, ctx.now],
        )
        cur.unregister("manual_frame")
    if live:
        frame = pd.DataFrame(live)
        for column in ("letter_date", "go_live_on"):
            frame[column] = pd.to_datetime(frame[column]).dt.date
        cur.register("live_frame", frame)
        cur.execute(
            "INSERT INTO systems (code, name_th, name_en, kind, owner_unit_code, description, in_service_since,"
            " project_id) SELECT code, name, code, 'internal', unit, name, go_live_on, project_id FROM live_frame"
            " WHERE code NOT IN (SELECT code FROM systems)"
        )
        cur.execute(
            "UPDATE projects SET status = 'live', system_id = s.id FROM systems s"
            " WHERE s.project_id = projects.id AND projects.id IN (SELECT project_id FROM live_frame)"
        )
        cur.execute(
            "INSERT INTO launch_letters (project_id, reference_no, letter_date, go_live_on, system_id, signer_name,"
            " signer_position, issued_by, issued_at) SELECT f.project_id,"
            " 'อบ 52705/' || CAST(f.project_id AS VARCHAR), f.letter_date, f.go_live_on, s.id,"
            " 'นางสาวกาญจนา ทองดี', 'ผู้อำนวยการกองวิชาการและแผนงาน', 'itofficer', f.letter_date + TIME '10:00'"
            " FROM live_frame f JOIN systems s ON s.project_id = f.project_id"
        )
        cur.unregister("live_frame")
    audit.record(
        cur,
        actor="system",
        action="demo.stages",
        entity="database",
        entity_id=None,
        at=ctx.now,
        detail={"projects": len(by_project), "live": len(live), "signoffs": len(signoffs)},
    )
