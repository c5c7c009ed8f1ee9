"""Demo surveys: one per system and fiscal year, with realistic answers in bulk.

E-services get citizens' surveys, internal systems staff surveys (the student information system
a schools survey). Past years ran in July and were processed within a few days; in the current
fiscal year the surveys are open now, except one internal survey that closed three days ago and
waits to be processed. Means land between about 3.8 and 4.6; about 2 % of citizens' answers are
"no opinion"; a few suggestions carry a phone number to show the masking. Rows are generated with
numpy and inserted from DataFrames (one INSERT per table), so a large scale stays fast.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import duckdb
import numpy as np
import pandas as pd

from core import audit
from core.demo import DemoContext
from core.surveys import rules
from core.thaidate import ce_year, fiscal_year_bounds

SUGGESTIONS_CITIZEN = [
    "อยากให้มีระบบแจ้งเตือนผ่าน LINE เมื่อคำร้องดำเนินการเสร็จ",
    "หน้าเว็บโหลดช้าในช่วงเช้าวันจันทร์",
    "ตัวอักษรบนมือถือเล็กไป ผู้สูงอายุอ่านยาก",
    "เจ้าหน้าที่บริการดีมาก ให้คำแนะนำชัดเจน",
    "ควรเพิ่มช่องทางชำระเงินผ่านแอปธนาคาร",
    "ขั้นตอนการยืนยันตัวตนยุ่งยาก อยากให้ง่ายกว่านี้",
    "ที่จอดรถหน้าสำนักงานไม่เพียงพอ",
    "ขอบคุณเทศบาลที่ทำระบบนี้ ไม่ต้องเดินทางมาที่สำนักงาน",
    "ระบบล่มตอนจะชำระภาษีวันสุดท้าย กรุณาติดต่อกลับที่ 081-234-5678",
    "ยื่นคำร้องแล้วยังไม่มีคนติดต่อกลับ โทร 0891234567 ได้ครับ",
    "อยากให้มีคู่มือเป็นวิดีโอสั้น ๆ",
    "เลขบัตรประชาชน 1 3401 00123 45 6 กรอกแล้วระบบแจ้งว่าไม่ถูกต้อง",
]
SUGGESTIONS_STAFF = [
    "อยากให้เชื่อมข้อมูลกับระบบ e-LAAS โดยตรง",
    "ควรจัดอบรมการใช้งานเพิ่มสำหรับเจ้าหน้าที่ใหม่",
    "รายงานควรส่งออกเป็น Excel ได้",
    "ระบบช้าในช่วงสิ้นเดือน",
    "ขอบคุณงานคอมพิวเตอร์ที่ช่วยแก้ปัญหารวดเร็ว",
    "อยากให้ใช้งานบนแท็บเล็ตได้สะดวกขึ้น",
    "ติดต่อสอบถามเพิ่มเติมได้ที่ 045-321-234 ต่อ 201",
]

P_SEX = ([0.44, 0.52, 0.04], ("male", "female", "unspecified"))
P_AGE_CITIZEN = ([0.05, 0.18, 0.24, 0.22, 0.18, 0.13], rules.DEMOGRAPHICS["age_band"])
P_AGE_STAFF = ([0.0, 0.2, 0.35, 0.28, 0.17, 0.0], rules.DEMOGRAPHICS["age_band"])
P_EDU_CITIZEN = ([0.18, 0.3, 0.17, 0.3, 0.05], rules.DEMOGRAPHICS["education"])
P_EDU_STAFF = ([0.0, 0.08, 0.17, 0.55, 0.2], rules.DEMOGRAPHICS["education"])
P_OCC_CITIZEN = ([0.08, 0.17, 0.22, 0.14, 0.08, 0.2, 0.08, 0.03], rules.DEMOGRAPHICS["occupation"])
P_TYPE_CITIZEN = ([0.86, 0.0, 0.0, 0.11, 0.03], rules.DEMOGRAPHICS["respondent_type"])


def _choice(gen: np.random.Generator, spec, size: int) -> np.ndarray:
    probs, values = spec
    p = np.array(probs, dtype=float)
    return gen.choice(np.array(values, dtype=object), size=size, p=p / p.sum())


def seed(cur: duckdb.DuckDBPyConnection, ctx: DemoContext) -> None:
    gen = np.random.default_rng(ctx.rng.getrandbits(32))
    systems = cur.execute(
        "SELECT id, code, name_th, kind, in_service_since FROM systems"
        " WHERE in_service_since IS NOT NULL ORDER BY id"
    ).fetchall()
    creator = "itofficer"
    current_fy = ctx.fiscal_years[-1]
    today = ctx.now.date()
    response_frames, answer_frames = [], []
    key = 0
    internal_seen = 0
    for fy in ctx.fiscal_years:
        for system_id, code, name, kind, in_service_since in systems:
            if in_service_since > fiscal_year_bounds(fy)[1]:
                continue  # no satisfaction survey of a system before it went live
            template = "eservice" if kind == "eservice" else "internal"
            audience = "citizens" if kind == "eservice" else ("schools" if code == "STUDENT" else "staff")
            if fy < current_fy:
                opens = date(ce_year(fy), 7, 1)
                closes = date(ce_year(fy), 7, 31)
                processed = datetime.combine(closes + timedelta(days=int(gen.integers(1, 4))), time(10, 30))
            else:
                if kind == "internal":
                    internal_seen += 1
                if kind == "internal" and internal_seen == 3:
                    opens, closes = today - timedelta(days=33), today - timedelta(days=3)
                else:
                    opens, closes = today - timedelta(days=21), today + timedelta(days=9)
                processed = None
            title = f"แบบสำรวจความพึงพอใจต่อ{name} ปีงบประมาณ {fy}"
            survey_code = rules.make_code(code, None, fy, 1)
            n_resp = int(ctx.rng.randint(60, 150) * ctx.scale_of("surveys"))
            if fy == current_fy and closes >= today:
                n_resp = max(8, n_resp * 2 // 3)  # still collecting
            survey_id = cur.execute(
                "INSERT INTO surveys (code, title, system_id, counter_name, fiscal_year, audience, opens_on,"
                " closes_on, allow_no_opinion, require_token, population, target_count, processed_at,"
                " processed_by, created_by, created_at, updated_at)"
                " VALUES (?, ?, ?, '', ?, ?, ?, ?, TRUE, FALSE, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [
                    survey_code,
                    title,
                    system_id,
                    fy,
                    audience,
                    opens,
                    closes,
                    None,
                    max(60, n_resp),
                    processed,
                    creator if processed else None,
                    creator,
                    datetime.combine(opens - timedelta(days=7), time(9)),
                    datetime.combine(opens - timedelta(days=7), time(9)),
                ],
            ).fetchone()[0]
            item_ids = []
            position = 0
            for s_pos, (section, texts) in enumerate(rules.template_for(template), 1):
                section_id = cur.execute(
                    "INSERT INTO survey_sections (survey_id, position, title) VALUES (?, ?, ?) RETURNING id",
                    [survey_id, s_pos, section],
                ).fetchone()[0]
                for text in texts:
                    position += 1
                    item_ids.append(
                        cur.execute(
                            "INSERT INTO survey_items (survey_id, section_id, position, text) VALUES (?, ?, ?, ?)"
                            " RETURNING id",
                            [survey_id, section_id, position, text],
                        ).fetchone()[0]
                    )
            keys = np.arange(key, key + n_resp)
            key += n_resp
            last = min(closes, today)
            span = max(1, (last - opens).days + 1)
            start = pd.Timestamp(datetime.combine(opens, time(8, 30)))
            stamps = (
                start
                + pd.to_timedelta(gen.integers(0, span, n_resp), unit="D")
                + pd.to_timedelta(gen.integers(0, 8 * 3600, n_resp), unit="s")
            )
            citizen = audience == "citizens"
            if citizen:
                rtype = _choice(gen, P_TYPE_CITIZEN, n_resp)
                age = _choice(gen, P_AGE_CITIZEN, n_resp)
                edu = _choice(gen, P_EDU_CITIZEN, n_resp)
                occ = _choice(gen, P_OCC_CITIZEN, n_resp)
                pool = SUGGESTIONS_CITIZEN
            else:
                rtype = np.full(n_resp, "school" if audience == "schools" else "staff", dtype=object)
                age = _choice(gen, P_AGE_STAFF, n_resp)
                edu = _choice(gen, P_EDU_STAFF, n_resp)
                occ = np.full(n_resp, "civil_servant", dtype=object)
                pool = SUGGESTIONS_STAFF
            has_suggestion = gen.random(n_resp) < 0.08
            picks = gen.integers(0, len(pool), n_resp)
            suggestion = np.where(has_suggestion, np.array(pool, dtype=object)[picks], "")
            response_frames.append(
                pd.DataFrame(
                    {
                        "rk": keys,
                        "survey_id": survey_id,
                        "rtype": rtype,
                        "sex": _choice(gen, P_SEX, n_resp),
                        "age": age,
                        "edu": edu,
                        "occ": occ,
                        "suggestion": suggestion,
                        "submitted_at": stamps.astype("datetime64[us]"),
                    }
                )
            )
            # scores: survey level + person + item effects + noise, rounded and clipped to 1..5
            mu = gen.uniform(3.85, 4.55)
            person = gen.normal(0, 0.35, n_resp)[:, None]
            item = gen.normal(0, 0.15, len(item_ids))[None, :]
            latent = mu + person + item + gen.normal(0, 0.55, (n_resp, len(item_ids)))
            scores = np.clip(np.rint(latent), 1, 5).astype(np.int8)
            if citizen:
                scores[gen.random(scores.shape) < 0.02] = 0
            answer_frames.append(
                pd.DataFrame(
                    {
                        "rk": np.repeat(keys, len(item_ids)),
                        "survey_id": survey_id,
                        "item_id": np.tile(np.array(item_ids, dtype=np.int32), n_resp),
                        "score": scores.reshape(-1),
                    }
                )
            )
    if not response_frames:
        return
    responses = pd.concat(response_frames, ignore_index=True)
    answers = pd.concat(answer_frames, ignore_index=True)
    cur.register("demo_survey_responses", responses)
    cur.execute(
        "INSERT INTO survey_responses (survey_id, submission_id, channel, respondent_type, sex, age_band,"
        " education, occupation, suggestion, submitted_at)"
        " SELECT survey_id, 'demo-' || rk, 'import', rtype, sex, age, edu, occ, suggestion, submitted_at"
        " FROM demo_survey_responses ORDER BY rk"
    )
    cur.unregister("demo_survey_responses")
    cur.register("demo_survey_answers", answers)
    cur.execute(
        "INSERT INTO survey_answers (response_id, survey_id, item_id, score)"
        " SELECT r.id, a.survey_id, a.item_id, a.score FROM demo_survey_answers a"
        " JOIN survey_responses r ON r.submission_id = 'demo-' || a.rk"
    )
    cur.unregister("demo_survey_answers")
    audit.record(
        cur,
        actor="system",
        action="demo.surveys",
        entity="database",
        entity_id=None,
        at=ctx.now,
        detail={"responses": len(responses), "answers": len(answers)},
    )
