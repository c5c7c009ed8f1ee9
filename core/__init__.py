"""Pattana's domain module: rules, services and storage, free of any UI framework.

Nothing under ``core`` imports Streamlit. Pure rules take plain values and the current time
as arguments; services are verbs that run one unit of work; repositories hold the SQL.
"""
