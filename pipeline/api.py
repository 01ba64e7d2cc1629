"""The Python API: one door to a Docket store for the CLI, notebooks and a web view.

    >>> import pipeline as docket
    >>> dk = docket.open("outputs/docket.db")
    >>> dk.ingest(["corpora/sample"])                    # one Event per file
    >>> dk.query(agency="Provincial Police", due_before="2025-12-31")
    >>> dk.dataframe("counts", unit="model")             # flat columns, one row per record (needs pandas)
    >>> dk.correct("1a2b3c4d", {"value": 7}, note="the table says 7")
    >>> dk.timeline("ha-tinh.png", place="Ha Tinh")

The module-level functions take a Store and are what the `docket` command calls; `Docket` holds a
store and offers the same functions as methods. Filters are the CLI's: agency, unit, status,
due_before, due_after, lang, place, search, limit. Every record carries its stable `id`; reviews
are applied by every reader (rejected records are left out, corrected fields show the correction).
Heavy libraries (spaCy, torch, matplotlib, pandas) are imported only by the methods that need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TypedDict

from . import reviews
from .store import FACT_TABLES, Store

if TYPE_CHECKING:
    import pandas
    from matplotlib.figure import Figure

    from .batch import Event
    from .embed import Embedder
    from .link import LinkSummary
    from .reextract import Change

DEFAULT_DB = "outputs/docket.db"
STATUSES = reviews.COUNT_STATUSES  # what a count may say of its work: one list for filters and reviews
Kind = Literal["counts", "deadlines", "agencies", "commitments"]


# -- what readers get ----------------------------------------------------------------------------


class DocumentRow(TypedDict):
    """A stored document with its facts and how many records of each kind it holds (rejected ones left out)."""

    id: str
    source: str
    version: int
    language: str
    language_confidence: float
    event_date: str | None
    place: str | None
    title: str | None
    counts: int
    deadlines: int
    agencies: int
    commitments: int


class Hit(TypedDict):
    """An evidence sentence with its counts, deadlines and agencies (each with `id` and `review_status`)."""

    document_id: str
    idx: int
    text: str
    source: str
    language: str
    place: str | None
    event_date: str | None
    counts: list[dict]
    deadlines: list[dict]
    agencies: list[dict]
    also_in: list[str]


class Record(TypedDict, total=False):
    """One count, deadline, agency or commitment, flat: its fields, its document's facts, its review."""

    id: str
    kind: str
    document_id: str
    source: str
    language: str
    place: str | None
    event_date: str | None
    text: str
    start: int
    end: int
    sentence: str | None
    value: float | None  # counts
    total: float | None
    unit: str
    status: str | None
    qualifier: str | None
    due: str | None  # deadlines and commitments
    granularity: str
    role: str | None  # deadlines and agencies
    basis: str
    anchor: str | None
    name: str  # agencies
    agencies: str  # commitments: agency names joined by "; "
    count_ids: str  # commitments: record ids of its counts joined by "; "
    review_status: str | None  # accepted or corrected (rejected records are left out)
    review_by: str | None
    review_note: str | None


COMMON = ["id", "kind", "document_id", "source", "language", "place", "event_date"]
TAIL = ["text", "start", "end", "sentence", "review_status", "review_by", "review_note"]
RECORD_COLUMNS: dict[str, list[str]] = {
    "counts": COMMON + ["value", "total", "unit", "status", "qualifier"] + TAIL,
    "deadlines": COMMON + ["due", "granularity", "role", "basis", "anchor"] + TAIL,
    "agencies": COMMON + ["name", "role"] + TAIL,
    "commitments": COMMON + ["due", "agencies", "count_ids"] + TAIL,
}
DOCUMENT_COLUMNS = list(DocumentRow.__annotations__)
SERIES_COLUMNS = ["series", "place", "unit", "agency", "date", "value", "total", "status", "qualifier", "in_progress",
                  "not_started", "due", "languages", "sources", "score", "reason", "evidence", "review"]


@dataclass(frozen=True)
class Filters:
    """The CLI's query filters; a web view can build one from its request's arguments."""

    agency: str | None = None
    unit: str | None = None
    status: str | None = None
    due_before: str | date | None = None
    due_after: str | date | None = None
    lang: str | None = None
    place: str | None = None
    search: str | None = None
    limit: int | None = None
    history: bool = False  # every version of a source, not only the current one

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {', '.join(STATUSES)}")
        for name in ("due_before", "due_after"):
            value = getattr(self, name)
            if isinstance(value, date):
                object.__setattr__(self, name, value.isoformat())
            elif value is not None:
                object.__setattr__(self, name, reviews.iso_date(value))

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f) for f in self.__dataclass_fields__)


# -- functions over a store: what the CLI calls ------------------------------------------------


def documents(store: Store, lang: str | None = None, place: str | None = None, since: str | date | None = None,
              until: str | date | None = None) -> list[DocumentRow]:
    """Return stored documents, oldest first, with their record counts; place (any case) and meeting dates filter them.

    since and until (YYYY-MM-DD, inclusive) compare the meeting date, so an undated document is left out by either.
    """
    rows = store.documents(lang)
    since, until = (reviews.iso_date(str(d)) if d else None for d in (since, until))
    if place:
        rows = [r for r in rows if (r["place"] or "").casefold() == place.casefold()]
    if since:
        rows = [r for r in rows if r["event_date"] and r["event_date"] >= since]
    if until:
        rows = [r for r in rows if r["event_date"] and r["event_date"] <= until]
    return rows  # type: ignore[return-value]


def query(store: Store, filters: Filters = Filters(), fold: bool = True) -> tuple[list[Hit], int]:
    """Return evidence sentences that match the filters, and how many translated sentences were folded into them.

    A sentence whose translation (in a grouped document) states the same facts is returned once,
    with the translation named in `also_in`, unless fold is False.
    """
    rows = store.query_records(unit=filters.unit, status=filters.status, agency=filters.agency,
                               due_before=filters.due_before, due_after=filters.due_after,  # type: ignore[arg-type]
                               language=filters.lang, search=filters.search, place=filters.place, limit=filters.limit,
                               history=filters.history)
    if not fold:
        return [{**r, "also_in": []} for r in rows], 0  # type: ignore[typeddict-item]
    from .report import fold_translations

    # the groups of the documents found only: the whole table would make every query cost the store's size
    return fold_translations(rows, store.translation_groups([r["document_id"] for r in rows]))  # type: ignore[return-value]


def records(store: Store, kind: Kind, filters: Filters = Filters()) -> list[Record]:
    """Return the records of one kind, flat, in the sentences the filters select (every record when none)."""
    rows = store.fact_rows(kind)
    if not filters.empty:
        hits, _ = query(store, filters, fold=False)
        if kind == "commitments":
            keys = {(h["document_id"], h["idx"]) for h in hits}
            rows = [r for r in rows if (r["document_id"], r["sentence_idx"]) in keys]
        else:
            ids = {r["id"] for h in hits for r in h[kind]}  # type: ignore[literal-required]
            rows = [r for r in rows if r["id"] in ids]
    count_ids = store.count_ids() if kind == "commitments" else {}
    return [flat_record(kind, r, count_ids) for r in rows]


def flat_record(kind: str, row: dict, count_ids: dict[tuple[str, int], str]) -> Record:
    """Turn a stored row into a flat Record: lists become '; '-joined text, counts are named by id."""
    import json

    out = {c: row.get(c) for c in RECORD_COLUMNS[kind]}
    out["kind"] = kind
    if kind == "commitments":
        out["agencies"] = "; ".join(json.loads(row["agencies"] or "[]"))
        out["count_ids"] = "; ".join(count_ids.get((row["document_id"], i), "") for i in json.loads(row["counts"] or "[]"))
    return out  # type: ignore[return-value]


def series(store: Store, unit: str | None = None, place: str | None = None, agency: str | None = None,
           min_reports: int = 1) -> list[dict]:
    """Return target series, each with its points (one per report, translations folded), as `docket targets` lists them."""
    from .report import series as find

    return find(store, unit=unit, place=place, agency=agency, min_reports=min_reports)


def export(store: Store, out: IO[str], fmt: Literal["jsonl", "csv"] = "jsonl") -> int:
    """Write the export (JSON Lines, one object per document; or CSV, one row per record); return how many were written."""
    from .export import write_csv, write_jsonl

    return (write_jsonl if fmt == "jsonl" else write_csv)(store, out)


def reviewer(by: str | None = None) -> str:
    """Name who reviews: the given name, else the login name (getpass: $USER, $LOGNAME, then the account), else 'unknown'."""
    if by:
        return by
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login variable and no account entry (a bare container)
        return "unknown"


def as_frame(rows: list[Any], columns: list[str]) -> pandas.DataFrame:
    """Make a DataFrame with these columns in this order (pandas is imported here, and only here)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("DataFrames need pandas: pip install 'docket[notebook]'") from None
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)


# -- the object a script holds ---------------------------------------------------------------------


class Docket:
    """A Docket store: ingest, query, review, re-extract, export and draw, as the `docket` command does."""

    def __init__(self, path: str | Path = DEFAULT_DB):
        self.store = Store(path)
        self._embedders: dict[str | None, Embedder] = {}

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> Docket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Docket({self.store.path!r})"

    # writing

    def ingest(self, paths: Iterable[str | Path], lang: str | None = None, workers: int | None = None,
               max_mb: float = 20.0, ocr: bool = False) -> list[Event]:
        """Store files, folders, globs or http(s) URLs; return one Event per file (stored, duplicate or skipped, with the reason)."""
        return list(self.ingest_events(paths, lang=lang, workers=workers, max_mb=max_mb, ocr=ocr))

    def ingest_events(self, paths: Iterable[str | Path], lang: str | None = None, workers: int | None = None,
                      max_mb: float = 20.0, ocr: bool = False) -> Iterator[Event]:
        """Store files one at a time, yielding each file's Event as it is written (for a progress bar)."""
        from .batch import Limits, collect, run

        found, skips = collect(str(p) for p in paths)
        for event in skips:
            self.store.record_skip(event.path, event.skip_kind or "error", event.reason or "")
            yield event
        limits = Limits(max_bytes=int(max_mb * 1024 * 1024), ocr=ocr)
        yield from run(self.store, found, lang=lang, workers=workers, limits=limits)

    def link(self, embedder: Embedder | None = None, model: str | None = None) -> LinkSummary:
        """Find translations, target series and moved deadlines (with multilingual-e5-small unless given another embedder)."""
        from .link import link

        return link(self.store, embedder or self.embedder(model))

    def reextract(self, document_ids: Iterable[str] | None = None) -> list[Change]:
        """Extract stored texts again with the current rules; return what changed per document (run link after)."""
        from .reextract import reextract

        return list(reextract(self.store, document_ids))

    # reading

    def documents(self, lang: str | None = None, place: str | None = None, since: str | date | None = None,
                  until: str | date | None = None) -> list[DocumentRow]:
        """Return stored documents with their facts and record counts, filtered as `docket documents` filters."""
        return documents(self.store, lang, place, since, until)

    def query(self, fold: bool = True, **filters: Any) -> list[Hit]:
        """Return evidence sentences with their records, filtered as `docket query` filters (see Filters)."""
        return query(self.store, Filters(**filters), fold=fold)[0]

    def records(self, kind: Kind = "counts", **filters: Any) -> list[Record]:
        """Return flat records of one kind (counts, deadlines, agencies, commitments) in the sentences the filters select."""
        return records(self.store, kind, Filters(**filters))

    def series(self, unit: str | None = None, place: str | None = None, agency: str | None = None,
               min_reports: int = 1) -> list[dict]:
        """Return target series with their points, by date."""
        return series(self.store, unit=unit, place=place, agency=agency, min_reports=min_reports)

    def search(self, text: str, limit: int = 10, lang: str | None = None, embedder: Embedder | None = None,
               model: str | None = None) -> list[dict]:
        """Rank record sentences by meaning against text in any language, as `docket search` does."""
        from .report import search

        return search(self.store, embedder or self.embedder(model), text, limit=limit, language=lang)

    def embedder(self, model: str | None = None) -> Embedder:
        """Return the sentence embedder the CLI uses (ONNX Runtime for the default model), loaded once per Docket and model."""
        from .embed import make_embedder

        if model not in self._embedders:
            self._embedders[model] = make_embedder(model)
        return self._embedders[model]

    def dataframe(self, what: str = "counts", **filters: Any) -> pandas.DataFrame:
        """Return records ("counts", "deadlines", "agencies", "commitments"), "documents" or "series" as a flat DataFrame.

        Records take the query filters; documents take lang; series take unit, place, agency, min_reports.
        """
        if what in FACT_TABLES:
            return as_frame(self.records(what, **filters), RECORD_COLUMNS[what])  # type: ignore[arg-type]
        if what == "documents":
            return as_frame(self.documents(**filters), DOCUMENT_COLUMNS)  # type: ignore[arg-type]
        if what == "series":
            from .report import series_lines

            return as_frame(series_lines(self.series(**filters)), SERIES_COLUMNS)
        raise ValueError(f"no table {what!r}: use counts, deadlines, agencies, commitments, documents or series")

    def timeline(self, path: str | Path | None = None, place: str | None = None, agency: str | None = None,
                 unit: str | None = None, title: str | None = None) -> Path | Figure:
        """Draw target series over time to a .png, .svg or .html file (and return its path), or return the figure."""
        from .report import plot_timeline, write_timeline

        found = self.series(unit=unit, place=place, agency=agency)
        title = title or "Targets over time: " + (" · ".join(x for x in (place, agency, unit) if x) or "all places")
        if path is None:
            return plot_timeline(found, title)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_timeline(found, Path(path), title)
        return Path(path)

    def export(self, out: IO[str], fmt: Literal["jsonl", "csv"] = "jsonl") -> int:
        """Write the export to an open file; return how many documents (jsonl) or rows (csv) were written."""
        return export(self.store, out, fmt)

    # reviews

    def pending(self, kinds: tuple[str, ...] = ("counts", "deadlines", "agencies"), limit: int | None = None) -> list[dict]:
        """Return unreviewed records, most doubtful first, each with its doubt score and the reasons."""
        return reviews.pending(self.store, kinds, limit)

    def accept(self, record_id: str, note: str | None = None, by: str | None = None) -> reviews.Review:
        """Confirm a record as extracted."""
        return reviews.review(self.store, record_id, "accepted", reviewer(by), note)

    def reject(self, record_id: str, note: str | None = None, by: str | None = None) -> reviews.Review:
        """Mark a record wrong: readers leave it out, the export lists it under `rejected`."""
        return reviews.review(self.store, record_id, "rejected", reviewer(by), note)

    def correct(self, record_id: str, fields: dict[str, Any] | list[str], note: str | None = None,
                by: str | None = None) -> reviews.Review:
        """Correct fields of a record ({"value": 7} or ["value=7"]); readers show the corrected values."""
        return reviews.review(self.store, record_id, "corrected", reviewer(by), note, fields)

    def reviews(self) -> list[reviews.Review]:
        """Return every review, newest first."""
        return reviews.all_reviews(self.store)

    def orphans(self) -> list[reviews.Review]:
        """Return reviews whose record no longer exists after re-extraction."""
        return reviews.orphans(self.store)


def open(path: str | Path = DEFAULT_DB) -> Docket:  # noqa: A001 - docket.open(path), like sqlite3 and shelve
    """Open (or create) a Docket store."""
    return Docket(path)
