"""detect.py: language identification, seeded, with unsupported languages reported."""

from __future__ import annotations

import pytest

from pipeline.detect import detect_language, given_language

TEXTS = {
    "en": "The Provincial People's Committee requested the Department of Justice to complete the tasks by June.",
    "de": "Das Provinzvolkskomitee forderte das Justizministerium auf, die Aufgaben bis Juni abzuschließen.",
    "ru": "Народный комитет провинции поручил Департаменту юстиции завершить задачи до июня.",
    "vi": "UBND tỉnh yêu cầu Sở Tư pháp hoàn thành các nhiệm vụ trước tháng sáu.",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_each_supported_language_is_detected(lang: str) -> None:
    found = detect_language(TEXTS[lang])
    assert (found.code, found.supported) == (lang, True)
    assert found.confidence > 0.9


def test_short_text_gives_the_same_answer_every_time() -> None:
    answers = {detect_language("Provinz Polizei Plan").code for _ in range(10)}
    assert len(answers) == 1


def test_other_languages_are_stored_with_their_code_and_marked_unsupported() -> None:
    found = detect_language("Le comité populaire provincial a demandé au service de la justice de terminer les tâches avant juin.")
    assert (found.code, found.supported) == ("fr", False)


def test_text_without_letters_is_undetermined() -> None:
    assert detect_language("12 34 56 -- 2025").code == "und"


def test_user_given_language_is_certain() -> None:
    assert given_language("DE") == given_language("de")
    assert given_language("de").confidence == 1.0
