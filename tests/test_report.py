"""report.py and the commands that read links: targets, revisions, diff, documents --translations, timeline."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.link import link
from pipeline.report import series
from pipeline.store import Store

from .charts import spec_points
from .fakes import FakeEmbedder, store_text
from .test_link import MARCH_DE, MARCH_EN, SEPT_EN


def run(db: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db, *args], obj={}, catch_exceptions=False)


@pytest.fixture
def linked_db(db_path: str) -> str:
    store = Store(db_path)
    for name, text, lang in (("march.en", MARCH_EN, "en"), ("march.de", MARCH_DE, "de"), ("sept.en", SEPT_EN, "en")):
        store_text(store, text, lang, f"reports/{name}.txt")
    link(store, FakeEmbedder())
    store.close()
    return db_path


def test_a_translated_pair_is_one_point_that_names_both_languages(linked_db: str) -> None:
    store = Store(linked_db)
    models = series(store, unit="model")[0]
    assert [(p["date"], p["value"], p["total"], p["languages"]) for p in models["points"]] == [
        ("2024-03-28", 6.0, 38.0, ["de", "en"]), ("2024-09-26", 21.0, 38.0, ["en"])]
    assert models["points"][0]["translations"] is True


def test_targets_filters_by_unit_place_and_agency(linked_db: str) -> None:
    result = run(linked_db, "targets", "--unit", "model", "--place", "ha tinh", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["value"], r["total"], r["languages"]) for r in rows] == [
        ("2024-03-28", "6", "38", "de+en"), ("2024-09-26", "21", "38", "en")]
    assert run(linked_db, "targets", "--place", "Nghe An", "--format", "csv").stdout.count("\n") == 1  # header only
    police = run(linked_db, "targets", "--agency", "Justice", "--format", "jsonl").stdout
    assert [json.loads(line)["unit"] for line in police.splitlines()] == ["administrative procedure"]


def test_targets_as_markdown(linked_db: str) -> None:
    out = run(linked_db, "targets", "--linked", "--format", "md").stdout
    assert out.startswith("| series | place | unit | agency |")
    assert "| 2024-09-26 | 21 | 38 |" in out


def test_revisions_lists_the_slipped_deadline(linked_db: str) -> None:
    result = run(linked_db, "revisions", "--kind", "deadline", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["old"], r["new"], r["direction"]) for r in rows] == [("2024-06-30", "2024-12-31", "later")]


def test_diff_between_two_reports(linked_db: str) -> None:
    def sections(*args: str) -> dict[str, list[dict]]:
        rows = json.loads(run(linked_db, "diff", *args, "--format", "json").stdout)  # one row per change, its kind in section
        return {k: [r for r in rows if r["section"] == k] for k in ("progressed", "moved_deadlines")}

    result = run(linked_db, "diff", "march.en.txt", "reports/sept.en.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    d = sections("march.en.txt", "reports/sept.en.txt")
    assert [(x["unit"], x["before"], x["after"]) for x in d["progressed"]] == [
        ("administrative procedure", "38", "10/38 completed"), ("model", "6/38 completed", "21/38 completed")]
    assert [(m["old"], m["new"]) for m in d["moved_deadlines"]] == [("2024-06-30", "2024-12-31")]
    # the translation of the first report gives the same answer
    assert sections("march.de.txt", "sept.en.txt")["progressed"] == d["progressed"]
    # evidence comes from the document asked for, not from its translation
    back = sections("sept.en", "march.de")
    assert [x["evidence"] for x in back["progressed"] if x["unit"] == "model"] == ["Bisher wurden 6 von 38 Pilotmodellen abgeschlossen."]


def test_diff_of_an_unknown_document_is_a_usage_error(linked_db: str) -> None:
    result = run(linked_db, "diff", "nothing-like-this", "sept.en.txt")
    assert result.exit_code == 2
    assert "no stored document matches 'nothing-like-this'" in result.output


def test_documents_translations(linked_db: str) -> None:
    result = run(linked_db, "documents", "--translations", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["language"] for r in rows) == ["de", "en"]
    assert len({r["group"] for r in rows}) == 1
    assert "aligned" in rows[0]["reason"]


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".html", b"<!doctype html>")])
def test_timeline_files(linked_db: str, tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"ha-tinh{suffix}"
    result = run(linked_db, "timeline", "--place", "Ha Tinh", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(magic)
    if suffix == ".html":
        page = data.decode()
        assert "sept.en.txt" in page and "de+en" in page and "<th>linking reason</th>" in page
    if suffix == ".svg":
        assert b"Targets over time: Ha Tinh" in data
        assert b"<a " not in data  # the stored sources are not files here: nothing to link to


def test_the_html_timeline_is_one_file_with_vega_inlined(linked_db: str, tmp_path: Path) -> None:
    out = tmp_path / "ha-tinh.html"
    assert run(linked_db, "timeline", "--place", "Ha Tinh", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", page)  # nothing to fetch: no script comes from anywhere else
    assert not re.search(r"""<link[^>]*href=["']?https?:""", page)
    assert "window.vegaEmbed=" in page and "window.vegaLite=" in page and "window.vega=" in page  # the libraries, inline
    store = Store(linked_db)
    stated = [(p["date"], p["evidence"]) for s in series(store, place="Ha Tinh") for p in s["points"]]
    store.close()
    points = spec_points(page)
    assert sorted((p["date"], p["evidence"]) for p in points) == sorted(stated)  # every point, with its evidence


def test_a_target_without_a_value_is_on_its_own_lane_not_at_zero(linked_db: str, tmp_path: Path) -> None:
    from pipeline.vega import LANE_TITLE, LANE_Y

    out = tmp_path / "ha-tinh.html"
    assert run(linked_db, "timeline", "--place", "Ha Tinh", "-o", str(out)).exit_code == 0
    points = {p["value"]: p for p in spec_points(out.read_text(encoding="utf-8"))}
    stated = points["target 38, no value reported"]  # "The Department of Justice reviewed 38 administrative procedures."
    assert stated["lane"] == LANE_TITLE and stated["y"] >= LANE_Y > 100
    assert points["6/38"]["y"] == pytest.approx(100 * 6 / 38) and points["6/38"]["lane"] == "reported"


def point(date: str, value: float | None, total: float, due: str | None = None) -> dict:
    return {"date": date, "value": value, "total": total, "status": None, "due": due, "languages": ["en"],
            "sources": [f"{date}.txt"], "documents": [date.replace("-", "") + "00000000"], "evidence": "x",
            "score": 1.0, "reason": "first report of this target"}


def made_series(sid: str, unit: str, total: float, points: list[dict]) -> dict:
    return {"id": sid, "place": "Ha Tinh", "unit": unit, "total": total, "agency": None, "points": points}


def test_a_moved_deadline_is_drawn_from_old_to_new() -> None:
    from pipeline.vega import deadline_rows

    found = [made_series("s0", "record", 2000, [point("2024-03-28", None, 2000, "2024-09-30"),
                                                point("2024-09-26", None, 2000, "2024-12-31")])]
    dues, moves = deadline_rows(found)
    assert [(m["old"], m["new"], m["moved"]) for m in moves] == [("2024-09-30", "2024-12-31", "2024-09-30 → 2024-12-31")]
    assert [(d["deadline"], d["stated_in"]) for d in dues] == [("2024-09-30", "2024-03-28"), ("2024-12-31", "2024-09-26")]


def test_the_printed_timeline_places_labels_apart_and_keeps_no_value_targets_off_zero() -> None:
    import matplotlib.pyplot as plt

    from pipeline.report import plot_timeline
    from pipeline.vega import LANE_Y

    # three series with the same share on the same dates: their labels would print on top of each other
    found = [made_series(f"s{i}", unit, total, [point("2024-03-28", total / 2, total), point("2024-09-26", total, total)])
             for i, (unit, total) in enumerate((("model", 38), ("record", 2000), ("task", 6)))]
    found.append(made_series("s3", "group", 45, [point("2024-03-28", None, 45), point("2024-09-26", None, 45)]))
    fig = plot_timeline(found, "t")
    try:
        fig.canvas.draw()
        boxes = [t.get_window_extent() for t in fig.axes[0].texts if "/" in t.get_text()]
        assert len(boxes) == 6
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        lane = [line.get_ydata()[0] for line in fig.axes[0].lines if (line.get_gid() or "").startswith("point-s3-")]
        assert lane and all(y >= LANE_Y for y in lane)
    finally:
        plt.close(fig)


def test_timeline_tables(linked_db: str) -> None:
    md = run(linked_db, "timeline", "--place", "Ha Tinh", "--format", "md").stdout
    assert md.splitlines()[0].startswith("| date | place | unit | value | total |")
    rows = list(csv.DictReader(io.StringIO(run(linked_db, "timeline", "--unit", "model", "--format", "csv").stdout)))
    assert [r["value"] for r in rows] == ["6", "21"]


def test_timeline_needs_an_output_and_a_known_suffix(linked_db: str, tmp_path: Path) -> None:
    assert run(linked_db, "timeline").exit_code == 2
    result = run(linked_db, "timeline", "-o", str(tmp_path / "plot.jpg"))
    assert result.exit_code == 2 and "use a .png, .svg or .html file" in result.output
    nothing = run(linked_db, "timeline", "--place", "Hanoi", "--format", "md")
    assert nothing.exit_code == 1 and "no target series match" in nothing.output


def test_reading_links_before_linking_says_so(db_path: str) -> None:
    store = Store(db_path)
    store_text(store, MARCH_EN, "en", "march.txt")
    store.close()
    result = run(db_path, "targets")
    assert "no links yet: run `docket link`" in result.stderr


def test_ingest_without_the_model_stores_and_says_how_to_link(db_path: str, tmp_path: Path) -> None:
    report = tmp_path / "march.txt"
    report.write_text(MARCH_EN, encoding="utf-8")
    result = run(db_path, "ingest", str(report))
    assert result.exit_code == 0
    assert "stored, but not linked: model multilingual-e5-small is not built" in result.stderr
    assert "docket model build" in result.stderr
    assert run(db_path, "link").exit_code == 1


# -- the sample corpus end to end, with the real model ------------------------------------------


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    from .conftest import SAMPLE

    db = str(tmp_path_factory.mktemp("sample") / "docket.db")
    result = run(db, "ingest", str(SAMPLE), "-q")
    assert result.exit_code == 0, result.output
    assert "linked 6 documents: 1 translation groups" in result.stdout
    return db


@pytest.mark.model
def test_sample_translation_group_and_series(sample_db: str) -> None:
    groups = [json.loads(line) for line in run(sample_db, "documents", "--translations", "--format", "jsonl").stdout.splitlines()]
    assert sorted(g["source"].split("/")[-1] for g in groups) == ["ha-tinh-2024-03-project06.en.txt", "ha-tinh-2024-03-project06.vi.txt"]
    rows = list(csv.DictReader(io.StringIO(run(sample_db, "targets", "--unit", "model", "--place", "Ha Tinh", "--format", "csv").stdout)))
    assert [(r["date"], r["value"], r["total"], r["languages"]) for r in rows] == [
        ("2024-03-28", "9", "30", "en+vi"), ("2024-09-26", "21", "30", "de")]
    moved = list(csv.DictReader(io.StringIO(run(sample_db, "revisions", "--kind", "deadline", "--format", "csv").stdout)))
    assert ("2024-06-30", "2024-12-31", "later") in {(r["old"], r["new"], r["direction"]) for r in moved}


@pytest.mark.model
def test_search_by_meaning_across_languages(sample_db: str) -> None:
    result = run(sample_db, "search", "hoàn thành trung tâm dữ liệu của tỉnh", "--limit", "3", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    top = hits[0]
    assert any(word in top["text"] for word in ("data center", "Datenzentrum", "trung tâm dữ liệu", "центр обработки"))
    assert top["deadlines"] and top["agencies"]
    # the Vietnamese sentence and its English original are one hit, which names the other language
    assert [a.split(":")[0] for a in top["also_in"]] == (["en"] if top["language"] == "vi" else ["vi"])
    assert not any(h["source"].endswith("project06.en.txt") and "data center" in h["text"] for h in hits[1:])


def test_query_counts_a_fact_of_a_translated_pair_once(linked_db: str) -> None:
    result = run(linked_db, "query", "--unit", "model", "--format", "jsonl")
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(h["source"].split("/")[-1], len(h["also_in"])) for h in hits] == [("march.en.txt", 1), ("sept.en.txt", 0)] or \
        [(h["source"].split("/")[-1], len(h["also_in"])) for h in hits] == [("march.de.txt", 1), ("sept.en.txt", 0)]
    table = run(linked_db, "query", "--unit", "model")
    assert "2 sentences (1 more in translations, counted once: see also_in)" in table.stderr


def test_link_with_a_model_that_cannot_load_is_one_line(linked_db: str, tmp_path: Path) -> None:
    result = run(linked_db, "link", "--model", str(tmp_path / "no-such-model"))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: cannot load embedding model")
    # the links from before are untouched
    assert run(linked_db, "targets", "--unit", "model", "--format", "csv").stdout.count("\n") == 3


def test_an_interrupted_link_keeps_the_vectors_and_the_old_links(db_path: str, monkeypatch) -> None:
    from pipeline import link as link_module

    store = Store(db_path)
    for name, text, lang in (("march.en", MARCH_EN, "en"), ("sept.en", SEPT_EN, "en")):
        store_text(store, text, lang, f"{name}.txt")
    embedder = FakeEmbedder()
    link(store, embedder)
    before = store.series_rows()
    store_text(store, MARCH_DE, "de", "march.de.txt")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(link_module, "find_series", interrupted)
    with pytest.raises(KeyboardInterrupt):
        link(store, embedder)
    assert store.series_rows() == before  # nothing half-replaced
    monkeypatch.undo()
    assert link(store, embedder).embedded == 0  # the German sentences were kept from the interrupted run


def test_search_reads_the_index_that_link_wrote_and_answers_as_without_it(linked_db: str) -> None:
    import shutil

    from pipeline.report import search
    from pipeline.vectors import index_folder

    store = Store(linked_db)
    folder = index_folder(linked_db, FakeEmbedder.name)
    assert (folder / "vectors.npy").is_file()
    embedder = FakeEmbedder()
    with_index = search(store, embedder, "provincial police data center", limit=3)
    assert embedder.encoded == ["provincial police data center"]  # only the query: no sentence was read or embedded
    shutil.rmtree(folder)
    without = search(store, FakeEmbedder(), "provincial police data center", limit=3)
    assert [(h["document_id"], h["idx"], h["also_in"]) for h in with_index] == \
        [(h["document_id"], h["idx"], h["also_in"]) for h in without]
    top = with_index[0]["text"].lower()
    assert "data center" in top or "datenzentrum" in top


def test_query_folds_a_sentence_with_one_value_counted_with_and_without_a_total(db_path: str) -> None:
    # "6 of 38 models ... 6 models": (6, 38) and (6, None) in one sentence once made sorting raise TypeError
    store = Store(db_path)
    en = store_text(store, "So far 6 of 38 pilot models were completed, and 6 pilot models are planned by June 30, 2024.",
                    "en", "a.en.txt")
    de = store_text(store, "Bisher wurden 6 von 38 Pilotmodellen abgeschlossen, 6 Pilotmodelle sind bis zum 30. Juni 2024 geplant.",
                    "de", "a.de.txt")
    store.db["translation_groups"].insert_all([{"document_id": en, "group_id": en}, {"document_id": de, "group_id": en}])
    values = {(c["value"], c["total"]) for c in store.query_records()[0]["counts"]}
    store.close()
    assert values == {(6, None), (6, 38)}
    for args in (["--due-after", "2024-01-01", "--due-before", "2024-12-31"], ["--status", "planned"], ["--lang", "en"]):
        result = run(db_path, "query", *args, "--format", "csv")
        assert result.exit_code == 0, result.output
        assert "6 model" in result.output


# -- numbers print as written: 1,000,000 and about 1 million, never 1e+06; 38, never 38.0 ---------------------

ACCOUNTS_MARCH = """On March 28, 2024, the Ha Tinh Provincial People's Committee held a conference on Project 06.
So far 600,000 of 1,000,000 electronic identification accounts have been activated."""
ACCOUNTS_SEPT = """On September 26, 2024, the Ha Tinh Provincial People's Committee held a conference on Project 06.
So far 900,000 of 1,200,000 electronic identification accounts have been activated."""
NEVER = re.compile(r"\de[+-]\d|\d\.0\b|1000000|2500000")  # an exponent, a whole number with .0, a large number ungrouped


@pytest.fixture
def accounts_db(db_path: str) -> str:
    store = Store(db_path)
    store_text(store, ACCOUNTS_MARCH, "en", "reports/march.en.txt")
    store_text(store, ACCOUNTS_SEPT, "en", "reports/sept.en.txt")
    link(store, FakeEmbedder())
    store.close()
    return db_path


def table(db: str, *args: str) -> str:
    result = run(db, *args, "--wide")
    assert result.exit_code == 0, result.output
    assert not NEVER.search(result.stdout), result.stdout
    return result.stdout


def test_large_totals_print_grouped_in_targets_revisions_diff_and_link_reasons(accounts_db: str) -> None:
    assert re.search(r"600,000 +1,000,000 ", table(accounts_db, "targets"))
    revised = table(accounts_db, "revisions", "--kind", "total")
    assert re.search(r"1,000,000 +1,200,000 +up ", revised) and "total revised 1,000,000 -> 1,200,000" in revised
    diff = json.loads(run(accounts_db, "diff", "march.en", "sept.en", "--format", "json").stdout)
    assert [(d["section"], d["before"], d["after"]) for d in diff if d["section"] == "progressed"] == [
        ("progressed", "600,000/1,000,000 completed", "900,000/1,200,000 completed")]
    assert [(d["old"], d["new"]) for d in diff if d["section"] == "revised_totals"] == [("1,000,000", "1,200,000")]
    table(accounts_db, "diff", "march.en", "sept.en")


def test_reviewed_fractions_and_qualifiers_print_as_written_everywhere(accounts_db: str, tmp_path: Path) -> None:
    store = Store(accounts_db)
    march, sept = (next(store.db.query("SELECT id FROM counts WHERE value = ?", [v]))["id"] for v in (600000, 900000))
    store.close()
    assert run(accounts_db, "review", "correct", march, "value=1000000", "qualifier=about").exit_code == 0
    assert run(accounts_db, "review", "correct", sept, "value=45.03", "total=2500000.5").exit_code == 0
    targets = table(accounts_db, "targets")
    assert re.search(r"1,000,000 +1,000,000 ", targets) and re.search(r"45.03 +2,500,000.5 ", targets)
    assert "corrected; extracted 900,000/1,200,000 completed" in targets
    assert re.search(r"1,000,000 +2,500,000.5 +up ", table(accounts_db, "revisions", "--kind", "total"))
    diff = json.loads(run(accounts_db, "diff", "march.en", "sept.en", "--format", "json").stdout)
    progressed = next(d for d in diff if d["section"] == "progressed")
    assert progressed["before"] == "about 1 million/1,000,000 completed (corrected; extracted 600,000/1,000,000 completed)"
    assert progressed["after"].startswith("45.03/2,500,000.5 completed (corrected")
    assert [(d["old"], d["new"]) for d in diff if d["section"] == "revised_totals"] == [("1,000,000", "2,500,000.5")]
    page = tmp_path / "accounts.html"
    assert run(accounts_db, "timeline", "-o", str(page)).exit_code == 0
    points = spec_points(page.read_text(encoding="utf-8"))
    assert [p["value"] for p in sorted(points, key=lambda p: p["date"])] == ["about 1 million/1,000,000", "45.03/2,500,000.5"]
    assert {p["series"] for p in points} == {"Ha Tinh: account, total 2,500,000.5"}
    assert not [text for p in points for text in p.values() if isinstance(text, str) and NEVER.search(text)]  # tooltips
    csv_rows = list(csv.DictReader(io.StringIO(run(accounts_db, "timeline", "--format", "csv").stdout)))
    assert [(r["value"], r["total"]) for r in csv_rows] == [("1000000", "1000000"), ("45.03", "2500000.5")]  # data: no grouping
    assert "| 45.03 | 2,500,000.5 |" in run(accounts_db, "timeline", "--format", "md").stdout


def test_point_text_writes_numbers_as_a_report_does() -> None:
    from pipeline.report import point_text
    from pipeline.vega import value_text

    row = {"value": 1_000_000.0, "total": 2_500_000.5, "status": "completed", "due": None, "qualifier": "about"}
    assert point_text(row) == "about 1 million/2,500,000.5 completed"
    assert point_text({**row, "value": 45.03, "qualifier": None, "total": 38.0}) == "45.03/38 completed"
    assert point_text({**row, "value": None, "qualifier": None, "total": 1e6, "status": None}) == "1,000,000"
    assert value_text({**row, "value": None, "qualifier": None}) == "target 2,500,000.5, no value reported"


def test_the_agency_filter_reads_every_sentence_a_target_was_read_from(db_path: str) -> None:
    store = Store(db_path)
    store_text(store, MARCH_EN + "\nThe Provincial Working Group registered 38 pilot models for 2024.", "en", "reports/march.en.txt")
    link(store, FakeEmbedder())
    store.close()
    found = json.loads(run(db_path, "targets", "--agency", "Working Group", "--format", "json").stdout)
    assert [(s["unit"], s["total"]) for s in found] == [("model", 38)]
    assert "Provincial Working Group" in found[0]["agencies"]
