"""What linking reads and writes: its inputs, the link tables, series and revisions (translations: translations.py)."""

from __future__ import annotations

LINK_TABLES = ("restatements", "revisions", "series_points", "series", "translation_groups", "translation_links")


class LinksMixin:
    """Link inputs and the link tables, replaced whole by each run (used as part of Store)."""

    # -- linking ---------------------------------------------------------------------------

    def link_inputs(self) -> list[dict]:
        """Return every supported document with its text, the sentences that carry records and the records themselves.

        Records are read through the reviewed views: linking sees corrected values and no rejected record.
        """
        docs = {r["id"]: {**r, "sentences": {}, "counts": [], "deadlines": [], "agencies": []} for r in self.db.query(
            "SELECT id, source, language, event_date, place, title, text, sentence_spans FROM documents "
            "WHERE supported = 1 ORDER BY id")}
        for table, columns in (("counts", "id, idx, sentence_idx, value, total, unit, status, qualifier, text"),
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

    # the readers of links read the reviewed views (reviews.create_views): a review is seen at once, not after a link

    def series_rows(self) -> list[dict]:
        """Return every target series, its total as its last report states it (reviewed)."""
        return list(self.db.query("SELECT * FROM reviewed_series ORDER BY place, unit, total"))

    def series_points(self, series_id: str | list[str] | None = None) -> list[dict]:
        """Return the points of one series, of several, or of all, with their documents and evidence, by date;
        figures as reviewed, with review_status and review_original (JSON of the figures as extracted)."""
        ids = [series_id] if isinstance(series_id, str) else series_id
        if ids is not None and len(ids) > 500:
            return [row for i in range(0, len(ids), 500) for row in self.series_points(ids[i:i + 500])]
        where, params = (f"WHERE p.series_id IN ({','.join('?' * len(ids))})", ids) if ids is not None else ("", [])
        return list(self.db.query(f"""
            SELECT p.*, d.source, d.language, s.text AS sentence
            FROM reviewed_series_points p JOIN documents d ON d.id = p.document_id
            LEFT JOIN sentences s ON s.document_id = p.document_id AND s.idx = p.sentence_idx
            {where} ORDER BY p.series_id, p.date IS NULL, p.date, d.language""", params))

    def revision_rows(self) -> list[dict]:
        """Return every revision (moved deadlines, changed totals) with both evidence sentences; values as reviewed,
        with review_status and review_original (JSON of the old and new values as extracted)."""
        return list(self.db.query("""
            SELECT r.*, a.source AS from_source, b.source AS to_source, a.language AS from_language,
                   b.language AS to_language, sa.text AS from_sentence, sb.text AS to_sentence
            FROM reviewed_revisions r JOIN documents a ON a.id = r.from_document JOIN documents b ON b.id = r.to_document
            LEFT JOIN sentences sa ON sa.document_id = r.from_document AND sa.idx = r.from_sentence_idx
            LEFT JOIN sentences sb ON sb.document_id = r.to_document AND sb.idx = r.to_sentence_idx
            ORDER BY r.kind, r.id"""))

    def sentence_hit(self, doc_id: str, idx: int) -> dict | None:
        """Return one record sentence with its document's source, language, date and place, and its records
        (None for a sentence without records, which only the vector index holds)."""
        row = next(self.db.query(
            "SELECT s.document_id, s.idx, s.text, d.source, d.language, d.event_date, d.place FROM sentences s "
            "JOIN documents d ON d.id = s.document_id WHERE s.document_id = ? AND s.idx = ?", [doc_id, idx]), None)
        return self.attach_records(row) if row else None

    def series_agencies(self, series_ids: list[str] | None = None) -> dict[str, set[str]]:
        """Map each series (or each of these) to the agencies named in the sentences its points were read from."""
        if series_ids is not None and len(series_ids) > 500:
            return {k: v for i in range(0, len(series_ids), 500) for k, v in self.series_agencies(series_ids[i:i + 500]).items()}
        where = f"WHERE p.series_id IN ({','.join('?' * len(series_ids))})" if series_ids is not None else ""
        out: dict[str, set[str]] = {}
        for row in self.db.query(
                "SELECT DISTINCT p.series_id, a.name FROM reviewed_series_points p JOIN reviewed_agencies a ON a.document_id = p.document_id "
                # every sentence the point was read from (its target, value and progress), as linking names them
                "AND a.sentence_idx IN (SELECT value FROM json_each(coalesce(p.sentences, json_array(p.sentence_idx)))) "
                f"{where}", series_ids or []):
            out.setdefault(row["series_id"], set()).add(row["name"])
        return out
