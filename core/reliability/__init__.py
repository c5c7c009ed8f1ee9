"""Reliability: backups and restores, the health report, disk-full protection, the schedule.

What the app calls once when it opens its database (see ``ui.context``)::

    from core.reliability import install_guards, start_scheduler
    install_guards(db)      # refuse writes when the disk is nearly full
    start_scheduler(db)     # heartbeat marker + scheduled backups, once per process
"""

from core.reliability.diskguard import install_guards  # noqa: F401
from core.reliability.scheduler import start_scheduler  # noqa: F401
