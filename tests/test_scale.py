"""Schema 5: sentence spans stored at ingest and read by link; the indexed reads answer as before."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.api import Filters, query
from pipeline.detect import detect_language
from pipeline.extract import Extractor
from pipeline.ingest import read_document
from pipeline.link import document_sentences, link
from pipeline.reviews import review as record_review
from pipeline.store import SCHEMA_VERSION, Store

from .conftest import ROOT, SAMPLE
from .fakes import FakeEmbedder

SAMPLE_TEXTS = sorted(p for p in SAMPLE.iterdir() if p.suffix != ".pdf")


def sample_store(path: str) -> Store:
    """Return a store holding the sample reports (text, Markdown and HTML)."""
    store = Store(path)
    extractor = Extractor()
    for p in SAMPLE_TEXTS:
        doc = read_document(p)
        lang = detect_language(doc.text)
        store.save(doc, lang, extractor(doc, lang))
    return store


def make_schema_4(path: str) -> None:
    """Turn a schema-5 database into what schema 4 left: no spans column, none of the new indexes."""
    store = Store(path)
    db = store.db
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%_sentence%' "
                              "OR name IN ('counts_status', 'deadlines_role_due', 'documents_place', "
                              "'documents_language_date', 'documents_date_source', 'documents_source_version', "
                              "'series_points_series', 'counts_unit_nocase', 'translation_groups_group', 'translation_links_b')").fetchall():
        db.execute(f"DROP INDEX {name}")
    for view in ("revisions", "series", "series_points", "counts", "deadlines", "agencies", "commitments"):
        db.execute(f"DROP VIEW reviewed_{view}")  # views list the columns; dropping one needs them gone
    db.execute("ALTER TABLE documents DROP COLUMN sentence_spans")
    for column in ("qualifier", "target_id", "total_field", "value_id", "in_progress_id", "not_started_id", "sentences"):
        db.execute(f"ALTER TABLE series_points DROP COLUMN {column}")  # what schema 6 added
    db.execute("ALTER TABLE series DROP COLUMN last_document")
    db.execute("DROP TABLE restatements")
    db.execute("PRAGMA user_version = 4")
    store.close()


def test_every_sentence_span_is_stored_and_gives_the_sentences_extraction_split(db_path: str) -> None:
    store = sample_store(db_path)
    for doc in store.link_inputs():
        assert doc["sentence_spans"], doc["source"]
        from pipeline.extract.sentences import pipeline, split_sentences

        assert document_sentences(doc) == split_sentences(pipeline(doc["language"])(doc["text"]))


def link_tables(store: Store) -> dict[str, list[tuple]]:
    """Return every link table's rows, sorted, for comparing two stores."""
    return {t: sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {t}"))
            for t in ("translation_links", "translation_groups", "series", "series_points", "revisions")}


def test_a_schema_4_database_is_migrated_to_5_and_keeps_documents_records_and_links(tmp_path: Path) -> None:
    old, new = str(tmp_path / "old.db"), str(tmp_path / "new.db")
    sample_store(old).close()
    make_schema_4(old)
    conn = sqlite3.connect(old)
    tables = ("documents", "sentences", "counts", "deadlines", "agencies", "commitments")
    rows_4 = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    conn.close()
    migrated = Store(old)
    assert migrated.schema_version() == SCHEMA_VERSION
    for t in tables:
        columns = [c for c in migrated.db[t].columns_dict if c != "sentence_spans"]
        quoted = ", ".join(f'"{c}"' for c in columns)
        assert sorted(migrated.db.execute(f"SELECT {quoted} FROM {t}").fetchall()) == rows_4[t], t
    assert all(d["sentence_spans"] is None for d in migrated.link_inputs())  # filled by reextract, not guessed
    plan = " ".join(r[3] for r in migrated.db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM reviewed_counts WHERE document_id = 'x' AND sentence_idx = 1"))
    assert "counts_sentence" in plan
    # documents without spans are split again as extraction did: the links are those of a store with spans
    fresh = sample_store(new)
    link(migrated, FakeEmbedder())
    link(fresh, FakeEmbedder())
    assert link_tables(migrated) == link_tables(fresh)
    assert link_tables(fresh)["series_points"]


LINK_WITHOUT_SPACY = """
import sys
import numpy as np
from pipeline.store import Store
from pipeline.link import link

class OneHot:  # tests.fakes imports the extractor, hence spaCy
    name, dim = "one-hot", 8
    def encode(self, texts, kind="passage"):
        return np.eye(8, dtype=np.float32)[[len(t) % 8 for t in texts]]

summary = link(Store(sys.argv[1]), OneHot())
print(summary.sentences, summary.series, "spacy" in sys.modules)
"""


def test_link_reads_stored_spans_and_never_loads_spacy(db_path: str) -> None:
    sample_store(db_path).close()
    out = subprocess.run([sys.executable, "-c", LINK_WITHOUT_SPACY, db_path], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert int(out[0]) > 0 and int(out[1]) > 0
    assert out[2] == "False"


FILTERS = [Filters(), Filters(agency="police"), Filters(unit="model"), Filters(status="completed"),
           Filters(due_before="2025-06-30"), Filters(due_after="2025-01-01"), Filters(lang="ru"),
           Filters(place="Ha Tinh"), Filters(search="models"), Filters(agency="police", due_before="2025-12-31"),
           Filters(unit="model", status="completed", lang="en"), Filters(place="ha tinh", unit="model", limit=3)]


def records_one_by_one(store: Store, doc_id: str, idx: int) -> dict[str, list[dict]]:
    """Read a sentence's records one query per kind, as query hits were read before schema 5."""
    key = [doc_id, idx]
    return {
        "counts": list(store.db.query("SELECT id, value, total, unit, status, qualifier, text, review_status FROM "
                                      "reviewed_counts WHERE document_id = ? AND sentence_idx = ? ORDER BY idx", key)),
        "deadlines": list(store.db.query("SELECT id, due, granularity, role, text, review_status FROM reviewed_deadlines "
                                         "WHERE document_id = ? AND sentence_idx = ? ORDER BY idx", key)),
        "agencies": list(store.db.query("SELECT id, name, role, text, review_status FROM reviewed_agencies "
                                        "WHERE document_id = ? AND sentence_idx = ? ORDER BY idx", key))}


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.__dict__.items() if v) or "none")
def test_query_hits_carry_the_records_read_one_sentence_at_a_time(db_path: str, filters: Filters) -> None:
    store = sample_store(db_path)
    police = store.db.execute("SELECT id FROM agencies WHERE name LIKE '%Police%' LIMIT 1").fetchone()[0]
    model = store.db.execute("SELECT id FROM counts WHERE unit = 'model' LIMIT 1").fetchone()[0]
    record_review(store, police, "rejected", "test")
    record_review(store, model, "corrected", "test", corrections={"status": "planned"})
    hits, _ = query(store, filters, fold=False)
    assert hits or filters.limit
    for hit in hits:
        expected = records_one_by_one(store, hit["document_id"], hit["idx"])
        if filters.unit:
            expected["counts"] = [c for c in expected["counts"] if c["unit"].lower() == filters.unit.lower()]
        if filters.status:
            expected["counts"] = [c for c in expected["counts"] if c["status"] == filters.status]
        assert {k: hit[k] for k in expected} == expected


def test_the_export_of_one_place_holds_the_same_objects_as_the_whole_export(db_path: str) -> None:
    import io
    import json

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from link_bench import HashingEmbedder, reports

    from pipeline.export import write_jsonl

    from .fakes import store_text

    store = Store(db_path)
    for name, lang, text in reports(140):
        store_text(store, text, lang, f"{name}.{lang}.txt")
    link(store, HashingEmbedder())
    whole = io.StringIO()
    write_jsonl(store, whole)
    by_id = {json.loads(line)["id"]: line for line in whole.getvalue().splitlines()}
    translated = {d for link_row in store.translation_links() for d in (link_row["a"], link_row["b"])}
    places = {d["place"] for d in store.iter_documents() if d["id"] in translated}
    assert places
    for place in places:
        one = io.StringIO()
        assert write_jsonl(store, one, place=place.upper()) > 0
        for line in one.getvalue().splitlines():
            assert by_id[json.loads(line)["id"]] == line
