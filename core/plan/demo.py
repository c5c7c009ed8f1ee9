"""Demo plan register: the town's 5-year plan 2566-2570, its addition no. 1, and citations.

Every demo project title gets a line; live proposals cite the line of their title when no other
proposal cites it yet; the newest draft is flagged "not in the plan" so the director sees it.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import duckdb

from core import audit
from core.plan import repository as repo

STRATEGIES = {
    "governance": ("ที่ 1 การพัฒนาการบริหารจัดการบ้านเมืองที่ดี", "บริหารงานทั่วไป"),
    "finance": ("ที่ 1 การพัฒนาการบริหารจัดการบ้านเมืองที่ดี", "บริหารงานคลัง"),
    "health": ("ที่ 2 การพัฒนาคุณภาพชีวิตและสังคม", "สาธารณสุข"),
    "welfare": ("ที่ 2 การพัฒนาคุณภาพชีวิตและสังคม", "สังคมสงเคราะห์"),
    "education": ("ที่ 3 การพัฒนาการศึกษา ศาสนา และวัฒนธรรม", "การศึกษา"),
    "works": ("ที่ 4 การพัฒนาโครงสร้างพื้นฐานและเมืองอัจฉริยะ", "เคหะและชุมชน"),
}
UNIT_STRATEGY = {
    "OFFICE": "governance",
    "PLANNING": "governance",
    "FINANCE": "finance",
    "HEALTH": "health",
    "WELFARE": "welfare",
    "EDUCATION": "education",
    "SCHOOL1": "education",
    "SCHOOL2": "education",
    "SCHOOL3": "education",
    "CHILDCARE": "education",
    "ENGINEERING": "works",
}
FIRST_YEAR = 2566


def seed(cur: duckdb.DuckDBPyConnection, ctx) -> None:
    from core.proposals.demo import PROJECTS

    actor = "director"
    created = ctx.now - timedelta(days=365 * ctx.years + 60)
    base = repo.insert_edition(
        cur,
        kind="base",
        base_id=None,
        number=0,
        first_year=FIRST_YEAR,
        last_year=FIRST_YEAR + 4,
        approved_on=date(2021, 12, 28),
        actor=actor,
        now=created,
    )
    addition = repo.insert_edition(
        cur,
        kind="addition",
        base_id=base,
        number=1,
        first_year=FIRST_YEAR,
        last_year=FIRST_YEAR + 4,
        approved_on=date(2025, 6, 20),
        actor=actor,
        now=created + timedelta(days=300),
    )
    lines: dict[str, int] = {}
    titles = list(dict.fromkeys(title for title, _, _ in PROJECTS))
    for index, (title, unit, _) in enumerate(PROJECTS):
        if title in lines:
            continue
        strategy, programme = STRATEGIES[UNIT_STRATEGY.get(unit, "governance")]
        edition = addition if index >= len(titles) - 4 else base
        amount = Decimal(50_000 + 10_000 * ctx.rng.randrange(1, 30))
        budgets = {year: amount for year in range(FIRST_YEAR + index % 3, FIRST_YEAR + 5, 2)}
        lines[title] = repo.insert_line(
            cur,
            edition_id=edition,
            strategy=strategy,
            programme=programme,
            line_no=str(len(lines) + 1),
            title=title,
            unit_code=unit,
            budgets=budgets,
            actor=actor,
            now=created,
        )
    proposals = cur.execute("SELECT id, title, status, created_at FROM proposals ORDER BY id").fetchall()
    cited: set[int] = set()
    drafts = []
    for proposal_id, title, status, created_at in proposals:
        line_id = lines.get(title)
        if status == "rejected" or line_id is None:
            continue
        if line_id in cited:
            if status in ("draft", "returned"):
                drafts.append((proposal_id, created_at))
            continue
        cited.add(line_id)
        repo.save_citation(
            cur,
            proposal_id=proposal_id,
            status="cited",
            line_id=line_id,
            note="",
            actor="ithead",
            now=created_at,
        )
    for proposal_id, created_at in drafts[-1:]:
        repo.save_citation(
            cur,
            proposal_id=proposal_id,
            status="not_in_plan",
            line_id=None,
            note="โครงการซ้ำกับที่อ้างอิงแล้ว ต้องเสนอเพิ่มเติมแผนพัฒนาท้องถิ่น",
            actor="ithead",
            now=created_at,
        )
    audit.record(
        cur,
        actor="system",
        action="demo.seed.plan",
        entity="plan_edition",
        entity_id=base,
        at=ctx.now,
        detail={"lines": len(lines), "cited": len(cited)},
    )
