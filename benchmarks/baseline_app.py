"""The trivial baseline the load test compares Pattana with: one form, one row per submit.

    PATTANA_BASELINE_DB=/tmp/baseline.duckdb python -m streamlit run benchmarks/baseline_app.py

One ``st.form`` with one text input and a submit button; each submit writes one row through
Pattana's ``Database.write`` (the same write path as the app) and shows ``st.success`` as the
acknowledgement, with the row's id. ``PATTANA_BASELINE_QUESTIONS=10`` adds ten five-point radio
questions to the form (a questionnaire of the public survey page's size; issue 18), stored in the
same row.
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
    " answer VARCHAR NOT NULL, scores VARCHAR, at_time TIMESTAMP NOT NULL)"
)


QUESTIONS = int(os.environ.get("PATTANA_BASELINE_QUESTIONS", "0"))
SCALE = ["1", "2", "3", "4", "5"]


@st.cache_resource
def database() -> Database:
    db = Database(os.environ.get("PATTANA_BASELINE_DB", "data/baseline.duckdb"))
    db.write(lambda cur: cur.execute(TABLE_SQL))
    return db


def main() -> None:
    db = database()
    st.title("Baseline survey")
    with st.form("answer", clear_on_submit=True):
        scores = [
            st.radio(f"Question {n}", SCALE, index=None, horizontal=True, key=f"q{n}")
            for n in range(1, QUESTIONS + 1)
        ]
        answer = st.text_input("Answer")
        sent = st.form_submit_button("Send")
    if sent:
        row_id = db.write(
            lambda cur: cur.execute(
                "INSERT INTO baseline_responses (answer, scores, at_time) VALUES (?, ?, ?) RETURNING id",
                [answer, ",".join(s or "" for s in scores), datetime.now()],
            ).fetchone()[0]
        )
        st.success(f"Thank you (#{row_id})")


main()
