"""Survey form rules: the numbers a refusal names are the numbers the form shows."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.surveys import rules

ITEMS = [
    {"id": 11, "section": "ด้านกระบวนการ", "section_position": 1},
    {"id": 12, "section": "ด้านกระบวนการ", "section_position": 1},
    {"id": 21, "section": "ด้านเจ้าหน้าที่", "section_position": 2},
    {"id": 22, "section": "ด้านเจ้าหน้าที่", "section_position": 2},
    {"id": 23, "section": "ด้านเจ้าหน้าที่", "section_position": 2},
]


def test_items_are_numbered_section_dot_position_within_the_section():
    assert rules.item_numbers(ITEMS) == {11: "1.1", 12: "1.2", 21: "2.1", 22: "2.2", 23: "2.3"}
    assert rules.item_numbers([]) == {}


def test_a_missing_answer_is_named_by_the_number_the_form_shows():
    ids = [i["id"] for i in ITEMS]
    with pytest.raises(ValidationError) as error:
        rules.clean_scores(ids, {11: 5, 12: 4, 21: 3}, False, rules.item_numbers(ITEMS))
    assert error.value.message("th") == "กรุณาตอบให้ครบทุกข้อ (ยังไม่ได้ตอบข้อ 2.2, 2.3)"
    with pytest.raises(ValidationError) as error:
        rules.clean_scores(ids, {11: 5, 12: 4, 21: 3, 22: 9, 23: 1}, False, rules.item_numbers(ITEMS))
    assert error.value.params["item"] == "2.2"


def test_without_numbers_a_missing_answer_is_named_by_its_position():
    with pytest.raises(ValidationError) as error:
        rules.clean_scores([1, 2, 3], {1: 5, 3: 4}, False)
    assert error.value.params["items"] == "2"
