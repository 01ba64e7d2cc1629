"""extract/document_time.py: when a report was written, and the meeting date with the basis of its year, in four languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import Extractor
from pipeline.extract.deadlines import extract_deadlines
from pipeline.extract.document_time import DayMark, choose_published, find_dateline
from pipeline.ingest import document_id, read_document
from pipeline.records import DateAnchor, Document, Extraction, Language


def document(text: str, published: str | None = None, source: str | None = None) -> Document:
    return Document(id=document_id(text), source="t.txt", text=text, format="txt", published=published,
                    published_source=source)


def extract(lang: str, text: str, published: str | None = None, source: str | None = None) -> Extraction:
    return Extractor()(document(text, published, source), Language(lang, 1.0, True))


# ---------------------------------------------------------------- datelines and publication lines

DATELINES = [
    # a dateline opening the body
    ("vi", "Hà Nội, ngày 12/3/2025 - Bộ Công an tổ chức hội nghị trực tuyến về cấp tài khoản định danh điện tử.",
     "2025-03-12", "dateline"),
    ("en", "HANOI, March 12, 2025 (VNA) – The Ministry of Public Security held an online conference on e-ID accounts.",
     "2025-03-12", "dateline"),
    ("de", "HANOI, 12. März 2025 (VNA) – Das Ministerium für öffentliche Sicherheit hielt eine Online-Konferenz ab.",
     "2025-03-12", "dateline"),
    ("ru", "Ханой, 12 марта 2025 года (ВИА) – Министерство общественной безопасности провело онлайн-конференцию.",
     "2025-03-12", "dateline"),
    # a line above the body that is only a date, its time, weekday or the source's name
    ("ru", "14:05, 3 марта 2025 г.\nМинистерство общественной безопасности провело онлайн-конференцию по электронным удостоверениям.",
     "2025-03-03", "dateline"),
    ("de", "Mittwoch, 12. März 2025\nDas Volkskomitee der Provinz hat einen Plan zur digitalen Verwaltung für alle Gemeinden beschlossen.",
     "2025-03-12", "dateline"),
    ("en", "28/03/2025 10:15\nThe Provincial People's Committee approved a plan to digitise the civil records of every commune.",
     "2025-03-28", "dateline"),
    # a publication line after the title and lead, the source's name glued to the date or set off by a mark
    ("vi", "Tỉnh triển khai cấp tài khoản định danh điện tử cho người nước ngoài đang sinh sống và làm việc trên địa bàn tỉnh\n"
           "Báo Nhân Dân•14/05/2025\nSáng 14/5, Công an tỉnh tổ chức lễ ra quân cấp tài khoản định danh điện tử cho người nước ngoài.",
     "2025-05-14", "text"),
    ("ru", "Провинция начала выдачу электронных удостоверений личности иностранцам, проживающим и работающим в провинции\n"
           "ВьетнамПлюсВьетнамПлюс14/05/2025\nУтром 14 мая полиция провинции начала прием заявлений от иностранцев.",
     "2025-05-14", "text"),
    ("vi", "Thứ Bảy, 18 tháng 10, 2025\nUBND tỉnh ban hành kế hoạch số hóa hồ sơ hộ tịch tại tất cả các xã, phường trong tỉnh.",
     "2025-10-18", "dateline"),
    ("de", "Provinz beginnt mit der Ausgabe elektronischer Identifikationskonten an Ausländer, die in der Provinz leben\n"
           "Neues HanoiNeues Hanoi04/10/2025\nAm Morgen des 4. Oktober begann die Provinzpolizei mit der Annahme von Anträgen.",
     "2025-10-04", "text"),
    ("en", "Province starts issuing electronic identification accounts to foreigners living and working in the province today\n"
           "2025-05-14 08:30:00.0\nOn the morning of May 14, the provincial police began receiving applications from foreigners.",
     "2025-05-14", "text"),
]


@pytest.mark.parametrize("lang, text, day, source", DATELINES, ids=[f"{c[0]}-{i}" for i, c in enumerate(DATELINES)])
def test_a_dateline_or_publication_line_dates_the_report(lang: str, text: str, day: str, source: str) -> None:
    result = extract(lang, text)
    assert (result.published, result.published_source) == (day, source)


@pytest.mark.parametrize("lang, text", [
    ("en", "The meeting took place on 12/3/2025 in the provincial hall with all departments.\nIt approved the plan."),
    ("vi", "Hội nghị đã thống nhất thông qua kế hoạch vào ngày 12/3/2025 tại hội trường tỉnh.\nCác sở đã tham dự."),
])
def test_a_sentence_that_holds_a_date_is_no_publication_line(lang: str, text: str) -> None:
    assert extract(lang, text).published is None


BANNER_TOP = "Thứ Năm, 05/06/2025 09:12 GMT+7\n  • Trang chủ\n  • Đường dây nóng: 0912345678\n\nThời sự\n\n"
BODY = "Công an tỉnh tổ chức hội nghị sơ kết 6 tháng thực hiện Đề án 06 và nhiệm vụ trọng tâm trong thời gian tới."


def test_a_sites_current_date_banner_is_no_basis() -> None:
    """The banner is followed by the site's navigation; the same line followed by the article dates it."""
    assert extract("vi", BANNER_TOP + BODY).published is None
    assert extract("vi", "Thứ Năm, 05/06/2025 09:12 GMT+7\n" + BODY).published == "2025-06-05"


def test_a_banner_gives_no_year_to_a_meeting_without_one() -> None:
    result = extract("vi", BANNER_TOP + "Chiều 26/4, " + BODY)
    assert (result.event_date, result.published) == (None, None)


@pytest.mark.parametrize("lang, text", [
    ("en", "(VNA) March 12 – The provincial police began receiving applications for level-2 accounts."),
    ("de", "HANOI, 12. März (VNA) – Die Provinzpolizei begann mit der Annahme von Anträgen."),
    ("ru", "Ханой, 12 марта (ВИА) – Полиция провинции начала прием заявлений."),
    ("vi", "(TTXVN) Hà Nội, ngày 12/3 - Công an tỉnh bắt đầu tiếp nhận hồ sơ."),
])
def test_a_dateline_without_a_year_takes_it_from_the_files_date(lang: str, text: str) -> None:
    assert extract(lang, text, "2025-03-13", "html-metadata").published == "2025-03-12"
    assert (extract(lang, text, "2025-03-13", "html-metadata").published_source) == "dateline"
    assert extract(lang, text).published is None


def test_the_reports_own_dateline_wins_over_the_files_date() -> None:
    text = "HANOI, March 12, 2025 (VNA) – The Ministry of Public Security held an online conference."
    assert (extract("en", text, "2025-11-30", "pdf-metadata").published, extract("en", text, "2025-11-30", "pdf-metadata").published_source) == ("2025-03-12", "dateline")
    assert extract("en", "The ministry held a conference.", "2025-11-30", "pdf-metadata").published == "2025-11-30"


def test_the_users_date_wins_over_everything() -> None:
    text = "HANOI, March 12, 2025 (VNA) – The Ministry of Public Security held an online conference."
    result = extract("en", text, "2024-01-05", "user")
    assert (result.published, result.published_source) == ("2024-01-05", "user")


def test_a_dateline_in_the_future_or_before_1990_is_not_plausible() -> None:
    assert find_dateline("HANOI, March 12, 2999 (VNA) – The ministry met.", "en") is None
    assert find_dateline("28/03/1985 10:15\nThe ministry approved a plan to digitise the civil records.", "en") is None
    mark = DayMark(0, 8, None, 3, 12, "dateline")
    assert choose_published(document("x", "2026-01-02", "html-metadata"), mark).date == "2025-03-12"


# ---------------------------------------------------------------- file-level dates


def test_html_metadata_gives_the_published_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Provincial plan</title>
<meta property="article:published_time" content="2025-03-12T08:00:00+07:00"></head>
<body><article><h1>Provincial plan</h1><p>The Provincial People's Committee approved a plan to digitise
civil records in all 30 communes. The Department of Justice will complete the work by June 30, 2025.</p>
<p>The provincial police will coordinate the work with the Department of Justice and report monthly.</p>
</article></body></html>""", encoding="utf-8")
    doc = read_document(page)
    assert (doc.published, doc.published_source) == ("2025-03-12", "html-metadata")


def test_a_page_without_date_metadata_has_no_published_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Plan</title></head><body><article><p>The Provincial People's Committee
approved a plan to digitise civil records in all 30 communes by June 30, 2025, with the provincial police.</p>
</article></body></html>""", encoding="utf-8")
    assert read_document(page).published is None


def dated_pdf(path: Path, stamp: str) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setDateFormatter(lambda *parts: stamp)
    c.drawString(60, 800, "The Provincial People's Committee approved the plan.")
    c.showPage()
    c.save()
    return path


def test_a_pdfs_creation_date_gives_the_published_date(tmp_path: Path) -> None:
    doc = read_document(dated_pdf(tmp_path / "plan.pdf", "D:20250312101500+07'00'"))
    assert (doc.published, doc.published_source) == ("2025-03-12", "pdf-metadata")


@pytest.mark.parametrize("stamp", ["D:29990312101500+07'00'", "D:19800101000000Z", "D:20251345000000Z"])
def test_an_implausible_pdf_date_is_left_out(tmp_path: Path, stamp: str) -> None:
    assert read_document(dated_pdf(tmp_path / "plan.pdf", stamp)).published is None


def test_a_text_file_never_takes_its_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("The ministry held a conference on the plan.", encoding="utf-8")
    assert read_document(path).published is None


# ---------------------------------------------------------------- the meeting date and its year

YEARLESS_MEETINGS = [
    ("en", "On the afternoon of May 10, the Provincial People's Committee held a conference on the digital plan."),
    ("de", "Am Nachmittag des 10. Mai hielt das Volkskomitee der Provinz eine Konferenz zum digitalen Plan ab."),
    ("ru", "Днем 10 мая провинциальный народный комитет провел конференцию по цифровому плану."),
    ("vi", "Chiều 10/5, UBND tỉnh tổ chức hội nghị triển khai kế hoạch chuyển đổi số."),
]


@pytest.mark.parametrize("lang, text", YEARLESS_MEETINGS, ids=[c[0] for c in YEARLESS_MEETINGS])
def test_a_meeting_date_without_a_year_takes_it_from_published(lang: str, text: str) -> None:
    result = extract(lang, text, "2025-05-11", "html-metadata")
    assert result.event_date == "2025-05-10"
    assert result.event_date_anchor == "published 2025-05-11 (html-metadata)"


@pytest.mark.parametrize("lang, text", YEARLESS_MEETINGS, ids=[c[0] for c in YEARLESS_MEETINGS])
def test_a_meeting_date_with_no_basis_for_its_year_stays_null(lang: str, text: str) -> None:
    assert extract(lang, text).event_date is None


def test_the_reports_own_period_gives_the_year_before_a_pdfs_date() -> None:
    """A PDF is often made long after the report: its date is the last basis for a meeting's year."""
    text = "On January 13th, the chairman chaired a conference to review the results of 2024 and set the tasks for 2025."
    result = extract("en", text, "2026-11-20", "pdf-metadata")
    assert (result.event_date, result.event_date_anchor) == ("2025-01-13", "review period 2025")
    plain = "On January 13th, the chairman chaired a conference on the digital plan."
    assert extract("en", plain, "2026-11-20", "pdf-metadata").event_date == "2026-01-13"


def test_a_december_meeting_reported_in_january_is_of_the_year_before() -> None:
    text = "On the afternoon of December 30, the Provincial People's Committee held a conference."
    assert extract("en", text, "2026-01-02", "html-metadata").event_date == "2025-12-30"


@pytest.mark.parametrize("lang, text", [
    ("en", "On January 13th, the chairman chaired a conference to review the results of 2025 and set the tasks for 2026."),
    ("de", "Am 13. Januar leitete der Vorsitzende eine Konferenz, um die Ergebnisse des Jahres 2025 auszuwerten und die Aufgaben für 2026 festzulegen."),
    ("ru", "13 января председатель провел конференцию по итогам 2025 года и задачам на 2026 год."),
    ("vi", "Ngày 13/1, Chủ tịch UBND tỉnh chủ trì hội nghị tổng kết năm 2025 và triển khai nhiệm vụ năm 2026."),
])
def test_a_meeting_in_january_on_a_year_and_the_next_is_in_the_next(lang: str, text: str) -> None:
    result = extract(lang, text)
    assert (result.event_date, result.event_date_anchor) == ("2026-01-13", "review period 2026")


@pytest.mark.parametrize("lang, text", [
    ("en", "On the morning of January 13, the Politburo held a national conference. It announced Decision No. 12 dated January 10, 2025."),
    ("de", "Am Morgen des 13. Januar veranstaltete das Politbüro eine Konferenz. Es verkündete den Beschluss Nr. 12 vom 10. Januar 2025."),
    ("ru", "Утром 13 января Политбюро провело конференцию. Было объявлено решение № 12 от 10 января 2025 года."),
    ("vi", "Sáng 13/1, Bộ Chính trị tổ chức hội nghị. Hội nghị công bố Quyết định số 12/QĐ-TW ngày 10/1/2025."),
])
def test_a_meeting_follows_the_dated_documents_it_cites(lang: str, text: str) -> None:
    result = extract(lang, text)
    assert (result.event_date, result.event_date_anchor) == ("2025-01-13", "after reference 2025-01-10")


@pytest.mark.parametrize("lang, text", [
    ("en", "The Prime Minister has just signed Directive No. 31/CT-TTg dated October 2, 2025 on digital services."),
    ("de", "Der Premierminister hat soeben die Richtlinie Nr. 31/CT-TTg vom 2. Oktober 2025 über digitale Dienste unterzeichnet."),
    ("ru", "Премьер-министр подписал Директиву № 31/CT-TTg от 2 октября 2025 года о цифровых услугах."),
    ("vi", "Thủ tướng vừa ký ban hành Chỉ thị số 31/CT-TTg ngày 2/10/2025 về dịch vụ số."),
])
def test_a_report_on_a_signed_document_is_dated_by_it(lang: str, text: str) -> None:
    assert extract(lang, text).event_date == "2025-10-02"


@pytest.mark.parametrize("lang, text, event", [
    ("en", "From August 1, 2025, the provincial police officially began receiving applications from foreigners.", "2025-08-01"),
    ("de", "Ab dem 1. August 2025 hat die Provinzpolizei offiziell mit der Annahme von Anträgen begonnen.", "2025-08-01"),
    ("ru", "С 1 августа 2025 года полиция провинции официально начала прием заявлений от иностранцев.", "2025-08-01"),
    ("vi", "Từ ngày 1/8/2025, Công an tỉnh chính thức bắt đầu tiếp nhận hồ sơ của người nước ngoài.", "2025-08-01"),
    # a span from one date to another is a plan's period, not the start the report is about
    ("en", "According to the plan, from August 1, 2025 to September 19, 2025 the police will officially launch a campaign.", None),
    ("ru", "Согласно плану, с 1 августа 2025 года по 19 сентября 2025 года полиция официально начнет кампанию.", None),
])
def test_a_start_the_report_is_about_is_its_event(lang: str, text: str, event: str | None) -> None:
    assert extract(lang, text).event_date == event


def test_an_issued_documents_dateline_is_its_date() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 120/KH-UBND\nQuảng Nam, ngày 5\ntháng 6 năm 2025\nKẾ HOẠCH\n"
            "Triển khai chuyển đổi số năm 2025 theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.")
    result = extract("vi", text)
    assert (result.published, result.published_source) == ("2025-06-05", "dateline")
    assert result.event_date == "2025-06-05"


# ---------------------------------------------------------------- the anchor of yearless deadlines

@pytest.mark.parametrize("lang, text, event, deadline", [
    ("en", "On the afternoon of April 2, the committee held a conference. Tasks of 2024 must be done by July 1.",
     "2024-04-02", "2024-07-01"),
    ("de", "Am 2. April hielt das Komitee eine Konferenz ab. Die Aufgaben für 2024 sind bis zum 1. Juli zu erledigen.",
     "2024-04-02", "2024-07-01"),
    ("ru", "Утром 19 января прошла конференция. Задачи на 2024 год выполнить до 1 июля.", "2024-01-19", "2024-07-01"),
    ("vi", "Sáng ngày 19/1, UBND tỉnh tổ chức hội nghị. Nhiệm vụ năm 2024 hoàn thành trước ngày 1/7.", "2024-01-19", "2024-07-01"),
])
def test_a_year_left_out_is_taken_from_the_report(lang: str, text: str, event: str, deadline: str) -> None:
    result = extract(lang, text)
    assert result.event_date == event
    assert (event, "event") in [(d.due, d.role) for d in result.deadlines]
    resolved = [d for d in result.deadlines if d.due == deadline]
    assert [(d.role, d.basis, d.anchor) for d in resolved] == [("deadline", "resolved", f"event_date {event}")]


@pytest.mark.parametrize("lang, text, event", [
    ("en", "On December 5, 2024, the Provincial People's Committee met. Verify 2,350 households before December 15.", "2024-12-05"),
    ("de", "Am 5. Dezember 2024 tagte das Volkskomitee der Provinz. Bis zum 15. Dezember sind 2.350 Haushalte zu prüfen.", "2024-12-05"),
    ("vi", "Ngày 5/12/2024, UBND tỉnh Quảng Ninh họp. Rà soát 2.350 hộ trước ngày 15/12.", "2024-12-05"),
])
def test_the_event_date_dates_the_deadlines_that_leave_out_the_year(lang: str, text: str, event: str) -> None:
    result = extract(lang, text)
    assert (result.event_date, result.event_date_anchor) == (event, "explicit")
    assert ("2024-12-15", "deadline") in [(d.due, d.role) for d in result.deadlines]


def test_deadlines_resolve_a_missing_year_against_the_anchor_given() -> None:
    from pipeline.extract.sentences import pipeline, split_sentences

    text = "Rà soát 2.350 hộ trước ngày 15/12."
    sentences = split_sentences(pipeline("vi")(text))
    assert extract_deadlines(text, sentences, "vi") == []
    found = extract_deadlines(text, sentences, "vi", DateAnchor("2025-03-12", "published (dateline)"))
    assert [(d.due, d.basis, d.anchor) for d in found] == [("2025-12-15", "resolved", "published (dateline) 2025-03-12")]


@pytest.mark.parametrize("lang, text", [
    ("en", "HANOI, March 12, 2025 (VNA) – On the afternoon of March 11, the Provincial People's Committee held a conference."),
    ("de", "HANOI, 12. März 2025 (VNA) – Am Nachmittag des 11. März hielt das Volkskomitee der Provinz eine Konferenz ab."),
    ("ru", "Ханой, 12 марта 2025 года (ВИА) – Днем 11 марта провинциальный народный комитет провел конференцию."),
    ("vi", "Hà Nội, ngày 12/3/2025 - Chiều 11/3, UBND tỉnh tổ chức hội nghị triển khai kế hoạch."),
])
def test_the_datelines_day_is_not_the_meetings(lang: str, text: str) -> None:
    result = extract(lang, text)
    assert (result.published, result.event_date) == ("2025-03-12", "2025-03-11")
    assert result.event_date_anchor == "published 2025-03-12 (dateline)"


# ---------------------------------------------------------------- round 2: the body's period, ranges, superscripts

FILLER = {
    "en": " The chairman chaired the conference. Leaders of departments attended. The police reported on the work."
          " Many communes have issued accounts. Some communes were slow. The chairman praised the police.",
    "de": " Der Vorsitzende leitete die Konferenz. Die Leiter der Abteilungen nahmen teil. Die Polizei berichtete."
          " Viele Gemeinden haben Konten ausgegeben. Einige Gemeinden waren langsam. Der Vorsitzende lobte die Polizei.",
    "ru": " Председатель вел конференцию. Руководители департаментов присутствовали. Полиция доложила о работе."
          " Многие коммуны выдали счета. Некоторые коммуны отстают. Председатель похвалил полицию.",
    "vi": " Chủ tịch UBND tỉnh chủ trì hội nghị. Lãnh đạo các sở dự hội nghị. Công an tỉnh báo cáo."
          " Nhiều xã đã cấp tài khoản. Một số xã còn chậm. Chủ tịch biểu dương Công an tỉnh.",
}
BODY_PERIOD = [
    ("en", "On the afternoon of February 13, the Provincial People's Committee held a conference on civil records.",
     " In 2025, there are 136 tasks, and the departments must start them right after this conference."),
    ("de", "Am Nachmittag des 13. Februar hielt das Volkskomitee der Provinz eine Konferenz ab.",
     " Im Jahr 2025 gibt es 136 Aufgaben, die gleich nach dieser Konferenz beginnen sollen."),
    ("ru", "Днем 13 февраля народный комитет провинции провел конференцию.",
     " В 2025 году предстоит 136 задач, к которым нужно приступить сразу после этой конференции."),
    ("vi", "Chiều 13/2, UBND tỉnh tổ chức hội nghị về số hóa hồ sơ.",
     " Năm 2025 có 136 nhiệm vụ, các sở phải triển khai ngay sau hội nghị này."),
]


@pytest.mark.parametrize("lang, opening, later", BODY_PERIOD, ids=[c[0] for c in BODY_PERIOD])
def test_a_meeting_takes_its_year_from_the_period_the_body_plans_for_it(lang: str, opening: str, later: str) -> None:
    result = extract(lang, opening + FILLER[lang] + later)
    assert (result.event_date, result.event_date_anchor) == ("2025-02-13", "report period 2025")


@pytest.mark.parametrize("lang, opening, later", [
    ("en", BODY_PERIOD[0][1], " The conference reviewed the Project on civil records for the 2022-2025 period."),
    ("vi", BODY_PERIOD[3][1], " Hội nghị đánh giá Đề án số hóa giai đoạn 2022-2025."),
])
def test_a_programmes_period_gives_no_year_to_the_meeting(lang: str, opening: str, later: str) -> None:
    assert extract(lang, opening + FILLER[lang] + later).event_date is None


@pytest.mark.parametrize("lang, text", [
    ("en", "The conference reviewed the checking campaign from June 15 to July 2, 2025."),
    ("de", "Die Konferenz wertete die Prüfkampagne vom 15. Juni bis 2. Juli 2025 aus."),
    ("ru", "Конференция подвела итоги кампании проверки с 15 июня по 2 июля 2025 года."),
    ("vi", "Hội nghị đánh giá đợt cao điểm rà soát từ ngày 15/6 đến ngày 2/7/2025."),
])
def test_the_end_of_a_range_is_never_the_meetings_date(lang: str, text: str) -> None:
    assert extract(lang, text).event_date is None


def test_superscript_ordinal_suffixes_are_read() -> None:
    text = "On December 4ᵗʰ, the Provincial People's Committee held a conference. Tasks must be done by December 31ˢᵗ, 2025."
    result = extract("en", text, "2025-12-05", "html-metadata")
    assert result.event_date == "2025-12-04"
    assert [(d.due, d.role, d.text) for d in result.deadlines] == \
        [("2025-12-04", "event", "December 4ᵗʰ"), ("2025-12-31", "deadline", "December 31ˢᵗ, 2025")]
    assert find_dateline("Posted December 4ᵗʰ, 2025\nThe committee met.", "en").day == 4


@pytest.mark.parametrize("lang, text", [
    ("en", "The Department of Justice held a conference on the civil records plan, asking the wards to finish "
           "completing the review before November 18, 2025."),
    ("de", "Das Justizamt hielt eine Konferenz zum Registerplan ab und forderte die Bezirke auf, die Prüfung "
           "vor dem 18. November 2025 abzuschließen."),
    ("ru", "Департамент юстиции провёл совещание по плану и поручил районам завершить проверку до 18 ноября 2025 года."),
    ("vi", "Sở Tư pháp tổ chức hội nghị về kế hoạch, yêu cầu các phường hoàn thành rà soát trước ngày 18/11/2025."),
])
def test_a_due_day_in_the_meetings_sentence_is_not_the_meetings_date(lang: str, text: str) -> None:
    result = extract(lang, text)
    assert result.event_date is None
    assert [(d.due, d.role) for d in result.deadlines] == [("2025-11-18", "deadline")]


# ---------------------------------------------------------------- round 4: days named by word, month lines, as-of days

@pytest.mark.parametrize("lang, text, event", [
    ("en", "Yesterday, the Provincial People's Committee held a conference on digital records.", "2025-03-12"),
    ("en", "On Tuesday, the Provincial People's Committee held a conference on digital records.", "2025-03-11"),
    ("de", "Gestern hielt das Volkskomitee der Provinz eine Konferenz zu digitalen Registern ab.", "2025-03-12"),
    ("de", "Am Dienstag hielt das Volkskomitee der Provinz eine Sitzung zu digitalen Registern ab.", "2025-03-11"),
    ("ru", "Вчера в администрации области прошло совещание по цифровым реестрам.", "2025-03-12"),
    ("ru", "Во вторник губернатор провёл совещание по цифровым реестрам.", "2025-03-11"),
    ("vi", "Hôm qua, UBND tỉnh tổ chức hội nghị về số hóa hồ sơ hộ tịch.", "2025-03-12"),
    ("vi", "Sáng thứ Ba, UBND tỉnh tổ chức hội nghị về số hóa hồ sơ hộ tịch.", "2025-03-11"),
])
def test_a_meeting_named_yesterday_or_by_its_weekday_is_dated_from_published(lang: str, text: str, event: str) -> None:
    result = extract(lang, text, "2025-03-13", "html-metadata")  # a Thursday
    assert result.event_date == event
    assert result.event_date_anchor.endswith("of published 2025-03-13 (html-metadata)")
    # the day named is the meeting's: stored as the event (a weekday is a date now), never a deadline
    assert [(d.due, d.role) for d in result.deadlines if d.granularity == "day"] in ([], [(event, "event")])
    assert all(d.role != "deadline" for d in result.deadlines)


@pytest.mark.parametrize("lang, text", [
    ("en", "On Tuesday, the Provincial People's Committee will hold a conference on digital records."),
    ("de", "Am Dienstag wird das Volkskomitee der Provinz eine Sitzung zu digitalen Registern abhalten."),
    ("ru", "Во вторник состоится совещание по цифровым реестрам."),
    ("vi", "Sáng thứ Ba, UBND tỉnh sẽ tổ chức hội nghị về số hóa hồ sơ hộ tịch."),
])
def test_a_meeting_ahead_on_a_weekday_gets_no_past_day(lang: str, text: str) -> None:
    result = extract(lang, text, "2025-03-13", "html-metadata")
    assert result.event_date is None
    # the weekday is the next Tuesday after the report, an event that no due word makes a deadline
    assert [(d.due, d.role) for d in result.deadlines] == [("2025-03-18", "event")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Yesterday, the Provincial People's Committee held a conference on digital records."),
    ("vi", "Hôm qua, UBND tỉnh tổ chức hội nghị về số hóa hồ sơ hộ tịch."),
])
def test_without_a_published_day_yesterday_has_no_basis(lang: str, text: str) -> None:
    assert extract(lang, text).event_date is None
    assert extract(lang, "2025-03\n" + text).event_date is None  # a month gives no day to count back from


@pytest.mark.parametrize("lang, text, event", [
    ("vi", "Hôm qua (12/3), UBND tỉnh tổ chức hội nghị về số hóa hồ sơ hộ tịch.", "2025-03-12"),
    ("vi", "Sáng thứ Tư (12/3), UBND tỉnh tổ chức hội nghị về số hóa hồ sơ hộ tịch.", "2025-03-12"),
    ("vi", "Sáng nay (13/3), UBND tỉnh tổ chức hội nghị về số hóa hồ sơ hộ tịch.", "2025-03-13"),
])
def test_a_vietnamese_day_and_month_after_a_named_day_is_the_meetings(lang: str, text: str, event: str) -> None:
    assert extract(lang, text, "2025-03-13", "html-metadata").event_date == event


@pytest.mark.parametrize("lang, line, text", [
    ("en", "2023-04", "On the afternoon of April 10, the committee held a conference. Communes must finish by June 30."),
    ("en", "date April 2023", "On the afternoon of April 10, the committee held a conference. Communes must finish by June 30."),
    ("de", "April 2023", "Am Nachmittag des 10. April hielt das Komitee eine Konferenz ab. Die Gemeinden sollen bis zum 30. Juni fertig sein."),
    ("ru", "04.2023", "Днем 10 апреля прошла конференция. Районам завершить работу до 30 июня."),
    ("ru", "Апрель 2023", "Днем 10 апреля прошла конференция. Районам завершить работу до 30 июня."),
    ("vi", "04/2023", "Chiều 10/4, UBND tỉnh tổ chức hội nghị. Các xã hoàn thành trước ngày 30/6."),
    ("vi", "Tháng 4/2023", "Chiều 10/4, UBND tỉnh tổ chức hội nghị. Các xã hoàn thành trước ngày 30/6."),
])
def test_a_publication_line_with_only_a_month_gives_the_year(lang: str, line: str, text: str) -> None:
    result = extract(lang, line + "\n" + text)
    assert (result.published, result.published_source) == ("2023-04", "dateline")
    assert (result.event_date, result.event_date_anchor) == ("2023-04-10", "published 2023-04 (dateline)")
    assert ("2023-06-30", "deadline") in [(d.due, d.role) for d in result.deadlines]


@pytest.mark.parametrize("lang, text", [
    ("en", "April 2023\nCommunes must finish the review of all registers by June 30."),
    ("de", "April 2023\nDie Gemeinden sollen die Prüfung aller Register bis zum 30. Juni abschließen."),
    ("ru", "Апрель 2023\nРайонам завершить проверку всех реестров до 30 июня."),
    ("vi", "Tháng 4/2023\nCác xã hoàn thành rà soát toàn bộ sổ hộ tịch trước ngày 30/6."),
])
def test_a_month_line_dates_yearless_deadlines_when_no_meeting_does(lang: str, text: str) -> None:
    result = extract(lang, text)
    day = [d for d in result.deadlines if d.role == "deadline"]
    assert [(d.due, d.anchor) for d in day] == [("2023-06-30", "published in 2023-04 (dateline) 2023-04-30")]


def test_a_files_day_inside_the_month_line_refines_it_and_one_outside_does_not() -> None:
    text = "April 2023\nThe committee held a conference on the plan."
    assert extract("en", text, "2023-04-12", "html-metadata").published == "2023-04-12"
    assert extract("en", text, "2024-11-30", "html-metadata").published == "2023-04"


@pytest.mark.parametrize("lang, text", [
    ("en", "As of August 17, the province had issued 3,000 accounts to foreigners."),
    ("de", "Mit Stand vom 17. August hat die Provinz 3.000 Konten an Ausländer ausgegeben."),
    ("ru", "По данным на 17 августа, провинция выдала иностранцам 3000 учётных записей."),
    ("vi", "Tính đến ngày 17/8, toàn tỉnh đã cấp 3.000 tài khoản cho người nước ngoài."),
    ("vi", "Đến ngày 17/8, toàn tỉnh có 3.000 tài khoản của người nước ngoài."),
])
def test_the_day_a_figure_is_counted_at_is_not_the_meetings(lang: str, text: str) -> None:
    result = extract(lang, text, "2025-08-20", "html-metadata")
    assert result.event_date is None
    assert [(d.due, d.role) for d in result.deadlines] == [("2025-08-17", "as_of")]


@pytest.mark.parametrize("lang, text", [
    ("en", "On April 11-13, the Provincial People's Committee held a conference on digital records."),
    ("ru", "11–13 апреля прошла конференция народного комитета провинции по цифровым реестрам."),
    ("vi", "Ngày 11-12/4, UBND tỉnh tổ chức hội nghị chuyển đổi số."),
])
def test_a_meeting_held_over_several_days_is_dated_by_the_first_and_none_is_a_deadline(lang: str, text: str) -> None:
    result = extract(lang, text, "2025-04-14", "html-metadata")
    assert result.event_date == "2025-04-11"
    assert {d.role for d in result.deadlines} == {"event"}


@pytest.mark.parametrize("text", [
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ hai thông qua kế hoạch số hóa hồ sơ.",
    "Thứ hai, UBND tỉnh tổ chức hội nghị để rà soát các nhiệm vụ còn tồn đọng.",
])
def test_a_vietnamese_ordinal_thu_hai_is_no_weekday(text: str) -> None:
    # "thứ hai" is "second" as well as Monday: only after a day part, "vào" or "hôm" is it a weekday
    assert extract("vi", text, "2025-03-13", "html-metadata").event_date is None


@pytest.mark.parametrize("lang, text", [
    ("en", "On March 20, 2023, the Provincial People's Committee convened to review the plan. Communes must finish by June 30."),
    ("de", "Am 20. März 2023 beriet das Provinzvolkskomitee über den Plan. Die Gemeinden sollen bis zum 30. Juni fertig sein."),
    ("de", "Das Provinzvolkskomitee kam am 20. März 2023 zusammen, um den Plan zu prüfen."),
    ("ru", "20 марта 2023 года состоялось заседание народного комитета провинции. Районам завершить работу до 30 июня."),
    ("vi", "Ngày 20/3/2023, UBND tỉnh họp xem xét kế hoạch. Các xã hoàn thành trước ngày 30/6."),
])
def test_a_meeting_told_by_its_verb_is_the_reports_date(lang: str, text: str) -> None:
    """"beriet", "kam ... zusammen", "convened", "состоялось заседание", "họp": the body met that day."""
    assert extract(lang, text).event_date == "2023-03-20"


@pytest.mark.parametrize("lang, text", [
    ("en", "After today's cabinet meeting, the minister presented the timetable for the working groups."),
    ("de", "Der Minister informierte nach dem heutigen Ministerrat über den Zeitplan der Arbeitsgruppen."),
    ("de", "In der heutigen Kabinettssitzung beschloss die Landesregierung den Zeitplan."),
    ("ru", "На сегодняшнем заседании правительства министр представил график работы."),
    ("vi", "Tại cuộc họp hôm nay, Bộ trưởng trình bày lịch trình của các tổ công tác."),
])
def test_a_meeting_called_todays_is_dated_by_when_the_report_was_written(lang: str, text: str) -> None:
    """"nach dem heutigen Ministerrat", "на сегодняшнем заседании": the adjective names the day as "today" does."""
    assert extract(lang, text, "2016-09-06", "dateline").event_date == "2016-09-06"
