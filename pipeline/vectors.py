"""The vector index beside the database: every record sentence's vector in one matrix, searchable at once.

SQLite keeps each vector once, by content hash (the `embeddings` table); reading a million of them
back row by row takes many seconds, so every `docket link` also writes them, in the order of their
(document, sentence) keys, to a folder beside the database, with a faiss index over them:

    outputs/docket.db.vectors/<model>/keys.npy      document ids (16 bytes) and sentence indexes
    outputs/docket.db.vectors/<model>/vectors.npy   float32 rows, L2-normalised, memory-mapped on read
    outputs/docket.db.vectors/<model>/index.faiss   an inverted file, above EXACT_UP_TO rows only
    outputs/docket.db.vectors/<model>/stamp.json    the link run it was written by

A query reads the index, not the database: an exact search (one matrix product) below EXACT_UP_TO
vectors, an inverted file (faiss IVF, NPROBE of about sqrt(n) lists) above, whose recall@10 against exact search the
benchmark measures. The folder is written beside and renamed into place, so a reader never sees half
of it; when it is missing or older than the last link, search falls back to the database.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EXACT_UP_TO = 50_000  # below this many vectors an exact search (one matrix product) is fast enough
NPROBE = 64  # inverted lists an approximate search visits (about 6% of them at 1,000,000 vectors)
TRAIN_SAMPLE = 64_000  # vectors the inverted file's centroids are trained on
KEY_DTYPE = np.dtype([("document", "S16"), ("idx", "<i4")])


def index_stamp(run: dict | None) -> str | None:
    """Return what ties an index to the link run that wrote it (None when links were never computed)."""
    return f"{run['at']}|{run['sentences']}|{run['model']}" if run else None


def index_folder(db_path: str, model: str) -> Path:
    """Return the folder that holds a database's vector index for one model."""
    return Path(f"{db_path}.vectors") / re.sub(r"[^\w.-]+", "_", model)


@dataclass
class VectorIndex:
    """The vectors of every record sentence under one model, with their keys and a faiss index."""

    keys: np.ndarray  # KEY_DTYPE, sorted by document then sentence
    vectors: np.ndarray  # float32, one L2-normalised row per key
    index: object | None  # a faiss inverted file over vectors, or None: exact search
    stamp: str

    @classmethod
    def in_memory(cls, keys: list[tuple[str, int]], vectors: np.ndarray) -> "VectorIndex":
        """Return an exact index over vectors held in memory (what search uses when no index is written)."""
        packed, matrix = pack(keys, vectors)
        return cls(packed, matrix, None, "")

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Return the rows nearest to a query vector, best first, with their cosine."""
        k = min(k, len(self.keys))
        if k <= 0:
            return []
        q = np.ascontiguousarray(query.reshape(-1), dtype=np.float32)
        if self.index is None:
            scores = self.vectors @ q
            rows = np.argpartition(-scores, k - 1)[:k]
            rows = rows[np.argsort(-scores[rows])]
            return [(int(r), float(scores[r])) for r in rows]
        scores, rows = self.index.search(q.reshape(1, -1), k)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def key(self, row: int) -> tuple[str, int]:
        """Return the (document id, sentence index) of a row."""
        entry = self.keys[row]
        return entry["document"].decode("ascii"), int(entry["idx"])

    def rows_of(self, document_id: str) -> range:
        """Return the rows of one document's sentences (keys are sorted by document)."""
        doc = np.bytes_(document_id.encode("ascii"))
        lo = int(np.searchsorted(self.keys["document"], doc, side="left"))
        hi = int(np.searchsorted(self.keys["document"], doc, side="right"))
        return range(lo, hi)


def build_ivf(vectors: np.ndarray):
    """Return a faiss inverted file over a large matrix (inner product, centroids trained on a sample)."""
    import faiss

    n, dim = vectors.shape
    lists = int(math.sqrt(n))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.sort(np.random.default_rng(0).choice(n, size=min(n, max(TRAIN_SAMPLE, lists * 40)), replace=False))]
    index.train(np.ascontiguousarray(sample))
    index.nprobe = NPROBE
    for start in range(0, n, 100_000):  # in slices: faiss copies what it is given
        index.add(np.ascontiguousarray(vectors[start:start + 100_000]))
    return index


def pack(keys: list[tuple[str, int]], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sort keys by document and sentence, with their vectors in the same order."""
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    packed = np.array([(keys[i][0].encode("ascii"), keys[i][1]) for i in order], dtype=KEY_DTYPE)
    matrix = np.ascontiguousarray(vectors[order], dtype=np.float32) if order else np.zeros((0, 0), np.float32)
    return packed, matrix


def write_index(db_path: str, model: str, keys: list[tuple[str, int]], vectors: np.ndarray, stamp: str) -> Path | None:
    """Write a database's vector index for one model, replacing the old one whole; None for an in-memory store."""
    if db_path == ":memory:":
        return None
    packed, matrix = pack(keys, vectors)
    target = index_folder(db_path, model)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=target.parent, prefix=".staged-"))
    np.save(staged / "keys.npy", packed)
    np.save(staged / "vectors.npy", matrix)
    if len(matrix) > EXACT_UP_TO:
        import faiss

        faiss.write_index(build_ivf(matrix), str(staged / "index.faiss"))
    (staged / "stamp.json").write_text(json.dumps({"stamp": stamp, "rows": len(packed), "model": model}), encoding="utf-8")
    old = target.with_name(f".old-{target.name}")
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def read_index(db_path: str, model: str, stamp: str | None) -> VectorIndex | None:
    """Return the index written by the link run `stamp`, or None when it is missing, empty or older."""
    folder = index_folder(db_path, model)
    try:
        meta = json.loads((folder / "stamp.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stamp is None or meta.get("stamp") != stamp or not meta.get("rows"):
        return None
    try:
        keys = np.load(folder / "keys.npy")
        vectors = np.load(folder / "vectors.npy", mmap_mode="r")
        index = None
        if (folder / "index.faiss").is_file():
            import faiss

            index = faiss.read_index(str(folder / "index.faiss"))
    except (OSError, ValueError, RuntimeError):
        return None  # a damaged index is rebuilt by the next link; search falls back to the database
    return VectorIndex(keys, vectors, index, meta["stamp"])
