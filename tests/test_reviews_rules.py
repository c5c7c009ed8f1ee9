"""Gate rules of the review sign-off: quorum, voiding by changed artifacts, no double signing."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import DomainError, Forbidden, ValidationError
from core.reviews import rules
from core.reviews.rules import Verdict

T0 = datetime(2026, 11, 24, 10, 0)
H1 = rules.content_hash(["a" * 64])
H2 = rules.content_hash(["a" * 64, "b" * 64])

hex_hashes = st.lists(st.text("0123456789abcdef", min_size=64, max_size=64), min_size=1, max_size=6)


def approve(reviewer, h=H1, minutes=0):
    return Verdict(reviewer, "approve", h, T0 + timedelta(minutes=minutes))


def sign_kwargs(**over):
    values = dict(
        status="open",
        required_ids=[1, 2, 3],
        verdicts=[],
        current_hash=H1,
        actor_id=1,
        reviewer_id=1,
        verdict="approve",
        comment="",
        seen_hash=H1,
    )
    values.update(over)
    return values


# -- content hash ------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(hex_hashes, st.randoms())
def test_the_content_hash_does_not_depend_on_upload_order(hashes, rnd):
    shuffled = list(hashes)
    rnd.shuffle(shuffled)
    assert rules.content_hash(hashes) == rules.content_hash(shuffled)


@settings(max_examples=60, deadline=None)
@given(hex_hashes, st.text("0123456789abcdef", min_size=64, max_size=64))
def test_adding_any_artifact_changes_the_content_hash(hashes, extra):
    assert rules.content_hash(hashes) != rules.content_hash(hashes + [extra])


def test_the_content_hash_is_sha256_over_the_sorted_hashes_one_per_line():
    import hashlib

    expected = hashlib.sha256(("a" * 64 + "\n" + "b" * 64).encode()).hexdigest()
    assert rules.content_hash(["b" * 64, "a" * 64]) == expected


# -- quorum ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "rule,required,needed",
    [
        ("all", 3, 3),
        ("majority", 3, 2),
        ("majority", 2, 2),
        ("majority", 4, 3),
        ("majority", 1, 1),
        ("all", 1, 1),
    ],
)
def test_approvals_needed_follow_the_rule(rule, required, needed):
    assert rules.approvals_needed(rule, required) == needed


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 9), st.data())
def test_a_round_passes_exactly_when_enough_required_reviewers_approve(n, data):
    required = list(range(1, n + 1))
    approvers = data.draw(st.lists(st.sampled_from(required), unique=True))
    rule = data.draw(st.sampled_from(rules.PASS_RULES))
    verdicts = [approve(r, minutes=i) for i, r in enumerate(approvers)]
    passed = rules.outcome(rule, required, verdicts, H1) == rules.PASSED
    assert passed == (len(approvers) >= rules.approvals_needed(rule, n))
    if rule == "all":
        assert passed == (set(approvers) == set(required))
    else:
        assert passed == (2 * len(approvers) > n)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.data())
def test_any_counted_request_for_changes_or_rejection_fails_the_round(n, data):
    required = list(range(1, n + 1))
    approvers = data.draw(st.lists(st.sampled_from(required), unique=True))
    objector = data.draw(st.sampled_from(required))
    kind = data.draw(st.sampled_from(["changes", "reject"]))
    verdicts = [approve(r) for r in approvers if r != objector]
    verdicts.append(Verdict(objector, kind, H1, T0 + timedelta(hours=1)))
    assert rules.outcome(data.draw(st.sampled_from(rules.PASS_RULES)), required, verdicts, H1) == rules.FAILED


def test_approvals_of_people_not_required_do_not_count():
    assert rules.outcome("all", [1, 2], [approve(1), approve(9)], H1) == rules.OPEN


# -- voiding -----------------------------------------------------------------------------------
@settings(max_examples=80, deadline=None)
@given(st.integers(1, 7), st.data())
def test_verdicts_on_an_earlier_artifact_set_never_count(n, data):
    required = list(range(1, n + 1))
    old_signers = data.draw(st.lists(st.sampled_from(required), unique=True))
    new_signers = data.draw(st.lists(st.sampled_from(required), unique=True))
    rule = data.draw(st.sampled_from(rules.PASS_RULES))
    verdicts = [approve(r, H1) for r in old_signers] + [approve(r, H2, 5) for r in new_signers]
    # the outcome on H2 is the outcome of the H2 verdicts alone
    assert rules.outcome(rule, required, verdicts, H2) == rules.outcome(
        rule, required, [v for v in verdicts if v.content_hash == H2], H2
    )
    assert set(rules.counted(verdicts, H2)) == set(new_signers)


def test_a_request_for_changes_on_a_replaced_artifact_set_no_longer_blocks():
    verdicts = [Verdict(1, "changes", H1, T0), approve(1, H2, 10), approve(2, H2, 11)]
    assert rules.outcome("all", [1, 2], verdicts, H2) == rules.PASSED
    assert rules.is_void(verdicts[0], H2)


def test_after_an_artifact_change_every_earlier_approver_is_pending_again():
    verdicts = [approve(1, H1), approve(2, H1)]
    assert rules.pending_reviewers([1, 2, 3], verdicts, H1) == [3]
    assert rules.pending_reviewers([1, 2, 3], verdicts, H2) == [1, 2, 3]


# -- who may sign ------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.sampled_from(rules.VERDICTS))
def test_no_reviewer_signs_the_same_artifact_set_twice(reviewer, verdict):
    earlier = [Verdict(reviewer, "approve", H1, T0)]
    with pytest.raises(DomainError) as refused:
        rules.check_sign(
            **sign_kwargs(
                required_ids=[1, 2, 3, 4, 5],
                verdicts=earlier,
                actor_id=reviewer,
                reviewer_id=reviewer,
                verdict=verdict,
                comment="x",
            )
        )
    assert refused.value.code == "reviews.already_signed"


def test_a_reviewer_whose_verdict_was_voided_may_sign_the_new_set():
    rules.check_sign(**sign_kwargs(verdicts=[approve(1, H1)], current_hash=H2, seen_hash=H2))


def test_nobody_signs_for_someone_else():
    with pytest.raises(Forbidden) as refused:
        rules.check_sign(**sign_kwargs(actor_id=1, reviewer_id=2))
    assert refused.value.code == "reviews.not_for_others"


def test_a_user_not_required_cannot_sign():
    with pytest.raises(Forbidden) as refused:
        rules.check_sign(**sign_kwargs(actor_id=7, reviewer_id=7))
    assert refused.value.code == "reviews.not_required"


@pytest.mark.parametrize("status", ["passed", "failed"])
def test_a_closed_round_cannot_be_signed(status):
    with pytest.raises(DomainError) as refused:
        rules.check_sign(**sign_kwargs(status=status))
    assert refused.value.code == "reviews.round_closed"


@pytest.mark.parametrize("verdict", ["changes", "reject"])
@pytest.mark.parametrize("comment", ["", "   \n "])
def test_asking_for_changes_or_rejecting_needs_a_comment(verdict, comment):
    with pytest.raises(ValidationError) as refused:
        rules.check_sign(**sign_kwargs(verdict=verdict, comment=comment))
    assert refused.value.code == "reviews.comment_required"


def test_a_verdict_on_artifacts_other_than_those_seen_is_refused():
    with pytest.raises(DomainError) as refused:
        rules.check_sign(**sign_kwargs(seen_hash=H2))
    assert refused.value.code == "reviews.artifacts_changed"


# -- time --------------------------------------------------------------------------------------
def test_a_verdict_after_the_due_time_is_late_and_an_open_round_past_it_overdue():
    due = rules.due_at_of(date(2026, 11, 27))
    assert due == datetime(2026, 11, 27, 16, 30)
    assert not rules.is_late(due, due) and rules.is_late(due + timedelta(minutes=1), due)
    assert rules.is_overdue("open", due, due + timedelta(seconds=1))
    assert not rules.is_overdue("passed", due, due + timedelta(days=3))


# -- round input -------------------------------------------------------------------------------
def round_input(**over):
    values = dict(
        stage_no=7,
        round_no=1,
        changes="",
        reviewer_count=2,
        pass_rule="all",
        due_at=T0 + timedelta(days=3),
        now=T0,
        artifact_count=1,
    )
    values.update(over)
    return values


@pytest.mark.parametrize(
    "over,code",
    [
        ({"stage_no": 8}, "reviews.gate_invalid"),
        ({"pass_rule": "most"}, "reviews.rule_invalid"),
        ({"round_no": 2, "changes": " "}, "reviews.changes_required"),
        ({"reviewer_count": 0}, "reviews.reviewers_required"),
        ({"due_at": T0}, "reviews.due_in_past"),
        ({"artifact_count": 0}, "reviews.artifacts_required"),
    ],
)
def test_a_round_with_bad_input_is_refused(over, code):
    with pytest.raises(ValidationError) as refused:
        rules.check_round_input(**round_input(**over))
    assert refused.value.code == code


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.org/a", "https://", "proto.local/x", "https://a b.org"]
)
def test_only_http_links_with_a_host_are_accepted(url):
    with pytest.raises(ValidationError):
        rules.check_link("", url)


def test_a_link_without_a_label_is_labelled_by_its_url():
    assert rules.check_link(" ", " https://proto.example/app ") == (
        "https://proto.example/app",
        "https://proto.example/app",
    )
