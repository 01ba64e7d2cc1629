"""link.py: translation groups, target series, revisions; with a deterministic fake embedder."""

from __future__ import annotations

import json

import pytest

from pipeline.export import document_objects
from pipeline.link import link
from pipeline.store import Store

from .fakes import FakeEmbedder, store_text

MARCH_EN = """On March 28, 2024, the Ha Tinh Provincial People's Committee held a conference on Project 06.
So far 6 of 38 pilot models have been completed.
The Provincial Police must complete the data center by June 30, 2024.
The Department of Justice reviewed 38 administrative procedures."""

MARCH_DE = """Am 28. März 2024 hielt das Provinzvolkskomitee von Ha Tinh eine Konferenz zum Projekt 06 ab.
Bisher wurden 6 von 38 Pilotmodellen abgeschlossen.
Die Provinzpolizei muss das Datenzentrum bis zum 30. Juni 2024 fertigstellen.
Das Justizamt prüfte 38 Verwaltungsverfahren."""

SEPT_EN = """On September 26, 2024, the Ha Tinh Provincial People's Committee held a conference on Project 06.
So far 21 of 38 pilot models have been completed.
The Provincial Police must complete the data center by December 31, 2024.
The Department of Justice has reviewed 10 of 38 administrative procedures."""

# another province's report on the same date with the same numbers: not a translation, not the same target
NGHE_AN_EN = """On March 28, 2024, the Nghe An Provincial People's Committee held a conference on Project 06.
So far 6 of 38 pilot models have been completed.
The Provincial Police must complete the data center by June 30, 2024."""


@pytest.fixture
def linked() -> tuple[Store, dict[str, str], FakeEmbedder]:
    store = Store(":memory:")
    ids = {name: store_text(store, text, lang, f"{name}.txt") for name, text, lang in (
        ("march.en", MARCH_EN, "en"), ("march.de", MARCH_DE, "de"), ("sept.en", SEPT_EN, "en"),
        ("nghe-an.en", NGHE_AN_EN, "en"))}
    embedder = FakeEmbedder()
    link(store, embedder)
    return store, ids, embedder


def test_a_translated_pair_is_grouped_and_nothing_else(linked) -> None:
    store, ids, _ = linked
    groups = store.translation_groups()
    assert set(groups) == {ids["march.en"], ids["march.de"]}
    assert groups[ids["march.en"]] == groups[ids["march.de"]]


def test_the_export_names_the_translations(linked) -> None:
    store, _, _ = linked
    by_source = {o["source"]: o for o in document_objects(store)}
    assert by_source["march.en.txt"]["translations"] == ["march.de.txt"]
    assert by_source["march.de.txt"]["translations"] == ["march.en.txt"]
    assert by_source["sept.en.txt"]["translations"] == []


def test_two_reports_in_one_language_are_not_duplicates() -> None:
    store = Store(":memory:")
    store_text(store, MARCH_EN, "en", "march.txt")
    store_text(store, SEPT_EN, "en", "sept.txt")  # the same template, another meeting and other figures
    link(store, FakeEmbedder())
    assert store.translation_groups() == {}


def test_a_copy_of_one_article_on_another_site_is_a_duplicate_and_one_report() -> None:
    store = Store(":memory:")
    a = store_text(store, MARCH_EN, "en", "portal.txt")
    b = store_text(store, "Ha Tinh Newspaper - Society\n" + MARCH_EN, "en", "newspaper.txt")  # its own header line
    link(store, FakeEmbedder())
    [row] = store.translation_links()
    assert row["kind"] == "duplicate" and row["score"] == 1.0
    assert store.translation_groups()[a] == store.translation_groups()[b]
    # a target the two copies state is one point of its series, as for a translation
    points = [p for p in store.series_points() if p["total"] == 38 and p["value"] == 6]
    assert {p["document_id"] for p in points} == {a, b} and len({p["group_id"] for p in points}) == 1


def test_the_aligned_sentence_pairs_are_stored_and_shown(linked) -> None:
    store, ids, _ = linked
    [row] = store.translation_links()
    assert [p[:2] for p in row["pairs"]] == [[0, 0], [1, 1], [2, 2], [3, 3]]
    assert all(p[2] >= 0.8 for p in row["pairs"]) and row["score"] == 1.0
    assert row["reason"].startswith("4/4 sentences of the shorter aligned one to one in order")
    by_id = {r["id"]: r for r in store.translation_rows()}
    assert by_id[ids["march.de"]]["linked_to"] == ids["march.en"] and len(by_id[ids["march.de"]]["pairs"]) == 4
    evidence = {o["source"]: o["translation_evidence"] for o in document_objects(store)}
    assert [e["source"] for e in evidence["march.en.txt"]] == ["march.de.txt"]
    assert evidence["sept.en.txt"] == []


# a report of another event that shares the figures of the March report: 6, 38, 30 June 2024 and 28 March 2024
OTHER_EVENT_DE = """Die Stadt Vinh eröffnete am 28. März 2024 ein Zentrum für öffentliche Dienstleistungen mit 38 Schaltern.
Sechs Gemeinden erhielten neue Computer im Wert von 6 Milliarden Dong.
Bis zum 30. Juni 2024 sollen alle Schulen ans Glasfasernetz angeschlossen werden."""


def test_different_events_that_share_numbers_are_not_grouped() -> None:
    from pipeline.link import all_sentences, anchor_candidates, build_reports

    store = Store(":memory:")
    store_text(store, MARCH_EN, "en", "march.en.txt")
    store_text(store, OTHER_EVENT_DE, "de", "vinh.de.txt")
    docs = store.link_inputs()
    keys, texts = all_sentences(docs)
    assert anchor_candidates(build_reports(docs, keys), texts) == {(0, 1)}  # their shared numbers make them candidates
    link(store, FakeEmbedder())
    assert store.translation_groups() == {}


def test_an_excerpt_cut_earlier_still_groups_with_the_whole_article() -> None:
    store = Store(":memory:")
    longer = MARCH_EN + "\nThe Department of Health must connect 12 hospitals by September 30, 2024.\nThe conference closed at noon."
    en = store_text(store, longer, "en", "march.en.txt")
    de = store_text(store, MARCH_DE + "\nDas Gesundheitsamt muss 12 Kranken", "de", "march.de.txt")  # stored page cut mid-word
    link(store, FakeEmbedder())
    [row] = store.translation_links()
    assert {row["a"], row["b"]} == {en, de} and row["kind"] == "translation"
    assert row["reason"].startswith("4/5 sentences of the shorter")  # scored against the German excerpt, not the English whole


def test_a_misread_meeting_date_does_not_split_a_translation() -> None:
    store = Store(":memory:")
    en = store_text(store, MARCH_EN, "en", "march.en.txt")
    # the German text dates the meeting a day later (a slip of the page or of the reader), all else agrees
    de = store_text(store, MARCH_DE.replace("Am 28. März 2024", "Am 29. März 2024"), "de", "march.de.txt")
    link(store, FakeEmbedder())
    [row] = store.translation_links()
    assert {row["a"], row["b"]} == {en, de} and row["score"] == 1.0
    assert "the event date read from the two differ, taken as a misreading" in row["reason"]


def test_the_same_target_is_one_series_over_time_and_near_duplicates_stay_apart(linked) -> None:
    store, ids, _ = linked
    series = {(s["place"], s["unit"], s["total"]): s for s in store.series_rows()}
    models = series[("Ha Tinh", "model", 38.0)]
    points = store.series_points(models["id"])
    assert [(p["date"], p["value"]) for p in points] == [("2024-03-28", 6.0), ("2024-03-28", 6.0), ("2024-09-26", 21.0)]
    assert "total 38" in points[-1]["reason"] and points[-1]["score"] > 0.8
    procedures = series[("Ha Tinh", "administrative procedure", 38.0)]
    assert procedures["id"] != models["id"]
    assert {p["document_id"] for p in store.series_points(procedures["id"])} >= {ids["sept.en"]}
    # another province's identical figures are another target
    assert ("Nghe An", "model", 38.0) in series
    assert ids["nghe-an.en"] not in {p["document_id"] for p in points}


def test_a_moved_deadline_is_listed_as_slipped(linked) -> None:
    store, ids, _ = linked
    moved = [r for r in store.revision_rows() if r["kind"] == "deadline"]
    assert len(moved) == 1
    r = moved[0]
    assert (r["old"], r["new"], r["direction"]) == ("2024-06-30", "2024-12-31", "later")
    assert r["to_document"] == ids["sept.en"] and r["from_document"] in (ids["march.en"], ids["march.de"])
    assert "Provincial Police" in r["reason"]


def test_a_revised_total_is_linked_and_listed() -> None:
    store = Store(":memory:")
    store_text(store, MARCH_EN, "en", "march.txt")
    store_text(store, SEPT_EN.replace("21 of 38 pilot models", "21 of 45 pilot models"), "en", "sept.txt")
    link(store, FakeEmbedder())
    totals = [r for r in store.revision_rows() if r["kind"] == "total"]
    assert [(r["old"], r["new"], r["direction"]) for r in totals] == [(38, 45, "up")]  # totals are numbers, dates text
    model_series = [s for s in store.series_rows() if s["unit"] == "model"]
    assert len(model_series) == 1 and model_series[0]["total"] == 45


def test_a_total_far_from_the_old_one_is_a_new_target() -> None:
    store = Store(":memory:")
    store_text(store, MARCH_EN, "en", "march.txt")
    store_text(store, SEPT_EN.replace("21 of 38 pilot models", "21 of 400 pilot models"), "en", "sept.txt")
    link(store, FakeEmbedder())
    assert not [r for r in store.revision_rows() if r["kind"] == "total"]
    assert len([s for s in store.series_rows() if s["unit"] == "model"]) == 2


def test_vectors_are_stored_by_content_and_never_computed_twice(linked) -> None:
    store, _, embedder = linked
    first = len(embedder.encoded)
    assert first == len(set(embedder.encoded))  # the same sentence in two documents is embedded once
    summary = link(store, embedder)
    assert summary.embedded == 0 and len(embedder.encoded) == first
    store_text(store, SEPT_EN.replace("September 26", "September 27"), "en", "sept2.txt")
    summary = link(store, embedder)
    assert summary.embedded == 1  # only the changed sentence


def test_linking_again_replaces_the_links_whole(linked) -> None:
    store, _, embedder = linked
    before = (store.series_rows(), store.revision_rows(), store.translation_rows())
    link(store, embedder)
    assert (store.series_rows(), store.revision_rows(), store.translation_rows()) == before


def test_an_empty_store_links_to_nothing() -> None:
    store = Store(":memory:")
    summary = link(store, FakeEmbedder())
    assert (summary.documents, summary.series, summary.translation_groups) == (0, 0, 0)


@pytest.mark.model
def test_a_misread_meeting_date_does_not_split_a_translation_whose_facts_all_agree() -> None:
    from pipeline.embed import SentenceTransformerEmbedder

    store = Store(":memory:")
    en = store_text(store, MARCH_EN, "en", "march.en.txt")
    # the German version dates the meeting a day later (a misreading), everything else agrees
    de = store_text(store, MARCH_DE.replace("Am 28. März 2024", "Am 29. März 2024"), "de", "march.de.txt")
    link(store, SentenceTransformerEmbedder())
    rows = store.translation_rows()
    assert {r["id"] for r in rows} == {en, de}
    assert "the event date read from the two differ, taken as a misreading" in rows[0]["reason"]


def test_another_meeting_of_the_same_province_is_not_a_translation() -> None:
    store = Store(":memory:")
    store_text(store, MARCH_EN, "en", "march.en.txt")
    store_text(store, MARCH_DE.replace("Am 28. März 2024", "Am 26. September 2024").replace("6 von 38", "21 von 38")
               .replace("30. Juni 2024", "31. Dezember 2024"), "de", "sept.de.txt")
    link(store, FakeEmbedder())
    assert store.translation_groups() == {}


def test_documents_translations_shows_the_score_and_the_aligned_sentences(linked, tmp_path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import cli

    store, _, _ = linked
    db = str(tmp_path / "linked.db")
    store.db.conn.execute(f"VACUUM INTO '{db}'")
    runner = CliRunner()
    table = runner.invoke(cli, ["--db", db, "documents", "--translations"], obj={})
    assert table.exit_code == 0 and "translation" in table.stdout and "4/4 sentences" in table.stdout
    pairs = runner.invoke(cli, ["--db", db, "documents", "--translations", "--pairs", "--format", "jsonl"], obj={})
    rows = [json.loads(line) for line in pairs.stdout.splitlines()]
    assert [(r["a_idx"], r["b_idx"]) for r in rows] == [(0, 0), (1, 1), (2, 2), (3, 3)]
    by_source = {r["a"]: r["a_sentence"] for r in rows} | {r["b"]: r["b_sentence"] for r in rows}
    assert {r["a_sentence"] for r in rows} | {r["b_sentence"] for r in rows} >= {
        "So far 6 of 38 pilot models have been completed.", "Bisher wurden 6 von 38 Pilotmodellen abgeschlossen."}
    assert set(by_source) == {"march.en.txt", "march.de.txt"}
    alone = runner.invoke(cli, ["--db", db, "documents", "--pairs"], obj={})
    assert alone.exit_code == 2 and "--translations" in alone.output


def test_a_series_whose_last_total_is_zero_links_without_dividing_by_it() -> None:
    # a "0 of 0" target once raised ZeroDivisionError in revised_total and lost the whole link run
    store = Store(":memory:")
    store_text(store, MARCH_EN.replace("6 of 38 pilot models", "0 of 0 pilot models"), "en", "march.txt")
    store_text(store, SEPT_EN, "en", "sept.txt")
    link(store, FakeEmbedder())
    totals = sorted(s["total"] for s in store.series_rows() if s["unit"] == "model")
    assert totals == [0, 38]  # a total of 0 is revised by nothing: two series
    assert not [r for r in store.revision_rows() if r["kind"] == "total"]


def test_points_name_the_records_they_read_and_unchanged_values_are_kept_as_restatements(linked) -> None:
    store, ids, _ = linked
    counts = {r["id"]: r for r in store.db.query("SELECT id, document_id, value, total FROM counts")}
    points = list(store.db.query("SELECT * FROM series_points"))
    assert points and all(counts[p["target_id"]]["document_id"] == p["document_id"] for p in points)
    assert all(counts[p["value_id"]]["value"] == p["value"] for p in points if p["value_id"])
    assert all(p["sentence_idx"] in json.loads(p["sentences"]) for p in points)
    kept = list(store.db.query("SELECT id, kind, old, new, direction FROM restatements"))
    assert ("total", "38", "38", None) in [(r["kind"], r["old"], r["new"], r["direction"]) for r in kept]  # models, March to Sept
    moved = {r["id"] for r in store.db.query("SELECT id FROM revisions")}
    assert moved and not moved & {r["id"] for r in kept}  # one numbering: the reviewed view joins both
