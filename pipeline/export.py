"""Export stored records: JSON Lines (one object per document) and CSV (one row per record).

The JSON Lines format is versioned by EXPORT_VERSION and documented in docs/export.md.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from collections.abc import Iterator
from typing import IO

from .reviews import rejected, review_object
from .store import Store

# 2 added "translations"; 3 added published, record ids and what each date was resolved from;
# 4 added each record's "review", each document's "rejected" records and its "translation_evidence"
EXPORT_VERSION = 4
CSV_COLUMNS = ["document_id", "source", "language", "record", "id", "value", "total", "unit", "status", "qualifier",
               "due", "granularity", "role", "basis", "anchor", "name", "agencies", "text", "start", "end", "sentence",
               "review", "review_note"]


def number(value: float | None) -> int | float | None:
    """Write whole numbers without a trailing .0; inf and nan (from an older store) as null, never as Infinity."""
    if value is None or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() else value


def translation_evidence(store: Store, sources: dict[str, str], ids: list[str] | None = None) -> dict[str, list[dict]]:
    """Map each linked document (or each of these) to its links: the other source, kind, score, reason and
    aligned pairs seen from it."""
    out: dict[str, list[dict]] = {}
    for link in store.translation_links(ids):
        for here, there, flip in ((link["a"], link["b"], False), (link["b"], link["a"], True)):
            pairs = [[j, i, c] for i, j, c in link["pairs"]] if flip else link["pairs"]
            out.setdefault(here, []).append({"source": sources.get(there), "kind": link["kind"], "score": link["score"],
                                             "reason": link["reason"], "pairs": pairs})
    return out


def document_objects(store: Store, place: str | None = None) -> Iterator[dict]:
    """Yield one export object per stored document (or per document of one place)."""
    members: dict[str, list[tuple[str, str]]] = {}
    # one place's export reads the translation groups of its documents only, not the whole table
    ids = [d["id"] for d in store.iter_documents(place)] if place else None
    for row in store.translation_rows(ids):
        members.setdefault(row["group_id"], []).append((row["id"], row["source"]))
    group_of = {doc_id: group for group, docs in members.items() for doc_id, _ in docs}
    evidence = translation_evidence(store, {doc_id: src for docs in members.values() for doc_id, src in docs}, ids)
    for doc, records, with_rejected in documents_with_records(store, place):
        yield {
            "export_version": EXPORT_VERSION,
            "id": doc["id"],
            "source": doc["source"],
            "version": doc["version"],
            "format": doc["format"],
            "language": doc["language"],
            "language_confidence": doc["language_confidence"],
            "supported": bool(doc["supported"]),
            "title": doc["title"],
            "event_date": doc["event_date"],
            "event_date_anchor": doc["event_date_anchor"],
            "published": doc["published"],
            "published_source": doc["published_source"],
            "place": doc["place"],
            "url": doc["url"],
            "notes": doc["notes"],
            # the sources of the other documents that are this article in another language
            "translations": sorted(src for d, src in members.get(group_of.get(doc["id"]), []) if d != doc["id"]),
            # why: each link of this document, with its aligned sentence pairs [sentence idx here, idx there, cosine]
            "translation_evidence": evidence.get(doc["id"], []),
            **{kind: [{**RECORD_OBJECTS[kind](r), "review": review_object(r)} for r in records[kind]] for kind in RECORD_OBJECTS},
            # records an analyst rejected: left out of the lists above, kept here with the review that says why
            "rejected": [{"kind": r["kind"], **RECORD_OBJECTS[r["kind"]](r), "review": review_object(r)}
                         for r in (rejected(store, doc["id"]) if with_rejected else [])],
        }


def documents_with_records(store: Store, place: str | None = None, batch: int = 200) -> Iterator[tuple[dict, dict, bool]]:
    """Yield each document (of one place, or all) with its records and whether it has rejected ones, reading
    records a batch of documents at a time (a few reads per batch, not ten per document)."""
    docs = store.iter_documents(place)
    while chunk := list(itertools.islice(docs, batch)):
        ids = [d["id"] for d in chunk]
        records, with_rejected = store.records_of(ids), store.documents_with_rejections(ids)
        for doc in chunk:
            yield doc, records[doc["id"]], doc["id"] in with_rejected


def count_object(r: dict) -> dict:
    """Return a count as the export writes it."""
    return {"id": r["id"], "value": number(r["value"]), "total": number(r["total"]), "unit": r["unit"], "status": r["status"],
            "qualifier": r["qualifier"], "text": r["text"], "start": r["start"], "end": r["end"], "sentence": r.get("sentence")}


def deadline_object(r: dict) -> dict:
    """Return a deadline as the export writes it."""
    return {"id": r["id"], "due": r["due"], "granularity": r["granularity"], "role": r["role"], "basis": r["basis"],
            "anchor": r["anchor"], "text": r["text"], "start": r["start"], "end": r["end"], "sentence": r.get("sentence")}


def agency_object(r: dict) -> dict:
    """Return an agency as the export writes it."""
    return {"id": r["id"], "name": r["name"], "text": r["text"], "role": r["role"], "start": r["start"], "end": r["end"],
            "sentence": r.get("sentence")}


def commitment_object(r: dict) -> dict:
    """Return a commitment as the export writes it."""
    return {"id": r["id"], "text": r["text"], "start": r["start"], "end": r["end"], "agencies": json.loads(r["agencies"]),
            "due": r["due"], "counts": json.loads(r["counts"])}


RECORD_OBJECTS = {"counts": count_object, "deadlines": deadline_object, "agencies": agency_object,
                  "commitments": commitment_object}


def write_jsonl(store: Store, out: IO[str], place: str | None = None) -> int:
    """Write the JSON Lines export (of every document, or of one place's); return the number of documents."""
    n = 0
    for obj in document_objects(store, place):
        out.write(json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n")
        n += 1
    return n


def csv_rows(obj: dict) -> Iterator[dict]:
    """Yield one flat row per record of an export object."""
    base = {"document_id": obj["id"], "source": obj["source"], "language": obj["language"]}
    for kind, plural in (("count", "counts"), ("deadline", "deadlines"), ("agency", "agencies"), ("commitment", "commitments")):
        for r in obj[plural]:
            row = {**base, "record": kind, **{k: v for k, v in r.items() if k in CSV_COLUMNS}}
            row["review"], row["review_note"] = (r["review"]["status"], r["review"]["note"]) if r["review"] else (None, None)
            if kind == "commitment":
                row["agencies"] = "; ".join(r["agencies"])
            yield row


def write_csv(store: Store, out: IO[str]) -> int:
    """Write the CSV export; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for obj in document_objects(store):
        for row in csv_rows(obj):
            writer.writerow(row)
            n += 1
    return n
