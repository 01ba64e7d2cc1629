"""cli.py: what a user sees and the exit codes: 0 all went in, 1 some skipped, 2 usage errors."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import batch
from pipeline.cli import cli

from .conftest import ROOT, SAMPLE, make_pdf


def run(db: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db, *args], obj={}, catch_exceptions=False)


def test_ingest_the_sample_corpus(db_path: str) -> None:
    result = run(db_path, "ingest", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().startswith("6 documents stored, 0 already stored, 0 skipped")
    again = run(db_path, "ingest", str(SAMPLE))
    assert again.exit_code == 0
    assert again.stderr.startswith("0 documents stored, 6 already stored, 0 skipped")


def test_documents_lists_what_is_stored(db_path: str) -> None:
    run(db_path, "ingest", str(SAMPLE))
    result = run(db_path, "documents", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["language"] for r in rows) == ["de", "en", "en", "en", "ru", "vi"]
    ru = next(r for r in rows if r["language"] == "ru")
    assert (ru["event_date"], ru["place"]) == ("2024-04-15", "Nghe An")
    assert ru["counts"] > 0 and ru["agencies"] > 0


def test_bad_files_are_skipped_with_one_line_each_and_the_rest_goes_in(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("The Provincial Police completed 6 of 38 models by June 30, 2025.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "report.docx").write_bytes(b"PK")
    (folder / "scan.pdf").write_bytes(make_pdf(tmp_path / "s.pdf", [[]]).read_bytes())
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = run(db_path, "ingest", str(folder))
    assert result.exit_code == 1
    lines = [l for l in result.stderr.splitlines() if l.startswith("skipped")]
    assert len(lines) == 5
    for name in ("empty.txt", "photo.txt", "report.docx", "scan.pdf", "huge.txt"):
        assert any(name in l for l in lines), name
    assert "\n1 document stored, 0 already stored, 5 skipped; " in result.stderr
    skipped = run(db_path, "skipped", "--format", "jsonl")
    reasons = {Path(json.loads(l)["path"]).name: json.loads(l)["reason"] for l in skipped.stdout.splitlines()}
    assert "no text layer" in reasons["scan.pdf"] and "over the 20 MB limit" in reasons["huge.txt"]
    exported = [json.loads(l) for l in run(db_path, "export").stdout.splitlines()]
    assert [Path(d["source"]).name for d in exported] == ["good.txt"]


def test_a_file_that_gets_fixed_leaves_the_skipped_list(db_path: str, tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"")
    assert run(db_path, "ingest", str(path)).exit_code == 1
    path.write_text("The Provincial Police completed 6 models.", encoding="utf-8")
    assert run(db_path, "ingest", str(path)).exit_code == 0
    assert run(db_path, "skipped", "--format", "jsonl").stdout == ""


@pytest.mark.parametrize("args", [[], ["ingest"], ["query", "--due-before", "June"], ["ingest", "x", "--lang", "fr"],
                                  ["export", "--format", "xml"], ["nonsense"]])
def test_usage_errors_exit_2(db_path: str, args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--db", db_path, *args], obj={})
    assert result.exit_code == 2


def test_lang_overrides_detection(db_path: str, tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("Die Provinzpolizei hat 6 von 38 Modellen fertiggestellt.", encoding="utf-8")
    run(db_path, "ingest", str(path), "--lang", "de")
    (doc,) = [json.loads(l) for l in run(db_path, "export").stdout.splitlines()]
    assert (doc["language"], doc["language_confidence"]) == ("de", 1.0)


def test_unsupported_language_is_stored_and_said(db_path: str, tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("Le comité populaire provincial a demandé au service de la justice de terminer les tâches avant juin. " * 3, encoding="utf-8")
    result = run(db_path, "ingest", str(path))
    assert result.exit_code == 0
    assert "language 'fr' is not yet supported for extraction" in result.stderr
    (doc,) = [json.loads(l) for l in run(db_path, "export").stdout.splitlines()]
    assert doc["language"] == "fr" and doc["supported"] is False and doc["counts"] == []


def test_query_outputs(db_path: str) -> None:
    run(db_path, "ingest", str(SAMPLE))
    table = run(db_path, "query", "--agency", "Provincial Police", "--due-before", "2025-12-31")
    assert table.exit_code == 0 and table.stdout.startswith("source")
    police = [json.loads(l) for l in run(db_path, "query", "--agency", "Provincial Police", "--due-before", "2025-12-31",
                                         "--format", "jsonl").stdout.splitlines()]
    assert police and all("Provincial Police" in [a["name"] for a in h["agencies"]] for h in police)
    rows = list(csv.DictReader(io.StringIO(run(db_path, "query", "--unit", "model", "--status", "completed",
                                               "--lang", "ru", "--format", "csv").stdout)))
    assert rows and all(r["language"] == "ru" and "model" in r["counts"] for r in rows)
    hits = run(db_path, "query", "--search", "online public services", "--format", "jsonl").stdout.splitlines()
    assert len(hits) == 1


def test_export_jsonl_follows_the_contract(db_path: str) -> None:
    run(db_path, "ingest", str(SAMPLE))
    docs = [json.loads(l) for l in run(db_path, "export", "--format", "jsonl").stdout.splitlines()]
    assert len(docs) == 6
    for d in docs:
        for key in ("id", "source", "language", "language_confidence", "title", "event_date", "place",
                    "counts", "deadlines", "agencies", "commitments"):
            assert key in d
    ru = next(d for d in docs if d["language"] == "ru")
    first = ru["counts"][0]
    assert len(first["id"]) == 16  # stable record id: reviews refer to it
    assert first == {"id": first["id"], "value": 12, "total": 38, "unit": "model", "status": "completed", "qualifier": None,
                     "text": "12 из 38 пилотных моделей", "start": first["start"], "end": first["end"],
                     "sentence": "Нгеан: выполнено 12 из 38 пилотных моделей Проекта 06", "review": None}
    assert ru["rejected"] == []  # export 4: records an analyst rejected, with the review
    assert {"id", "due", "granularity", "role", "basis", "anchor", "text", "start", "end"} <= set(ru["deadlines"][0])
    assert {"published", "published_source", "event_date_anchor"} <= set(ru)
    assert {"name", "text", "role", "start", "end"} <= set(ru["agencies"][0])
    assert {"text", "start", "end", "agencies", "due", "counts"} <= set(ru["commitments"][0])


def test_export_csv_has_one_row_per_record(db_path: str, tmp_path: Path) -> None:
    run(db_path, "ingest", str(SAMPLE))
    out = tmp_path / "records.csv"
    result = run(db_path, "export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    docs = [json.loads(l) for l in run(db_path, "export").stdout.splitlines()]
    assert len(rows) == sum(len(d[k]) for d in docs for k in ("counts", "deadlines", "agencies", "commitments"))
    assert {r["record"] for r in rows} == {"count", "deadline", "agency", "commitment"}


def test_ctrl_c_keeps_what_was_stored_and_a_rerun_finishes(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write, calls = batch.write, []

    def interrupted(store, event):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(event)
        return real_write(store, event)

    monkeypatch.setattr(batch, "write", interrupted)
    result = CliRunner().invoke(cli, ["--db", db_path, "ingest", str(SAMPLE)], obj={})
    assert result.exit_code == 130 and "run the same command again" in result.stderr
    monkeypatch.undo()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    again = run(db_path, "ingest", str(SAMPLE))
    assert again.stderr.startswith("4 documents stored, 2 already stored")


def test_a_killed_run_leaves_a_consistent_database(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (SAMPLE / "ha-tinh-2024-03-project06.en.txt").read_text(encoding="utf-8")
    for i in range(40):
        (folder / f"r{i:02}.txt").write_text(text + f"\nCopy {i}.", encoding="utf-8")
    cmd = [sys.executable, "-m", "pipeline.cli", "--db", db_path, "ingest", str(folder), "--workers", "1", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db_path) as conn:
                if conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 3:
                    break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT id FROM documents").fetchall()
    for (doc_id,) in stored:  # every stored document is whole
        assert conn.execute("SELECT COUNT(*) FROM counts WHERE document_id = ?", [doc_id]).fetchone()[0] == 10
    conn.close()
    result = run(db_path, "ingest", str(folder))
    assert result.exit_code == 0
    assert f"{40 - len(stored)} documents stored, {len(stored)} already stored" in result.stderr


def test_help_explains_itself_with_examples() -> None:
    for command in ([], ["ingest"], ["documents"], ["query"], ["skipped"], ["export"]):
        result = CliRunner().invoke(cli, [*command, "--help"], obj={})
        assert result.exit_code == 0 and "Example" in result.output


def test_ingest_published_dates_every_file_and_wins_over_the_dateline(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("HANOI, March 12, 2025 (VNA) – On the afternoon of March 11, the Provincial People's "
                                  "Committee held a conference and asked the Provincial Police to finish by June 30.",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("Chiều 26/4, UBND tỉnh tổ chức hội nghị triển khai kế hoạch chuyển đổi số.", encoding="utf-8")
    result = run(db_path, "ingest", "--no-link", str(folder), "--published", "2024-04-27")
    assert result.exit_code == 0, result.output
    rows = {Path(r["source"]).name: r for r in map(json.loads, run(db_path, "documents", "--format", "jsonl").stdout.splitlines())}
    assert {(r["published"], r["published_source"]) for r in rows.values()} == {("2024-04-27", "user")}
    assert (rows["a.txt"]["event_date"], rows["a.txt"]["event_date_anchor"]) == ("2024-03-11", "published 2024-04-27 (user)")
    assert rows["b.txt"]["event_date"] == "2024-04-26"


def test_ingest_published_must_be_a_date(db_path: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The committee met.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", db_path, "ingest", str(tmp_path), "--published", "12/03/2025"], obj={})
    assert result.exit_code == 2
    assert "--published" in result.output


def test_documents_shows_when_each_report_was_written_and_from_what(db_path: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("HANOI, March 12, 2025 (VNA) – The Provincial People's Committee held a conference.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("The Provincial People's Committee held a conference.", encoding="utf-8")
    run(db_path, "ingest", "--no-link", str(tmp_path))
    table = run(db_path, "documents").stdout
    assert "published" in table.splitlines()[0] and "2025-03-12" in table
    rows = list(csv.DictReader(io.StringIO(run(db_path, "documents", "--format", "csv").stdout)))
    got = {Path(r["source"]).name: (r["published"], r["published_source"]) for r in rows}
    assert got == {"a.txt": ("2025-03-12", "dateline"), "b.txt": ("", "")}
