"""Documents and their records: written one document a transaction, read back with their evidence."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterator

from ..records import Document, Extraction, Language
from .base import FACT_TABLES, MAX_NUMBER, RECORD_TABLES, now, record_id


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


class DocumentsMixin:
    """Writing documents and their records; reading documents, records and skips (used as part of Store)."""

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
