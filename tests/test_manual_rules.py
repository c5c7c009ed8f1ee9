"""Rules and figures to the letter of the work manual and of Thai practice (issue 15).

Each test names the manual's step it checks."""

from __future__ import annotations

from decimal import Decimal

from core.proposals import documents


# -- step 3: the approval memo states the budget in words ------------------------------------------
def test_step_3_memo_reads_one_million_and_one_baht_with_the_et_rule():
    assert documents.baht_text(1_000_001) == "หนึ่งล้านเอ็ดบาทถ้วน"
    assert documents.baht_text(Decimal("2000011.25")) == "สองล้านสิบเอ็ดบาทยี่สิบห้าสตางค์"
    assert documents.baht_text(101) == "หนึ่งร้อยเอ็ดบาทถ้วน"
    assert documents.budget_sentence({"budget_kind": "amount", "budget_amount": Decimal("1000001")}) == (
        "งบประมาณ 1,000,001.00 บาท (หนึ่งล้านเอ็ดบาทถ้วน)")
