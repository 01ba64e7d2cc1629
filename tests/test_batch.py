"""batch.py: budgets per file, a killed ingest, ingests and a query at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import batch
from pipeline.batch import Limits, collect, run
from pipeline.store import Store

from .conftest import ROOT, SAMPLE

REPORT = (SAMPLE / "ha-tinh-2024-03-project06.en.txt").read_text(encoding="utf-8")


def reports(folder: Path, n: int) -> Path:
    """Write n copies of a sample report, each its own document."""
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"r{i:02}.txt").write_text(f"{REPORT}\nCopy {i}.", encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_its_time_budget_is_skipped_and_the_batch_goes_on(tmp_path: Path, workers: int,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # count extraction once ran for minutes on a sentence of numbers: one such file must not stall a batch
    folder = reports(tmp_path / "in", 3)
    (folder / "stuck.txt").write_text(REPORT + "\nstuck", encoding="utf-8")
    real = batch._EXTRACTOR

    def slow(document, language):
        while document.text.endswith("stuck"):
            pass  # a Python loop that never ends, as a quadratic rule on a long sentence
        return real(document, language)

    monkeypatch.setattr(batch, "_EXTRACTOR", slow)  # forked workers inherit it
    store = Store(tmp_path / "d.db")
    paths, _ = collect([str(folder)])
    events = {Path(e.path).name: e for e in run(store, paths, workers=workers, limits=Limits(timeout_s=1.0))}
    assert events["stuck.txt"].skip_kind == "timeout"
    assert events["stuck.txt"].reason == "took longer than the 1 s budget per file (raise it with --timeout-s)"
    assert sorted(e.kind for name, e in events.items() if name != "stuck.txt") == ["stored"] * 3
    assert [r["kind"] for r in store.skipped()] == ["timeout"]


def test_a_text_over_the_character_budget_is_skipped(tmp_path: Path) -> None:
    folder = reports(tmp_path / "in", 1)
    store = Store(tmp_path / "d.db")
    paths, _ = collect([str(folder)])
    [event] = run(store, paths, workers=1, limits=Limits(max_chars=100))
    assert event.skip_kind == "too_large" and "characters of text is over the 100 limit" in event.reason


def count_rows(db: str) -> tuple[str, int, list[int]]:
    """Return integrity, the number of documents and each document's number of counts."""
    conn = sqlite3.connect(db)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
        counts = [conn.execute("SELECT COUNT(*) FROM counts WHERE document_id = ?", [i]).fetchone()[0] for i in ids]
    finally:
        conn.close()
    return ok, len(ids), counts


def ingest_command(db: str, folder: Path, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "--db", db, "ingest", str(folder), "--no-link", "-q",
            "--workers", str(workers)]


def wait_for_documents(db: str, at_least: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    """Wait until the store holds at_least documents, or the ingest ended, or time ran out."""
    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db) as conn:
                if conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= at_least:
                    return
        except sqlite3.OperationalError:  # not created yet, or being migrated
            pass
        time.sleep(0.05)


def kill_and_rerun(db: str, folder: Path, n: int, rng: random.Random) -> None:
    """Kill an ingest at a random moment, then check that what is stored is whole and a re-run completes it."""
    # its own process group, so that the kill takes the workers too, as kill -9 of a job does
    proc = subprocess.Popen(ingest_command(db, folder, rng.choice([1, 2])), cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_documents(db, rng.randrange(n // 2), proc)
    time.sleep(rng.uniform(0, 0.3))  # and then anywhere inside the next document's work or write
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    ok, _, counts = count_rows(db)
    assert ok == "ok"
    assert set(counts) <= {10}  # every stored document is whole: none half-written
    done = subprocess.run(ingest_command(db, folder), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    ok, documents, counts = count_rows(db)
    assert (ok, documents, set(counts)) == ("ok", n, {10})


def test_an_ingest_killed_at_a_random_moment_loses_nothing_after_a_rerun(tmp_path: Path) -> None:
    folder = reports(tmp_path / "in", 8)
    kill_and_rerun(str(tmp_path / "d.db"), folder, 8, random.Random(1))


@pytest.mark.slow
def test_twenty_kills_in_a_row_lose_nothing(tmp_path: Path) -> None:
    folder = reports(tmp_path / "in", 30)
    rng = random.Random(2)
    for i in range(20):
        db = str(tmp_path / f"d{i}.db")
        kill_and_rerun(db, folder, 30, rng)


def test_two_ingests_and_a_query_at_once_store_each_document_once(tmp_path: Path) -> None:
    folder = reports(tmp_path / "in", 8)
    db = str(tmp_path / "d.db")
    Store(db).close()  # created and migrated once, as a first command would
    procs = [subprocess.Popen(ingest_command(db, folder), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    queried = 0
    while any(p.poll() is None for p in procs):
        query = subprocess.run([sys.executable, "-m", "pipeline.cli", "--db", db, "query", "--unit", "model",
                                "--format", "jsonl"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert query.returncode == 0, query.stderr
        queried += 1
    outputs = [p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    stored = [int(err.split(" document")[0].rsplit("\n", 1)[-1]) for _, err in outputs]  # the summary is on stderr
    assert sum(stored) == 8 and queried >= 1  # each document stored by exactly one of the two
    ok, documents, counts = count_rows(db)
    assert (ok, documents, set(counts)) == ("ok", 8, {10})


def square(_context: object, n: int) -> int:
    return n * n


def test_a_pool_runs_only_a_window_ahead_of_a_slow_writer() -> None:
    """A writer slower than the workers must not let a run of many files pile their results up in memory."""
    from pipeline.engine import LocalEngine

    engine = LocalEngine(2, ahead=4)
    results = engine.map(square, range(1000))
    taken = [next(results).result for _ in range(5)]
    time.sleep(0.5)  # the workers would finish all 1,000 in this time if nothing held them back
    assert engine.window.fed <= 5 + 2 * 4
    taken += [done.result for done in results]
    assert taken == [n * n for n in range(1000)]


def test_a_pool_left_early_shuts_down() -> None:
    from pipeline.engine import LocalEngine

    results = LocalEngine(2, ahead=2).map(square, range(1000))
    assert next(results).result == 0
    results.close()  # what a caller breaking out of the loop does; must not hang on the waiting feeder
