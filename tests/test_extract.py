"""extract/__init__.py: a whole report, the same report in several languages, commitments and facts."""

from __future__ import annotations

import pytest

from pipeline.detect import detect_language, given_language
from pipeline.extract import Extractor
from pipeline.ingest import read_document

from .conftest import SAMPLE

SAME_REPORT = ["ha-tinh-2024-03-project06.en.txt", "ha-tinh-2024-03-project06.vi.txt"]


@pytest.fixture(scope="module")
def extractions():
    extractor = Extractor()
    out = {}
    for name in SAME_REPORT:
        doc = read_document(SAMPLE / name)
        out[name] = (doc, extractor(doc, detect_language(doc.text)))
    return out


def test_the_same_report_in_two_languages_gives_the_same_records(extractions) -> None:
    (_, en), (_, vi) = extractions.values()
    assert {(c.value, c.total, c.unit) for c in en.counts} == {(c.value, c.total, c.unit) for c in vi.counts}
    assert {(d.due, d.role) for d in en.deadlines} == {(d.due, d.role) for d in vi.deadlines}
    en_names = {a.name for a in en.agencies}
    vi_names = {a.name.replace("Project 06 ", "") for a in vi.agencies}
    assert en_names == vi_names
    assert (en.event_date, en.place) == (vi.event_date, vi.place) == ("2024-03-28", "Ha Tinh")


def test_every_record_carries_its_evidence(extractions) -> None:
    for doc, e in extractions.values():
        sentences = {s.index: s for s in e.sentences}
        for record in (*e.counts, *e.deadlines, *e.agencies):
            assert doc.text[record.start:record.end] == record.text
            sentence = sentences[record.sentence]
            assert sentence.start <= record.start and record.end <= sentence.end
            assert doc.text[sentence.start:sentence.end] == sentence.text


def test_commitments_link_agencies_counts_and_deadline(extractions) -> None:
    _, en = extractions[SAME_REPORT[0]]
    center = next(c for c in en.commitments if "data center" in c.text)
    assert center.agencies == ("Provincial People's Committee", "Department of Information and Communications", "Provincial Police", "VNPT")
    assert center.due == "2024-06-30"
    records = next(c for c in en.commitments if "civil status records" in c.text)
    assert [en.counts[i].value for i in records.counts] == [2000]
    assert records.due == "2024-09-30"


def test_unsupported_language_gives_facts_but_no_records() -> None:
    from pipeline.records import Document

    doc = Document(id="x", source="x.txt", text="Le comité a terminé 6 des 38 modèles.\nSuite.", format="txt")
    e = Extractor()(doc, given_language("fr"))
    assert e.counts == () and e.agencies == ()
    assert "not yet supported" in e.notes[0]
    assert e.title == "Le comité a terminé 6 des 38 modèles."


def test_pipe_keeps_order() -> None:
    docs = [read_document(SAMPLE / n) for n in SAME_REPORT]
    out = list(Extractor().pipe((d, detect_language(d.text)) for d in docs))
    assert [e.title[:2] for e in out] == ["Ha", "Hà"]


def test_a_dotted_ordinal_ends_no_sentence_where_the_language_writes_ordinals_so() -> None:
    from pipeline.extract.sentences import pipeline, split_sentences

    assert len(split_sentences(pipeline("de")("Am 2. April hielt das Komitee eine Konferenz ab."))) == 1
    assert len(split_sentences(pipeline("en")("The list has 2. Another sentence follows."))) == 2
