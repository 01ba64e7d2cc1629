"""A report as PDF yields the same records as its text: development reports laid out as PDFs at test time.

The PDFs are made in tmp_path from ../shared (never stored in the repository) with the layouts of
tests/pdfmaker.py: narrow justified paragraphs, hyphenated words, a running header, page numbers
and two-column pages. Skipped where ../shared is not beside the project.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

from .conftest import SHARED
from .pdfmaker import render_report

DEV = SHARED / "corpora" / "dev"
GOLD = SHARED / "eval" / "gold" / "dev"
SCORE = SHARED / "eval" / "score.py"
pytestmark = pytest.mark.skipif(not (DEV.is_dir() and GOLD.is_dir() and SCORE.is_file()),
                                reason="../shared/corpora/dev is not beside the project")


def chosen_reports() -> list[Path]:
    """Return two reports of each language with the most gold records, and the longest report."""
    by_lang: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        records = len(gold["counts"]) + len(gold["deadlines"]) + len(gold["agencies"])
        by_lang.setdefault(gold["language"], []).append((records, gold["document"]))
    names = {name for found in by_lang.values() for _, name in sorted(found, reverse=True)[:2]}
    names.add(max(DEV.glob("*.txt"), key=lambda p: p.stat().st_size).name)
    return [DEV / name for name in sorted(names)]


def scores(inputs: list[Path], gold: Path, work: Path, *options: str) -> dict:
    """Ingest files (with ingest's options) into a fresh database, export it and return score.py's scores against gold."""
    db, out = str(work / "docket.db"), work / "out.jsonl"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db, "ingest", "--no-link", "-q", *options, *map(str, inputs)], obj={})
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["--db", db, "export", "-o", str(out)], obj={}).exit_code == 0
    scored = subprocess.run([sys.executable, str(SCORE), str(out), str(gold), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(scored.stdout)


def test_a_report_as_pdf_yields_the_records_of_its_text(tmp_path: Path) -> None:
    reports = chosen_reports()
    gold, pdfs, as_text, as_pdf = (tmp_path / d for d in ("gold", "pdf", "text-run", "pdf-run"))
    for folder in (gold, pdfs, as_text, as_pdf):
        folder.mkdir()
    for variant, report in enumerate(reports):
        shutil.copy(GOLD / f"{report.stem}.json", gold)
        render_report(report, pdfs, variant)  # each report in another layout: footers, indents, columns
    text_scores = scores(reports, gold, as_text)
    pdf_scores = scores(sorted(pdfs.glob("*.pdf")), gold, as_pdf)
    assert not pdf_scores["missing"]
    assert text_scores["scores"].keys() == pdf_scores["scores"].keys()
    for field, scored in text_scores["scores"].items():  # counts, deadlines, agencies; overall and per language
        assert abs(pdf_scores["scores"][field]["f1"] - scored["f1"]) <= 0.02, (field, scored, pdf_scores["scores"][field])
