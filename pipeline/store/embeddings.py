"""Sentence vectors kept by content hash, so that no sentence is embedded twice (the `embeddings` table)."""

from __future__ import annotations


class EmbeddingsMixin:
    """Stored vectors by model and content hash (used as part of Store)."""

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
