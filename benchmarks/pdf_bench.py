"""Benchmark: reading long PDFs, time per page and peak memory, with the layout reading of pipeline/pdftext.py.

    python benchmarks/pdf_bench.py                 # 10, 50 and 200 pages
    python benchmarks/pdf_bench.py --pages 400

The PDFs are laid out by tests/pdfmaker.py from the sample corpus's English and German reports
(two-column pages, hyphenation, header and footer), repeated to the wanted length. Each read runs
in its own process, so its peak memory is its own; the memory of a long PDF should stay near that
of a short one, because only each page's lines are kept once the page is read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

READ = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from pipeline.ingest import read_document
start = time.perf_counter()
text = read_document({path!r}).text
print(json.dumps({{"seconds": time.perf_counter() - start, "chars": len(text),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def paragraphs() -> list[str]:
    """Return the paragraphs of the sample corpus's text reports."""
    from pipeline.ingest import read_document

    found: list[str] = []
    for path in sorted((ROOT / "corpora" / "sample").glob("*.txt")) + sorted((ROOT / "corpora" / "sample").glob("*.md")):
        found += [line.strip() for line in read_document(path).text.splitlines() if line.strip()]
    return found


def make(folder: Path, pages: int) -> Path:
    """Write a PDF of about the given number of pages; return its path."""
    from tests.pdfmaker import Layout, lay_out, render_pdf

    layout = Layout(two_column_pages=frozenset(range(2, pages + 1, 3)))
    source = paragraphs()
    per_copy = max(1, len(lay_out(source, layout)))
    return render_pdf(folder / f"{pages}.pdf", source * max(1, pages // per_copy), layout)


def measure(path: Path) -> dict:
    """Read a PDF in a fresh process; return its seconds, characters and peak memory."""
    out = subprocess.run([sys.executable, "-c", READ.format(root=str(ROOT), path=str(path))],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 50, 200])
    args = parser.parse_args()
    import pdfplumber

    print(f"{'pages':>6} {'seconds':>8} {'ms/page':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for wanted in args.pages:
            path = make(Path(tmp), wanted)
            with pdfplumber.open(path) as pdf:
                pages = len(pdf.pages)
            result = measure(path)
            print(f"{pages:>6} {result['seconds']:>8.2f} {1000 * result['seconds'] / pages:>8.1f} {result['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
