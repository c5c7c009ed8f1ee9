"""The trivial baseline the load test compares Pattana with: one form, one row per submit.

    PATTANA_BASELINE_DB=/tmp/baseline.duckdb python -m streamlit run benchmarks/baseline_app.py

One ``st.form`` with one text input and a submit button; each submit writes one row through
Pattana's ``Database.write`` (the same write path as the app) and shows ``st.success`` as the
acknowledgement, with the row's id.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.db import Database  # noqa: E402

TABLE_SQL = (
    "CREATE SEQUENCE IF NOT EXISTS seq_baseline START 1;"
    " CREATE TABLE IF NOT EXISTS baseline_responses ("
    " id BIGINT PRIMARY KEY DEFAULT nextval('seq_baseline'),"
    " answer VARCHAR NOT NULL, at_time TIMESTAMP NOT NULL)"
)


@st.cache_resource
def database() -> Database:
    db = Database(os.environ.get("PATTANA_BASELINE_DB", "data/baseline.duckdb"))
    db.write(lambda cur: cur.execute(TABLE_SQL))
    return db


def main() -> None:
    db = database()
    st.title("Baseline survey")
    with st.form("answer", clear_on_submit=True):
        answer = st.text_input("Answer")
        sent = st.form_submit_button("Send")
    if sent:
        row_id = db.write(
            lambda cur: cur.execute(
                "INSERT INTO baseline_responses (answer, at_time) VALUES (?, ?) RETURNING id",
                [answer, datetime.now()],
            ).fetchone()[0]
        )
        st.success(f"Thank you (#{row_id})")


main()
