"""store.py: one transaction per document, idempotent re-runs, versions, schema, search, two writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.detect import detect_language
from pipeline.errors import StoreError
from pipeline.extract import Extractor
from pipeline.ingest import read_document
from pipeline.store import SCHEMA_VERSION, Store

from .conftest import ROOT, SAMPLE


def ingest_one(store: Store, path: Path, source: str | None = None) -> bool:
    doc = read_document(path, source)
    lang = detect_language(doc.text)
    return store.save(doc, lang, Extractor()(doc, lang))


def test_saving_the_same_content_twice_stores_it_once(db_path: str, tmp_path: Path) -> None:
    store = Store(db_path)
    path = SAMPLE / "ha-tinh-2024-03-project06.en.txt"
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(path.read_bytes())
    assert ingest_one(store, path) is True
    assert ingest_one(store, path) is False
    assert ingest_one(store, copy, str(copy)) is False
    assert store.db["documents"].count == 1
    assert store.db["counts"].count == 10
    assert {r["path"] for r in store.db["sources"].rows} == {str(path), str(copy)}


def test_changed_content_under_the_same_path_is_a_new_version(db_path: str, tmp_path: Path) -> None:
    store = Store(db_path)
    path = tmp_path / "report.txt"
    path.write_text("The Provincial Police completed 6 models by June 30, 2025.", encoding="utf-8")
    ingest_one(store, path)
    path.write_text("The Provincial Police completed 9 models by June 30, 2025.", encoding="utf-8")
    ingest_one(store, path)
    rows = list(store.db.query("SELECT version FROM documents WHERE source = ? ORDER BY version", [str(path)]))
    assert [r["version"] for r in rows] == [1, 2]
    assert sorted(r["value"] for r in store.db["counts"].rows) == [6, 9]


def test_a_failed_write_leaves_nothing_of_the_document(db_path: str) -> None:
    store = Store(db_path)
    doc = read_document(SAMPLE / "ha-tinh-2024-03-project06.en.txt")
    lang = detect_language(doc.text)
    extraction = Extractor()(doc, lang)
    # a trigger that fails the agencies insert, as a full disk would, after the document row is in
    store.db.execute("CREATE TRIGGER fail BEFORE INSERT ON agencies BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        store.save(doc, lang, extraction)
    store.db.execute("DROP TRIGGER fail")
    for t in ("documents", "sentences", "counts", "deadlines", "agencies", "sources"):
        assert store.db[t].count == 0, t
    assert store.save(doc, lang, extraction) is True


def test_schema_version_and_a_newer_database_is_refused(db_path: str) -> None:
    assert Store(db_path).schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="schema 99"):
        Store(db_path)


def test_full_text_search_over_evidence_sentences(db_path: str) -> None:
    store = Store(db_path)
    for name in ("ha-tinh-2024-03-project06.en.txt", "lai-chau-2025-10-digital.en.html"):
        ingest_one(store, SAMPLE / name)
    hits = store.query_records(search="online public services")
    assert len(hits) == 1 and "1,618 online public services" in hits[0]["text"]
    assert store.query_records(search='"unbalanced') == []


def test_query_filters_combine(db_path: str) -> None:
    store = Store(db_path)
    for path in sorted(SAMPLE.iterdir()):
        ingest_one(store, path)
    police = store.query_records(agency="Provincial Police", due_before="2024-12-31")
    assert police and all(any(a["name"] == "Provincial Police" for a in h["agencies"]) for h in police)
    assert all(any(d["due"] <= "2024-12-31" and d["role"] == "deadline" for d in h["deadlines"]) for h in police)
    ru_done = store.query_records(unit="model", status="completed", language="ru")
    assert ru_done and all(c["unit"] == "model" and c["status"] == "completed" for h in ru_done for c in h["counts"])


WRITER = """
import sys
from pipeline.batch import collect, run
from pipeline.store import Store
store = Store(sys.argv[1])
paths, _ = collect([sys.argv[2]])
for _ in run(store, paths, workers=1):
    pass
"""


def test_two_ingest_runs_on_one_database_store_each_document_once(db_path: str) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db_path, str(SAMPLE)], cwd=ROOT, stderr=subprocess.PIPE)
             for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    store = Store(db_path)
    assert store.db["documents"].count == len(list(SAMPLE.iterdir()))
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    duplicates = store.db.execute("SELECT COUNT(*) FROM (SELECT document_id, idx FROM counts GROUP BY 1, 2 HAVING COUNT(*) > 1)")
    assert duplicates.fetchone()[0] == 0


def test_a_version_1_database_is_migrated_and_keeps_its_documents(db_path: str) -> None:
    import sqlite_utils

    from pipeline.store import migrate_to_1

    conn = sqlite3.connect(db_path)
    migrate_to_1(sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO documents (id, source, version, language, supported, text) VALUES ('abc', 'old.txt', 1, 'en', 1, 'x')")
    conn.execute("INSERT INTO counts (document_id, idx, sentence_idx, text, start, \"end\", value, unit) "
                 "VALUES ('abc', 0, 0, '6 models', 0, 8, 6, 'model')")
    conn.commit()
    conn.close()
    store = Store(db_path)
    assert store.schema_version() == SCHEMA_VERSION
    assert [d["source"] for d in store.iter_documents()] == ["old.txt"]
    # records stored before ids existed get the id a new ingest would give them
    from pipeline.store import record_id
    assert store.document_records("abc")["counts"][0]["id"] == record_id("abc", "counts", 0, 8)
    assert {"published", "published_source", "event_date_anchor"} <= set(next(store.iter_documents()))
    assert {"embeddings", "series", "series_points", "revisions", "translation_groups"} <= set(store.db.table_names())
    assert store.last_link_run() is None and store.unlinked_documents() == 1
