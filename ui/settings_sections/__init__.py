"""Sections of the settings page, one module per area.

Each module defines ``ORDER`` (int), ``TITLE_KEY`` (a text key), ``ACTION`` (the permission the
section needs, e.g. ``"calendar.edit"``) and ``render(actor)``. The settings page shows the
sections the user's roles allow, in ``ORDER``; a section writes through its area's services,
which audit every change. ``SECTIONS`` lists the modules.
"""

from ui.settings_sections import (
    calendar,
    kpi,
    notifications,
    organisation,
    sla_targets,
    stage_standards,
    surveys,
)

# Every section (a new one is added here); the page orders them by ``ORDER``.
SECTIONS = (organisation, calendar, kpi, sla_targets, stage_standards, surveys, notifications)
