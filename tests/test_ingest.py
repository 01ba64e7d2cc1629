"""ingest.py: files to Documents, every encoding a real file comes in, and every bad input."""

from __future__ import annotations

import errno
import os
import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import (BinaryFile, CorruptFile, EmptyFile, EncryptedFile, FileTooLarge, NoTextLayer,
                             UnreadableFile, UnsupportedFormat)
from pipeline.ingest import document_id, iter_paths, read_document, set_max_bytes

from .conftest import SAMPLE, make_pdf

RU = "Провинция выполнила 23/25 задач Проекта 06."
DE = "Die Provinzpolizei hat 6 von 38 Modellen fertiggestellt; Prüfung läuft."
VI = "Tỉnh đã hoàn thành 22/25 dịch vụ công thiết yếu."


@pytest.mark.parametrize("text, encoding", [
    (RU, "utf-8"), (RU, "utf-8-sig"), (RU, "utf-16"), (RU, "cp1251"), (DE, "latin-1"), (DE, "cp1252"), (VI, "utf-8"),
])
def test_text_in_any_common_encoding_reads_back_exactly(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(((text + "\n") * 5).encode(encoding))
    assert read_document(path).text.strip().splitlines()[0] == text


def test_vietnamese_nfd_is_stored_as_nfc_and_gets_the_same_id(tmp_path: Path) -> None:
    nfc, nfd = tmp_path / "nfc.txt", tmp_path / "nfd.txt"
    nfc.write_text(VI, encoding="utf-8")
    nfd.write_text(unicodedata.normalize("NFD", VI), encoding="utf-8")
    a, b = read_document(nfc), read_document(nfd)
    assert a.text == b.text == VI
    assert a.id == b.id == document_id(VI)


def test_html_keeps_the_article_and_drops_menus_scripts_and_footer() -> None:
    doc = read_document(SAMPLE / "lai-chau-2025-10-digital.en.html")
    assert "41 tasks have been completed" in doc.text
    for noise in ("Privacy", "analytics", "console.log", "Economy"):
        assert noise not in doc.text
    assert doc.title.startswith("Lai Chau steering committee")
    assert doc.url == "https://example.org/news/lai-chau-steering-committee-2025-10"


def test_markdown_is_read_without_its_marks(tmp_path: Path) -> None:
    """Evidence, tooltips and titles show the report's words, not '# ' and '**' around them."""
    path = tmp_path / "report.md"
    path.write_text("# Ha Tinh: 21 von 30 **Pilotmodellen** abgeschlossen\n\n"
                    "Am 26. September 2024 hielt [das Provinzvolkskomitee](https://example.org/ubnd) eine *Konferenz* ab.\n\n"
                    "- Die Provinzpolizei hat 12 von 40 Modellen fertiggestellt.\n"
                    "- Das Datenzentrum folgt bis `31.12.2024`.\n\n"
                    "| Aufgabe | Stand |\n|---|---|\n| Personenstandsakten | 2.000 |\n", encoding="utf-8")
    document = read_document(path)
    assert document.title == "Ha Tinh: 21 von 30 Pilotmodellen abgeschlossen"
    assert document.text.startswith("Ha Tinh: 21 von 30 Pilotmodellen abgeschlossen\n\nAm 26. September 2024 hielt "
                                    "das Provinzvolkskomitee eine Konferenz ab.\n\n")
    assert "Die Provinzpolizei hat 12 von 40 Modellen fertiggestellt." in document.text
    assert "Personenstandsakten | 2.000" in document.text
    assert not any(mark in document.text for mark in ("#", "**", "](", "`", "|---"))


def test_pdf_reads_every_page_in_order(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "plan.pdf", [["First page: 45 tasks."], ["Second page: by June 30, 2025."]])
    text = read_document(path).text
    assert text.index("45 tasks") < text.index("June 30, 2025")


def test_pdf_lines_wrapped_inside_a_sentence_are_joined(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "wrapped.pdf", [["The province completed 45", "tasks and the imple-", "mentation of 12 models.",
                                                "Next sentence here."]])
    text = read_document(path).text
    # the last two lines are as long as the others: nothing on the page says a paragraph ends between them
    assert " ".join(text.split()).endswith("completed 45 tasks and the implementation of 12 models. Next sentence here.")


def test_source_url_is_read_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Report text.\nQuelle: https://baobacgiang.vn/some-article-postid420595.bbg\n", encoding="utf-8")
    assert read_document(path).url == "https://baobacgiang.vn/some-article-postid420595.bbg"


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, type, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_text("   \n\n  ", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    unsupported = tmp_path / "report.docx"
    unsupported.write_bytes(b"PK\x03\x04 not really")
    good = make_pdf(tmp_path / "good.pdf", [["Some text on a page."] * 20])
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n this is not a pdf body at all")
    encrypted = make_pdf(tmp_path / "locked.pdf", [["Secret plan"]], encrypt="s3cret")
    scan = make_pdf(tmp_path / "scan.pdf", [[], []])
    return {
        "empty": (empty, EmptyFile, "empty"),
        "blank": (blank, EmptyFile, "no text"),
        "binary": (binary, BinaryFile, "binary"),
        "unsupported": (unsupported, UnsupportedFormat, "no reader for '.docx'"),
        "truncated": (truncated, CorruptFile, "damaged or truncated"),
        "garbage": (garbage, CorruptFile, "damaged or truncated"),
        "encrypted": (encrypted, EncryptedFile, "encrypted"),
        "scan": (scan, NoTextLayer, "no text layer"),
    }


@pytest.mark.parametrize("case", ["empty", "blank", "binary", "unsupported", "truncated", "garbage", "encrypted", "scan"])
def test_bad_input_raises_a_skip_naming_the_file_and_reason(tmp_path: Path, case: str) -> None:
    path, error, reason = bad_inputs(tmp_path)[case]
    with pytest.raises(error) as caught:
        read_document(path)
    message = str(caught.value)
    assert str(path) in message and reason in message
    assert "\n" not in message


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: a read would show in memory, a stat does not
    with pytest.raises(FileTooLarge, match="50.*MB is over the 20 MB limit"):
        read_document(path)


def test_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Provincial Police completed 6 models.\n" * 40_000, encoding="utf-8")
    set_max_bytes(1024)
    try:
        with pytest.raises(FileTooLarge):
            read_document(path)
        set_max_bytes(10 * 1024 * 1024)
        assert read_document(path).text.count("6 models") == 40_000
    finally:
        set_max_bytes(20 * 1024 * 1024)


def test_unreadable_file_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("text", encoding="utf-8")

    def refuse(file: object, flags: int, *args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(file))

    monkeypatch.setattr(os, "open", refuse)  # root reads every file, so the refusal is simulated
    with pytest.raises(UnreadableFile, match="permission denied"):
        read_document(path)


def test_symlink_loops_are_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("ok", encoding="utf-8")
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    sub = tmp_path / "sub"
    sub.mkdir()
    os.symlink(tmp_path, sub / "up")  # a folder that contains its own parent
    items = list(iter_paths([str(tmp_path)]))
    files = [i for i in items if isinstance(i, Path)]
    skips = [i for i in items if not isinstance(i, Path)]
    assert [f.name for f in files] == ["good.txt"]
    assert sorted(s.reason for s in skips) == ["symlink loop", "symlink loop", "symlink loop (folder already visited)"]


def test_globs_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b.md").write_text("b", encoding="utf-8")
    found = list(iter_paths([str(tmp_path / "*.txt"), str(tmp_path / "missing.pdf")]))
    assert found[0] == tmp_path / "a.txt"
    assert isinstance(found[1], UnreadableFile) and "no such file" in found[1].reason
