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


@pytest.mark.parametrize("args", [[], ["ingest"], ["query", "--due-before", "June"], ["ingest", "x", "--lang", "Deutsch"],
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


# -- a CLI that behaves like the tools analysts already use (issue 9, point 6) ---------------------------

NUMBERS = ("HANOI, March 12, 2025 - The Provincial Police reported that about 1 million citizens have activated "
           "their electronic identification accounts.\nThe province has completed at least 30 pilot models, and 45.03% "
           "of administrative procedures are now offered online.\nThe Department of Justice digitised 1,250,000 civil "
           "status records and must finish 38 tasks by June 30, 2025.")


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of a translated pair, a later report and a report of large numbers, linked with the fake embedder."""
    from pipeline.link import link
    from pipeline.store import Store

    from .fakes import FakeEmbedder, store_text
    from .test_link import MARCH_DE, MARCH_EN, SEPT_EN

    db = str(tmp_path_factory.mktemp("linked") / "docket.db")
    store = Store(db)
    for name, text, lang in (("march.en", MARCH_EN, "en"), ("march.de", MARCH_DE, "de"), ("sept.en", SEPT_EN, "en"),
                             ("numbers.en", NUMBERS, "en")):
        store_text(store, text, lang, f"/reports/ha-tinh/{name}.txt")
    store.record_skip("/reports/broken.pdf", "corrupt", "damaged or truncated PDF (PSEOF)")
    link(store, FakeEmbedder())
    store.close()
    return db


def wide(db: str, *args: str, columns: int = 300):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["--db", db, *args], obj={}, catch_exceptions=False)


def test_numbers_print_as_written_with_their_qualifier(linked: str) -> None:
    table = wide(linked, "query").stdout
    for text in ("about 1 million person", "at least 30 model", "45.03%", "1,250,000 record", "38 task"):
        assert text in table, text
    assert "e+0" not in table and "38.0" not in table
    hits = json.loads(run(linked, "query", "--search", "records", "--format", "json").stdout)
    assert [c["value"] for c in hits[0]["counts"]] == [1250000, 38]  # ints in JSON, not 1250000.0
    assert '"value": 1250000,' in run(linked, "query", "--search", "records", "--format", "jsonl").stdout
    review = wide(linked, "review", "list", "--kind", "counts").stdout
    assert "about 1 million person" in review and "at least 30 model" in review
    rows = list(csv.DictReader(io.StringIO(run(linked, "targets", "--format", "csv").stdout)))
    assert {r["total"] for r in rows if r["unit"] == "model"} == {"38"}  # data: no thousands separator, no .0


def test_number_text_never_writes_an_exponent() -> None:
    from pipeline.cli import count_text, number_text, quantity_text

    assert [number_text(x) for x in (1e6, 38.0, 45.03, 1e-7, 2_000, 1e20)] == [
        "1,000,000", "38", "45.03", "0.0000001", "2,000", "100,000,000,000,000,000,000"]
    assert quantity_text(1e6, "about") == "about 1 million" and quantity_text(2.5e9, "about") == "about 2.5 billion"
    assert quantity_text(1_234_567, "about") == "about 1,234,567" and quantity_text(1e6, None) == "1,000,000"
    assert count_text({"value": 30, "total": None, "unit": "model", "qualifier": "at_least"}) == "at least 30 model"
    assert count_text({"value": 45.03, "total": None, "unit": "%", "qualifier": None}) == "45.03%"


LISTINGS = [["documents"], ["query", "--unit", "model"], ["skipped"], ["targets"], ["revisions"], ["review", "list"],
            ["documents", "--translations"], ["documents", "--translations", "--pairs"],
            ["diff", "/reports/ha-tinh/march.en.txt", "sept.en"], ["search", "data center"]]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_command_prints_table_csv_json_and_jsonl(linked: str, args: list[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import embed

    from .fakes import FakeEmbedder

    monkeypatch.setattr(embed, "make_embedder", lambda model=None: FakeEmbedder())
    out = {fmt: run(linked, *args, "--format", fmt) for fmt in ("table", "csv", "json", "jsonl")}
    assert all(r.exit_code == 0 for r in out.values()), {f: r.output for f, r in out.items()}
    array = json.loads(out["json"].stdout)
    lines = [json.loads(line) for line in out["jsonl"].stdout.splitlines()]
    assert isinstance(array, list) and array == lines and array, args
    rows = list(csv.DictReader(io.StringIO(out["csv"].stdout)))
    # targets: JSON gives each series with its points, CSV and the table a row per point
    assert len(rows) == (sum(len(s["points"]) for s in array) if args == ["targets"] else len(array))
    if args[0] != "diff":  # diff's table is a section per kind of change
        assert out["table"].stdout.splitlines()[0].split()[0] in out["csv"].stdout.splitlines()[0]


def test_tables_fit_the_terminal_and_wide_shows_every_cell(linked: str) -> None:
    narrow = wide(linked, "query", "--unit", "model", columns=120).stdout.splitlines()
    assert all(len(line) <= 120 for line in narrow) and any(line.endswith("…") for line in narrow)
    assert any(line.startswith("…") for line in narrow[1:])  # a path is cut at its start: the file name stays
    full = wide(linked, "query", "--unit", "model", "--wide", columns=120).stdout
    assert "So far 21 of 38 pilot models have been completed." in full and "/reports/ha-tinh/sept.en.txt" in full


def test_ids_are_twelve_digits_in_tables_full_in_json_and_prefixes_work(linked: str) -> None:
    import re

    table = wide(linked, "query", "--unit", "model").stdout
    assert re.search(r"\[[0-9a-f]{12}\]", table) and not re.search(r"[0-9a-f]{13}", table)
    docs = json.loads(run(linked, "documents", "--format", "json").stdout)
    assert all(len(d["id"]) == 16 for d in docs)
    assert {line.split()[0] for line in wide(linked, "documents").stdout.splitlines()[1:]} == {d["id"][:12] for d in docs}
    record = re.search(r"\[([0-9a-f]{12})\]", table).group(1)
    accepted = run(linked, "review", "accept", record)
    assert accepted.exit_code == 0 and record in accepted.stdout
    march, sept = (next(d["id"][:12] for d in docs if d["source"].endswith(n)) for n in ("march.en.txt", "sept.en.txt"))
    assert run(linked, "diff", march, sept).exit_code == 0


@pytest.mark.parametrize("args", [["documents"], ["query"], ["skipped"], ["targets"], ["revisions"], ["export"],
                                  ["review", "list"], ["review", "accept", "1a2b3c4d"], ["link"], ["reextract"],
                                  ["diff", "a", "b"], ["timeline", "--format", "md"], ["serve"]], ids=" ".join)
def test_a_store_that_does_not_exist_is_a_one_line_error(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "nothing.db"
    result = CliRunner().invoke(cli, ["--db", str(missing), *args], obj={})
    assert result.exit_code == 2
    assert result.output == f"Error: no Docket database at {missing}: run `docket ingest` first\n"
    assert not missing.exists()


def test_db_works_after_the_subcommand_too(linked: str, tmp_path: Path) -> None:
    after = CliRunner().invoke(cli, ["documents", "--db", linked, "--format", "json"], obj={})
    assert after.exit_code == 0 and len(json.loads(after.stdout)) == 4
    wins = CliRunner().invoke(cli, ["--db", str(tmp_path / "other.db"), "review", "list", "--db", linked], obj={})
    assert wins.exit_code == 0 and "records to review" in wins.stderr


def test_documents_filter_by_place_meeting_date_and_language(linked: str) -> None:
    def names(*args: str) -> list[str]:
        result = run(linked, "documents", *args, "--format", "json")
        assert result.exit_code == 0, result.output
        return sorted(Path(d["source"]).name for d in json.loads(result.stdout))

    assert names("--place", "ha tinh") == ["march.de.txt", "march.en.txt", "sept.en.txt"]  # numbers.en has no place
    assert names("--since", "2024-04-01") == ["sept.en.txt"]  # numbers.en has no meeting date either
    assert names("--until", "2024-03-28", "--lang", "EN") == ["march.en.txt"]
    assert names("--lang", "fr") == []
    for bad in (["--lang", "english"], ["--since", "March"], ["--until", "2024-13-01"]):
        result = run(linked, "documents", *bad)
        assert result.exit_code == 2 and bad[0] in result.output


def test_lang_is_checked_the_same_way_everywhere(linked: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Die Provinzpolizei hat 6 von 38 Modellen fertiggestellt.", encoding="utf-8")
    for command in (["documents"], ["query"], ["search", "x"], ["documents", "--translations"],
                    ["ingest", "--no-link", str(tmp_path / "a.txt")]):
        result = CliRunner().invoke(cli, ["--db", linked, *command, "--lang", "Deutsch"], obj={})
        assert result.exit_code == 2 and "'Deutsch' is not a language code" in result.output, command
    new = str(tmp_path / "new.db")
    assert run(new, "ingest", "--no-link", str(tmp_path / "a.txt"), "--lang", "DE").exit_code == 0
    # a code without extraction rules stores the file as that language, without records, as a detected one is
    (tmp_path / "b.txt").write_text("Le comité a achevé 12 des 40 modèles pilotes.", encoding="utf-8")
    stored = CliRunner().invoke(cli, ["--db", new, "ingest", "--no-link", str(tmp_path / "b.txt"), "--lang", "FR"], obj={})
    assert stored.exit_code == 0 and "without records: language 'fr' is not yet supported" in stored.output
    assert [d["language"] for d in json.loads(run(new, "documents", "--lang", "fr", "--format", "json").stdout)] == ["fr"]


def test_every_command_and_option_explains_itself() -> None:
    import click

    def walk(command: click.Command, path: list[str]):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    for path, command in walk(cli, []):
        assert "Example" in (command.help or ""), path
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (path, param.name)


def test_a_closed_pipe_ends_the_command_quietly(linked: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.cli

    def closed(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(pipeline.cli.click, "echo", closed)
    result = CliRunner().invoke(cli, ["--db", linked, "documents"], obj={})
    assert result.exit_code == 0 and result.exception is None or isinstance(result.exception, SystemExit)


def test_a_closed_pipe_is_not_an_error_for_a_real_process(linked: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (`head -1`) has gone before the first line is written
    for args in (["export"], ["query", "--format", "jsonl"], ["documents"]):
        proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "--db", linked, *args], cwd=ROOT, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, (args, proc.stderr)
    os.close(write_end)


def test_search_matches_words_and_word_starts_not_parts_inside_compounds(linked: str) -> None:
    def found(text: str) -> int:
        return len(json.loads(run(linked, "query", "--search", text, "--format", "json").stdout))

    assert found("Provinzpolizei") == 1 and found("provinz*") == 2  # Provinzpolizei, Provinzvolkskomitee
    assert found("Polizei") == 0  # unicode61 indexes whole words: the README says how to search compounds
    assert found("*polizei") == 0 and found('"Daten') == 0  # FTS5 syntax in user text never breaks the query


def test_summaries_say_what_they_count_on_stderr(linked: str) -> None:
    expected = {("documents",): "4 documents", ("targets",): "target series", ("skipped",): "1 file skipped",
                ("query", "--unit", "model"): "sentences (1 more in translations", ("revisions",): "(moved deadlines and changed totals)",
                ("documents", "--translations"): "1 translation group of 2 documents"}
    for args, text in expected.items():
        result = run(linked, *args, "--format", "json")
        assert text in result.stderr, (args, result.stderr)
        json.loads(result.stdout)  # stdout stays data
