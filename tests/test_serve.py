"""docket serve: Datasette with Docket's metadata, canned queries, pages and review form (Datasette's test client)."""

from __future__ import annotations

import asyncio
import io
import json
import re
import sqlite3
from datetime import date

import pytest

pytest.importorskip("datasette", reason="docket serve needs datasette (a dependency: pip install -e .)")

from pipeline.api import Docket  # noqa: E402
from pipeline.serve import make_datasette  # noqa: E402
from tests.charts import spec_points  # noqa: E402
from tests.fakes import store_text  # noqa: E402
from tests.serve_store import build, record_id  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    path = str(tmp_path_factory.mktemp("serve") / "built.db")
    return path, build(path)


@pytest.fixture
def store(db_path: str, built: tuple[str, dict[str, str]]) -> dict[str, str]:
    """A copy of the built store for each test (extracting and linking it once is what takes time)."""
    with sqlite3.connect(built[0]) as source, sqlite3.connect(db_path) as target:
        source.backup(target)
    return built[1]


def get(db_path: str, path: str, review: bool = False):
    """GET a path from a fresh Datasette over the store."""
    async def run():
        return await make_datasette(db_path, review).client.get(path)
    return asyncio.run(run())


def rows(db_path: str, path: str) -> list[dict]:
    """GET a table or query as a JSON array of objects."""
    response = get(db_path, path + ("&" if "?" in path else "?") + "_shape=array&_size=max")
    assert response.status_code == 200, response.text[:500]
    return response.json()


def post_review(db_path: str, rid: str, form: dict[str, str], review: bool = True, token: bool = True,
                cookie: bool = True, origin: str | None = "http://localhost"):
    """Load a record's page, then POST its form as a browser would (or with one of its guards missing)."""
    async def run():
        ds = make_datasette(db_path, review)
        page = await ds.client.get(f"/-/docket/record/{rid}")
        found = re.search(r'name="csrftoken" value="([^"]+)"', page.text)
        csrf = found.group(1) if found else ""
        headers = {}
        if cookie:
            headers["cookie"] = f"ds_csrftoken={page.cookies.get('ds_csrftoken') or 'x'}"
        if origin:
            headers["origin"] = origin
        data = {**form, **({"csrftoken": csrf} if token else {})}
        return await ds.client.post(f"/-/docket/record/{rid}", data=data, headers=headers)
    return asyncio.run(run())


def exported(db_path: str) -> dict[str, dict]:
    """Return the export, one object per document, by source."""
    out = io.StringIO()
    with Docket(db_path) as dk:
        dk.export(out)
    return {d["source"]: d for d in map(json.loads, out.getvalue().splitlines())}


# -- metadata, facets, search ----------------------------------------------------------------------


def test_documents_are_described_and_faceted_by_language_and_year(db_path, store):
    data = get(db_path, "/docket/documents.json?_extra=facet_results").json()
    facets = data["facet_results"]["results"] if "results" in data["facet_results"] else data["facet_results"]
    languages = {v["value"]: v["count"] for v in facets["language"]["results"]}
    assert languages == {"en": 2, "de": 1}
    years = {v["value"]: v["count"] for v in facets["event_date (year)"]["results"]}
    assert years == {"2024": 3}
    page = get(db_path, "/docket/documents").text
    assert "Detected (or given) language" in page  # column descriptions are shown


def test_year_facet_selects_deadlines_of_that_year(db_path, store):
    due = [r["due"] for r in rows(db_path, "/docket/deadlines.json?due__startswith=2099")]
    assert due == ["2099-03-31", "2099-06-30"]  # sorted by due, as the metadata says


def test_internal_tables_are_hidden_and_foreign_keys_show_titles(db_path, store):
    tables = {t["name"]: t["hidden"] for t in get(db_path, "/docket.json").json()["tables"]}
    assert tables["embeddings"] and tables["link_runs"] and tables["sentences_fts_data"]
    assert not tables["documents"] and not tables["reviews"]
    page = get(db_path, "/docket/deadlines").text
    assert re.search(r'<a href="/docket/documents/[0-9a-f]{16}">[^<]*Ha Tinh', page)  # label column: the title


def test_sentences_have_full_text_search(db_path, store):
    found = rows(db_path, "/docket/sentences.json?_search=Provinzpolizei")
    assert [r["document_id"] for r in found] == [store["german"]]


# -- canned queries -----------------------------------------------------------------------------


def overdue_ids(db_path: str) -> set[str]:
    return {r["id"] for r in rows(db_path, "/docket/overdue.json")}


def test_overdue_commitments_are_past_due_not_done_and_not_rejected(db_path, store):
    justice = record_id(db_path, "commitments", store["march"], "Department of Justice")
    transport = record_id(db_path, "commitments", store["march"], "Department of Transport")
    justice_later = record_id(db_path, "commitments", store["september"], "Department of Justice")
    # the police sentence reports its models completed; the finance and German ones are due in 2099
    assert overdue_ids(db_path) == {justice, transport, justice_later}
    with Docket(db_path) as dk:
        dk.reject(transport, note="the bridges were a plan, not a commitment")
        dk.correct(justice, {"due": "2099-12-31"}, note="the annex gives 2099")
    assert overdue_ids(db_path) == {justice_later}
    with Docket(db_path) as dk:  # a date that is not a deadline sets nothing due
        dk.correct(record_id(db_path, "deadlines", store["september"], "December 31"), {"role": "reference"})
    assert overdue_ids(db_path) == set()


def test_deadlines_due_in_a_range(db_path, store):
    found = rows(db_path, "/docket/deadlines_due.json?due_from=2024-05-01&due_to=2024-06-30")
    assert [(r["due"], r["deadline"]) for r in found] == [("2024-05-15", "May 15, 2024"), ("2024-06-30", "June 30, 2024")]


def test_moved_deadlines_place_series_agency_and_translations(db_path, store):
    moved = rows(db_path, "/docket/moved_deadlines.json")
    assert [(r["was_due"], r["now_due"], r["direction"]) for r in moved] == [("2024-06-30", "2024-12-31", "later")]
    series = rows(db_path, "/docket/place_series.json?place=Ha+Tinh")
    assert {(r["unit"], r["value"]) for r in series} >= {("model", 12), ("model", 31)}
    police = rows(db_path, "/docket/commitments_by_agency.json?agency=Police")
    assert {r["document_id"] for r in police} == set(store.values())
    assert rows(db_path, "/docket/translations.json") == []  # no article here is another's translation


# -- pages ----------------------------------------------------------------------------------------


def test_record_page_shows_evidence_and_links_to_the_highlighted_text(db_path, store):
    rid = record_id(db_path, "counts", store["march"], "12 of 40")
    page = get(db_path, f"/-/docket/record/{rid}").text
    assert "completed <mark>12 of 40 pilot models</mark> by May 15" in page
    assert f'/-/docket/document/{store["march"]}#record-{rid}' in page
    assert "<form" not in page and "docket serve --review" in page  # read only without --review
    text = get(db_path, f"/-/docket/document/{store['march']}").text
    assert f'id="record-{rid}"' in text
    assert re.search(rf'data-records="[^"]*{rid}[^"]*">12 of 40 pilot models<', text)


def test_record_ids_in_tables_and_queries_link_to_record_pages(db_path, store):
    rid = record_id(db_path, "counts", store["march"], "12 of 40")
    assert f'href="/-/docket/record/{rid}"' in get(db_path, "/docket/reviewed_counts").text
    assert f'href="/-/docket/document/{store["march"]}"' in get(db_path, "/docket/overdue").text


def test_a_text_is_escaped_on_every_page(db_path):
    hostile = ("Ha Tinh, March 20, 2024. <script>alert('x')</script> The Department of Justice must digitise "
               "500 civil records by June 30, 2024.\n")
    with Docket(db_path) as dk:
        doc = store_text(dk.store, hostile, "en", "<b>odd</b>.txt")
    rid = record_id(db_path, "counts", doc, "500")
    for path in (f"/-/docket/document/{doc}", f"/-/docket/record/{rid}"):
        page = get(db_path, path).text
        assert "<script>alert" not in page and "<b>odd" not in page
    assert "&lt;script&gt;alert" in get(db_path, f"/-/docket/document/{doc}").text


def test_place_page_shows_series_and_the_timeline(db_path, store):
    page = get(db_path, "/-/docket/place/Ha%20Tinh").text
    assert "model, total 40" in page and "12/40" in page and "31/40" in page
    assert f'/-/docket/document/{store["september"]}' in page
    assert '<script src="/-/docket/vega.js"></script>' in page  # the chart's library from this server, not a CDN
    points = spec_points(page)
    assert {(p["value"], p["link"]) for p in points} >= {("31/40", f'/-/docket/document/{store["september"]}')}
    timeline = get(db_path, "/-/docket/place/Ha%20Tinh/timeline")
    assert timeline.status_code == 200 and "Targets over time: Ha Tinh" in timeline.text
    assert '<script src="/-/docket/vega.js"></script>' in timeline.text and "12/40" in timeline.text
    assert "Ha Tinh" in get(db_path, "/-/docket/places").text


def test_the_vega_script_is_served_by_docket(db_path, store):
    script = get(db_path, "/-/docket/vega.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("application/javascript")
    assert "window.vegaEmbed" in script.text


def test_unknown_record_or_document_is_404(db_path, store):
    assert get(db_path, "/-/docket/record/ffffffffffff").status_code == 404
    assert get(db_path, "/-/docket/document/ffffffffffffffff").status_code == 404


# -- reviews from the browser ---------------------------------------------------------------------


def correction(note: str = "the table says 14") -> dict[str, str]:
    return {"action": "correct", "field_value": "14", "field_total": "40", "field_unit": "model",
            "field_status": "completed", "field_qualifier": "", "note": note, "by": "tester"}


def test_a_correction_from_the_form_is_stored_and_exported(db_path, store):
    rid = record_id(db_path, "counts", store["march"], "12 of 40")
    response = post_review(db_path, rid, correction())
    assert response.status_code == 302
    count = next(c for c in exported(db_path)["ha-tinh-2024-03.en.txt"]["counts"] if c["id"] == rid)
    assert count["value"] == 14 and count["total"] == 40
    assert count["review"]["original"]["value"] == 12 and count["review"]["note"] == "the table says 14"
    assert count["review"]["by"] == "tester"
    with Docket(db_path) as dk:
        assert dk.reviews()[0].fields == {"value": 14}  # only what the form changed
    assert "corrected by tester" in get(db_path, f"/-/docket/record/{rid}", review=True).text


def test_reject_from_the_form(db_path, store):
    rid = record_id(db_path, "commitments", store["march"], "Department of Transport")
    assert post_review(db_path, rid, {"action": "reject", "note": "a plan"}).status_code == 302
    assert [r["kind"] for r in exported(db_path)["ha-tinh-2024-03.en.txt"]["rejected"]] == ["commitments"]


def test_a_bad_value_is_refused_with_the_reason(db_path, store):
    rid = record_id(db_path, "counts", store["march"], "12 of 40")
    response = post_review(db_path, rid, {**correction(), "field_value": "many", "field_status": "finished"})
    assert response.status_code == 400 and "is not a number" in response.text
    with Docket(db_path) as dk:
        assert dk.reviews() == []


@pytest.mark.parametrize("guard", ["no --review", "another origin", "no csrf token", "no cookie"])
def test_a_write_without_its_guards_is_refused(db_path, store, guard):
    rid = record_id(db_path, "counts", store["march"], "12 of 40")
    response = post_review(db_path, rid, correction(), review=guard != "no --review",
                           origin="http://evil.example" if guard == "another origin" else "http://localhost",
                           token=guard != "no csrf token", cookie=guard != "no cookie")
    assert response.status_code == 403
    with Docket(db_path) as dk:
        assert dk.reviews() == []
    assert exported(db_path)["ha-tinh-2024-03.en.txt"]["counts"][1]["review"] is None


def test_today_is_what_overdue_compares_with(db_path, store):
    assert all(r["due"] < date.today().isoformat() for r in rows(db_path, "/docket/overdue.json"))


@pytest.fixture
def models(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Serve meaning search with the fake embedder the test store was linked with; list each model loaded."""
    from pipeline import embed
    from pipeline.serve import pages
    from tests.fakes import FakeEmbedder

    loaded: list[str | None] = []

    def make(model: str | None = None) -> FakeEmbedder:
        loaded.append(model)
        return FakeEmbedder()

    monkeypatch.delenv("DOCKET_MODEL", raising=False)
    monkeypatch.setattr(pages, "_EMBEDDERS", {})
    monkeypatch.setattr(embed, "make_embedder", make)
    return loaded


def test_meaning_search_in_the_browser_ranks_sentences_and_keeps_the_model_loaded(
        db_path: str, store: dict[str, str], models: list[str | None]) -> None:
    async def run():
        ds = make_datasette(db_path)
        page = await ds.client.get("/-/docket/search?q=digitise+civil+records")
        answer = await ds.client.get("/-/docket/search.json?q=digitise+civil+records&limit=2")
        return page, answer

    page, answer = asyncio.run(run())
    assert page.status_code == 200
    assert "The Department of Justice must digitise 500 civil records" in page.text
    assert re.search(r'href="/-/docket/record/[0-9a-f]+">500 civil records</a>', page.text)
    hits = answer.json()["hits"]
    assert len(hits) == 2 and "digitise 500 civil records" in hits[0]["text"]
    assert models == [None]  # loaded for the first question only


def test_meaning_search_escapes_the_question_and_bounds_the_limit(
        db_path: str, store: dict[str, str], models: list[str | None]) -> None:
    page = get(db_path, "/-/docket/search?q=%3Cscript%3Ealert(1)%3C/script%3E&limit=99999")
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    assert len(get(db_path, "/-/docket/search.json?q=records&limit=nonsense").json()["hits"]) <= 20


def test_meaning_search_without_the_model_says_how_to_build_it(
        db_path: str, store: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import embed
    from pipeline.serve import pages

    def missing(model: str | None = None):
        raise embed.ModelError("model multilingual-e5-small is not built at /nowhere: run `docket model build` first")

    monkeypatch.setattr(pages, "_EMBEDDERS", {})
    monkeypatch.setattr(embed, "make_embedder", missing)
    answer = get(db_path, "/-/docket/search.json?q=records")
    assert answer.status_code == 503
    assert "run `docket model build` first" in answer.json()["error"]
    assert "run `docket model build` first" in get(db_path, "/-/docket/search?q=records").text


def test_tables_write_numbers_as_people_do(store: dict[str, str], db_path: str) -> None:
    page = get(db_path, "/docket/reviewed_counts?_sort=value").text
    cells = re.findall(r'<td class="col-value type-float">([^<]*)</td>', page)
    assert cells and all(not c.endswith(".0") for c in cells), cells
    assert not re.search(r'<td class="col-(value|total) type-float">\d+\.0</td>', page)
