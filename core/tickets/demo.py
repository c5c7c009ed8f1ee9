"""Demo tickets: ~300 per fiscal year x scale on the systems in service, mostly within SLA.

Timelines are drawn in office time on the real calendar (``IndexedCalendar``), cut at
``ctx.now`` (so the latest tickets are still open), and a handful of tickets relative to
``ctx.now`` make the queues show every clock state. Rows go in bulk from DataFrames; the
``ticket_sla`` projection is then built in bulk from the inserted events.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import duckdb
import pandas as pd

from core import calendar_store, demo
from core.thaidate import fiscal_year, fiscal_year_bounds
from core.tickets import services, sla
from core.workcalendar import WORKING_DAY

PROBLEMS = [
    ("พิมพ์ใบเสร็จไม่ได้", "กดพิมพ์ใบเสร็จรับเงินแล้วหน้าจอค้าง ประชาชนรอรับใบเสร็จอยู่ที่เคาน์เตอร์"),
    ("เข้าสู่ระบบไม่ได้ รหัสผ่านถูกต้อง", "ใส่ชื่อผู้ใช้และรหัสผ่านถูกต้องแต่ระบบแจ้งว่าไม่มีสิทธิ์เข้าใช้งาน"),
    ("หน้าจอแสดงข้อผิดพลาดเมื่อบันทึกข้อมูล", "กดบันทึกแล้วขึ้นข้อความ Error 500 ข้อมูลไม่ถูกบันทึก"),
    ("QR code ชำระเงินไม่แสดง", "หน้าชำระภาษีไม่แสดง QR code พร้อมเพย์ ผู้เสียภาษีชำระไม่ได้"),
    ("รายงานสรุปยอดไม่ตรงกับข้อมูลจริง", "ยอดรวมในรายงานประจำวันไม่ตรงกับผลรวมรายการที่บันทึก"),
    ("ระบบทำงานช้ามากช่วงเช้า", "ช่วง 09:00-10:00 เปิดหน้าค้นหาข้อมูลใช้เวลานานกว่า 1 นาที"),
    ("อัปโหลดไฟล์แนบไม่ได้", "แนบไฟล์ PDF ขนาด 2 MB แล้วระบบแจ้งว่าอัปโหลดไม่สำเร็จ"),
    ("ค้นหาชื่อผู้ยื่นคำร้องไม่พบ", "ค้นหาด้วยชื่อภาษาไทยแล้วไม่พบรายการ แต่ค้นด้วยเลขที่คำร้องพบ"),
    ("ส่งแจ้งเตือนทาง LINE ไม่ได้", "ผู้ยื่นคำร้องไม่ได้รับข้อความแจ้งสถานะผ่าน LINE ตั้งแต่เมื่อวาน"),
    ("ปุ่มอนุมัติหายไป", "หัวหน้าฝ่ายเข้าหน้ารายการรออนุมัติแล้วไม่พบปุ่มอนุมัติ"),
    ("วันที่แสดงเป็นปี ค.ศ.", "วันที่ในหนังสือที่พิมพ์ออกมาแสดงเป็นปี ค.ศ. แทน พ.ศ."),
    ("เครื่องพิมพ์บัตรคิวไม่ออกบัตร", "ตู้กดบัตรคิวหน้าห้องทะเบียนไม่พิมพ์บัตรคิว"),
]
REQUIREMENTS = [
    ("ขอเพิ่มรายงานสรุปรายเดือน", "ต้องการรายงานสรุปจำนวนคำร้องแยกตามประเภทรายเดือน ส่งออกเป็น Excel ได้"),
    ("ขอเพิ่มช่องหมายเหตุในแบบฟอร์ม", "ต้องการช่องหมายเหตุสำหรับบันทึกข้อมูลเพิ่มเติมของเจ้าหน้าที่"),
    ("ขอให้ส่งออกข้อมูลเป็น Excel", "ต้องการส่งออกรายการทั้งหมดที่ค้นหาได้เป็นไฟล์ Excel เพื่อทำรายงานเสนอผู้บริหาร"),
    ("ขอเพิ่มสิทธิ์ผู้ใช้งานระดับหัวหน้าฝ่าย", "ต้องการให้หัวหน้าฝ่ายดูข้อมูลของทุกคนในฝ่ายได้แต่แก้ไขไม่ได้"),
    ("ขอเพิ่มการแจ้งเตือนก่อนครบกำหนด", "ต้องการให้ระบบแจ้งเตือนทางอีเมลก่อนครบกำหนดชำระ 7 วัน"),
    ("ขอปรับแบบฟอร์มตามระเบียบใหม่", "ระเบียบกระทรวงมหาดไทยฉบับใหม่กำหนดแบบฟอร์มใหม่ ขอปรับหน้าจอให้ตรงกัน"),
    ("ขอเพิ่มแดชบอร์ดสำหรับผู้บริหาร", "ต้องการหน้าสรุปภาพรวมจำนวนงานและสถานะสำหรับผู้อำนวยการกอง"),
    ("ขอเชื่อมข้อมูลกับระบบ e-LAAS", "ต้องการนำเข้าข้อมูลจากระบบบัญชีคอมพิวเตอร์ขององค์กรปกครองส่วนท้องถิ่น"),
]
COMMENTS = [
    "แก้ไขรวดเร็วมาก ขอบคุณครับ",
    "เจ้าหน้าที่อธิบายชัดเจน",
    "ใช้งานได้ปกติแล้ว",
    "",
    "ขอบคุณค่ะ",
    "ใช้เวลานานไปหน่อยแต่แก้ได้",
    "",
]
REPORTERS = ["staff", "staff2", "staff3", "staff4", "staff5", "teacher", "teacher2"]
OFFICERS = ["itofficer", "itofficer2", "ithead"]
CHANNELS = ["app"] * 5 + ["phone"] * 3 + ["walk_in", "line", "letter"]


class _Ticket:
    def __init__(self, reported_at, kind, system_id, reporter, channel, urgency, title, description):
        self.reported_at, self.kind, self.system_id = reported_at, kind, system_id
        self.reporter, self.channel, self.urgency = reporter, channel, urgency
        self.title, self.description = title, description
        self.events: list[tuple] = []  # (at, kind, actor, status_after, assignee, related_index, note)
        self.rating: tuple | None = None
        self.index = 0

    def add(self, at, kind, actor, status, assignee=None, related=None, note=""):
        at = at.replace(microsecond=0)
        if self.events and at < self.events[-1][0]:
            at = self.events[-1][0]
        self.events.append((at, kind, actor, status, assignee, related, note))
        return at


def _working_before(clock, now: datetime, minutes: float) -> datetime:
    """The latest moment from which ``minutes`` of office time have passed by ``now``."""
    low, high = now - timedelta(days=90), now
    wanted = timedelta(minutes=minutes)
    for _ in range(40):
        middle = low + (high - low) / 2
        if clock.working_time_between(middle, now) >= wanted:
            low = middle
        else:
            high = middle
    return low.replace(second=0, microsecond=0)


def _timeline(t: _Ticket, rng, clock, officer: str, assigner: str) -> None:
    wm = lambda minutes: timedelta(minutes=minutes)  # noqa: E731
    t.add(t.reported_at, "report", t.reporter if t.channel == "app" else officer, "new")
    at = t.add(
        t.reported_at + timedelta(minutes=rng.randint(0, 3)), "assign", assigner, "new", assignee=officer
    )
    problem = t.kind == "problem"
    at = t.add(clock.add_working_time(at, wm(rng.uniform(0.5, 3))), "start_analysis", officer, "analysing")
    if problem:
        analysis = rng.uniform(3, 9.5) if rng.random() < 0.9 else rng.uniform(11, 45)
        resolution = rng.uniform(2, 9.5) if rng.random() < 0.86 else rng.uniform(11, 120)
    else:
        analysis = rng.uniform(20, 115) if rng.random() < 0.9 else rng.uniform(125, 400)
        resolution = (rng.uniform(0.5, 14.5) if rng.random() < 0.88 else rng.uniform(15.3, 24)) * 420
    done = t.add(
        clock.add_working_time(t.reported_at, wm(analysis)), "finish_analysis", officer, "in_progress"
    )
    if rng.random() < 0.12:
        first = resolution * rng.uniform(0.1, 0.6)
        waited = t.add(
            clock.add_working_time(done, wm(first)), "wait", officer, "waiting", note="ขอภาพหน้าจอเพิ่มเติม"
        )
        back = t.add(
            waited + timedelta(hours=rng.uniform(0.5, 40)),
            "resume",
            t.reporter,
            "in_progress",
            note="ส่งภาพหน้าจอให้แล้ว",
        )
        resolved = clock.add_working_time(back, wm(resolution - first))
    else:
        resolved = clock.add_working_time(done, wm(resolution))
    resolved = t.add(resolved, "resolve", officer, "resolved", note="แก้ไขเรียบร้อยแล้ว")
    if rng.random() < 0.03:
        reopened = t.add(
            clock.add_working_time(resolved, wm(rng.uniform(10, 120))),
            "reopen",
            t.reporter,
            "in_progress",
            note="ยังพบปัญหาเดิม",
        )
        resolved = t.add(
            clock.add_working_time(reopened, wm(rng.uniform(3, 30))),
            "resolve",
            officer,
            "resolved",
            note="แก้ไขเพิ่มเติมแล้ว",
        )
    if rng.random() < 0.82:
        closed = t.add(
            clock.add_working_time(resolved, wm(rng.uniform(10, 2 * 420))), "close", t.reporter, "closed"
        )
        if rng.random() < 0.7:
            score = rng.choices([5, 4, 3, 2, 1], weights=[45, 35, 13, 5, 2])[0]
            t.rating = (score, rng.choice(COMMENTS), closed + timedelta(minutes=rng.randint(1, 120)))
    else:
        t.add(
            clock.add_working_time(resolved, 5 * WORKING_DAY), "auto_close", "system", "closed", note="auto:5"
        )


def seed(cur: duckdb.DuckDBPyConnection, ctx: demo.DemoContext) -> None:
    rng, now = ctx.rng, ctx.now
    systems = cur.execute(
        "SELECT id, in_service_since FROM systems WHERE active AND in_service_since IS NOT NULL ORDER BY id"
    ).fetchall()
    if not systems:
        return
    first_day = fiscal_year_bounds(min(ctx.fiscal_years))[0]
    calendar = calendar_store.load_calendar(cur, range(first_day.year - 1, now.year + 2))
    clock = sla.IndexedCalendar(calendar, first_day - timedelta(days=7), date(now.year + 1, 12, 31))
    tickets: list[_Ticket] = []

    def new_ticket(
        reported_at: datetime,
        kind: str | None = None,
        reporter: str | None = None,
        system_id: int | None = None,
        title: tuple | None = None,
    ) -> _Ticket | None:
        kind = kind or ("problem" if rng.random() < 0.72 else "requirement")
        usable = [sid for sid, since in systems if since <= reported_at.date()]
        if system_id is None:
            if not usable:
                return None
            system_id = rng.choice(usable)
        heading, description = title or rng.choice(PROBLEMS if kind == "problem" else REQUIREMENTS)
        ticket = _Ticket(
            reported_at,
            kind,
            system_id,
            reporter or rng.choice(REPORTERS),
            rng.choice(CHANNELS),
            rng.choices(["normal", "high", "low"], weights=[70, 20, 10])[0],
            heading,
            description,
        )
        tickets.append(ticket)
        return ticket

    # history: ~300 tickets per fiscal year x scale, spread over office days
    for fy in ctx.fiscal_years:
        start, end = fiscal_year_bounds(fy)
        last = min(end, now.date() - timedelta(days=1))
        span = (last - start).days
        if span <= 0:
            continue
        count = int(300 * ctx.scale_of("tickets") * min(1.0, (span + 1) / 365))
        for _ in range(count):
            day = start + timedelta(days=rng.randrange(span + 1))
            if not calendar.is_working_day(day) and rng.random() < 0.9:
                day = calendar.add_working_days(day, 1)
            minute = rng.randint(8 * 60, 17 * 60 + 30) if rng.random() < 0.9 else rng.randint(7 * 60, 20 * 60)
            reported = datetime.combine(day, time(minute // 60, minute % 60))
            if reported >= now:
                continue
            ticket = new_ticket(reported)
            if ticket is None:
                continue
            if rng.random() < 0.02 and len(tickets) > 1:  # a duplicate of an earlier ticket
                original = tickets[-2]
                ticket.add(ticket.reported_at, "report", ticket.reporter, "new")
                ticket.add(
                    clock.add_working_time(ticket.reported_at, timedelta(minutes=4)),
                    "merge",
                    rng.choice(OFFICERS[:2]),
                    "merged",
                    related=original,
                    note="เรื่องเดียวกัน",
                )
                continue
            _timeline(ticket, rng, clock, rng.choice(OFFICERS[:2] * 3 + OFFICERS[2:]), "ithead")

    # tickets around now so that every queue and clock state shows
    def recent(minutes_ago: float, **kwargs) -> _Ticket | None:
        return new_ticket(_working_before(clock, now, minutes_ago), **kwargs)

    systems_by_code = ctx.systems
    featured = [
        (4, "problem", "staff", "ETAX", PROBLEMS[3], []),
        (9, "problem", "staff2", "EOFFICE", PROBLEMS[0], [("assign", 1), ("start_analysis", 2)]),
        (
            45,
            "problem",
            "staff3",
            "HR",
            PROBLEMS[2],
            [("assign", 1), ("start_analysis", 2), ("finish_analysis", 6)],
        ),
        (25, "problem", "teacher", "STUDENT", PROBLEMS[1], []),
        (
            3 * 420,
            "requirement",
            "staff4",
            "ELDERLY",
            REQUIREMENTS[0],
            [("assign", 5), ("start_analysis", 10), ("finish_analysis", 90)],
        ),
        (
            2 * 420,
            "requirement",
            "staff",
            "ETAX",
            REQUIREMENTS[2],
            [("assign", 5), ("start_analysis", 10), ("finish_analysis", 60), ("wait", 200)],
        ),
        (
            60,
            "problem",
            "staff",
            "EPETITION",
            PROBLEMS[8],
            [("assign", 1), ("start_analysis", 2), ("finish_analysis", 7), ("resolve", 15)],
        ),
        (30, "requirement", "teacher2", "STUDENT", REQUIREMENTS[1], []),
    ]
    for minutes_ago, kind, reporter, system_code, title, steps in featured:
        system_id = systems_by_code.get(system_code)
        ticket = recent(minutes_ago, kind=kind, reporter=reporter, system_id=system_id, title=title)
        if ticket is None or system_id is None:
            continue
        ticket.channel = "app"
        ticket.add(ticket.reported_at, "report", reporter, "new")
        status = "new"
        for verb, offset in steps:
            at = min(clock.add_working_time(ticket.reported_at, timedelta(minutes=offset)), now)
            status = {
                "assign": status,
                "start_analysis": "analysing",
                "finish_analysis": "in_progress",
                "wait": "waiting",
                "resolve": "resolved",
            }[verb]
            ticket.add(
                at,
                verb,
                "ithead" if verb == "assign" else "itofficer",
                status,
                assignee="itofficer" if verb == "assign" else None,
                note="ขอภาพหน้าจอตอนเกิดข้อผิดพลาด" if verb == "wait" else "",
            )

    _insert(cur, ctx, tickets)
    services.rebuild_all(cur, now)


def _insert(cur: duckdb.DuckDBPyConnection, ctx: demo.DemoContext, tickets: list[_Ticket]) -> None:
    now = ctx.now
    units = {username: unit for username, _n, _p, unit, _r in demo.USERS}
    tickets.sort(key=lambda t: t.reported_at)
    numbers: dict[int, int] = {}
    codes: dict[int, str] = {}
    ticket_rows, event_rows, rating_rows = [], [], []
    for t in tickets:
        fy = fiscal_year(t.reported_at)
        numbers[fy] = numbers.get(fy, 0) + 1
        codes[id(t)] = code = f"TK{fy}-{numbers[fy]:05d}"
        reporter_id = ctx.users[t.reporter]
        recorder = t.events[0][2] if t.events else t.reporter
        ticket_rows.append(
            (
                code,
                t.system_id,
                t.kind,
                t.title,
                t.description,
                t.channel,
                t.urgency,
                reporter_id,
                units.get(t.reporter),
                ctx.users.get(recorder, reporter_id),
                t.reported_at,
                fy,
            )
        )
    for t in tickets:
        code = codes[id(t)]
        for at, kind, actor, status, assignee, related, note in t.events:
            if at > now:
                break
            event_rows.append(
                (
                    code,
                    at,
                    kind,
                    actor,
                    status,
                    ctx.users[assignee] if assignee else None,
                    codes[id(related)] if related is not None else None,
                    note,
                )
            )
        else:
            if t.rating and t.rating[2] <= now:
                score, comment, rated_at = t.rating
                rating_rows.append((code, score, comment, t.reporter, rated_at, fiscal_year(rated_at)))
    frame = pd.DataFrame(
        ticket_rows,
        columns=[
            "code",
            "system_id",
            "type",
            "title",
            "description",
            "channel",
            "urgency",
            "reporter_id",
            "reporter_unit_code",
            "recorded_by_id",
            "reported_at",
            "fiscal_year",
        ],
    )
    cur.register("demo_tickets", frame)
    cur.execute(
        "INSERT INTO tickets (code, system_id, type, title, description, channel, urgency,"
        " reporter_id, reporter_unit_code, recorded_by_id, reported_at, fiscal_year)"
        " SELECT * FROM demo_tickets ORDER BY reported_at"
    )
    cur.unregister("demo_tickets")
    events = pd.DataFrame(
        event_rows,
        columns=["code", "at_time", "kind", "actor", "status_after", "assignee_id", "related_code", "note"],
    )
    events["assignee_id"] = events["assignee_id"].astype("Int64")
    cur.register("demo_events", events)
    cur.execute(
        "INSERT INTO ticket_events (ticket_id, at_time, kind, actor, status_after, assignee_id,"
        " related_ticket_id, note) SELECT t.id, e.at_time, e.kind, e.actor, e.status_after,"
        " e.assignee_id, o.id, e.note FROM demo_events e JOIN tickets t ON t.code = e.code"
        " LEFT JOIN tickets o ON o.code = e.related_code ORDER BY t.id, e.at_time"
    )
    cur.unregister("demo_events")
    if rating_rows:
        ratings = pd.DataFrame(
            rating_rows, columns=["code", "score", "comment", "rated_by", "rated_at", "fiscal_year"]
        )
        cur.register("demo_ratings", ratings)
        cur.execute(
            "INSERT INTO ticket_ratings (ticket_id, score, comment, rated_by, rated_at, fiscal_year)"
            " SELECT t.id, r.score, r.comment, r.rated_by, r.rated_at, r.fiscal_year"
            " FROM demo_ratings r JOIN tickets t ON t.code = r.code"
        )
        cur.unregister("demo_ratings")
