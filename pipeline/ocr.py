"""Scanned PDFs: OCRmyPDF runs Tesseract over the pages into a temporary PDF, which is then read like any PDF.

Only used with `docket ingest --ocr`, and only for a PDF that has no text layer at all. OCRmyPDF is an
optional extra (`pip install 'docket[ocr]'`); Tesseract and its language data are system programs.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import NoTextLayer

# the languages of the reports, in the order Tesseract weighs them; those installed are used
LANGUAGES = ("vie", "rus", "deu", "eng")
# Tesseract's limit per page; a page that takes longer is left without text (OCRmyPDF warns and goes on)
PAGE_TIMEOUT_S = 120.0
INSTALL_TESSERACT = "apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-rus tesseract-ocr-deu tesseract-ocr-eng"
INSTALL_OCRMYPDF = "pip install 'docket[ocr]'"

Read = tuple[str, "str | None", "str | None", "str | None"]


def installed_languages() -> list[str]:
    """Return the report languages whose Tesseract data is installed, in LANGUAGES order; none without Tesseract."""
    if shutil.which("tesseract") is None:
        return []
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    have = {line.strip() for line in listed.splitlines()[1:]}  # the first line says where the data lives
    return [lang for lang in LANGUAGES if lang in have]


def missing() -> str | None:
    """Say what OCR still needs on this machine (one line), or None when it can run."""
    if importlib.util.find_spec("ocrmypdf") is None:
        return f"ocrmypdf is not installed ({INSTALL_OCRMYPDF})"
    if shutil.which("tesseract") is None:
        return f"Tesseract is not installed ({INSTALL_TESSERACT})"
    if not installed_languages():
        return f"Tesseract has no data for {', '.join(LANGUAGES)} ({INSTALL_TESSERACT})"
    return None


def read_scanned(path: Path, name: str) -> Read:
    """Recognise a scanned PDF's text and read it like a PDF: text, title, URL, published."""
    from .ingest import read_pdf  # ingest calls this module: import at call time

    lack = missing()
    if lack:
        raise NoTextLayer(name, f"a scan, and OCR cannot run: {lack}")
    languages = installed_languages()
    with tempfile.TemporaryDirectory(prefix="docket-ocr-") as tmp:
        recognised = Path(tmp) / "recognised.pdf"
        recognise(path, recognised, languages, name)
        try:
            text, _, url, _ = read_pdf(recognised, name)
        except NoTextLayer as exc:
            raise NoTextLayer(name, "OCR found no text in the scan") from exc
    # title and date from the original: OCRmyPDF stamps its output with today's date where the scan had none
    title, published = original_metadata(path)
    return text, title, url, published


def recognise(source: Path, target: Path, languages: list[str], name: str) -> None:
    """Run OCRmyPDF over source into target, a PDF with a text layer; raise NoTextLayer naming the failure."""
    import ocrmypdf
    from ocrmypdf.exceptions import ExitCodeException

    # OCRmyPDF logs every page at INFO and font notes at WARNING; the CLI reports one line per file
    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    streams = sys.stdout, sys.stderr  # OCRmyPDF may leave them redirected to its own buffer: every later line was lost
    try:
        ocrmypdf.ocr(source, target, language=languages, output_type="pdf", skip_text=True, optimize=0, deskew=True,
                     progress_bar=False, tesseract_timeout=PAGE_TIMEOUT_S,
                     # threads, not processes: a batch worker is a daemon process and may not have children
                     use_threads=True, jobs=1)
    except ExitCodeException as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise NoTextLayer(name, f"OCR failed ({type(exc).__name__}: {detail})") from exc
    finally:
        sys.stdout, sys.stderr = streams


def original_metadata(path: Path) -> tuple[str | None, str | None]:
    """Return the title and the CreationDate (as an ISO date, when plausible) of a PDF."""
    import pdfplumber

    from .ingest import pdf_date

    with pdfplumber.open(path) as pdf:
        metadata = pdf.metadata or {}
    title = metadata.get("Title") or None
    if isinstance(title, bytes):
        title = title.decode("utf-8", errors="replace")
    return title, pdf_date(metadata)
