"""The interactive timeline: a Vega-Lite spec written with Altair, and the Vega JavaScript to show it offline.

A point is one report of a target series. Points with a reported value sit at their share of the
target (0-100 %); targets stated without a value sit on a lane of their own above the chart, one row
per series, so that "nothing reported" never reads as "0 % done". Deadlines are triangles at their
date above 100 %; a deadline that moved between two reports is a dashed arrow from the old date to
the new one.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .written import number_text, quantity_text

Linker = Callable[[str, str], "str | None"]  # (source, document id) -> href, or None for no link

DEADLINE_Y = 103  # deadlines and their moves, just above 100 %, a little higher for each series
DEADLINE_STEP = 2  # so that two series' deadlines on one date do not cover each other
LANE_Y = 118  # the first row of the lane "stated, no progress reported"
LANE_STEP = 5  # one row per series on that lane, so markers of two series never cover each other
LANE_TITLE = "stated, no progress reported"
WIDTH, HEIGHT = 860, 380


def series_label(s: dict) -> str:
    """Name a series in a legend: place, unit and total."""
    return f"{s['place'] or 'no place'}: {s['unit']}, total {number_text(s['total'])}"


def labels(all_series: list[dict]) -> dict[str, str]:
    """Name each series for the legend (place, unit, total); a name two series share gets a number."""
    names = {s["id"]: series_label(s) for s in all_series}
    seen: dict[str, int] = {}
    for sid, name in names.items():
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[sid] = f"{name} ({seen[name]})"
    return names


def value_text(point: dict) -> str:
    """Write a point's value against its total as the report does: '6/38', 'about 1 million/2,500,000.5',
    or 'target 45, no value reported'."""
    qualifier = point.get("qualifier")
    if point["value"] is None:
        return f"target {quantity_text(point['total'], qualifier)}, no value reported"
    if not point["total"]:
        return f"{quantity_text(point['value'], qualifier)}, no total"
    return f"{quantity_text(point['value'], qualifier)}/{number_text(point['total'])}"


def reported(point: dict) -> bool:
    """Say whether a point has a value to draw as a share of its target (else it goes on the lane)."""
    return point["value"] is not None and bool(point["total"])


def point_link(point: dict, link: Linker) -> str | None:
    """Return the first link to one of the point's reports, the document that holds the evidence first."""
    for source, document in zip(point["sources"], point["documents"]):
        href = link(source, document)
        if href:
            return href
    return None


def lane_rows(all_series: list[dict]) -> dict[str, float]:
    """Give each series with a target stated without a value its own row on the lane."""
    rows: dict[str, float] = {}
    for s in all_series:
        if any(p["date"] and not reported(p) for p in s["points"]):
            rows[s["id"]] = LANE_Y + LANE_STEP * len(rows)
    return rows


def chart_points(all_series: list[dict], link: Linker) -> list[dict]:
    """Return one row per dated point, with what the tooltip shows and where the point links to."""
    names, lanes = labels(all_series), lane_rows(all_series)
    rows = []
    for s in all_series:
        for p in s["points"]:
            if not p["date"]:
                continue
            has_value = reported(p)
            rows.append({
                "series": names[s["id"]], "date": p["date"],
                "description": f"{names[s['id']]}, report of {p['date']}: {value_text(p)}",  # what a screen reader says
                "y": 100 * p["value"] / p["total"] if has_value else lanes[s["id"]],
                "lane": "reported" if has_value else LANE_TITLE, "value": value_text(p),
                "status": p["status"] or "", "deadline": p["due"] or "", "languages": "+".join(p["languages"]),
                "evidence": p["evidence"] or "", "documents": "; ".join(Path(x).name for x in p["sources"]),
                "review": review_note(p), "link": point_link(p, link)})
    return rows


def review_note(point: dict) -> str:
    """Say in a tooltip how reviews changed a point: '', 'accepted', or 'corrected; extracted 6/38, due 2024-12-31'."""
    original = point.get("original")
    if point.get("review") != "corrected" or not original:
        return point.get("review") or ""
    was = value_text(original) if original.get("total") is not None else "no target"
    return f"corrected; extracted {was}" + (f", due {original['due']}" if original.get("due") else "")


def deadline_y(index: int) -> float:
    """Return the height of the deadlines of the index-th series."""
    return DEADLINE_Y + DEADLINE_STEP * (index % 5)


def deadline_rows(all_series: list[dict]) -> tuple[list[dict], list[dict]]:
    """Return each series' deadlines (with the reports that state them) and the moves between reports."""
    names = labels(all_series)
    marks: dict[tuple[str, str], list[str]] = {}
    heights: dict[str, float] = {}
    moves = []
    for i, s in enumerate(all_series):
        heights[names[s["id"]]] = deadline_y(i)
        last = None
        for p in s["points"]:
            if not p["due"]:
                continue
            marks.setdefault((names[s["id"]], p["due"]), []).append(p["date"] or "undated")
            if last and last["due"] != p["due"]:
                moves.append({"series": names[s["id"]], "y": deadline_y(i), "old": last["due"], "new": p["due"],
                              "moved": f"{last['due']} → {p['due']}", "from_report": last["date"] or "undated",
                              "to_report": p["date"] or "undated"})
            last = p
    dues = [{"series": name, "y": heights[name], "deadline": due, "stated_in": ", ".join(dates)}
            for (name, due), dates in marks.items()]
    return dues, moves


def time_domain(all_series: list[dict]) -> list[str]:
    """Return the dates the time axis opens on: every report and deadline, with a margin so no marker is cut."""
    from datetime import date, timedelta

    days = [date.fromisoformat(d) for s in all_series for p in s["points"] for d in (p["date"], p["due"]) if d]
    if not days:
        return []
    margin = max(timedelta(days=20), (max(days) - min(days)) / 25)
    return [(min(days) - margin).isoformat(), (max(days) + margin).isoformat()]


def timeline_spec(all_series: list[dict], title: str, link: Linker) -> dict:
    """Build the Vega-Lite spec: points by share of target, the no-value lane, deadlines; hover, zoom, legend toggles."""
    import altair as alt

    points = chart_points(all_series, link)
    dues, moves = deadline_rows(all_series)
    pick = alt.selection_point(name="pick", fields=["series"], bind="legend")
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    top = max(lane_rows(all_series).values(), default=deadline_y(4)) + LANE_STEP
    x = alt.X("date:T", title="report date (zoom: wheel, pan: drag, reset: double-click)",
              scale=alt.Scale(domain=time_domain(all_series)), axis=alt.Axis(format="%b %Y"))
    y = alt.Y("y:Q", title="share of target completed (%)", scale=alt.Scale(domain=[-5, top], nice=False),
              axis=alt.Axis(values=[0, 20, 40, 60, 80, 100]))
    legend = alt.Legend(orient="bottom", columns=2, labelLimit=400, titleLimit=400)
    colour = alt.Color("series:N", title="target series (click to show one, shift-click to add)", legend=legend)
    seen = alt.condition(pick, alt.value(1.0), alt.value(0.12))
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("date:T", title="report date", format="%Y-%m-%d"),
               alt.Tooltip("value:N", title="value/total"), alt.Tooltip("status:N"), alt.Tooltip("deadline:N"),
               alt.Tooltip("languages:N"), alt.Tooltip("evidence:N"), alt.Tooltip("documents:N"),
               alt.Tooltip("review:N", title="review")]
    data = {"values": points}
    with_value = alt.Chart(data).transform_filter(alt.datum.lane == "reported")
    line = with_value.mark_line(strokeWidth=1.5).encode(x=x, y=y, color=colour, opacity=seen)
    dots = with_value.mark_point(filled=True, size=90, cursor="pointer").encode(
        x=x, y=y, color=colour, opacity=seen, tooltip=tooltip, href="link:N", description="description:N")
    stated = alt.Chart(data).transform_filter(alt.datum.lane != "reported").mark_point(
        filled=False, shape="diamond", size=110, strokeWidth=2, cursor="pointer").encode(
        x=x, y=y, color=colour, opacity=seen, tooltip=tooltip, href="link:N", description="description:N")
    # the legend takes the clicks of the first layer that draws it: the selection lives there
    layers = [line.add_params(pick), dots.add_params(zoom), stated, *deadline_layers(dues, moves, colour, seen),
              lane_layers(top)]
    chart = alt.layer(*layers).properties(title=title, width=WIDTH, height=HEIGHT)
    return chart.to_dict()


def deadline_layers(dues: list[dict], moves: list[dict], colour, seen) -> list:
    """Draw deadlines as triangles above 100 % and moved deadlines as dashed arrows from old to new."""
    import altair as alt

    at = alt.Y("y:Q")
    marks = alt.Chart({"values": dues}).mark_point(
        shape="triangle-down", filled=True, size=80).encode(
        x=alt.X("deadline:T"), y=at, color=colour, opacity=seen,
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("deadline:T", format="%Y-%m-%d"),
                 alt.Tooltip("stated_in:N", title="stated in the reports of")])
    if not moves:
        return [marks]
    moved = alt.Chart({"values": moves})
    tip = [alt.Tooltip("series:N"), alt.Tooltip("moved:N", title="deadline moved"),
           alt.Tooltip("from_report:N", title="in the report of"), alt.Tooltip("to_report:N", title="and the report of")]
    rule = moved.mark_rule(strokeDash=[4, 3], strokeWidth=2).encode(
        x=alt.X("old:T"), x2="new:T", y=at, color=colour, opacity=seen, tooltip=tip)
    head = moved.mark_point(shape="triangle-right", filled=True, size=70).encode(
        x=alt.X("new:T"), y=at, color=colour, opacity=seen, tooltip=tip)
    return [rule, head, marks]


def lane_layers(top: float):
    """Name the lane of targets stated without a value, and rule it off from the 0-100 % chart."""
    import altair as alt

    if top <= deadline_y(4) + LANE_STEP:
        return alt.Chart({"values": [{}]}).mark_rule(strokeDash=[2, 2], color="#bbb").encode(y=alt.datum(100))
    base = alt.Chart({"values": [{}]})
    rule = base.mark_rule(color="#bbb").encode(y=alt.datum(LANE_Y - LANE_STEP / 2 - 0.5))
    text = base.mark_text(align="left", baseline="top", dx=4, dy=2, color="#555", fontStyle="italic").encode(
        x=alt.value(0), y=alt.value(0), text=alt.value(f"{LANE_TITLE} (◇ at the report's date)"))
    return alt.layer(rule, text)


EMBED_OPTIONS = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}


# -- the JavaScript -------------------------------------------------------------------------------


def cache_folder() -> Path:
    """Return the folder that keeps the Vega bundle (DOCKET_CACHE, else ~/.cache/docket)."""
    root = os.environ.get("DOCKET_CACHE")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "docket"


@lru_cache(maxsize=1)
def javascript() -> str:
    """Return Vega, Vega-Lite and vega-embed as one script, from vl-convert (a PyPI wheel); nothing is fetched.

    vl-convert bundles the script in about ten seconds, so it is kept on disk under its version.
    """
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    version = vl_version_for_vl_convert()
    path = cache_folder() / "vega" / f"vl-convert-{vlc.__version__}-{version}.js"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    bundle = vlc.javascript_bundle(vl_version=version)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as out:
        out.write(bundle)
    os.replace(out.name, path)  # two processes writing at once each leave a whole file
    return bundle


def inline_script(code: str) -> str:
    """Make JavaScript safe inside a <script> element: no '</script' or '<!--' can end or confuse it."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")
