"""PDF text as a reader sees it: reports laid out in the test, read back paragraph for paragraph."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.ingest import read_document
from pipeline.pdftext import join_pair

from .pdfmaker import Layout, render_pdf

# Sentences written for these tests, modelled on provincial meeting reports. Each language has a
# heading, long words that get hyphenated at a narrow width, words that hold a hyphen of their own,
# and enough text for several pages.
REPORTS: dict[str, list[str]] = {
    "en": [
        "Digital transformation in the second quarter",
        "On the morning of June 12, the Provincial People's Committee held a conference to review the implementation "
        "of administrative reforms and the digitalisation of civil status records in all districts.",
        "According to the report of the Department of Information and Communications, 38 of 45 tasks were completed, "
        "5 are in progress and 2 have not started; the remaining tasks must be completed by September 30, 2025.",
        "Vietnamese Police officers issued 12,480 electronic identification accounts during the COVID-19 recovery "
        "period, and the interdepartmental working group inspected 17 communes.",
        "Results of the pilot models",
        "The Chairman requested that the Department of Justice, in coordination with the Provincial Police, "
        "finish the comprehensive reorganisation of the population database before the end of the fourth quarter.",
        "Some districts reported that the internet connection in mountainous communes remained unreliable, "
        "which delayed the online submission of applications and the synchronisation of household records.",
    ],
    "de": [
        "Digitale Verwaltung im zweiten Quartal",
        "Am Vormittag des 12. Juni leitete der Vorsitzende des Provinzvolkskomitees eine Konferenz über die "
        "Umsetzung der Verwaltungsreform und die Digitalisierung der Personenstandsregister.",
        "Nach dem Bericht des Ministeriums für Informations- und Kommunikationstechnik wurden 38 von 45 Aufgaben "
        "erledigt; die übrigen Aufgaben sollen bis zum 30. September 2025 abgeschlossen werden.",
        "Die Provinzpolizei hat während der COVID-19-Erholungsphase 12.480 elektronische Identifikationskonten "
        "ausgestellt, und die Arbeitsgruppe überprüfte Verwaltungsverfahren in 17 Gemeinden.",
        "Ergebnisse der Pilotmodelle",
        "Der Vorsitzende forderte das Justizministerium auf, gemeinsam mit der Provinzpolizei die Bevölkerungsdatenbank "
        "bis Ende des vierten Quartals vollständig zu überarbeiten.",
        "Einige Bezirke berichteten, dass die Internetverbindung in Berggemeinden weiterhin unzuverlässig sei, "
        "was die Antragstellung und die Datenübertragung verzögerte.",
    ],
    "ru": [
        "Цифровая трансформация во втором квартале",
        "Утром 12 июня Народный комитет провинции провёл конференцию, посвящённую реализации административной "
        "реформы и цифровизации записей актов гражданского состояния.",
        "Согласно докладу Департамента информации и коммуникаций, выполнено 38 из 45 задач; оставшиеся задачи "
        "необходимо завершить до 30 сентября 2025 года.",
        "Провинциальная полиция выдала 12 480 учётных записей электронной идентификации, а межведомственная "
        "рабочая группа проверила социально-экономические показатели в 17 общинах.",
        "Результаты пилотных моделей",
        "Председатель поручил Департаменту юстиции совместно с провинциальной полицией завершить "
        "реорганизацию базы данных о населении до конца четвёртого квартала.",
        "Некоторые районы сообщили, что интернет-соединение в горных общинах по-прежнему ненадёжно, "
        "что задерживает подачу заявлений и синхронизацию записей домохозяйств.",
    ],
    "vi": [
        "Chuyển đổi số trong quý II",
        "Sáng ngày 12/6, Ủy ban nhân dân tỉnh tổ chức hội nghị đánh giá kết quả thực hiện cải cách hành chính "
        "và số hóa dữ liệu hộ tịch trên địa bàn các huyện.",
        "Theo báo cáo của Sở Thông tin và Truyền thông, đã hoàn thành 38/45 nhiệm vụ; các nhiệm vụ còn lại "
        "phải hoàn thành trước ngày 30/9/2025.",
        "Công an tỉnh đã cấp 12.480 tài khoản định danh điện tử trong giai đoạn phục hồi sau COVID-19, "
        "tổ công tác liên ngành đã kiểm tra 17 xã.",
        "Kết quả các mô hình thí điểm",
        "Chủ tịch UBND tỉnh yêu cầu Sở Tư pháp phối hợp với Công an tỉnh hoàn thành việc rà soát cơ sở dữ liệu "
        "dân cư trước ngày 31/12/2025.",
        "Một số huyện cho biết kết nối internet ở các xã vùng cao còn chập chờn, làm chậm việc nộp hồ sơ trực tuyến "
        "và đồng bộ dữ liệu hộ gia đình.",
    ],
}

SMALL = dict(page=(260.0, 280.0), margin=34.0, gutter=14.0, size=9.0, leading=11.5)
WIDE = {**SMALL, "page": (340.0, 280.0)}  # two columns of 129 pt: the longest Russian word fits
LAYOUTS: dict[str, Layout] = {
    "spaced": Layout(**SMALL),
    "indented": Layout(**SMALL, indent=12.0, paragraph_gap=0.0, footer="- {page} -"),
    "two-column": Layout(**WIDE, two_column_pages=frozenset({2, 3}), footer="{page}/{pages}"),
    "ragged": Layout(**SMALL, justify=False, footer="Seite {page} von {pages}"),
}


def paragraphs_of(text: str) -> list[str]:
    """Return a text's paragraphs (blank-line separated) with their white space normalised."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def raw_lines(path: Path) -> list[str]:
    """Return the printed lines of a PDF as pdfplumber's plain text gives them."""
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("lang", sorted(REPORTS))
def test_pdf_text_is_the_source_paragraphs(tmp_path: Path, lang: str, layout: str) -> None:
    source = REPORTS[lang] * 2  # long enough for several pages, so the header and footer recur
    path = render_pdf(tmp_path / f"{lang}.pdf", source, LAYOUTS[layout])
    printed = raw_lines(path)
    assert len(printed) > 3 * len(source), "the layout wraps every paragraph over several lines"
    assert sum("Provincial report" in line for line in printed) >= 3, "a running header on at least three pages"
    assert paragraphs_of(read_document(path).text) == [" ".join(p.split()) for p in source]


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_words_hyphenated_at_a_line_end_are_whole_again(tmp_path: Path, lang: str) -> None:
    path = render_pdf(tmp_path / f"{lang}.pdf", REPORTS[lang], Layout(**SMALL))
    broken = [line for line in raw_lines(path) if line.endswith("-") and line[-2].isalpha()]
    assert broken, "the narrow layout hyphenates some words"
    text = read_document(path).text
    for word in ("Provinzvolkskomitees", "Informations- und", "COVID-19-Erholungsphase") if lang == "de" else ():
        assert word in text


@pytest.mark.parametrize("footer", ["Page {page} of {pages}", "- {page} -", "{page}/{pages}", "Seite {page} von {pages}",
                                    "Страница {page} из {pages}", "Trang {page}/{pages}", "{page}"])
def test_a_page_number_alone_on_its_line_is_dropped_even_on_one_page(tmp_path: Path, footer: str) -> None:
    layout = Layout(header=None, footer=footer)  # one page: no header or footer recurs, the number is known by its form
    path = render_pdf(tmp_path / "one.pdf", REPORTS["en"][:3], layout)
    assert paragraphs_of(read_document(path).text) == REPORTS["en"][:3]


def test_two_columns_are_read_left_column_first(tmp_path: Path) -> None:
    layout = Layout(**WIDE, two_column_pages=frozenset({1}))
    path = render_pdf(tmp_path / "columns.pdf", REPORTS["ru"], layout)
    with pdfplumber.open(path) as pdf:
        mixed = pdf.pages[0].extract_text()
    assert "Цифровая трансформация" not in mixed, "pdfplumber's own text mixes the lines of the two columns"
    assert paragraphs_of(read_document(path).text)[:4] == REPORTS["ru"][:4]


def test_a_line_that_starts_with_a_capital_continues_its_paragraph(tmp_path: Path) -> None:
    # German nouns and names start lines inside a paragraph: the capital says nothing about a break
    text = ("Die Arbeitsgruppe der Provinz Nghe An prüfte gemeinsam mit dem Justizministerium und der Polizei "
            "Dokumente Verfahren Register Konten Anträge Gemeinden Bezirke Ämter Behörden und Schulen.")
    path = render_pdf(tmp_path / "caps.pdf", [text, text], Layout(**SMALL, hyphenate=False, header=None))
    printed = raw_lines(path)
    assert sum(line[:1].isupper() for line in printed) > 4
    assert paragraphs_of(read_document(path).text) == [text, text]


@pytest.mark.parametrize("head, tail, expected", [
    ("der Provinz-", "volkskomitee tagte", "der Provinzvolkskomitee tagte"),
    ("für Informations-", "und Kommunikation", "für Informations- und Kommunikation"),
    ("during the COVID-", "19 recovery", "during the COVID-19 recovery"),
    ("Resolution No. 57-", "NQ/TW was", "Resolution No. 57-NQ/TW was"),
    ("tỉnh Bà Rịa-", "Vũng Tàu", "tỉnh Bà Rịa-Vũng Tàu"),
    ("провинциальной поли-", "цией", "провинциальной полицией"),
    ("social-", "economic growth", "social-economic growth"),  # the document writes "social-" compounds elsewhere
    ("security-", "related", "securityrelated"),  # ... but a break is a break where it does not
    ("социально-", "экономических", "социально-экономических"),  # Russian writes these compounds with a hyphen
    ("социально-", "го развития", "социального развития"),  # ... but an ending is no word of a compound
    ("по-", "лиция", "полиция"),
    ("the inter-", "agency group", "the interagency group"),
    ("Seite", "drei", "Seite drei"),
])
def test_a_hyphen_at_a_line_end_is_dropped_only_where_the_break_made_it(head: str, tail: str, expected: str) -> None:
    vocab = {"social-", "social-security"}
    assert join_pair(head, tail, vocab) == expected


def test_pages_are_read_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = render_pdf(tmp_path / "long.pdf", REPORTS["en"] * 4, Layout(**SMALL))
    read: list = []
    original = pdfplumber.page.Page.extract_words

    def spy(page, *args, **kwargs):
        # when a page is read, no page before it still holds its characters
        assert not [p for p in read if "_objects" in p.__dict__ or "_layout" in p.__dict__]
        read.append(page)
        return original(page, *args, **kwargs)

    monkeypatch.setattr(pdfplumber.page.Page, "extract_words", spy)
    read_document(path)
    assert len(read) >= 4


def test_a_word_in_another_font_is_not_parted_from_its_punctuation(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from .pdfmaker import font_names, width_of

    regular, bold = font_names()
    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path))
    x = 60.0
    for text, font in (("The ", regular), ("Provincial Police", bold), (", with the Department of Justice.", regular)):
        c.setFont(font, 10)
        c.drawString(x, 700, text)
        x += width_of(text, font, 10)
    c.save()
    assert read_document(path).text == "The Provincial Police, with the Department of Justice."
