"""The town's public publications (no account): ``/publications[?fy=2569]``.

What the IT head chose to publish for assessors and citizens, by fiscal year, round and item,
each with its publication date; a replaced version stays listed with what replaced it. Never
calls ``guard``: it is public, like the survey page, and renders when run as a script so a link
from the town's website works on a freshly started server. Titles are shown with ``st.text``.
"""

from __future__ import annotations

import streamlit as st

from core.assessments import queries
from ui import widgets
from ui.components import fmt_date, fy_label, language_switch
from ui.context import database, tr
from ui.registry import PageSpec


def _file(publication_id: int) -> bytes:
    with database().read() as cur:
        return queries.publication_file(cur, publication_id, public=True)[1]


def render() -> None:
    language_switch(st)
    st.title(tr("page.publications"))
    st.caption(tr("assess.public_intro"))
    with database().read() as cur:
        years = queries.publication_years(cur)
    if not years:
        st.info(tr("assess.none"))
        return
    wanted = str(st.query_params.get("fy", "") or "")[:4]
    index = years.index(int(wanted)) if wanted.isdigit() and int(wanted) in years else 0
    fy = widgets.select_one(
        st, tr("assess.year"), years, index=index, format_func=fy_label, key="publications_fy"
    )
    with database().read() as cur:
        frame = queries.publications(cur, public=True, fiscal_year=fy)
    if frame.empty:
        st.info(tr("assess.public_none"))
        return
    for round_ in ("12m", "6m"):
        rows = frame[frame["round"] == round_].to_dict("records")
        if not rows:
            continue
        st.subheader(tr(f"assess.round.{round_}"))
        for row in rows:
            with st.container(border=True):
                st.text(f"{row['item_code']} {row['title']}")
                st.caption(
                    tr("assess.public_version", version=row["version"], date=fmt_date(row["published_at"]))
                )
                if row["status"] == "replaced":
                    st.caption(
                        tr(
                            "assess.public_replaced",
                            version=int(row["replaced_by_version"]),
                            date=fmt_date(row["replaced_at"]),
                        )
                    )
                st.download_button(
                    tr("assess.download", item=f"{row['item_code']} v{row['version']}"),
                    data=lambda pid=int(row["id"]): _file(pid),
                    file_name=row["filename"],
                    mime="application/pdf",
                    on_click="ignore",
                    key=f"pub_{row['id']}",
                )


PAGE = PageSpec(key="publications", icon=":material/public:", render=render)


if __name__ == "__main__":
    # A visitor following the town website's link right after a restart: Streamlit serves
    # /publications by running this file itself until some session has run the entry file.
    render()
