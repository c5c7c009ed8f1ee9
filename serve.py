"""Serves Pattana: ``streamlit_app.py`` in Streamlit's ASGI mode, with what ``ui.web`` adds.

    python -m streamlit run serve.py --server.port 8501 --server.address 127.0.0.1

``streamlit run`` finds the ``app`` below and serves it with the same config (``.streamlit/
config.toml``, the command line's ``--server.*`` options) as it serves a plain script; the
pages, sign-in and sessions are those of ``streamlit_app.py``. What this adds: the page Streamlit
sends to a browser tells it where the server is (``ui.web.ServerBaseHint``), so a page opened
by its own URL does not first look for the server under that URL (0.1-0.25 s per load).
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.web import ServerBaseHint

app = st.App("streamlit_app.py", middleware=[Middleware(ServerBaseHint)])
