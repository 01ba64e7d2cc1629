"""Hostile input, as an attacker would try it: each case is a regression test with the reason it must print."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import BinaryFile, FileTooLarge, UnreadableFile
from pipeline.export import write_jsonl
from pipeline.ingest import read_document, set_max_pages
from pipeline.records import Commitment, Count, Document, Extraction, Language, Sentence
from pipeline.store import Store

from .charts import spec_points
from .conftest import make_pdf

REPORT = ("On March 28, 2024, the Provincial People's Committee held a conference.\n"
          "So far 6 of 38 pilot models have been completed.\n"
          "The Provincial Police must finish 12 tasks by June 30, 2024.\n")


def run(db: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db, *args], obj={})


def in_time(call, seconds: float = 10.0):
    """Run call in a thread and fail, rather than hang the suite, when it does not return in time."""
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the test below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "did not return: it read from a pipe or a device"
    if "error" in box:
        raise box["error"]
    return box.get("value")


# -- files that are not what they say ---------------------------------------------------------


def test_a_few_nul_bytes_are_stripped_from_text(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(REPORT.encode("utf-8").replace(b"pilot", b"pi\x00lot", 1) + b"\x00\x00")
    document = read_document(path)
    assert "\x00" not in document.text and "6 of 38 pilot models" in document.text


def test_a_file_mostly_of_nul_bytes_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a" + bytes(range(256)) * 40)
    with pytest.raises(BinaryFile, match="looks binary"):
        read_document(path)


def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)  # nobody writes to it: a read would wait for ever
    with pytest.raises(UnreadableFile, match=r"not a regular file \(a named pipe\)"):
        in_time(lambda: read_document(pipe))


def test_a_device_is_not_read() -> None:
    with pytest.raises(UnreadableFile, match=r"not a regular file \(a character device\)"):
        in_time(lambda: read_document(Path("/dev/zero")))


def test_ingest_skips_a_pipe_in_a_folder_and_stores_the_rest(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    result = in_time(lambda: run(db_path, "ingest", "--no-link", str(folder)), 60)
    assert result.exit_code == 1
    assert "1 document stored, 0 already stored, 1 skipped; " in result.stderr
    assert "pipe.txt: not a regular file (a named pipe)" in result.stderr


def test_a_pdf_over_the_page_budget_is_refused_before_it_is_read(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "long.pdf", [["The Provincial Police completed 6 of 38 models."]] * 3)
    set_max_pages(2)
    try:
        with pytest.raises(FileTooLarge, match="3 pages is over the 2 page limit"):
            read_document(pdf)
    finally:
        set_max_pages(500)


# -- numbers JSON cannot carry ----------------------------------------------------------------


def extraction_with(values: list[float]) -> tuple[Document, Extraction]:
    text = "Counted: " + " ".join(f"n{i}" for i in range(len(values)))
    counts = tuple(Count(value=v, unit="task", text=f"n{i}", start=9 + 3 * i, end=11 + 3 * i, sentence=0)
                   for i, v in enumerate(values))
    commitment = Commitment(text=text, start=0, end=len(text), sentence=0, counts=tuple(range(len(values))))
    extraction = Extraction(sentences=(Sentence(0, 0, len(text), text),), counts=counts, commitments=(commitment,))
    return Document(id="f" * 16, source="numbers.txt", text=text, format="txt"), extraction


def test_a_number_out_of_range_is_never_stored_nor_exported_as_infinity() -> None:
    # a 400-digit number parses to inf; the export once wrote Infinity, which is not JSON
    store = Store(":memory:")
    document, extraction = extraction_with([5.0, float("inf"), float("nan"), 1e300, 7.0])
    store.save(document, Language("en", 1.0, True), extraction)
    rows = [r["value"] for r in store.db.query("SELECT value FROM counts ORDER BY idx")]
    assert rows == [5.0, 7.0]
    lines: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            lines.append(text)

    write_jsonl(store, Out())
    exported = json.loads("".join(lines), parse_constant=lambda name: pytest.fail(f"{name} in the export"))
    assert [c["value"] for c in exported["counts"]] == [5, 7]
    assert exported["commitments"][0]["counts"] == [0, 1]  # renumbered to the counts that were kept


def test_a_400_digit_number_in_a_report_exports_as_json(db_path: str, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(f"The Provincial Police completed {'9' * 400} tasks and 6 of 38 pilot models.\n", encoding="utf-8")
    assert run(db_path, "ingest", "--no-link", str(path)).exit_code == 0
    out = run(db_path, "export").stdout
    document = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in the export"))
    assert all(abs(c["value"]) <= 1e15 for c in document["counts"])


# -- command-line bounds ----------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["query", "--limit", "9223372036854775808"],
    ["query", "--limit", "0"],
    ["search", "x", "--limit", "99999999999999999999"],
    ["ingest", "x.txt", "--max-mb", "nan"],
    ["ingest", "x.txt", "--max-mb", "inf"],
    ["ingest", "x.txt", "--timeout-s", "-1"],
    ["ingest", "x.txt", "--max-pages", "0"],
    ["ingest", "x.txt", "--max-chars", "1e9"],
])
def test_every_bound_is_a_usage_error_not_a_traceback(db_path: str, args: list[str]) -> None:
    result = run(db_path, *args)
    assert result.exit_code == 2, result.output
    assert "Invalid value" in result.output and "Traceback" not in result.output


# -- names that would forge lines -------------------------------------------------------------


def test_a_file_name_cannot_forge_lines_in_messages_or_tables(db_path: str, tmp_path: Path) -> None:
    evil = tmp_path / "bad\nskipped etc-passwd: forged\x1b[2J.pdf"
    evil.write_bytes(b"not a pdf at all")
    result = run(db_path, "ingest", "--no-link", str(evil))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len([line for line in lines if line.startswith("skipped")]) == 1
    assert "\\n" in result.stderr and "\\x1b" in result.stderr and "\x1b" not in result.stderr
    table = run(db_path, "skipped", "--wide").stdout.splitlines()
    assert len(table) == 2 and "\x1b" not in table[1] and "bad\\n" in table[1]


# -- the same file, reached two ways, is one history ------------------------------------------


def test_one_file_from_two_working_directories_is_one_source(db_path: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(folder)
    assert run(db_path, "ingest", "--no-link", "r.txt").exit_code == 0
    (folder / "r.txt").write_text(REPORT.replace("6 of 38", "9 of 38"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(db_path, "ingest", "--no-link", "reports/../reports/r.txt").exit_code == 0
    store = Store(db_path)
    rows = store.documents()
    assert {r["source"] for r in rows} == {str((folder / "r.txt").resolve())}
    assert sorted(r["version"] for r in rows) == [1, 2]
    current = [c["value"] for row in store.query_records(unit="model") for c in row["counts"]]
    every = [c["value"] for row in store.query_records(unit="model", history=True) for c in row["counts"]]
    assert current == [9] and sorted(every) == [6, 9]
    store.close()


# -- HTML and Markdown say what they print, and link only to known files ------------------------

HOSTILE = "<script>alert(1)</script> | `code` [x](javascript:alert(2))"


@pytest.fixture
def hostile_db(db_path: str, tmp_path: Path) -> str:
    from pipeline.link import link

    from .fakes import FakeEmbedder, store_text
    from .test_link import MARCH_EN, SEPT_EN

    store = Store(db_path)
    store_text(store, MARCH_EN.replace("pilot models", "pilot models " + HOSTILE), "en", "javascript:alert(3)//a.txt")
    real = tmp_path / "reports" / "sept.en.txt"
    real.parent.mkdir()
    real.write_text(SEPT_EN, encoding="utf-8")
    store_text(store, SEPT_EN, "en", str(real))
    link(store, FakeEmbedder())
    store.close()
    return db_path


def test_the_html_timeline_escapes_what_it_prints_and_links_only_known_files(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "pages" / "t.html"
    assert run(hostile_db, "timeline", "--place", "Ha Tinh", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page  # printed, as text
    assert 'href="javascript' not in page and "href='javascript" not in page
    assert 'href="../reports/sept.en.txt"' in page  # the table's link, relative to the page's folder
    links = {p["link"] for p in spec_points(page)}
    assert links == {"../reports/sept.en.txt", None}  # and the chart's: "javascript:alert(3)//a.txt" links nowhere
    assert page.count("<script") == 4  # only the page's own: the spec, Vega, the table's filter, the chart


def test_markdown_tables_escape_markup(hostile_db: str) -> None:
    md = run(hostile_db, "targets", "--format", "md").stdout
    assert "javascript:alert(3)//a.txt" in md.replace("\\", "")  # the text is all there, as text
    assert "[x](" not in md and "<script>" not in md and " `code` " not in md
    for line in md.splitlines():
        assert line.replace("\\|", "").count("|") == md.splitlines()[0].count("|")  # no cell breaks its row


# -- texts longer than spaCy takes at once --------------------------------------------------------


def test_a_long_text_parsed_in_pieces_has_the_sentences_and_offsets_of_the_whole() -> None:
    from pipeline.extract.sentences import parse, pipeline, split_sentences

    text = (REPORT + "\n") * 5 + "One paragraph without a break " * 8  # every paragraph shorter than a piece
    whole = split_sentences(pipeline("en")(text))
    cut = split_sentences(parse("en", text, piece_chars=300))
    assert [(s.start, s.end) for s in cut] == [(s.start, s.end) for s in whole]
    assert all(text[s.start:s.end] == s.text for s in cut)


@pytest.mark.slow
def test_a_text_over_a_million_characters_is_extracted_not_refused(tmp_path: Path) -> None:
    # spaCy refuses texts over 1,000,000 characters (E088); the documented limit is 20 MB
    from pipeline.extract import Extractor

    text = "\n\n".join([REPORT] * 6000)
    assert len(text) > 1_000_000
    document = Document(id="l" * 16, source="long.txt", text=text, format="txt")
    extraction = Extractor()(document, Language("en", 1.0, True))
    assert len([c for c in extraction.counts if c.total == 38]) == 6000
    last = extraction.counts[-1]
    assert text[last.start:last.end] == last.text
