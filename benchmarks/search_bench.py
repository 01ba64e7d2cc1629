"""Benchmark: meaning search over the vector index, against a brute-force numpy search side by side.

    python benchmarks/search_bench.py                    # 100,000 and 1,000,000 sentences
    python benchmarks/search_bench.py --sizes 200000 --queries 200

Vectors are generated: 384-dimension unit vectors around 5,000 topics (sentences of one commitment in
several reports and languages lie close together, as the real model puts them), keyed like record
sentences. For each size the index is written as `docket link` writes it; then the same queries
(perturbed copies of stored vectors, as a query near a stored sentence) go to both searches:
latency p50/p95 per query (ms), recall@10 of the index against the exact top 10, the index's build
time and size on disk. The machine is shared: each figure is read beside its baseline in one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.vectors import VectorIndex, read_index, write_index  # noqa: E402

DIM = 384


def corpus(n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit vectors around 5,000 topic centres."""
    centres = rng.normal(size=(5000, DIM)).astype(np.float32)
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 200_000):
        stop = min(n, start + 200_000)
        block = centres[rng.integers(0, 5000, stop - start)] + rng.normal(scale=0.6, size=(stop - start, DIM)).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def percentile_ms(times: list[float], q: float) -> float:
    return round(float(np.percentile(times, q)) * 1000, 2)


def measure(n: int, queries: int, tmp: Path) -> dict:
    rng = np.random.default_rng(n)
    vectors = corpus(n, rng)
    keys = [(f"{i // 5:016x}", i % 5) for i in range(n)]
    db = str(tmp / f"bench-{n}.db")
    started = time.perf_counter()
    folder = write_index(db, "bench", keys, vectors, "run")
    build_s = time.perf_counter() - started
    size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
    index = read_index(db, "bench", "run")
    exact = VectorIndex.in_memory(keys, vectors)
    asks = vectors[rng.integers(0, n, queries)] + rng.normal(scale=0.02, size=(queries, DIM)).astype(np.float32)
    asks /= np.linalg.norm(asks, axis=1, keepdims=True)
    index_times, exact_times, found = [], [], 0
    for q in asks:
        t = time.perf_counter()
        got = {r for r, _ in index.search(q, 10)}
        index_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        truth = {r for r, _ in exact.search(q, 10)}
        exact_times.append(time.perf_counter() - t)
        found += len(got & truth)
    return {"sentences": n, "kind": "IVF" if index.index is not None else "exact", "build_s": round(build_s, 1),
            "size_mb": round(size_mb), "p50_ms": percentile_ms(index_times, 50), "p95_ms": percentile_ms(index_times, 95),
            "brute_p50_ms": percentile_ms(exact_times, 50), "brute_p95_ms": percentile_ms(exact_times, 95),
            "recall_at_10": round(found / (10 * queries), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = measure(n, args.queries, Path(tmp))
            print(f"search {r['sentences']:>9,} sentences ({r['kind']}, built in {r['build_s']} s, {r['size_mb']} MB): "
                  f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms; brute-force numpy side by side p50 {r['brute_p50_ms']} ms, "
                  f"p95 {r['brute_p95_ms']} ms; recall@10 {r['recall_at_10']}", flush=True)


if __name__ == "__main__":
    main()
