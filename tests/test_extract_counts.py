"""extract/counts.py: counts in four languages, their number formats, and what is not a count."""

from __future__ import annotations

import pytest

from pipeline.extract.counts import extract_counts
from pipeline.extract.identifiers import identifier_spans
from pipeline.records import Sentence


def counts(lang: str, text: str) -> list[tuple]:
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    return [(c.value, c.total, c.unit) for c in extract_counts(sentence, lang, identifier_spans(text, lang))]


CASES = [
    # fractions in each language's form
    ("en", "The province completed 6/38 pilot models.", [(6, 38, "model")]),
    ("en", "So far 7 of 41 assigned tasks have been finished.", [(7, 41, "task")]),
    ("de", "Bisher wurden 6 von 38 Modellen fertiggestellt.", [(6, 38, "model")]),
    ("ru", "Выполнено 6 из 38 моделей.", [(6, 38, "model")]),
    ("vi", "Tỉnh đã hoàn thành 6/38 mô hình.", [(6, 38, "model")]),
    # number formats
    ("de", "Es wurden 1.139 Verwaltungsverfahren online gestellt.", [(1139, None, "administrative procedure")]),
    ("ru", "Полиция выдала 2 852 992 удостоверения личности.", [(2852992, None, "ID card")]),
    ("ru", "Уровень онлайн-регистрации составил 45,03%.", [(45.03, None, "%")]),
    ("de", "Die Abdeckung erreichte 97,5 Prozent.", [(97.5, None, "%")]),
    ("vi", "Đã cấp gần 1,5 triệu thẻ căn cước công dân.", [(1500000, None, "ID card")]),
    ("de", "Daten von über 1,5 Millionen Mobilfunkkunden wurden bereinigt.", [(1500000, None, "subscriber")]),
    ("en", "The data of 12.7 million records was received.", [(12700000, None, "record")]),
    ("en", "The city issued 1,132 specific tasks.", [(1132, None, "task")]),
    ("vi", "Kích hoạt trên 58.000 tài khoản định danh điện tử.", [(58000, None, "account")]),
    # number words
    ("en", "Only six models were completed and twelve models were not implemented.", [(6, None, "model"), (12, None, "model")]),
    ("de", "Erst sechs Modelle sind fertig, zwölf Modelle fehlen.", [(6, None, "model"), (12, None, "model")]),
    ("ru", "Завершены пять моделей.", [(5, None, "model")]),
    ("vi", "Hoàn thành ba nhiệm vụ trọng tâm.", [(3, None, "task")]),
    # units through adjectives and compounds
    ("de", "Der Plan benennt 7 Aufgabengruppen mit 41 konkreten Aufgaben.", [(7, None, "group"), (41, None, "task")]),
    ("en", "They deployed 53 essential public services.", [(53, None, "public service")]),
    ("ru", "Внедрены 38 пилотных моделей и 25 основных государственных услуг.", [(38, None, "model"), (25, None, "public service")]),
    # a breakdown gives its parts the unit of the whole
    ("ru", "Выполнено 23/25 задач, из которых 14 выполняются постоянно, а 2 находятся в процессе реализации.",
     [(23, 25, "task"), (14, None, "task"), (2, None, "task")]),
    ("en", "A total of 63 procedures (Department of Justice: 38; Department of Construction: 5) were listed.",
     [(63, None, "administrative procedure"), (38, None, "administrative procedure"), (5, None, "administrative procedure")]),
    ("ru", "Из 20 задач выполнены 12.", [(20, None, "task"), (12, 20, "task")]),
]


@pytest.mark.parametrize("lang, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_counts(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


NOT_COUNTS = [
    ("en", "Implementing Project 06 and Plan No. 02 under Resolution 57-NQ/TW."),
    ("en", "Decree No. 104/2022/ND-CP guides the 17th Congress resolution."),
    ("en", "Call the hotline 0238 3844 555 for help."),
    ("de", "Gemäß Beschluss Nr. 42 des Projekts 06 und dem 17. Kongress."),
    ("ru", "В соответствии с Решением премьер-министра № 42 и Проекта 06."),
    ("vi", "Thực hiện Kế hoạch số 192/KH-UBND và Đề án 06 của Chính phủ."),
    ("en", "The province spent two years of implementing the project."),
    ("ru", "Подведены итоги двух лет реализации проекта."),
    ("en", "The local level saves 4,800 billion VND."),
]


@pytest.mark.parametrize("lang, text", NOT_COUNTS, ids=[f"{c[0]}-{i}" for i, c in enumerate(NOT_COUNTS)])
def test_identifiers_durations_and_money_are_not_counts(lang: str, text: str) -> None:
    assert counts(lang, text) == []


@pytest.mark.parametrize("lang, text, status", [
    ("en", "Only 6 models have been completed.", "completed"),
    ("en", "20 models are being implemented.", "in_progress"),
    ("en", "12 models have not been implemented.", "not_started"),
    ("de", "Zwölf Modelle wurden noch nicht implementiert.", "not_started"),
    ("ru", "8 задач реализуются в установленные сроки.", "in_progress"),
    ("vi", "Có 6 mô hình chưa triển khai.", "not_started"),
])
def test_status_is_read_from_the_words_around_the_count(lang: str, text: str, status: str) -> None:
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    assert extract_counts(sentence, lang, [])[0].status == status


@pytest.mark.parametrize("lang, text, qualifier", [
    ("en", "Build at least 20 public services.", "at_least"),
    ("de", "Mindestens 80 % der Akten werden online bearbeitet.", "at_least"),
    ("ru", "Открыто около 500 учетных записей.", "about"),
    ("vi", "Cấp khoảng 300 thẻ căn cước.", "about"),
])
def test_qualifier(lang: str, text: str, qualifier: str) -> None:
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    assert extract_counts(sentence, lang, [])[0].qualifier == qualifier


def test_offsets_point_at_the_evidence() -> None:
    text = "Intro sentence. The province completed 6/38 pilot models."
    sentence = Sentence(index=1, start=16, end=len(text), text=text[16:])
    (c,) = extract_counts(sentence, "en", [])
    assert text[c.start:c.end] == "6/38 pilot models" == c.text
