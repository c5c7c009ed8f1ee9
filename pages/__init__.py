"""Pattana's pages. Each module only defines ``PAGE``; the entry file registers it.

File names end in ``_page`` so that no file name equals a page's URL path (``/home`` is
registered from ``home_page.py``). Streamlit runs ``pages/<name>.py`` directly for ``/<name>``
when it falls back to its old pages-folder mode (a fresh server; AppTest on every run); with the
suffix such a URL reaches the entry file and its sign-in instead, and the file itself, run by
its own name, only defines functions and shows nothing. The public survey page is the one
exception: ``survey_public.py`` is named by its URL and renders when run as a script, so a
citizen's QR link works on a freshly started server too (it needs no account).
"""

from pages import (
    account_page,
    admin_audit_page,
    admin_health_page,
    admin_security_page,
    admin_users_page,
    assessments_page,
    dashboard_page,
    home_page,
    lpa_page,
    notifications_page,
    organisation_page,
    plan_page,
    privacy_page,
    projects_page,
    proposals_page,
    publications,
    report_page,
    reviews_page,
    settings_page,
    survey_answer_page,
    survey_public,
    surveys_page,
    tickets_page,
    trace_page,
)

# Every page, listed once (a new page is added here); the entry file builds the navigation from it.
PAGES = tuple(
    m.PAGE
    for m in (
        home_page,
        notifications_page,
        survey_answer_page,
        account_page,
        proposals_page,
        projects_page,
        reviews_page,
        tickets_page,
        surveys_page,
        privacy_page,
        dashboard_page,
        report_page,
        trace_page,
        plan_page,
        assessments_page,
        lpa_page,
        settings_page,
        organisation_page,
        admin_users_page,
        admin_security_page,
        admin_audit_page,
        admin_health_page,
        survey_public,
        publications,
    )
)
