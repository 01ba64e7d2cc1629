"""Reports read from the store: target series, differences between reports, meaning search, timelines.

A report here is a translation group: a document and its translations state one set of facts,
so a point of a series, a diff and a search hit count them once and name every language.
"""

from __future__ import annotations

import html
import json
import os
from collections import defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import quote

import numpy as np

from .embed import Embedder
from .link import embed_texts, record_sentences
from .reviews import whole
from .store import Store
from .vectors import VectorIndex, index_stamp, read_index
from .vega import Linker
from .written import number_text, quantity_text

TWIN = 0.85  # a sentence and its counterpart in a known translation of its document (en-vi pairs reach 0.85-0.90)

# -- target series ----------------------------------------------------------------------------


REVIEW_ORDER = (None, "accepted", "corrected")


def review_of(rows: list[dict]) -> tuple[str | None, dict | None]:
    """Return the strongest review status among rows read from a reviewed view, and the figures as extracted of
    the first row that a review changed (None where no review touched them)."""
    if not any(r.get("review_status") for r in rows):
        return None, None
    status = max((r.get("review_status") for r in rows), key=REVIEW_ORDER.index)
    originals = [r["review_original"] for r in rows if r.get("review_original") and r.get("review_status") == status]
    original = {k: whole(v) for k, v in json.loads(originals[0]).items()} if originals else None
    return status, original


def report_points(rows: list[dict]) -> list[dict]:
    """Fold one series' document rows into one point per report (translation group), by date.

    A point read from a reviewed record carries the review ("accepted" or "corrected") and the figures
    as extracted ("original").
    """
    by_group: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_group[row["group_id"]].append(row)
    points = []
    for members in by_group.values():
        main = max(members, key=lambda r: (r["value"] is not None, r["status"] is not None))
        review, original = review_of([main, *[m for m in members if m is not main]])
        points.append({
            "date": main["date"], "value": main["value"], "total": main["total"], "status": main["status"],
            "qualifier": main.get("qualifier"), "in_progress": main["in_progress"], "not_started": main["not_started"],
            "due": max((m["due"] for m in members if m["due"]), default=None),
            "languages": sorted({m["language"] for m in members}), "sources": [m["source"] for m in members],
            "documents": [m["document_id"] for m in members], "evidence": main["sentence"],
            "score": main["score"], "reason": main["reason"], "translations": len(members) > 1,
            "review": review, "original": original})
    return sorted(points, key=lambda p: (p["date"] is None, p["date"] or ""))


def series(store: Store, unit: str | None = None, place: str | None = None, agency: str | None = None,
           min_reports: int = 1) -> list[dict]:
    """Return target series with their points, filtered by unit, place and agency (substrings, any case).

    The series table is small (a place's targets); points and agencies are read for the chosen series only.
    """
    chosen = [s for s in store.series_rows() if (not unit or unit.lower() == (s["unit"] or "").lower())
              and (not place or place.lower() in (s["place"] or "").lower())]
    ids = [s["id"] for s in chosen]
    agencies_of = store.series_agencies(ids)
    by_series: dict[str, list[dict]] = defaultdict(list)
    for row in store.series_points(ids):
        by_series[row["series_id"]].append(row)
    out = []
    for s in chosen:
        names = agencies_of.get(s["id"], set())
        if agency and not any(agency.lower() in n.lower() for n in names):
            continue
        points = report_points(by_series[s["id"]])
        if len(points) >= min_reports:
            out.append({**s, "agencies": sorted(names), "points": points})
    return sorted(out, key=lambda s: (-len(s["points"]), s["place"] or "~", s["unit"], s["total"]))


def series_lines(all_series: list[dict]) -> list[dict]:
    """Flatten series into one table row per report."""
    out = []
    for s in all_series:
        for p in s["points"]:
            out.append({"series": s["id"], "place": s["place"], "unit": s["unit"], "agency": s["agency"],
                        "date": p["date"], "value": p["value"], "total": p["total"], "status": p["status"],
                        "qualifier": p.get("qualifier"), "in_progress": p["in_progress"], "not_started": p["not_started"],
                        "due": p["due"], "languages": "+".join(p["languages"]), "sources": "; ".join(p["sources"]),
                        "score": p["score"], "reason": p["reason"], "evidence": p["evidence"],
                        "review": review_text(p.get("review"), p.get("original"))})
    return out


def review_text(status: str | None, original: dict | None) -> str | None:
    """Say how reviews changed a point: 'accepted', or 'corrected; extracted 6/38 completed, due 2024-12-31'."""
    if status != "corrected" or not original:
        return status
    return f"corrected; extracted {point_text(original) or 'nothing'}"


# -- what changed between two reports ---------------------------------------------------------


def diff(store: Store, a: dict, b: dict) -> dict:
    """Compare two reports' targets and deadlines: new, progressed, unchanged, missing; moved deadlines."""
    rows = store.series_points()
    groups = store.translation_groups()
    ga, gb = groups.get(a["id"], a["id"]), groups.get(b["id"], b["id"])
    # a report's translation stands in for it, but the document asked for speaks first
    in_a = {r["series_id"]: r for r in sorted(rows, key=lambda r: r["document_id"] == a["id"]) if r["group_id"] == ga}
    in_b = {r["series_id"]: r for r in sorted(rows, key=lambda r: r["document_id"] == b["id"]) if r["group_id"] == gb}
    meta = {s["id"]: s for s in store.series_rows()}
    out: dict[str, list[dict]] = {"new": [], "progressed": [], "unchanged": [], "missing": [], "moved_deadlines": [],
                                  "revised_totals": []}
    for sid in sorted(set(in_a) | set(in_b), key=lambda x: (meta[x]["unit"], meta[x]["total"])):
        old, new = in_a.get(sid), in_b.get(sid)
        line = {"series": sid, "unit": meta[sid]["unit"], "place": meta[sid]["place"],
                "before": marked_point_text(old), "after": marked_point_text(new),
                "evidence": (new or old)["sentence"], "review": review_of([r for r in (old, new) if r])[0]}
        if old and new:
            same = (old["value"], old["total"], old["status"]) == (new["value"], new["total"], new["status"])
            out["unchanged" if same else "progressed"].append(line)
            if old["total"] != new["total"]:
                out["revised_totals"].append({**line, "old": number_text(old["total"]), "new": number_text(new["total"])})
        else:
            out["new" if new else "missing"].append(line)
    for r in store.revision_rows():
        pair = {groups.get(r["from_document"], r["from_document"]), groups.get(r["to_document"], r["to_document"])}
        if r["kind"] == "deadline" and pair == {ga, gb}:
            out["moved_deadlines"].append({"old": r["old"], "new": r["new"], "direction": r["direction"],
                                           "before": r["from_sentence"], "after": r["to_sentence"], "reason": r["reason"],
                                           "review": r["review_status"]})
    return out


def point_text(row: dict | None) -> str:
    """Write a target as a report states it: '6/38 completed, due 2024-12-31', 'about 1 million/2,000,000'."""
    if row is None:
        return ""
    qualifier = row.get("qualifier")
    if row["value"] is not None:
        text = f"{quantity_text(row['value'], qualifier)}/{number_text(row['total'])}"
    else:
        text = quantity_text(row["total"], qualifier)
    if row["status"]:
        text += f" {row['status']}"
    if row["due"]:
        text += f", due {row['due']}"
    return text


def marked_point_text(row: dict | None) -> str:
    """Write a target as point_text does, and say when a review changed it: '7/38 completed (corrected; extracted 6/38
    completed)'."""
    if row is None:
        return ""
    status, original = review_of([row])
    text = review_text(status, original)
    return point_text(row) + (f" ({text})" if text else "")


def fold_translations(rows: list[dict], groups: dict[str, str]) -> tuple[list[dict], int]:
    """Count a fact that a document and its translation both state once: the first sentence keeps it,
    the translation's sentence with the same counts, deadlines and agencies is named in also_in."""
    kept: dict[tuple, dict] = {}
    out, folded = [], 0
    for row in rows:
        row["also_in"] = []
        group = groups.get(row["document_id"])
        facts = (tuple(sorted(((c["value"], c["total"], c["unit"]) for c in row["counts"]), key=none_first)),
                 tuple(sorted(d["due"] for d in row["deadlines"])), tuple(sorted({a["name"] for a in row["agencies"]})))
        key = (group, facts)
        first = kept.get(key) if group and any(facts) else None
        if first is not None and first["document_id"] != row["document_id"]:
            first["also_in"].append(f"{row['language']}: {row['source']}")
            folded += 1
            continue
        kept.setdefault(key, row)
        out.append(row)
    return out, folded


def none_first(fact: tuple) -> tuple:
    """Sort key for a tuple that may hold None: None before any value, so that 6/38 and a bare 6 compare."""
    return tuple((x is not None, x if x is not None else 0) for x in fact)


# -- meaning search ---------------------------------------------------------------------------


def search(store: Store, embedder: Embedder, text: str, limit: int = 10, language: str | None = None) -> list[dict]:
    """Rank record sentences by meaning against a query in any language; a sentence and its translation are one hit.

    The vector index that `docket link` writes beside the database answers without reading the
    database's vectors; without one (or when documents were stored after the last link), every
    record sentence's vector is read, and computed where missing, as linking does.
    """
    index = read_index(store.path, embedder.name, index_stamp(store.last_link_run()))
    if index is None or store.unlinked_documents():
        keys, texts = record_sentences(store.link_inputs())
        if not keys:
            return []
        vectors, _ = embed_texts(store, embedder, texts)
        index = VectorIndex.in_memory(keys, vectors)
    query = embedder.encode([text], kind="query")[0]
    groups = store.translation_groups()
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, group in groups.items():
        members[group].append(doc_id)
    hits: list[dict] = []
    consumed: set[int] = set()
    pool = limit * 4
    while True:
        ranked = index.search(query, pool)
        for row, score in ranked:
            if row in consumed or any(h["_row"] == row for h in hits):
                continue
            doc_id, idx = index.key(row)
            hit = store.sentence_hit(doc_id, idx)
            if hit is None:  # a sentence without records: the index holds every sentence for alignment
                consumed.add(row)
                continue
            if language and hit["language"] != language:
                continue
            hits.append({**hit, "score": round(score, 3), "also_in": [], "_row": row})
            consumed |= fold_twins(store, index, row, hits[-1], members.get(groups.get(doc_id, ""), []))
            if len(hits) >= limit:
                break
        # a language filter or folded twins can leave too few hits: look further down the ranking
        if len(hits) >= limit or len(ranked) < pool:
            break
        pool *= 4
    return [{k: v for k, v in h.items() if k != "_row"} for h in hits]


def fold_twins(store: Store, index: VectorIndex, row: int, hit: dict, members: list[str]) -> set[int]:
    """Name in also_in the same sentence in the other languages of this article; return their rows."""
    doc_id, _ = index.key(row)
    vector = np.asarray(index.vectors[row])
    out: set[int] = set()
    for other in members:
        rows = index.rows_of(other)
        if other == doc_id or not len(rows):
            continue
        sims = np.asarray(index.vectors[rows.start:rows.stop]) @ vector
        best = int(np.argmax(sims))
        if float(sims[best]) >= TWIN:
            out.add(rows.start + best)
            twin_doc, twin_idx = index.key(rows.start + best)
            twin = store.sentence_hit(twin_doc, twin_idx)
            if twin is not None:  # a twin without records of its own is no hit to fold, nor one to name
                hit["also_in"].append(f"{twin['language']}: {twin['source']}")
    return out


# -- output -----------------------------------------------------------------------------------


TIMELINE_COLUMNS = ["date", "place", "unit", "value", "total", "status", "due", "languages", "agency", "sources", "evidence",
                    "review"]


def page_link(source: str, page_dir: Path | None) -> str | None:
    """Link a source from a page written in page_dir: a relative URL to a file that exists, or no link at all.

    A stored source is text from the command line or the file system: "javascript:..." or a URL
    must never become a live link, so only existing files are linked, by an escaped relative path.
    """
    if page_dir is None or not os.path.isfile(source):
        return None
    relative = os.path.relpath(os.path.realpath(source), os.path.realpath(page_dir))
    return quote(Path(relative).as_posix(), safe="/")  # ":" is quoted too: the path can never read as a scheme


def plot_timeline(all_series: list[dict], title: str, page_dir: Path | None = None):
    """Draw each series as share of its target over time, no-value targets on their own lane; return the figure.

    With page_dir, each point links to its report relative to the folder the page is written to.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from .vega import LANE_STEP, LANE_TITLE, deadline_y, labels, lane_rows

    fig, ax = plt.subplots(figsize=(12, 6))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    names, lanes = labels(all_series), lane_rows(all_series)
    texts: list[tuple[date, float, str, str]] = []
    for i, s in enumerate(all_series):
        colour = colours[i % len(colours)]
        texts += draw_series(ax, s, colour, names[s["id"]], lanes.get(s["id"]), deadline_y(i), page_dir)
    top = max(lanes.values(), default=deadline_y(4)) + LANE_STEP
    ax.set_ylim(-5, top)
    ax.set_yticks(range(0, 101, 20))
    if lanes:
        ax.axhline(min(lanes.values()) - LANE_STEP / 2, color="#bbb", linewidth=1)
        ax.text(0.005, top - 1, LANE_TITLE + " (◇ at the report's date)", transform=ax.get_yaxis_transform(),
                fontsize=8, style="italic", color="#555", va="top")
    ax.set_ylabel("share of target completed (%)")
    ax.set_xlabel("report date   (● value reported, ◇ target stated without a value, ▼ deadline, ⇢ deadline moved)")
    ax.set_title(title)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.grid(True, alpha=0.3)
    if all_series:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, title="target series", title_fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    place_labels(ax, texts)
    return fig


def draw_series(ax, s: dict, colour: str, label: str, lane: float | None, due_y: float,
                page_dir: Path | None) -> list[tuple]:
    """Draw one series' points, deadlines and moved deadlines; return the value labels to place."""
    from .vega import reported, value_text

    dated = [p for p in s["points"] if p["date"]]
    known = [p for p in dated if reported(p)]
    share = [100 * p["value"] / p["total"] for p in known]
    ax.plot([day(p["date"]) for p in known], share, "-", color=colour, label=label, gid=f"series-{s['id']}")
    for p in dated:
        y, marker, face = (100 * p["value"] / p["total"], "o", colour) if p in known else (lane, "D", "none")
        point = ax.plot([day(p["date"])], [y], marker, color=colour, markerfacecolor=face, markersize=7)[0]
        point.set_gid(f"point-{s['id']}-{p['documents'][0][:12]}")
        point.set_url(page_link(p["sources"][0], page_dir))  # in SVG a point opens its report
    last = None
    for p in dated:
        if p["due"]:
            ax.plot([day(p["due"])], [due_y], "v", color=colour, markersize=8)
            if last and last["due"] != p["due"]:
                ax.annotate("", (day(p["due"]), due_y), (day(last["due"]), due_y),
                            arrowprops={"arrowstyle": "->", "color": colour, "linestyle": "--"})
            last = p
    return [(day(p["date"]), y, f"{value_text(p)} ({'+'.join(p['languages'])})", colour) for p, y in zip(known, share)]


def day(text: str) -> date:
    """Read an ISO date."""
    return date.fromisoformat(text)


LABEL_OFFSETS = [(6, 6), (6, -14), (6, 18), (6, -26), (-60, 6), (-60, -14), (6, 30), (6, -38)]


def place_labels(ax, texts: list[tuple]) -> None:
    """Write each value label beside its point at the first offset where it covers no label placed before."""
    import matplotlib.dates as mdates

    fig = ax.figure
    fig.canvas.draw()  # the transforms below need the final layout
    scale = fig.dpi / 72
    placed: list[tuple[float, float, float, float]] = []
    for x, y, text, colour in texts:
        px, py = ax.transData.transform((mdates.date2num(x), y))
        width, height = 5.2 * len(text) * scale, 10 * scale  # an 8-point label, near enough to avoid collisions
        for dx, dy in LABEL_OFFSETS:
            box = (px + dx * scale, py + dy * scale, px + dx * scale + width, py + dy * scale + height)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        ax.annotate(text, (x, y), textcoords="offset points", xytext=(dx, dy), fontsize=8, color=colour)


def write_timeline(all_series: list[dict], path: Path, title: str) -> None:
    """Write a timeline as PNG, SVG (by suffix) or a self-contained interactive HTML page."""
    if path.suffix.lower() == ".html":
        page_dir = path.parent
        page = timeline_html(all_series, title, lambda source, _document: page_link(source, page_dir))
        path.write_text(page, encoding="utf-8")
        return
    import matplotlib.pyplot as plt

    fig = plot_timeline(all_series, title, path.parent)
    try:
        fig.savefig(path, dpi=120)
    finally:
        plt.close(fig)


def script_json(value: object) -> str:
    """Write JSON that is safe inside a <script> element: no "</script>", no "<!--", no HTML entity."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def table_rows(all_series: list[dict], link: Linker) -> str:
    """Write one table row per point: its report links, evidence, linking score and reason, all escaped."""
    from .vega import labels, value_text

    names = labels(all_series)
    rows = []
    for s in all_series:
        for p in s["points"]:
            reports = []
            for source, document in zip(p["sources"], p["documents"]):
                href, name = link(source, document), html.escape(Path(source).name or source)
                reports.append(f'<a href="{html.escape(href)}">{name}</a>' if href else name)
            rows.append(
                f"<tr data-series='{html.escape(names[s['id']])}'><td>{html.escape(p['date'] or 'undated')}</td>"
                f"<td>{html.escape(s['place'] or '')}</td><td>{html.escape(s['unit'])}</td>"
                f"<td>{html.escape(value_text(p))}{review_cell(p)}</td><td>{html.escape(p['status'] or '')}</td>"
                f"<td>{html.escape(p['due'] or '')}</td><td>{html.escape('+'.join(p['languages']))}</td>"
                f"<td>{'<br>'.join(reports)}</td><td>{html.escape(p['evidence'] or '')}</td>"
                f"<td>{p['score']:.2f}</td><td>{html.escape(p['reason'] or '')}</td></tr>")
    return "\n".join(rows)


def review_cell(point: dict) -> str:
    """Mark a reviewed point in the timeline's table: '<br><small>corrected; extracted 6/38</small>'."""
    text = review_text(point.get("review"), point.get("original"))
    return f"<br><small class='review'>{html.escape(text)}</small>" if text else ""


def chart_script(spec: dict, script_src: str | None) -> str:
    """Return the scripts that draw the chart: Vega inlined (or from script_src on the same site), then the spec."""
    from .vega import EMBED_OPTIONS, inline_script, javascript

    library = (f'<script src="{html.escape(script_src)}"></script>' if script_src
               else f"<script>\n{inline_script(javascript())}\n</script>")
    return f"""<script type="application/json" id="docket-spec">{script_json(spec)}</script>
{library}
<script>
const spec = JSON.parse(document.getElementById('docket-spec').textContent);
vegaEmbed('#chart', spec, {script_json(EMBED_OPTIONS)}).then(result => {{
  window.docketView = result.view;
  result.view.addSignalListener('pick', (_, value) => {{  // the legend's choice filters the table too
    shown = value && value.series ? new Set(value.series) : null;
    apply();
  }});
}}).catch(error => {{ document.getElementById('chart').textContent = 'The chart could not be drawn: ' + error; }});
</script>"""


def timeline_html(all_series: list[dict], title: str, link: Linker, script_src: str | None = None) -> str:
    """Build one HTML page: the interactive chart, and a table of every point with its reports and evidence, filterable.

    Without script_src the Vega libraries are inlined, so the file opens anywhere without a network.
    """
    from .vega import timeline_spec

    spec = timeline_spec(all_series, title, link)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.85em; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }}
tr.hidden {{ display: none; }}
tr:hover {{ background: #f3f6ff; }}
#vg-tooltip-element td.value {{ max-width: 40em; white-space: normal; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p>Each point is one report; a report published in several languages is one point and lists them all.
Hover a point for its value, deadline and evidence; click it to open the report. Targets a report states
without a value sit on their own lane at the top (◇), not at 0 %. ▼ marks a deadline, a dashed arrow a
deadline that moved. Zoom with the wheel, pan by dragging, double-click to reset; click a series in the
legend to show it alone (shift-click for several), and click again beside the legend to show all.</p>
<div id="chart"></div>
<p><input id="filter" placeholder="filter rows (any text)" size="40"></p>
<table id="points"><thead><tr><th>date</th><th>place</th><th>unit</th><th>value</th><th>status</th><th>deadline</th>
<th>languages</th><th>report</th><th>evidence</th><th>score</th><th>linking reason</th></tr></thead><tbody>
{table_rows(all_series, link)}
</tbody></table>
<script>
let shown = null;
function apply() {{
  const q = document.getElementById('filter').value.toLowerCase();
  for (const tr of document.querySelectorAll('#points tbody tr')) {{
    const off = (shown && !shown.has(tr.dataset.series)) || (q && !tr.textContent.toLowerCase().includes(q));
    tr.classList.toggle('hidden', Boolean(off));
  }}
}}
document.getElementById('filter').oninput = apply;
</script>
{chart_script(spec, script_src)}
</body></html>
"""
