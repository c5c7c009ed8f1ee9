"""The survey pages driven with AppTest: builder, results, internal answering, public page."""

from core.surveys import queries
from core.surveys import repository as repo
from pages.surveys_page import RESULT_VIEW_KEY, YEAR_LIST_KEY
from tests.conftest import FIXED_NOW, click, goto, open_tab


def test_the_it_officer_builds_a_survey_from_the_template(signed_in):
    from ui.context import database

    at = signed_in("itofficer")
    goto(at, "surveys")
    assert not at.exception
    tab_titles = [t.label for t in at.tabs]
    assert "สร้าง/แก้ไข" in tab_titles
    open_tab(at, "surveys_tab", "สร้าง/แก้ไข")  # only the open tab is drawn
    title_box = [t for t in at.text_input if t.label == "ชื่อแบบสำรวจ"][0]
    title_box.input("แบบสำรวจความพึงพอใจจุดบริการงานทะเบียน")
    counter = [t for t in at.text_input if t.label == "จุดบริการ (ถ้ามี)"][0]
    counter.input("ช่องบริการ 1 งานทะเบียนราษฎร")
    click(at, "สร้างแบบสำรวจ")
    assert not at.exception
    assert any("สร้างแบบสำรวจ" in s.body for s in at.success), [e.body for e in at.error]
    with database().read() as cur:
        frame = queries.list_surveys(cur)
        survey = frame[frame["title"] == "แบบสำรวจความพึงพอใจจุดบริการงานทะเบียน"].iloc[0]
        assert survey["counter_name"] == "ช่องบริการ 1 งานทะเบียนราษฎร"
        assert len(repo.sections_and_items(cur, int(survey["id"]))) == 13
    # the new survey is chosen in the picker at once, without reloading the page
    assert at.selectbox(key="surveys_pick").value == survey["code"]
    assert f"แก้ไขรายละเอียด: {survey['code']}" in [h.value for h in at.subheader]
    # and the creation form starts empty again (a second click creates nothing twice)
    assert [t for t in at.text_input if t.label == "ชื่อแบบสำรวจ"][0].value == ""
    assert [t for t in at.text_input if t.label == "จุดบริการ (ถ้ามี)"][0].value == ""


def test_the_results_tab_shows_the_figures_of_a_demo_survey(signed_in):
    at = signed_in("director")
    goto(at, "surveys")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "ร้อยละความพึงพอใจ" in labels and "ค่าเฉลี่ย (x̄)" in labels
    frames = [d.value for d in at.dataframe]
    sections = [f for f in frames if "ด้าน" in f.columns and "x̄" in f.columns][0]
    assert sections.iloc[-1]["ด้าน"] == "ภาพรวม"
    assert 3.5 < float(sections.iloc[-1]["x̄"]) < 4.8
    assert not [f for f in frames if "ข้อ" in f.columns and "S.D." in f.columns]  # one table at a time
    (views,) = [g for g in at.get("button_group") if RESULT_VIEW_KEY in g.proto.id]
    at.session_state[views.proto.id.rsplit("-", 1)[-1]] = "by_item"  # as a click on "รายข้อ"
    at.run()
    assert not at.exception
    items = [d.value for d in at.dataframe if "ข้อ" in d.value.columns and "S.D." in d.value.columns][0]
    for column in ("x̄", "S.D."):  # every figure printed with 2 decimals or "-", never "None" or "4"
        assert all(v == "-" or (len(v.split(".")[-1]) == 2 and "." in v) for v in items[column]), list(
            items[column]
        )


def test_staff_answer_an_open_internal_survey_once(signed_in):
    at = signed_in("staff")
    goto(at, "survey_answer")
    assert not at.exception
    for radio in at.radio:
        if radio.key and "_q" in radio.key:
            radio.set_value(4)
    click(at, "ส่งแบบสอบถาม")
    assert not at.exception
    assert any("บันทึกคำตอบแล้ว" in s.body for s in at.success), [e.body for e in at.error]
    at.run()
    assert any("ตอบแบบสำรวจนี้แล้ว" in s.body or "บันทึกคำตอบแล้ว" in s.body for s in at.success)


def test_a_missing_answer_on_the_internal_form_is_refused_in_thai(signed_in):
    at = signed_in("staff2")
    goto(at, "survey_answer")
    [r for r in at.radio if "_q" in (r.key or "")][0].set_value(5)  # the first answered, the rest left
    click(at, "ส่งแบบสอบถาม")
    [message] = [e.body.replace("\\", "") for e in at.error if "กรุณาตอบให้ครบทุกข้อ" in e.body]
    # the refusal numbers the questions as the form does ("1.2" is the form's label, not "2")
    shown = [r.label.split(" ")[0] for r in at.radio if "_q" in (r.key or "")]
    assert message.endswith(f"(ยังไม่ได้ตอบข้อ {', '.join(shown[1:])})"), (message, shown)
    assert shown[:2] == ["1.1", "1.2"]


def test_the_public_survey_page_opens_on_a_compact_title_and_the_first_question(app_env):
    from tests.conftest import new_app
    from ui.context import database

    with database().read() as cur:
        code, title = cur.execute(
            "SELECT code, title FROM surveys WHERE audience = 'citizens' AND opens_on <= ? AND closes_on >= ?"
            " ORDER BY code LIMIT 1",
            [FIXED_NOW.date(), FIXED_NOW.date()],
        ).fetchone()
    at = new_app()
    at.query_params["code"] = code
    at.run()
    at = goto(at, "survey_public")
    assert not at.exception
    assert [t.value for t in at.title] == [title]  # the page's one heading
    styles = " ".join(m.value for m in at.markdown if "<style>" in m.value)
    assert "h1{font-size:1.6rem" in styles  # drawn small: a phone's first screen shows question 1.1
    questions = [r for r in at.radio if "_q" in (r.key or "")]
    assert questions[0].label.startswith("1.1 ")


def test_a_surveys_results_are_read_again_only_after_something_is_recorded(signed_in, monkeypatch):
    from core.surveys import services
    from ui.context import database

    reads = []
    report = services.survey_report
    monkeypatch.setattr(services, "survey_report", lambda cur, sid: reads.append(sid) or report(cur, sid))
    at = goto(signed_in("director"), "surveys")
    assert not at.exception
    first = list(reads)
    at.run()
    assert reads == first  # the same records: the results read a moment ago
    database().write(lambda cur: cur.execute("UPDATE settings SET updated_at = updated_at"))
    at.run()
    assert not at.exception
    assert len(reads) == len(first) + 1 and reads[-1] == first[-1]


def test_the_years_overview_is_drawn_only_once_opened_and_lists_every_survey_of_the_year(signed_in):
    at = goto(signed_in("ithead"), "surveys")
    assert not at.exception
    (overview,) = [e for e in at.expander if e.label.startswith("ภาพรวมแบบสำรวจของปี")]
    assert not [d for d in at.dataframe if "สถานะ" in d.value.columns]
    at.session_state[YEAR_LIST_KEY] = True  # as a click on the expander
    at.run()
    assert not at.exception
    (listed,) = [d.value for d in at.dataframe if "สถานะ" in d.value.columns]
    codes = at.selectbox(key="surveys_pick").options
    assert sorted(listed["รหัส"]) == sorted(code.split(" · ")[0] for code in codes)
    assert overview.label.endswith(f"({len(listed)} แบบ)")
