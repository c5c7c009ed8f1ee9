"""Pattana's pages. Each module only defines ``PAGE``; the entry file registers it.

File names end in ``_page`` so that no file name equals a page's URL path (``/home`` is
registered from ``home_page.py``). Streamlit runs ``pages/<name>.py`` directly for ``/<name>``
when it falls back to its old pages-folder mode (a fresh server; AppTest on every run); with the
suffix such a URL reaches the entry file and its sign-in instead, and the file itself, run by
its own name, only defines functions and shows nothing. The public survey page is the one
exception: ``survey_public.py`` is named by its URL and renders when run as a script, so a
citizen's QR link works on a freshly started server too (it needs no account).
"""
