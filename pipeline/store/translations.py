"""Which documents are one article: translation groups, the links that made them, and their aligned sentences."""

from __future__ import annotations

import json

from .queries import chunked


class TranslationsMixin:
    """Reads of the translation groups and links that `docket link` stores (used as part of Store)."""

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
