"""The dashboard's and the report's charts (Altair), with Thai labels, B.E. years and tooltips.

Functions take the small frames of ``core.kpi.figures`` and a language and return Altair charts;
``spec`` turns one into the Vega-Lite spec the dashboard draws, and the report turns them into
pictures with ``core.pdf.chart_png``. Clickable charts carry a point selection named ``pick``.

Encodings are written as channel objects, never as shorthand strings, and the shared look is one
``alt.Config`` built once: Altair turns a string channel or a ``configure_*`` call into a search of
its whole schema, which made these charts the dashboard's slowest work (issue 18). Importing this
module switches Altair's debug mode off (below).
"""

from __future__ import annotations

import json
from functools import cache

import altair as alt
import pandas as pd
from altair.utils.schemapi import disable_debug_mode

from core.i18n import t
from core.numbers import r2
from core.thaidate import format_month

# Altair's debug mode turns every object into a dict and validates it against the Vega-Lite
# schema when it is created, for better tracebacks while a chart is being written: 20 validations,
# 8 ms, of the 28 ms the dashboard's three charts took to build (issue 18). The charts' tests
# validate every spec against the schema (tests/test_kpi_view.py, test_manual_rules.py).
disable_debug_mode()

FONT = "Sarabun, 'TH Sarabun New', Laksaman, Garuda, sans-serif"
PICK = "pick"
GREEN, RED, BLUE, GREY, AMBER = "#2e7d32", "#c62828", "#1f5fa8", "#9e9e9e", "#ef8f00"

TYPE_KEYS = {"problem": "kpi.type.problem", "requirement": "kpi.type.requirement"}
CLOCK_KEYS = {"analysis": "kpi.clock.analysis", "resolution": "kpi.clock.resolution"}
STATE_KEYS = {
    "4": "kpi.stage.4",
    "5": "kpi.stage.5",
    "6": "kpi.stage.6",
    "7": "kpi.stage.7",
    "8": "kpi.stage.8",
    "9": "kpi.stage.9",
    "10": "kpi.stage.10",
    "11": "kpi.stage.11",
    "12": "kpi.stage.12",
    "live": "kpi.stage.live",
    "cancelled": "kpi.stage.cancelled",
}


@cache
def _look() -> alt.Config:
    """The charts' shared fonts and sizes (Thai fonts first)."""
    return alt.Config(
        font=FONT,
        axis=alt.AxisConfig(
            labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=13, labelLimit=260
        ),
        legend=alt.LegendConfig(
            labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=13, orient="bottom"
        ),
        title=alt.TitleConfig(font=FONT, fontSize=15),
    )


def _config(chart: alt.Chart, height: int = 260) -> alt.Chart:
    # Set on the chart just built: ``properties`` would copy it whole and validate the look again.
    chart.height = height
    chart.config = _look()
    return chart


ROWS = "rows"  # the name of a drawn spec's dataset


def spec(chart: alt.TopLevelMixin) -> dict:
    """``chart`` as the Vega-Lite spec the dashboard draws: its rows are the dataset ``ROWS``.

    The same spec as ``chart.to_dict()`` but for the dataset's name (Altair names it by a hash of
    the rows) and without validating against the schema (the charts' tests do): Altair's own
    conversion of a frame into rows took most of the time of building a chart. The rows are a
    named dataset, not inline ``data.values``: Streamlit moves inline values out of the spec and
    the layers of a layered chart then draw nothing. Only a chart whose data is one frame at its
    top level is built here; the others go through Altair.
    """
    frame = chart.data
    if not isinstance(frame, pd.DataFrame):
        return chart.to_dict(validate=False)
    bare = chart.copy(deep=False)
    bare.data = alt.NamedData(name=ROWS)
    drawn = bare.to_dict(validate=False)
    rows = frame.to_json(orient="records", date_format="iso", date_unit="s", double_precision=15)
    drawn.setdefault("datasets", {})[ROWS] = json.loads(rows)  # beside a layer's own (the target)
    return drawn


def state_label(state: str, lang: str) -> str:
    return t(STATE_KEYS.get(state, "kpi.stage.live"), lang)


def trend_chart(trend: pd.DataFrame, target: float | None, lang: str = "th") -> alt.Chart:
    """Percentage satisfaction per fiscal year (B.E.), with the target as a dashed line."""
    y_title = t("kpi.chart.percent_satisfaction", lang)
    fy_title = t("common.fiscal_year", lang)
    data = pd.DataFrame(  # only the columns the chart uses
        {
            "fy": trend["fiscal_year"].astype(int).astype(str),
            "pct": trend["percent_satisfaction"].astype(float).map(r2),
            "top": trend["percent_top_two"].astype(float).map(r2),
            "mean2": trend["mean"].astype(float).map(r2),
            "answers": trend["answers"],
        }
    )
    base = alt.Chart()  # the layer holds the rows
    bars = base.mark_bar(color=BLUE, cornerRadiusEnd=3).encode(
        x=alt.X("fy:O", title=fy_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("pct:Q", title=y_title, scale=alt.Scale(domain=[0, 100])),
        tooltip=[
            alt.Tooltip("fy:O", title=fy_title),
            alt.Tooltip("pct:Q", title=y_title, format=".2f"),
            alt.Tooltip("mean2:Q", title=t("kpi.col.mean", lang), format=".2f"),
            alt.Tooltip("top:Q", title=t("kpi.col.percent_top_two", lang), format=".2f"),
            alt.Tooltip("answers:Q", title=t("kpi.col.answers", lang), format=","),
        ],
    )
    labels = base.mark_text(dy=-8, fontSize=12).encode(
        x=alt.X("fy:O"), y=alt.Y("pct:Q"), text=alt.Text("pct:Q", format=".2f")
    )
    layers = [bars, labels]
    if target is not None:
        target_title = t("kpi.chart.target", lang)
        rule = (
            alt.Chart(alt.InlineData(values=[{"target": float(target), "label": target_title}]))
            .mark_rule(color=RED, strokeDash=[6, 4], size=2)
            .encode(y=alt.Y("target:Q"), tooltip=[alt.Tooltip("target:Q", title=target_title)])
        )
        layers.append(rule)
    return _config(alt.layer(*layers, data=data))


def system_chart(
    by_system: pd.DataFrame, target: float | None, lang: str = "th", selectable: bool = True
) -> alt.Chart:
    """This year's percentage satisfaction per system (best first), one bar per system: bars are
    keyed by the system's id and labelled so that two systems with the same name are told apart;
    the scale is 0-100; the legend explains both colours; a click picks a system."""
    title = t("kpi.chart.percent_satisfaction", lang)
    met_text, below_text = t("kpi.chart.met_target", lang), t("kpi.chart.below_target", lang)
    labels = (
        by_system["label"]
        if "label" in by_system.columns
        else pd.Series(figures_labels(by_system), index=by_system.index)
    )
    pct = by_system["percent_satisfaction"].astype(float).map(r2).clip(0, 100)
    # only the columns the chart uses: every row goes to the browser
    data = pd.DataFrame(
        {
            "system_id": by_system["system_id"],  # what a click picks
            "key": ["counter" if pd.isna(i) else str(int(i)) for i in by_system["system_id"]],
            "label": labels,
            "pct": pct,
            "mean2": by_system["mean"].astype(float).map(r2),
            "sd2": by_system["sd"].astype(float).map(r2),
            "respondents": by_system["respondents"],
            "verdict": [
                met_text if target is None or v >= target else below_text
                for v in by_system["percent_satisfaction"]
            ],
            # best first: each bar's place is a column of the rows (a list of hundreds of keys in
            # the spec made Altair walk it on every build)
            "place": pct.rank(method="first", ascending=False),
        },
        index=by_system.index,
    )
    names = dict(zip(data["key"], data["label"]))
    pick = alt.selection_point(name=PICK, fields=["system_id"], on="click")
    color = alt.Color(
        "verdict:N",
        title=t("kpi.chart.legend_target", lang),
        scale=alt.Scale(domain=[met_text, below_text], range=[BLUE, AMBER]),
        legend=alt.Legend(orient="bottom", direction="vertical"),
    )
    label_expr = _label_expr(names)
    chart = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y(
                "key:N",
                sort=alt.EncodingSortField(field="place", op="min"),
                title=None,
                axis=alt.Axis(labelExpr=label_expr, labelLimit=220),
            ),
            x=alt.X("pct:Q", title=title, scale=alt.Scale(domain=[0, 100], clamp=True)),
            color=color,
            tooltip=[
                alt.Tooltip("label:N", title=t("common.system", lang)),
                alt.Tooltip("pct:Q", title=title, format=".2f"),
                alt.Tooltip("mean2:Q", title=t("kpi.col.mean", lang), format=".2f"),
                alt.Tooltip("sd2:Q", title=t("kpi.col.sd", lang), format=".2f"),
                alt.Tooltip("respondents:Q", title=t("kpi.col.respondents", lang), format=","),
            ],
        )
    )
    if selectable:
        chart = chart.add_params(pick)
    return _config(chart, height=max(120, 28 * len(data)))


def figures_labels(by_system: pd.DataFrame) -> list[str]:
    from core.kpi.figures import system_labels

    return system_labels(by_system["system_id"], by_system["system"])


def _label_expr(names: dict[str, str]) -> str:
    """A Vega expression that shows each bar's label for its key (keys are ids, labels text)."""
    import json

    return f"{json.dumps(names, ensure_ascii=False)}[datum.value] || datum.value"


def section_chart(by_section: pd.DataFrame, lang: str = "th") -> alt.Chart:
    title = t("kpi.chart.percent_satisfaction", lang)
    data = by_section.assign(
        pct=by_section["percent_satisfaction"].astype(float).map(r2),
        mean2=by_section["mean"].astype(float).map(r2),
    )
    chart = (
        alt.Chart(data)
        .mark_bar(color=BLUE, cornerRadiusEnd=3)
        .encode(
            y=alt.Y("section:N", sort="-x", title=None),
            x=alt.X("pct:Q", title=title, scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("section:N", title=t("kpi.col.section", lang)),
                alt.Tooltip("pct:Q", title=title, format=".2f"),
                alt.Tooltip("mean2:Q", title=t("kpi.col.mean", lang), format=".2f"),
                alt.Tooltip("answers:Q", title=t("kpi.col.answers", lang), format=","),
            ],
        )
    )
    return _config(chart, height=max(120, 30 * len(data)))


def sla_chart(monthly: pd.DataFrame, lang: str = "th") -> alt.Chart:
    """% of clocks met per month of the fiscal year, by ticket type (colour) and clock (dash)."""
    title = t("kpi.chart.percent_met", lang)
    months = pd.to_datetime(monthly["month"])
    data = monthly.assign(
        month_label=[format_month(m.year, m.month, lang) for m in months],
        order=[m.year * 12 + m.month for m in months],
        type_label=[t(TYPE_KEYS.get(v, "kpi.type.problem"), lang) for v in monthly["type"]],
        clock_label=[t(CLOCK_KEYS.get(v, "kpi.clock.resolution"), lang) for v in monthly["clock"]],
        pct=monthly["percent_met"].astype(float).map(r2),
    )
    sort = list(dict.fromkeys(data.sort_values("order")["month_label"]))
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "month_label:O", sort=sort, title=t("kpi.chart.month", lang), axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y("pct:Q", title=title, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("type_label:N", title=t("kpi.chart.type", lang)),
            strokeDash=alt.StrokeDash("clock_label:N", title=t("kpi.chart.clock", lang)),
            tooltip=[
                alt.Tooltip("month_label:O", title=t("kpi.chart.month", lang)),
                alt.Tooltip("type_label:N", title=t("kpi.chart.type", lang)),
                alt.Tooltip("clock_label:N", title=t("kpi.chart.clock", lang)),
                alt.Tooltip("pct:Q", title=title, format=".2f"),
                alt.Tooltip("met:Q", title=t("kpi.col.met", lang), format=","),
                alt.Tooltip("total:Q", title=t("kpi.col.total", lang), format=","),
            ],
        )
    )
    return _config(chart)


def backlog_chart(backlog: pd.DataFrame, lang: str = "th") -> alt.Chart:
    rows = []
    for _, r in backlog.iterrows():
        label = t(TYPE_KEYS.get(r["type"], "kpi.type.problem"), lang)
        rows.append({"type_label": label, "what": t("kpi.chart.open", lang), "n": int(r["open"])})
        rows.append({"type_label": label, "what": t("kpi.chart.breached", lang), "n": int(r["breached"])})
    data = pd.DataFrame(rows, columns=["type_label", "what", "n"])
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("type_label:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("what:N"),
            y=alt.Y("n:Q", title=t("kpi.chart.tickets", lang)),
            color=alt.Color("what:N", title=None, scale=alt.Scale(range=[BLUE, RED])),
            tooltip=[
                alt.Tooltip("type_label:N", title=t("kpi.chart.type", lang)),
                alt.Tooltip("what:N", title=" "),
                alt.Tooltip("n:Q", title=t("kpi.chart.tickets", lang)),
            ],
        )
    )
    return _config(chart, height=220)


def stage_chart(by_stage: pd.DataFrame, lang: str = "th", selectable: bool = True) -> alt.Chart:
    """Projects per stage (4-12, live), overdue ones in red; a click picks a stage."""
    rows = []
    for _, r in by_stage.iterrows():
        label = state_label(r["state"], lang)
        on_time = int(r["projects"]) - int(r["overdue"])
        rows.append(
            {"state": r["state"], "stage": label, "what": t("kpi.chart.on_schedule", lang), "n": on_time}
        )
        rows.append(
            {
                "state": r["state"],
                "stage": label,
                "what": t("kpi.chart.overdue", lang),
                "n": int(r["overdue"]),
            }
        )
    data = pd.DataFrame(rows, columns=["state", "stage", "what", "n"])
    order = [state_label(s, lang) for s in by_stage["state"]]
    pick = alt.selection_point(name=PICK, fields=["state"], on="click")
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("stage:N", sort=order, title=None),
            x=alt.X(
                "n:Q",
                title=t("kpi.chart.projects", lang),
                stack="zero",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=alt.Color("what:N", title=None, scale=alt.Scale(range=[BLUE, RED])),
            tooltip=[
                alt.Tooltip("stage:N", title=t("kpi.chart.stage", lang)),
                alt.Tooltip("what:N", title=" "),
                alt.Tooltip("n:Q", title=t("kpi.chart.projects", lang)),
            ],
        )
    )
    if selectable:
        chart = chart.add_params(pick)
    return _config(chart, height=max(160, 26 * len(order)))


def steps_chart(steps: pd.DataFrame, lang: str = "th") -> alt.Chart:
    """% met of the proposal steps 1-3 (time standards)."""
    title = t("kpi.chart.percent_met", lang)
    step_keys = {1: "kpi.step.1", 2: "kpi.step.2", 3: "kpi.step.3"}
    data = steps.assign(
        step_label=[t(step_keys.get(int(s), "kpi.step.1"), lang) for s in steps["step"]],
        pct=steps["percent_met"].astype(float).map(r2),
    )
    chart = (
        alt.Chart(data)
        .mark_bar(color=GREEN, cornerRadiusEnd=3)
        .encode(
            y=alt.Y("step_label:N", sort=None, title=None),
            x=alt.X("pct:Q", title=title, scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("step_label:N", title=" "),
                alt.Tooltip("pct:Q", title=title, format=".2f"),
                alt.Tooltip("met:Q", title=t("kpi.col.met", lang)),
                alt.Tooltip("total:Q", title=t("kpi.col.total", lang)),
            ],
        )
    )
    return _config(chart, height=130)
