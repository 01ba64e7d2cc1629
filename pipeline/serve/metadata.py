"""What Datasette shows of a Docket store: titles, descriptions, units, label columns, facets, hidden tables.

Datasette reads this as its metadata (0.65's metadata.json shape); the canned queries live in
`queries.py`. Tables that only the code reads (embeddings, link runs, the full-text index's
shadow tables) are hidden; the reviewed views are what an analyst should read, the raw tables are
what extraction found.
"""

from __future__ import annotations

from typing import Any

from .queries import QUERIES

DATABASE = "docket"  # the name Datasette gives the store, whatever its file is called
HIDDEN = ("agency_names", "embeddings", "link_runs", "sentences_fts", "sentences_fts_config", "sentences_fts_data",
          "sentences_fts_docsize", "sentences_fts_idx")

# evidence columns every record table and view shares
EVIDENCE = {
    "id": "Stable record id (document, kind and span); reviews and `docket review` use it. Opens the record's page.",
    "document_id": "The document the record was found in.",
    "idx": "Position of the record among its document's records of this kind.",
    "sentence_idx": "Position of the evidence sentence in the document.",
    "text": "The words the record was read from, as written.",
    "start": "Start of the text in the document (characters).",
    "end": "End of the text in the document (characters).",
}
REVIEW = {
    "review_status": "accepted or corrected (rejected records are left out of this view); empty when unreviewed.",
    "review_by": "Who reviewed the record.",
    "review_at": "When it was reviewed (UTC).",
    "review_note": "The reviewer's note.",
    "review_original": "The extracted values before the correction (JSON).",
}
COUNTS = {
    "value": "How many (a number, in the unit).", "total": "Out of how many (the target), if stated.",
    "unit": "What is counted, in canonical English (task, model, public service, %...).",
    "status": "completed, in_progress, not_started or planned.", "qualifier": "at_least, at_most or about.",
}
DEADLINES = {
    "due": "The date, as the last day of its period (ISO date).",
    "granularity": "day, month, quarter, half or year.",
    "role": "deadline, start, as_of, event or reference.",
    "basis": "explicit (the text gives the year) or resolved (from an anchor).",
    "anchor": "What a resolved date was resolved from, e.g. the meeting date.",
}
AGENCIES = {"name": "The agency's canonical English name.", "role": "lead or coordinate, where the sentence says so."}
COMMITMENTS = {
    "due": "Deadline of the commitment (ISO date).", "agencies": "Agencies named in the sentence (JSON list).",
    "counts": "Positions (idx) of the counts in the sentence (JSON list).",
}


def record_table(title: str, description: str, columns: dict[str, str], facets: list, sort: str | None,
                 reviewed: bool) -> dict[str, Any]:
    """Describe one record table (or its reviewed view)."""
    meta: dict[str, Any] = {"title": title, "description": description, "facets": facets,
                            "columns": {**EVIDENCE, **columns, **(REVIEW if reviewed else {})}}
    if sort:
        meta["sort"] = sort
    return meta


def record_tables() -> dict[str, dict[str, Any]]:
    """Describe counts, deadlines, agencies and commitments, raw and reviewed."""
    kinds = {
        "counts": ("Counts", "Task counts: value, total, unit, status.", COUNTS, ["unit", "status", "qualifier"], None),
        "deadlines": ("Deadlines", "Dates in the reports with their role.", DEADLINES,
                      ["role", "granularity", "basis", {"year": "due"}], "due"),
        "agencies": ("Agencies", "Agencies named in the reports.", AGENCIES, ["name", "role"], None),
        "commitments": ("Commitments", "Sentences that assign work, report a count or set a deadline.", COMMITMENTS,
                        [{"array": "agencies"}, {"year": "due"}], "due"),
    }
    out = {}
    for kind, (title, description, columns, facets, sort) in kinds.items():
        out[kind] = record_table(f"{title} (as extracted)", description + " As extracted, before reviews; "
                                 f"read reviewed_{kind} for the reviewed values.", columns, facets, sort, False)
        out[f"reviewed_{kind}"] = record_table(f"{title} (reviewed)", description + " With reviews applied: "
                                               "corrections in place, rejected records left out.",
                                               columns, facets, sort, True)
    return out


def documents() -> dict[str, Any]:
    """Describe the documents table: facets by language, place and year of the meeting."""
    return {
        "title": "Documents", "label_column": "title", "sort_desc": "event_date",
        "description": "One stored text per row (id: content hash). Open a document's text at /-/docket/document/ID.",
        "facets": ["language", "place", {"year": "event_date"}, "format", "published_source"],
        "columns": {
            "id": "Content hash of the normalised text (16 hex digits).", "source": "Path or URL it was read from.",
            "version": "Version of this source path (a changed file is a new version).", "format": "txt, md, html or pdf.",
            "language": "Detected (or given) language: en, de, ru, vi, or another code.",
            "language_confidence": "Confidence of the language detection (0 to 1).",
            "supported": "1 when records are extracted for the language.", "title": "Title of the report.",
            "event_date": "Day of the meeting or decision (ISO date).", "event_date_anchor": "Where its year came from.",
            "published": "When the report was written (ISO date).", "published_source": "Where that date came from.",
            "place": "Province or centrally-run city.", "url": "The page's URL, if any.", "chars": "Length of the text (characters).",
            "notes": "Why records are missing, e.g. a language not yet supported.", "text": "The whole text.",
            "ingested_at": "When it was stored (UTC).",
        },
    }


def link_tables() -> dict[str, dict[str, Any]]:
    """Describe series, series points, revisions, translations and reviews."""
    return {
        "series": {"title": "Target series", "description": "The same target over several reports.",
                   "facets": ["place", "unit", "agency"], "columns": {
                       "unit": "What is counted.", "total": "The target's latest total.", "place": "Province or city.",
                       "agency": "The agency most often named with it."}},
        "series_points": {"title": "Series points (as linked)", "sort": "date", "facets": ["status", {"year": "date"}],
                          "description": "A report's statement of a target: one row per document, as linked, before "
                                         "later reviews; read reviewed_series_points for the reviewed figures.", "columns": {
                              "date": "Date of the report (ISO date).", "value": "Reported value.", "total": "Target total.",
                              "due": "Deadline stated with it (ISO date).", "score": "Link score (0 to 1).",
                              "reason": "Why the statement belongs to the series."}},
        "revisions": {"title": "Revisions (as linked)", "facets": ["kind", "direction"],
                      "description": "Deadlines that moved and totals that changed between reports, as linked; "
                                     "read reviewed_revisions for them with reviews applied.", "columns": {
                          "old": "Value in the earlier report.", "new": "Value in the later report.",
                          "direction": "later (slipped) or earlier; larger or smaller for totals."}},
        "reviewed_series": {"title": "Target series (reviewed)", "facets": ["place", "unit", "agency"],
                            "description": "Target series with reviews applied: the total its last report states."},
        "reviewed_series_points": {
            "title": "Series points (reviewed)", "sort": "date", "facets": ["status", "review_status", {"year": "date"}],
            "description": "Series points with their figures read from the reviewed records: a review shows at once, "
                           "a point whose target count was rejected is left out.", "columns": {
                "review_status": "corrected where a record it reads was corrected or rejected; accepted where accepted.",
                "review_original": "The point's figures as extracted (JSON), where a review touched it."}},
        "reviewed_revisions": {"title": "Revisions (reviewed)", "facets": ["kind", "direction", "review_status"],
                               "description": "Moved deadlines and changed totals with reviews applied: a correction can "
                                              "make or unmake a revision.", "columns": {
                                   "review_original": "Old and new as extracted (JSON), where a review touched them."}},
        "restatements": {"title": "Restatements", "facets": ["kind"],
                         "description": "Deadlines and totals a later report states unchanged (kept so that a review "
                                        "can make one a revision)."},
        "translation_links": {"title": "Translation links", "facets": ["kind"],
                              "description": "Pairs of documents judged the same article (or duplicates)."},
        "translation_groups": {"title": "Translation groups", "description": "Documents that are one article."},
        "sentences": {"title": "Sentences", "fts_table": "sentences_fts", "fts_pk": "rowid",
                      "description": "Evidence sentences; search them (diacritics folded), or use the "
                                     "'Search sentences' query to sort hits by date."},
        "sources": {"title": "Sources", "description": "Every path a document was read from."},
        "skipped": {"title": "Skipped files", "facets": ["kind"], "description": "Files that could not be read, with the reason."},
        "reviews": {"title": "Reviews", "facets": ["kind", "status", "by"], "sort_desc": "at",
                    "description": "An analyst's verdicts, keyed by record id; they survive re-ingest and reextract."},
    }


def metadata(review: bool) -> dict[str, Any]:
    """Build Datasette's metadata for a Docket store; review says whether the review form is on."""
    tables = {**record_tables(), "documents": documents(), **link_tables()}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {
        "title": "Docket",
        "description": "Counts, deadlines, agencies and commitments from government meeting reports. "
                       "Places: /-/docket/places. Reviewing is " + ("on." if review else "off (start with --review)."),
        "databases": {DATABASE: {"tables": tables, "queries": QUERIES}},
        "plugins": {"docket": {"review": review}},
    }
