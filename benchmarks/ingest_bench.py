"""Benchmark: Docket's ingest against a bare pass of the same NLP models over the same text.

    python benchmarks/ingest_bench.py                  # 200, 400 and 800 documents, 1 and 2 workers
    python benchmarks/ingest_bench.py --sizes 200 --workers 2

The corpus is the sample corpus plus, where ../shared is beside the project, the development
reports, repeated as .txt files with a numbered last line so that each copy has its own id.
"Bare" is the NLP models alone over the same texts in one process: langdetect and spaCy's
tokeniser for the language (Docket's sentence marks are its own work and are not in it). "Docket" is the whole ingest:
walking the folder, reading and decoding, detection, the extraction rules, and writing SQLite.
Each measurement runs in its own process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def source_texts() -> list[str]:
    """Return the texts the corpus is built from."""
    from pipeline.ingest import read_document

    folders = [ROOT / "corpora" / "sample", ROOT.parent / "shared" / "corpora" / "dev"]
    return [read_document(p).text for f in folders if f.is_dir() for p in sorted(f.iterdir())]


def build_corpus(folder: Path, n: int) -> int:
    """Write n documents into folder; return their total word count."""
    texts = source_texts()
    words = 0
    for i in range(n):
        text = f"{texts[i % len(texts)]}\n(copy {i})\n"
        (folder / f"doc{i:05}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def peak_mb() -> tuple[float, float]:
    """Return the peak resident memory of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def measure_docket(folder: Path, workers: int) -> dict:
    from pipeline.batch import collect, run
    from pipeline.detect import detect_language
    from pipeline.extract import warm_up
    from pipeline.store import Store

    detect_language("warm up")  # langdetect loads its profiles on first use, in both passes before the clock
    warm_up()  # Docket's compiled rules are its models; loaded before the clock, as spaCy is in the bare pass
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        paths, _ = collect([str(folder)])
        started = time.perf_counter()
        stored = sum(1 for e in run(store, paths, workers=workers) if e.kind == "stored")
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "stored": stored}


def measure_bare(folder: Path) -> dict:
    from pipeline.detect import detect_language
    from pipeline.extract.sentences import pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    detect_language("warm up")
    for lang in ("en", "de", "ru", "vi"):
        pipeline(lang)
    started = time.perf_counter()
    for text in texts:
        lang = detect_language(text)
        if lang.supported:
            pipeline(lang.code).make_doc(text)
    return {"seconds": time.perf_counter() - started, "stored": len(texts)}


def child(args: argparse.Namespace) -> None:
    """Run one measurement in this process and print it as JSON."""
    folder = Path(args.folder)
    if args.mode == "bare":
        result = measure_bare(folder)
    else:
        result = measure_docket(folder, args.workers)
    own, largest_child = peak_mb()
    print(json.dumps({**result, "peak_mb": own, "child_peak_mb": largest_child}))


def measure(mode: str, folder: Path, workers: int = 1) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--folder", str(folder), "--workers", str(workers)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,400,800", help="corpus sizes in documents")
    parser.add_argument("--workers", default="1,2", help="Docket worker counts to measure")
    parser.add_argument("--child", choices=["bare", "docket"], dest="mode", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        args.workers = int(args.workers)
        child(args)
        return
    print(f"{'docs':>6} {'words':>9} {'run':<10} {'docs/s':>8} {'words/s':>9} {'ratio':>6} {'peak MB':>8} {'worker MB':>9}")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            words = build_corpus(folder, n)
            bare = measure("bare", folder)
            rows = [("bare", bare)] + [(f"docket w={w}", measure("docket", folder, int(w))) for w in args.workers.split(",")]
            for name, r in rows:
                ratio = bare["seconds"] / r["seconds"]
                worker = f"{r['child_peak_mb']:.0f}" if name.endswith(("=2", "=3", "=4")) else "-"
                print(f"{n:>6} {words:>9} {name:<10} {n / r['seconds']:>8.1f} {words / r['seconds']:>9.0f} {ratio:>6.2f} "
                      f"{r['peak_mb']:>8.0f} {worker:>9}")


if __name__ == "__main__":
    main()
