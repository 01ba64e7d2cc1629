"""extract/deadlines.py: dates, months, quarters, halves, years and their roles in four languages."""

from __future__ import annotations

import pytest

from pipeline.extract.deadlines import extract_deadlines
from pipeline.extract.sentences import pipeline, split_sentences


def deadlines(lang: str, text: str) -> list[tuple[str, str, str]]:
    sentences = split_sentences(pipeline(lang)(text))
    found = extract_deadlines(text, sentences, lang)
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


@pytest.mark.parametrize("lang, text", [
    ("en", "In the coming time, the province will soon finish the work."),
    ("de", "In der kommenden Zeit soll die Arbeit bald abgeschlossen werden."),
    ("ru", "В ближайшее время работа будет завершена в установленные сроки."),
    ("vi", "Trong thời gian tới, tỉnh sẽ sớm hoàn thành."),
])
def test_vague_times_are_not_deadlines(lang: str, text: str) -> None:
    assert deadlines(lang, text) == []


# the meeting date, and the year it gives to dates that leave it out: tests/test_document_time.py
