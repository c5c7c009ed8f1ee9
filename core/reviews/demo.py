"""Demo review rounds: the history behind the gates the stage tracker's seeder signed, and open
rounds for projects now at step 7 or 9, pending the demo reviewers ``staff``, ``staff2`` and
``teacher``. Rows go in from DataFrames (bulk), so ten years at a large scale stay fast.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta

import duckdb
import pandas as pd

from core.demo import DemoContext
from core.reviews import rules

DEMO_REVIEWERS = ("staff", "staff2", "teacher")
OFFICER = "itofficer"

CHANGES = [
    "ปรับหน้าจอบันทึกคำร้องตามความเห็นรอบก่อน เพิ่มช่องเบอร์โทรศัพท์และเลขบัตรประชาชน",
    "แก้ไขรายงานสรุปรายเดือนให้แยกตามชุมชน และเพิ่มปุ่มส่งออก Excel",
    "เปลี่ยนลำดับขั้นตอนการอนุมัติให้ผู้อำนวยการกองตรวจก่อนส่งปลัดเทศบาล",
    "ปรับขนาดตัวอักษรบนหน้าจอมือถือ และแก้คำสะกดในเมนูหลัก",
]
CHANGE_REQUESTS = [
    "หน้าจอบันทึกข้อมูลยังไม่มีช่องเบอร์โทรศัพท์ผู้ยื่นคำร้อง ซึ่งงานทะเบียนต้องใช้ติดต่อกลับ",
    "รายงานสรุปต้องแยกตามชุมชนตามแบบที่กองเสนอผู้บริหารทุกเดือน",
    "ขั้นตอนอนุมัติไม่ตรงกับระเบียบ ต้องผ่านผู้อำนวยการกองก่อน",
    "ตัวอักษรบนมือถือเล็กเกินไป ผู้สูงอายุอ่านไม่ได้",
]
APPROVALS = ["", "ถูกต้องตามที่แจ้งไว้", "ใช้งานได้ตามขั้นตอนของกอง", "เห็นชอบ"]
SCREENS = ("form", "list", "report")


def _screen_png(kind: str, variant: int, caption: str) -> bytes:
    """A small mock screenshot of a prototype screen, drawn in memory."""
    from PIL import Image, ImageDraw

    colours = [(31, 94, 160), (18, 120, 90), (150, 70, 30), (90, 60, 140)]
    accent = colours[variant % len(colours)]
    image = Image.new("RGB", (480, 300), (248, 249, 251))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 480, 36], fill=accent)
    draw.text((12, 12), f"Pattana prototype - {kind} - {caption}", fill=(255, 255, 255))
    draw.rectangle([0, 36, 96, 300], fill=(230, 233, 238))
    for i in range(5):
        draw.rectangle([10, 50 + i * 28, 86, 66 + i * 28], fill=(200, 205, 214))
    if kind == "form":
        for i in range(4 + variant % 2):
            draw.text((112, 46 + i * 42), f"field {i + 1}", fill=(60, 60, 60))
            draw.rectangle(
                [112, 60 + i * 42, 440, 78 + i * 42], outline=(150, 150, 160), fill=(255, 255, 255)
            )
        draw.rectangle([360, 268, 440, 290], fill=accent)
    elif kind == "list":
        for i in range(8):
            fill = (255, 255, 255) if i % 2 else (238, 241, 246)
            draw.rectangle([112, 50 + i * 28, 460, 76 + i * 28], fill=fill, outline=(220, 220, 225))
            draw.text((120, 57 + i * 28), f"#{i + 1 + variant * 8:03d}", fill=(60, 60, 60))
    else:
        for i in range(6):
            height = 30 + ((i * 37 + variant * 23) % 150)
            draw.rectangle([130 + i * 52, 270 - height, 166 + i * 52, 270], fill=accent)
        draw.line([112, 270, 460, 270], fill=(80, 80, 80))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _reserve(cur: duckdb.DuckDBPyConnection, sequence: str, n: int) -> list[int]:
    if n <= 0:
        return []
    return [r[0] for r in cur.execute(f"SELECT nextval('{sequence}') FROM range(?)", [n]).fetchall()]


class _Batch:
    """Rows of every table, inserted at the end from DataFrames."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rounds: list[dict] = []
        self.reviewers: list[dict] = []
        self.artifacts: list[dict] = []
        self.attachments: list[dict] = []
        self.verdicts: list[dict] = []
        self.signoffs: list[dict] = []
        self.png_cache: dict[tuple, bytes] = {}

    def png(self, kind: str, variant: int, caption: str) -> bytes:
        key = (kind, variant % 8, caption)
        if key not in self.png_cache:
            self.png_cache[key] = _screen_png(kind, variant % 8, caption)
        return self.png_cache[key]

    def add_round(
        self,
        *,
        project_id: int,
        code: str,
        stage_no: int,
        round_no: int,
        created: datetime,
        due: datetime,
        status: str,
        closed: datetime | None,
        rule: str,
        reviewers: list[int],
        changes: str,
        variant: int,
    ) -> dict:
        rnd = dict(
            project_id=project_id,
            stage_no=stage_no,
            round_no=round_no,
            changes=changes,
            pass_rule=rule,
            due_at=due,
            status=status,
            created_by=OFFICER,
            created_at=created,
            closed_at=closed,
            artifacts=[],
        )
        caption = f"{code} r{round_no}"
        for kind in SCREENS[:2] if stage_no == 7 else SCREENS[1:]:
            content = self.png(kind, variant + round_no, caption)
            rnd["artifacts"].append(
                dict(
                    kind="file",
                    label=f"{kind}-round{round_no}.png",
                    media_type="image/png",
                    size_bytes=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    content=content,
                    url=None,
                    added_at=created,
                )
            )
        url = f"https://proto.warinchamrap.go.th/{code.lower()}/r{round_no}/"
        rnd["artifacts"].append(
            dict(
                kind="link",
                label="ระบบจำลองที่ใช้งานได้",
                media_type="text/uri-list",
                size_bytes=0,
                sha256=rules.link_hash(url),
                content=None,
                url=url,
                added_at=created,
            )
        )
        rnd["content_hash"] = rules.content_hash(a["sha256"] for a in rnd["artifacts"])
        rnd["reviewer_ids"] = reviewers
        rnd["verdicts"] = []
        self.rounds.append(rnd)
        return rnd

    def add_verdict(self, rnd: dict, reviewer: int, verdict: str, comment: str, at: datetime) -> None:
        rnd["verdicts"].append(
            dict(
                reviewer_id=reviewer,
                verdict=verdict,
                comment=comment,
                content_hash=rnd["content_hash"],
                signed_at=at,
                late=rules.is_late(at, rnd["due_at"]),
            )
        )

    def write(self, cur: duckdb.DuckDBPyConnection) -> None:
        if not self.rounds:
            return
        round_ids = _reserve(cur, "seq_review_rounds", len(self.rounds))
        n_artifacts = sum(len(r["artifacts"]) for r in self.rounds)
        artifact_ids = iter(_reserve(cur, "seq_review_artifacts", n_artifacts))
        n_files = sum(1 for r in self.rounds for a in r["artifacts"] if a["kind"] == "file")
        attachment_ids = iter(_reserve(cur, "seq_attachments", n_files))
        n_verdicts = sum(len(r["verdicts"]) for r in self.rounds)
        verdict_ids = iter(_reserve(cur, "seq_review_verdicts", n_verdicts))
        rounds, reviewers, artifacts, attachments, verdicts, signoffs = [], [], [], [], [], []
        for round_id, rnd in zip(round_ids, self.rounds):
            rounds.append(
                {
                    k: rnd[k]
                    for k in (
                        "project_id",
                        "stage_no",
                        "round_no",
                        "changes",
                        "pass_rule",
                        "due_at",
                        "status",
                        "content_hash",
                        "created_by",
                        "created_at",
                        "closed_at",
                    )
                }
                | {"id": round_id}
            )
            reviewers += [{"round_id": round_id, "user_id": u} for u in rnd["reviewer_ids"]]
            for a in rnd["artifacts"]:
                attachment_id = None
                if a["kind"] == "file":
                    attachment_id = next(attachment_ids)
                    attachments.append(
                        dict(
                            id=attachment_id,
                            owner_kind="review_round",
                            owner_id=str(round_id),
                            filename=a["label"],
                            media_type=a["media_type"],
                            size_bytes=a["size_bytes"],
                            sha256=a["sha256"],
                            content=a["content"],
                            uploaded_by=OFFICER,
                            uploaded_at=a["added_at"],
                        )
                    )
                artifacts.append(
                    dict(
                        id=next(artifact_ids),
                        round_id=round_id,
                        kind=a["kind"],
                        attachment_id=attachment_id,
                        url=a["url"],
                        label=a["label"],
                        media_type=a["media_type"],
                        size_bytes=a["size_bytes"],
                        sha256=a["sha256"],
                        added_by=OFFICER,
                        added_at=a["added_at"],
                    )
                )
            for v in rnd["verdicts"]:
                verdicts.append(v | {"id": next(verdict_ids), "round_id": round_id})
            if rnd["status"] == rules.PASSED:
                signoffs.append(
                    dict(project_id=rnd["project_id"], stage_no=rnd["stage_no"], round_id=round_id)
                )
        _insert(cur, "review_rounds", pd.DataFrame(rounds))
        _insert(cur, "review_reviewers", pd.DataFrame(reviewers))
        artifact_frame = pd.DataFrame(artifacts)
        artifact_frame["attachment_id"] = artifact_frame["attachment_id"].astype("Int64")
        _insert(cur, "review_artifacts", artifact_frame)
        if attachments:
            _insert(cur, "attachments", pd.DataFrame(attachments))
        if verdicts:
            _insert(cur, "review_verdicts", pd.DataFrame(verdicts))
        if signoffs:
            frame = pd.DataFrame(signoffs)  # noqa: F841 - read by DuckDB below
            cur.register("reviews_signoffs_df", frame)
            cur.execute(
                "UPDATE gate_signoffs SET round_id = d.round_id FROM reviews_signoffs_df d"
                " WHERE gate_signoffs.project_id = d.project_id"
                " AND gate_signoffs.stage_no = d.stage_no"
            )
            cur.unregister("reviews_signoffs_df")


def _insert(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Insert a DataFrame by column name (table names are fixed in this module)."""
    columns = ", ".join(frame.columns)
    cur.register("reviews_demo_df", frame)
    cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM reviews_demo_df")
    cur.unregister("reviews_demo_df")


def _current_stages(cur: duckdb.DuckDBPyConnection, ctx: DemoContext) -> dict[int, int]:
    """project id -> current stage (4-12) from the stage tracker's KPI contract, when present."""
    try:
        from core.stages import kpi as stages_kpi  # the stage tracker (another area)
    except ImportError:
        return {}
    try:
        frame = stages_kpi.portfolio(cur, ctx.fiscal_years, ctx.now)
    except Exception:  # noqa: BLE001 - the demo works without the tracker's view
        return {}
    frame = frame[frame["current_stage"].notna()]
    return {int(p): int(s) for p, s in zip(frame["project_id"], frame["current_stage"])}


def seed(cur: duckdb.DuckDBPyConnection, ctx: DemoContext) -> None:
    reviewers = [ctx.users[u] for u in DEMO_REVIEWERS if u in ctx.users]
    if not reviewers:
        return
    rng = ctx.rng
    batch = _Batch(ctx)
    signed = cur.execute(
        "SELECT g.project_id, g.stage_no, g.passed_at, p.code FROM gate_signoffs g"
        " JOIN projects p ON p.id = g.project_id"
        " WHERE g.round_id IS NULL ORDER BY g.project_id, g.stage_no"
    ).fetchall()
    for project_id, stage_no, passed_at, code in signed:
        variant = rng.randrange(8)
        rule = "majority" if rng.random() < 0.2 else "all"
        start = passed_at - timedelta(days=6 + rng.randrange(4))
        if rng.random() < 0.4:
            # round 1 failed: one reviewer asked for changes
            created1 = start - timedelta(days=10 + rng.randrange(6))
            closed1 = created1 + timedelta(days=2 + rng.randrange(3), hours=3)
            r1 = batch.add_round(
                project_id=project_id,
                code=code,
                stage_no=stage_no,
                round_no=1,
                created=created1,
                due=rules.due_at_of((created1 + timedelta(days=5)).date()),
                status=rules.FAILED,
                closed=closed1,
                rule=rule,
                reviewers=reviewers,
                changes="",
                variant=variant,
            )
            pick = rng.randrange(len(CHANGE_REQUESTS))
            batch.add_verdict(r1, reviewers[0], "approve", rng.choice(APPROVALS), closed1 - timedelta(days=1))
            batch.add_verdict(r1, reviewers[1 % len(reviewers)], "changes", CHANGE_REQUESTS[pick], closed1)
            round_no, changes = 2, CHANGES[pick]
        else:
            round_no, changes = 1, ""
        r = batch.add_round(
            project_id=project_id,
            code=code,
            stage_no=stage_no,
            round_no=round_no,
            created=start,
            due=rules.due_at_of((start + timedelta(days=5)).date()),
            status=rules.PASSED,
            closed=passed_at,
            rule=rule,
            reviewers=reviewers,
            changes=changes,
            variant=variant,
        )
        needed = rules.approvals_needed(rule, len(reviewers))
        order = list(reviewers)
        rng.shuffle(order)
        for i, reviewer in enumerate(order[:needed]):
            at = passed_at - timedelta(hours=(needed - 1 - i) * (20 + rng.randrange(20)))
            batch.add_verdict(r, reviewer, "approve", rng.choice(APPROVALS), at)

    stages = _current_stages(cur, ctx)
    passed = {(p, s) for p, s, _, _ in signed}
    codes = dict(cur.execute("SELECT id, code FROM projects WHERE status = 'active'").fetchall())
    for index, (project_id, stage_no) in enumerate(sorted(stages.items())):
        if stage_no not in rules.GATES or project_id not in codes or (project_id, stage_no) in passed:
            continue
        created = ctx.now - timedelta(days=2 + rng.randrange(5), hours=rng.randrange(6))
        # every third open round is already past its due time, to show overdue reviews
        due_day = (
            (ctx.now - timedelta(days=1)).date()
            if index % 3 == 2
            else (ctx.now + timedelta(days=3 + rng.randrange(4))).date()
        )
        r = batch.add_round(
            project_id=project_id,
            code=codes[project_id],
            stage_no=stage_no,
            round_no=1,
            created=created,
            due=rules.due_at_of(due_day),
            status=rules.OPEN,
            closed=None,
            rule="all",
            reviewers=reviewers,
            changes="",
            variant=rng.randrange(8),
        )
        if rng.random() < 0.5:
            batch.add_verdict(r, reviewers[-1], "approve", "ถูกต้อง", min(created + timedelta(days=1), ctx.now))
    batch.write(cur)
