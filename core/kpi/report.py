"""The executive report of step 19 (สรุปรายงานผลการดำเนินงาน): a PDF and an Excel workbook.

``build(cur, now, fiscal_year, lang)`` gathers the year's figures (``services.load_dashboard``
without filters), the problems and obstacles the IT head entered, and says which parts are
missing (an area with no data that year). ``render_pdf`` lays it out: a cover
memo (บันทึกข้อความ) from the IT unit to the deputy municipal clerk through the director, then the
figures, charts as pictures, tables, and the problems and obstacles. ``render_xlsx`` writes the
same tables. ``produce`` does both and records the run (audited).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from core import pdf, spreadsheets
from core.actor import Actor
from core.db import Database
from core.i18n import t
from core.kpi import charts, figures, repository, services, sources, tables
from core.numbers import fmt2
from core.organisation.profile import get_profile, issue_memo_number
from core.pdf.names import document_file_name
from core.permissions import require
from core.thaidate import format_date, format_fiscal_year


@dataclass
class Part:
    """One part of the report: a heading, lines of text, a table, a chart picture."""

    heading: str
    table: pd.DataFrame | None = None
    chart: object | None = None  # an Altair chart
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheet: str | None = None  # Excel sheet name (None: not in the workbook)


@dataclass
class ReportContent:
    fiscal_year: int
    lang: str
    now: datetime
    missing: list[str]  # area keys without data that year
    summary: pd.DataFrame
    parts: list[Part]
    obstacles: str | None
    memo: pdf.Memo

    @property
    def title(self) -> str:
        return t("report.title", self.lang)

    @property
    def subtitle(self) -> str:
        return t("report.subtitle", self.lang, fy=format_fiscal_year(self.fiscal_year, self.lang))

    def missing_labels(self) -> list[str]:
        return _area_labels(self.missing, self.lang)


@dataclass
class ReportPreview:
    """What the report page shows before anyone produces the report: the headline figures and
    the parts that have no data (no charts, no memo: building those took most of the page's run)."""

    fiscal_year: int
    lang: str
    missing: list[str]
    summary: pd.DataFrame

    def missing_labels(self) -> list[str]:
        return _area_labels(self.missing, self.lang)


def _area_labels(areas: list[str], lang: str) -> list[str]:
    return [t(sources.AREA_TITLE_KEYS[a], lang) for a in areas]


def preview(
    cur: duckdb.DuckDBPyConnection, now: datetime, fiscal_year: int, lang: str = "th"
) -> ReportPreview:
    """The year's headline figures and missing parts, as ``build`` would put them in the report."""
    board = services.load_dashboard(cur, now, services.Filters(fiscal_year), lang)
    return preview_of(board, lang)


def preview_of(board: services.Dashboard, lang: str) -> ReportPreview:
    """The preview of a board already loaded (the dashboard's, kept by the page until something changes)."""
    summary = pd.DataFrame(
        summary_rows(board, lang), columns=[t("kpi.col.figure", lang), t("kpi.col.value", lang)]
    )
    return ReportPreview(board.fiscal_year, lang, _missing_for_year(board), summary)


def _fmt(value: float | None, suffix: str = "") -> str:
    return "-" if value is None else f"{fmt2(value)}{suffix}"


def _missing_for_year(board: services.Dashboard) -> list[str]:
    fy = board.fiscal_year
    missing = []
    if figures.value_in_year(board.overall, fy, "percent_satisfaction") is None:
        missing.append("surveys")
    if figures.sla_totals(board.sla, fy)["total"] == 0:
        missing.append("tickets")
    if board.portfolio.empty:
        missing.append("stages")
    if figures.proposal_totals(board.standards, fy)["total"] == 0:
        missing.append("proposals")
    return [a for a in sources.AREAS if a in missing]


def summary_rows(board: services.Dashboard, lang: str) -> list[tuple[str, str]]:
    """The headline indicators as (indicator, result) text pairs."""
    fy = board.fiscal_year
    rows: list[tuple[str, str]] = []
    head = figures.satisfaction_headline(board.overall, fy, board.target)
    rows.append((t("kpi.fig.satisfaction_overall", lang), _fmt(head.value)))
    rows.append((t("kpi.chart.target", lang), _fmt(head.target)))
    rows.append((t("kpi.summary.last_year", lang), _fmt(head.last_year)))
    rows.append((t("kpi.summary.vs_last_year", lang), _fmt(head.delta_last_year)))
    rows.append((t("kpi.tile.sla", lang), _fmt(figures.sla_totals(board.sla, fy)["percent"])))
    totals = figures.backlog_totals(board.backlog)
    rows.append((t("kpi.tile.backlog", lang), f"{totals['open']:,} / {totals['breached']:,}"))
    totals = figures.project_totals(board.portfolio)
    rows.append((t("kpi.tile.projects", lang), f"{totals['overdue']:,} / {totals['projects']:,}"))
    rows.append(
        (t("kpi.tile.processing", lang), _fmt(figures.processing_summary(board.processing, fy)["percent"]))
    )
    rows.append(
        (t("kpi.tile.proposals", lang), _fmt(figures.proposal_totals(board.standards, fy)["percent"]))
    )
    return rows


def build(
    cur: duckdb.DuckDBPyConnection,
    now: datetime,
    fiscal_year: int,
    lang: str = "th",
    signer: dict | None = None,
) -> ReportContent:
    board = services.load_dashboard(cur, now, services.Filters(fiscal_year), lang)
    fy = fiscal_year
    fy_text = format_fiscal_year(fy, lang)
    parts: list[Part] = []
    trend = figures.satisfaction_trend(board.overall, upto=fy)
    per_system = figures.satisfaction_by_system(
        board.by_system, fy, board.system_names, counter_label=t("kpi.counter", lang)
    )
    per_section = figures.satisfaction_by_section(board.by_section, fy)
    notes = [t("kpi.formula", lang)]
    parts.append(
        Part(
            t("kpi.fig.trend", lang),
            tables.trend_table(trend, lang),
            charts.trend_chart(trend, board.target, lang) if not trend.empty else None,
            notes=notes,
            sheet=t("kpi.fig.trend", lang),
        )
    )
    parts.append(
        Part(
            t("kpi.fig.satisfaction_by_system", lang),
            tables.system_table(per_system, lang),
            charts.system_chart(per_system, board.target, lang, selectable=False)
            if not per_system.empty
            else None,
            sheet=t("kpi.fig.satisfaction_by_system", lang),
        )
    )
    parts.append(
        Part(
            t("kpi.fig.satisfaction_by_section", lang),
            tables.section_table(per_section, lang),
            charts.section_chart(per_section, lang) if not per_section.empty else None,
            sheet=t("kpi.fig.satisfaction_by_section", lang),
        )
    )
    parts.append(
        Part(
            t("kpi.fig.survey_processing", lang),
            tables.processing_table(figures.processing_summary(board.processing, fy), lang),
            sheet=t("kpi.fig.survey_processing", lang),
        )
    )
    monthly = figures.sla_monthly(board.sla, fy)
    parts.append(
        Part(
            t("kpi.fig.ticket_sla", lang),
            tables.sla_table(figures.sla_by_type(board.sla, fy), lang),
            charts.sla_chart(monthly, lang) if not monthly.empty else None,
            sheet=t("kpi.fig.ticket_sla", lang),
        )
    )
    parts.append(
        Part(
            t("kpi.fig.ticket_backlog", lang),
            tables.backlog_table(board.backlog, lang),
            notes=[format_date(now, lang)],
            sheet=t("kpi.fig.ticket_backlog", lang),
        )
    )
    by_stage = figures.projects_by_stage(board.portfolio)
    parts.append(
        Part(
            t("kpi.fig.portfolio", lang),
            tables.stage_table(by_stage, lang),
            charts.stage_chart(by_stage, lang, selectable=False) if not board.portfolio.empty else None,
            sheet=t("kpi.fig.portfolio", lang),
        )
    )
    parts.append(
        Part(
            t("kpi.fig.stage_adherence", lang),
            tables.adherence_table(figures.stage_adherence(board.adherence, fy), lang),
            sheet=t("kpi.fig.stage_adherence", lang),
        )
    )
    steps = figures.proposal_standards(board.standards, fy)
    parts.append(
        Part(
            t("kpi.fig.proposal_standards", lang),
            tables.steps_table(steps, lang),
            charts.steps_chart(steps, lang) if not steps.empty else None,
            sheet=t("kpi.fig.proposal_standards", lang),
        )
    )
    shown = preview_of(board, lang)
    missing, summary = shown.missing, shown.summary
    entry = repository.latest_obstacles(cur, fy)
    obstacles = entry["text"] if entry else None
    signatory = get_profile(cur).signatory("it_head")
    if signer is None and signatory.name:
        signer = {"full_name": signatory.name, "position": "\n".join(signatory.position_lines())}
    signer = signer or repository.it_head(cur) or {"full_name": "", "position": ""}
    memo = _memo(cur, now, fy_text, board, missing, signer, lang)
    return ReportContent(fy, lang, now, missing, summary, parts, obstacles, memo)


def _memo(
    cur, now, fy_text: str, board: services.Dashboard, missing: list[str], signer: dict, lang: str
) -> pdf.Memo:
    fy = board.fiscal_year
    profile = get_profile(cur)
    head = figures.satisfaction_headline(board.overall, fy, board.target)
    results = []
    if head.value is not None:
        verdict = "ผ่านเป้าหมาย" if head.target_met else "ต่ำกว่าเป้าหมาย"
        text = f"ผลการสำรวจความพึงพอใจ{fy_text} ได้ร้อยละ {head.value:.2f} ({verdict}ร้อยละ {head.target:.2f}"
        if head.last_year is not None:
            text += f" ปีก่อนหน้าร้อยละ {head.last_year:.2f}"
        results.append(text + ")")
    if figures.sla_totals(board.sla, fy)["percent"] is not None:
        results.append(
            f"การแก้ไขปัญหาและความต้องการใหม่ทันตามมาตรฐานเวลาร้อยละ "
            f"{figures.sla_totals(board.sla, fy)['percent']:.2f}"
        )
    if not board.portfolio.empty:
        totals = figures.project_totals(board.portfolio)
        results.append(
            f"โครงการพัฒนาระบบ {totals['projects']} โครงการ เปิดใช้งานแล้ว {totals['live']} โครงการ "
            f"ล่าช้ากว่ากำหนด {totals['overdue']} โครงการ"
        )
    paragraphs = [
        "ตามคู่มือการปฏิบัติงาน กระบวนการพัฒนาระบบบริหารและระบบบริการอิเล็กทรอนิกส์ ขั้นตอนที่ 19 "
        f"กำหนดให้{profile.it_unit or 'หน่วยงานเทคโนโลยีสารสนเทศ'} สรุปรายงานผลการดำเนินงานให้ผู้บริหารรับทราบ "
        f"นั้น บัดนี้ได้สรุปผลการดำเนินงานประจำ{fy_text} เรียบร้อยแล้ว",
        ("สรุปผลที่สำคัญ ดังนี้ " + " ".join(f"({i}) {r}" for i, r in enumerate(results, 1)))
        if results
        else "ในปีงบประมาณนี้ยังไม่มีข้อมูลผลการดำเนินงานในระบบ",
    ]
    if missing:
        labels = ", ".join(t(sources.AREA_TITLE_KEYS[a], "th") for a in missing)
        paragraphs.append(f"ทั้งนี้ รายงานฉบับนี้ยังไม่มีข้อมูลส่วน {labels}")
    paragraphs.append("รายละเอียดปรากฏตามรายงานที่แนบมาพร้อมนี้ จึงเรียนมาเพื่อโปรดทราบ")
    return pdf.Memo(
        unit=" ".join(x for x in (profile.it_unit, profile.issuing_unit, profile.name_th) if x),
        phone=profile.phone,
        emblem_png=profile.emblem,
        subject=t("report.memo_subject", "th", fy=format_fiscal_year(fy, "th")),
        addressee=profile.addressee_line(),
        paragraphs=paragraphs,
        date=now.date(),
        signer_name=signer.get("full_name", ""),
        signer_position=signer.get("position") or "",
    )


def _plain(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return value.item() if hasattr(value, "item") else value


def _rows(table: pd.DataFrame) -> list[list]:
    """Rows with each column's own type (years and counts stay integers, not 2,569.00)."""
    return [[_plain(v) for v in row] for row in table.itertuples(index=False, name=None)]


def render_pdf(content: ReportContent) -> bytes:
    lang = content.lang
    sections = [
        pdf.ReportSection(
            heading=t("report.summary_table", lang),
            table_columns=list(content.summary.columns),
            table_rows=_rows(content.summary),
            col_align=["L", "R"],
        )
    ]
    if content.missing:
        sections.append(
            pdf.ReportSection(
                heading=t("report.missing_part", lang),
                paragraphs=[
                    t("report.missing_part_text", lang, area=label) for label in content.missing_labels()
                ],
            )
        )
    for part in content.parts:
        picture = None
        if part.chart is not None:
            try:
                picture = pdf.chart_png(part.chart.properties(width=460))
            except pdf.ChartError:
                picture = None
        table = part.table
        sections.append(
            pdf.ReportSection(
                heading=part.heading,
                paragraphs=part.paragraphs,
                image_png=picture,
                image_width=140,
                table_columns=[str(c) for c in table.columns] if table is not None else None,
                table_rows=_rows(table) if table is not None else None,
                notes=part.notes,
            )
        )
    obstacles = [p for p in (content.obstacles or "").split("\n") if p.strip()]
    if obstacles:  # a year with nothing recorded has no such section (never a placeholder as content)
        sections.append(pdf.ReportSection(heading=t("report.obstacles", lang), paragraphs=obstacles))
    return pdf.render_table_report(
        content.title, [content.subtitle], sections, body_size=14, memo=content.memo
    )


def render_xlsx(content: ReportContent) -> bytes:
    lang = content.lang
    sheets = {t("report.sheet.summary", lang): content.summary}
    notes = {}
    if content.missing:
        notes[t("report.sheet.summary", lang)] = [
            t("report.missing", lang, areas=", ".join(content.missing_labels()))
        ]
    for part in content.parts:
        if part.sheet and part.table is not None:
            sheets[part.sheet] = part.table
            if part.notes:
                notes[part.sheet] = part.notes
    obstacles = pd.DataFrame(
        {t("report.obstacles", lang): [content.obstacles or t("report.obstacles_none", lang)]}
    )
    sheets[t("report.obstacles", lang)] = obstacles
    return spreadsheets.workbook_bytes(sheets, title=f"{content.title} {content.subtitle}", notes=notes)


MEMO_KIND = "kpi.report_memo"


def file_name(fiscal_year: int, on: date, ext: str = "pdf") -> str:
    """``รายงานผู้บริหาร-ปีงบประมาณ2569-2569-11-24.pdf`` (kind, fiscal year, B.E. date)."""
    return document_file_name("รายงานผู้บริหาร", f"ปีงบประมาณ{fiscal_year}", on, ext)


@dataclass(frozen=True)
class ReportFiles:
    pdf: bytes
    xlsx: bytes
    missing: list[str]
    fiscal_year: int


def produce(db: Database, actor: Actor, now: datetime, fiscal_year: int, lang: str = "th") -> ReportFiles:
    """Build the yearly report's PDF and workbook, and record that it was produced (audited)."""
    require(actor.roles, "kpi.read")
    reference = issue_memo_number(db, actor, now, MEMO_KIND, str(fiscal_year))  # once per year's report
    with db.read() as cur:
        signer = repository.it_head(cur)
        content = build(cur, now, fiscal_year, lang, signer)
    content.memo.reference_no = reference
    files = ReportFiles(render_pdf(content), render_xlsx(content), content.missing, fiscal_year)
    services.record_report_run(db, actor, now, fiscal_year, content.missing)
    return files
