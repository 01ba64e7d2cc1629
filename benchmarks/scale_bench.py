"""Benchmark: what Docket costs as the corpus grows, each figure beside its baseline in the same run.

    python benchmarks/scale_bench.py                               # stages of 25,000, 50,000 and 100,000 reports
    python benchmarks/scale_bench.py --sizes 10000,30000           # what fits in a few minutes on a shared laptop
    python benchmarks/scale_bench.py --sizes 1000000 --keep /data/docket-1m.db --sample 0 --repeats 5
    python benchmarks/scale_bench.py --store /data/docket-5k.db --baseline /tmp/docket-main   # queries only, beside older code

The corpus is generated (benchmarks/scale_corpus.py): quarterly reports of the 63 provinces in four
languages, one in five also translated. One store grows through the stages; at each stage it
reports ingest docs/s and the peak memory of the ingesting process, link time (a hashing embedder,
so that linking alone is measured, as in link_bench.py), database bytes per report and the p95 of
every documented query filter, of `targets`, `timeline` and the export of one place, in process.

Baselines, since the machine is shared and absolute times move with its load: ingest per core is
compared with a bare langdetect + spaCy tokeniser pass over the same texts (ingest_bench.py's child
processes, on --sample reports), two workers with one; link time with its own growth exponent; a
query with the cheapest read the store answers (one sentence by key with its records). With --store, only
the queries of an existing store are measured, each on its own copy of it; with --baseline (a checkout of
older Docket code, whose schema the store must be at), that code answers the same queries in child
processes taking turns with this one's, and each row gives both p95s, their ratio and whether the two
answers are the same (a digest of what each returned).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET_MS = 50.0


def write_corpus(folder: Path, n: int) -> list[Path]:
    """Write n generated reports as .txt files, numbered so that sorted order is generation order."""
    from scale_corpus import reports

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (name, _lang, text) in enumerate(reports(n)):
        path = folder / f"{i:07}-{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_child(db: str, list_file: str, workers: int) -> None:
    """Ingest the listed files into db in this process and print seconds, stored documents and peak memory."""
    from pipeline.batch import run
    from pipeline.detect import detect_language
    from pipeline.extract import warm_up
    from pipeline.store import Store

    detect_language("warm up")
    warm_up()
    paths = Path(list_file).read_text(encoding="utf-8").splitlines()
    store = Store(db)
    started = time.perf_counter()
    stored = sum(1 for e in run(store, paths, workers=workers) if e.kind == "stored")
    seconds = time.perf_counter() - started
    store.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "stored": stored, "peak_mb": own, "child_peak_mb": child}))


def ingest(db: Path, paths: list[Path], workers: int, tmp: Path) -> dict:
    """Ingest paths into db in a child process, so that its peak memory is its own."""
    list_file = tmp / "paths.txt"
    list_file.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    out = subprocess.run([sys.executable, __file__, "--child-build", str(db), str(list_file), str(workers)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ingest_ratios(paths: list[Path], tmp: Path) -> None:
    """Print Docket's ingest beside a bare langdetect + spaCy pass over the same texts, 1 and 2 workers."""
    import ingest_bench

    folder = tmp / "sample"
    folder.mkdir()
    for p in paths:
        (folder / p.name).write_bytes(p.read_bytes())
    bare = ingest_bench.measure("bare", folder)
    one = ingest_bench.measure("docket", folder, 1)
    two = ingest_bench.measure("docket", folder, 2)
    n = len(paths)
    print(f"ingest of {n} reports: bare models {n / bare['seconds']:.0f} docs/s; Docket 1 process {n / one['seconds']:.0f} "
          f"docs/s = {one['seconds'] / bare['seconds']:.2f}x the bare pass's time (target <= 1.5), peak "
          f"{one['peak_mb']:.0f} MB; 2 workers {n / two['seconds']:.0f} docs/s = {one['seconds'] / two['seconds']:.2f}x "
          f"one process (peak {two['peak_mb']:.0f} MB main + {two['child_peak_mb']:.0f} MB largest worker)", flush=True)


def link_once(db: Path) -> tuple[float, int]:
    """Link the store with the hashing embedder (embedding what is new), then again timed: linking alone."""
    from link_bench import HashingEmbedder

    from pipeline.link import link
    from pipeline.store import Store

    store = Store(db)
    link(store, HashingEmbedder())
    started = time.perf_counter()
    summary = link(store, HashingEmbedder())
    seconds = time.perf_counter() - started
    store.close()
    return seconds, summary.sentences


def p95_ms(call: Callable[[], object], repeats: int) -> tuple[float, int, str, float]:
    """Run call once to warm up, then repeats times; return the 95th percentile in ms, the answer's size and digest,
    and the 95th percentile of the process's CPU time in ms (what the call costs, less the waits of a shared machine)."""
    answer = call()
    times, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    size = len(answer) if hasattr(answer, "__len__") else int(answer)  # type: ignore[arg-type]
    digest = hashlib.sha256(json.dumps(answer, default=str, ensure_ascii=False).encode()).hexdigest()[:12]
    return percentile(times, 0.95), size, digest, percentile(cpu, 0.95)


def percentile(values: list[float], q: float) -> float:
    """Return the q-th quantile of values (the nearest rank)."""
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)]


def query_calls(store, place: str, limit: int) -> dict[str, Callable[[], object]]:
    """Return every documented query of one store, as the CLI makes it, by name."""
    from pipeline import api
    from pipeline.report import series, series_lines

    def q(**filters) -> Callable[[], object]:
        return lambda: api.query(store, api.Filters(limit=limit, **filters))[0]

    first = store.db.execute("SELECT document_id, idx FROM sentences LIMIT 1").fetchone()
    return {
        "baseline: one sentence by key": lambda: [store.sentence_hit(*first)],
        "query --agency police": q(agency="police"),
        "query --unit model": q(unit="model"),
        "query --status completed": q(status="completed"),
        "query --due-before 2025-06-30": q(due_before="2025-06-30"),
        "query --due-after 2027-01-01": q(due_after="2027-01-01"),
        "query --lang ru": q(lang="ru"),
        f"query --place {place!r}": q(place=place),
        "query --search portal": q(search="portal"),
        "query --agency police --due-before 2026-12-31": q(agency="police", due_before="2026-12-31"),
        "query --unit task --status completed --lang ru": q(unit="task", status="completed", lang="ru"),
        f"query --place {place!r} --unit model": q(place=place, unit="model"),
        f"query --place {place!r} (no limit)": lambda: api.query(store, api.Filters(place=place))[0],
        f"targets --place {place!r}": lambda: series_lines(series(store, place=place)),
        f"timeline --place {place!r} (series)": lambda: series(store, place=place),
        f"export --place {place!r}": export_call(store, place),
    }


def export_call(store, place: str) -> Callable[[], object]:
    """Return the export of one place (the whole export on a Docket from before the place filter, for comparison)."""
    import inspect
    import io

    from pipeline.export import write_jsonl

    def export(**place_filter) -> list[str]:
        out = io.StringIO()
        write_jsonl(store, out, **place_filter)
        return out.getvalue().splitlines()  # one line a document

    if "place" in inspect.signature(write_jsonl).parameters:
        return lambda: export(place=place)
    return lambda: export()


def measure_queries(db: Path, repeats: int, limit: int) -> list[tuple[str, float, int, str, float]]:
    """Return (name, p95 ms, answer size, answer digest, CPU p95 ms) of every documented query on the store."""
    from pipeline.store import Store

    store = Store(db)
    # the same place at every stage: the first by name (a province reports every quarter, so its answers grow with the store)
    place = store.db.execute("SELECT MIN(place) FROM documents").fetchone()[0]
    out = [(name, *p95_ms(call, repeats)) for name, call in query_calls(store, place, limit).items()]
    store.close()
    return out


def database_bytes(db: Path) -> int:
    """Return the size of the database after a WAL checkpoint."""
    from pipeline.store import Store

    store = Store(db)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return db.stat().st_size


def stage(db: Path, paths: list[Path], done: int, size: int, args: argparse.Namespace, tmp: Path) -> dict:
    """Grow the store to size reports and measure it; return the stage's figures."""
    built = ingest(db, paths[done:size], args.workers, tmp)
    link_s, sentences = link_once(db)
    row = {"size": size, "ingest_docs_s": built["stored"] / built["seconds"], "peak_mb": built["peak_mb"],
           "worker_mb": built["child_peak_mb"], "link_s": link_s, "sentences": sentences,
           "bytes_per_report": database_bytes(db) / size, "queries": measure_queries(db, args.repeats, args.limit)}
    print(f"\n{size} reports ({sentences} sentences): ingest of the last {size - done} at {row['ingest_docs_s']:.0f} docs/s "
          f"with {args.workers} workers, peak {row['peak_mb']:.0f} MB main + {row['worker_mb']:.0f} MB largest worker; "
          f"link {link_s:.2f} s; {row['bytes_per_report'] / 1024:.1f} KB of database per report; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    base = row["queries"][0][1]
    for name, ms, answer, _, _ in row["queries"]:
        flag = "" if ms < TARGET_MS else "  <- over the 50 ms target"
        print(f"  {name:<55} p95 {ms:8.1f} ms  ({ms / base:6.1f}x baseline; {answer} rows){flag}", flush=True)
    return row


def copy_store(db: Path, to: Path) -> Path:
    """Copy a store (with what its WAL holds) through SQLite's backup, without migrating it."""
    src, dst = sqlite3.connect(db), sqlite3.connect(to)
    src.backup(dst)
    src.close()
    dst.close()
    return to


def child_queries(db: str, code: str, repeats: int, limit: int) -> list:
    """Measure the queries of db in a child process running the Docket code in folder code."""
    out = subprocess.run([sys.executable, __file__, "--child-queries", db, code, "--repeats", str(repeats),
                          "--limit", str(limit)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(db: Path, baseline: Path | None, args: argparse.Namespace, tmp: Path) -> None:
    """Measure the queries of an existing store with this code (and the baseline's, taking turns), on copies of it.

    Each code runs --rounds times, alternating, and keeps each query's lowest p95: the machine's load moves
    between rounds, and a query is as fast as its least disturbed round says.
    """
    codes = {"this": ROOT} if baseline is None else {"baseline": baseline.resolve(), "this": ROOT}
    copies = {name: copy_store(db, tmp / f"{name}.db") for name in codes}
    best: dict[str, dict[str, list]] = {name: {} for name in codes}
    for _ in range(args.rounds):
        for name, code in codes.items():
            for query, ms, size, digest, cpu in child_queries(str(copies[name]), str(code), args.repeats, args.limit):
                held = best[name].get(query)
                best[name][query] = [min(ms, held[0]), size, digest, min(cpu, held[3])] if held else [ms, size, digest, cpu]
    reports = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    print(f"\n{db} ({reports} reports): p95 of wall time (CPU time of the process), ms, the lowest of "
          f"{args.rounds} rounds; load average {os.getloadavg()[0]:.1f}", flush=True)
    for query, (ms, size, digest, cpu) in best["this"].items():
        flag = "" if ms < TARGET_MS else "  <- over the 50 ms target"
        if baseline is None:
            print(f"  {query:<55} {ms:7.1f} ({cpu:6.1f}) ms  ({size} rows){flag}")
            continue
        old_ms, old_size, old_digest, old_cpu = best["baseline"][query]
        same = "same answer" if digest == old_digest else f"DIFFERENT answer ({old_size} rows before)"
        print(f"  {query:<55} {old_ms:7.1f} ({old_cpu:6.1f}) -> {ms:7.1f} ({cpu:6.1f}) ms  x{old_ms / ms:5.1f} "
              f"(CPU x{old_cpu / max(cpu, 0.01):5.1f}); {size} rows, {same}{flag}")


def growth(rows: list[dict], key: str, by: str) -> float:
    """Return the exponent of key's growth with by, from the first stage to the last."""
    a, b = rows[0], rows[-1]
    return math.log(b[key] / a[key]) / math.log(b[by] / a[by])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000", help="store sizes in reports, one stage each")
    parser.add_argument("--workers", type=int, default=2, help="ingest workers while the store grows")
    parser.add_argument("--sample", type=int, default=1000, help="reports for the ingest ratios (0: skip)")
    parser.add_argument("--repeats", type=int, default=20, help="runs of each query for its p95")
    parser.add_argument("--limit", type=int, default=100, help="--limit of the query filters (one page)")
    parser.add_argument("--keep", help="build the store here and keep it (default: a temporary folder)")
    parser.add_argument("--store", type=Path, help="measure the queries of this existing store only (on a copy)")
    parser.add_argument("--baseline", type=Path, help="with --store: a checkout of older Docket code to measure beside this one")
    parser.add_argument("--rounds", type=int, default=3, help="with --store: turns each code takes (each query keeps its best)")
    parser.add_argument("--child-build", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-queries", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        build_child(args.child_build[0], args.child_build[1], int(args.child_build[2]))
        return
    if args.child_queries:
        sys.path.insert(0, args.child_queries[1])  # this code's pipeline, before anything imports one
        print(json.dumps(measure_queries(Path(args.child_queries[0]), args.repeats, args.limit)))
        return
    if args.store:
        with tempfile.TemporaryDirectory() as tmp_name:
            compare(args.store, args.baseline, args, Path(tmp_name))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"scale benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}: times move with the load; compare the ratios", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        paths = write_corpus(tmp / "corpus", max(sizes))
        if args.sample:
            ingest_ratios(paths[:args.sample], tmp)
        db = Path(args.keep) if args.keep else tmp / "scale.db"
        rows, done = [], 0
        for size in sizes:
            rows.append(stage(db, paths, done, size, args, tmp))
            done = size
    if len(rows) >= 2:
        print(f"\ngrowth from {rows[0]['size']} to {rows[-1]['size']} reports: link time ~ sentences^"
              f"{growth(rows, 'link_s', 'sentences'):.2f} (target <= 1.1); ingest docs/s "
              f"{rows[-1]['ingest_docs_s'] / rows[0]['ingest_docs_s']:.2f}x the first stage's")
        for i, (name, *_) in enumerate(rows[0]["queries"]):
            first, last = rows[0]["queries"][i][1], rows[-1]["queries"][i][1]
            print(f"  {name:<55} p95 x{last / first:.2f}")


if __name__ == "__main__":
    main()
