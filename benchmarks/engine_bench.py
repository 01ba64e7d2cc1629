"""Benchmark: ingest throughput of the local engine and the Dask engine side by side, Dask's cost per task,
the single writer alone, and a projection to a cluster of 32 workers.

    python benchmarks/engine_bench.py               # 400 documents
    python benchmarks/engine_bench.py --docs 100

The corpus is built as in ingest_bench.py: the sample corpus plus, where ../shared is beside the
project, the development reports, repeated as .txt files in a temporary folder (never committed).
Every figure comes from the same run: on a shared, noisy machine compare the ratios, not the seconds.
Dask's LocalCluster start-up and the loading of spaCy and the rules on each worker (once per worker,
as the local engine's parent does once before forking) are reported apart and left out of its throughput.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from ingest_bench import build_corpus  # noqa: E402


def noop(context: object, item: int) -> int:
    """Do nothing: what is left of a task's time is the engine's."""
    return item


def ingest_seconds(folder: Path, engine) -> tuple[float, int]:
    """Ingest folder into a fresh store with engine; return seconds and documents stored."""
    from pipeline.batch import collect, run
    from pipeline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        paths, _ = collect([str(folder)])
        started = time.perf_counter()
        stored = sum(1 for e in run(store, paths, engine=engine) if e.kind == "stored")
        return time.perf_counter() - started, stored


def local(folder: Path, workers: int) -> dict:
    """Measure the local engine with this many processes."""
    from pipeline.engine import LocalEngine

    seconds, stored = ingest_seconds(folder, LocalEngine(workers))
    return {"engine": f"local, {workers} process{'es' if workers > 1 else ''}", "seconds": seconds, "docs": stored}


def dask(folder: Path, workers: int, noop_tasks: int) -> dict:
    """Measure the Dask engine on a LocalCluster of this many workers: start-up, no-op tasks, then ingest."""
    from pipeline.batch import warm_once
    from pipeline.dask_engine import DaskEngine

    started = time.perf_counter()
    engine = DaskEngine(workers=workers)
    startup = time.perf_counter() - started
    try:
        warming = time.perf_counter()
        engine.client.run(warm_once, ("en", "de", "ru", "vi"))  # once per worker, as the local parent does before forking
        warm = time.perf_counter() - warming
        one = time.perf_counter()
        list(engine.map(noop, [0]))  # a single task there and back, plus the context plugin
        single = time.perf_counter() - one
        many = time.perf_counter()
        list(engine.map(noop, range(noop_tasks)))
        per_task = (time.perf_counter() - many) / noop_tasks
        seconds, stored = ingest_seconds(folder, engine)
    finally:
        engine.close()
    return {"engine": f"dask, {workers} worker{'s' if workers > 1 else ''}", "seconds": seconds, "docs": stored,
            "startup": startup, "warm": warm, "single_task": single, "noop_per_task": per_task}


def writer(folder: Path) -> dict:
    """Measure the single writer alone: extraction first (not timed), then only the writes of every document."""
    from pipeline.batch import Limits, collect, ingest_task, write
    from pipeline.engine import LocalEngine
    from pipeline.store import Store

    paths, _ = collect([str(folder)])
    context = (frozenset(), Limits(), ("en", "de", "ru", "vi"))
    events = [d.result for d in LocalEngine(2).map(ingest_task, [(p, None, None) for p in paths], context)]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        stored = sum(1 for e in events if write(store, e).kind == "stored")
        return {"engine": "writer alone", "seconds": time.perf_counter() - started, "docs": stored}


def projection(rows: list[dict], write_rate: float, workers: int = 32) -> list[str]:
    """Project a cluster of `workers` from the 1-worker Dask rate, the 2-worker scaling and the writer's rate."""
    one = next(r for r in rows if r["engine"] == "dask, 1 worker")
    two = next(r for r in rows if r["engine"] == "dask, 2 workers")
    per_worker = one["docs"] / one["seconds"]
    efficiency = min(1.0, (two["docs"] / two["seconds"]) / (2 * per_worker))
    scheduler = 1 / one["noop_per_task"]  # tasks/s that the scheduler and one client turn around, here
    lines = [f"per worker {per_worker:.1f} docs/s; 2-worker efficiency here {efficiency:.0%} (cores shared with others); "
             f"the writer stores {write_rate:,.0f} docs/s; the scheduler turns around {scheduler:,.0f} no-op tasks/s"]
    for label, scale in (("each worker on its own core", 1.0), ("at this machine's 2-worker efficiency", efficiency)):
        compute = per_worker * workers * scale
        limit = min(compute, write_rate, scheduler)
        bound = {compute: "the workers", write_rate: "the single writer", scheduler: "the scheduler's task rate"}[limit]
        lines.append(f"{workers} workers, {label}: extract {compute:,.0f} docs/s; projected {limit:,.0f} docs/s "
                     f"({limit * 3600:,.0f} an hour), bounded by {bound}; the writer is the bottleneck from "
                     f"{write_rate / (per_worker * scale):.0f} workers")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--noop-tasks", type=int, default=500)
    args = parser.parse_args()
    from pipeline.batch import warm_once

    warm_once(("en", "de", "ru", "vi"))  # the parent's rules, loaded before any clock, as every worker's are
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        build_corpus(folder, args.docs)
        rows = [local(folder, 1), local(folder, 2), dask(folder, 1, args.noop_tasks), dask(folder, 2, args.noop_tasks)]
        rows.append(writer(folder))
    base = rows[0]["docs"] / rows[0]["seconds"]
    print(f"{args.docs} documents; one run on a shared machine: compare ratios, not seconds")
    print(f"{'engine':<20} {'seconds':>8} {'docs/s':>8} {'vs local 1':>10}")
    for r in rows:
        rate = r["docs"] / r["seconds"]
        print(f"{r['engine']:<20} {r['seconds']:>8.1f} {rate:>8.1f} {rate / base:>9.2f}x")
    for r in rows[2:4]:
        print(f"{r['engine']}: cluster start-up {r['startup']:.1f} s, loading the rules on the workers {r['warm']:.1f} s; first task round trip {r['single_task'] * 1000:.0f} ms; "
              f"no-op task {r['noop_per_task'] * 1000:.1f} ms each in a stream")
    for workers, r in ((1, rows[2]), (2, rows[3])):
        local_row = rows[workers - 1]
        extra = (r["seconds"] - local_row["seconds"]) / max(1, r["docs"])
        print(f"dask vs local with {workers}: {extra * 1000:+.1f} ms per document")
    for line in projection(rows, rows[4]["docs"] / rows[4]["seconds"]):
        print(line)


if __name__ == "__main__":
    main()
