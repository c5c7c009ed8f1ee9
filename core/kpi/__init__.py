"""KPI dashboard and executive report (manual step 19).

The figures come from each area's ``core/<area>/kpi.py`` (the KPI contract, see ``sources``).
"""
