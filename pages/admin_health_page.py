"""Backups and health (admin): sizes, schema, disk, the last backup; back up now; verify."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import incidents
from core.errors import DomainError
from core.reliability import backup as backups
from core.reliability import health, install_guards, start_scheduler
from core.reliability.scheduler import scheduler_for
from ui import widgets
from ui.components import attempt, fmt_datetime, guard, table
from ui.context import database, language, now, tr
from ui.notify_admin import notification_admin
from ui.registry import PageSpec


def _backup_now(actor, db) -> None:
    with widgets.form(st, "backup_now"):
        pressed = st.form_submit_button(tr("health.backup_now"), type="primary")
    if pressed:
        outcome = attempt(lambda: backups.run_backup(db, actor, now()))
        if outcome:
            info = outcome.value
            st.success(tr("backup.done", name=info.name, tables=len(info.tables), rows=info.rows))


def _status(report: health.Health) -> None:
    for warning in report.warnings:
        st.warning(tr(warning.key, **warning.values))
    if not report.warnings:
        st.success(tr("health.ok"))
    top = st.columns(3)
    top[0].metric(tr("health.db_size"), health.human_bytes(report.db_bytes))
    top[1].metric(tr("health.wal_size"), health.human_bytes(report.wal_bytes))
    top[2].metric(tr("health.schema"), str(report.schema_version))
    top[2].caption(tr("health.schema_supported", latest=report.latest_schema))
    bottom = st.columns(2)
    bottom[0].metric(tr("health.disk_free"), health.human_bytes(report.disk_free))
    bottom[0].caption(
        tr(
            "health.disk_total",
            total=health.human_bytes(report.disk_total),
            minimum=health.human_bytes(report.min_free),
        )
    )
    if report.last_backup is None:
        bottom[1].metric(tr("health.last_backup"), tr("health.never"))
    else:
        hours = int(report.backup_age.total_seconds() // 3600)
        bottom[1].metric(tr("health.last_backup"), fmt_datetime(report.last_backup.created_at))
        bottom[1].caption(f"{tr('health.age', hours=hours)} · {report.last_backup.name}")


def _backup_list(actor, report: health.Health, keep: int) -> None:
    st.subheader(tr("health.backups"))
    st.caption(tr("health.backups_folder", path=str(report.backup_root), keep=keep))
    found = backups.list_backups(report.backup_root, report.db_path.name)
    if not found:
        st.info(tr("common.none"))
        return
    frame = pd.DataFrame(
        [
            {
                tr("health.col.name"): b.name,
                tr("health.col.created"): fmt_datetime(b.created_at) if b.created_at else "",
                tr("health.col.complete"): tr("common.yes") if b.complete else tr("common.no"),
                tr("health.col.schema"): b.schema_version,
                tr("health.col.rows"): b.rows,
                tr("health.col.size"): health.human_bytes(b.size_bytes),
            }
            for b in found
        ]
    )
    table(frame)
    with widgets.form(st, "verify_backup"):
        name = widgets.select_one(st, tr("health.pick_backup"), [b.name for b in found])
        pressed = st.form_submit_button(tr("health.verify"))
    if pressed and name:
        folder = report.backup_root / name
        outcome = attempt(lambda: backups.check_backup(actor, folder))
        if outcome:
            st.success(tr("backup.verified", name=name, tables=len(outcome.value["tables"])))


def _schedule(actor, db, keep: int, interval: int) -> None:
    st.subheader(tr("health.schedule"))
    with widgets.form(st, "backup_policy"):
        cols = st.columns(2)
        new_interval = cols[0].number_input(
            tr("health.interval_hours"), min_value=1, max_value=168, value=interval, step=1
        )
        new_keep = cols[1].number_input(tr("health.keep"), min_value=1, max_value=365, value=keep, step=1)
        pressed = st.form_submit_button(tr("common.save"))
    if pressed:
        attempt(
            lambda: backups.set_backup_policy(
                db, actor, now(), keep=int(new_keep), interval_hours=int(new_interval)
            ),
            success=tr("backup.policy_saved"),
        )


def _incidents() -> None:
    """Storage failures users saw as a reference number, with the path and raw error."""
    recent = incidents.recent()
    if not recent:
        return
    st.subheader(tr("health.incidents"))
    table(
        pd.DataFrame(
            {
                tr("health.incident.ref"): [i.reference for i in recent],
                tr("health.incident.at"): [fmt_datetime(i.at) for i in recent],
                tr("health.incident.code"): [i.code for i in recent],
                tr("health.incident.detail"): [
                    "; ".join(f"{k}: {v}" for k, v in i.detail.items()) for i in recent
                ],
            }
        )
    )


def render() -> None:
    actor = guard("admin_health")
    st.title(tr("page.admin_health"))
    db = database()
    # Idempotent: the app's entry normally did both when it opened the database.
    install_guards(db)
    start_scheduler(db)
    _backup_now(actor, db)
    scheduler = scheduler_for(db)
    error = scheduler.last_error if scheduler is not None else None
    message = None
    if error is not None:
        message = error.message(language()) if isinstance(error, DomainError) else str(error)
    report = health.health_report(db, now(), schedule_error=message)
    _status(report)
    keep, interval = backups.backup_policy(db)
    _backup_list(actor, report, keep)
    _schedule(actor, db, keep, interval)
    _incidents()
    notification_admin(actor)  # deliveries and dead letters (issue 17)
    st.caption(
        tr(
            "health.restore_help",
            command=f"python -m core.reliability.cli restore --db {report.db_path} --from <folder>",
        )
    )


PAGE = PageSpec(key="admin_health", icon=":material/backup:", render=render)
