"""Frozen records that cross stage boundaries. Offsets are character offsets into Document.text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One ingested text, identified by the hash of its normalised content."""

    id: str
    source: str
    text: str
    format: str
    title: str | None = None
    url: str | None = None
    # when the document was written, as its file says (a page's metadata, a PDF's CreationDate) or a user
    # gives it; the extractor may prefer the report's own dateline (see Extraction.published)
    published: str | None = None
    published_source: str | None = None  # html-metadata, pdf-metadata, user


@dataclass(frozen=True)
class Language:
    """The detected (or user-given) language of a document."""

    code: str
    confidence: float
    supported: bool


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, kept as evidence for the records found in it."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Count:
    """A quantity of units of government work: '6 of 38 models completed'."""

    value: float
    unit: str
    text: str
    start: int
    end: int
    sentence: int
    total: float | None = None
    status: str | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class Deadline:
    """A temporal expression resolved to the last day of its period, with its role."""

    due: str
    granularity: str
    role: str
    text: str
    start: int
    end: int
    sentence: int
    basis: str = "explicit"  # explicit: the text gives the whole date; resolved: a part was taken from an anchor
    anchor: str | None = None  # what a resolved date was resolved from: "event_date 2025-07-02", "published 2025-03-12 (dateline)"


@dataclass(frozen=True)
class DateAnchor:
    """A date that dates without a year, and relative dates, are resolved against, with what it is.

    As HeidelTime resolves against a document creation time: the meeting date where the report
    gives one, else the time the document was written.
    """

    date: str  # ISO date
    source: str  # e.g. "event_date", "published (dateline)", "published (html-metadata)", "published (user)"

    def describe(self) -> str:
        """Return how a resolved date names its anchor: 'event_date 2025-07-02'."""
        return f"{self.source} {self.date}"


@dataclass(frozen=True)
class Agency:
    """An organisation mention resolved to its canonical English name."""

    name: str
    text: str
    start: int
    end: int
    sentence: int
    role: str | None = None


@dataclass(frozen=True)
class Commitment:
    """A sentence that assigns or reports work, linked to its agencies, counts and deadline."""

    text: str
    start: int
    end: int
    sentence: int
    agencies: tuple[str, ...] = ()
    due: str | None = None
    counts: tuple[int, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    sentences: tuple[Sentence, ...] = ()  # the sentences that hold a record (evidence)
    spans: tuple[tuple[int, int], ...] = ()  # (start, end) of every sentence, by index: linking reads them back
    counts: tuple[Count, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    agencies: tuple[Agency, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    event_date: str | None = None
    event_date_anchor: str | None = None  # where the meeting date's year came from, when the text leaves it out
    published: str | None = None  # when the document was written, from the best source (see published_source)
    published_source: str | None = None  # dateline, text, html-metadata, pdf-metadata, user
    place: str | None = None
    title: str | None = None
    url: str | None = None
    notes: tuple[str, ...] = field(default=())
