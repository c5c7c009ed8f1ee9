"""Demo drivers and proposals: about 12-20 per fiscal year x scale, in every state.

Each proposal gets a whole planned life (driver received, considered, drafted, submitted,
perhaps returned and revised, proposed, decided) drawn from ``ctx.rng``; what happened after
``ctx.now`` is cut off, so recent proposals stand in every state of the chain. Approved ones
become projects through ``core.stages.services.open_project`` at their approval time. Rows go in
bulk from DataFrames.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import duckdb
import pandas as pd

from core import demo
from core.actor import Actor
from core.calendar_store import load_calendar
from core.proposals import rules
from core.stages.services import open_project
from core.thaidate import fiscal_year, fiscal_year_bounds

# title, requesting unit, the kind of driver it usually comes from
PROJECTS = [
    ("ระบบจองคิวรับบริการงานทะเบียนราษฎรออนไลน์", "OFFICE", "problem"),
    ("ระบบภาษีป้ายออนไลน์", "FINANCE", "need"),
    ("แอปพลิเคชันแจ้งเหตุเดือดร้อนรำคาญ", "OFFICE", "directive"),
    ("ระบบแจ้งซ่อมไฟฟ้าสาธารณะ", "ENGINEERING", "problem"),
    ("ระบบขออนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ", "HEALTH", "need"),
    ("ระบบจัดเก็บค่าธรรมเนียมเก็บขนขยะมูลฝอย", "HEALTH", "problem"),
    ("ระบบทะเบียนผู้สูงอายุและผู้พิการ", "WELFARE", "need"),
    ("ระบบรับสมัครนักเรียนออนไลน์", "EDUCATION", "directive"),
    ("ระบบติดตามพัฒนาการเด็กเล็ก", "CHILDCARE", "need"),
    ("ระบบสารบรรณอิเล็กทรอนิกส์ ระยะที่ 2", "OFFICE", "strategy"),
    ("ระบบแผนที่ภาษีและทะเบียนทรัพย์สิน", "FINANCE", "strategy"),
    ("ระบบตรวจรับพัสดุและครุภัณฑ์", "FINANCE", "problem"),
    ("ระบบบันทึกเวลาปฏิบัติงานด้วยการสแกนใบหน้า", "OFFICE", "directive"),
    ("เว็บไซต์เทศบาลรองรับอุปกรณ์เคลื่อนที่", "OFFICE", "strategy"),
    ("ระบบขออนุญาตขุดดินและถมดิน", "ENGINEERING", "need"),
    ("ระบบประเมินผลการปฏิบัติงานบุคลากร", "OFFICE", "need"),
    ("ระบบบริหารตลาดสดและแผงค้า", "FINANCE", "problem"),
    ("ระบบกองทุนสวัสดิการชุมชน", "WELFARE", "need"),
    ("ระบบแจ้งเตือนวัคซีนและสุขภาพชุมชน", "HEALTH", "directive"),
    ("ระบบเช็คชื่อนักเรียนด้วย QR code", "SCHOOL1", "need"),
    ("ระบบห้องสมุดโรงเรียนเทศบาล", "SCHOOL2", "need"),
    ("ระบบรายงานผลการเรียนถึงผู้ปกครองผ่าน LINE", "SCHOOL3", "directive"),
    ("ระบบจองสนามกีฬาและศูนย์เยาวชน", "EDUCATION", "need"),
    ("ระบบรับชำระค่าธรรมเนียมผ่าน QR code พร้อมเพย์", "FINANCE", "strategy"),
    ("ระบบจัดเก็บแบบแปลนอาคารดิจิทัล", "ENGINEERING", "problem"),
    ("แดชบอร์ดข้อมูลเมืองวารินชำราบ", "PLANNING", "strategy"),
    ("ระบบสำรองข้อมูลและกู้คืนระบบสารสนเทศ", "PLANNING", "problem"),
    ("ระบบลงทะเบียนอบรมและสัมมนาออนไลน์", "OFFICE", "need"),
]

DESCRIPTIONS = {
    "need": "บุคลากรของ{unit}ต้องการ{title} เพื่อลดขั้นตอนและเวลาในการให้บริการประชาชน",
    "problem": "{unit}ประสบปัญหาข้อมูลซ้ำซ้อนและผู้รับบริการรอนาน ขอให้พัฒนา{title}",
    "directive": "ผู้บริหารมีข้อสั่งการในการประชุมคณะผู้บริหารให้พัฒนา{title}",
    "strategy": "สอดคล้องกับยุทธศาสตร์เมืองอัจฉริยะของกรมส่งเสริมการปกครองท้องถิ่น จึงควรมี{title}",
}
EXTRA_DRIVERS = [
    ("need", "ขอเครื่องคอมพิวเตอร์เพิ่มเติมสำหรับงานธุรการ (ไม่ใช่การพัฒนาระบบ)"),
    ("problem", "ระบบอินเทอร์เน็ตห้องประชุมใหญ่ช้าในช่วงบ่าย"),
    ("directive", "ให้ปรับปรุงหน้าเว็บไซต์ข่าวประชาสัมพันธ์ให้ทันสมัย"),
    ("need", "ต้องการรายงานสรุปคำร้องรายเดือนจากระบบเดิม"),
]
DECLINE_REASONS = [
    "เป็นงานจัดซื้อครุภัณฑ์ ไม่ใช่การพัฒนาระบบ ส่งต่อกองคลังดำเนินการ",
    "แก้ไขได้ด้วยการตั้งค่าระบบเดิม ไม่ต้องจัดทำโครงการ",
    "ซ้ำกับโครงการที่อยู่ระหว่างดำเนินการ",
]
PLAN = [
    "สำรวจความต้องการและกระบวนการปฏิบัติงาน",
    "วิเคราะห์และออกแบบระบบ",
    "จัดทำระบบจำลองและตรวจสอบกับผู้ใช้งาน",
    "พัฒนาระบบและทดสอบร่วมกับผู้ใช้งาน",
    "ติดตั้งระบบ จัดทำคู่มือและฝึกอบรม",
    "เปิดใช้งานและสำรวจความพึงพอใจ",
]
RETURN_REASONS = [
    "ขอให้ระบุเป้าหมายเชิงปริมาณให้ชัดเจน",
    "ขอให้ทบทวนวงเงินงบประมาณให้สอดคล้องกับราคากลาง",
    "ขอให้ปรับระยะเวลาดำเนินการให้อยู่ในปีงบประมาณ",
]
REJECT_REASONS = ["ซ้ำซ้อนกับระบบของกรมส่งเสริมการปกครองท้องถิ่นที่ให้ใช้ฟรี", "งบประมาณไม่เพียงพอในปีนี้ ให้เสนอในแผนปีถัดไป"]


def _at(day: date, rng, start_hour: int = 9, end_hour: int = 15) -> datetime:
    return datetime.combine(day, time(rng.randint(start_hour, end_hour), rng.choice((0, 15, 30, 45))))


def _content(rng, title: str, unit_th: str, start: date) -> dict:
    months = []
    month = start.month
    for _ in PLAN:
        span = [((month - 1 + k) % 12) + 1 for k in range(rng.randint(1, 2))]
        months.append(span)
        month = ((span[-1]) % 12) + 1
    budget_kind = rng.choice(("amount", "amount", "amount", "none"))
    amount = (
        rng.choice((50_000, 120_000, 180_000, 250_000, 350_000, 480_000)) if budget_kind == "amount" else None
    )
    end = start + timedelta(days=rng.randint(150, 300))
    return {
        "rationale": (
            f"ปัจจุบันงานของ{unit_th}ยังดำเนินการด้วยเอกสารกระดาษ ทำให้ใช้เวลานานและตรวจสอบยาก "
            f"เทศบาลเมืองวารินชำราบจึงเห็นควรจัดทำ{title} เพื่อให้บริการประชาชนได้สะดวก รวดเร็ว และโปร่งใส"
        ),
        "objectives": f"1. เพื่อพัฒนา{title}ให้ใช้งานได้จริง\n2. เพื่อลดระยะเวลาการให้บริการประชาชน\n3. เพื่อให้ผู้บริหารมีข้อมูลประกอบการตัดสินใจ",
        "targets": f"บุคลากรของ{unit_th}และประชาชนผู้มาใช้บริการ ใช้งานระบบได้ภายในปีงบประมาณ",
        "scope": "วิเคราะห์ ออกแบบ พัฒนา ทดสอบ ติดตั้งระบบบนเครื่องแม่ข่ายของเทศบาล จัดทำคู่มือและฝึกอบรมผู้ใช้งาน",
        "budget_kind": budget_kind,
        "budget_amount": None if amount is None else Decimal(amount),
        "start_date": start,
        "end_date": end,
        "indicators": "ร้อยละความพึงพอใจของผู้ใช้งานระบบไม่น้อยกว่าร้อยละ 80",
        "personnel": "นักวิชาการคอมพิวเตอร์ 2 คน และผู้แทนหน่วยงานที่ขอ 2 คน",
        "plan": [
            {"activity": a, "months": sorted(set(m), key=rules.FISCAL_MONTHS.index)}
            for a, m in zip(PLAN, months)
        ],
    }


def _working_after(calendar, moment: datetime, days: int, rng) -> datetime:
    """A moment ``days`` working days after ``moment`` (always later than it)."""
    later = _at(calendar.add_working_days(moment.date(), days), rng)
    return later if later > moment else moment + timedelta(minutes=rng.randint(20, 150))


def seed(cur: duckdb.DuckDBPyConnection, ctx: demo.DemoContext) -> None:
    rng = ctx.rng
    first_day = fiscal_year_bounds(ctx.fiscal_years[0])[0]
    calendar = load_calendar(cur, range(first_day.year - 1, ctx.now.year + 2))
    units = {code: name for code, name, *_ in demo.UNITS}
    uid = ctx.users
    it_people = [uid[u] for u in ("ithead", "itofficer", "itofficer2") if u in uid]
    executive = Actor(
        user_id=uid.get("executive", 0),
        username="executive",
        full_name="executive",
        roles=frozenset({"executive"}),
    )

    drivers, links, proposals, plan_rows, versions, events = [], [], [], [], [], []
    driver_no: dict[int, int] = {}
    proposal_no: dict[int, int] = {}

    def add_driver(
        kind: str,
        unit: str,
        description: str,
        received: date,
        considered: datetime | None,
        status: str,
        reason: str = "",
        merged_into: int | None = None,
    ) -> dict:
        fy = fiscal_year(received)
        driver_no[fy] = driver_no.get(fy, 0) + 1
        row = {
            "code": f"DR{fy}-{driver_no[fy]:03d}",
            "kind": kind,
            "unit_code": unit,
            "doc_no": f"อบ 52305.{rng.randint(1, 9)}/{rng.randint(100, 999)}",
            "doc_date": received - timedelta(days=rng.randint(0, 3)),
            "description": description,
            "received_on": received,
            "fiscal_year": fy,
            "status": status if considered else "pending",
            "merged_into": merged_into,
            "decision_reason": reason if considered else "",
            "considered_at": considered,
            "considered_by": "ithead" if considered else None,
            "consider_days": rules.days_taken(calendar, received, considered) if considered else None,
            "consider_met": (
                rules.met_within(calendar, received, rules.CONSIDER_DAYS, considered) if considered else None
            ),
            "recorded_by": "itofficer",
            "recorded_at": _at(received, rng),
        }
        drivers.append(row)
        return row

    def add_proposal(
        title: str, unit: str, driver: dict, considered: datetime, timeline: list, incomplete: bool = False
    ) -> None:
        created = timeline[0][1]
        pfy = fiscal_year(created)
        proposal_no[pfy] = proposal_no.get(pfy, 0) + 1
        content = _content(rng, title, units[unit], timeline[-1][1].date() + timedelta(days=30))
        row = {
            "code": f"PR{pfy}-{proposal_no[pfy]:03d}",
            "fiscal_year": pfy,
            "unit_code": unit,
            "title": title,
            "status": "draft",
            "version": 1,
            "revision": len(timeline),
            "responsible_user_id": rng.choice(it_people) if it_people else None,
            "draft_started_at": considered,
            "first_submitted_at": None,
            "draft_days": None,
            "submitted_at": None,
            "proposed_at": None,
            "propose_days": None,
            "draft_met": None,
            "propose_met": None,
            "decided_at": None,
            "project_id": None,
            "created_by": "ithead",
            "created_at": created,
            "updated_at": timeline[-1][1],
            "_driver": driver,
            "_events": [],
            **{k: v for k, v in content.items() if k != "plan"},
        }
        row["_plan"] = content["plan"]
        if len(timeline) == 1 and incomplete:  # an early draft: parts still missing
            row.update(targets="", budget_kind=None, budget_amount=None, responsible_user_id=None)
        for action, at, comment in timeline:
            before = row["status"]
            if action != "create":
                row["status"] = rules.STEPS[action].target
            row["_events"].append(
                (row["version"], action, None if action == "create" else before, row["status"], at, comment)
            )
            if action == "submit":
                versions.append((row, row["version"], at))
                row["submitted_at"] = at
                if row["first_submitted_at"] is None:
                    row["first_submitted_at"] = at
                    row["draft_days"] = rules.days_taken(calendar, considered, at)
                    row["draft_met"] = rules.met_within(calendar, considered, rules.DRAFT_DAYS, at)
            elif action == "propose":
                row["proposed_at"] = at
                row["propose_days"] = rules.days_taken(calendar, row["submitted_at"], at)
                row["propose_met"] = rules.met_within(calendar, row["submitted_at"], rules.PROPOSE_DAYS, at)
            elif action in ("approve", "reject"):
                row["decided_at"] = at
            if action in ("return_by_director", "return_by_executive"):
                row["version"] += 1
        proposals.append(row)

    for fy in ctx.fiscal_years:
        fy_start, fy_end = fiscal_year_bounds(fy)
        last = min(fy_end, ctx.now.date() - timedelta(days=1))
        span = (last - fy_start).days
        if span < 0:
            continue
        count = rng.randint(12, 20) * ctx.scale_of("proposals")
        for _ in range(count):
            title, unit, kind = PROJECTS[rng.randrange(len(PROJECTS))]
            received = calendar.add_working_days(fy_start + timedelta(days=rng.randint(0, span)), 0)
            if not calendar.is_working_day(received):
                received = calendar.add_working_days(received, 1)
            if received >= ctx.now.date():
                continue
            considered = _working_after(
                calendar, datetime.combine(received, time()), rng.choice((0, 0, 0, 1, 1, 2, 3)), rng
            )
            description = DESCRIPTIONS[kind].format(unit=units[unit], title=title)
            driver = add_driver(
                kind, unit, description, received, considered if considered <= ctx.now else None, "accepted"
            )
            if considered > ctx.now:
                continue
            # the life of the proposal
            created = considered + timedelta(hours=rng.randint(1, 30))
            submitted = _working_after(
                calendar, considered, rng.choice((3, 5, 8, 10, 12, 14, 15, 18, 22)), rng
            )
            timeline = [("create", created, "")]
            plan = rng.random()
            returns = 1 if plan < 0.2 else 0
            outcome = "reject" if plan > 0.92 else "approve"
            moment = submitted
            for round_no in range(returns + 1):
                timeline.append(("submit", moment, ""))
                moment = _working_after(calendar, moment, rng.choice((0, 0, 1, 1, 1, 2)), rng)
                if round_no < returns and rng.random() < 0.5:
                    timeline.append(("return_by_director", moment, rng.choice(RETURN_REASONS)))
                    moment = _working_after(calendar, moment, rng.randint(2, 6), rng)
                    continue
                timeline.append(("propose", moment, ""))
                moment = _working_after(calendar, moment, rng.randint(1, 8), rng)
                if round_no < returns:
                    timeline.append(("return_by_executive", moment, rng.choice(RETURN_REASONS)))
                    moment = _working_after(calendar, moment, rng.randint(2, 6), rng)
                    continue
                timeline.append((outcome, moment, "" if outcome == "approve" else rng.choice(REJECT_REASONS)))
            timeline = [step for step in timeline if step[1] <= ctx.now]
            if not timeline:
                continue
            add_proposal(title, unit, driver, considered, timeline, incomplete=rng.random() < 0.4)
        # drivers that were not taken further: declined, merged, or still waiting
        for _ in range(max(1, count // 5)):
            kind, description = EXTRA_DRIVERS[rng.randrange(len(EXTRA_DRIVERS))]
            unit = rng.choice([u for u in units if u != "PLANNING"])
            received = fy_start + timedelta(days=rng.randint(0, span))
            if not calendar.is_working_day(received):
                received = calendar.add_working_days(received, 1)
            if received > ctx.now.date():
                continue
            considered = _working_after(
                calendar, datetime.combine(received, time()), rng.choice((0, 1, 1, 2)), rng
            )
            if considered > ctx.now or (fy == ctx.fiscal_years[-1] and rng.random() < 0.15):
                considered = None
            accepted = [
                d for d in drivers if d["status"] == "accepted" and d["fiscal_year"] == fiscal_year(received)
            ]
            if considered and accepted and rng.random() < 0.3:
                add_driver(
                    kind,
                    unit,
                    description,
                    received,
                    considered,
                    "merged",
                    merged_into=id(rng.choice(accepted)),
                )
            else:
                add_driver(
                    kind,
                    unit,
                    description,
                    received,
                    considered,
                    "declined",
                    reason=rng.choice(DECLINE_REASONS),
                )

    _recent(ctx, calendar, units, add_driver, add_proposal)

    # ids from the sequences, then the links that need them
    def ids(sequence: str, n: int) -> list[int]:
        if n == 0:
            return []
        return [r[0] for r in cur.execute(f"SELECT nextval('{sequence}') FROM range(?)", [n]).fetchall()]

    by_object = {}
    for row, new_id in zip(drivers, ids("seq_drivers", len(drivers))):
        row["id"] = new_id
        by_object[id(row)] = new_id
    for row in drivers:
        if row["merged_into"] is not None:
            row["merged_into"] = by_object.get(row["merged_into"])
    for row, new_id in zip(proposals, ids("seq_proposals", len(proposals))):
        row["id"] = new_id
    for row in sorted((p for p in proposals if p["status"] == "approved"), key=lambda p: p["decided_at"]):
        row["project_id"] = open_project(
            cur,
            actor=executive,
            now=row["decided_at"],
            name=row["title"],
            proposal_id=row["id"],
            unit_code=row["unit_code"],
            responsible_user_id=row["responsible_user_id"],
        )
    for row in proposals:
        links.append({"proposal_id": row["id"], "driver_id": row["_driver"]["id"]})
        for number, item in enumerate(row["_plan"], start=1):
            plan_rows.append(
                {
                    "proposal_id": row["id"],
                    "row_no": number,
                    "activity": item["activity"],
                    "months": ",".join(str(m) for m in item["months"]),
                }
            )
        for version, action, before, after, at, comment in row["_events"]:
            events.append(
                {
                    "proposal_id": row["id"],
                    "version": version,
                    "action": action,
                    "from_status": before,
                    "to_status": after,
                    "actor": {
                        "create": "ithead",
                        "submit": "ithead",
                        "propose": "director",
                        "return_by_director": "director",
                    }.get(action, "executive"),
                    "at_time": at,
                    "comment": comment,
                }
            )
    version_rows = []
    for row, version, at in versions:
        snap = {k: row.get(k) for k in rules.SNAPSHOT_FIELDS if k not in ("driver_ids", "plan")}
        snap.update(driver_ids=[row["_driver"]["id"]], plan=row["_plan"])
        versions_row = {
            "proposal_id": row["id"],
            "version": version,
            "snapshot_json": rules.snapshot(snap),
            "submitted_by": "ithead",
            "submitted_at": at,
        }
        version_rows.append(versions_row)
    _insert(
        cur,
        "drivers",
        pd.DataFrame(drivers),
        [
            "id",
            "code",
            "kind",
            "unit_code",
            "doc_no",
            "doc_date",
            "description",
            "received_on",
            "fiscal_year",
            "status",
            "merged_into",
            "decision_reason",
            "considered_at",
            "considered_by",
            "consider_days",
            "consider_met",
            "recorded_by",
            "recorded_at",
        ],
    )
    _insert(
        cur,
        "proposals",
        pd.DataFrame(proposals),
        [
            "id",
            "code",
            "fiscal_year",
            "unit_code",
            "title",
            "status",
            "version",
            "revision",
            "rationale",
            "objectives",
            "targets",
            "scope",
            "budget_kind",
            "budget_amount",
            "start_date",
            "end_date",
            "indicators",
            "personnel",
            "responsible_user_id",
            "draft_started_at",
            "first_submitted_at",
            "draft_days",
            "draft_met",
            "submitted_at",
            "proposed_at",
            "propose_days",
            "propose_met",
            "decided_at",
            "project_id",
            "created_by",
            "created_at",
            "updated_at",
        ],
    )
    _insert(cur, "proposal_drivers", pd.DataFrame(links), ["proposal_id", "driver_id"])
    _insert(cur, "proposal_plan", pd.DataFrame(plan_rows), ["proposal_id", "row_no", "activity", "months"])
    _insert(
        cur,
        "proposal_events",
        pd.DataFrame(events),
        ["proposal_id", "version", "action", "from_status", "to_status", "actor", "at_time", "comment"],
    )
    _insert(
        cur,
        "proposal_versions",
        pd.DataFrame(version_rows),
        ["proposal_id", "version", "snapshot_json", "submitted_by", "submitted_at"],
    )


_TYPES = {
    "budget_amount": "DECIMAL(14, 2)",
    "doc_date": "DATE",
    "received_on": "DATE",
    "start_date": "DATE",
    "end_date": "DATE",
    "considered_at": "TIMESTAMP",
    "recorded_at": "TIMESTAMP",
    "draft_started_at": "TIMESTAMP",
    "first_submitted_at": "TIMESTAMP",
    "submitted_at": "TIMESTAMP",
    "proposed_at": "TIMESTAMP",
    "decided_at": "TIMESTAMP",
    "created_at": "TIMESTAMP",
    "updated_at": "TIMESTAMP",
    "at_time": "TIMESTAMP",
    "merged_into": "INTEGER",
    "consider_days": "INTEGER",
    "draft_days": "INTEGER",
    "propose_days": "INTEGER",
    "consider_met": "BOOLEAN",
    "draft_met": "BOOLEAN",
    "propose_met": "BOOLEAN",
    "project_id": "INTEGER",
    "responsible_user_id": "INTEGER",
    "considered_by": "VARCHAR",
    "budget_kind": "VARCHAR",
    "from_status": "VARCHAR",
}


def _insert(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, columns: list[str]) -> None:
    """Insert the columns of ``frame`` in bulk (names fixed in code, never from input)."""
    if frame.empty:
        return
    frame = frame[columns].astype(object).where(frame[columns].notna(), None)
    cur.register("demo_frame", frame)
    select = ", ".join(f"CAST({c} AS {_TYPES[c]})" if c in _TYPES else c for c in columns)
    cur.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM demo_frame")
    cur.unregister("demo_frame")


def _recent(ctx, calendar, units, add_driver, add_proposal) -> None:
    """Four proposals of the last weeks standing at fixed points of the chain (a draft, one
    waiting for the director, one waiting for the executive, one returned for revision), so the
    demo always shows every state whatever the random draw."""
    today = ctx.now.date()

    def back(n: int, hour: int = 10) -> datetime:
        day = today
        while n > 0:
            day -= timedelta(days=1)
            if calendar.is_working_day(day):
                n -= 1
        return datetime.combine(day, time(hour, 0))

    plans = [
        (("ระบบจองคิวรับบริการงานทะเบียนราษฎรออนไลน์", "OFFICE", "problem"), 3, []),
        (("ระบบภาษีป้ายออนไลน์", "FINANCE", "need"), 12, [("submit", back(1, 14), "")]),
        (
            ("แอปพลิเคชันแจ้งเหตุเดือดร้อนรำคาญ", "OFFICE", "directive"),
            15,
            [("submit", back(4), ""), ("propose", back(3), "")],
        ),
        (
            ("ระบบแจ้งซ่อมไฟฟ้าสาธารณะ", "ENGINEERING", "problem"),
            20,
            [
                ("submit", back(8), ""),
                ("propose", back(7), ""),
                ("return_by_executive", back(5, 11), RETURN_REASONS[0]),
            ],
        ),
    ]
    for (title, unit, kind), age, steps in plans:
        received = back(age).date()
        if fiscal_year(received) not in ctx.fiscal_years:
            continue
        considered = back(age - 1, 9)
        driver = add_driver(
            kind,
            unit,
            DESCRIPTIONS[kind].format(unit=units[unit], title=title),
            received,
            considered,
            "accepted",
        )
        timeline = [("create", considered + timedelta(hours=2), ""), *steps]
        if all(at <= ctx.now for _a, at, _c in timeline):
            add_proposal(title, unit, driver, considered, timeline)
