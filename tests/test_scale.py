"""Schemas 5 and 6: sentence spans stored at ingest and read by link; the indexed reads, the walked and the
driven pages of `docket query`, and the batched export answer as before."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.api import Filters, query
from pipeline.detect import detect_language
from pipeline.extract import Extractor
from pipeline.ingest import read_document
from pipeline.link import document_sentences, link
from pipeline.reviews import review as record_review
from pipeline.store import SCHEMA_VERSION, Store
from pipeline.store.queries import SentenceQuery

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


def make_schema_6(path: str) -> None:
    """Turn a current database into what schema 6 left: no table of agency names, its triggers or name index."""
    store = Store(path)
    db = store.db
    for trigger in ("agencies_name_insert", "agencies_name_update"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute("DROP TABLE agency_names")
    db.execute("DROP INDEX agencies_name_sentence")
    db.execute("CREATE INDEX idx_agencies_name ON agencies (name)")
    db.execute("PRAGMA user_version = 6")
    store.close()


def make_schema_5(path: str) -> None:
    """Turn a current database into what schema 5 left: series points without the ids reviews are applied by."""
    make_schema_6(path)
    db = sqlite_utils.Database(sqlite3.connect(path))  # not through Store, which would migrate it again
    for view in ("revisions", "series", "series_points", "counts", "deadlines", "agencies", "commitments"):
        db.execute(f"DROP VIEW reviewed_{view}")  # views list the columns; dropping one needs them gone
    for column in ("qualifier", "target_id", "total_field", "value_id", "in_progress_id", "not_started_id", "sentences"):
        db.execute(f"ALTER TABLE series_points DROP COLUMN {column}")  # what schema 6 added
    db.execute("ALTER TABLE series DROP COLUMN last_document")
    db.execute("DROP TABLE restatements")
    db.execute("PRAGMA user_version = 5")
    db.close()


def make_schema_4(path: str) -> None:
    """Turn a current database into what schema 4 left: no spans column, none of the new indexes."""
    make_schema_5(path)
    db = sqlite_utils.Database(sqlite3.connect(path))
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%_sentence%' "
                              "OR name IN ('counts_status', 'deadlines_role_due', 'documents_place', "
                              "'documents_language_date', 'documents_date_source', 'documents_source_version', "
                              "'series_points_series', 'counts_unit_nocase', 'translation_groups_group', 'translation_links_b')").fetchall():
        db.execute(f"DROP INDEX {name}")
    db.execute("ALTER TABLE documents DROP COLUMN sentence_spans")
    db.execute("PRAGMA user_version = 4")
    db.close()


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
from pipeline.store import SCHEMA_VERSION, Store
from pipeline.store.queries import SentenceQuery
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


# -- schema 6: pages walked in date order or driven from the narrowest filter -----------------------------------


def schema_5_query(store: Store, unit: str | None = None, status: str | None = None, agency: str | None = None,
                   due_before: str | None = None, due_after: str | None = None, language: str | None = None,
                   search: str | None = None, place: str | None = None, limit: int | None = None,
                   history: bool = False) -> list[dict]:
    """Answer as schema 5's query_records did (the reference): every match sorted by date, then the page cut."""
    def old_candidates(table: str, condition: str) -> str:
        return (f"s.rowid IN (SELECT x.rowid FROM (SELECT document_id, sentence_idx FROM {table} WHERE {condition} "
                f"UNION SELECT t.document_id, t.sentence_idx FROM reviews r CROSS JOIN {table} t ON t.id = r.record_id "
                f"WHERE r.kind = '{table}') k CROSS JOIN sentences x ON x.document_id = k.document_id AND x.idx = k.sentence_idx)")

    clauses, params = ["1 = 1"], []
    if not history:
        clauses.append("d.version = (SELECT MAX(v.version) FROM documents v WHERE v.source = d.source)")
    if language:
        clauses.append("d.language = ?"); params.append(language)
    if place:
        clauses.append("d.place = ? COLLATE NOCASE"); params.append(place)
    if unit:
        clauses.append(old_candidates("counts", "unit = ? COLLATE NOCASE")); params.append(unit)
        clauses.append("EXISTS (SELECT 1 FROM reviewed_counts c WHERE c.document_id = s.document_id AND c.sentence_idx = s.idx AND c.unit = ? COLLATE NOCASE)")
        params.append(unit)
    if status:
        clauses.append(old_candidates("counts", "status = ?")); params.append(status)
        clauses.append("EXISTS (SELECT 1 FROM reviewed_counts c WHERE c.document_id = s.document_id AND c.sentence_idx = s.idx AND c.status = ?)")
        params.append(status)
    if agency:
        clauses.append(old_candidates("agencies", "name LIKE ?")); params.append(f"%{agency}%")
        clauses.append("EXISTS (SELECT 1 FROM reviewed_agencies a WHERE a.document_id = s.document_id AND a.sentence_idx = s.idx AND a.name LIKE ? COLLATE NOCASE)")
        params.append(f"%{agency}%")
    if due_before or due_after:
        cond = ["x.role = 'deadline'"] + ["x.due <= ?"] * bool(due_before) + ["x.due >= ?"] * bool(due_after)
        dates = [d for d in (due_before, due_after) if d]
        clauses.append(old_candidates("deadlines", " AND ".join(c.replace("x.", "") for c in cond))); params += dates
        params += dates
        clauses.append(f"EXISTS (SELECT 1 FROM reviewed_deadlines x WHERE x.document_id = s.document_id AND x.sentence_idx = s.idx AND {' AND '.join(cond)})")
    if search:
        from pipeline.store import fts_query
        clauses.append("s.rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)")
        params.append(fts_query(search))
    # ties (two versions of a file on one date, asked with history) had no order: the document id now gives one
    sql = f"""SELECT s.document_id, s.idx, s.text, d.source, d.language, d.place, d.event_date
              FROM sentences s JOIN documents d ON d.id = s.document_id
              WHERE {' AND '.join(clauses)} ORDER BY d.event_date, d.source, s.idx, s.document_id"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = store.attach_many(list(store.db.query(sql, params)))
    for sentence in out:
        if unit:
            sentence["counts"] = [c for c in sentence["counts"] if c["unit"].lower() == unit.lower()]
        if status:
            sentence["counts"] = [c for c in sentence["counts"] if c["status"] == status]
    return out


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store of 120 generated quarterly reports and the sample reports, with reviews, a second version of a file
    and an undated report."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scale_corpus import reports

    from .fakes import store_text

    store = sample_store(str(tmp_path_factory.mktemp("mixed") / "docket.db"))
    for name, lang, text in reports(120):
        store_text(store, text, lang, f"{name}.txt")
    first = next(reports(1))
    store_text(store, first[2].replace("must complete", "must now complete"), first[1], f"{first[0]}.txt")  # version 2
    store_text(store, "The Department of Justice has completed 3 of 10 tasks and must finish by June 30, 2031.", "en",
               "undated.en.txt")
    one = store.db.execute
    record_review(store, one("SELECT id FROM agencies WHERE name LIKE '%Police%' LIMIT 1").fetchone()[0], "rejected", "t")
    record_review(store, one("SELECT id FROM counts WHERE unit = 'task' LIMIT 1").fetchone()[0], "corrected", "t",
                  corrections={"unit": "model", "status": "not_started"})
    record_review(store, one("SELECT id FROM agencies WHERE name LIKE '%Justice%' LIMIT 1").fetchone()[0], "corrected",
                  "t", corrections={"name": "Zebra Crossing Authority"})
    record_review(store, one("SELECT id FROM deadlines WHERE role = 'deadline' LIMIT 1").fetchone()[0], "corrected", "t",
                  corrections={"due": "2040-01-01"})
    return store


QUERIES = [{}, {"agency": "police"}, {"agency": "POLICE", "limit": 7}, {"agency": "zebra"}, {"agency": "Justice", "limit": 5},
           {"unit": "model", "limit": 10}, {"unit": "Task"}, {"status": "completed", "limit": 25}, {"status": "not_started"},
           {"due_before": "2025-06-30", "limit": 10}, {"due_after": "2027-01-01", "limit": 10}, {"due_after": "2039-01-01"},
           {"due_before": "2026-12-31", "due_after": "2025-01-01", "limit": 30}, {"language": "ru", "limit": 12},
           {"place": "ha tinh"}, {"place": "An Giang", "limit": 4}, {"search": "portal", "limit": 9}, {"search": "Provinz*"},
           {"agency": "police", "due_before": "2026-12-31", "limit": 20},
           {"unit": "task", "status": "completed", "language": "ru", "limit": 10},
           {"place": "An Giang", "unit": "model", "limit": 3}, {"history": True, "limit": 40},
           {"history": True, "agency": "Department", "limit": 15}, {"status": "completed", "limit": 1000}]


# chosen; walked through every document; driven; walked through a window of 1, 5 or 60 documents, the rest driven
PLANS = [(None, None), ("walk", None), ("driven", None), ("walk", 1), ("walk", 5), ("walk", 60)]


@pytest.mark.parametrize("plan,window", PLANS, ids=lambda p: str(p))
@pytest.mark.parametrize("filters", QUERIES, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_every_plan_gives_the_page_schema_5_gave(mixed_store: Store, filters: dict, plan: str | None,
                                                 window: int | None) -> None:
    expected = schema_5_query(mixed_store, **filters)
    assert expected
    assert mixed_store.query_records(plan=plan, window=window, **filters) == expected


def test_a_broad_filter_walks_a_date_index_and_a_rare_one_is_driven_from_its_own(mixed_store: Store) -> None:
    def plan_of(limit: int | None, **filters) -> tuple[str, str | None]:
        plan = mixed_store.choose_plan(SentenceQuery.of(**filters), limit)
        return ("walk" if plan.walk else "driven"), plan.driver and plan.driver.name

    assert plan_of(1, status="completed") == ("walk", "status")
    assert plan_of(1, agency="zebra") == ("driven", "agency")  # one corrected name: no walk through the store for it
    assert plan_of(None, status="completed") == ("driven", "status")  # every match is read anyway
    assert plan_of(1, status="completed", agency="zebra") == ("driven", "agency")  # the narrowest drives
    assert plan_of(1, language="ru") == ("walk", None)
    for filters, index in (({}, "documents_date_source"), ({"language": "ru"}, "documents_language_date"),
                           ({"place": "An Giang"}, "documents_place")):
        sql, params = SentenceQuery.of(status="completed", **filters).walk_sql(10)
        plan = [r[3] for r in mixed_store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        assert any(index in step for step in plan), plan
        # the index gives documents in date order: only a document's own sentences wait to be sorted, so SQLite
        # stops at the page's end instead of sorting every match first
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan and "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY" in plan


def test_a_schema_6_database_is_migrated_to_7_and_its_agency_names_kept_as_records_arrive(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    sample_store(path).close()
    make_schema_6(path)
    assert "agency_names" not in sqlite_utils.Database(path).table_names()
    store = Store(path)
    assert store.schema_version() == 7
    names = {n for (n,) in store.db.execute("SELECT name FROM agency_names")}
    assert names and names == {n for (n,) in store.db.execute("SELECT name FROM agencies")}
    indexes = {i.name for i in store.db["agencies"].indexes}
    assert "agencies_name_sentence" in indexes and "idx_agencies_name" not in indexes
    sql, params = SentenceQuery.of(agency="police").drivers[0].probe
    plan = " ".join(r[3] for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "COVERING INDEX agencies_name_sentence" in plan  # the names' records, read from the index alone
    from .fakes import store_text

    store_text(store, "The Office of Lighthouses must finish 4 of 9 tasks by March 31, 2026.", "en", "new.en.txt")
    assert store.db.execute("SELECT COUNT(*) FROM agency_names WHERE name LIKE '%Lighthouse%'").fetchone()[0] == 1
    for filters in ({"agency": "police"}, {"agency": "lighthouse", "limit": 2}, {"agency": "Department", "due_before": "2026-01-01"}):
        assert store.query_records(**filters) == schema_5_query(store, **filters)


def test_records_read_in_batches_are_those_of_one_document_at_a_time(mixed_store: Store) -> None:
    from pipeline.reviews import rejected

    ids = [d["id"] for d in mixed_store.iter_documents()]
    batched = mixed_store.records_of(ids)
    assert batched == {doc: mixed_store.document_records(doc) for doc in ids}
    with_rejected = mixed_store.documents_with_rejections(ids)
    assert with_rejected == {doc for doc in ids if rejected(mixed_store, doc)} and len(with_rejected) == 1


def synthetic_store(path: str, reports: list[tuple[str | None, list[tuple[str, str]]]]) -> Store:
    """Return a store of reports written straight into its tables: each (event_date, [(unit, status), ...]), one
    sentence with one count per pair (no extraction: the plans, not the rules, are under test)."""
    store = Store(path)
    docs, sentences, counts = [], [], []
    for i, (date, pairs) in enumerate(reports):
        doc = f"{i:016x}"
        docs.append((doc, f"r{i:05}.txt", 1, "en", 1, date, "x"))
        for j, (unit, status) in enumerate(pairs):
            sentences.append((doc, j, 0, 1, f"{j} {unit} {status}"))
            counts.append((f"{doc}{j}", doc, j, j, "1", 0, 1, 1.0, unit, status))
    conn = store.db.conn
    conn.executemany("INSERT INTO documents (id, source, version, language, supported, event_date, text) VALUES (?,?,?,?,?,?,?)", docs)
    conn.executemany('INSERT INTO sentences (document_id, idx, start, "end", text) VALUES (?,?,?,?,?)', sentences)
    conn.executemany('INSERT INTO counts (id, document_id, idx, sentence_idx, text, start, "end", value, unit, status) '
                     "VALUES (?,?,?,?,?,?,?,?,?,?)", counts)
    conn.commit()
    return store


@pytest.mark.parametrize("completed_first", [True, False])
def test_a_broad_filter_whose_matches_lie_late_in_the_order_is_driven(tmp_path: Path, completed_first: bool) -> None:
    undated = [(None, [("task", "in_progress")])] * 3000
    dated = [(f"2024-{1 + i // 28:02}-{1 + i % 28:02}", [("model", "completed")]) for i in range(100)]
    first = [(None, [("model", "completed")])] * 100 if completed_first else []
    store = synthetic_store(str(tmp_path / "late.db"), first + undated + ([] if completed_first else dated))
    plan = store.choose_plan(SentenceQuery.of(status="completed"), 10)
    assert plan.walk is completed_first  # 100 of 3,100 is broad at a page of 10; behind 3,000 undated reports, too far
    for how in ("walk", "driven", None):
        assert store.query_records(status="completed", limit=10, plan=how) == schema_5_query(store, status="completed", limit=10)


def test_two_broad_filters_that_never_meet_are_driven(tmp_path: Path) -> None:
    # one sentence of ten holds a model, another a completed count: each filter is broad, together they match nothing
    reports = [(f"2024-01-{1 + i % 28:02}", [("model", "in_progress"), ("task", "completed")] + [("person", "planned")] * 8)
               for i in range(400)]
    store = synthetic_store(str(tmp_path / "apart.db"), reports)
    assert store.choose_plan(SentenceQuery.of(status="completed"), 10).walk  # each alone is walked
    assert store.choose_plan(SentenceQuery.of(unit="model"), 10).walk
    assert not store.choose_plan(SentenceQuery.of(unit="model", status="completed"), 10).walk
    assert store.query_records(unit="model", status="completed", limit=10) == []
