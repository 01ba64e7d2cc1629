"""extract/counts.py: counts in four languages, their number formats, and what is not a count."""

from __future__ import annotations

import pytest

from pipeline.extract.counts import extract_counts
from pipeline.extract.identifiers import SpanIndex, identifier_spans
from pipeline.extract.numbers import syntax
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
]


@pytest.mark.parametrize("lang, text", NOT_COUNTS, ids=[f"{c[0]}-{i}" for i, c in enumerate(NOT_COUNTS)])
def test_identifiers_and_durations_are_not_counts(lang: str, text: str) -> None:
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


# The unit is the head of the counted noun phrase; an unknown head is its own unit, in the
# language's dictionary form (en singular; de the noun as written less a dative -n; ru the
# nominative singular by ending rules, else as written; vi the noun's syllables).
UNKNOWN_UNITS = [
    ("en", "The operator switched on 40 BTS stations last week.", [(40, None, "station")]),
    ("en", "Engineers set up 12 bridge points for the online meeting.", [(12, None, "point")]),
    ("en", "Patrols made 35 trips along the coast.", [(35, None, "trip")]),
    ("en", "The app now has 2.2 billion users.", [(2.2e9, None, "user")]),
    ("en", "Some 658 open data sources were published.", [(658, None, "source")]),
    ("en", "The district repaired 14 ferries and 9 churches.", [(14, None, "ferry"), (9, None, "church")]),
    ("en", "The assembly passed two important and fundamental laws.", [(2, None, "law")]),
    ("de", "Der Betreiber stellte 40 neue Windräder auf.", [(40, None, "Windräder")]),
    ("de", "Die Sitzung war mit 1.250 Zuschauern verbunden.", [(1250, None, "Zuschauer")]),
    ("de", "Sie verabschiedete zwei wichtige und grundlegende Gesetze.", [(2, None, "law")]),
    ("ru", "Город открыл 40 новых скверов.", [(40, None, "сквер")]),
    ("ru", "Патрули совершили 35 рейдов.", [(35, None, "рейд")]),
    ("ru", "Отремонтировано 12 паромов и 7 причалов.", [(12, None, "паром"), (7, None, "причал")]),
    ("ru", "Совещания прошли в 84 гарнизонах.", [(84, None, "гарнизон")]),
    ("vi", "Nhà mạng đã dựng 40 cột ăng-ten mới.", [(40, None, "cột ăng-ten")]),
    ("vi", "Thị xã có 12 cây xăng mới.", [(12, None, "cây xăng")]),
    ("vi", "Lực lượng đã thực hiện 35 cuộc tuần tra trên biển.", [(35, None, "cuộc tuần tra")]),
    ("vi", "Tỉnh có 20 đề tài KH-CN được nghiệm thu.", [(20, None, "đề tài")]),
]


@pytest.mark.parametrize("lang, text, expected", UNKNOWN_UNITS, ids=[f"{c[0]}-{i}" for i, c in enumerate(UNKNOWN_UNITS)])
def test_an_unknown_head_is_its_own_unit(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


# Known heads are named alike in every language, so that a report and its translation agree.
@pytest.mark.parametrize("lang, text", [
    ("en", "The steering committee has 19 members."),
    ("de", "Der Lenkungsausschuss besteht aus 19 Mitgliedern."),
    ("ru", "В состав комитета входят 19 членов."),
    ("vi", "Ban chỉ đạo gồm 19 thành viên."),
])
def test_known_heads_agree_across_languages(lang: str, text: str) -> None:
    assert counts(lang, text) == [(19, None, "member")]


# The common nouns of public administration reports have one English unit in every language.
SAME_NOUN = {
    "land plot": {"en": "The commune handed over 120 land plots.", "de": "Die Gemeinde übergab 120 Grundstücke.",
                  "ru": "Община передала 120 земельных участков.", "vi": "Xã đã bàn giao 120 thửa đất."},
    "city": {"en": "The network reaches 12 cities.", "de": "Das Netz erreicht 12 Städte.",
             "ru": "Сеть охватывает 12 городов.", "vi": "Mạng lưới phủ 12 thành phố."},
    "person": {"en": "The province trained 13,000 officials.", "de": "Die Provinz schulte 13.000 Beamte.",
               "ru": "Область обучила 13 000 должностных лиц.", "vi": "Tỉnh đã tập huấn 13.000 cán bộ."},
    "station": {"en": "The operator switched on 40 BTS stations.", "de": "Der Betreiber schaltete 40 Basisstationen frei.",
                "ru": "Оператор запустил 40 базовых станций.", "vi": "Nhà mạng đã lắp 40 trạm BTS."},
    "point": {"en": "The meeting linked 12 bridge points.", "de": "Die Sitzung verband 12 Übertragungspunkte.",
              "ru": "Совещание объединило 12 пунктов связи.", "vi": "Hội nghị kết nối 12 điểm cầu."},
    "trip": {"en": "Patrols made 35 trips along the coast.", "de": "Die Streifen unternahmen 35 Fahrten an der Küste.",
             "ru": "Патрули совершили 35 поездок вдоль побережья.", "vi": "Lực lượng thực hiện 35 chuyến tuần tra."},
    "vehicle": {"en": "Police checked 300 vehicles.", "de": "Die Polizei kontrollierte 300 Fahrzeuge.",
                "ru": "Полиция проверила 300 транспортных средств.", "vi": "Công an kiểm tra 300 phương tiện."},
    "report": {"en": "The police received 430 reports.", "de": "Die Polizei erhielt 430 Meldungen.",
               "ru": "Полиция получила 430 сообщений.", "vi": "Công an tiếp nhận 430 tin báo."},
    "school": {"en": "Wi-Fi reached 85 schools.", "de": "WLAN erreichte 85 Schulen.",
               "ru": "Wi-Fi появился в 85 школах.", "vi": "Wi-Fi đã phủ 85 trường học."},
    "hospital": {"en": "Records link 14 hospitals.", "de": "Die Akten verbinden 14 Krankenhäuser.",
                 "ru": "Записи связывают 14 больниц.", "vi": "Hồ sơ kết nối 14 bệnh viện."},
    "locality": {"en": "The plan covers 63 localities.", "de": "Der Plan umfasst 63 Kommunen.",
                 "ru": "План охватывает 63 населённых пункта.", "vi": "Kế hoạch bao phủ 63 địa phương."},
    "card": {"en": "The bank issued 2,000 cards.", "de": "Die Bank gab 2.000 Karten aus.",
             "ru": "Банк выпустил 2000 карт.", "vi": "Ngân hàng phát hành 2.000 thẻ."},
}


@pytest.mark.parametrize("unit, lang", [(u, lang) for u, by_lang in SAME_NOUN.items() for lang in by_lang])
def test_the_same_noun_is_the_same_unit_in_every_language(unit: str, lang: str) -> None:
    assert [c[2] for c in counts(lang, SAME_NOUN[unit][lang])] == [unit]


# "Kommunen" alone are the localities (provinces, cities) of a country; "Kommunen und Bezirke" the
# lowest level of communes and wards.
@pytest.mark.parametrize("lang, text", [
    ("en", "The meeting linked 58 communes and wards."),
    ("de", "Die Sitzung verband 58 Kommunen und Bezirke."),
    ("ru", "Совещание объединило 58 общин и волостей."),
    ("vi", "Hội nghị kết nối 58 xã, phường."),
])
def test_communes_and_wards_are_communes(lang: str, text: str) -> None:
    assert counts(lang, text) == [(58, None, "commune")]


def test_a_classifier_passes_the_unit_to_its_noun() -> None:
    assert counts("vi", "Đội đã huy động 3 chiếc xe tới hiện trường.") == [(3, None, "vehicle")]


# The phrase ends where the noun phrase ends: no unit is looked for past it.
PHRASE_ENDS = [
    ("en", "The ministry said on Dec. 2 that the province would act."),
    ("en", "In the first 2 days the team met daily."),
    ("en", "Of the 12 that applied, none were approved."),
    ("de", "Am 2. Dezember sagte die Provinz, dass sie handeln werde."),
    ("de", "In den ersten 2 Tagen tagte das Team."),
    ("ru", "За первые 2 дня команда провела встречи."),
    ("ru", "Из 12 подавших никто не одобрен."),
    ("ru", "Ещё 35 млн выделены на ремонт."),
    ("vi", "Trong 2 ngày đầu, đoàn làm việc liên tục."),
    ("vi", "Có 12 đã đăng ký nhưng chưa ai được duyệt."),
    ("en", "The session opened at 10:30 with the chair."),
    ("de", "Die Sprechstunde ist von 9 bis 12 Uhr."),
    ("ru", "Рост на 12 до 2025 года не ожидается."),
]


@pytest.mark.parametrize("lang, text", PHRASE_ENDS, ids=[f"{c[0]}-{i}" for i, c in enumerate(PHRASE_ENDS)])
def test_the_unit_search_stops_at_the_end_of_the_noun_phrase(lang: str, text: str) -> None:
    assert counts(lang, text) == []


# Scales multiply; number words in each language.
SCALES = [
    ("en", "About 4 hundred people joined.", [(400, None, "person")]),
    ("en", "The city has 1.5 million residents.", [(1.5e6, None, "person")]),
    ("de", "Die Stadt hat 1,5 Millionen Einwohner.", [(1.5e6, None, "person")]),
    ("ru", "В городе 2,5 млн жителей.", [(2.5e6, None, "person")]),
    ("vi", "Thành phố có 1,5 triệu người dân.", [(1.5e6, None, "person")]),
    ("vi", "Khoảng 4 trăm người dân tham gia.", [(400, None, "person")]),
    ("en", "The app now has 3bn users.", [(3e9, None, "user")]),
    ("de", "Die App hat 2,2 Milliarden Nutzer.", [(2.2e9, None, "user")]),
    ("ru", "У приложения 2,2 млрд пользователей.", [(2.2e9, None, "user")]),
    ("vi", "Ứng dụng có 2,2 tỷ người dùng.", [(2.2e9, None, "user")]),
    ("de", "Zum Fest kamen 4 Tausend Menschen.", [(4000, None, "person")]),
    ("ru", "На праздник пришли 4 тыс. человек.", [(4000, None, "person")]),
    ("en", "Twelve tasks were finished.", [(12, None, "task")]),
    ("de", "Zwölf Aufgaben sind erledigt.", [(12, None, "task")]),
    ("ru", "Выполнено двенадцать задач.", [(12, None, "task")]),
    ("vi", "Đã hoàn thành mười hai nhiệm vụ.", [(12, None, "task")]),
]


@pytest.mark.parametrize("lang, text, expected", SCALES, ids=[f"{c[0]}-{i}" for i, c in enumerate(SCALES)])
def test_scales_and_number_words(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


def test_hundreds_without_a_number_are_no_count() -> None:
    assert counts("vi", "Có hàng trăm người dân tham gia.") == []


# A range is one count: its lower bound, qualifier at_least; the evidence text spans the whole range.
RANGES = [
    ("en", "Inflation is expected between 5% and 6% next year.", "5% and 6%"),
    ("en", "Rents rose 5 to 6 per cent.", "5 to 6 per cent"),
    ("en", "Unemployment stays at 5–6% this year.", "5–6%"),
    ("de", "Die Inflation liegt zwischen 5 und 6 Prozent.", "5 und 6 Prozent"),
    ("de", "Die Mieten stiegen um 5 bis 6 Prozent.", "5 bis 6 Prozent"),
    ("ru", "Рост составит от 5 до 6%.", "5 до 6%"),
    ("vi", "Tăng trưởng dự kiến từ 5 đến 6%.", "5 đến 6%"),
]


@pytest.mark.parametrize("lang, text, evidence", RANGES, ids=[f"{c[0]}-{i}" for i, c in enumerate(RANGES)])
def test_a_range_is_one_count_at_its_lower_bound(lang: str, text: str, evidence: str) -> None:
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    (c,) = extract_counts(sentence, lang, [])
    assert (c.value, c.unit, c.qualifier, c.text) == (5, "%", "at_least", evidence)


def test_a_range_shares_its_scale() -> None:
    assert counts("en", "The fund reached 1.5 to 2 million households.") == [(1.5e6, None, "household")]


@pytest.mark.parametrize("lang, text, value", [
    ("en", "Growth slowed to 1.38pc in the quarter.", 1.38),
    ("en", "Exports fell -1.3% in May.", -1.3),
    ("en", "Imports rose +2.5% in May.", 2.5),
    ("de", "Die Exporte sanken um -1,3 % im Mai.", -1.3),
    ("ru", "Экспорт снизился на -1,3%.", -1.3),
    ("vi", "Xuất khẩu giảm -1,3% trong tháng.", -1.3),
])
def test_signed_and_glued_percentages(lang: str, text: str, value: float) -> None:
    assert counts(lang, text) == [(value, None, "%")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Steering Committee 1287 presented its report."),
    ("en", "Citizens get level 2 electronic identification accounts."),
    ("ru", "Граждане получают учетные записи уровня 2."),
    ("vi", "Người dân được cấp tài khoản định danh mức độ 2."),
])
def test_a_number_after_a_name_or_a_level_is_no_count(lang: str, text: str) -> None:
    assert counts(lang, text) == []


@pytest.mark.parametrize("lang, text, unit", [
    ("en", "The districts built 55 and 56 charging stations.", "station"),
    ("de", "Die Landkreise kommen auf 55 und 56 Ladestationen.", "station"),
    ("ru", "В районах построено 55 и 56 зарядных станций.", "station"),
    ("vi", "Các huyện lắp 55 và 56 trạm sạc.", "station"),
])
def test_a_number_joined_to_a_count_shares_its_unit(lang: str, text: str, unit: str) -> None:
    assert counts(lang, text) == [(55, None, unit), (56, None, unit)]


def test_a_pending_part_takes_the_unit_of_the_whole() -> None:
    text = "Of these, 33,601 accounts have been activated, while 10,325 remain pending."
    assert counts("en", text) == [(33601, None, "account"), (10325, None, "account")]


# Linear time: hostile sentences finish, and every number is still read.
def test_ten_thousand_numbers_in_one_sentence() -> None:
    text = " ".join(["1"] * 10_000) + " and 7 tasks."
    assert counts("en", text)[-1] == (7, None, "task")


def test_a_one_megabyte_paragraph() -> None:
    clause = "Der Bezirk meldete 12 neue Ladestationen, die im Plan der Provinz für die Digitalisierung der Verwaltung vorgesehen waren und termingerecht gebaut wurden; "
    text = clause * (1_000_000 // len(clause))
    masks = SpanIndex(identifier_spans(text, "de"))
    found = extract_counts(Sentence(index=0, start=0, end=len(text), text=text), "de", masks)
    assert len(found) == text.count("12 neue") and {c.unit for c in found} == {"station"}


def test_a_run_of_hyphenated_numbers_is_no_code() -> None:
    assert identifier_spans("-".join(["1"] * 20_000), "en") == []


# "of whom", "davon", "из них", "trong đó" open a part of the count before them: the part takes the
# whole's unit, even where its clause goes on to name another noun.
@pytest.mark.parametrize("lang, text", [
    ("en", "In all 210,000 learners enrolled, of whom 148,000 completed basic digital skills training."),
    ("de", "Insgesamt meldeten sich 210.000 Lernende an, davon haben 148.000 das Zertifikat erhalten."),
    ("ru", "Обучение прошли 210 000 слушателей, из них 148 000 получили сертификат."),
    ("vi", "Có 210.000 học viên đăng ký, trong đó 148.000 hoàn thành khóa kỹ năng số cơ bản."),
])
def test_a_part_after_of_which_takes_the_unit_of_the_whole(lang: str, text: str) -> None:
    assert counts(lang, text) == [(210000, None, "learner"), (148000, None, "learner")]


def test_a_part_that_names_its_own_noun_keeps_it() -> None:
    assert counts("en", "The city has 300 schools, including 12 new libraries.") == [(300, None, "school"), (12, None, "library")]


def test_a_percent_is_a_count_after_a_word_that_also_opens_a_name() -> None:
    assert counts("vi", "Công an đã thông báo 100% số định danh cá nhân.") == [(100, None, "%")]


def test_the_length_of_a_number_is_no_count() -> None:
    # "9 số" is the 9-digit ID card; the phrase ends at "tỷ lệ", which opens the rate
    assert counts("vi", "Người dân còn dùng chứng minh nhân dân 9 số tỷ lệ 12%.") == [(12, None, "%")]


# A number after its verb counts the noun of the "number of X" phrase before the verb.
@pytest.mark.parametrize("lang, text, unit", [
    ("en", "The number of online public services reached 1,595 in May.", "public service"),
    ("en", "The total number of records handled this year was 1,595.", "record"),
    ("de", "Die Zahl der Online-Dienste betrug zuletzt 1.595.", "public service"),
    ("de", "Die Gesamtzahl der bearbeiteten Anträge lag bei 1.595.", "application"),
    ("ru", "Количество государственных услуг, оказанных в электронном виде, составило 1595.", "public service"),
    ("vi", "Số hồ sơ tiếp nhận trong tháng là 1.595.", "record"),
    ("vi", "Tổng số tài khoản định danh điện tử được kích hoạt đạt 1.595.", "account"),
])
def test_a_number_after_its_verb_counts_the_number_of_phrase(lang: str, text: str, unit: str) -> None:
    assert counts(lang, text) == [(1595, None, unit)]


@pytest.mark.parametrize("lang, text", [
    ("en", "The number of services rose. The team was 12 in all."),
    ("vi", "Kế hoạch số 192 là 5."),
])
def test_a_number_of_phrase_in_another_sentence_part_counts_nothing(lang: str, text: str) -> None:
    assert counts(lang, text) == []


# A number whose own modifiers stand before "and" shares the unit of the count after it.
@pytest.mark.parametrize("lang, text", [
    ("en", "The portal offers 620 level-3 and 912 level-4 online public services."),
    ("de", "Das Portal bietet 620 vollständige und 912 teilweise Online-Dienste."),
    ("ru", "Портал предлагает 620 полностью и 912 частично электронных услуг."),
])
def test_a_number_with_its_own_modifiers_shares_the_unit_after_and(lang: str, text: str) -> None:
    assert counts(lang, text) == [(620, None, "public service"), (912, None, "public service")]


def test_a_word_that_starts_like_a_time_word_is_no_duration() -> None:
    # "частично" (partly) is no "час" (hour)
    assert counts("ru", "Портал предлагает 912 частично электронных услуг.") == [(912, None, "public service")]


# A number and its phrase that make up a whole quotation are a slogan, not a count.
@pytest.mark.parametrize("lang, text", [
    ("en", 'Work follows the "four nos" motto and covers 12 tasks.'),
    ("de", "Die Arbeit folgt dem Motto „Vier Neins“ und umfasst 12 Aufgaben."),
    ("ru", "Работа идёт под лозунгом «3 нет» и охватывает 12 задач."),
    ("vi", "Thực hiện phương châm “5 rõ” và hoàn thành 12 nhiệm vụ."),
])
def test_a_quoted_slogan_is_no_count(lang: str, text: str) -> None:
    assert counts(lang, text) == [(12, None, "task")]


# The common nouns of government reports have one English unit in every language, whatever the case form.
COMMON_NOUNS = {
    "ministry": {"en": "The reform touched 12 ministries.", "de": "Die Reform betraf 12 Ministerien.",
                 "ru": "Реформа затронула 12 министерств.", "vi": "Cải cách liên quan 12 bộ, ngành."},
    "department": {"en": "The city merged 40 departments.", "de": "Die Stadt legte 40 Abteilungen zusammen.",
                   "ru": "Город объединил 40 департаментов.", "vi": "Thành phố sắp xếp lại 40 sở, ban, ngành."},
    "level": {"en": "Services run at 3 levels.", "de": "Die Dienste laufen auf 3 Ebenen.",
              "ru": "Услуги работают на 3 уровнях.", "vi": "Dịch vụ vận hành ở 3 cấp chính quyền."},
    "hectare": {"en": "Farmers sowed 1,200 hectares.", "de": "Die Landwirte säten auf 1.200 Hektar.",
                "ru": "Аграрии засеяли 1200 гектаров.", "vi": "Nông dân đã gieo 1.200 ha."},
    "tonne": {"en": "The harvest gave 900 tonnes.", "de": "Die Ernte brachte 900 Tonnen.",
              "ru": "Урожай дал 900 тонн.", "vi": "Vụ thu hoạch đạt 900 tấn."},
    "house": {"en": "The fund rebuilt 15 houses.", "de": "Der Fonds baute 15 Häuser wieder auf.",
              "ru": "Фонд восстановил 15 домов.", "vi": "Quỹ đã xây lại 15 căn nhà."},
    "bridge": {"en": "The province repaired 4 bridges.", "de": "Die Provinz reparierte 4 Brücken.",
               "ru": "Область отремонтировала 4 моста.", "vi": "Tỉnh đã sửa 4 cây cầu."},
    "inspection": {"en": "The agency carried out 40 inspections.", "de": "Die Behörde führte 40 Kontrollen durch.",
                   "ru": "Ведомство провело 40 проверок.", "vi": "Cơ quan đã tiến hành 40 cuộc thanh tra."},
    "violation": {"en": "Inspectors found 12 violations.", "de": "Die Prüfer fanden 12 Verstöße.",
                  "ru": "Инспекторы выявили 12 нарушений.", "vi": "Đoàn phát hiện 12 hành vi vi phạm."},
    "doctor": {"en": "The clinic hired 30 doctors.", "de": "Die Klinik stellte 30 Ärzte ein.",
               "ru": "Клиника приняла 30 врачей.", "vi": "Phòng khám tuyển 30 bác sĩ."},
    "teacher": {"en": "The district trained 250 teachers.", "de": "Der Bezirk schulte 250 Lehrer.",
                "ru": "Район обучил 250 учителей.", "vi": "Huyện đã tập huấn 250 giáo viên."},
    "cooperative": {"en": "The commune supports 15 cooperatives.", "de": "Die Gemeinde fördert 15 Genossenschaften.",
                    "ru": "Община поддерживает 15 кооперативов.", "vi": "Xã hỗ trợ 15 hợp tác xã."},
    "product": {"en": "The scheme certified 120 products.", "de": "Das Programm zertifizierte 120 Produkte.",
                "ru": "Программа сертифицировала 120 продуктов.", "vi": "Chương trình đã công nhận 120 sản phẩm OCOP."},
}


@pytest.mark.parametrize("unit, lang", [(u, lang) for u, by_lang in COMMON_NOUNS.items() for lang in by_lang])
def test_common_nouns_of_reports_are_one_english_unit(unit: str, lang: str) -> None:
    assert [c[2] for c in counts(lang, COMMON_NOUNS[unit][lang])] == [unit]


@pytest.mark.parametrize("text", [
    "Засеяно 1 гектар.", "Засеяно 3 гектара.", "Засеяно 1200 гектаров.", "Засеяно 79 тыс. га.",
])
def test_every_russian_case_form_of_a_noun_is_one_unit(text: str) -> None:
    assert [c[2] for c in counts("ru", text)] == ["hectare"]


def test_a_capitalised_german_adjective_is_no_head() -> None:
    assert counts("de", "Es wurden 300 Allgemeine Geschäftsbedingungen geprüft.") == [(300, None, "condition")]


# "one of 10 provinces" names a member: no count 1/10 (the 10 may stand on its own).
@pytest.mark.parametrize("lang, text", [
    ("en", "Hanoi is one of 10 provinces that piloted the model."),
    ("de", "Hanoi ist eine von 10 Provinzen, die das Modell erprobten."),
    ("ru", "Ханой стал одной из 10 провинций, где опробовали модель."),
    ("vi", "Hà Nội là một trong 10 tỉnh thí điểm mô hình."),
])
def test_one_of_many_is_no_fraction(lang: str, text: str) -> None:
    assert counts(lang, text) == [(10, None, "province")]


# A rank is no count of work done, and neither is the "of 63" after it.
@pytest.mark.parametrize("lang, text", [
    ("en", "The province ranked 56th of 63 provinces."),
    ("en", "The province ranked 56 out of 63 provinces."),
    ("de", "Die Provinz belegte Platz 56 von 63 Provinzen."),
    ("de", "Die Provinz kam auf den 56. Platz von 63 Provinzen."),
    ("ru", "Область заняла 56-е место из 63 регионов."),
    ("ru", "Область находится на 56 месте из 63 регионов."),
    ("vi", "Tỉnh xếp thứ 56/63 tỉnh, thành phố."),
    ("vi", "Chỉ số của tỉnh xếp 56/63 tỉnh, đứng thứ 12 trên 63 tỉnh về chuyển đổi số."),
])
def test_a_rank_is_no_count(lang: str, text: str) -> None:
    assert counts(lang, text) == []


@pytest.mark.parametrize("lang, text", [
    ("en", "The team completed 6 of 38 models after ranking 5th."),
    ("vi", "Tỉnh đã sắp xếp 6 trên 38 mô hình."),
])
def test_a_fraction_after_no_rank_stays_a_fraction(lang: str, text: str) -> None:
    assert counts(lang, text) == [(6, 38, "model")]


# Both ends of a range may carry the percent sign: still one count at the lower bound, over the whole range.
@pytest.mark.parametrize("lang, text, evidence", [
    ("en", "Growth is expected at 2.5%–3% this year.", "2.5%–3%"),
    ("de", "Das Wachstum soll 2,5% - 3% betragen.", "2,5% - 3%"),
    ("ru", "Рост составит 2,5% - 3%.", "2,5% - 3%"),
    ("vi", "Tăng trưởng dự kiến từ 2,5% đến 3%.", "2,5% đến 3%"),
])
def test_a_range_of_two_percentages_is_one_count(lang: str, text: str, evidence: str) -> None:
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    (c,) = extract_counts(sentence, lang, identifier_spans(text, lang))
    assert (c.value, c.unit, c.qualifier, c.text) == (2.5, "%", "at_least", evidence)


# A fraction in parentheses after a rate counts the noun of the rate ("rate of records ... 99.8% (1,650/1,653)").
@pytest.mark.parametrize("lang, text", [
    ("en", "The rate of records handled on time reached 99.8% (1,650/1,653)."),
    ("de", "Der Anteil der fristgerecht bearbeiteten Akten lag bei 99,8 % (1.650/1.653)."),
    ("ru", "Доля дел, рассмотренных в срок, составила 99,8% (1650/1653)."),
    ("vi", "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,8% (1.650/1.653)."),
])
def test_a_fraction_after_a_rate_counts_the_rate_noun(lang: str, text: str) -> None:
    assert counts(lang, text) == [(99.8, None, "%"), (1650, 1653, "record")]


@pytest.mark.parametrize("text", [
    "Trung tâm đã tiếp nhận 113.893/113.893 hồ sơ đúng hạn.",
    "Tỷ lệ giải quyết đúng hạn đạt 100% (113.893/113.893 hồ sơ).",
])
def test_a_vietnamese_fraction_reads_thousands_dots(text: str) -> None:
    assert counts("vi", text)[-1] == (113893, 113893, "record")


# A number whose verb or modifier stands before "and" shares the noun after the last number of the list.
@pytest.mark.parametrize("lang, text", [
    ("en", "The province simplified 2,675 and abolished 1,200 administrative procedures."),
    ("de", "Es wurden 2.675 vereinfachte und 1.200 abgeschaffte Verfahren gemeldet."),
    ("de", "Vereinfacht wurden 2.675 und abgeschafft 1.200 Verfahren."),
    ("ru", "Упрощено 2675 и отменено 1200 административных процедур."),
    ("vi", "Tỉnh đã đơn giản hóa 2.675 và bãi bỏ 1.200 thủ tục hành chính."),
])
def test_a_number_before_a_verb_and_another_number_shares_its_noun(lang: str, text: str) -> None:
    assert counts(lang, text) == [(2675, None, "administrative procedure"), (1200, None, "administrative procedure")]


def test_places_that_are_no_rank_are_counted() -> None:
    # "3 места" are three seats or places; only "на 56 месте", "56 место" and "56-е место" are ranks
    assert [c[0] for c in counts("ru", "Создано 3 места для парковки.")] == [3]


# Number words joined into one number, the larger part first, or in German as one word with the units first.
NUMBER_WORDS = [
    ("en", "Twenty-one communes sent their reports.", [(21, None, "commune")]),
    ("en", "One hundred and twenty households moved to the new site.", [(120, None, "household")]),
    ("de", "Einundzwanzig Gemeinden schickten ihre Berichte.", [(21, None, "commune")]),
    ("de", "Zweihundertdreißig Haushalte zogen an den neuen Ort.", [(230, None, "household")]),
    ("ru", "Двадцать один район направил отчёты.", [(21, None, "district")]),
    ("ru", "На новое место переехали сто двадцать домохозяйств.", [(120, None, "household")]),
    ("vi", "Hai mươi mốt xã đã gửi báo cáo.", [(21, None, "commune")]),
    ("vi", "Có một trăm hai mươi hộ dân chuyển đến nơi ở mới.", [(120, None, "household")]),
]


@pytest.mark.parametrize("lang, text, expected", NUMBER_WORDS, ids=[f"{c[0]}-{i}" for i, c in enumerate(NUMBER_WORDS)])
def test_number_words_make_one_number(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


# Words that make no one number: a list, or a part that never stands alone ("ein", "один", "mốt").
@pytest.mark.parametrize("lang, words, value", [
    ("en", "five six", None), ("en", "five and six", None), ("en", "twenty thirty", None), ("en", "two thousand five hundred", 2500),
    ("de", "ein", None), ("de", "sechsundsechzig", 66), ("de", "dreitausendfünfhundert", 3500),
    ("ru", "один", None), ("ru", "двадцати одного", 21), ("ru", "пять шесть", None),
    ("vi", "mốt", None), ("vi", "mười lăm", 15), ("vi", "một trăm linh hai", 102), ("vi", "bốn mươi tư", 44),
])
def test_number_words_parse(lang: str, words: str, value: float | None) -> None:
    assert syntax(lang).parse(words) == value


def test_a_run_of_number_words_is_read_in_linear_time() -> None:
    text = " ".join(["one"] * 20_000) + " and seven tasks."
    assert counts("en", text)[-1] == (7, None, "task")


# Money is an amount of its currency: the value with its scale, the unit the currency's code.
MONEY = [
    ("en", "The province saved 4,800 billion VND this year.", [(4.8e12, None, "VND")]),
    ("en", "The bank lent $5 million and 20 euros more.", [(5e6, None, "USD"), (20, None, "EUR")]),
    ("en", "The plan costs US$3bn, or VND1 trillion for each district.", [(3e9, None, "USD"), (1e12, None, "VND")]),
    ("de", "Der Bund stellte 2,5 Milliarden Euro bereit.", [(2.5e9, None, "EUR")]),
    ("de", "Das Kraftwerk kostet 1,657 Billionen VND, für die Straße sind es 3,2 Mrd. Dong.", [(1.657e12, None, "VND"), (3.2e9, None, "VND")]),
    ("de", "Das kostet 5 Euro und dauert 30 Minuten.", [(5, None, "EUR")]),
    ("ru", "На программу выделено 1,2 трлн рублей.", [(1.2e12, None, "RUB")]),
    ("ru", "Собрали 150 миллионов донгов и 3 млрд руб. на ремонт.", [(1.5e8, None, "VND"), (3e9, None, "RUB")]),
    ("vi", "Tỉnh đã giải ngân 500 tỷ đồng cho dự án.", [(5e11, None, "VND")]),
    ("vi", "Tổng vốn 1,6 nghìn tỷ đồng và 5 triệu đô la.", [(1.6e12, None, "VND"), (5e6, None, "USD")]),
]


@pytest.mark.parametrize("lang, text, expected", MONEY, ids=[f"{c[0]}-{i}" for i, c in enumerate(MONEY)])
def test_money_is_an_amount_of_its_currency(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


def test_money_keeps_its_sign_and_qualifier() -> None:
    sentence = Sentence(index=0, start=0, end=40, text="The bank lent nearly $5 million in May.")
    (c,) = extract_counts(sentence, "en", [])
    assert (c.text, c.qualifier) == ("$5 million", "about")


# "đồng" opens words of its own: "12 đồng chí" are twelve comrades, no money
def test_a_vietnamese_word_that_starts_with_dong_is_no_money() -> None:
    assert counts("vi", "Có 12 đồng chí tham dự.") == [(12, None, "person")]
    assert all(c[2] != "VND" for c in counts("vi", "Hệ thống đồng bộ 3 cấp đã vận hành."))


# "31/7" is a day and a month, no fraction: a part larger than its whole of at most 12, or a date word before it.
@pytest.mark.parametrize("lang, text, expected", [
    ("vi", "Hoàn thành trước ngày 31/7 đối với 12 xã.", [(12, None, "commune")]),
    ("vi", "Hạn chót 5/7 phải nộp 12 hồ sơ.", [(12, None, "record")]),
    ("vi", "Đã hoàn thành 5/7 nhiệm vụ.", [(5, 7, "task")]),
    ("vi", "Số xã đạt chuẩn tăng từ 5/7 xã lên 7/7 xã.", [(5, 7, "commune"), (7, 7, "commune")]),
    ("en", "The 31/7 meeting gathered 12 communes.", [(12, None, "commune")]),
    ("en", "Reports are due by 5/7 from 12 districts.", [(12, None, "district")]),
    ("en", "The province completed 5/7 tasks.", [(5, 7, "task")]),
])
def test_a_day_and_month_is_no_fraction(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


# A number that ends a name is no count: after a capitalised word within the sentence, or after a noun that
# takes a number as its name ("Bezirk 2", "Phường 5"); a title-case headline and a known unit in Russian still count.
NAMES = [
    ("en", "The Song Bung 4 hydropower plant employs 40 workers.", [(40, None, "person")]),
    ("en", "Residents of Line 3 stations and Zone 4 households were told.", []),
    ("en", "Hanoi Completes 120 Tasks Ahead Of Schedule", [(120, None, "task")]),
    ("de", "Im Bezirk 2 Bao Loc gingen 300 Anträge ein.", [(300, None, "application")]),
    ("de", "Die Schule 3 Lehrer wurden geschult.", []),
    ("de", "Insgesamt haben die Gemeinden 120 Anträge erhalten.", [(120, None, "application")]),
    ("ru", "Подряд ведут 3 компании, в том числе Зуйтьен 2.", [(3, None, "enterprise")]),
    ("ru", "Проверено 5 станций, из них Зуйтьен 1 и Зуйтьен 2.", [(5, None, "station")]),
    ("ru", "В провинции Тханьхоа 27 районов.", [(27, None, "district")]),
    ("en", "The new communes include Hanoi 126 communes and Hue 8 communes.", [(126, None, "commune"), (8, None, "commune")]),
    ("vi", "Trong đó, Hà Nội 126 xã, Huế 8 xã.", [(126, None, "commune"), (8, None, "commune")]),
    ("vi", "Thủy điện Sông Bung 4 phát điện 12 tổ máy.", [(12, None, "tổ máy")]),
    ("vi", "Trường Mầm non Hoa Sen 1 tổ chức khai giảng cho 300 học sinh.", [(300, None, "student")]),
    ("vi", "Phường 5 có 300 hộ dân.", [(300, None, "household")]),
]


@pytest.mark.parametrize("lang, text, expected", NAMES, ids=[f"{c[0]}-{i}" for i, c in enumerate(NAMES)])
def test_a_number_that_ends_a_name_is_no_count(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


# The glossary: heads that reports count have one English unit in every language, in any case form
# (German datives, Russian oblique cases after prepositions).
GLOSSARY = {
    "district": {"en": "Floods hit 5 districts.", "de": "Das Hochwasser traf Dörfer in 5 Distrikten.",
                 "ru": "Паводок затронул сёла в 3 округах.", "vi": "Lũ ảnh hưởng 5 huyện."},
    "dispatch": {"en": "The ministry sent 12 dispatches.", "de": "Das Ministerium verschickte 12 Depeschen.",
                 "ru": "Министерство направило 12 депеш.", "vi": "Bộ đã gửi 12 công điện."},
    "user": {"en": "The app has 300 users.", "de": "Die App hat 300 Nutzer.",
             "ru": "У приложения 300 пользователей.", "vi": "Ứng dụng có 300 người dùng."},
    "computer": {"en": "Donors gave 17 computers.", "de": "Spender gaben 17 Computer.",
                 "ru": "Спонсоры передали 17 компьютеров.", "vi": "Nhà tài trợ tặng 17 máy tính."},
    "family": {"en": "Aid reached 300 families.", "de": "Die Hilfe erreichte 300 Familien.",
               "ru": "Помощь получили 300 семей.", "vi": "Hỗ trợ đến 300 gia đình."},
    "child": {"en": "The school took in 45 children.", "de": "Die Schule nahm 45 Kinder auf.",
              "ru": "Школа приняла 45 детей.", "vi": "Trường đã nhận 45 trẻ em."},
    "team": {"en": "The province set up 1,086 teams.", "de": "Die Provinz bildete 1.086 Teams.",
             "ru": "В провинции создано 1086 команд.", "vi": "Tỉnh thành lập 1.086 tổ công nghệ số cộng đồng."},
    "passport": {"en": "Officers found 74 forged passports.", "de": "Beamte entdeckten 74 gefälschte Reisepässe.",
                 "ru": "Сотрудники выявили 74 поддельных паспорта.", "vi": "Cán bộ phát hiện 74 hộ chiếu giả."},
    "site": {"en": "The ceremony was broadcast to 69 sites.", "de": "Die Feier wurde an 69 Standorte übertragen.",
             "ru": "Церемонию транслировали на 69 площадок.", "vi": "Buổi lễ được truyền tới 69 địa điểm."},
    "expert": {"en": "The board invited 8 experts.", "de": "Der Rat lud 8 Experten ein.",
               "ru": "Совет пригласил 8 экспертов.", "vi": "Hội đồng mời 8 chuyên gia."},
    "centre": {"en": "The city opened 4 service centres.", "de": "Die Stadt eröffnete 4 Servicezentren.",
               "ru": "Город открыл 4 центра обслуживания.", "vi": "Thành phố mở 4 trung tâm phục vụ."},
    "industrial park": {"en": "The province has 12 industrial parks.", "de": "Die Provinz hat 12 Industrieparks.",
                        "ru": "В провинции 12 индустриальных парков.", "vi": "Tỉnh có 12 khu công nghiệp."},
    "job": {"en": "The plant created 900 jobs.", "de": "Das Werk schuf 900 Arbeitsplätze.",
            "ru": "Завод создал 900 рабочих мест.", "vi": "Nhà máy tạo 900 việc làm."},
    "decree": {"en": "The Government issued 16 decrees.", "de": "Die Regierung erließ 16 Dekrete.",
               "ru": "Правительство издало 16 указов.", "vi": "Chính phủ ban hành 16 nghị định."},
    "complaint": {"en": "The office handled 52 complaints.", "de": "Das Amt bearbeitete 52 Beschwerden.",
                  "ru": "Ведомство рассмотрело 52 жалобы.", "vi": "Cơ quan đã giải quyết 52 đơn thư."},
    "event": {"en": "The city held 30 events.", "de": "Die Stadt richtete 30 Veranstaltungen aus.",
              "ru": "Город провёл 30 мероприятий.", "vi": "Thành phố tổ chức 30 sự kiện."},
    "course": {"en": "The centre ran 14 training courses.", "de": "Das Zentrum bot 14 Lehrgänge an.",
               "ru": "Центр провёл 14 курсов.", "vi": "Trung tâm mở 14 lớp tập huấn."},
    "proposal": {"en": "Voters made 25 proposals.", "de": "Die Wähler machten 25 Vorschläge.",
                 "ru": "Избиратели внесли 25 предложений.", "vi": "Cử tri nêu 25 kiến nghị."},
    "vessel": {"en": "Patrols checked 60 fishing vessels.", "de": "Streifen kontrollierten 60 Fischerboote.",
               "ru": "Патрули проверили 60 рыболовных судов.", "vi": "Tuần tra kiểm tra 60 tàu cá."},
    "factory": {"en": "The zone hosts 9 factories.", "de": "Die Zone beherbergt 9 Fabriken.",
                "ru": "В зоне работают 9 заводов.", "vi": "Khu có 9 nhà máy."},
    "accident": {"en": "Police recorded 41 traffic accidents.", "de": "Die Polizei zählte 41 Verkehrsunfälle.",
                 "ru": "Полиция зарегистрировала 41 ДТП.", "vi": "Công an ghi nhận 41 vụ tai nạn giao thông."},
    "gift": {"en": "The union handed out 500 gifts.", "de": "Der Verband verteilte 500 Geschenke.",
             "ru": "Профсоюз вручил 500 подарков.", "vi": "Công đoàn trao 500 suất quà."},
    "classroom": {"en": "The project built 6 classrooms.", "de": "Das Projekt baute 6 Klassenzimmer.",
                  "ru": "Проект построил 6 учебных классов.", "vi": "Dự án xây 6 phòng học."},
    "square metre": {"en": "The hall covers 1,200 square metres.", "de": "Die Halle hat 1.200 Quadratmeter.",
                     "ru": "Зал занимает 1200 квадратных метров.", "vi": "Hội trường rộng 1.200 mét vuông."},
    "square kilometre": {"en": "The commune covers 255.91 km2.", "de": "Die Gemeinde hat eine Fläche von 255,91 km².",
                         "ru": "Площадь общины 255,91 км².", "vi": "Xã có diện tích 255,91 km2."},
    "place": {"en": "The new schools have 22,770 places.", "de": "Die neuen Schulen haben 22.770 Plätze.",
              "ru": "В новых школах 22,77 тыс. мест.", "vi": "Các trường mới có 22.770 chỗ học."},
    "kilogram": {"en": "Police seized 3.5 kg of drugs.", "de": "Die Polizei beschlagnahmte 3,5 kg Drogen.",
                 "ru": "Полиция изъяла 3,5 кг наркотиков.", "vi": "Công an thu giữ 3,5 kg ma túy."},
    "arrest": {"en": "Police made 41 arrests.", "de": "Die Polizei meldete 41 Festnahmen.",
               "ru": "Полиция провела 41 задержание.", "vi": "Công an thực hiện 41 vụ bắt giữ."},
    "suspect": {"en": "Police questioned 15 suspects.", "de": "Die Polizei vernahm 15 Verdächtige.",
                "ru": "Полиция допросила 15 подозреваемых.", "vi": "Công an triệu tập 15 đối tượng."},
    "driver": {"en": "Officers stopped 77 drivers.", "de": "Die Beamten hielten 77 Fahrer an.",
               "ru": "Инспекторы остановили 77 водителей.", "vi": "Cảnh sát dừng 77 tài xế."},
    "licence": {"en": "The office revoked 855 driving licences.", "de": "Das Amt zog 855 Führerscheine ein.",
                "ru": "Инспекция изъяла 855 водительских удостоверений.", "vi": "Cơ quan thu hồi 855 giấy phép lái xe."},
    "dose": {"en": "Clinics gave 2,000 vaccine doses.", "de": "Die Kliniken verimpften 2.000 Dosen.",
             "ru": "Клиники ввели 2000 доз вакцины.", "vi": "Các phòng khám tiêm 2.000 liều vắc-xin."},
    "scholarship": {"en": "The union awarded 30 scholarships.", "de": "Der Verband vergab 30 Stipendien.",
                    "ru": "Союз вручил 30 стипендий.", "vi": "Hội trao 30 suất học bổng."},
    "measure": {"en": "The province took 5 measures.", "de": "Die Provinz setzte 5 Maßnahmen um.",
                "ru": "Область приняла 5 мер.", "vi": "Tỉnh triển khai 5 biện pháp."},
    "delegation": {"en": "The city received 12 delegations.", "de": "Die Stadt empfing 12 Delegationen.",
                   "ru": "Город принял 12 делегаций.", "vi": "Thành phố đón 12 đoàn công tác."},
    "content": {"en": "The meeting approved 4 key contents.", "de": "Die Sitzung billigte 4 Inhalte.",
                "ru": "Совещание одобрило 4 содержания.", "vi": "Phiên họp thông qua 4 nội dung."},
    "request": {"en": "The centre received 2,300 requests.", "de": "Das Zentrum erhielt 2.300 Anfragen.",
                "ru": "Центр получил 2300 запросов.", "vi": "Trung tâm nhận 2.300 yêu cầu."},
    "branch": {"en": "The bank opened 54 branches.", "de": "Die Bank eröffnete 54 Filialen.",
               "ru": "Банк открыл 54 филиала.", "vi": "Ngân hàng mở 54 chi nhánh."},
    "mission": {"en": "The army joined 2 missions abroad.", "de": "Die Armee beteiligt sich an 2 Auslandseinsätzen.",
                "ru": "Армия участвует в 2 миссиях за рубежом.", "vi": "Quân đội tham gia 2 phái bộ."},
    "public service": {"en": "The portal offers 575 services.", "de": "Das Portal bietet 575 Verwaltungsleistungen an.",
                       "ru": "Портал предлагает 575 услуг.", "vi": "Cổng cung cấp 575 dịch vụ công."},
    "report": {"en": "The council heard 27 reports.", "de": "Der Rat hörte 27 Berichte.",
               "ru": "Совет заслушал 27 докладов.", "vi": "Hội đồng nghe 27 báo cáo."},
    "record": {"en": "The registry holds 23 million records.", "de": "Das Register enthält 23 Millionen Geburtsregistrierungsdaten.",
               "ru": "В реестре 23 млн записей.", "vi": "Cơ sở dữ liệu có 23 triệu hồ sơ."},
}


@pytest.mark.parametrize("unit, lang", [(u, lang) for u, by_lang in GLOSSARY.items() for lang in by_lang])
def test_the_glossary_names_a_head_in_english(unit: str, lang: str) -> None:
    assert [c[2] for c in counts(lang, GLOSSARY[unit][lang])] == [unit]


# A head no [units] entry names keeps at least its singular, read from the ending (and in Russian from the number).
@pytest.mark.parametrize("lang, text, unit", [
    ("de", "Der Kiosk verkaufte 30 Zeitungen.", "Zeitung"),
    ("de", "Das Archiv ordnete 7 Kategorien neu.", "Kategorie"),
    ("de", "Der Ausschuss prüfte 8 Objekte.", "Objekt"),
    ("de", "Die Kommission nannte 12 Lücken.", "Lücke"),
    ("de", "Die Schule kaufte 12 Radios.", "Radio"),
    ("de", "Der Kurs bildete 40 Frauen aus.", "Frau"),
    ("de", "Die Stadt nahm 30 Flüchtlinge auf.", "Flüchtling"),
    ("ru", "Город открыл 3 сквера.", "сквер"),
    ("ru", "В районе построили 2 гостиницы.", "гостиница"),
    ("ru", "На трассе появились 4 стоянки.", "стоянка"),
    ("ru", "Работы идут по 5 гарнизонам.", "гарнизон"),
    ("ru", "Связь налажена с 10 гарнизонами.", "гарнизон"),
    ("ru", "Открыт 21 сквер.", "сквер"),
])
def test_an_unknown_head_is_its_singular(lang: str, text: str, unit: str) -> None:
    assert counts(lang, text)[0][2] == unit


# "Dec. 2 that the province": a day of a month, in each language's way of writing it, is no count.
@pytest.mark.parametrize("lang, text", [
    ("en", "The ministry said on Dec. 2 that the province would act."),
    ("de", "Das Ministerium erklärte am 2. Dez., dass die Provinz handeln werde."),
    ("ru", "Министерство заявило 2 дек., что область будет действовать."),
    ("vi", "Ngày 2/12, Bộ cho biết tỉnh sẽ hành động."),
])
def test_a_day_of_a_month_is_no_count(lang: str, text: str) -> None:
    assert counts(lang, text) == []


# "between 5% and 6%" and "15 to 20 per cent" are one range in every language: the lower bound, at_least.
@pytest.mark.parametrize("lang, text, value", [
    ("en", "Growth will be between 5% and 6%.", 5),
    ("de", "Das Wachstum liegt zwischen 5 % und 6 %.", 5),
    ("ru", "Рост составит между 5% и 6%.", 5),
    ("vi", "Tăng trưởng đạt giữa 5% và 6%.", 5),
    ("en", "Prices rose 15 to 20 per cent.", 15),
    ("de", "Die Preise stiegen um 15 bis 20 Prozent.", 15),
    ("ru", "Цены выросли на 15 до 20 процентов.", 15),
    ("vi", "Giá tăng 15 đến 20 phần trăm.", 15),
])
def test_a_range_of_percent_words_is_one_count(lang: str, text: str, value: float) -> None:
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    (c,) = extract_counts(sentence, lang, [])
    assert (c.value, c.unit, c.qualifier) == (value, "%", "at_least")


# A unit written onto the number is read ("182.98km"); a measure before a German noun is the unit ("12,5 km Straßen").
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The district upgraded 182.98km of rural roads on 2,800m2 of land.", [(182.98, None, "kilometre"), (2800, None, "square metre")]),
    ("de", "Die Gemeinde baute 12,5km Straßen und 40 ha Reisfelder.", [(12.5, None, "kilometre"), (40, None, "hectare")]),
    ("ru", "Построили 60км тротуаров и засеяли 40га.", [(60, None, "kilometre"), (40, None, "hectare")]),
    ("vi", "Xã làm 12km đường và trồng 40ha lúa.", [(12, None, "kilometre"), (40, None, "hectare")]),
])
def test_a_unit_written_onto_the_number(lang: str, text: str, expected: list[tuple]) -> None:
    assert counts(lang, text) == expected


# A scaled number goes on with smaller scaled parts: "71 billion 355 million VND" is one amount.
@pytest.mark.parametrize("lang, text, value", [
    ("en", "The commune raised 71 billion 355 million VND.", 71_355_000_000),
    ("de", "Die Gemeinde sammelte 2 Milliarden 500 Millionen Dong.", 2_500_000_000),
    ("ru", "На ремонт потратили 1 миллиард 420 млн рублей.", 1_420_000_000),
    ("vi", "Xã huy động 2 tỷ 500 triệu đồng.", 2_500_000_000),
])
def test_scaled_parts_make_one_amount(lang: str, text: str, value: float) -> None:
    assert [c[0] for c in counts(lang, text)] == [value]


def test_a_scaled_value_is_rounded_to_what_was_written() -> None:
    assert counts("en", "Income reached 65.77 million VND a year.") == [(65_770_000, None, "VND")]


# A German compound written with a hyphen is named by its last part: "Online-Dienstleistungen", "BTS-Stationen".
@pytest.mark.parametrize("text, unit", [
    ("Bis 2025 sollen alle 76 wesentlichen Online-Dienstleistungen bereitstehen.", "public service"),
    ("Der Betreiber baute 40 BTS-Stationen.", "station"),
    ("Die Polizei aktivierte 1.200 VNeID-Konten.", "account"),
])
def test_a_hyphenated_compound_is_named_by_its_last_part(text: str, unit: str) -> None:
    assert [c[2] for c in counts("de", text)] == [unit]


def test_others_is_no_head() -> None:
    # "1,300 others" are more of the homes before them, not a thing called "other"
    assert counts("en", "The storm destroyed 450 homes and damaged 1,300 others.") == [(450, None, "house")]


# "a", "eine", "один", "một" are one before a scale word; inside a number only where the language puts them there.
@pytest.mark.parametrize("lang, text", [
    ("en", "More than a million people joined the campaign."),
    ("de", "Mehr als eine Million Menschen nahmen teil."),
    ("ru", "В кампании участвовали более одного миллиона человек."),
    ("vi", "Hơn một triệu người tham gia chiến dịch."),
])
def test_one_before_a_scale_word(lang: str, text: str) -> None:
    assert counts(lang, text) == [(1e6, None, "person")]


@pytest.mark.parametrize("lang, words, value", [
    ("en", "a", None), ("en", "twenty a", None), ("de", "eine", None), ("ru", "одного", None), ("vi", "một", None),
])
def test_one_alone_is_no_number(lang: str, words: str, value: float | None) -> None:
    m = syntax(lang).number.search(words)
    assert m is None or syntax(lang).fit(words, m) is None or syntax(lang).fit(words, m).group(0) != words


@pytest.mark.parametrize("lang, text", [
    ("en", "Of the 38 pilot models, 12/38 models have been completed and 20/38 models are under way."),
    ("de", "Von den 38 Pilotmodellen sind 12/38 Modelle abgeschlossen und 20/38 Modelle in Umsetzung."),
    ("ru", "Из 38 пилотных моделей к настоящему времени выполнены 12, а 20 реализуются."),
    ("vi", "Trong 38 mô hình thí điểm, đã hoàn thành 12/38 mô hình, 20/38 mô hình đang triển khai."),
])
def test_a_whole_takes_no_progress_from_its_parts(lang: str, text: str) -> None:
    """The 38 models are not 'completed' because 12 of them are: only the parts carry progress."""
    from pipeline.extract import Extractor
    from pipeline.records import Document, Language

    found = Extractor()(Document(id="x", source="x.txt", text=text, format="txt"), Language(lang, 1.0, True)).counts
    assert [(c.value, c.total, c.status) for c in found] == [
        (38, None, None), (12, 38, "completed"), (20, 38, "in_progress")]
