"""The demo seeder: rounds behind the gates already signed, open rounds for projects at step 7/9."""

import random
import sys
import types
from datetime import timedelta

import pandas as pd

from core.demo import DemoContext
from core.reviews import repository, rules
from core.reviews.demo import seed
from core.stages.services import open_project
from tests.conftest import FIXED_NOW, actor_of


def test_seeded_rounds_match_the_signed_gates_and_open_rounds_wait_for_the_demo_reviewers(
    demo_db, monkeypatch
):
    officer = actor_of(demo_db, "itofficer")

    def make(cur):
        ids = [
            open_project(
                cur,
                actor=officer,
                now=FIXED_NOW - timedelta(days=200 - i),
                name=f"โครงการ {i}",
                proposal_id=None,
                unit_code="OFFICE",
                responsible_user_id=officer.user_id,
            )
            for i in range(8)
        ]
        for pid in ids[:5]:
            cur.execute(
                "INSERT INTO gate_signoffs (project_id, stage_no, passed_at) VALUES (?, 7, ?)",
                [pid, FIXED_NOW - timedelta(days=60 + pid)],
            )
        for pid in ids[:2]:
            cur.execute(
                "INSERT INTO gate_signoffs (project_id, stage_no, passed_at) VALUES (?, 9, ?)",
                [pid, FIXED_NOW - timedelta(days=20 + pid)],
            )
        return ids

    ids = demo_db.write(make)
    # the stage tracker's KPI contract says where each project is now
    fake = types.ModuleType("core.stages.kpi")
    fake.portfolio = lambda cur, fys, now: pd.DataFrame(
        {"project_id": ids, "current_stage": [12, 11, 9, 9, 8, 7, 7, 5]}
    )
    package = types.ModuleType("core.stages")
    package.kpi = fake
    monkeypatch.setitem(sys.modules, "core.stages", package)
    monkeypatch.setitem(sys.modules, "core.stages.kpi", fake)

    with demo_db.read() as cur:
        users = dict(cur.execute("SELECT username, id FROM users").fetchall())
    ctx = DemoContext(
        rng=random.Random(7), now=FIXED_NOW, years=2, scale=1, fiscal_years=[2569, 2570], users=users
    )
    demo_db.write(lambda cur: seed(cur, ctx))

    with demo_db.read() as cur:
        signoffs = cur.execute("SELECT project_id, stage_no, round_id FROM gate_signoffs").fetchall()
        for project_id, stage_no, round_id in signoffs:
            rnd = repository.get_round(cur, round_id)
            assert (rnd["project_id"], rnd["stage_no"], rnd["status"]) == (project_id, stage_no, "passed")
            # the recorded verdicts really pass the round on its artifacts
            assert (
                rules.outcome(
                    rnd["pass_rule"],
                    repository.reviewer_ids(cur, round_id),
                    repository.verdicts(cur, round_id),
                    rnd["content_hash"],
                )
                == "passed"
            )
            assert rnd["content_hash"] == rules.content_hash(
                a["sha256"] for a in repository.artifacts(cur, round_id)
            )
            earlier = [r for r in repository.rounds_of(cur, project_id, stage_no) if r["id"] != round_id]
            for failed in earlier:
                assert failed["status"] == "failed"
                assert "changes" in [v.verdict for v in repository.verdicts(cur, failed["id"])]
        open_rounds = cur.execute(
            "SELECT project_id, stage_no FROM review_rounds WHERE status = 'open' ORDER BY project_id"
        ).fetchall()
        files_ok = cur.execute(
            "SELECT count(*) FROM attachments a JOIN review_artifacts r"
            " ON r.attachment_id = a.id WHERE sha256(a.content) = a.sha256"
        ).fetchone()[0]
        n_files = cur.execute("SELECT count(*) FROM review_artifacts WHERE kind = 'file'").fetchone()[0]
        pending = {u: len(repository.pending_for(cur, users[u])) for u in ("staff", "staff2", "teacher")}
        two_round_gates = cur.execute("SELECT count(*) FROM review_rounds WHERE round_no = 2").fetchone()[0]
    assert all(round_id is not None for _, _, round_id in signoffs)
    # projects 3 and 4 are at step 9 (step 7 passed), 6 and 7 at step 7; 5 at step 8 has nothing open
    assert open_rounds == [(ids[2], 9), (ids[3], 9), (ids[5], 7), (ids[6], 7)]
    assert files_ok == n_files > 0
    assert pending["staff"] == 4 and pending["staff2"] == 4
    assert two_round_gates >= 1
