"""Notifications written by other areas' services: a proposal submitted reaches the director and
one proposed the executive; a review round reaches each required reviewer; a closed survey not
yet processed reaches whoever created it (the scheduler's scan), once."""

from datetime import date, timedelta

from core.reliability import watch
from tests.test_proposals_services import NOW, people, through_to_proposed  # noqa: F401 (fixture)
from tests.test_reviews_services import open_round, world  # noqa: F401 (fixture)


def _to(db, kind):
    with db.read() as cur:
        return sorted(
            r[0]
            for r in cur.execute(
                "SELECT u.username FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE n.kind = ?",
                [kind],
            ).fetchall()
        )


def test_a_submitted_proposal_reaches_the_director_and_a_proposed_one_the_executive(db, people):  # noqa: F811
    through_to_proposed(db, people)
    assert _to(db, "proposal_submitted") == ["director"]
    assert _to(db, "proposal_proposed") == ["executive"]
    with db.read() as cur:
        page, query = cur.execute(
            "SELECT page, query_json FROM notifications WHERE kind = 'proposal_proposed'"
        ).fetchone()
    assert page == "proposals" and '"proposal"' in query


def test_a_review_round_reaches_each_required_reviewer(world):  # noqa: F811
    open_round(world, reviewers=("alice", "bob"))
    assert _to(world["db"], "review_round") == ["staff", "staff2"]


def test_a_closed_survey_waiting_to_be_processed_reaches_its_creator_once(demo_db):
    with demo_db.read() as cur:
        survey_id, creator = cur.execute("SELECT id, created_by FROM surveys ORDER BY id LIMIT 1").fetchone()
    when = NOW
    demo_db.write(
        lambda cur: cur.execute(
            "UPDATE surveys SET closes_on = ?, processed_at = NULL, purged_at = NULL WHERE id = ?",
            [date(2026, 11, 23), survey_id],
        )
    )
    watch.scan(demo_db, when)
    watch.scan(demo_db, when + timedelta(minutes=1))
    with demo_db.read() as cur:
        rows = cur.execute(
            "SELECT u.username FROM notifications n JOIN users u ON u.id = n.recipient_id"
            " WHERE n.kind = 'survey_closed' AND n.event_key = ?",
            [f"survey_closed:{survey_id}"],
        ).fetchall()
    assert rows == [(creator,)]
