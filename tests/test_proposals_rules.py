"""The pure rules of steps 1-3: the approval chain as a state machine, budgets, completeness,
version diffs and working-day time standards."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.errors import DomainError, Forbidden, ValidationError
from core.permissions import ROLES
from core.proposals import rules
from core.workcalendar import build_calendar

IT_HEAD, DIRECTOR, EXECUTIVE = {"it_head"}, {"director"}, {"executive"}


def test_the_happy_chain_goes_draft_submitted_proposed_approved():
    status = rules.transition("draft", "submit", IT_HEAD)
    status = rules.transition(status, "propose", DIRECTOR)
    assert rules.transition(status, "approve", EXECUTIVE) == "approved"


def test_approving_twice_is_refused_as_a_wrong_state():
    with pytest.raises(DomainError) as error:
        rules.transition("approved", "approve", EXECUTIVE)
    assert error.value.code == "proposals.wrong_state"
    assert "อนุมัติแล้ว" in error.value.message("th")


def test_approving_as_the_director_is_forbidden():
    with pytest.raises(Forbidden):
        rules.transition("proposed", "approve", DIRECTOR)


def test_the_executive_cannot_skip_the_director():
    with pytest.raises(DomainError):
        rules.transition("submitted", "approve", EXECUTIVE)


@pytest.mark.parametrize(
    "action,status,roles",
    [
        ("return_by_director", "submitted", DIRECTOR),
        ("return_by_executive", "proposed", EXECUTIVE),
        ("reject", "proposed", EXECUTIVE),
    ],
)
def test_returning_or_rejecting_needs_a_reason(action, status, roles):
    with pytest.raises(ValidationError):
        rules.transition(status, action, roles, "  ")
    assert rules.transition(status, action, roles, "ขอให้แก้ไขเป้าหมาย") in ("returned", "rejected")


def test_a_returned_proposal_is_revised_as_the_next_version():
    assert rules.version_after("return_by_director", 1) == 2
    assert rules.version_after("submit", 2) == 2


def test_only_drafts_and_returned_proposals_are_editable():
    rules.check_editable("draft")
    rules.check_editable("returned")
    for status in ("submitted", "proposed", "approved", "rejected"):
        with pytest.raises(DomainError) as error:
            rules.check_editable(status)
        assert error.value.code == "proposals.not_editable"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("250,000", Decimal("250000.00")),
        ("0", Decimal("0.00")),
        (" 1500.5 บาท", Decimal("1500.50")),
        (120000, Decimal("120000.00")),
    ],
)
def test_budget_amounts_are_read_as_typed(text, expected):
    assert rules.parse_budget("amount", text) == ("amount", expected)


@pytest.mark.parametrize(
    "text,code",
    [
        ("-5", "proposals.budget_negative"),
        ("abc", "proposals.budget_not_number"),
        ("1e400", "proposals.budget_too_large"),
        ("nan", "proposals.budget_not_number"),
        ("10.001", "proposals.budget_decimals"),
        ("", "proposals.budget_amount_required"),
    ],
)
def test_bad_budgets_are_refused_with_their_reason(text, code):
    with pytest.raises(ValidationError) as error:
        rules.parse_budget("amount", text)
    assert error.value.code == code


def test_no_budget_is_an_explicit_choice_and_not_missing():
    assert rules.parse_budget("none", "") == ("none", None)
    assert rules.parse_budget(None, "") == (None, None)
    values = {
        "objectives": "o",
        "targets": "t",
        "scope": "s",
        "budget_kind": "none",
        "responsible_user_id": 3,
    }
    assert rules.missing_parts(values) == []
    assert rules.missing_parts({**values, "budget_kind": None}) == ["budget"]


def test_an_end_date_before_the_start_is_refused():
    with pytest.raises(ValidationError) as error:
        rules.clean_input(
            rules.ProposalInput(title="x", start_date=date(2027, 1, 10), end_date=date(2027, 1, 9))
        )
    assert error.value.code == "proposals.end_before_start"


def test_an_incomplete_proposal_names_every_missing_part_in_thai_and_english():
    with pytest.raises(ValidationError) as error:
        rules.check_submittable({"objectives": "o", "targets": "", "scope": " ", "budget_kind": None})
    assert (
        error.value.message("th")
        == "ยังเสนอไม่ได้ ข้อเสนอโครงการยังขาด: เป้าหมาย, ขอบเขต, วงเงินงบประมาณ, ผู้รับผิดชอบโครงการ"
    )
    assert "Targets, Scope, Budget, Responsible person" in error.value.message("en")


def test_the_action_plan_keeps_activities_in_fiscal_month_order():
    plan = rules.clean_plan([{"activity": " สำรวจ ", "months": [1, 10, 12]}, {"activity": "", "months": []}])
    assert plan == [{"activity": "สำรวจ", "months": [10, 12, 1]}]
    with pytest.raises(ValidationError):
        rules.clean_plan([{"activity": "", "months": [3]}])
    with pytest.raises(ValidationError):
        rules.clean_plan([{"activity": "x", "months": [13]}])


def test_the_diff_of_two_versions_lists_only_changed_parts():
    old = {"title": "ระบบ", "targets": "100 คน", "plan": [{"activity": "a", "months": [10]}]}
    new = {"title": "ระบบ", "targets": "200 คน", "plan": [{"activity": "a", "months": [10, 11]}]}
    assert rules.diff(old, new) == [("targets", "100 คน", "200 คน"), ("plan", old["plan"], new["plan"])]


def test_working_days_skip_weekends_and_holidays():
    calendar = build_calendar([2026, 2027])
    # Fri 4 Dec 2026 -> Tue 8 Dec 2026: Sat, Sun and Mon 7 Dec (substitute for 5 Dec) are closed
    assert rules.days_taken(calendar, date(2026, 12, 4), datetime(2026, 12, 8, 9, 0)) == 1
    assert rules.deadline(calendar, date(2026, 12, 4), 1) == datetime(2026, 12, 8, 16, 30)
    assert rules.met(1, rules.CONSIDER_DAYS) and not rules.met(2, rules.CONSIDER_DAYS)


def test_driver_decisions():
    assert rules.check_decision("pending", "accept", "", 1, None, None) == "accepted"
    with pytest.raises(ValidationError):
        rules.check_decision("pending", "decline", "", 1, None, None)
    with pytest.raises(ValidationError):
        rules.check_decision("pending", "merge", "", 1, 1, "pending")
    with pytest.raises(DomainError):
        rules.check_decision("accepted", "accept", "", 1, None, None)


ROLE_SETS = [frozenset({r}) for r in ROLES] + [frozenset()]


class ApprovalChain(RuleBasedStateMachine):
    """Any sequence of any role trying any step: the rules follow the manual's chain exactly."""

    def __init__(self):
        super().__init__()
        self.status = "draft"
        self.approvals = 0
        self.history = ["draft"]

    @rule(
        action=st.sampled_from(sorted(rules.STEPS)),
        roles=st.sampled_from(ROLE_SETS),
        comment=st.sampled_from(["", "เหตุผลประกอบ"]),
    )
    def try_a_step(self, action, roles, comment):
        step = rules.STEPS[action]
        right_role = (
            any(r in {"it_head"} for r in roles)
            if step.permission == "proposal.submit"
            else any(r in {"director"} for r in roles)
            if step.permission in ("proposal.propose", "proposal.return_by_director")
            else any(r in {"executive"} for r in roles)
        )
        try:
            new = rules.transition(self.status, action, roles, comment)
        except Forbidden:
            assert not right_role
            return
        except ValidationError:
            assert step.needs_reason and not comment
            return
        except DomainError as error:
            assert error.code == "proposals.wrong_state" and self.status not in step.sources
            return
        assert right_role and self.status in step.sources
        expected_next = {
            "draft": {"submitted"},
            "returned": {"submitted"},
            "submitted": {"proposed", "returned"},
            "proposed": {"approved", "returned", "rejected"},
        }[self.status]
        assert new in expected_next
        if new == "approved":
            self.approvals += 1
        self.status = new
        self.history.append(new)

    @invariant()
    def approved_at_most_once_and_only_after_being_proposed(self):
        assert self.approvals <= 1
        if "approved" in self.history:
            assert self.history[self.history.index("approved") - 1] == "proposed"

    @invariant()
    def final_states_are_final(self):
        if self.status in rules.FINAL:
            assert rules.allowed_actions(self.status, set(ROLES)) == []


ApprovalChain.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestApprovalChain = ApprovalChain.TestCase
