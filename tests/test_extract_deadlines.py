"""extract/deadlines.py: dates, months, quarters, halves, years and their roles in four languages."""

from __future__ import annotations

import pytest

from pipeline.extract.deadlines import extract_deadlines
from pipeline.records import DateAnchor, Deadline
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


# --- forms resolved against an anchor -----------------------------------------------------------

MEETING = DateAnchor("2025-07-02", "event_date")


def resolved(lang: str, text: str, anchor: DateAnchor | None = MEETING) -> list[Deadline]:
    sentences = split_sentences(pipeline(lang)(text))
    found = extract_deadlines(text, sentences, lang, anchor)
    return found


FORMS = [
    # English
    ("en", "The department must finish the review by the end of Q3.", ("2025-09-30", "quarter", "deadline")),
    ("en", "Applications must be settled no later than June 30.", ("2025-06-30", "day", "deadline")),
    ("en", "The system will be upgraded in the second half of the year.", ("2025-12-31", "half", "deadline")),
    ("en", "The ministry will issue the rules by the end of this year.", ("2025-12-31", "year", "deadline")),
    ("en", "The pilot moves to all districts next quarter.", ("2025-12-31", "quarter", "deadline")),
    ("en", "The agency must report within six months.", ("2026-01-02", "month", "deadline")),
    ("en", "Agencies must submit their plans by next month.", ("2025-08-31", "month", "deadline")),
    ("en", "The budget must be spent by the end of this month.", ("2025-07-31", "month", "deadline")),
    ("en", "The commune will finish 40 tasks in the first quarter of next year.", ("2026-03-31", "quarter", "deadline")),
    ("en", "The ministry will finish the review by the end of November.", ("2025-11-30", "month", "deadline")),
    ("en", "The portal must be ready by mid-2026.", ("2026-06-30", "half", "deadline")),
    ("en", "The office received 300 applications in the last week.", ("2025-06-29", "week", "as_of")),
    # German
    ("de", "Die Plattform soll bis Ende 2025 fertig sein.", ("2025-12-31", "year", "deadline")),
    ("de", "Die Unterlagen sind bis zum 30. Juni einzureichen.", ("2025-06-30", "day", "deadline")),
    ("de", "Die Umstellung soll im dritten Quartal abgeschlossen werden.", ("2025-09-30", "quarter", "deadline")),
    ("de", "Das Ministerium soll das Konzept bis Jahresende vorlegen.", ("2025-12-31", "year", "deadline")),
    ("de", "In der zweiten Jahreshälfte sollen alle Gemeinden angeschlossen werden.", ("2025-12-31", "half", "deadline")),
    ("de", "Die Gemeinden müssen die Daten bis Ende des Jahres prüfen.", ("2025-12-31", "year", "deadline")),
    ("de", "Im nächsten Quartal wird das Verfahren landesweit eingeführt.", ("2025-12-31", "quarter", "deadline")),
    ("de", "Die Prüfung soll Ende August beginnen.", ("2025-08-31", "month", "deadline")),
    ("de", "Die Behörde soll innerhalb von sechs Monaten berichten.", ("2026-01-02", "month", "deadline")),
    ("de", "Bis Ende dieses Jahres sollen alle Gemeinden angeschlossen sein.", ("2025-12-31", "year", "deadline")),
    ("de", "Das Portal soll bis Mitte 2026 fertig sein.", ("2026-06-30", "half", "deadline")),
    # Russian
    ("ru", "Подключение необходимо завершить до 30 июня.", ("2025-06-30", "day", "deadline")),
    ("ru", "Все системы должны быть запущены до конца 2025 года.", ("2025-12-31", "year", "deadline")),
    ("ru", "Работы будут завершены в IV квартале.", ("2025-12-31", "quarter", "deadline")),
    ("ru", "Во втором полугодии планируется подключить все коммуны.", ("2025-12-31", "half", "deadline")),
    ("ru", "Министерство должно представить отчёт до конца года.", ("2025-12-31", "year", "deadline")),
    ("ru", "В следующем квартале будет запущена платформа.", ("2025-12-31", "quarter", "deadline")),
    ("ru", "Проверку завершить в течение шести месяцев.", ("2026-01-02", "month", "deadline")),
    ("ru", "До конца августа необходимо проверить все записи.", ("2025-08-31", "month", "deadline")),
    ("ru", "Задачи на последние 6 месяцев года утверждены.", ("2025-12-31", "half", "deadline")),
    ("ru", "Работы должны быть завершены до середины 2026 года.", ("2026-06-30", "half", "deadline")),
    # Vietnamese
    ("vi", "Các sở hoàn thành trước ngày 20/11.", ("2025-11-20", "day", "deadline")),
    ("vi", "Báo cáo gửi về chậm nhất ngày 10/9.", ("2025-09-10", "day", "deadline")),
    ("vi", "Hoàn thành việc cấp tài khoản trong tháng 12.", ("2025-12-31", "month", "deadline")),
    ("vi", "Phấn đấu hoàn thành trong quý IV/2025.", ("2025-12-31", "quarter", "deadline")),
    ("vi", "Nhiệm vụ 6 tháng cuối năm 2025 được giao cụ thể.", ("2025-12-31", "half", "deadline")),
    ("vi", "Mục tiêu năm 2026 là số hóa toàn bộ hồ sơ.", ("2026-12-31", "year", "deadline")),
    ("vi", "Phải hoàn thành trước cuối năm nay.", ("2025-12-31", "year", "deadline")),
    ("vi", "Triển khai đồng bộ trong 6 tháng tới.", ("2026-01-02", "month", "deadline")),
    ("vi", "Các xã hoàn thành trước 15/8.", ("2025-08-15", "day", "deadline")),
    ("vi", "Quý tới sẽ triển khai toàn tỉnh.", ("2025-12-31", "quarter", "deadline")),
    ("vi", "Tỉnh phấn đấu hoàn thành trong quý III.", ("2025-09-30", "quarter", "deadline")),
    ("vi", "Các sở hoàn thành đến hết tháng 12.", ("2025-12-31", "month", "deadline")),
]


@pytest.mark.parametrize("lang, text, expected", FORMS, ids=[f"{c[0]}-{i}" for i, c in enumerate(FORMS)])
def test_deadline_forms_of_each_language(lang: str, text: str, expected: tuple[str, str, str]) -> None:
    assert [(d.due, d.granularity, d.role) for d in resolved(lang, text)] == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "The ministry will issue the rules by the end of this year."),
    ("en", "All communes must connect by July 1."),
    ("de", "Im nächsten Quartal wird das Verfahren landesweit eingeführt."),
    ("de", "Die Prüfung soll Ende August beginnen."),
    ("ru", "Министерство должно представить отчёт до конца года."),
    ("ru", "Подключение необходимо завершить до 30 июня."),
    ("vi", "Triển khai đồng bộ trong 6 tháng tới."),
    ("vi", "Các sở hoàn thành trước ngày 20/11."),
])
def test_without_an_anchor_a_yearless_or_relative_date_is_not_stored(lang: str, text: str) -> None:
    assert resolved(lang, text, anchor=None) == []


@pytest.mark.parametrize("lang, text", [
    ("en", "The plan sets 2,000 records for 2024; in 2024 the office must check 300 more in 2024. Finish by July 1."),
    ("de", "Für 2024 sind 2.000 Akten geplant, im Jahr 2024 sollen 300 weitere folgen. Erledigen bis zum 1. Juli."),
    ("ru", "На 2024 год запланировано 2000 записей, в 2024 году ещё 300. Завершить до 1 июля."),
    ("vi", "Năm 2024 có 2.000 hồ sơ, trong năm 2024 thêm 300 hồ sơ. Hoàn thành trước ngày 1/7."),
])
def test_a_date_without_a_year_takes_the_anchor_not_the_most_mentioned_year(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2025-03-12", "published (dateline)"))
    day = [d for d in found if d.granularity == "day"]
    assert [(d.due, d.basis, d.anchor) for d in day] == [("2025-07-01", "resolved", "published (dateline) 2025-03-12")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The center must be completed by June 30, 2025."),
    ("de", "Die Aufgaben sollen im ersten Quartal 2025 abgeschlossen werden."),
    ("ru", "Все модели должны быть завершены к 2025 году."),
    ("vi", "Phấn đấu hoàn thành trong quý III/2025."),
])
def test_a_date_the_text_gives_whole_is_explicit_with_no_anchor(lang: str, text: str) -> None:
    assert [(d.basis, d.anchor) for d in resolved(lang, text)] == [("explicit", None)]


@pytest.mark.parametrize("lang, text", [
    ("en", "All communes must connect by January 31."),
    ("de", "Alle Gemeinden sollen bis zum 31. Januar angeschlossen sein."),
    ("ru", "Все коммуны должны подключиться до 31 января."),
    ("vi", "Các xã phải kết nối trước ngày 31/1."),
])
def test_a_due_date_long_before_its_anchor_is_in_the_next_year(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2025-12-10", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2026-01-31", "deadline")]


# --- dates without digits, bare years, "the same day" (the date items of issue 8) ---------------

@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The contract was signed on May 3, 2025. The same day, the first accounts were activated.",
     [("2025-05-03", "as_of", "explicit"), ("2025-05-03", "as_of", "resolved")]),
    ("de", "Am 3. Mai 2025 wurde der Vertrag unterzeichnet. Am selben Tag wurden die ersten Konten freigeschaltet.",
     [("2025-05-03", "as_of", "explicit"), ("2025-05-03", "as_of", "resolved")]),
    ("ru", "3 мая 2025 года был подписан договор. В тот же день были открыты первые счета.",
     [("2025-05-03", "as_of", "explicit"), ("2025-05-03", "as_of", "resolved")]),
    ("vi", "Ngày 3/5/2025, hợp đồng đã được ký. Cùng ngày, các tài khoản đầu tiên được kích hoạt.",
     [("2025-05-03", "as_of", "explicit"), ("2025-05-03", "as_of", "resolved")]),
])
def test_the_same_day_is_the_day_told_before(lang: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = resolved(lang, text)
    assert [(d.due, d.role, d.basis) for d in found] == expected
    assert found[1].anchor == "date before 2025-05-03"


@pytest.mark.parametrize("lang, text, due, role", [
    ("en", "The office received 300 applications in the last week.", "2025-06-29", "as_of"),
    ("en", "Agencies must submit their plans by the end of this month.", "2025-07-31", "deadline"),
    ("de", "Die Prüfung soll Ende August beginnen.", "2025-08-31", "deadline"),
    ("de", "In der letzten Woche wurden 300 Anträge bearbeitet.", "2025-06-29", "as_of"),
    ("ru", "До конца августа необходимо проверить все записи.", "2025-08-31", "deadline"),
    ("vi", "Tuần tới các xã phải hoàn thành rà soát.", "2025-07-13", "deadline"),
])
def test_dates_without_digits(lang: str, text: str, due: str, role: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text)] == [(due, role)]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Officers carried out a 2010 raid on the port.", [("2010-12-31", "year", "as_of", "2010")]),
    ("en", "The 2026 plan must be approved by the council.", [("2026-12-31", "year", "deadline", "2026")]),
    ("de", "Sein Großvater nahm 1941 teil.", [("1941-12-31", "year", "as_of", "1941")]),
    ("de", "Die Schule wurde 1990 gegründet.", [("1990-12-31", "year", "as_of", "1990")]),
])
def test_a_bare_year_is_read_with_its_role(lang: str, text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert [(d.due, d.granularity, d.role, d.text) for d in resolved(lang, text)] == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "The plan targets 2,010 households and 2025 records."),
    ("en", "The office checked the 2025 records."),
    ("de", "Das Amt registrierte 2010 neue Konten."),
    ("de", "Das Amt prüfte 2010 Konten."),
])
def test_a_number_that_counts_is_not_a_bare_year(lang: str, text: str) -> None:
    assert resolved(lang, text) == []


# --- roles ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Under Decree 69/2024 of 30 June 2024, issuance starts from July 1.",
     [("2024-06-30", "reference"), ("2025-07-01", "start")]),
    ("de", "Gemäß Dekret Nr. 69/2024 vom 30. Juni 2024 beginnt die Ausgabe ab dem 1. Juli.",
     [("2024-06-30", "reference"), ("2025-07-01", "start")]),
    ("ru", "Согласно Постановлению № 69/2024 от 30 июня 2024 года выдача начинается с 1 июля.",
     [("2024-06-30", "reference"), ("2025-07-01", "start")]),
    ("vi", "Theo Nghị định số 69/2024/NĐ-CP ngày 30/6/2024, việc cấp bắt đầu từ ngày 1/7.",
     [("2024-06-30", "reference"), ("2025-07-01", "start")]),
    ("en", "By the end of May, the province had issued 3,000 cards.", [("2025-05-31", "as_of")]),
    ("de", "Bis Ende Mai hatte die Provinz 3.000 Karten ausgegeben.", [("2025-05-31", "as_of")]),
    ("ru", "К концу мая провинция выдала 3000 карт.", [("2025-05-31", "as_of")]),
    ("vi", "Đến cuối tháng 5, tỉnh đã cấp 3.000 thẻ.", [("2025-05-31", "as_of")]),
    ("en", "In the first quarter, the province issued 3,000 cards and the plan for the fourth quarter is 5,000.",
     [("2025-03-31", "as_of"), ("2025-12-31", "deadline")]),
    ("ru", "Рассмотрели работу за первые 6 месяцев года и задачи на последние 6 месяцев 2025 года.",
     [("2025-06-30", "as_of"), ("2025-12-31", "deadline")]),
])
def test_roles_of_each_language(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text)] == expected


@pytest.mark.parametrize("lang, text, due", [
    ("de", "Montag, 3. März 2025\nDas Komitee soll bis Ende Juni berichten.", "2025-03-03"),
    ("vi", "Hà Nội, ngày 12/3/2025\nCác sở phải hoàn thành trước ngày 30/6.", "2025-03-12"),
    ("ru", "14:05, 3 марта 2025 г.\nМинистерство должно отчитаться до 30 июня.", "2025-03-03"),
    ("en", "Hanoi, March 12, 2025\nThe ministry must report by June 30.", "2025-03-12"),
])
def test_a_dateline_is_the_reports_own_date_not_a_deadline(lang: str, text: str, due: str) -> None:
    found = resolved(lang, text, anchor=None)
    assert (due, "event") == (found[0].due, found[0].role)
    assert [d.role for d in found[1:]] == ["deadline"]  # and, with no other anchor, it dates the yearless deadline


def test_a_date_broken_over_two_lines_is_read_whole_with_the_document_it_belongs_to() -> None:
    text = "Thực hiện Nghị quyết số 57-NQ/TW\nngày 22/12/2024 của Bộ Chính trị.\nBắc Ninh, ngày 30\ntháng 5 năm 2025"
    found = resolved("vi", text, anchor=None)
    assert [(d.due, d.role) for d in found] == [("2024-12-22", "reference"), ("2025-05-30", "event")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Applications are settled within 30 days of receipt."),
    ("de", "Anträge werden innerhalb von 30 Tagen nach Eingang bearbeitet."),
    ("ru", "Заявления рассматриваются в течение 30 дней со дня подачи."),
    ("vi", "Hồ sơ được giải quyết trong vòng 15 ngày kể từ ngày nhận."),
])
def test_a_span_counted_from_another_event_is_not_resolved_against_the_anchor(lang: str, text: str) -> None:
    assert resolved(lang, text) == []


@pytest.mark.parametrize("lang, text", [
    ("en", "The portal must be live by 2025-06-30."),
    ("en", "The portal must be live by 06/30/2025."),
    ("de", "Das Portal soll bis 30.06.2025 in Betrieb sein."),
    ("ru", "Портал должен заработать до 30.06.2025."),
    ("vi", "Cổng thông tin phải vận hành trước 30/06/2025."),
])
def test_numeric_dates_in_any_order_a_reader_can_tell(lang: str, text: str) -> None:
    assert [(d.due, d.role, d.basis) for d in resolved(lang, text)] == [("2025-06-30", "deadline", "explicit")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Compared with last year, the rate increased by 5%."),
    ("de", "Im vergangenen Jahr wurden 3.000 Karten ausgegeben."),
    ("ru", "В прошлом году было выдано 3000 карт."),
    ("vi", "So với năm ngoái, số hồ sơ trực tuyến tăng 20%."),
])
def test_last_year_is_a_past_year_not_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role, d.basis) for d in resolved(lang, text)] == [("2024-12-31", "as_of", "resolved")]


@pytest.mark.parametrize("lang, text", [
    ("en", "On July 2, the Steering Committee held a conference. Tasks must be finished by July 31."),
    ("de", "Am 2. Juli hielt der Lenkungsausschuss eine Konferenz ab. Die Aufgaben sind bis zum 31. Juli zu erledigen."),
    ("ru", "2 июля Руководящий комитет провёл конференцию. Задачи выполнить до 31 июля."),
    ("vi", "Ngày 2/7, Ban Chỉ đạo tổ chức hội nghị. Các nhiệm vụ hoàn thành trước ngày 31/7."),
])
def test_the_meeting_date_given_as_anchor_is_the_event_not_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text)] == [("2025-07-02", "event"), ("2025-07-31", "deadline")]


# --- dates that are not deadlines, ranges, yearless months (round 2) -------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The new intake system was completed in March 2024.", [("2024-03-31", "as_of")]),
    ("de", "Die Umstellung der Meldestellen wurde im Mai 2024 abgeschlossen.", [("2024-05-31", "as_of")]),
    ("ru", "В октябре 2025 года проверка осуществлялась во всех районах.", [("2025-10-31", "as_of")]),
    ("vi", "Ngày 18/7/2022, việc nâng cấp phần mềm một cửa đã hoàn thành.", [("2022-07-18", "as_of")]),
    ("vi", "Sau khi hoàn thành (tháng 2/2021), hệ thống được đưa vào sử dụng.", [("2021-02-28", "as_of")]),
])
def test_a_date_its_clause_reports_as_done_is_not_a_deadline(lang: str, text: str, expected: list[tuple]) -> None:
    # with or without an anchor: the words decide, not whether the date lies before the report
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == expected
    assert [(d.due, d.role) for d in resolved(lang, text, DateAnchor("2025-07-02", "event_date"))] == expected


@pytest.mark.parametrize("lang, text, due", [
    ("en", "Online filings rose by 12% compared with the same period of 2023.", "2023-12-31"),
    ("de", "Die Zahl der Anträge stieg um 12 % gegenüber dem gleichen Zeitraum im Jahr 2023.", "2023-12-31"),
    ("ru", "Число заявлений выросло на 12% по сравнению с 2023 годом.", "2023-12-31"),
    ("vi", "Số hồ sơ trực tuyến tăng 12% so với cùng kỳ năm 2023.", "2023-12-31"),
])
def test_the_base_of_a_comparison_is_as_of(lang: str, text: str, due: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [(due, "as_of")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Published: December 29, 2022\nAll wards must finish the review by June 30, 2023."),
    ("de", "Veröffentlicht am 29. Dezember 2022\nAlle Bezirke sollen die Prüfung bis 30. Juni 2023 abschließen."),
    ("ru", "Опубликовано 29 декабря 2022 года\nВсе районы должны завершить проверку до 30 июня 2023 года."),
    ("vi", "Ngày đăng: 29/12/2022\nCác phường phải hoàn thành rà soát trước ngày 30/6/2023."),
])
def test_a_publication_line_is_the_reports_date_never_a_deadline(lang: str, text: str) -> None:
    found = [(d.due, d.role) for d in resolved(lang, text, anchor=None)]
    assert found == [("2022-12-29", "event"), ("2023-06-30", "deadline")]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Project on civil records for the 2022-2025 period, with a vision to 2030, must be carried out in every ward.",
     [("2025-12-31", "reference"), ("2030-12-31", "reference")]),
    ("de", "Das Programm zur Digitalisierung für den Zeitraum 2021–2025 mit einer Vision bis 2030 soll umgesetzt werden.",
     [("2025-12-31", "reference"), ("2030-12-31", "reference")]),
    ("ru", "Программа цифровизации на период 2021–2025 годов с перспективой до 2030 года должна быть выполнена.",
     [("2025-12-31", "reference"), ("2030-12-31", "reference")]),
    ("vi", "Đề án chuyển đổi số giai đoạn 2021-2025, tầm nhìn đến năm 2030 phải được triển khai đồng bộ.",
     [("2025-12-31", "reference"), ("2030-12-31", "reference")]),
    # a period with no programme named is a target period
    ("vi", "Tỉnh phấn đấu hoàn thành chỉ tiêu trong giai đoạn 2026-2030.", [("2030-12-31", "deadline")]),
])
def test_the_period_in_a_programmes_name_is_a_reference(lang: str, text: str, expected: list[tuple]) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text)] == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "The checking campaign runs from September 1 to November 30, 2025."),
    ("de", "Die Prüfkampagne läuft vom 1. September bis 30. November 2025."),
    ("ru", "Кампания проверки проводится с 1 сентября по 30 ноября 2025 года."),
    ("vi", "Đợt cao điểm rà soát diễn ra từ 1/9 đến 30/11/2025."),
    ("vi", "Đợt cao điểm rà soát diễn ra từ ngày 1/9 đến ngày 30/11/2025."),
])
def test_a_range_has_a_start_and_an_end_and_the_end_gives_its_year(lang: str, text: str) -> None:
    # an anchor in another year shows that the start's year is the end's, not the anchor's
    found = resolved(lang, text, DateAnchor("2024-12-20", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2025-09-01", "start"), ("2025-11-30", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The winter campaign runs from December 1 to February 28, 2026."),
    ("de", "Die Winterkampagne läuft vom 1. Dezember bis 28. Februar 2026."),
    ("ru", "Зимняя кампания проводится с 1 декабря по 28 февраля 2026 года."),
    ("vi", "Đợt cao điểm mùa đông diễn ra từ ngày 1/12 đến ngày 28/2/2026."),
])
def test_a_range_over_new_year_starts_in_the_year_before(lang: str, text: str) -> None:
    found = resolved(lang, text, anchor=None)
    assert [(d.due, d.role) for d in found] == [("2025-12-01", "start"), ("2026-02-28", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "On July 2, the committee held a conference and set the campaign from June 15 to July 2."),
    ("de", "Am 2. Juli hielt das Komitee eine Konferenz ab; die Kampagne läuft vom 15. Juni bis 2. Juli."),
    ("ru", "2 июля комитет провёл конференцию; кампания проводится с 15 июня по 2 июля."),
    ("vi", "Ngày 2/7, Ban Chỉ đạo tổ chức hội nghị; đợt cao điểm diễn ra từ ngày 15/6 đến ngày 2/7."),
])
def test_the_end_of_a_range_is_not_the_meetings_date(lang: str, text: str) -> None:
    roles = [d.role for d in resolved(lang, text)]
    assert roles == ["event", "start", "deadline"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The wards will focus on settling the remaining cases in October."),
    ("de", "Die verbleibenden Fälle sollen im Oktober erledigt werden."),
    ("ru", "Оставшиеся дела необходимо урегулировать в октябре."),
    ("vi", "Các phường tập trung giải quyết dứt điểm các hồ sơ còn tồn đọng trong tháng 10."),
    ("en", "The wards must settle the remaining cases during the month of October."),
    ("de", "Die Bezirke sollen die restlichen Fälle im Monat Oktober erledigen."),
    ("ru", "Оставшиеся дела необходимо урегулировать в течение октября."),
])
def test_a_month_without_a_year_in_a_task_is_a_month_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.granularity, d.role, d.basis) for d in resolved(lang, text)] == \
        [("2025-10-31", "month", "deadline", "resolved")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The conference set out the tasks for 2026."),
    ("de", "Die Konferenz legte die Aufgaben im Jahr 2026 fest."),
    ("ru", "Конференция определила задачи на 2026 год."),
    ("vi", "Hội nghị triển khai công tác năm 2026."),
    ("vi", "Tỉnh giao kế hoạch năm 2026 cho các sở."),
])
def test_the_work_of_a_year_is_a_year_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, DateAnchor("2025-12-20", "event_date"))] == \
        [("2026-12-31", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The conference reviewed the results of 2025 and set out the tasks for 2026."),
    ("de", "Die Konferenz zog Bilanz für 2025 und legte die Aufgaben für 2026 fest."),
    ("ru", "Конференция подвела итоги 2025 года и определила задачи на 2026 год."),
    ("vi", "Công an tỉnh tổ chức hội nghị tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026."),
])
def test_a_reviewed_year_is_as_of_and_the_planned_one_a_deadline(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2025-12-17", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2025-12-31", "as_of"), ("2026-12-31", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The Provincial People's Council, term 2021-2026, will meet in July."),
    ("de", "Der Provinzrat, Amtszeit 2021-2026, soll im Juli tagen."),
    ("ru", "Совет провинции созыва 2021–2026 годов должен собраться в июле."),
    ("vi", "Hội đồng nhân dân tỉnh nhiệm kỳ 2021-2026 sẽ họp trong tháng 7."),
])
def test_an_offices_term_is_a_reference_not_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text)] == [("2026-12-31", "reference"), ("2025-07-31", "deadline")]


def test_a_mid_year_meeting_is_no_date() -> None:
    assert resolved("en", "The council prepared its mid-year meeting.") == []
    assert [d.due for d in resolved("en", "The portal must be ready by mid-year.")] == ["2025-06-30"]


@pytest.mark.parametrize("lang, text", [
    ("en", "On March 28, the committee held a conference to review the implementation of the plan in the first quarter of 2024."),
    ("de", "Am 28. März zog das Komitee Bilanz über die Umsetzung des Plans im ersten Quartal 2024."),
    ("ru", "28 марта комитет провел конференцию, чтобы рассмотреть ход реализации плана в первом квартале 2024 года."),
    ("vi", "Ngày 28/3, UBND tỉnh tổ chức hội nghị sơ kết tình hình thực hiện kế hoạch quý I năm 2024."),
])
def test_a_quarter_the_meeting_reviews_is_as_of(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2024-03-28", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2024-03-28", "event"), ("2024-03-31", "as_of")]


# --- past dates after a due word, the meeting's month, due days equal to the meeting's, plan years (round 3) ---

@pytest.mark.parametrize("lang, text, due", [
    ("de", "Am 11. Juli 2024 erließ das Innenministerium eine Verordnung über die Meldestellen.", "2024-07-11"),
    ("de", "Am 11. Juli 2024 verabschiedete der Landtag das Gesetz zur Registerreform.", "2024-07-11"),
    ("de", "Am 11. Juli 2024 unterzeichnete die Ministerin die Vereinbarung mit den Kommunen.", "2024-07-11"),
    ("de", "Am 11. Juli 2024 wurde die Verordnung über die Meldestellen erlassen.", "2024-07-11"),
    ("de", "Am 11. Juli 2024 hat der Kreistag die neue Gebührenordnung beschlossen.", "2024-07-11"),
    ("de", "Bis zum 12. August 2024 betrug die Zahl der bearbeiteten Anträge 3.400.", "2024-08-12"),
    ("de", "Bis zum 12. August 2024 lag die Quote der Online-Anträge bei 41 %.", "2024-08-12"),
    ("en", "By August 12, 2024, the number of processed applications stood at 3,400.", "2024-08-12"),
    ("en", "By August 12, 2024, the registry offices had processed 3,400 applications.", "2024-08-12"),
    ("ru", "К 12 августа 2024 года число обработанных заявлений составило 3400.", "2024-08-12"),
    ("vi", "Tính đến ngày 12/8/2024, toàn tỉnh đã có 3.400 hồ sơ được giải quyết.", "2024-08-12"),
    ("vi", "Đến ngày 12/8/2024, các phường đã giải quyết 3.400 hồ sơ.", "2024-08-12"),
])
def test_a_date_opening_a_sentence_told_in_the_past_is_as_of_even_after_by(lang: str, text: str, due: str) -> None:
    # the words decide, with no anchor to say that the date is past
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [(due, "as_of")]


@pytest.mark.parametrize("lang, text", [
    ("de", "Im Zeitraum vom 1. Juni bis 23. August 2025 wurden 4.100 Ausweise ausgestellt."),
    ("en", "From June 1 to August 23, 2025, the office issued 4,100 identity cards."),
    ("ru", "За период с 1 июня по 23 августа 2025 года было выдано 4100 удостоверений."),
    ("vi", "Từ ngày 1/6 đến ngày 23/8/2025, Công an tỉnh đã cấp 4.100 thẻ căn cước."),
])
def test_the_end_of_a_past_reporting_window_is_as_of(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [("2025-06-01", "start"), ("2025-08-23", "as_of")]


@pytest.mark.parametrize("lang, text", [
    ("de", "Bis zum 30. Juni 2025 legen die Bezirke ihre Berichte vor."),
    ("de", "Bis zum 30. Juni 2025 erste Pilotprojekte in drei Bezirken starten."),
    ("de", "Bis zum 30. Juni 2025 mussten die Bezirke ihre Berichte vorlegen."),
    ("en", "By June 30, 2025, all wards complete the review of their registers."),
    ("en", "By June 30, 2025, the wards had to submit their reports."),
    ("ru", "К 30 июня 2025 года районы должны были представить отчёты."),
    ("vi", "Đến ngày 30/6/2025, các phường phải hoàn thành rà soát."),
])
def test_a_date_opening_a_sentence_with_a_task_stays_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [("2025-06-30", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "In April 2023, the steering committee held a meeting to review the digitisation plan."),
    ("de", "Im April 2023 fand die Sitzung des Lenkungsausschusses zum Digitalisierungsplan statt."),
    ("ru", "В апреле 2023 года комитет провёл совещание по плану цифровизации."),
    ("ru", "В апреле 2023 года состоялось заседание комиссии по плану цифровизации."),
    ("vi", "Tháng 4/2023, Ban Chỉ đạo đã tổ chức hội nghị triển khai kế hoạch chuyển đổi số."),
])
def test_the_month_of_a_meeting_told_in_the_past_is_not_a_deadline(lang: str, text: str) -> None:
    # the plan the meeting was about does not make its month a due date
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [("2023-04-30", "as_of")]


@pytest.mark.parametrize("lang, text", [
    ("en", "In October 2025, the committee must hold a meeting on the plan."),
    ("en", "In October 2025, the committee will hold a conference to review what was achieved."),
    ("de", "Im Oktober 2025 soll die Sitzung zum Plan stattfinden."),
    ("ru", "В октябре 2025 года необходимо провести совещание по плану."),
    ("vi", "Tháng 10/2025, Ban Chỉ đạo phải tổ chức hội nghị về kế hoạch."),
])
def test_the_month_of_a_meeting_still_to_come_is_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [("2025-10-31", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The wards must finish completing the review of all registers before November 18, 2025."),
    ("de", "Die Bezirke sollen die Prüfung aller Register vor dem 18. November 2025 abschließen."),
    ("ru", "Районы должны завершить проверку всех реестров до 18 ноября 2025 года."),
    ("vi", "Các phường hoàn thành rà soát toàn bộ sổ hộ tịch trước ngày 18/11/2025."),
])
def test_a_due_day_equal_to_the_meetings_day_is_still_a_deadline(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2025-11-18", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2025-11-18", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Remaining tasks for 2024\nThe department must settle the remaining cases in October; in November, "
           "advise the council on the new fee rules."),
    ("de", "Aufgaben für 2024\nDas Amt soll die restlichen Fälle im Oktober erledigen; bis Ende November berät es "
           "den Rat zu den neuen Gebühren."),
    ("ru", "Задачи на 2024 год\nОставшиеся дела необходимо урегулировать в октябре; до конца ноября подготовить "
           "предложения совету по новым сборам."),
    ("vi", "Nhiệm vụ năm 2024\nSở tập trung giải quyết các hồ sơ còn tồn đọng trong tháng 10; trong tháng 11 tham mưu "
           "HĐND tỉnh quy định mức phí mới."),
])
def test_without_an_anchor_a_yearless_month_in_a_task_takes_the_plan_year(lang: str, text: str) -> None:
    found = [(d.due, d.role, d.basis, d.anchor) for d in resolved(lang, text, anchor=None) if d.granularity == "month"]
    assert found == [("2024-10-31", "deadline", "resolved", "plan year 2024"),
                     ("2024-11-30", "deadline", "resolved", "plan year 2024")]


@pytest.mark.parametrize("lang, text", [
    # the most-mentioned year is no plan year
    ("en", "In 2023 the office checked 300 records and in 2023 it opened a desk. The department must settle the rest in October."),
    ("de", "Im Jahr 2023 wurden 300 Akten geprüft, 2023 wurde ein Schalter eröffnet. Das Amt soll den Rest im Oktober erledigen."),
    ("ru", "В 2023 году проверено 300 дел, в 2023 году открыто окно. Оставшиеся дела необходимо урегулировать в октябре."),
    ("vi", "Năm 2023 đã rà soát 300 hồ sơ, năm 2023 mở thêm quầy. Sở giải quyết dứt điểm hồ sơ còn lại trong tháng 10."),
    # two plan years: which one a month belongs to is not known
    ("en", "The tasks for 2024 and the tasks for 2025 were agreed. The department must settle the rest in October."),
])
def test_without_an_anchor_or_one_plan_year_a_yearless_month_is_not_stored(lang: str, text: str) -> None:
    assert [d for d in resolved(lang, text, anchor=None) if d.granularity == "month"] == []


@pytest.mark.parametrize("lang, text", [
    ("en", "Tasks for the last 4 months of 2025 must be completed."),
    ("de", "Die Aufgaben der letzten 4 Monate 2025 müssen erfüllt werden."),
    ("ru", "Задачи на последние 4 месяца 2025 года должны быть выполнены."),
    ("vi", "Hoàn thành nhiệm vụ 4 tháng cuối năm 2025."),
])
def test_the_last_months_of_a_year_are_due_at_its_end(lang: str, text: str) -> None:
    # "the last 4 months of 2025" ends with the year; read as "the first 4 months" it was due in April
    assert [due for due, _, role in deadlines(lang, text) if role == "deadline"] == ["2025-12-31"]


@pytest.mark.parametrize("lang, text", [
    ("en", "2025-07-09 Da Nang\n\nThe city will finish the review by July 21."),
    ("de", "09.07.2025 Da Nang\n\nDie Stadt wird die Prüfung bis zum 21. Juli abschließen."),
    ("ru", "09.07.2025 Дананг\n\nГород завершит проверку до 21 июля."),
    ("vi", "09/07/2025 Đà Nẵng\n\nThành phố sẽ hoàn thành rà soát trước ngày 21/7."),
])
def test_a_date_heading_the_document_before_its_place_is_its_own_date(lang: str, text: str) -> None:
    found = deadlines(lang, text)
    assert found[0][0] == "2025-07-09" and found[0][2] == "event"
    assert ("2025-07-21", "deadline") in [(due, role) for due, _, role in found]


def test_a_dated_heading_that_says_what_is_due_stays_a_deadline() -> None:
    text = "Plan of the province\n\nJune 30, 2026: all communes connected to the portal."
    assert ("2026-06-30", "deadline") in [(due, role) for due, _, role in deadlines("en", text)]


# --- a document's own date, ranges within a month, as-of words, publication lines (round 4) ---------------

@pytest.mark.parametrize("lang, text", [
    ("en", "Signed on 12 March 2025, the order asks all departments to report by June 1, 2025."),
    ("de", "Unterzeichnet am 12. März 2025, verpflichtet die Anordnung alle Ämter, bis zum 1. Juni 2025 zu berichten."),
    ("ru", "Документ подписан 12 марта 2025 года, департаментам отчитаться до 1 июня 2025 года."),
    ("ru", "Порядок утверждён 12 марта 2025 года; отчёт представить до 1 июня 2025 года."),
    ("vi", "Quy chế được phê duyệt ngày 12/3/2025; các sở báo cáo trước ngày 1/6/2025."),
])
def test_the_day_a_document_was_signed_is_its_own_date_not_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == \
        [("2025-03-12", "reference"), ("2025-06-01", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The memorandum is to be signed on June 1, 2025."),
    ("de", "Die Vereinbarung soll am 1. Juni 2025 unterzeichnet werden."),
    ("ru", "Соглашение должно быть подписано 1 июня 2025 года."),
    ("vi", "Quy chế phải được phê duyệt ngày 1/6/2025."),
])
def test_a_signing_still_ahead_is_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [("2025-06-01", "deadline")]


@pytest.mark.parametrize("lang, text", [
    # a document's number right after a date: the heading of a numbered document, with no document word before it
    ("en", "dated 12 March 2025, No. 45\nDepartments must report by June 1, 2025."),
    ("de", "vom 12. März 2025, Nr. 45\nDie Ämter berichten bis zum 1. Juni 2025."),
    ("ru", "от 12 марта 2025 г. № 45\nг. Хабаровск\nРайонам отчитаться до 1 июня 2025 года."),
    ("ru", "12.03.2025 г № 45\nРайонам отчитаться до 1 июня 2025 года."),
])
def test_a_date_followed_by_a_document_number_is_that_documents(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == \
        [("2025-03-12", "reference"), ("2025-06-01", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Applications will be accepted from April 1 to 15."),
    ("en", "The verification campaign runs April 1-15, 2025."),
    ("de", "Anträge werden vom 1. bis 15. April entgegengenommen."),
    ("ru", "Приём заявлений проводится с 1 по 15 апреля."),
    ("vi", "Tiếp nhận hồ sơ từ ngày 1 đến ngày 15/4."),
])
def test_a_range_of_days_in_one_month_is_due_on_its_last_day(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2025-03-20", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2025-04-01", "start"), ("2025-04-15", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Districts must verify the records between April 1 and May 15, 2025."),
    ("de", "Die Bezirke prüfen die Register zwischen dem 1. April und dem 15. Mai 2025."),
    ("ru", "Районы проверяют реестры между 1 апреля и 15 мая 2025 года."),
])
def test_between_one_day_and_another_is_a_range(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2025-03-20", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2025-04-01", "start"), ("2025-05-15", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Districts must verify the records by April 1 and the registers by May 15, 2025."),
    ("de", "Die Bezirke prüfen die Akten bis zum 1. April und die Register bis zum 15. Mai 2025."),
    ("ru", "Районы проверяют дела до 1 апреля и реестры до 15 мая 2025 года."),
])
def test_two_due_dates_joined_by_and_are_two_deadlines(lang: str, text: str) -> None:
    found = resolved(lang, text, DateAnchor("2025-03-20", "event_date"))
    assert [(d.due, d.role) for d in found] == [("2025-04-01", "deadline"), ("2025-05-15", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The review of the registers runs from April until June 2025."),
    ("de", "Die Prüfung der Register läuft von April bis Juni 2025."),
    ("ru", "Проверка реестров проводится с апреля по июнь 2025 года."),
    ("vi", "Rà soát sổ hộ tịch từ tháng 4 đến tháng 6/2025."),
])
def test_a_range_of_months_is_due_at_the_end_of_the_last(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == \
        [("2025-04-30", "start"), ("2025-06-30", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The districts received 40 to 15 April requests."),  # 40 is no day before the 15th
    ("en", "At 10:05 - 15 April the office opened its desk."),  # a clock is no day
    ("ru", "Выдано 300 до 15 апреля."),  # a count is no day
])
def test_a_number_before_a_range_word_is_not_a_day_of_the_range(lang: str, text: str) -> None:
    assert [d.due for d in resolved(lang, text) if d.role == "start"] == []


@pytest.mark.parametrize("lang, text, due", [
    ("en", "As at 17 August 2025, 3,000 accounts were active.", "2025-08-17"),
    ("en", "Data as of 17/08/2025.", "2025-08-17"),
    ("de", "Mit Stand vom 17. August 2025 sind 3.000 Konten aktiv.", "2025-08-17"),
    ("de", "Bis zum 17. August sind 3.000 Konten ausgegeben worden.", "2025-08-17"),
    ("ru", "По данным на 17 августа, в провинции 3000 учётных записей.", "2025-08-17"),
    ("vi", "Tính đến hết ngày 17/8, toàn tỉnh đã cấp 3.000 tài khoản.", "2025-08-17"),
    ("vi", "Toàn tỉnh có 3.000 tài khoản (tính đến hết ngày 17/8).", "2025-08-17"),
    ("vi", "Số liệu tính đến hết tháng 7/2025.", "2025-07-31"),
])
def test_the_date_a_figure_is_counted_at_is_as_of(lang: str, text: str, due: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, DateAnchor("2025-08-20", "published (html-metadata)"))] == \
        [(due, "as_of")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Updated: 10:15 28/03/2025\nThe committee met. Communes must finish by June 30."),
    ("en", "Friday, March 28, 2025, 10:15\nThe committee met. Communes must finish by June 30."),
    ("de", "28.03.2025, 10:15 Uhr\nDas Komitee tagte. Die Gemeinden sollen bis zum 30. Juni fertig sein."),
    ("de", "München, den 28. März 2025\nDas Komitee tagte. Die Gemeinden sollen bis zum 30. Juni fertig sein."),
    ("ru", "28 марта 2025, 10:15\nСостоялось совещание. Районам завершить работу до 30 июня."),
    ("vi", "Cập nhật: 10:15 28/03/2025\nUBND tỉnh họp. Các xã hoàn thành trước ngày 30/6."),
    ("vi", "Thứ sáu, 28/03/2025, 10:15 (GMT+7)\nUBND tỉnh họp. Các xã hoàn thành trước ngày 30/6."),
])
def test_a_publication_line_with_its_clock_is_the_reports_date(lang: str, text: str) -> None:
    found = [(d.due, d.role) for d in resolved(lang, text, anchor=None)]
    assert found == [("2025-03-28", "event"), ("2025-06-30", "deadline")]


@pytest.mark.parametrize("lang, text", [
    ("en", "The review of all civil records in the province must be completed by\nJune 30, 2025."),
    ("de", "Die Prüfung aller Register in der Provinz soll abgeschlossen sein bis\n30. Juni 2025."),
    ("ru", "Проверка всех реестров в провинции должна быть завершена до\n30 июня 2025 года."),
    ("vi", "Việc rà soát toàn bộ sổ hộ tịch trong tỉnh phải hoàn thành trước\n30/6/2025."),
])
def test_a_due_date_wrapped_onto_its_own_line_stays_a_deadline(lang: str, text: str) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, anchor=None)] == [("2025-06-30", "deadline")]


@pytest.mark.parametrize("text, expected", [
    ("Hạn chót là 31/7, các xã gửi báo cáo về Sở Tư pháp.", [("2025-07-31", "deadline")]),
    ("Các xã gửi báo cáo chậm nhất vào 31/7.", [("2025-07-31", "deadline")]),
    ("Các xã gửi báo cáo về Sở Tư pháp trước 31.7.", [("2025-07-31", "deadline")]),
    ("Thời hạn: 31/7.", [("2025-07-31", "deadline")]),
    # a fraction, a share and thousands have no date cue, or are no day and month
    ("Toàn tỉnh đạt 6/38 mô hình.", []),
    ("Tỷ lệ tăng đến 31.7%.", []),
    ("Số hồ sơ tăng đến 3.000 hồ sơ.", []),
])
def test_a_vietnamese_day_and_month_after_a_date_word_is_a_date(text: str, expected: list[tuple[str, str]]) -> None:
    # the counts' side of "6/38" is extract/counts.py's; a day/month needs a cue word before it
    assert [(d.due, d.role) for d in resolved("vi", text)] == expected


@pytest.mark.parametrize("text, role", [
    ("Đến hết ngày 17/8, toàn tỉnh có 3.000 tài khoản định danh mức 2.", "as_of"),
    ("Đến hết ngày 17/8, số hồ sơ trực tuyến đạt 3.000.", "as_of"),
    ("Đến hết ngày 17/8, các xã hoàn thành rà soát.", "deadline"),
    ("Đến hết ngày 17/8, các xã phải có 100% hồ sơ được số hóa.", "deadline"),
    ("Các xã tiếp nhận hồ sơ đến hết ngày 17/8.", "deadline"),
])
def test_a_vietnamese_figure_told_after_an_opening_date_dates_the_figure(text: str, role: str) -> None:
    # Vietnamese marks no tense: "có" (has), "đạt" (reaches) right after the date state what was counted then,
    # whether the report is written before or after the day
    found = resolved("vi", text, DateAnchor("2025-08-10", "published (html-metadata)"))
    assert [(d.due, d.role) for d in found] == [("2025-08-17", role)]


# the anchor of these is a Wednesday, 2 July 2025: the Friday before it is 27 June, the one after it 4 July
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "On Friday, the department held a meeting on the housing plan.", ("2025-06-27", "event")),
    ("en", "The director said on Friday that the budget was spent.", ("2025-06-27", "event")),
    ("en", "Districts must send their reports by Friday.", ("2025-07-04", "deadline")),
    ("en", "The council will vote on the plan next Friday.", ("2025-07-04", "event")),
    ("de", "Am Freitag hielt das Ministerium eine Sitzung ab.", ("2025-06-27", "event")),
    ("de", "Die Kreise müssen ihre Berichte bis Freitag vorlegen.", ("2025-07-04", "deadline")),
    ("de", "Der Rat wird am nächsten Freitag über den Plan abstimmen.", ("2025-07-04", "event")),
    ("ru", "В пятницу министерство провело совещание по жилью.", ("2025-06-27", "event")),
    ("ru", "Районы должны представить отчёты до пятницы.", ("2025-07-04", "deadline")),
    ("ru", "Совет будет голосовать в следующую пятницу.", ("2025-07-04", "event")),
    ("vi", "Hôm thứ Sáu, Sở đã tổ chức hội nghị về nhà ở.", ("2025-06-27", "event")),
    ("vi", "Các huyện phải gửi báo cáo trước thứ Sáu.", ("2025-07-04", "deadline")),
    ("vi", "Hội đồng sẽ biểu quyết vào thứ Sáu tới.", ("2025-07-04", "event")),
])
def test_a_weekday_is_the_day_before_the_anchor_it_tells_or_the_one_after_it_that_is_due(
        lang: str, text: str, expected: tuple[str, str]) -> None:
    found = [(d.due, d.role) for d in resolved(lang, text) if d.granularity == "day"]
    assert found == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "Friday, July 4, 2025"),
    ("de", "Freitag, 4. Juli 2025"),
    ("vi", "Đây là lần thứ hai hội nghị được tổ chức."),
    ("vi", "Thứ hai, Sở đề nghị các huyện rà soát hồ sơ."),
])
def test_a_weekday_before_its_date_or_an_ordinal_is_no_date_of_its_own(lang: str, text: str) -> None:
    # "thứ hai" is also "second": a Vietnamese weekday is read only after a day part, "vào", "hôm" or a placing word
    assert [d.text for d in resolved(lang, text) if d.granularity == "day" and not d.due.startswith("2025-07-04")] == []


# a report written on 12 March 2025 that tells of last year: a month without a year after March is last year's
PUBLISHED = DateAnchor("2025-03-12", "published (dateline)")


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The police arrested both men in early August on fraud charges.", ("2024-08-31", "as_of")),
    ("en", "The districts must complete the survey in August.", ("2025-08-31", "deadline")),
    ("de", "Die Polizei hatte die beiden Männer im August festgenommen.", ("2024-08-31", "as_of")),
    ("de", "Die Kreise müssen die Erhebung bis Ende August abschließen.", ("2025-08-31", "deadline")),
    ("ru", "В августе полиция задержала двоих подозреваемых.", ("2024-08-31", "as_of")),
    ("ru", "Районы должны завершить обследование до конца августа.", ("2025-08-31", "deadline")),
    ("vi", "Công an đã bắt hai đối tượng vào tháng 8.", ("2024-08-31", "as_of")),
    ("vi", "Các huyện phải hoàn thành khảo sát trong tháng 8.", ("2025-08-31", "deadline")),
])
def test_a_yearless_month_a_past_clause_tells_is_before_the_anchor(lang: str, text: str, expected: tuple) -> None:
    assert [(d.due, d.role) for d in resolved(lang, text, PUBLISHED)] == [expected]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The factory closed four years ago and last June it was sold.",
     [("2021-12-31", "year", "event"), ("2024-06-30", "month", "as_of")]),
    ("en", "Exports fell two months ago, as they did last year.", [("2025-01-31", "month", "event"), ("2024-12-31", "year", "as_of")]),
    ("de", "Das Werk wurde vor vier Jahren geschlossen und im vergangenen Juni verkauft.",
     [("2021-12-31", "year", "event"), ("2024-06-30", "month", "as_of")]),
    ("de", "Vor zwei Monaten sank der Export, letztes Jahr war er hoch.", [("2025-01-31", "month", "event"), ("2024-12-31", "year", "as_of")]),
    ("ru", "Завод закрыли четыре года назад, а в июне прошлого года продали.",
     [("2021-12-31", "year", "event"), ("2024-06-30", "month", "as_of")]),
    ("ru", "Два месяца назад экспорт упал, в прошлом году он был выше.", [("2025-01-31", "month", "event"), ("2024-12-31", "year", "as_of")]),
    ("vi", "Nhà máy đóng cửa bốn năm trước, tháng 6 năm ngoái đã được bán.",
     [("2021-12-31", "year", "event"), ("2024-06-30", "month", "as_of")]),
    ("vi", "Xuất khẩu giảm 2 tháng trước, năm ngoái đã tăng.", [("2025-01-31", "month", "event"), ("2024-12-31", "year", "as_of")]),
])
def test_dates_counted_back_from_the_anchor(lang: str, text: str, expected: list[tuple]) -> None:
    assert [(d.due, d.granularity, d.role) for d in resolved(lang, text, PUBLISHED)] == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "The ministry started the reform in early 2011."),
    ("de", "Das Ministerium begann die Reform Anfang 2011."),
    ("ru", "Министерство начало реформу в начале 2011 года."),
    ("vi", "Bộ đã bắt đầu cải cách từ đầu năm 2011."),
])
def test_early_in_a_year_is_that_year(lang: str, text: str) -> None:
    assert [(d.due, d.granularity) for d in resolved(lang, text, PUBLISHED)] == [("2011-12-31", "year")]


@pytest.mark.parametrize("text, expected", [
    ("The ministry cited a 2009 analysis of the budget.", ["2009-12-31"]),
    ("The ministry cited a 2009 crisis as the cause.", ["2009-12-31"]),
    ("The ministry checked the 2025 records of each district.", []),
])
def test_a_year_before_a_singular_noun_in_s_is_a_year(text: str, expected: list[str]) -> None:
    assert [d.due for d in resolved("en", text, PUBLISHED)] == expected


@pytest.mark.parametrize("lang, text, due", [
    ("ru", "Министерствам до 1 октября текущего года поручено разработать комплекс мер.", "2025-10-01"),
    ("ru", "Районам завершить проверку к 15 марта следующего года.", "2026-03-15"),
    ("vi", "Các sở hoàn thành trước ngày 1 tháng 10 năm nay.", "2025-10-01"),
    ("vi", "Các huyện hoàn thành trước ngày 15 tháng 3 năm sau.", "2026-03-15"),
])
def test_a_day_whose_month_takes_a_relative_year_keeps_its_day(lang: str, text: str, due: str) -> None:
    """"до 1 октября текущего года": the day, in the year the words name, not the month's last day."""
    (found,) = [d for d in resolved(lang, text) if d.role == "deadline"]
    assert (found.due, found.granularity) == (due, "day")


@pytest.mark.parametrize("lang, text", [
    ("en", "The projects were scheduled to be ready by December 2021. Five projects would be ready by November."),
    ("de", "Die Projekte sollten bis Dezember 2021 fertig sein. Fünf Projekte sollen bis Ende November fertig werden."),
    ("ru", "Объекты планировалось сдать до декабря 2021 года. Пять объектов будут готовы до конца ноября."),
    ("vi", "Các công trình dự kiến hoàn thành trong tháng 12/2021. Năm công trình sẽ hoàn thành trước cuối tháng 11."),
])
def test_a_yearless_month_after_a_whole_month_takes_its_year(lang: str, text: str) -> None:
    """No meeting date and no publication line: the month the text last gave whole is the narrative's time."""
    dues = [d.due for d in resolved(lang, text, anchor=None) if d.role == "deadline"]
    assert dues == ["2021-12-31", "2021-11-30"]
