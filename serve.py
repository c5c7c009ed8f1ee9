"""Serves Pattana: ``streamlit_app.py`` in Streamlit's ASGI mode, with what ``ui.web`` adds.

    python -m streamlit run serve.py --server.port 8501 --server.address 127.0.0.1

``streamlit run`` finds the ``app`` below and serves it with the same config (``.streamlit/
config.toml``, the command line's ``--server.*`` options) as it serves a plain script; the
pages, sign-in and sessions are those of ``streamlit_app.py``. What this adds:

- the page Streamlit sends to a browser tells it where the server is (``ui.web.ServerBaseHint``),
  so a page opened by its own URL does not first look for the server under that URL (0.1-0.25 s
  per load);
- the app's modules are imported when the server starts, not by its first visitor, and the
  objects they hold are set aside from the garbage collector's full passes (``_startup``).
"""

import gc
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from ui.web import ServerBaseHint


@asynccontextmanager
async def _startup(_app):
    """Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``).
    With Pattana's modules loaded it walked about 190,000 objects that live as long as the server
    (modules, classes, the text catalogues): 75 ms of every run, holding the interpreter while the
    run's last messages waited to be sent, and the public survey page managed 0.81-0.93x the
    trivial app's visits per second at 50 sessions (issue 18). Those objects are moved out of the
    collector's way once (``gc.freeze``); what the runs create is still collected after each run.
    Run after Streamlit's runtime has started, so the pages' caches find it."""
    import pages  # noqa: F401, PLC0415 - every page's modules, before the first visitor

    gc.freeze()
    yield


app = st.App("streamlit_app.py", lifespan=_startup, middleware=[Middleware(ServerBaseHint)])
