"""extract/prefilter.py: what every match of a pattern holds, and a text's case keys, as the regex engine reads them."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract import deadlines
from pipeline.extract.prefilter import DIGIT, Presence, case_keys, requirements

LANGS = ("en", "de", "ru", "vi")


@pytest.mark.parametrize("pattern, expected", [
    (r"\bquarter\s+(?P<year>(?:19|20)\d\d)", (("quarter",), ("19", "20"), (DIGIT,))),
    (r"(?:the\s+)?end\s+of\s+the\s+year", (("end",), ("of",), ("the",), ("year",))),
    (r"(?P<n>\d{1,2}|six|seven)\s+months", ((DIGIT, "six", "seven"), ("months",))),
    (r"Q(?P<ord>[1-4])", (("q",),)),  # a class of digits other than \d, and a lookaround, require nothing
    (r"(?:by|)\s*(?=June)", ()),  # an alternation with an empty branch, and a lookahead, require nothing
])
def test_requirements_of_a_pattern(pattern: str, expected: tuple) -> None:
    assert requirements(re.compile(pattern, re.IGNORECASE)) == expected


def test_every_date_pattern_has_something_to_look_for() -> None:
    for lang in LANGS:
        assert all(needs for _, _, needs in deadlines.rules(lang).patterns), lang


def literal_chars() -> str:
    """Return every character that the requirements of the date patterns look up, in every language."""
    chars = {c for lang in LANGS for _, _, needs in deadlines.rules(lang).patterns
             for need in needs for alt in need if alt is not DIGIT for c in alt}
    return "".join(sorted(chars))


# every code point but the surrogates, which no str from a file holds
EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_case_keys_equal_exactly_where_ignorecase_matches() -> None:
    # for every character the prefilter looks up, the characters with its key are the ones re.IGNORECASE
    # matches it with, across all of Unicode ("ſ" for "s", "K" the Kelvin sign for "k", "ᲀ" for "в")
    keys = case_keys(EVERY_CHARACTER)
    for c in literal_chars():
        matched = [m.start() for m in re.finditer(re.escape(c), EVERY_CHARACTER, re.IGNORECASE)]
        assert matched == [m.start() for m in re.finditer(re.escape(case_keys(c)), keys)], repr(c)


ODD_LETTERS = "ſıİKẞᲀᲁᲂᲃᲄᲆµΣς"


@given(st.lists(st.one_of(st.sampled_from(["Quarter", "QUARTAL", "квартал", "quý", "MONTHS", "ſix", "Sept", "2025",
                                           "٢٠٢٥", "19", "Ende", "ENDE", "Jahres", "năm", "tháng"]),
                          st.text(alphabet=ODD_LETTERS + "aeiouqsmnt0129 ./-", max_size=6)), max_size=12))
def test_a_text_that_fails_a_requirement_matches_no_pattern_that_needs_it(parts: list[str]) -> None:
    text = " ".join(parts)
    holds = Presence(text)
    for lang in LANGS:
        for _, regex, needs in deadlines.rules(lang).patterns:
            if regex.search(text):
                assert holds.all(needs), (lang, regex.pattern, text)


CASES = [text for lang in LANGS for text in (
    "The center must be completed by June 30, 2025; the plan for the first half of 2026 and Q3 are set.",
    "Die Plattform soll bis Ende 2025 fertig sein, im ersten Quartal 2025 und innerhalb von sechs Monaten.",
    "Все модели должны быть завершены к 2025 году, в I квартале 2025 года и в течение шести месяцев.",
    "Phấn đấu hoàn thành trong quý III/2025, trước ngày 20/11 và trong 6 tháng tới.",
)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", CASES)
def test_candidates_are_the_same_with_and_without_the_prefilter(lang: str, text: str) -> None:
    r = deadlines.rules(lang)
    assert deadlines.find_candidates(text, r) == deadlines.find_candidates(text, r, prefilter=False)
