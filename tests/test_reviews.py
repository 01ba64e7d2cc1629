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
    assert "run `docket link` to carry it into targets" in result.stderr
    stale = run(ingested, "targets", "--format", "csv")
    assert "reviewed after the last `docket link`" in stale.stderr
    with Docket(ingested) as dk:
        link(dk.store, FakeEmbedder())
    rows = list(csv.DictReader(io.StringIO(run(ingested, "targets", "--format", "csv").stdout)))
    assert [(r["unit"], r["value"], r["total"]) for r in rows] == [("model", "9", "38")]


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
