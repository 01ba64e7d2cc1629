"""Properties of every reader and extractor on arbitrary input: no exception, offsets inside the text, linear work.

`make test` runs a few examples of each; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs many, and the
growth tests marked slow. Growth is measured by counting the function calls an extraction makes
(sys.setprofile), which is deterministic, and by the ratio of CPU times with a generous factor,
which sees work inside C (a regular expression rescanning a sentence) that no call count shows.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.errors import SkipFile
from pipeline.extract import Extractor
from pipeline.ingest import decode_bytes, read_document
from pipeline.records import Document, Language

# the default run (make test, CI) is derandomized: the same examples every time, so a red run is reproducible;
# `make fuzz` explores new examples
settings.register_profile("docket", max_examples=15, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "docket"))

# words of my own that the rules of each language look for: numbers, fractions, units, months, agencies
WORDS = {
    "en": ["of", "tasks", "pilot models", "completed", "by", "June 30, 2024", "Q3", "the Provincial Police",
           "Department of Justice", "at least", "%", "No.", "1,250", "2.5 million", "in progress"],
    "de": ["von", "Aufgaben", "Pilotmodelle", "abgeschlossen", "bis", "30. Juni 2024", "Provinzpolizei",
           "Justizamt", "mindestens", "1.139", "2,5 Mio.", "Nr.", "am 2. April", "%"],
    "ru": ["из", "задач", "пилотных моделей", "выполнено", "до", "30 июня 2024 года", "полиция провинции",
           "Департамент юстиции", "не менее", "2 852 992", "1,5 млн", "№", "%"],
    "vi": ["trên", "nhiệm vụ", "mô hình", "hoàn thành", "trước", "ngày 30/6/2024", "Công an tỉnh", "Sở Tư pháp",
           "ít nhất", "45,03%", "1,5 triệu", "Số", "quý III"],
}
SEPARATORS = [" ", " ", " ", "\n", "\n\n", ". ", ", ", "/", ": ", "; ", " (", ") "]
EXTRACT = Extractor()


def report_text(lang: str) -> st.SearchStrategy[str]:
    """Text made of a language's cue words, numbers and arbitrary characters, joined by punctuation."""
    piece = st.one_of(st.sampled_from(WORDS[lang]), st.integers(0, 10**7).map(str),
                      st.text(max_size=12), st.from_regex(r"\d{1,3}([.,  ]\d{3}){0,3}", fullmatch=True))
    return st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=60).map(
        lambda parts: "".join(a + b for a, b in parts))


def extract(text: str, lang: str):
    return EXTRACT(Document(id="p" * 16, source="p.txt", text=text, format="txt"), Language(lang, 1.0, True))


def check_offsets(text: str, extraction) -> None:
    """Every record's span lies inside the text, and the span is the record's text."""
    for s in extraction.sentences:
        assert 0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text
    for group in (extraction.counts, extraction.deadlines, extraction.agencies):
        for r in group:
            assert 0 <= r.start <= r.end <= len(text), r
            assert text[r.start:r.end] == r.text, r
    for c in extraction.commitments:
        assert 0 <= c.start <= c.end <= len(text), c
        assert all(0 <= i < len(extraction.counts) for i in c.counts)


@pytest.mark.parametrize("lang", ["en", "de", "ru", "vi"])
@given(data=st.data())
def test_extraction_never_raises_and_keeps_offsets_inside_the_text(lang: str, data: st.DataObject) -> None:
    text = data.draw(report_text(lang))
    check_offsets(text, extract(text, lang))


@given(text=st.text(max_size=400))
def test_extraction_of_any_unicode_in_any_language(text: str) -> None:
    for lang in ("en", "de", "ru", "vi"):
        check_offsets(text, extract(text, lang))


@given(raw=st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_skip(raw: bytes) -> None:
    try:
        assert isinstance(decode_bytes(raw, "x.txt"), str)
    except SkipFile as exc:
        assert exc.reason


@pytest.mark.parametrize("suffix,head", [(".txt", b""), (".md", b"# "), (".html", b"<html><body><p>"),
                                         (".pdf", b"%PDF-1.4\n")])
@given(raw=st.binary(max_size=1500))
def test_every_reader_reads_any_bytes_or_says_why_not(tmp_path: Path, suffix: str, head: bytes, raw: bytes) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(head + raw)
    try:
        document = read_document(path)
    except SkipFile as exc:
        assert exc.reason and exc.path == str(path)
        return
    assert document.text.strip() and "\x00" not in document.text


@given(text=st.text(min_size=1, max_size=300).filter(str.strip))
@example(text="0\x00")  # four bytes whose NULs looked like UTF-16 without a BOM
def test_text_with_stray_nul_bytes_reads_as_the_text_without_them(tmp_path: Path, text: str) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_bytes(text.encode("utf-8"))
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(b"\x00" + text.encode("utf-8") + b"\x00")
    try:
        expected = read_document(clean).text
    except SkipFile:
        return  # empty or control characters either way
    assert read_document(damaged).text == expected


# -- growth ------------------------------------------------------------------------------------


def calls(work: Callable[[], object]) -> int:
    """Count the Python and C function calls that work makes: a deterministic measure of its cost."""
    count = 0

    def profile(frame, event, arg) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


GROWING = {
    "en": "The Provincial Police completed 6 of 38 pilot models and 1,250 records by June 30, 2024.",
    "de": "Die Provinzpolizei hat 6 von 38 Pilotmodellen und 1.250 Datensätze bis zum 30. Juni 2024 abgeschlossen.",
    "ru": "Полиция провинции выполнила 6 из 38 пилотных моделей и 1 250 записей до 30 июня 2024 года.",
    "vi": "Công an tỉnh đã hoàn thành 6/38 mô hình thí điểm và 1.250 hồ sơ trước ngày 30/6/2024.",
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de", "ru", "vi"])
@pytest.mark.parametrize("shape", ["paragraphs", "one sentence", "numbers"])
def test_extraction_work_grows_linearly(lang: str, shape: str) -> None:
    # a quadratic rule shows as 16 times the work for 4 times the text; linear is 4, with room for fixed costs
    def text(n: int) -> str:
        if shape == "paragraphs":
            return "\n\n".join([GROWING[lang]] * n)
        if shape == "one sentence":
            return " ".join(GROWING[lang].rstrip(".") for _ in range(n)) + "."
        return GROWING[lang].split(" 6 ")[0] + " " + " ".join(["1"] * (20 * n)) + " " + WORDS[lang][1] + "."

    extract(text(1), lang)  # rules compiled before counting
    small, large = calls(lambda: extract(text(25), lang)), calls(lambda: extract(text(100), lang))
    assert large <= 6 * small, f"{shape} in {lang}: 4x the text took {large / small:.1f}x the calls"
    # a regular expression that rescans the sentence for every number costs no Python call: CPU time
    # shows it, with a factor between linear (4) and quadratic (16) and the best of three runs
    fast, slow = cpu(lambda: extract(text(25), lang)), cpu(lambda: extract(text(100), lang))
    assert slow <= 10 * fast, f"{shape} in {lang}: 4x the text took {slow / fast:.1f}x the CPU time"


def cpu(work: Callable[[], object], runs: int = 3) -> float:
    """Return the least CPU time of a few runs of work, in seconds."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best
