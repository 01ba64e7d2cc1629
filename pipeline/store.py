"""The SQLite store: the only module that speaks SQL.

Each document is written in one IMMEDIATE transaction, so a crash, a Ctrl-C or a second
`docket ingest` on the same file never leaves half a document, and a re-run stores what is
missing. The schema carries a version; MIGRATIONS bring an older database up to date.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

from . import reviews
from .errors import StoreError
from .records import Document, Extraction, Language


def import_sqlite_utils() -> ModuleType:
    """Import sqlite-utils without pandas.

    sqlite-utils imports pandas at start-up when it is installed (the `notebook` extra), only to
    accept pandas values in inserts, which Docket never makes; that costs every command 1.5-2 s.
    """
    hide = "pandas" not in sys.modules
    if hide:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` now raises ImportError
    try:
        import sqlite_utils as module
    finally:
        if hide:
            del sys.modules["pandas"]
    return module


sqlite_utils = import_sqlite_utils()

SCHEMA_VERSION = 5
RECORD_TABLES = ("counts", "deadlines", "agencies", "commitments", "sentences")
FACT_TABLES = ("counts", "deadlines", "agencies", "commitments")
MAX_NUMBER = 1e15  # larger than any count a report states; a 400-digit "number" would be stored as inf


def record_id(document_id: str, kind: str, start: int, end: int) -> str:
    """Return a record's stable id: its document's content hash, its kind and its span.

    The same text gives the same id whatever file it came from and whatever rules read it,
    so that a review of a record survives a re-ingest, a renamed file and new rules.
    """
    return hashlib.sha256(f"{document_id}|{kind}|{start}|{end}".encode()).hexdigest()[:16]


def sane_number(value: float | None) -> bool:
    """Whether a value can be stored and exported as a JSON number: finite and within MAX_NUMBER."""
    return value is None or (math.isfinite(value) and abs(value) <= MAX_NUMBER)


def sane_counts(e: Extraction) -> Extraction:
    """Drop counts whose value or total is not a sane number, renumbering the counts commitments name."""
    keep = [i for i, c in enumerate(e.counts) if sane_number(c.value) and sane_number(c.total)]
    if len(keep) == len(e.counts):
        return e
    new_index = {old: new for new, old in enumerate(keep)}
    commitments = tuple(dataclasses.replace(m, counts=tuple(new_index[i] for i in m.counts if i in new_index))
                        for m in e.commitments)
    return dataclasses.replace(e, counts=tuple(e.counts[i] for i in keep), commitments=commitments)


def spans_json(e: Extraction) -> str | None:
    """Return every sentence's [start, end] as compact JSON, or None when extraction split no sentences."""
    return json.dumps(e.spans, separators=(",", ":")) if e.spans else None


def now() -> str:
    """Return the current UTC time as an ISO string."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: migrate_to_1, 2: migrate_to_2, 3: migrate_to_3, 4: migrate_to_4, 5: migrate_to_5}
# the columns of each kind of record that a query hit carries
ATTACHED = {"counts": "id, value, total, unit, status, qualifier, text, review_status",
            "deadlines": "id, due, granularity, role, text, review_status",
            "agencies": "id, name, role, text, review_status"}
LINK_TABLES = ("revisions", "series_points", "series", "translation_groups", "translation_links")


class Store:
    """A Docket database."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, timeout=60)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA busy_timeout = 60000")
            if self.path != ":memory:":
                self.db.enable_wal()
            self.db.execute("PRAGMA foreign_keys = ON")
            # in WAL mode NORMAL keeps the database consistent through a crash; it may lose the last
            # commits on power loss, which a re-run of the same ingest restores
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def schema_version(self) -> int:
        """Return the schema version the database is at (0 when new)."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Bring the database to SCHEMA_VERSION, one migration at a time, each in its own transaction."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            version = self.schema_version()
            if version > SCHEMA_VERSION:
                raise StoreError(f"database {self.path} has schema {version}; this Docket knows up to {SCHEMA_VERSION}")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[target](self.db)
                self.db.conn.execute(f"PRAGMA user_version = {target}")
            if version < SCHEMA_VERSION:  # the views list the record tables' columns: rebuild them after any migration
                reviews.create_views(self.db)
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    # -- writing -------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this content hash is stored."""
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def add_source(self, path: str, doc_id: str) -> None:
        """Record that path holds an already stored document."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            self.db["sources"].insert({"path": path, "document_id": doc_id, "seen_at": now()}, ignore=True)
            self.db["skipped"].delete_where("path = ?", [path])
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    def save(self, document: Document, language: Language, extraction: Extraction) -> bool:
        """Store a document and its records in one transaction; return False if it was already stored."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            if self.has_document(document.id):
                self.db["sources"].insert({"path": document.source, "document_id": document.id, "seen_at": now()}, ignore=True)
                self.db.conn.execute("COMMIT")
                return False
            # number parsing is extraction's job; the store only refuses to keep what JSON cannot carry
            self.write_document(document, language, sane_counts(extraction))
            self.db.conn.execute("COMMIT")
            return True
        except BaseException:
            self.db.rollback()
            raise

    def write_document(self, document: Document, language: Language, e: Extraction) -> None:
        """Insert the rows of one document; the caller holds the transaction.

        Records go in through prepared executemany on sqlite-utils' connection: insert_all would
        read each table's columns again for every document, and this is the ingest's serial step.
        """
        conn = self.db.conn
        version = conn.execute("SELECT COUNT(*) FROM documents WHERE source = ?", [document.source]).fetchone()[0] + 1
        conn.execute(
            "INSERT INTO documents (id, source, version, format, language, language_confidence, supported, title, "
            "event_date, event_date_anchor, published, published_source, place, url, chars, notes, text, ingested_at, "
            "sentence_spans) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [document.id, document.source, version, document.format, language.code, language.confidence,
             int(language.supported), e.title, e.event_date, e.event_date_anchor, e.published or document.published,
             e.published_source or document.published_source, e.place, e.url, len(document.text),
             "; ".join(e.notes) or None, document.text, now(), spans_json(e)])
        conn.execute("INSERT OR IGNORE INTO sources (path, document_id, seen_at) VALUES (?,?,?)",
                     [document.source, document.id, now()])
        self.write_records(document.id, e)
        conn.execute("DELETE FROM skipped WHERE path = ?", [document.source])

    def write_records(self, doc: str, e: Extraction) -> None:
        """Insert one document's evidence sentences and records, each with its stable id; the caller holds the transaction."""
        conn = self.db.conn
        conn.executemany('INSERT INTO sentences (document_id, idx, start, "end", text) VALUES (?,?,?,?,?)',
                         [(doc, s.index, s.start, s.end, s.text) for s in e.sentences])
        conn.executemany(
            'INSERT INTO counts (id, document_id, idx, sentence_idx, text, start, "end", value, total, unit, status, qualifier) '
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(record_id(doc, "counts", c.start, c.end), doc, i, c.sentence, c.text, c.start, c.end, c.value, c.total,
              c.unit, c.status, c.qualifier) for i, c in enumerate(e.counts)])
        conn.executemany(
            'INSERT INTO deadlines (id, document_id, idx, sentence_idx, text, start, "end", due, granularity, role, basis, anchor) '
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(record_id(doc, "deadlines", d.start, d.end), doc, i, d.sentence, d.text, d.start, d.end, d.due,
              d.granularity, d.role, d.basis, d.anchor) for i, d in enumerate(e.deadlines)])
        conn.executemany(
            'INSERT INTO agencies (id, document_id, idx, sentence_idx, text, start, "end", name, role) VALUES (?,?,?,?,?,?,?,?,?)',
            [(record_id(doc, "agencies", a.start, a.end), doc, i, a.sentence, a.text, a.start, a.end, a.name, a.role)
             for i, a in enumerate(e.agencies)])
        conn.executemany(
            'INSERT INTO commitments (id, document_id, idx, sentence_idx, text, start, "end", due, agencies, counts) '
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(record_id(doc, "commitments", c.start, c.end), doc, i, c.sentence, c.text, c.start, c.end, c.due,
              json.dumps(list(c.agencies), ensure_ascii=False), json.dumps(list(c.counts))) for i, c in enumerate(e.commitments)])

    def replace_records(self, doc_id: str, e: Extraction) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
        """Replace one document's records and extracted facts in one transaction; return its records before and after.

        Reviews are not touched: they are keyed by record id and apply again to a record that keeps its span.
        """
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            before = self.raw_records(doc_id)
            for table in RECORD_TABLES:
                self.db.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc_id])
            self.write_records(doc_id, e)
            self.db.conn.execute(
                "UPDATE documents SET title = ?, event_date = ?, event_date_anchor = ?, place = ?, notes = ?, "
                "published = COALESCE(?, published), published_source = COALESCE(?, published_source), "
                "sentence_spans = COALESCE(?, sentence_spans) WHERE id = ?",
                [e.title, e.event_date, e.event_date_anchor, e.place, "; ".join(e.notes) or None, e.published,
                 e.published_source if e.published else None, spans_json(e), doc_id])
            after = self.raw_records(doc_id)
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise
        return before, after

    def raw_records(self, doc_id: str) -> dict[str, list[dict]]:
        """Return one document's records as extracted, without reviews, by kind, in document order."""
        return {table: list(self.db.query(f"SELECT * FROM {table} WHERE document_id = ? ORDER BY idx", [doc_id]))
                for table in FACT_TABLES}

    def stored_text(self, doc_id: str) -> dict:
        """Return what extraction needs of a stored document: its text, format, language and file-level facts."""
        rows = list(self.db.query(
            "SELECT id, source, text, format, title, url, published, published_source, language, language_confidence, "
            "supported FROM documents WHERE id = ?", [doc_id]))
        if not rows:
            raise LookupError(f"no stored document has the id {doc_id!r}")
        return rows[0]

    def record_skip(self, path: str, kind: str, reason: str) -> None:
        """Remember a file that could not be ingested, replacing an older reason for the same path."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            self.db["skipped"].upsert({"path": path, "kind": kind, "reason": reason, "at": now()}, pk="path")
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    # -- reading -------------------------------------------------------------------------

    def documents(self, language: str | None = None) -> list[dict]:
        """Return stored documents with their record counts, oldest first."""
        where, params = ("WHERE d.language = ?", [language]) if language else ("", [])
        sql = f"""
            SELECT d.id, d.source, d.version, d.language, d.language_confidence, d.supported, d.title,
                   d.event_date, d.event_date_anchor, d.published, d.published_source, d.place, d.url, d.chars, d.notes, d.ingested_at,
                   (SELECT COUNT(*) FROM reviewed_counts c WHERE c.document_id = d.id) AS counts,
                   (SELECT COUNT(*) FROM reviewed_deadlines x WHERE x.document_id = d.id) AS deadlines,
                   (SELECT COUNT(*) FROM reviewed_agencies a WHERE a.document_id = d.id) AS agencies,
                   (SELECT COUNT(*) FROM reviewed_commitments m WHERE m.document_id = d.id) AS commitments
            FROM documents d {where} ORDER BY d.ingested_at, d.source"""
        return list(self.db.query(sql, params))

    def skipped(self) -> list[dict]:
        """Return the files that could not be ingested, with their reasons."""
        return list(self.db.query("SELECT path, kind, reason, at FROM skipped ORDER BY path"))

    def document_records(self, doc_id: str) -> dict[str, list[dict]]:
        """Return every record of one document, reviews applied (rejected ones left out), with its evidence sentence."""
        sentences = {r["idx"]: r["text"] for r in self.db.query(
            "SELECT idx, text FROM sentences WHERE document_id = ?", [doc_id])}
        out: dict[str, list[dict]] = {}
        for table in ("counts", "deadlines", "agencies", "commitments"):
            rows = []
            for row in self.db.query(f"SELECT * FROM reviewed_{table} WHERE document_id = ? ORDER BY idx", [doc_id]):
                row["sentence"] = sentences.get(row["sentence_idx"])
                rows.append(row)
            out[table] = rows
        return out

    def iter_documents(self, place: str | None = None) -> Iterator[dict]:
        """Yield stored documents (or those of one place, any case), oldest first, without their text."""
        where, params = ("WHERE place = ? COLLATE NOCASE", [place]) if place else ("", [])
        yield from self.db.query(
            "SELECT id, source, version, format, language, language_confidence, supported, title, event_date, "
            f"event_date_anchor, published, published_source, place, url, notes "
            f"FROM documents {where} ORDER BY ingested_at, source", params)

    def query_records(self, unit: str | None = None, status: str | None = None, agency: str | None = None,
                      due_before: str | None = None, due_after: str | None = None, language: str | None = None,
                      search: str | None = None, place: str | None = None, limit: int | None = None,
                      history: bool = False) -> list[dict]:
        """Return counts, deadlines and agencies joined to their sentences, filtered as asked.

        Filters that concern one kind of record (unit, status; due dates; agency) select the
        sentences that hold such a record, and every record of those sentences is returned, so
        that "--agency 'Provincial Police' --due-before 2025-12-31" finds the police's dated tasks.
        """
        clauses, params = ["1 = 1"], []
        if not history:  # the current version of each source, unless its history is asked for
            clauses.append("d.version = (SELECT MAX(v.version) FROM documents v WHERE v.source = d.source)")
        if language:
            clauses.append("d.language = ?"); params.append(language)
        if place:
            clauses.append("d.place = ? COLLATE NOCASE"); params.append(place)
        if unit:
            clauses.append(candidates("counts", "unit = ? COLLATE NOCASE")); params.append(unit)
            clauses.append("EXISTS (SELECT 1 FROM reviewed_counts c WHERE c.document_id = s.document_id AND c.sentence_idx = s.idx AND c.unit = ? COLLATE NOCASE)")
            params.append(unit)
        if status:
            clauses.append(candidates("counts", "status = ?")); params.append(status)
            clauses.append("EXISTS (SELECT 1 FROM reviewed_counts c WHERE c.document_id = s.document_id AND c.sentence_idx = s.idx AND c.status = ?)")
            params.append(status)
        if agency:
            clauses.append(candidates("agencies", "name LIKE ?")); params.append(f"%{agency}%")
            clauses.append("EXISTS (SELECT 1 FROM reviewed_agencies a WHERE a.document_id = s.document_id AND a.sentence_idx = s.idx AND a.name LIKE ? COLLATE NOCASE)")
            params.append(f"%{agency}%")
        if due_before or due_after:
            cond = ["x.role = 'deadline'"]
            if due_before:
                cond.append("x.due <= ?")
            if due_after:
                cond.append("x.due >= ?")
            dates = [d for d in (due_before, due_after) if d]
            clauses.append(candidates("deadlines", " AND ".join(c.replace("x.", "") for c in cond))); params += dates
            params += dates
            clauses.append(f"EXISTS (SELECT 1 FROM reviewed_deadlines x WHERE x.document_id = s.document_id AND x.sentence_idx = s.idx AND {' AND '.join(cond)})")
        if search:
            clauses.append("s.rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)")
            params.append(fts_query(search))
        sql = f"""SELECT s.document_id, s.idx, s.text, d.source, d.language, d.place, d.event_date
                  FROM sentences s JOIN documents d ON d.id = s.document_id
                  WHERE {' AND '.join(clauses)} ORDER BY d.event_date, d.source, s.idx"""
        if limit:
            sql += f" LIMIT {int(limit)}"
        out = self.attach_many(list(self.db.query(sql, params)))
        for sentence in out:
            if unit:
                sentence["counts"] = [c for c in sentence["counts"] if c["unit"].lower() == unit.lower()]
            if status:
                sentence["counts"] = [c for c in sentence["counts"] if c["status"] == status]
        return out

    def fact_rows(self, kind: str) -> list[dict]:
        """Return every record of one kind, reviews applied, with its document's facts and its sentence."""
        if kind not in FACT_TABLES:
            raise ValueError(f"no records of kind {kind!r} (kinds: {', '.join(FACT_TABLES)})")
        return list(self.db.query(
            f"SELECT t.*, d.source, d.language, d.place, d.event_date, s.text AS sentence FROM reviewed_{kind} t "
            f"JOIN documents d ON d.id = t.document_id "
            f"LEFT JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx "
            f"ORDER BY d.event_date, d.source, t.idx"))

    def count_ids(self) -> dict[tuple[str, int], str]:
        """Map (document id, count index) to the count's record id, for commitments that list counts by index."""
        return {(doc, idx): rid for doc, idx, rid in self.db.execute("SELECT document_id, idx, id FROM counts")}

    def attach_records(self, sentence: dict) -> dict:
        """Add the counts, deadlines and agencies found in a sentence row (document_id, idx), reviews applied."""
        return self.attach_many([sentence])[0]

    def attach_many(self, sentences: list[dict]) -> list[dict]:
        """Add their counts, deadlines and agencies to sentence rows, reviews applied: three reads per 500 documents."""
        for row in sentences:
            row.update(counts=[], deadlines=[], agencies=[])
        by_key = {(row["document_id"], row["idx"]): row for row in sentences}
        docs = sorted({row["document_id"] for row in sentences})
        for i in range(0, len(docs), 500):
            chunk = docs[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for table, columns in ATTACHED.items():
                # by document through the (document_id, sentence_idx) index; a record of a sentence not asked is dropped
                for record in self.db.query(f"SELECT document_id, sentence_idx, {columns} FROM reviewed_{table} "
                                            f"WHERE document_id IN ({marks}) ORDER BY document_id, idx", chunk):
                    row = by_key.get((record.pop("document_id"), record.pop("sentence_idx")))
                    if row is not None:
                        row[table].append(record)
        return sentences


    # -- linking ---------------------------------------------------------------------------

    def link_inputs(self) -> list[dict]:
        """Return every supported document with its text, the sentences that carry records and the records themselves.

        Records are read through the reviewed views: linking sees corrected values and no rejected record.
        """
        docs = {r["id"]: {**r, "sentences": {}, "counts": [], "deadlines": [], "agencies": []} for r in self.db.query(
            "SELECT id, source, language, event_date, place, title, text, sentence_spans FROM documents "
            "WHERE supported = 1 ORDER BY id")}
        for table, columns in (("counts", "idx, sentence_idx, value, total, unit, status, qualifier, text"),
                               ("deadlines", "idx, sentence_idx, due, granularity, role, text"),
                               ("agencies", "idx, sentence_idx, name, role, text")):
            for row in self.db.query(f"SELECT document_id, {columns} FROM reviewed_{table} ORDER BY document_id, idx"):
                doc = docs.get(row.pop("document_id"))
                if doc is not None:
                    doc[table].append(row)
        for row in self.db.query(
                "SELECT s.document_id, s.idx, s.text FROM sentences s WHERE EXISTS (SELECT 1 FROM reviewed_counts c WHERE "
                "c.document_id = s.document_id AND c.sentence_idx = s.idx) OR EXISTS (SELECT 1 FROM reviewed_deadlines x WHERE "
                "x.document_id = s.document_id AND x.sentence_idx = s.idx) OR EXISTS (SELECT 1 FROM reviewed_agencies a WHERE "
                "a.document_id = s.document_id AND a.sentence_idx = s.idx)"):
            doc = docs.get(row["document_id"])
            if doc is not None:
                doc["sentences"][row["idx"]] = row["text"]
        return list(docs.values())

    def stored_vectors(self, model: str, hashes: list[str]) -> dict[str, bytes]:
        """Return the stored vectors (raw float32 bytes) of these content hashes under a model."""
        out: dict[str, bytes] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for h, vector in self.db.execute(
                    f"SELECT hash, vector FROM embeddings WHERE model = ? AND hash IN ({marks})", [model, *chunk]):
                out[h] = vector
        return out

    def save_vectors(self, model: str, dim: int, vectors: dict[str, bytes]) -> None:
        """Store vectors by content hash in one transaction; a hash already stored is kept."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            self.db.conn.executemany("INSERT OR IGNORE INTO embeddings (model, hash, dim, vector) VALUES (?,?,?,?)",
                                     [(model, h, dim, v) for h, v in vectors.items()])
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    def replace_links(self, tables: dict[str, list[dict]], run: dict) -> None:
        """Replace every link table's rows with a new linking result, in one transaction."""
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            for table in LINK_TABLES:
                self.db.conn.execute(f"DELETE FROM {table}")
            for table in reversed(LINK_TABLES):
                rows = tables.get(table) or []
                if rows:
                    columns = list(rows[0])
                    quoted = ", ".join(f'"{c}"' for c in columns)
                    self.db.conn.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({','.join('?' * len(columns))})",
                                             [[r[c] for c in columns] for r in rows])
            self.db["link_runs"].insert(run)
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    def last_link_run(self) -> dict | None:
        """Return the latest linking run, or None if links were never computed."""
        rows = list(self.db.query("SELECT * FROM link_runs ORDER BY rowid DESC LIMIT 1"))
        return rows[0] if rows else None

    def unlinked_documents(self) -> int:
        """Return how many supported documents were stored after the last linking run."""
        run = self.last_link_run()
        if run is None:
            return self.db.execute("SELECT COUNT(*) FROM documents WHERE supported = 1").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM documents WHERE supported = 1 AND ingested_at > ?",
                               [run["at"]]).fetchone()[0]

    def find_document(self, ref: str) -> dict:
        """Return the document whose id starts with ref, whose source path is or ends with ref, or whose
        file name starts with ref ("003_5346" for ".../003_5346fb5eacefb5af.txt")."""
        rows = list(self.db.query(
            "SELECT id, source, language, event_date, place, title FROM documents WHERE id LIKE ? OR source = ? "
            "OR source LIKE ? OR source LIKE ? OR source LIKE ? ORDER BY ingested_at DESC",
            [f"{ref}%", ref, f"%/{ref}", f"%/{ref}%", f"{ref}%"]))
        ids = {r["id"] for r in rows}
        if not rows:
            raise LookupError(f"no stored document matches {ref!r} (give an id prefix or a source path)")
        if len(ids) > 1:
            raise LookupError(f"{ref!r} matches {len(ids)} documents; give more of the id")
        return rows[0]

    def translation_groups(self, ids: list[str] | None = None) -> dict[str, str]:
        """Map document id to its translation group id (only documents that have a translation), of these documents
        and the other members of their groups when ids are given."""
        if ids is None:
            return {r["document_id"]: r["group_id"] for r in self.db.query("SELECT document_id, group_id FROM translation_groups")}
        out: dict[str, str] = {}
        unique = sorted(set(ids))
        for i in range(0, len(unique), 500):
            marks = ",".join("?" * len(unique[i:i + 500]))
            out.update((r["document_id"], r["group_id"]) for r in self.db.query(
                "SELECT g.document_id, g.group_id FROM translation_groups g WHERE g.group_id IN "
                f"(SELECT group_id FROM translation_groups WHERE document_id IN ({marks}))", unique[i:i + 500]))
        return out

    def translation_rows(self, ids: list[str] | None = None) -> list[dict]:
        """Return the members of every translation group (or of the groups of these documents) with the best link
        that put them there: its kind (translation or duplicate), score, reason and aligned sentence pairs
        [idx here, idx there, cosine]."""
        sql = ("SELECT g.group_id, d.id, d.source, d.language, d.event_date, d.place, d.title "
               "FROM translation_groups g JOIN documents d ON d.id = g.document_id {where} ORDER BY g.group_id, d.language, d.source")
        if ids is None:
            rows = list(self.db.query(sql.format(where="")))
        else:
            groups = sorted(set(self.translation_groups(ids).values()))
            rows = [r for chunk in chunked(groups) for r in self.db.query(
                sql.format(where=f"WHERE g.group_id IN ({','.join('?' * len(chunk))})"), chunk)]
        best: dict[str, dict] = {}
        for link in self.translation_links([r["id"] for r in rows] if ids is not None else None):
            for doc in (link["a"], link["b"]):
                if doc not in best or link["score"] > best[doc]["score"]:
                    best[doc] = link
        for row in rows:
            link = best.get(row["id"])
            other = (link["b"] if link["a"] == row["id"] else link["a"]) if link else None
            pairs = (link["pairs"] if link["a"] == row["id"] else [[j, i, c] for i, j, c in link["pairs"]]) if link else []
            row.update(kind=link and link["kind"], score=link and link["score"], reason=link and link["reason"],
                       linked_to=other, pairs=pairs)
        return rows

    def document_texts(self, ids: list[str]) -> dict[str, dict]:
        """Return the language, source and text of these documents by id."""
        marks = ",".join("?" * len(ids))
        return {r["id"]: r for r in self.db.query(
            f"SELECT id, language, source, text, sentence_spans FROM documents WHERE id IN ({marks})", ids)} if ids else {}

    def translation_links(self, ids: list[str] | None = None) -> list[dict]:
        """Return every stored translation or duplicate link (or those of these documents) with its aligned sentence pairs."""
        sql = "SELECT a, b, kind, score, reason, pairs FROM translation_links {where} ORDER BY a, b"
        if ids is None:
            rows = list(self.db.query(sql.format(where="")))
        else:
            found = {}
            for chunk in chunked(sorted(set(ids))):
                marks = ",".join("?" * len(chunk))
                found.update(((r["a"], r["b"]), r) for r in self.db.query(
                    sql.format(where=f"WHERE a IN ({marks}) OR b IN ({marks})"), [*chunk, *chunk]))
            rows = [found[k] for k in sorted(found)]
        return [{**r, "pairs": json.loads(r["pairs"]) if r["pairs"] else []} for r in rows]

    def series_rows(self) -> list[dict]:
        """Return every target series."""
        return list(self.db.query("SELECT * FROM series ORDER BY place, unit, total"))

    def series_points(self, series_id: str | list[str] | None = None) -> list[dict]:
        """Return the points of one series, of several, or of all, with their documents and evidence, by date."""
        ids = [series_id] if isinstance(series_id, str) else series_id
        if ids is not None and len(ids) > 500:
            return [row for i in range(0, len(ids), 500) for row in self.series_points(ids[i:i + 500])]
        where, params = (f"WHERE p.series_id IN ({','.join('?' * len(ids))})", ids) if ids is not None else ("", [])
        return list(self.db.query(f"""
            SELECT p.*, d.source, d.language, s.text AS sentence
            FROM series_points p JOIN documents d ON d.id = p.document_id
            LEFT JOIN sentences s ON s.document_id = p.document_id AND s.idx = p.sentence_idx
            {where} ORDER BY p.series_id, p.date IS NULL, p.date, d.language""", params))

    def revision_rows(self) -> list[dict]:
        """Return every detected revision (moved deadlines, changed totals) with both evidence sentences."""
        return list(self.db.query("""
            SELECT r.*, a.source AS from_source, b.source AS to_source, a.language AS from_language,
                   b.language AS to_language, sa.text AS from_sentence, sb.text AS to_sentence
            FROM revisions r JOIN documents a ON a.id = r.from_document JOIN documents b ON b.id = r.to_document
            LEFT JOIN sentences sa ON sa.document_id = r.from_document AND sa.idx = r.from_sentence_idx
            LEFT JOIN sentences sb ON sb.document_id = r.to_document AND sb.idx = r.to_sentence_idx
            ORDER BY r.kind, r.id"""))

    def sentence_hit(self, doc_id: str, idx: int) -> dict:
        """Return one sentence with its document's source, language, date and place, and its records."""
        row = next(self.db.query(
            "SELECT s.document_id, s.idx, s.text, d.source, d.language, d.event_date, d.place FROM sentences s "
            "JOIN documents d ON d.id = s.document_id WHERE s.document_id = ? AND s.idx = ?", [doc_id, idx]))
        return self.attach_records(row)

    def series_agencies(self, series_ids: list[str] | None = None) -> dict[str, set[str]]:
        """Map each series (or each of these) to the agencies named in its evidence sentences."""
        if series_ids is not None and len(series_ids) > 500:
            return {k: v for i in range(0, len(series_ids), 500) for k, v in self.series_agencies(series_ids[i:i + 500]).items()}
        where = f"WHERE p.series_id IN ({','.join('?' * len(series_ids))})" if series_ids is not None else ""
        out: dict[str, set[str]] = {}
        for row in self.db.query(
                "SELECT DISTINCT p.series_id, a.name FROM series_points p JOIN reviewed_agencies a ON a.document_id = p.document_id "
                f"AND a.sentence_idx = p.sentence_idx {where}", series_ids or []):
            out.setdefault(row["series_id"], set()).add(row["name"])
        return out


def chunked(items: list, size: int = 400) -> Iterator[list]:
    """Yield items in lists of at most size, so that an IN (...) stays within SQLite's bound parameters."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def candidates(table: str, condition: str) -> str:
    """Return a clause that drives a query from the records matching condition through an index, and from every
    reviewed record (a correction may make one match); the reviewed view then decides, so the answer is exact."""
    return (f"s.rowid IN (SELECT x.rowid FROM (SELECT document_id, sentence_idx FROM {table} WHERE {condition} "
            f"UNION SELECT t.document_id, t.sentence_idx FROM reviews r CROSS JOIN {table} t ON t.id = r.record_id "
            f"WHERE r.kind = '{table}') k CROSS JOIN sentences x ON x.document_id = k.document_id AND x.idx = k.sentence_idx)")


def fts_query(text: str) -> str:
    """Quote each word so that user text never breaks FTS5 syntax; a word ending in * matches words that start so."""
    out = []
    for word in text.split():
        stem = word.replace('"', "").strip("*")
        if stem:  # FTS5 has prefix queries ("Provinz"*) but no suffix or infix ones: a leading * is dropped
            out.append(f'"{stem}"' + ("*" if word.endswith("*") else ""))
    return " ".join(out) or '""'
