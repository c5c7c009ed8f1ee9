"""Streamlit's own English replaced by Thai in the widgets every page uses (ui/widgets.py, issue 16)."""

from streamlit.testing.v1 import AppTest


def _app():
    import streamlit as st

    from ui import widgets

    widgets.select_one(st, "หน่วยงาน", ["กองคลัง", "กองช่าง"], index=None, key="one")
    widgets.select_one(st, "ระบบ", [], key="none")
    widgets.select_many(st, "ปีงบประมาณ", [2568, 2569, 2570], key="many")
    with widgets.form(st, "f"):
        st.text_input("ชื่อ", key="name")
        st.form_submit_button("บันทึก")
    widgets.file_input(st, "ภาพหน้าจอ", types=["png", "jpg", "jpeg"], max_bytes=5 * 1024 * 1024, key="up")


def test_select_boxes_say_choose_in_thai_and_an_empty_list_says_there_is_nothing_to_choose():
    at = AppTest.from_function(_app).run()
    assert not at.exception
    assert at.selectbox(key="one").proto.placeholder == "เลือกรายการ"
    assert at.selectbox(key="none").proto.placeholder == "ไม่มีรายการให้เลือก"
    many = at.multiselect(key="many")
    assert many.proto.placeholder == "เลือกได้หลายรายการ"


def test_forms_do_not_offer_streamlits_enter_hint_and_uploads_state_their_limit_in_thai():
    at = AppTest.from_function(_app).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert "ไฟล์ละไม่เกิน 5 เมกะไบต์ · ชนิด JPG, PNG" in captions
    forms = [
        block for block in at._tree.children[0].children.values() if getattr(block, "type", "") == "form"
    ]
    assert forms and all(not f.proto.form.enter_to_submit for f in forms)
