"""extract/deadlines.py: dates, months, quarters, halves, years and their roles in four languages."""

from __future__ import annotations

import pytest

from pipeline.extract.deadlines import extract_deadlines
from pipeline.extract.sentences import pipeline, split_sentences


def deadlines(lang: str, text: str) -> list[tuple[str, str, str]]:
    sentences = split_sentences(pipeline(lang)(text))
    found, _ = extract_deadlines(text, sentences, lang)
    return [(d.due, d.granularity, d.role) for d in found]


CASES = [
    ("en", "The center must be completed by June 30, 2025.", [("2025-06-30", "day", "deadline")]),
    ("en", "Finish the upgrade in the first quarter of 2024.", [("2024-03-31", "quarter", "deadline")]),
    ("en", "Targets for the first half of 2026 were set.", [("2026-06-30", "half", "deadline")]),
    ("en", "All models must be completed by the end of 2025.", [("2025-12-31", "year", "deadline")]),
    ("en", "The pilot will run from July 1, 2025 to December 31, 2025.",
     [("2025-07-01", "day", "start"), ("2025-12-31", "day", "deadline")]),
    ("en", "Under Resolution No. 57-NQ/TW dated December 22, 2024, the plan sets tasks for 2025.",
     [("2024-12-22", "day", "reference"), ("2025-12-31", "year", "deadline")]),
    ("de", "In der dringenden Phase (bis 30. Juni 2025) sind Engpässe zu beseitigen.", [("2025-06-30", "day", "deadline")]),
    ("de", "Im September 2024 wird das Komitee ein Modell vorlegen.", [("2024-09-30", "month", "deadline")]),
    ("de", "Die Aufgaben sollen im ersten Quartal 2025 abgeschlossen werden.", [("2025-03-31", "quarter", "deadline")]),
    ("de", "Bis Ende des ersten Halbjahres 2024 haben die Abteilungen 7 Aufgaben abgeschlossen.", [("2024-06-30", "half", "as_of")]),
    ("ru", "Все модели должны быть завершены к 2025 году.", [("2025-12-31", "year", "deadline")]),
    ("ru", "Подключение завершить до 30 июня 2024 года.", [("2024-06-30", "day", "deadline")]),
    ("ru", "Работы в I квартале 2025 года должны быть завершены.", [("2025-03-31", "quarter", "deadline")]),
    ("ru", "Согласно Постановлению № 57 от 22 декабря 2024 года задачи выполняются.", [("2024-12-22", "day", "reference")]),
    ("vi", "Thời gian hoàn thành giai đoạn 01 trước ngày 31/12/2024.", [("2024-12-31", "day", "deadline")]),
    ("vi", "Phấn đấu hoàn thành trong quý III/2025.", [("2025-09-30", "quarter", "deadline")]),
    ("vi", "Hoàn thành chỉ tiêu tháng 9/2025.", [("2025-09-30", "month", "deadline")]),
    ("vi", "Từ 01/6/2022 đã thực hiện số hóa hồ sơ.", [("2022-06-01", "day", "start")]),
    ("vi", "Theo Quyết định số 1332/QĐ-BYT ngày 21/5/2024 của Bộ Y tế.", [("2024-05-21", "day", "reference")]),
    ("vi", "6 tháng đầu năm 2022, Đề án 06 đã được triển khai.", [("2022-06-30", "half", "as_of")]),
    ("en", "In 2023, the rate of online applications reached 45%.", [("2023-12-31", "year", "as_of")]),
    ("de", "Im Jahr 2023 erreichte die Quote 45 %.", [("2023-12-31", "year", "as_of")]),
    ("en", "The plan requires 45 tasks to be finished in 2025.", [("2025-12-31", "year", "deadline")]),
]


@pytest.mark.parametrize("lang, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_deadlines(lang: str, text: str, expected: list[tuple]) -> None:
    assert deadlines(lang, text) == expected


@pytest.mark.parametrize("lang, text, event, deadline", [
    ("en", "On the afternoon of April 2, the committee held a conference. Tasks of 2024 must be done by July 1.",
     "2024-04-02", "2024-07-01"),
    ("de", "Am 2. April hielt das Komitee eine Konferenz ab. Die Aufgaben für 2024 sind bis zum 1. Juli zu erledigen.",
     "2024-04-02", "2024-07-01"),
    ("ru", "Утром 19 января прошла конференция. Задачи на 2024 год выполнить до 1 июля.", "2024-01-19", "2024-07-01"),
    ("vi", "Sáng ngày 19/1, UBND tỉnh tổ chức hội nghị. Nhiệm vụ năm 2024 hoàn thành trước ngày 1/7.", "2024-01-19", "2024-07-01"),
])
def test_a_year_left_out_is_taken_from_the_report(lang: str, text: str, event: str, deadline: str) -> None:
    sentences = split_sentences(pipeline(lang)(text))
    found, event_date = extract_deadlines(text, sentences, lang)
    assert event_date == event
    assert (event, "event") in [(d.due, d.role) for d in found]
    assert (deadline, "deadline") in [(d.due, d.role) for d in found]


@pytest.mark.parametrize("lang, text", [
    ("en", "In the coming time, the province will soon finish the work."),
    ("de", "In der kommenden Zeit soll die Arbeit bald abgeschlossen werden."),
    ("ru", "В ближайшее время работа будет завершена в установленные сроки."),
    ("vi", "Trong thời gian tới, tỉnh sẽ sớm hoàn thành."),
])
def test_vague_times_are_not_deadlines(lang: str, text: str) -> None:
    assert deadlines(lang, text) == []


@pytest.mark.parametrize("lang, text, event", [
    ("en", "On December 5, 2024, the Provincial People's Committee met. Verify 2,350 households before December 15.", "2024-12-05"),
    ("de", "Am 5. Dezember 2024 tagte das Volkskomitee der Provinz. Bis zum 15. Dezember sind 2.350 Haushalte zu prüfen.", "2024-12-05"),
    ("vi", "Ngày 5/12/2024, UBND tỉnh Quảng Ninh họp. Rà soát 2.350 hộ trước ngày 15/12.", "2024-12-05"),
])
def test_the_event_date_dates_the_deadlines_that_leave_out_the_year(lang: str, text: str, event: str) -> None:
    sentences = split_sentences(pipeline(lang)(text))
    found, event_date = extract_deadlines(text, sentences, lang)
    assert event_date == event
    assert ("2024-12-15", "deadline") in [(d.due, d.role) for d in found]
