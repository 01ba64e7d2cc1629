"""reviews.py and `docket review`: accept, reject and correct records; every reader applies the reviews."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline.extract
from pipeline.api import Docket
from pipeline.cli import cli
from pipeline.link import link
from pipeline.reviews import ReviewError, doubt, parse_corrections

from .charts import page_spec, rows_with, spec_points
from .fakes import FakeEmbedder

# a report of my own, in the manner of a provincial Project 06 review
REPORT = """Ha Tinh reviews Project 06 in the third quarter of 2024

On September 26, 2024, the Ha Tinh Provincial People's Committee held a conference on Project 06.
So far 6 of 38 pilot models have been completed.
The Provincial Police must complete the data center by June 30, 2025.
The Department of Justice has simplified 12 administrative procedures.
"""


def run(db: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db, *args], obj={}, catch_exceptions=False)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "reports" / "ha-tinh-2024-09.en.txt"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture
def ingested(db_path: str, report: Path) -> str:
    with Docket(db_path) as dk:
        assert [e.kind for e in dk.ingest([report])] == ["stored"]
    return db_path


def record(db: str, kind: str, **match) -> dict:
    """Return the one record of a kind whose fields match."""
    with Docket(db) as dk:
        found = [r for r in dk.records(kind) if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


def export_of(db: str) -> dict:
    lines = run(db, "export").stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_a_correction_is_seen_in_export_query_and_documents(ingested: str) -> None:
    models = record(ingested, "counts", unit="model")
    result = run(ingested, "review", "correct", models["id"][:8], "value=7", "status=in_progress", "--note", "the table says 7",
                 "--by", "lan")
    assert result.exit_code == 0, result.output
    assert f"corrected count {models['id']}: value=7, status=in_progress (by lan)" in result.stdout
    exported = next(c for c in export_of(ingested)["counts"] if c["id"] == models["id"])
    assert (exported["value"], exported["total"], exported["status"]) == (7, 38, "in_progress")
    assert exported["review"]["status"] == "corrected" and exported["review"]["by"] == "lan"
    assert exported["review"]["note"] == "the table says 7"
    assert exported["review"]["original"] == {"value": 6, "total": 38, "unit": "model", "status": "completed", "qualifier": None}
    hits = [json.loads(line) for line in run(ingested, "query", "--unit", "model", "--format", "jsonl").stdout.splitlines()]
    assert [(c["id"], c["value"], c["review_status"]) for h in hits for c in h["counts"]] == [(models["id"], 7, "corrected")]
    assert run(ingested, "query", "--status", "completed", "--format", "jsonl").stdout == ""
    assert f"7/38 model (in_progress) [{models['id']} corrected]" in run(ingested, "query", "--unit", "model", "--format", "csv").stdout


def test_a_rejected_record_leaves_every_reader_but_is_listed_as_rejected(ingested: str) -> None:
    procedures = record(ingested, "counts", unit="administrative procedure")
    result = run(ingested, "review", "reject", procedures["id"], "--note", "a running figure, not a target")
    assert result.exit_code == 0 and "rejected count" in result.stdout
    obj = export_of(ingested)
    assert procedures["id"] not in {c["id"] for c in obj["counts"]}
    assert [(r["kind"], r["id"], r["review"]["status"], r["review"]["note"]) for r in obj["rejected"]] == [
        ("counts", procedures["id"], "rejected", "a running figure, not a target")]
    assert run(ingested, "query", "--unit", "administrative procedure", "--format", "jsonl").stdout == ""
    documents = list(csv.DictReader(io.StringIO(run(ingested, "documents", "--format", "csv").stdout)))
    assert documents[0]["counts"] == "1"
    rows = list(csv.DictReader(io.StringIO(run(ingested, "export", "--format", "csv").stdout)))
    assert procedures["id"] not in {r["id"] for r in rows}


def test_an_accepted_record_keeps_its_value_and_carries_the_review(ingested: str) -> None:
    police = record(ingested, "agencies", name="Provincial Police")
    assert run(ingested, "review", "accept", police["id"], "--by", "minh").exit_code == 0
    exported = next(a for a in export_of(ingested)["agencies"] if a["id"] == police["id"])
    assert exported["name"] == "Provincial Police"
    assert exported["review"]["status"] == "accepted" and exported["review"]["by"] == "minh"
    listed = run(ingested, "review", "list", "--kind", "agencies", "--format", "csv").stdout
    assert police["id"] not in listed and "Department of Justice" in listed


def test_an_agency_correction_changes_what_the_agency_filter_finds(ingested: str) -> None:
    justice = record(ingested, "agencies", name="Department of Justice")
    assert run(ingested, "review", "correct", justice["id"], "name=Department of Home Affairs", "role=lead").exit_code == 0
    assert run(ingested, "query", "--agency", "Justice", "--format", "jsonl").stdout == ""
    hit = json.loads(run(ingested, "query", "--agency", "Home Affairs", "--format", "jsonl").stdout)
    assert [(a["name"], a["role"]) for a in hit["agencies"]] == [("Department of Home Affairs", "lead")]


def test_targets_read_reviewed_values_after_linking(ingested: str) -> None:
    with Docket(ingested) as dk:
        link(dk.store, FakeEmbedder())
    models = record(ingested, "counts", unit="model")
    result = run(ingested, "review", "correct", models["id"], "value=9")
    assert result.stderr == ""  # nothing to run: every reader applies the review at once
    with Docket(ingested) as dk:
        link(dk.store, FakeEmbedder())
    rows = list(csv.DictReader(io.StringIO(run(ingested, "targets", "--format", "csv").stdout)))
    assert [(r["unit"], r["value"], r["total"]) for r in rows] == [("model", "9", "38")]


# -- links apply reviews at once: targets, revisions, diffs and timelines, without `docket link` ---------------

# two reports of my own a half-year apart; the second restates the data center's deadline unchanged
APRIL = """On April 2, 2024, the Ha Tinh Provincial People's Committee held a conference on Project 06.
So far 6 of 38 pilot models have been completed.
The Provincial Police must complete the data center by December 31, 2024."""
OCTOBER = """On October 3, 2024, the Ha Tinh Provincial People's Committee held a conference on Project 06.
So far 21 of 38 pilot models have been completed.
The Provincial Police must complete the data center by December 31, 2024."""


@pytest.fixture
def two_reports(tmp_path: Path, db_path: str) -> str:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "april.en.txt").write_text(APRIL, encoding="utf-8")
    (folder / "october.en.txt").write_text(OCTOBER, encoding="utf-8")
    with Docket(db_path) as dk:
        dk.ingest([folder])
        link(dk.store, FakeEmbedder())
    return db_path


def rows_of(db: str, *args: str) -> list[dict]:
    result = run(db, *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "docket link" not in result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def model_count(db: str, value: float) -> dict:
    return record(db, "counts", unit="model", value=value)


def test_a_corrected_value_is_in_targets_and_the_timeline_at_once(two_reports: str, tmp_path: Path) -> None:
    october = model_count(two_reports, 21.0)
    assert run(two_reports, "review", "correct", october["id"], "value=25", "--note", "the annex says 25").exit_code == 0
    rows = rows_of(two_reports, "targets", "--unit", "model")
    assert [(r["date"], r["value"], r["total"], r["review"]) for r in rows] == [
        ("2024-04-02", "6", "38", ""), ("2024-10-03", "25", "38", "corrected; extracted 21/38 completed")]
    timeline = rows_of(two_reports, "timeline", "--unit", "model")
    assert [(r["value"], r["review"]) for r in timeline] == [("6", ""), ("25", "corrected; extracted 21/38 completed")]
    assert "| 2024-10-03 | Ha Tinh | model | 25 | 38 |" in run(two_reports, "timeline", "--unit", "model", "--format", "md").stdout
    page = tmp_path / "models.html"
    assert run(two_reports, "timeline", "--unit", "model", "-o", str(page)).exit_code == 0
    points = {p["date"]: p for p in spec_points(page.read_text(encoding="utf-8"))}
    assert points["2024-10-03"]["value"] == "25/38"
    assert points["2024-10-03"]["review"] == "corrected; extracted 21/38"
    assert points["2024-04-02"]["review"] == ""
    # the API reads the same: the reviewed value, the review and the figures as extracted
    with Docket(two_reports) as dk:
        point = dk.series(unit="model")[0]["points"][-1]
    assert (point["value"], point["review"], point["original"]["value"]) == (25, "corrected", 21)


def test_the_api_sees_its_own_review_in_series_and_their_dataframe(two_reports: str) -> None:
    pytest.importorskip("pandas")
    october = model_count(two_reports, 21.0)
    with Docket(two_reports) as dk:
        dk.correct(october["id"], {"value": 30, "status": "in_progress"}, note="the annex", by="lan")
        points = dk.series(unit="model")[0]["points"]
        frame = dk.dataframe("series", unit="model")
    assert [(p["value"], p["status"], p["review"]) for p in points] == [(6, "completed", None), (30, "in_progress", "corrected")]
    assert points[-1]["original"] == {"value": 21, "total": 38, "status": "completed", "qualifier": None, "in_progress": None,
                                      "not_started": None, "due": None}
    assert list(frame["value"]) == [6, 30]
    assert list(frame["review"].fillna("")) == ["", "corrected; extracted 21/38 completed"]


def test_a_rejected_count_takes_its_point_out_of_the_series(two_reports: str) -> None:
    october = model_count(two_reports, 21.0)
    assert run(two_reports, "review", "reject", october["id"], "--note", "a misreading").exit_code == 0
    assert [r["date"] for r in rows_of(two_reports, "targets", "--unit", "model")] == ["2024-04-02"]
    assert [r["date"] for r in rows_of(two_reports, "timeline", "--unit", "model")] == ["2024-04-02"]
    with Docket(two_reports) as dk:
        assert [len(s["points"]) for s in dk.series(unit="model")] == [1]
    april = model_count(two_reports, 6.0)
    assert run(two_reports, "review", "reject", april["id"]).exit_code == 0
    assert rows_of(two_reports, "targets", "--unit", "model") == []  # a series with no point left is gone


def test_a_corrected_deadline_moves_a_deadline_that_was_restated_and_back(two_reports: str) -> None:
    assert rows_of(two_reports, "revisions", "--kind", "deadline") == []  # restated unchanged in October
    due = record(two_reports, "deadlines", due="2024-12-31", document_id=model_count(two_reports, 21.0)["document_id"])
    assert run(two_reports, "review", "correct", due["id"], "due=2025-06-30").exit_code == 0
    moved = rows_of(two_reports, "revisions", "--kind", "deadline")
    assert [(r["old"], r["new"], r["direction"]) for r in moved] == [("2024-12-31", "2025-06-30", "later")]
    with Docket(two_reports) as dk:
        row = next(r for r in dk.store.revision_rows() if r["kind"] == "deadline")
    assert row["review_status"] == "corrected"
    assert json.loads(row["review_original"]) == {"old": "2024-12-31", "new": "2024-12-31"}
    assert run(two_reports, "review", "correct", due["id"], "due=2024-12-31").exit_code == 0
    assert rows_of(two_reports, "revisions", "--kind", "deadline") == []


def test_a_corrected_deadline_of_a_target_moves_it_in_targets_revisions_and_the_timeline(db_path: str, tmp_path: Path) -> None:
    stated = "pilot models have been completed, and all 38 must be completed by December 31, 2024."
    with Docket(db_path) as dk:
        for name, text in (("april", APRIL), ("october", OCTOBER)):
            path = tmp_path / f"{name}.en.txt"
            path.write_text(text.replace("pilot models have been completed.", stated), encoding="utf-8")
            dk.ingest([path])
        link(dk.store, FakeEmbedder())
    assert [r["due"] for r in rows_of(db_path, "targets", "--unit", "model")] == ["2024-12-31", "2024-12-31"]
    october = model_count(db_path, 21.0)
    due = record(db_path, "deadlines", document_id=october["document_id"], sentence=october["sentence"])
    assert run(db_path, "review", "correct", due["id"], "due=2025-06-30").exit_code == 0
    targets = rows_of(db_path, "targets", "--unit", "model")
    assert [(r["due"], r["review"]) for r in targets] == [
        ("2024-12-31", ""), ("2025-06-30", "corrected; extracted 21/38 completed, due 2024-12-31")]
    moved = rows_of(db_path, "revisions", "--kind", "deadline")
    assert [(r["old"], r["new"], r["direction"]) for r in moved] == [("2024-12-31", "2025-06-30", "later")]
    assert "deadline of the 'model' target changed" in moved[0]["reason"]
    page = tmp_path / "models.html"
    assert run(db_path, "timeline", "--unit", "model", "-o", str(page)).exit_code == 0
    assert rows_with(page_spec(page.read_text(encoding="utf-8")), "moved")[0]["moved"] == "2024-12-31 → 2025-06-30"


def test_a_corrected_total_is_a_revised_total_at_once(two_reports: str) -> None:
    october = model_count(two_reports, 21.0)
    assert run(two_reports, "review", "correct", october["id"], "total=45").exit_code == 0
    totals = rows_of(two_reports, "revisions", "--kind", "total")
    assert [(r["old"], r["new"], r["direction"]) for r in totals] == [("38", "45", "up")]
    assert [r["total"] for r in rows_of(two_reports, "targets", "--unit", "model")] == ["38", "45"]
    with Docket(two_reports) as dk:
        assert [s["total"] for s in dk.series(unit="model")] == [45]  # the series' total is its last report's


def test_a_review_of_a_link_survives_link_and_reextract(two_reports: str) -> None:
    october = model_count(two_reports, 21.0)
    due = record(two_reports, "deadlines", due="2024-12-31", document_id=october["document_id"])
    assert run(two_reports, "review", "correct", october["id"], "value=25").exit_code == 0
    assert run(two_reports, "review", "correct", due["id"], "due=2025-06-30").exit_code == 0

    def seen() -> tuple:
        targets = rows_of(two_reports, "targets", "--unit", "model")
        moved = rows_of(two_reports, "revisions", "--kind", "deadline")
        return [(r["value"], r["review"][:9]) for r in targets], [(r["old"], r["new"]) for r in moved]

    before = seen()
    assert before == ([("6", ""), ("25", "corrected")], [("2024-12-31", "2025-06-30")])
    with Docket(two_reports) as dk:
        link(dk.store, FakeEmbedder())
    assert seen() == before
    assert run(two_reports, "reextract", "--no-link").exit_code == 0
    assert seen() == before
    with Docket(two_reports) as dk:
        link(dk.store, FakeEmbedder())
    assert seen() == before


@pytest.mark.parametrize("fields", [
    ["value=abc"], ["value=nan"], ["status=done"], ["due=2025-06-30"], ["unit="], ["value"], ["colour=red"],
])
def test_a_bad_correction_is_refused_with_exit_code_2(ingested: str, fields: list[str]) -> None:
    models = record(ingested, "counts", unit="model")
    result = run(ingested, "review", "correct", models["id"], *fields)
    assert result.exit_code == 2
    assert "Error:" in result.stderr and len(result.stderr.strip().splitlines()[-1]) < 140
    assert Docket(ingested).reviews() == []


@pytest.mark.parametrize("fields", [["due=2025-13-01"], ["due=30/06/2025"], ["role=soon"]])
def test_a_bad_deadline_correction_is_refused(ingested: str, fields: list[str]) -> None:
    due = record(ingested, "deadlines", due="2025-06-30")
    assert run(ingested, "review", "correct", due["id"], *fields).exit_code == 2


def test_an_unknown_or_short_id_is_a_usage_error(ingested: str) -> None:
    assert run(ingested, "review", "accept", "0000000000000000").exit_code == 2
    assert "at least 6 characters" in run(ingested, "review", "accept", "ab").stderr


def test_corrections_parse_each_kind_of_value() -> None:
    assert parse_corrections("counts", ["value=7", "total=", "status=planned"]) == {"value": 7.0, "total": None, "status": "planned"}
    assert parse_corrections("deadlines", ["due=2025-12-31", "role=start"]) == {"due": "2025-12-31", "role": "start"}
    assert parse_corrections("agencies", ["name=Provincial Police", "role=none"]) == {"name": "Provincial Police", "role": None}
    with pytest.raises(ReviewError, match="cannot be empty"):
        parse_corrections("deadlines", ["due="])


def test_a_review_survives_reingesting_the_same_text_and_a_renamed_file(ingested: str, report: Path, tmp_path: Path) -> None:
    models = record(ingested, "counts", unit="model")
    assert run(ingested, "review", "correct", models["id"], "value=7").exit_code == 0
    renamed = tmp_path / "moved" / "renamed.txt"
    renamed.parent.mkdir()
    shutil.move(report, renamed)
    with Docket(ingested) as dk:
        assert [e.kind for e in dk.ingest([renamed])] == ["duplicate"]
        assert [r["value"] for r in dk.records("counts", unit="model")] == [7.0]
    # the same text under another name, in a database of its own, gives its records the same ids
    with Docket(tmp_path / "other.db") as other:
        other.ingest([renamed])
        assert {r["id"] for r in other.records("counts")} == {r["id"] for r in Docket(ingested).records("counts")}


def changed_rule(original):
    """A counts rule that now reads 'have been completed' as work in progress and no longer counts procedures."""
    def extract_counts(sentence, lang, masks):
        found = original(sentence, lang, masks)
        return [replace(c, status="in_progress") if c.unit == "model" else c
                for c in found if c.unit != "administrative procedure"]
    return extract_counts


def test_a_review_survives_reextraction_with_a_changed_rule_and_an_orphan_is_reported(
        ingested: str, report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    models = record(ingested, "counts", unit="model")
    procedures = record(ingested, "counts", unit="administrative procedure")
    assert run(ingested, "review", "correct", models["id"], "value=7", "--note", "the table").exit_code == 0
    assert run(ingested, "review", "accept", procedures["id"]).exit_code == 0
    report.unlink()  # reextract reads the stored text, not the file
    monkeypatch.setattr(pipeline.extract, "extract_counts", changed_rule(pipeline.extract.extract_counts))
    result = run(ingested, "reextract", "--no-link")
    assert result.exit_code == 0, result.output
    assert f"  - counts {procedures['id']}" in result.stdout
    assert f"  ~ counts {models['id']}: status completed -> in_progress" in result.stdout
    assert "1 reviews name records that no longer exist" in result.stderr
    after = record(ingested, "counts", id=models["id"])
    assert (after["value"], after["status"], after["review_status"]) == (7.0, "in_progress", "corrected")
    orphans = run(ingested, "review", "list", "--orphans", "--format", "csv")
    assert [(r["id"], r["status"]) for r in csv.DictReader(io.StringIO(orphans.stdout))] == [(procedures["id"], "accepted")]


def test_review_list_puts_the_most_doubtful_first(ingested: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run(ingested, "review", "list", "--format", "csv").stdout)))
    assert len(rows) == 8  # 2 counts, 3 deadlines, 3 agencies
    doubts = [float(r["doubt"]) for r in rows]
    assert doubts == sorted(doubts, reverse=True)
    bare = next(r for r in rows if r["record"].startswith("12 administrative procedure"))
    assert "no total and no status" in bare["why"]
    assert float(rows[-1]["doubt"]) == 0


def test_doubt_weighs_language_confidence_and_resolved_dates() -> None:
    sure = {"language": "en", "language_confidence": 1.0, "role": "deadline", "basis": "explicit"}
    resolved = {**sure, "basis": "resolved", "anchor": "event_date 2025-07-02"}
    unsure = {**sure, "language_confidence": 0.6}
    assert doubt("deadlines", sure)[0] == 0
    assert doubt("deadlines", resolved) == (1.0, ["date resolved from event_date 2025-07-02"])
    assert doubt("deadlines", unsure)[0] == pytest.approx(0.8)


def test_points_linked_before_schema_6_keep_their_figures_until_the_next_link(two_reports: str) -> None:
    with Docket(two_reports) as dk:  # what a schema-5 store holds after migrating: points that name no records
        dk.store.db.execute("UPDATE series_points SET target_id = NULL, value_id = NULL, sentences = NULL")
    october = model_count(two_reports, 21.0)
    assert run(two_reports, "review", "correct", october["id"], "value=25").exit_code == 0
    assert [r["value"] for r in rows_of(two_reports, "targets", "--unit", "model")] == ["6", "21"]
    with Docket(two_reports) as dk:
        link(dk.store, FakeEmbedder())
    assert [r["value"] for r in rows_of(two_reports, "targets", "--unit", "model")] == ["6", "25"]


def test_review_list_writes_whole_numbers_without_a_decimal_point(ingested: str) -> None:
    models = record(ingested, "counts", unit="model")
    assert run(ingested, "review", "correct", models["id"], "value=7", "total=1000000").exit_code == 0
    listed = list(csv.DictReader(io.StringIO(run(ingested, "review", "list", "--all", "--format", "csv").stdout)))
    assert json.loads(listed[0]["fields"]) == {"value": 7, "total": 1000000}
    assert '"value": 7,' in listed[0]["fields"] and '"total": 38' in listed[0]["original"]


def test_a_review_names_the_account_when_no_login_variable_is_set(monkeypatch) -> None:
    import getpass

    from pipeline.api import reviewer

    for name in ("USER", "USERNAME", "LOGNAME", "LNAME"):
        monkeypatch.delenv(name, raising=False)
    assert reviewer() == getpass.getuser() != "unknown"
    assert reviewer("analyst-2") == "analyst-2"
