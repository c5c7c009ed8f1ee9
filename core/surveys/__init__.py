"""Satisfaction surveys (manual steps 17-18): questionnaires, the public page, processing, PDPA
retention. See ``stats`` for the statistics, ``services`` for the verbs, ``kpi`` for the figures
other areas read."""
