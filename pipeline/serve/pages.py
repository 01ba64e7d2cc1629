"""Docket's own pages in Datasette: a record with its review form, a document's text, a place's timeline.

Each view reads the store through the Python API and the report functions (the same code the CLI
calls) and renders a template that extends Datasette's base; Jinja escapes every value, and text
built here is escaped with markupsafe.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from datasette import Response
from markupsafe import Markup

from .. import reviews
from ..api import Docket
from ..errors import DocketError
from ..reviews import FIELDS, ReviewError, whole
from ..store import FACT_TABLES
from .metadata import DATABASE
from .text import Span, marked_text, sentence_with_mark


VEGA_JS = "/-/docket/vega.js"


class Missing(LookupError):
    """No stored record or document has the id in the URL."""


def store_path(datasette) -> Path:
    """Return the path of the store this Datasette serves."""
    return Path(datasette.get_database(DATABASE).path)


def review_on(datasette) -> bool:
    """Say whether this server was started with --review."""
    return bool((datasette.plugin_config("docket") or {}).get("review"))


def shown(value: Any) -> str:
    """Write a value as a form shows it: whole numbers without '.0', nothing for None."""
    return "" if value is None else str(whole(value))


# -- reading -------------------------------------------------------------------------------------


def record_context(dk: Docket, ref: str) -> dict[str, Any]:
    """Gather a record, its review, its current values, sentence and document for the record page."""
    try:
        kind, row = reviews.find_record(dk.store, ref)
    except ReviewError as exc:
        raise Missing(str(exc)) from exc
    review = reviews.stored_review(dk.store, row["id"])
    current = {f: row[f] for f in FIELDS[kind]}
    if review and review.status == "corrected":
        current.update(review.fields)
    original = review.original if review else current
    fields = [{"name": f, "extracted": shown(original.get(f, row[f])), "current": shown(current[f]),
               "may_be_empty": FIELDS[kind][f][1]} for f in FIELDS[kind]]
    sentence = next(iter(dk.store.db.query("SELECT start, text FROM sentences WHERE document_id = ? AND idx = ?",
                                           [row["document_id"], row["sentence_idx"]])), None)
    evidence = sentence_with_mark(sentence["text"], sentence["start"], row["start"], row["end"]) if sentence else row["text"]
    document = dk.store.find_document(row["document_id"])
    return {"kind": kind, "record": row, "review": review, "fields": fields, "evidence": evidence,
            "document": document, "choices": choices(kind)}


def choices(kind: str) -> dict[str, tuple[str, ...]]:
    """Return the allowed words of each field that takes one of a few (for the form's lists)."""
    words = {"status": reviews.COUNT_STATUSES, "qualifier": reviews.QUALIFIERS}
    words["role"] = reviews.DEADLINE_ROLES if kind == "deadlines" else reviews.AGENCY_ROLES
    return {f: words[f] for f in FIELDS[kind] if f in words}


def document_context(dk: Docket, doc_id: str) -> dict[str, Any]:
    """Gather a document and its text with every record's span marked (rejected ones greyed)."""
    try:
        document = dk.store.find_document(doc_id)
    except LookupError as exc:
        raise Missing(str(exc)) from exc
    status = {r.record_id: r.status for r in reviews.all_reviews(dk.store) if r.document_id == document["id"]}
    records = dk.store.raw_records(document["id"])
    spans = [Span(r["id"], kind, r["start"], r["end"], status.get(r["id"]) == "rejected")
             for kind in FACT_TABLES for r in records[kind]]
    text = dk.store.stored_text(document["id"])["text"]
    counts = {kind: len(rows) for kind, rows in records.items()}
    return {"document": document, "text": marked_text(text, spans), "counts": counts}


def places(dk: Docket) -> list[dict]:
    """Return each place with its documents and target series."""
    return list(dk.store.db.query(
        "SELECT d.place, count(DISTINCT d.id) AS documents, "
        "(SELECT count(*) FROM series s WHERE s.place = d.place) AS series "
        "FROM documents d WHERE d.place IS NOT NULL GROUP BY d.place ORDER BY d.place"))


def document_linker(datasette) -> Callable[[str, str], str]:
    """Link a point of a chart to its document's page on this server (the source file need not be here)."""
    return lambda _source, document: datasette.urls.path(f"/-/docket/document/{document}")


def timeline_page(dk: Docket, place: str, datasette) -> str:
    """Return the report module's HTML timeline of a place's target series (a whole page), Vega from this server."""
    from ..report import timeline_html

    found = dk.series(place=place)
    return timeline_html(found, f"Targets over time: {place}", document_linker(datasette),
                         datasette.urls.path(VEGA_JS))


def chart_context(datasette, place: str, found: list[dict]) -> dict[str, Any]:
    """Return the place page's chart: the Vega-Lite spec and embed options as script-safe JSON."""
    from ..report import script_json
    from ..vega import EMBED_OPTIONS, timeline_spec

    if not found:
        return {}
    spec = timeline_spec(found, f"Targets over time: {place}", document_linker(datasette))
    return {"spec_json": Markup(script_json(spec)), "embed_json": Markup(script_json(EMBED_OPTIONS)),
            "vega_js": datasette.urls.path(VEGA_JS)}


# -- meaning search, with the model kept loaded ----------------------------------------------------

SEARCH_LIMIT = (20, 100)  # hits on a page by default, and at most
_EMBEDDERS: dict[str | None, Any] = {}  # by model name: loaded once per server process, then kept
_EMBEDDER_LOCK = threading.Lock()


def kept_embedder(model: str | None = None):
    """Return the embedder for model (DOCKET_MODEL, else the default), loading it on first use only.

    A command pays the model's start-up (the tokenizer and the ONNX session) on every question; the
    server pays it once, so that a question is answered in the time of one encoding and one search.
    """
    from ..embed import make_embedder

    model = model or os.environ.get("DOCKET_MODEL") or None
    with _EMBEDDER_LOCK:
        if model not in _EMBEDDERS:
            embedder = make_embedder(model)
            embedder.encode(["warm up"], kind="query")  # loads it now, or fails with the command that builds it
            _EMBEDDERS[model] = embedder
        return _EMBEDDERS[model]


def warm_embedder() -> None:
    """Load the model in the background when the server starts, so that the first question does not wait for it."""
    def load() -> None:
        try:
            kept_embedder()
        except DocketError:
            pass  # the search page says what is missing when it is asked

    threading.Thread(target=load, name="docket-model", daemon=True).start()


def meaning_search(path: Path, text: str, limit: int, lang: str | None) -> list[dict]:
    """Run `docket search` in this process with the kept model."""
    from ..report import search

    with Docket(path) as dk:
        return search(dk.store, kept_embedder(), text, limit=limit, language=lang)


def search_args(request) -> tuple[str, str | None, int]:
    """Return the question, the language and the number of hits asked for in the URL (bounded)."""
    text = (request.args.get("q") or "").strip()[:1000]
    lang = (request.args.get("lang") or "").strip().lower() or None
    try:
        limit = min(max(int(request.args.get("limit") or SEARCH_LIMIT[0]), 1), SEARCH_LIMIT[1])
    except ValueError:
        limit = SEARCH_LIMIT[0]
    return text, lang, limit


# -- views ---------------------------------------------------------------------------------------


async def page(datasette, request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render one of Docket's templates inside Datasette's layout."""
    context = {**context, "review_on": review_on(datasette), "quote": quote}
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


async def not_found(datasette, request, message: str) -> Response:
    """Answer 404 with Datasette's error page (raising NotFound would log a traceback for a typo in a URL)."""
    return await page(datasette, request, "error.html", {"ok": False, "error": message, "status": 404,
                                                          "title": "Not found"}, status=404)


async def document_view(datasette, request) -> Response:
    """Show a document's text with every record marked; #record-ID marks one."""
    try:
        with Docket(store_path(datasette)) as dk:
            context = document_context(dk, request.url_vars["id"])
    except Missing as exc:
        return await not_found(datasette, request, str(exc))
    return await page(datasette, request, "docket_document.html", context)


async def places_view(datasette, request) -> Response:
    """List places with links to their pages."""
    with Docket(store_path(datasette)) as dk:
        found = places(dk)
    return await page(datasette, request, "docket_places.html", {"places": found})


async def place_view(datasette, request) -> Response:
    """Show a place's target series: the timeline and every report's point, linked to its text."""
    place = unquote(request.url_vars["place"])
    with Docket(store_path(datasette)) as dk:
        found = dk.series(place=place)
    from ..report import review_text
    from ..vega import value_text
    from ..written import number_text

    # numbers as written (1,000,000; 38) and reviews as the other faces show them
    context = {"place": place, "series": found, "number_text": number_text, "value_text": value_text,
               "review_text": review_text, **chart_context(datasette, place, found)}
    return await page(datasette, request, "docket_place.html", context)


async def timeline_view(datasette, request) -> Response:
    """Serve a place's HTML timeline as the report module draws it."""
    with Docket(store_path(datasette)) as dk:
        return Response.html(timeline_page(dk, unquote(request.url_vars["place"]), datasette))


async def vega_view(datasette, request) -> Response:
    """Serve Vega, Vega-Lite and vega-embed as one script (bundled by vl-convert, nothing from a CDN)."""
    from ..vega import javascript

    return Response(javascript(), content_type="application/javascript; charset=utf-8",
                    headers={"Cache-Control": "max-age=86400"})


async def search_view(datasette, request) -> Response:
    """Rank record sentences by meaning against a question in any language; `search.json` answers in JSON."""
    text, lang, limit = search_args(request)
    hits: list[dict] = []
    error = None
    if text:
        try:
            hits = await asyncio.to_thread(meaning_search, store_path(datasette), text, limit, lang)
        except DocketError as exc:
            error = str(exc)
    if request.url_vars.get("format"):
        if error:
            return Response.json({"ok": False, "error": error}, status=503)
        return Response.json({"ok": True, "q": text, "lang": lang, "hits": hits})
    return await page(datasette, request, "docket_search.html",
                      {"q": text, "lang": lang or "", "limit": limit, "hits": hits, "error": error},
                      status=503 if error else 200)


async def record_view(datasette, request) -> Response:
    """Show a record with its evidence and review; on POST (with --review) store a review."""
    from .review_form import submit

    error = None
    try:
        if request.method == "POST":
            error = await submit(datasette, request)
            if error is None:
                return Response.redirect(request.path)
        with Docket(store_path(datasette)) as dk:
            context = record_context(dk, request.url_vars["id"])
    except Missing as exc:
        return await not_found(datasette, request, str(exc))
    return await page(datasette, request, "docket_record.html", {**context, "error": error},
                      status=400 if error else 200)


ROUTES = [
    (r"^/-/docket/record/(?P<id>[0-9a-fA-F]{6,64})$", record_view),
    (r"^/-/docket/document/(?P<id>[0-9a-fA-F]{6,64})$", document_view),
    (r"^/-/docket/places$", places_view),
    (r"^/-/docket/place/(?P<place>[^/]+)/timeline$", timeline_view),
    (r"^/-/docket/place/(?P<place>[^/]+)$", place_view),
    (r"^/-/docket/vega\.js$", vega_view),
    (r"^/-/docket/search(?P<format>\.json)?$", search_view),
]
