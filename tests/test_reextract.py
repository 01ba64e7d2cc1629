"""reextract.py and `docket reextract`: stored texts extracted again, one transaction per document, changes by record id."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline.extract
from pipeline.api import Docket
from pipeline.cli import cli
from pipeline.store import Store

from .conftest import SAMPLE
from .test_reviews import REPORT

SECOND = """Nghe An reviews Project 06 in April 2024

On April 15, 2024, the Nghe An Provincial People's Committee held a conference on Project 06.
So far 12 of 38 pilot models have been completed.
"""


def run(db: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db, *args], obj={}, catch_exceptions=False)


@pytest.fixture
def two_reports(db_path: str, tmp_path: Path) -> str:
    for name, text in (("ha-tinh.en.txt", REPORT), ("nghe-an.en.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Docket(db_path) as dk:
        dk.ingest([tmp_path / "ha-tinh.en.txt", tmp_path / "nghe-an.en.txt"])
    return db_path


def exported(db: str) -> str:
    out = io.StringIO()
    with Docket(db) as dk:
        dk.export(out)
    return out.getvalue()


def test_the_same_rules_change_nothing(db_path: str, tmp_path: Path) -> None:
    files = [SAMPLE / n for n in ("ha-tinh-2024-03-project06.en.txt", "ha-tinh-2025-01-plan.en.pdf",
                                  "lai-chau-2025-10-digital.en.html", "ha-tinh-2024-09-project06.de.md")]
    for f in files:  # the source files are gone when reextract runs: it reads the stored texts
        shutil.copy(f, tmp_path / f.name)
    with Docket(db_path) as dk:
        dk.ingest([tmp_path / f.name for f in files])
    before = exported(db_path)
    for f in files:
        (tmp_path / f.name).unlink()
    with Docket(db_path) as dk:
        changes = dk.reextract()
    assert len(changes) == 4 and all(c.unchanged for c in changes)
    assert exported(db_path) == before


def slower_rule(original):
    """A counts rule that reads 'have been completed' as in progress and finds no administrative procedures."""
    def extract_counts(sentence, lang, masks):
        return [replace(c, status="in_progress") if c.unit == "model" else c
                for c in original(sentence, lang, masks) if c.unit != "administrative procedure"]
    return extract_counts


def test_a_changed_rule_is_told_by_record_id_and_field(two_reports: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Docket(two_reports) as dk:
        before = {r["unit"]: r["id"] for r in dk.records("counts") if r["source"].endswith("ha-tinh.en.txt")}
        monkeypatch.setattr(pipeline.extract, "extract_counts", slower_rule(pipeline.extract.extract_counts))
        ha_tinh = next(d["id"] for d in dk.documents() if d["source"].endswith("ha-tinh.en.txt"))
        [change] = dk.reextract([ha_tinh])
        # the procedures' count is gone, and with it the commitment that reported it
        assert [kind for kind, _ in change.removed] == ["counts", "commitments"]
        assert change.removed[0] == ("counts", before["administrative procedure"])
        assert change.added == []
        assert change.changed == [("counts", before["model"], {"status": ("completed", "in_progress")})]
        others = [r for r in dk.records("counts") if r["source"].endswith("nghe-an.en.txt")]
        assert [r["status"] for r in others] == ["completed"]  # only the document asked for was extracted again


def test_the_cli_prints_each_change_and_a_summary(two_reports: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.extract, "extract_counts", slower_rule(pipeline.extract.extract_counts))
    result = run(two_reports, "reextract", "--no-link")
    assert result.exit_code == 0, result.output
    assert "ha-tinh.en.txt (" in result.stdout and "nghe-an.en.txt (" in result.stdout
    assert "status completed -> in_progress" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == (
        "re-extracted 2 documents: 2 changed; records 0 added, 2 removed, 2 changed")
    assert "links are older than the records now: run `docket link`" in result.stderr


def test_reextract_links_again_unless_told_not_to(two_reports: str) -> None:
    result = run(two_reports, "reextract", "--doc", "ha-tinh")
    assert result.exit_code == 0
    assert "re-extracted 1 documents: 0 changed" in result.stdout
    # the tests have no model: linking is tried and fails in one line, the records stay
    assert "re-extracted, but not linked:" in result.stderr


def test_an_unknown_document_is_a_usage_error(two_reports: str) -> None:
    result = run(two_reports, "reextract", "--doc", "no-such-report")
    assert result.exit_code == 2 and "no stored document matches" in result.stderr


def test_each_document_is_replaced_in_its_own_transaction(two_reports: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(two_reports)
    ids = [d["id"] for d in store.documents()]
    counts_before = {i: store.raw_records(i)["counts"] for i in ids}
    monkeypatch.setattr(pipeline.extract, "extract_counts", slower_rule(pipeline.extract.extract_counts))
    real_write = Store.write_records
    calls = []

    def failing_second(self, doc, e):
        calls.append(doc)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_write(self, doc, e)
    monkeypatch.setattr(Store, "write_records", failing_second)
    with Docket(two_reports) as dk, pytest.raises(RuntimeError):
        dk.reextract(ids)
    after = Store(two_reports)
    assert [c["status"] for c in after.raw_records(ids[0])["counts"]] == ["in_progress"]  # the first is done
    assert after.raw_records(ids[1])["counts"] == counts_before[ids[1]]  # the second is as it was, whole
    assert after.db.execute("SELECT COUNT(*) FROM sentences WHERE document_id = ?", [ids[1]]).fetchone()[0] > 0
