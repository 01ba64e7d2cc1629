"""Reviews: an analyst accepts, rejects or corrects a record; every reader sees the reviewed value.

This is the store's room for reviews (it speaks SQL only about the `reviews` table and its views).
A review is keyed by the record's stable id (`store.record_id`: the document's content hash, the
record's kind and its span), so it survives a re-ingest of the same text, a renamed or moved file
and re-extraction with new rules, as long as the record keeps its span. A review whose record is
gone is an orphan: it is kept and listed, never dropped.

Readers do not apply reviews themselves: they read the views `reviewed_counts`, `reviewed_deadlines`,
`reviewed_agencies` and `reviewed_commitments`, which hold each record with its corrected fields,
leave rejected records out, and add the review's status, author, time, note and original values;
and `reviewed_series_points`, `reviewed_series` and `reviewed_revisions`, which read the figures of
what linking joined from those records, so that targets, revisions and timelines show a review at
once, without another `docket link`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from .errors import DocketError

if TYPE_CHECKING:
    import sqlite_utils

    from .store import Store

KINDS = ("counts", "deadlines", "agencies", "commitments")
STATUSES = ("accepted", "rejected", "corrected")
COUNT_STATUSES = ("completed", "in_progress", "not_started", "planned")
DEADLINE_ROLES = ("deadline", "start", "as_of", "event", "reference")
AGENCY_ROLES = ("lead", "coordinate")
QUALIFIERS = ("at_least", "at_most", "about")
REVIEW_COLUMNS = ("review_status", "review_by", "review_at", "review_note", "review_original")


class ReviewError(DocketError, ValueError):
    """A review names no stored record, a field that cannot be corrected, or a value of the wrong kind."""


def number(text: str) -> float:
    """Read a number ('38', '2.5'); refuse anything else."""
    try:
        value = float(text)
    except ValueError:
        raise ReviewError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ReviewError(f"{text!r} is not a number")
    return value


def iso_date(text: str) -> str:
    """Read an ISO date (YYYY-MM-DD); refuse anything else."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ReviewError(f"{text!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ReviewError(f"{text!r} is not a date") from None


def one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    """Return a parser that accepts only these words."""
    def parse(text: str) -> str:
        if text not in choices:
            raise ReviewError(f"{text!r} is not one of {', '.join(choices)}")
        return text
    return parse


def name(text: str) -> str:
    """Read a non-empty name."""
    if not text.strip():
        raise ReviewError("a name cannot be empty")
    return text.strip()


# what an analyst may correct in each kind of record: the parser of a value, and whether it may be emptied
FIELDS: dict[str, dict[str, tuple[Callable[[str], Any], bool]]] = {
    "counts": {"value": (number, False), "total": (number, True), "unit": (name, False),
               "status": (one_of(COUNT_STATUSES), True), "qualifier": (one_of(QUALIFIERS), True)},
    "deadlines": {"due": (iso_date, False), "role": (one_of(DEADLINE_ROLES), False)},
    "agencies": {"name": (name, False), "role": (one_of(AGENCY_ROLES), True)},
    "commitments": {"due": (iso_date, True)},
}
EMPTY = ("", "none", "null")


def parse_corrections(kind: str, assignments: list[str]) -> dict[str, Any]:
    """Turn FIELD=VALUE words into corrected values of a record of this kind, or raise ReviewError."""
    if not assignments:
        raise ReviewError("give at least one FIELD=VALUE to correct")
    allowed = FIELDS[kind]
    out: dict[str, Any] = {}
    for item in assignments:
        field, sep, raw = item.partition("=")
        field = field.strip()
        if not sep:
            raise ReviewError(f"{item!r} is not FIELD=VALUE")
        if field not in allowed:
            raise ReviewError(f"{kind} have no field {field!r} to correct (fields: {', '.join(allowed)})")
        parse, may_be_empty = allowed[field]
        if raw.strip().lower() in EMPTY:
            if not may_be_empty:
                raise ReviewError(f"{field} cannot be empty")
            out[field] = None
        else:
            out[field] = parse(raw.strip())
    return out


# -- schema --------------------------------------------------------------------------------------


def create_table(db: sqlite_utils.Database) -> None:
    """Create the reviews table: one review per record id, with who, when, the note and the original values."""
    db["reviews"].create({"record_id": str, "kind": str, "document_id": str, "status": str, "fields": str,
                          "original": str, "note": str, "by": str, "at": str}, pk="record_id")
    db["reviews"].create_index(["document_id"], if_not_exists=True)


def reviewed(record: str, review: str, field: str) -> str:
    """Return the SQL of a record's field as reviewed: the corrected value where a correction names the field
    (a corrected null included), else the extracted one."""
    path = f"'$.{field}'"
    return (f"CASE WHEN json_type({review}.fields, {path}) IS NULL THEN {record}.\"{field}\" "
            f"ELSE json_extract({review}.fields, {path}) END")


def view_sql(db: sqlite_utils.Database, kind: str) -> str:
    """Return the view of one record table with reviews applied: corrected fields, no rejected rows."""
    columns = []
    for column in db[kind].columns_dict:
        quoted = reviewed("t", "r", column) if column in FIELDS[kind] else f't."{column}"'
        columns.append(f'{quoted} AS "{column}"')
    columns += ["r.status AS review_status", "r.by AS review_by", "r.at AS review_at", "r.note AS review_note",
                "r.original AS review_original"]
    return (f"CREATE VIEW reviewed_{kind} AS SELECT {', '.join(columns)} FROM {kind} t "
            f"LEFT JOIN reviews r ON r.record_id = t.id WHERE r.status IS NULL OR r.status != 'rejected'")


# -- links with reviews applied ------------------------------------------------------------------
#
# Linking decides what belongs together (which reports state one target, which sentences one
# commitment), and that needs the model; the records say what the figures are. So a series point
# names the records it reads (target_id, value_id, ...) and the sentences whose deadlines it takes,
# and these views read the figures from the records with their reviews, as every record reader
# does: a review is seen at once by targets, revisions, diffs and timelines, the next `docket link`
# reads the same reviewed records, and nothing is written anywhere but the reviews table.
# A point or comparison of documents that no review names is what linking stored (it read the same
# records), so only reviewed documents cost more to read. Points linked before schema 6 name no
# records: they keep their stored figures until the next link.

# how far reviews changed what a record says: 0 not reviewed, 1 accepted, 2 corrected or rejected
RANK = "CASE {0}.status WHEN 'accepted' THEN 1 WHEN 'corrected' THEN 2 WHEN 'rejected' THEN 2 ELSE 0 END"
RANKED_STATUS = "CASE {0} WHEN 2 THEN 'corrected' WHEN 1 THEN 'accepted' END"
POINT_SENTENCES = "d.document_id = p.document_id AND d.sentence_idx IN (SELECT value FROM json_each(p.sentences))"
POINT_FIGURES = ("value", "total", "status", "qualifier", "in_progress", "not_started", "due")


def touched(document: str) -> str:
    """Return the SQL that says a review names a record of this document (the reviews' document_id index answers)."""
    return f"EXISTS (SELECT 1 FROM reviews WHERE reviews.document_id = {document})"


def count_field(ref: str, field: str, shown: str = "{}") -> str:
    """Return the SQL of a field of the count whose id is in ref, as reviewed and passed through shown; NULL where
    there is no such count or it was rejected."""
    return (f"(SELECT CASE WHEN r.status = 'rejected' THEN NULL ELSE {shown.format(reviewed('c', 'r', field))} END "
            f"FROM counts c LEFT JOIN reviews r ON r.record_id = c.id WHERE c.id = {ref})")


def extracted_field(ref: str, field: str, shown: str = "{}") -> str:
    """Return the SQL of a field of the count whose id is in ref, as extracted and passed through shown."""
    return f"(SELECT {shown.format('c.' + field)} FROM counts c WHERE c.id = {ref})"


def point_figures(field: Callable[..., str], deadlines: str) -> dict[str, str]:
    """Return the SQL of each figure of a point p read from its records: its value and status from the count of
    the value, its total from the count of the target (in the field linking noted), its deadline the latest
    of its sentences (as linking takes it). field is count_field or extracted_field, deadlines the table."""
    return {
        "value": field("p.value_id", "value"),
        "total": f"CASE p.total_field WHEN 'total' THEN {field('p.target_id', 'total')} ELSE {field('p.target_id', 'value')} END",
        "status": field("p.value_id", "status", "coalesce({}, 'completed')"),  # no value, no status
        "qualifier": f"CASE WHEN p.value_id IS NULL THEN {field('p.target_id', 'qualifier')} ELSE {field('p.value_id', 'qualifier')} END",
        "in_progress": field("p.in_progress_id", "value"),
        "not_started": field("p.not_started_id", "value"),
        # "+d.role": find the sentence's deadlines by their sentence, not every deadline by its role
        "due": f"(SELECT max(d.due) FROM {deadlines} d WHERE {POINT_SENTENCES} AND +d.role = 'deadline')",
    }


def points_view_sql() -> str:
    """Return the view of series points with reviews applied.

    A point of a reviewed document reads its figures from its records as reviewed (see point_figures);
    a point whose target count was rejected, states no total any more or was corrected to another unit
    leaves its series (the next link may put it in another). review_status is 'corrected' where a
    record the point reads was corrected or rejected, 'accepted' where it was only accepted;
    review_original then holds the point's figures as extracted.
    """
    fresh = "p.target_id IS NOT NULL AND rd.rowid IS NOT NULL"
    mine, extracted = point_figures(count_field, "reviewed_deadlines"), point_figures(extracted_field, "deadlines")
    figures = ", ".join(f"CASE WHEN {fresh} THEN {mine[name]} ELSE p.{name} END AS {name}" for name in POINT_FIGURES)
    rank = ("max(coalesce((SELECT max(" + RANK.format("r") + ") FROM reviews r WHERE r.record_id IN "
            f"(p.target_id, p.value_id, p.in_progress_id, p.not_started_id)), 0), {deadline_rank(POINT_SENTENCES)})")
    original = ", ".join(f"'{name}', {extracted[name]}" for name in POINT_FIGURES)
    in_series = (f"{mine['total']} IS NOT NULL AND {count_field('p.target_id', 'unit')} = "
                 f"(SELECT s.unit FROM series s WHERE s.id = p.series_id)")
    return (f"CREATE VIEW reviewed_series_points AS SELECT p.series_id, p.document_id, p.group_id, p.date, {figures}, "
            f"p.count_idx, p.sentence_idx, p.score, p.reason, p.target_id, p.total_field, p.value_id, p.in_progress_id, "
            f"p.not_started_id, p.sentences, CASE WHEN {fresh} THEN {RANKED_STATUS.format(rank)} END AS review_status, "
            f"CASE WHEN {fresh} AND {rank} > 0 THEN json_object({original}) END AS review_original "
            # rd: one review of the point's document, if any, looked up once a point
            f"FROM series_points p LEFT JOIN reviews rd ON rd.rowid = "
            f"(SELECT rowid FROM reviews WHERE reviews.document_id = p.document_id LIMIT 1) "
            f"WHERE NOT ({fresh}) OR ({in_series})")


def deadline_rank(where: str) -> str:
    """Return the SQL of the highest review rank among the deadlines that match where (alias d)."""
    return f"coalesce((SELECT max({RANK.format('r')}) FROM deadlines d JOIN reviews r ON r.record_id = d.id WHERE {where}), 0)"


def series_view_sql() -> str:
    """Return the view of target series with reviews applied: the total its last report states as reviewed, and
    no series whose every point left it."""
    last = "(SELECT p.total FROM reviewed_series_points p WHERE p.series_id = s.id AND p.document_id = s.last_document)"
    return (f"CREATE VIEW reviewed_series AS SELECT s.id, s.unit, coalesce({last}, s.total) AS total, s.place, s.agency, "
            f"s.last_document FROM series s WHERE EXISTS (SELECT 1 FROM reviewed_series_points p WHERE p.series_id = s.id)")


def revision_end(end: str) -> str:
    """Return the SQL of one end ('from' or 'to') of a comparison c as a JSON object: its value as reviewed (v), as
    extracted (x) and its review rank (r). A target's total or deadline is read from its point, a
    commitment's deadline from its sentence."""
    doc, idx = f"c.{end}_document", f"c.{end}_sentence_idx"
    in_sentence = f"d.document_id = {doc} AND d.sentence_idx = {idx}"
    figure = "CASE c.kind WHEN 'total' THEN p.total ELSE p.due END"
    point = (f"(SELECT json_object('v', {figure}, 'x', CASE WHEN p.review_original IS NULL THEN {figure} ELSE "
             f"json_extract(p.review_original, CASE c.kind WHEN 'total' THEN '$.total' ELSE '$.due' END) END, "
             f"'r', CASE p.review_status WHEN 'corrected' THEN 2 WHEN 'accepted' THEN 1 ELSE 0 END) "
             f"FROM reviewed_series_points p WHERE p.series_id = c.series_id AND p.document_id = {doc})")
    sentence = (f"json_object('v', (SELECT max(d.due) FROM reviewed_deadlines d WHERE {in_sentence} AND +d.role = 'deadline'), "
                f"'x', (SELECT max(d.due) FROM deadlines d WHERE {in_sentence} AND +d.role = 'deadline'), "
                f"'r', {deadline_rank(in_sentence)})")
    return f"CASE WHEN c.series_id IS NULL THEN {sentence} ELSE {point} END"


COMPARED = "id, kind, series_id, from_document, to_document, from_sentence_idx, to_sentence_idx, score, reason"
STORED_VALUE = "CASE kind WHEN 'total' THEN CAST(replace({0}, ',', '') AS REAL) ELSE {0} END"  # "1,000,000" -> 1000000.0


def revisions_view_sql() -> str:
    """Return the view of revisions with reviews applied. A comparison of two documents that no review names is
    what linking stored; otherwise any comparison linking made (a revision or a restatement) is a revision
    where its two values, as reviewed, differ, and an end whose record was rejected ends it."""
    both = (f"SELECT {COMPARED}, old, new, direction, 1 AS moved FROM revisions UNION ALL "
            f"SELECT {COMPARED}, old, new, direction, 0 AS moved FROM restatements")
    fresh = f"SELECT *, {touched('from_document')} OR {touched('to_document')} AS fresh FROM ({both})"
    # MATERIALIZED: each end is read once a row, not once for every column that uses it
    ends = (f"ends AS MATERIALIZED (SELECT c.*, CASE WHEN c.fresh THEN {revision_end('from')} END AS a, "
            f"CASE WHEN c.fresh THEN {revision_end('to')} END AS b FROM ({fresh}) c WHERE c.fresh OR c.moved)")
    valued = (f"valued AS (SELECT {COMPARED}, moved, fresh, direction AS stored_direction, "
              f"CASE WHEN fresh THEN json_extract(a, '$.v') ELSE {STORED_VALUE.format('old')} END AS old, "
              f"CASE WHEN fresh THEN json_extract(b, '$.v') ELSE {STORED_VALUE.format('new')} END AS new, "
              f"json_extract(a, '$.x') AS x_old, json_extract(b, '$.x') AS x_new, "
              f"coalesce(max(json_extract(a, '$.r'), json_extract(b, '$.r')), 0) AS review_rank FROM ends)")
    direction = ("CASE WHEN NOT fresh THEN stored_direction WHEN kind = 'deadline' THEN "
                 "CASE WHEN new > old THEN 'later' ELSE 'earlier' END WHEN new > old THEN 'up' ELSE 'down' END")
    return (f"CREATE VIEW reviewed_revisions AS WITH {ends}, {valued} "
            f"SELECT id, kind, series_id, old, new, {direction} AS direction, "
            f"from_document, to_document, from_sentence_idx, to_sentence_idx, score, reason, "
            f"{RANKED_STATUS.format('review_rank')} AS review_status, "
            f"CASE WHEN review_rank > 0 THEN json_object('old', x_old, 'new', x_new) END AS review_original "
            f"FROM valued WHERE CASE WHEN fresh THEN old IS NOT NULL AND new IS NOT NULL AND old != new ELSE 1 END")


LINK_VIEWS = ("series_points", "series", "revisions")  # in the order they are built: each reads the one before


def create_views(db: sqlite_utils.Database) -> None:
    """(Re)create the reviewed views: of the record tables (from their current columns), then of the links."""
    for name in (*reversed(LINK_VIEWS), *KINDS):
        db.execute(f"DROP VIEW IF EXISTS reviewed_{name}")
    for kind in KINDS:
        db.execute(view_sql(db, kind))
    for sql in (points_view_sql(), series_view_sql(), revisions_view_sql()):
        db.execute(sql)


# -- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    """One analyst's verdict on one record."""

    record_id: str
    kind: str
    document_id: str
    status: str  # accepted, rejected, corrected
    fields: dict[str, Any]
    original: dict[str, Any]
    note: str | None
    by: str
    at: str

    def as_dict(self) -> dict[str, Any]:
        """Return the review as the export writes it."""
        out: dict[str, Any] = {"status": self.status, "by": self.by, "at": self.at, "note": self.note,
                               "original": self.original}
        if self.fields:
            out["fields"] = self.fields
        return out


def find_record(store: Store, ref: str) -> tuple[str, dict]:
    """Return the kind and raw row of the record whose id is or starts with ref (6+ characters)."""
    ref = ref.strip().lower()
    if len(ref) < 6:
        raise ReviewError(f"record id {ref!r} is too short: give at least 6 characters")
    found = [(kind, row) for kind in KINDS
             for row in store.db.query(f"SELECT * FROM {kind} WHERE id LIKE ?", [f"{ref}%"])]
    if not found:
        raise ReviewError(f"no record has the id {ref!r} (see `docket query` or `docket review list`)")
    if len({row["id"] for _, row in found}) > 1:
        raise ReviewError(f"{ref!r} matches {len(found)} records; give more of the id")
    return found[0]


def stored_review(store: Store, record_id: str) -> Review | None:
    """Return the review of one record, or None."""
    rows = list(store.db.query("SELECT * FROM reviews WHERE record_id = ?", [record_id]))
    return review_of(rows[0]) if rows else None


def review_of(row: dict) -> Review:
    """Build a Review from its row."""
    fields, original = (json.loads(row[c] or "{}") for c in ("fields", "original"))
    return Review(record_id=row["record_id"], kind=row["kind"], document_id=row["document_id"], status=row["status"],
                  fields={k: whole(v) for k, v in fields.items()}, original={k: whole(v) for k, v in original.items()},
                  note=row["note"], by=row["by"], at=row["at"])


def review(store: Store, ref: str, status: str, by: str, note: str | None = None,
           corrections: list[str] | dict[str, Any] | None = None) -> Review:
    """Accept, reject or correct the record ref; a second review of a record replaces the first but keeps its original."""
    if status not in STATUSES:
        raise ReviewError(f"{status!r} is not a review (one of {', '.join(STATUSES)})")
    kind, row = find_record(store, ref)
    fields: dict[str, Any] = {}
    if status == "corrected":
        fields = (parse_corrections(kind, corrections) if isinstance(corrections, list)
                  else parse_corrections(kind, [f"{k}={'' if v is None else v}" for k, v in (corrections or {}).items()]))
    elif corrections:
        raise ReviewError("only a correction takes FIELD=VALUE")
    earlier = stored_review(store, row["id"])
    original = earlier.original if earlier else {f: row[f] for f in FIELDS[kind]}
    result = Review(record_id=row["id"], kind=kind, document_id=row["document_id"], status=status, fields=fields,
                    original=original, note=note, by=by, at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    write(store, result)
    return result


def write(store: Store, r: Review) -> None:
    """Store one review in its own transaction, replacing an earlier review of the same record."""
    store.db.conn.execute("BEGIN IMMEDIATE")
    try:
        store.db.conn.execute(
            "INSERT OR REPLACE INTO reviews (record_id, kind, document_id, status, fields, original, note, by, at) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [r.record_id, r.kind, r.document_id, r.status, json.dumps(r.fields, ensure_ascii=False),
             json.dumps(r.original, ensure_ascii=False), r.note, r.by, r.at])
        store.db.conn.execute("COMMIT")
    except BaseException:
        store.db.rollback()
        raise


# -- reading -------------------------------------------------------------------------------------


def whole(value: Any) -> Any:
    """Write a whole float as an int (38, not 38.0), as the export writes numbers."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def review_object(row: dict) -> dict[str, Any] | None:
    """Return the export's `review` object of a row read from a reviewed view, or None when unreviewed."""
    if not row.get("review_status"):
        return None
    original = {k: whole(v) for k, v in json.loads(row["review_original"] or "{}").items()}
    return {"status": row["review_status"], "by": row["review_by"], "at": row["review_at"],
            "note": row["review_note"], "original": original}


def rejected(store: Store, document_id: str) -> list[dict]:
    """Return a document's rejected records, each with its kind and review, in document order."""
    out = []
    for kind in KINDS:
        for row in store.db.query(
                f"SELECT t.*, r.status AS review_status, r.by AS review_by, r.at AS review_at, r.note AS review_note, "
                f"r.original AS review_original, s.text AS sentence FROM {kind} t JOIN reviews r ON r.record_id = t.id "
                f"LEFT JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx "
                f"WHERE t.document_id = ? AND r.status = 'rejected' ORDER BY t.idx", [document_id]):
            out.append({"kind": kind, **row})
    return out


def orphans(store: Store) -> list[Review]:
    """Return reviews whose record no longer exists (re-extraction moved or dropped its span)."""
    missing = " AND ".join(f"NOT EXISTS (SELECT 1 FROM {kind} WHERE id = r.record_id)" for kind in KINDS)
    return [review_of(row) for row in store.db.query(f"SELECT * FROM reviews r WHERE {missing} ORDER BY at")]


def all_reviews(store: Store) -> list[Review]:
    """Return every review, newest first."""
    return [review_of(row) for row in store.db.query("SELECT * FROM reviews ORDER BY at DESC, record_id")]


# -- what to review first ------------------------------------------------------------------------

PENDING_COLUMNS = {
    "counts": "t.value, t.total, t.unit, t.status, t.qualifier",
    "deadlines": "t.due, t.granularity, t.role, t.basis, t.anchor",
    "agencies": "t.name, t.role",
}


def doubt(kind: str, row: dict) -> tuple[float, list[str]]:
    """Score how doubtful an unreviewed record is, with the reasons; higher is reviewed first.

    Signals, each a point unless said: the document's language was detected with confidence under
    0.9 (scaled, up to 2: every rule of the wrong language misreads); a deadline whose date was
    resolved from an anchor (a year or a relative date the text left out); a deadline role other
    than deadline (0.5: role cues are the weakest rule); a count with neither total nor status (a
    bare figure may be no target at all); a count with a qualifier (0.5); an agency named from a
    mention much shorter than its name (a bare body like "the Group" named after an earlier one, a
    part of a list, an abbreviation).
    """
    score, why = 0.0, []
    confidence = row.get("language_confidence") or 0.0
    if confidence < 0.9:
        score += 2 * (1 - confidence)
        why.append(f"language {row['language']} at {confidence:.2f}")
    if kind == "deadlines":
        if row.get("basis") == "resolved":
            score += 1
            why.append(f"date resolved from {row.get('anchor') or 'an anchor'}")
        if row.get("role") != "deadline":
            score += 0.5
            why.append(f"role {row.get('role')}")
    elif kind == "counts":
        if row.get("total") is None and not row.get("status"):
            score += 1
            why.append("no total and no status")
        if row.get("qualifier"):
            score += 0.5
            why.append(f"qualifier {row['qualifier']}")
    elif kind == "agencies" and len(row.get("text") or "") < 0.6 * len(row.get("name") or ""):
        score += 1
        why.append("named from a short mention (bare body, list part or abbreviation)")
    return score, why


def pending(store: Store, kinds: tuple[str, ...] = ("counts", "deadlines", "agencies"), limit: int | None = None) -> list[dict]:
    """Return unreviewed records, most doubtful first (see `doubt`), with their document and sentence."""
    out = []
    for kind in kinds:
        for row in store.db.query(
                f"SELECT t.id, t.document_id, t.idx, t.text, {PENDING_COLUMNS[kind]}, d.source, d.language, "
                f"d.language_confidence, s.text AS sentence FROM {kind} t JOIN documents d ON d.id = t.document_id "
                f"LEFT JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx "
                f"WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE r.record_id = t.id)"):
            score, why = doubt(kind, row)
            out.append({"kind": kind, **row, "doubt": round(score, 2), "why": "; ".join(why)})
    out.sort(key=lambda r: (-r["doubt"], r["source"], r["kind"], r["idx"]))
    return out[:limit] if limit else out
