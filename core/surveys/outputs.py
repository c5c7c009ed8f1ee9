"""Outputs of a survey: the Excel workbook of results, the PDF report in the usual Thai layout
(ตอนที่ 1 ข้อมูลทั่วไป, ตอนที่ 2 รายด้านและรายข้อ, ตอนที่ 3 ข้อเสนอแนะ) and the QR poster (PDF, PNG).
Everything returns bytes; nothing here touches Streamlit or the database."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from core.i18n import t
from core.numbers import fmt2, r2
from core.pdf import FONT_DIR, ReportSection, ThaiDocument, qr_png, thai_break_opportunities
from core.pdf.names import document_file_name
from core.spreadsheets import workbook_bytes
from core.surveys import rules, stats
from core.surveys.rules import demographic_key, level_key
from core.thaidate import format_date, format_fiscal_year

FILE_KINDS = {
    "results": "ผลสำรวจความพึงพอใจ",
    "report": "รายงานผลสำรวจความพึงพอใจ",
    "poster": "โปสเตอร์แบบสำรวจ",
}


def file_name(kind: str, code: str, on, ext: str) -> str:
    """``รายงานผลสำรวจความพึงพอใจ-SV2570-001-2569-11-24.pdf`` (kind, survey code, B.E. date)."""
    return document_file_name(FILE_KINDS[kind], code, on, ext)


_LOCAL_HOSTS = ("localhost", "127.", "0.0.0.0", "[::1]")


def poster_address_problem(base_url: str) -> str | None:
    """Why ``base_url`` cannot go on a poster (a text key), or None: a poster needs the town's
    public address (the organisation profile's), never empty and never this machine's own."""
    from urllib.parse import urlparse

    base = (base_url or "").strip()
    if not base:
        return "surveys.base_url_missing"
    parsed = urlparse(base)
    host = parsed.netloc.split("@")[-1].lower()
    if parsed.scheme not in ("http", "https") or not host:
        return "surveys.base_url_invalid"
    if host.startswith(_LOCAL_HOSTS):
        return "surveys.base_url_local"
    return None


def public_url(base_url: str, code: str, token: str | None = None) -> str:
    url = f"{base_url.rstrip('/')}/survey_public?code={code}"
    return f"{url}&token={token}" if token else url


def _f(value: float | None, digits: int = 2) -> str:
    return fmt2(value, grouping=False) if digits == 2 else ("-" if value is None else f"{value:.{digits}f}")


def _level(level: int | None, lang: str) -> str:
    return "-" if level is None else t(level_key(level), lang)


def _group_label(dimension: str, group: str, lang: str) -> str:
    if group == "unknown":
        return t("surveys.demo.unknown", lang)
    return t(demographic_key(dimension, group), lang)


def subject_name(survey: dict, lang: str = "th") -> str:
    """The system and/or service point a survey is about; a survey of a service point has no
    system (its name is None, or NaN in a DataFrame row)."""
    name = survey.get("system_name_en" if lang == "en" else "system_name_th")
    counter = survey.get("counter_name")
    return " · ".join(x for x in (name, counter) if isinstance(x, str) and x)


# ------------------------------------------------------------------ tables (shared)
def items_frame(results: stats.Results, lang: str = "th") -> pd.DataFrame:
    rows = []
    for item, s in results.items:
        rows.append(
            {
                t("surveys.col.no", lang): item.number,
                t("surveys.col.section", lang): item.section,
                t("surveys.col.item", lang): item.text,
                t("surveys.col.n", lang): s.n,
                **{
                    f"{lv} {t(level_key(lv), lang)}": f"{s.counts[lv]:,} ({fmt2(s.percents[lv], grouping=False)}%)"
                    for lv in stats.LEVELS
                },
                t("surveys.col.no_opinion", lang): s.no_opinion,
                t("surveys.col.mean", lang): r2(s.mean),
                t("surveys.col.sd", lang): r2(s.sd),
                t("surveys.col.level", lang): _level(s.level, lang),
                t("surveys.col.pct_sat", lang): r2(s.percent_satisfaction),
                t("surveys.col.pct_top", lang): r2(s.percent_top_two),
            }
        )
    return pd.DataFrame(rows)


def sections_frame(results: stats.Results, lang: str = "th") -> pd.DataFrame:
    rows = [(title, s) for title, s in results.sections] + [(t("surveys.overall", lang), results.overall)]
    return pd.DataFrame(
        [
            {
                t("surveys.col.section", lang): title,
                t("surveys.col.n", lang): s.n,
                t("surveys.col.mean", lang): r2(s.mean),
                t("surveys.col.sd", lang): r2(s.sd),
                t("surveys.col.level", lang): _level(s.level, lang),
                t("surveys.col.pct_sat", lang): r2(s.percent_satisfaction),
                t("surveys.col.pct_top", lang): r2(s.percent_top_two),
            }
            for title, s in rows
        ]
    )


def ordered_groups(groups: list[dict]) -> list[dict]:
    """Groups in questionnaire order (dimension, then answer order; 'unknown' last)."""
    order = {name: list(codes) + ["unknown"] for name, codes in rules.DEMOGRAPHICS.items()}
    dims = list(rules.DEMOGRAPHICS)
    return sorted(
        groups,
        key=lambda g: (
            dims.index(g["dimension"]) if g["dimension"] in dims else 99,
            order.get(g["dimension"], []).index(g["group"])
            if g["group"] in order.get(g["dimension"], [])
            else 99,
        ),
    )


def groups_frame(results: stats.Results, lang: str = "th") -> pd.DataFrame:
    rows = []
    for g in ordered_groups(results.groups):
        rows.append(
            {
                t("surveys.col.dimension", lang): t(demographic_key(g["dimension"]), lang),
                t("surveys.col.group", lang): _group_label(g["dimension"], g["group"], lang),
                t("surveys.col.responses", lang): g["respondents"],
                t("surveys.col.mean", lang): "-" if g["hidden"] else _f(g["mean"]),
                t("surveys.col.sd", lang): "-" if g["hidden"] else _f(g["sd"]),
                t("surveys.col.level", lang): t("surveys.hidden_short", lang)
                if g["hidden"]
                else _level(g["level"], lang),
                t("surveys.col.pct_sat", lang): "" if g["hidden"] else _f(g["percent_satisfaction"]),
                t("surveys.col.pct_top", lang): "" if g["hidden"] else _f(g["percent_top_two"]),
            }
        )
    return pd.DataFrame(rows)


def respondents_frame(results: stats.Results, lang: str = "th") -> pd.DataFrame:
    """Part 1: respondents by each demographic question (counts and % of respondents)."""
    rows = []
    total = max(results.respondents, 1)
    for g in ordered_groups(results.groups):
        rows.append(
            {
                t("surveys.col.dimension", lang): t(demographic_key(g["dimension"]), lang),
                t("surveys.col.group", lang): _group_label(g["dimension"], g["group"], lang),
                t("surveys.col.count", lang): g["respondents"],
                t("surveys.col.percent", lang): r2(g["respondents"] * 100 / total),
            }
        )
    return pd.DataFrame(rows)


def _notes(scheme: str, lang: str) -> list[str]:
    bands = ", ".join(
        f"{rng} = {t(level_key(lv), lang)}" for lv, rng in zip(stats.LEVELS, stats.BAND_RANGES[scheme])
    )
    return [
        t("surveys.report.formula_mean", lang),
        t("surveys.report.formula_pct", lang),
        t("surveys.scheme_note", lang, scheme=bands),
    ]


def workbook(survey: dict, results: stats.Results, suggestions: list[str], lang: str = "th") -> bytes:
    """The results as an .xlsx: items, sections, groups, respondents, suggestions (masked)."""
    title = f"{survey['code']} {survey['title']}"
    sheets = {
        t("surveys.report.sheet_items", lang): items_frame(results, lang),
        t("surveys.report.sheet_sections", lang): sections_frame(results, lang),
        t("surveys.report.sheet_groups", lang): groups_frame(results, lang),
        t("surveys.report.sheet_respondents", lang): respondents_frame(results, lang),
        t("surveys.report.sheet_suggestions", lang): pd.DataFrame(
            {t("surveys.col.suggestion", lang): suggestions}
        ),
    }
    notes = {
        t("surveys.report.sheet_items", lang): _notes(results.scheme, lang),
        t("surveys.report.sheet_sections", lang): _notes(results.scheme, lang),
    }
    return workbook_bytes(sheets, title=title, notes=notes)


# ------------------------------------------------------------------ PDF report
def report_pdf(
    survey: dict,
    results: stats.Results,
    suggestions: list[str],
    *,
    printed: date,
    lang: str = "th",
    thai_digits: bool = False,
) -> bytes:
    """The report in the usual Thai layout, with both formulas in a footnote and B.E. dates."""
    ov = results.overall
    subtitle = [
        survey["title"],
        " · ".join(
            x for x in (subject_name(survey, lang), format_fiscal_year(survey["fiscal_year"], lang)) if x
        ),
        t(
            "surveys.report.period",
            lang,
            start=format_date(survey["opens_on"], lang, "long"),
            end=format_date(survey["closes_on"], lang, "long"),
        ),
        t(
            "surveys.report.respondents",
            lang,
            n=f"{results.respondents:,}",
            target=f"{survey['target_count']:,}" if survey.get("target_count") else "-",
        ),
    ]
    sections: list[ReportSection] = []
    part1 = respondents_frame(results, lang)
    sections.append(
        ReportSection(
            heading=t("surveys.report.part1", lang),
            level=1,
            table_columns=list(part1.columns),
            table_rows=part1.values.tolist(),
            col_widths=[2.2, 3.2, 1, 1],
            col_align=["L", "L", "R", "R"],
        )
    )
    section_rows = [
        [title, s.n, _f(s.mean), _f(s.sd), _level(s.level, lang), _f(s.percent_satisfaction)]
        for title, s in results.sections
    ]
    section_rows.append(
        [
            t("surveys.overall", lang),
            ov.n,
            _f(ov.mean),
            _f(ov.sd),
            _level(ov.level, lang),
            _f(ov.percent_satisfaction),
        ]
    )
    cols = [
        t("surveys.col.section", lang),
        "n",
        "x̄",
        "S.D.",
        t("surveys.col.level", lang),
        t("surveys.col.pct_sat", lang),
    ]
    summary = t(
        "surveys.report.summary",
        lang,
        level=_level(ov.level, lang),
        mean=_f(ov.mean),
        sd=_f(ov.sd),
        pct=_f(ov.percent_satisfaction),
        top=_f(ov.percent_top_two),
    )
    sections.append(
        ReportSection(
            heading=t("surveys.report.part2", lang),
            level=1,
            paragraphs=[summary] if ov.n else [],
            table_columns=cols,
            table_rows=section_rows,
            col_widths=[4.2, 0.9, 0.9, 0.9, 1.3, 1.4],
            col_align=["L", "R", "R", "R", "C", "R"],
            page_break_before=True,
        )
    )
    item_rows = []
    current = None
    for item, s in results.items:
        if item.section != current:
            current = item.section
            sec = dict(results.sections)[current]
            item_rows.append([current, "", _f(sec.mean), _f(sec.sd), _level(sec.level, lang)])
        item_rows.append([f"   {item.number} {item.text}", s.n, _f(s.mean), _f(s.sd), _level(s.level, lang)])
    item_rows.append([t("surveys.overall", lang), ov.n, _f(ov.mean), _f(ov.sd), _level(ov.level, lang)])
    sections.append(
        ReportSection(
            heading=t("surveys.by_item", lang),
            level=2,
            table_columns=[t("surveys.col.item", lang), "n", "x̄", "S.D.", t("surveys.col.level", lang)],
            table_rows=item_rows,
            col_widths=[6, 0.8, 0.9, 0.9, 1.3],
            col_align=["L", "R", "R", "R", "C"],
            notes=_notes(results.scheme, lang),
        )
    )
    groups = groups_frame(results, lang)
    if not groups.empty:
        sections.append(
            ReportSection(
                heading=t("surveys.by_group", lang),
                level=2,
                table_columns=list(groups.columns)[:7],
                table_rows=groups.iloc[:, :7].values.tolist(),
                col_widths=[1.8, 2.6, 1, 1.3, 0.9, 1.2, 1.3],
            )
        )
    sections.append(
        ReportSection(
            heading=t("surveys.report.part3", lang),
            level=1,
            indent_paragraphs=False,
            paragraphs=[f"{i}. {text}" for i, text in enumerate(suggestions, 1)]
            or [t("surveys.report.no_suggestions", lang)],
            page_break_before=len(item_rows) > 25,
        )
    )
    doc = ThaiDocument(body_size=14, thai_digits=thai_digits, title=t("surveys.report.title", lang))
    doc.add_page()
    doc.add_title(t("surveys.report.title", lang), subtitle)
    doc.add_sections(sections)
    doc.body_font("", 10)
    doc.multi_cell(
        0,
        doc.line_height(10),
        t("surveys.report.printed", lang, date=format_date(printed, lang, "long")),
        align="R",
    )
    return doc.to_bytes()


# ------------------------------------------------------------------ posters
def poster_pdf(survey: dict, url: str, lang: str = "th", org_name: str = "") -> bytes:
    """An A4 poster: the organisation (profile), heading, system and counter, the QR code, the link, until when, privacy."""
    doc = ThaiDocument(body_size=18, page_numbers=False, title=survey["title"])
    doc.add_page()
    doc.add_title(
        t("surveys.poster.heading", lang),
        [x for x in (org_name, subject_name(survey, lang) or survey["title"]) if x],
    )
    if survey.get("counter_name"):
        doc.paragraph(
            t("surveys.poster.counter", lang, name=survey["counter_name"]), indent_first_line=False, align="C"
        )
    doc.paragraph(t("surveys.poster.scan", lang), indent_first_line=False, align="C")
    doc.add_image(qr_png(url, box_size=12), width=110)
    doc.paragraph(url, indent_first_line=False, align="C", size=12)
    doc.paragraph(
        t("surveys.poster.until", lang, date=format_date(survey["closes_on"], lang, "long")),
        indent_first_line=False,
        align="C",
        style="B",
    )
    doc.paragraph(t("surveys.poster.privacy", lang), indent_first_line=False, align="C", size=12)
    return doc.to_bytes()


def _wrap(draw, text: str, font, width: int) -> list[str]:
    words = [w for w in thai_break_opportunities(text).replace(" ", " \u200b").split("\u200b") if w]
    lines, line = [], ""
    for word in words:
        trial = line + word
        if line and draw.textlength(trial.strip(), font=font) > width:
            lines.append(line.strip())
            line = word
        else:
            line = trial
    if line.strip():
        lines.append(line.strip())
    return lines


def poster_png(survey: dict, url: str, lang: str = "th", org_name: str = "") -> bytes:
    """The poster as a PNG (A4 at 150 dpi), Thai shaped by Pillow's Raqm layout."""
    from PIL import Image, ImageDraw, ImageFont

    width, height, margin = 1240, 1754, 110
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)

    def font(size: int, bold: bool = False):
        path = FONT_DIR / ("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf")
        try:
            return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)
        except (OSError, KeyError):  # pragma: no cover - Raqm missing
            return ImageFont.truetype(str(path), size)

    y = margin

    def block(text: str, size: int, bold: bool = False, gap: int = 18) -> None:
        nonlocal y
        f = font(size, bold)
        for line in _wrap(draw, text, f, width - 2 * margin):
            w = draw.textlength(line, font=f)
            draw.text(((width - w) / 2, y), line, font=f, fill=(20, 40, 90) if bold else (30, 30, 30))
            y += int(size * 1.45)
        y += gap

    draw.rectangle([40, 40, width - 40, height - 40], outline=(20, 40, 90), width=6)
    if org_name:
        block(org_name, 40, bold=True, gap=6)
    block(t("surveys.poster.heading", lang), 84, bold=True)
    block(subject_name(survey, lang) or survey["title"], 50, bold=True)
    if survey.get("counter_name"):
        block(t("surveys.poster.counter", lang, name=survey["counter_name"]), 42)
    block(t("surveys.poster.scan", lang), 38, gap=10)
    qr = Image.open(io.BytesIO(qr_png(url, box_size=14))).convert("RGB")
    side = 700
    qr = qr.resize((side, side), Image.NEAREST)
    image.paste(qr, ((width - side) // 2, y))
    y += side + 20
    block(url, 28, gap=20)
    block(t("surveys.poster.until", lang, date=format_date(survey["closes_on"], lang, "long")), 40, bold=True)
    block(survey["code"], 30)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
