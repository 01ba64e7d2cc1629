"""The schema, one migration a version: MIGRATIONS[n] brings a database from version n-1 to n."""

from __future__ import annotations

from collections.abc import Callable

from .. import reviews
from .base import FACT_TABLES, record_id, sqlite_utils

SCHEMA_VERSION = 7


def migrate_to_1(db: sqlite_utils.Database) -> None:
    """Create the first schema: documents, their sources, records, evidence sentences, skips."""
    db["documents"].create({
        "id": str, "source": str, "version": int, "format": str, "language": str,
        "language_confidence": float, "supported": int, "title": str, "event_date": str,
        "place": str, "url": str, "chars": int, "notes": str, "text": str, "ingested_at": str,
    }, pk="id")
    db["sources"].create({"path": str, "document_id": str, "seen_at": str}, pk=("path", "document_id"),
                         foreign_keys=[("document_id", "documents", "id")])
    db["sentences"].create({"document_id": str, "idx": int, "start": int, "end": int, "text": str},
                           pk=("document_id", "idx"), foreign_keys=[("document_id", "documents", "id")])
    common = {"document_id": str, "idx": int, "sentence_idx": int, "text": str, "start": int, "end": int}
    db["counts"].create({**common, "value": float, "total": float, "unit": str, "status": str, "qualifier": str},
                        pk=("document_id", "idx"), foreign_keys=[("document_id", "documents", "id")])
    db["deadlines"].create({**common, "due": str, "granularity": str, "role": str},
                           pk=("document_id", "idx"), foreign_keys=[("document_id", "documents", "id")])
    db["agencies"].create({**common, "name": str, "role": str},
                          pk=("document_id", "idx"), foreign_keys=[("document_id", "documents", "id")])
    db["commitments"].create({**common, "due": str, "agencies": str, "counts": str},
                             pk=("document_id", "idx"), foreign_keys=[("document_id", "documents", "id")])
    db["skipped"].create({"path": str, "kind": str, "reason": str, "at": str}, pk="path")
    for table, columns in (("counts", ["unit"]), ("counts", ["status"]), ("deadlines", ["due"]),
                           ("agencies", ["name"]), ("documents", ["source"]), ("documents", ["language"])):
        db[table].create_index(columns, if_not_exists=True)
    db["sentences"].enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def migrate_to_2(db: sqlite_utils.Database) -> None:
    """Add what linking writes: embeddings by content hash, translation groups, target series, revisions."""
    db["embeddings"].create({"model": str, "hash": str, "dim": int, "vector": bytes}, pk=("model", "hash"))
    db["translation_links"].create({"a": str, "b": str, "score": float, "reason": str}, pk=("a", "b"),
                                   foreign_keys=[("a", "documents", "id"), ("b", "documents", "id")])
    db["translation_groups"].create({"document_id": str, "group_id": str}, pk="document_id",
                                    foreign_keys=[("document_id", "documents", "id")])
    db["series"].create({"id": str, "unit": str, "total": float, "place": str, "agency": str}, pk="id")
    db["series_points"].create({
        "series_id": str, "document_id": str, "group_id": str, "date": str, "value": float, "total": float,
        "status": str, "in_progress": float, "not_started": float, "count_idx": int, "sentence_idx": int,
        "due": str, "score": float, "reason": str,
    }, pk=("series_id", "document_id"), foreign_keys=[("series_id", "series", "id"), ("document_id", "documents", "id")])
    db["revisions"].create({
        "id": int, "kind": str, "series_id": str, "old": str, "new": str, "direction": str,
        "from_document": str, "to_document": str, "from_sentence_idx": int, "to_sentence_idx": int,
        "score": float, "reason": str,
    }, pk="id")
    db["link_runs"].create({"at": str, "model": str, "documents": int, "sentences": int, "embedded": int,
                            "translation_groups": int, "series": int, "revisions": int, "seconds": float})
    db["series_points"].create_index(["document_id"], if_not_exists=True)


def migrate_to_3(db: sqlite_utils.Database) -> None:
    """Add document time (published and its source, the meeting date's anchor), what each date was
    resolved from, stable record ids, and the evidence of translation links."""
    for column in ("published", "published_source", "event_date_anchor"):
        db["documents"].add_column(column, str)
    db["deadlines"].add_column("basis", str)
    db["deadlines"].add_column("anchor", str)
    db.execute("UPDATE deadlines SET basis = 'explicit'")
    for table in FACT_TABLES:
        db[table].add_column("id", str)
        rows = db.execute(f'SELECT document_id, idx, start, "end" FROM {table}').fetchall()
        db.conn.executemany(f"UPDATE {table} SET id = ? WHERE document_id = ? AND idx = ?",
                            [(record_id(doc, table, start, end), doc, idx) for doc, idx, start, end in rows])
        db[table].create_index(["id"], if_not_exists=True)
    db["translation_links"].add_column("kind", str)  # translation, or duplicate (same language, one article)
    db["translation_links"].add_column("pairs", str)  # JSON list of aligned sentences [a_idx, b_idx, cosine]
    db["documents"].create_index(["event_date"], if_not_exists=True)


def migrate_to_4(db: sqlite_utils.Database) -> None:
    """Add analysts' reviews, keyed by record id, and the views through which every reader applies them."""
    reviews.create_table(db)


# what the reads of a large store look up: records by their sentence, documents by place, language and date,
# a source's current version; each read then does work in proportion to its answer, not to the store
INDEXES_5 = (
    "CREATE INDEX IF NOT EXISTS counts_sentence ON counts (document_id, sentence_idx)",
    "CREATE INDEX IF NOT EXISTS deadlines_sentence ON deadlines (document_id, sentence_idx)",
    "CREATE INDEX IF NOT EXISTS agencies_sentence ON agencies (document_id, sentence_idx)",
    "CREATE INDEX IF NOT EXISTS commitments_sentence ON commitments (document_id, sentence_idx)",
    "CREATE INDEX IF NOT EXISTS counts_status ON counts (status, document_id, sentence_idx)",
    "CREATE INDEX IF NOT EXISTS counts_unit_nocase ON counts (unit COLLATE NOCASE, document_id, sentence_idx)",
    "CREATE INDEX IF NOT EXISTS deadlines_role_due ON deadlines (role, due, document_id, sentence_idx)",
    "CREATE INDEX IF NOT EXISTS documents_place ON documents (place COLLATE NOCASE, event_date, source)",
    "CREATE INDEX IF NOT EXISTS documents_language_date ON documents (language, event_date, source)",
    "CREATE INDEX IF NOT EXISTS documents_date_source ON documents (event_date, source)",
    "CREATE INDEX IF NOT EXISTS documents_source_version ON documents (source, version)",
    "CREATE INDEX IF NOT EXISTS series_points_series ON series_points (series_id, date)",
    "CREATE INDEX IF NOT EXISTS translation_groups_group ON translation_groups (group_id)",
    "CREATE INDEX IF NOT EXISTS translation_links_b ON translation_links (b)",
)


def migrate_to_5(db: sqlite_utils.Database) -> None:
    """Add every document's sentence spans (so that linking need not split texts again) and the indexes of the reads."""
    db["documents"].add_column("sentence_spans", str)  # JSON [[start, end], ...] of every sentence; NULL before 5
    for sql in INDEXES_5:
        db.execute(sql)


def migrate_to_6(db: sqlite_utils.Database) -> None:
    """Let readers apply a review to links at once (reviews.create_views): a series point names the records its
    figures are read from and the sentences whose deadlines it takes, a series its last report, and linking
    keeps the totals and deadlines a later report states unchanged (restatements) beside the revisions."""
    for column in ("qualifier", "target_id", "total_field", "value_id", "in_progress_id", "not_started_id", "sentences"):
        db["series_points"].add_column(column, str)  # NULL in points linked before 6: readers take their stored values
    db["series"].add_column("last_document", str)
    db["restatements"].create({
        "id": int, "kind": str, "series_id": str, "old": str, "new": str, "direction": str,
        "from_document": str, "to_document": str, "from_sentence_idx": int, "to_sentence_idx": int,
        "score": float, "reason": str,
    }, pk="id")


# an --agency substring is matched against each distinct name once (LIKE serves no index), then the name index
# gives its records; the triggers keep the names as records are written (a name no record holds any more
# after a reextract matches nothing: the reviewed view decides)
SCHEMA_7 = (
    "CREATE TABLE IF NOT EXISTS agency_names (name TEXT PRIMARY KEY) WITHOUT ROWID",
    "INSERT OR IGNORE INTO agency_names (name) SELECT name FROM agencies WHERE name IS NOT NULL",
    "CREATE TRIGGER IF NOT EXISTS agencies_name_insert AFTER INSERT ON agencies WHEN new.name IS NOT NULL "
    "BEGIN INSERT OR IGNORE INTO agency_names (name) VALUES (new.name); END",
    "CREATE TRIGGER IF NOT EXISTS agencies_name_update AFTER UPDATE OF name ON agencies WHEN new.name IS NOT NULL "
    "BEGIN INSERT OR IGNORE INTO agency_names (name) VALUES (new.name); END",
    "CREATE INDEX IF NOT EXISTS agencies_name_sentence ON agencies (name, document_id, sentence_idx)",
    "DROP INDEX IF EXISTS idx_agencies_name",  # schema 1's index of names alone: the one above begins with it
)


def migrate_to_7(db: sqlite_utils.Database) -> None:
    """Add the distinct agency names that an --agency substring is matched against, and the name index of their records."""
    for sql in SCHEMA_7:
        db.execute(sql)


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: migrate_to_1, 2: migrate_to_2, 3: migrate_to_3, 4: migrate_to_4, 5: migrate_to_5, 6: migrate_to_6, 7: migrate_to_7}
