"""Queries over evidence sentences: the filters of `docket query`, full-text search, records by sentence."""

from __future__ import annotations

from collections.abc import Iterator

from .base import FACT_TABLES

# the columns of each kind of record that a query hit carries
ATTACHED = {"counts": "id, value, total, unit, status, qualifier, text, review_status",
            "deadlines": "id, due, granularity, role, text, review_status",
            "agencies": "id, name, role, text, review_status"}


class QueryMixin:
    """Finding sentences and their records by the CLI's filters (used as part of Store)."""

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
