"""Pages check access themselves, and a broken database reads as a message, not a traceback."""

import pytest
from streamlit.testing.v1 import AppTest

from core.permissions import PAGE_ACCESS, can_open_page
from tests.conftest import new_app


def _render_page_as(module: str, username: str | None):
    """Run one page's render() directly, as if reached without the entry file's navigation."""

    def script(module_name, user):
        import importlib

        import streamlit as st

        if user:
            st.session_state["authentication_status"] = True
            st.session_state["username"] = user
        importlib.import_module(module_name).render()

    at = AppTest.from_function(script, args=(module, username), default_timeout=60)
    return at.run()


@pytest.mark.parametrize("username", ["staff", "executive", None])
def test_the_users_page_refuses_anyone_but_an_admin_even_without_the_navigation(app_env, username):
    at = _render_page_as("pages.admin_users_page", username)
    assert not at.exception
    assert not at.dataframe
    assert at.error or at.warning


def test_the_users_page_renders_for_an_admin_reached_directly(app_env):
    at = _render_page_as("pages.admin_users_page", "admin")
    assert not at.exception
    assert at.dataframe


def test_the_navigation_offers_exactly_the_existing_pages_a_role_may_open(signed_in):
    from pages import PAGES

    existing = {page.key for page in PAGES}
    for username, roles in (("executive", {"executive"}), ("ithead", {"it_head"}), ("admin", {"admin"})):
        at = signed_in(username)
        offered = set(at.session_state["pattana_pages"])
        expected = {key for key in existing if key in PAGE_ACCESS and can_open_page(roles, key)}
        expected |= {key for key in existing if key not in PAGE_ACCESS}  # public pages
        assert offered == expected, username


def test_a_corrupt_database_file_is_reported_in_thai_without_a_traceback(tmp_path, monkeypatch):
    import streamlit as st

    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("PATTANA_DB", str(broken))
    monkeypatch.setenv("PATTANA_COOKIE_KEY", "k" * 40)
    st.cache_resource.clear()
    at = new_app().run()
    st.cache_resource.clear()
    assert not at.exception
    assert "ไม่สามารถเปิดฐานข้อมูลได้" in at.error[0].body
    assert "Traceback" not in at.error[0].body


def test_a_database_from_a_newer_version_is_refused_with_a_message(demo_db_path, monkeypatch):
    import duckdb
    import streamlit as st

    with duckdb.connect(str(demo_db_path)) as con:
        con.execute("INSERT INTO schema_version VALUES (999, 'future', now())")
    monkeypatch.setenv("PATTANA_DB", str(demo_db_path))
    monkeypatch.setenv("PATTANA_COOKIE_KEY", "k" * 40)
    st.cache_resource.clear()
    at = new_app().run()
    st.cache_resource.clear()
    assert "รุ่นที่ใหม่กว่า" in at.error[0].body
