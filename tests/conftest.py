"""Shared fixtures: sample paths, a temporary database, tiny PDFs made in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "sample"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def no_default_model(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, request) -> None:
    """Point the model folder at an empty one, so that only tests marked `model` load the real model."""
    if request.node.get_closest_marker("model") is None:
        monkeypatch.setenv("DOCKET_MODELS", str(tmp_path_factory.mktemp("no-models")))


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "docket.db")


def make_pdf(path: Path, pages: list[list[str]], encrypt: str | None = None) -> Path:
    """Write a PDF with one text line per entry; an empty page list entry gives a page with no text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= 18
        if not lines:
            c.rect(100, 100, 300, 300, fill=1)  # a page with a picture and no text, like a scan
        c.showPage()
    c.save()
    return path
