"""Scanned PDFs: skipped with a reason that says how to enable OCR; with --ocr, a scanned rendering of a
development report yields the records of its text.

The scans are made in tmp_path at test time: a report from ../shared is laid out as a PDF by
tests/pdfmaker.py, each page rasterised at 300 dpi by pypdfium2 (pdfplumber's own renderer) and the
images wrapped into a PDF without text by Pillow. Nothing of ../shared is stored in the repository.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import ocr
from pipeline.cli import cli
from pipeline.store import Store

from .conftest import make_pdf
from .pdfmaker import render_report
from .test_pdf_dev import DEV, GOLD, SCORE, scores

ONE_PAGE = 2_500  # characters: reports that fit on one page keep the test to four pages of OCR
CLOSE = 0.10  # how far an F1 on the scans may fall from the F1 on the texts


def scan(pdf: Path, target: Path, dpi: int = 300) -> Path:
    """Rasterise every page of pdf and write the images as a PDF without a text layer, dated 1970 as pdfmaker dates."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    document.close()
    epoch = time.gmtime(0)  # 1970-01-01, a date Docket finds implausible: the scan carries no more date than the text
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:],
                   title="", creationDate=epoch, modDate=epoch)
    return target


def one_report_per_language() -> list[Path]:
    """Return, for each language, the one-page development report with the most gold records."""
    best: dict[str, tuple[int, str]] = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if (DEV / gold["document"]).stat().st_size > ONE_PAGE:
            continue
        records = len(gold["counts"]) + len(gold["deadlines"]) + len(gold["agencies"])
        best[gold["language"]] = max(best.get(gold["language"], (-1, "")), (records, gold["document"]))
    return [DEV / name for _, name in sorted(best.values(), key=lambda found: found[1])]


def skipped_reason(db_path: str, pdf: Path, *options: str) -> str:
    """Ingest pdf and return the reason it was skipped with."""
    result = CliRunner().invoke(cli, ["--db", db_path, "ingest", "--no-link", "-q", *options, str(pdf)], obj={})
    assert result.exit_code == 1, result.output
    store = Store(db_path)
    try:
        return store.db.execute("SELECT reason FROM skipped WHERE path = ?", [str(pdf)]).fetchone()[0]
    finally:
        store.close()


def test_without_ocr_a_scan_is_skipped_with_how_to_enable_it(tmp_path: Path, db_path: str) -> None:
    pdf = make_pdf(tmp_path / "scan.pdf", [[], []])
    reason = skipped_reason(db_path, pdf)
    assert reason.startswith("no text layer in 2 page(s)")
    assert "run with --ocr" in reason and "apt-get install tesseract-ocr" in reason


def test_with_ocr_and_no_tesseract_the_reason_names_what_is_missing(tmp_path: Path, db_path: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda program: None)  # this machine as one without Tesseract
    pdf = make_pdf(tmp_path / "scan.pdf", [[]])
    reason = skipped_reason(db_path, pdf, "--ocr")
    assert "OCR cannot run" in reason and "\n" not in reason
    assert ("Tesseract is not installed (apt-get install tesseract-ocr" in reason
            or "ocrmypdf is not installed (pip install 'docket[ocr]')" in reason)


@pytest.mark.skipif(ocr.missing() is not None, reason=f"OCR cannot run here: {ocr.missing()}")
@pytest.mark.skipif(not (DEV.is_dir() and GOLD.is_dir() and SCORE.is_file()),
                    reason="../shared/corpora/dev is not beside the project")
def test_a_scanned_report_scores_close_to_its_text(tmp_path: Path) -> None:
    reports = one_report_per_language()
    gold, laid_out, scans, as_text, as_scan = (tmp_path / d for d in ("gold", "pdf", "scan", "text-run", "scan-run"))
    for folder in (gold, laid_out, scans, as_text, as_scan):
        folder.mkdir()
    for variant, report in enumerate(reports):
        shutil.copy(GOLD / f"{report.stem}.json", gold)
        scan(render_report(report, laid_out, variant), scans / f"{report.stem}.pdf")
    text_scores = scores(reports, gold, as_text)
    scan_scores = scores(sorted(scans.glob("*.pdf")), gold, as_scan, "--ocr")
    store = Store(str(as_scan / "docket.db"))
    assert {d["format"] for d in store.iter_documents()} == {"pdf-ocr"}  # marked as recognised text
    store.close()
    assert not scan_scores["missing"]
    print(f"\nOCR against text on {', '.join(r.name for r in reports)} (F1):")
    for field, scored in text_scores["scores"].items():  # counts, deadlines, agencies; overall and per language
        print(f"  {field:24} text {scored['f1']:.3f}  scan {scan_scores['scores'][field]['f1']:.3f}")
    for field, scored in text_scores["scores"].items():
        assert abs(scan_scores["scores"][field]["f1"] - scored["f1"]) <= CLOSE, (field, scored, scan_scores["scores"][field])


@pytest.mark.skipif(ocr.missing() is not None, reason=f"OCR cannot run here: {ocr.missing()}")
def test_after_ocr_the_command_still_prints_its_lines(tmp_path: Path, db_path: str) -> None:
    """OCRmyPDF left stderr redirected to its own buffer: the skip line and the summary vanished."""
    import subprocess
    import sys

    from .conftest import ROOT

    folder = tmp_path / "scans"
    folder.mkdir()
    make_pdf(folder / "blank-scan.pdf", [[]])
    (folder / "note.txt").write_text("The Provincial Police completed 12 of 40 pilot models.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "--db", db_path, "ingest", "--no-link", "--ocr",
                          str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 1
    assert "skipped " in run.stderr and "blank-scan.pdf" in run.stderr
    assert "1 document stored" in run.stderr and "1 skipped" in run.stderr
