"""The Streamlit side of Pattana: sign-in glue, page registry and shared widgets.

Pages in ``pages/`` stay thin: they call ``guard`` first, read input, call one ``core`` service
and render. Everything here may import Streamlit; ``core`` never does.
"""
