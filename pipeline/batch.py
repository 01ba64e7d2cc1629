"""Ingest many files: workers read, detect and extract; the calling process alone writes the store.

Each file becomes one event (stored, duplicate, skipped) so that the CLI can show progress and
a summary. Documents whose content hash is already stored are not extracted again, so an
interrupted run, started again, only does what is left.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .detect import detect_language, given_language
from .errors import SkipFile
from .extract import Extractor, warm_up
from .fetch import is_url, read_url
from .ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, iter_paths, read_document, set_max_bytes, set_max_pages, set_ocr
from .records import Document, Extraction, Language
from .store import Store


@dataclass(frozen=True)
class Event:
    """What happened to one input file."""

    kind: str  # stored, duplicate, skipped
    path: str
    document: Document | None = None
    language: Language | None = None
    extraction: Extraction | None = None
    skip_kind: str | None = None
    reason: str | None = None

    @property
    def records(self) -> int:
        e = self.extraction
        return len(e.counts) + len(e.deadlines) + len(e.agencies) if e else 0


@dataclass(frozen=True)
class Limits:
    """What one file may cost before it is skipped with a reason: bytes on disk, PDF pages, characters, seconds."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_chars: int = 20_000_000
    timeout_s: float = 60.0  # 0: no time budget


class OverBudget(BaseException):
    """A file's time budget ran out; a BaseException, so that no reader's `except Exception` swallows it."""


_KNOWN: frozenset[str] = frozenset()
_LIMITS = Limits()
_EXTRACTOR = Extractor()


def _init_worker(known: frozenset[str], limits: Limits, ocr: bool = False) -> None:
    global _KNOWN, _LIMITS
    _KNOWN, _LIMITS = known, limits
    set_max_bytes(limits.max_bytes)
    set_max_pages(limits.max_pages)
    set_ocr(ocr)


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget inside the block once seconds have passed (SIGALRM: only in a process's main thread)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_file(job: tuple[str, str | None, str | None]) -> Event:
    """Read, detect and extract one file within its time budget; never raises for a bad file."""
    path, lang, published = job
    try:
        with time_budget(_LIMITS.timeout_s):
            return read_and_extract(path, lang, published)
    except OverBudget:
        # a Python-level loop is stopped here; a C call that never returns is not (see README, budgets)
        return Event("skipped", path, skip_kind="timeout",
                     reason=f"took longer than the {_LIMITS.timeout_s:g} s budget per file (raise it with --timeout-s)")


def read_and_extract(path: str, lang: str | None, published: str | None = None) -> Event:
    """Read, detect and extract one file; a bad file becomes a skip event."""
    try:
        document = read_url(path) if is_url(path) else read_document(Path(path))
        if published:  # the user's date wins over anything the file or its text says
            document = replace(document, published=published, published_source="user")
    except SkipFile as exc:
        return Event("skipped", path, skip_kind=exc.kind, reason=exc.reason)
    except Exception as exc:  # a reader's own bug must not stop the other files
        return Event("skipped", path, skip_kind="error", reason=f"could not be read ({type(exc).__name__}: {exc})")
    if document.id in _KNOWN:
        return Event("duplicate", path, document=document)
    if len(document.text) > _LIMITS.max_chars:
        return Event("skipped", path, skip_kind="too_large", reason=f"{len(document.text):,} characters of text is over the "
                     f"{_LIMITS.max_chars:,} limit (raise it with --max-chars)")
    language = given_language(lang) if lang else detect_language(document.text)
    try:
        extraction = _EXTRACTOR(document, language)
    except Exception as exc:
        return Event("skipped", path, skip_kind="error", reason=f"extraction failed ({type(exc).__name__}: {exc})")
    return Event("stored", path, document=document, language=language, extraction=extraction)


def collect(inputs: Iterable[str]) -> tuple[list[str], list[Event]]:
    """Expand inputs into file paths (URLs kept as given), and skip events for what cannot be walked."""
    inputs = list(inputs)
    paths: list[str] = [item for item in inputs if is_url(item)]
    skips: list[Event] = []
    for item in iter_paths(item for item in inputs if not is_url(item)):
        if isinstance(item, SkipFile):
            skips.append(Event("skipped", item.path, skip_kind=item.kind, reason=item.reason))
        else:
            paths.append(str(item))
    return paths, skips


def run(store: Store, paths: list[str], lang: str | None = None, workers: int | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits | None = None, published: str | None = None,
        ocr: bool = False) -> Iterator[Event]:
    """Ingest paths into store, yielding one event per file as it is written; limits (or max_bytes) bound each file,
    `published` dates every file, and `ocr` recognises the text of scanned PDFs."""
    limits = limits or Limits(max_bytes=max_bytes)
    known = frozenset(r["id"] for r in store.db.query("SELECT id FROM documents"))
    jobs = [(p, lang, published) for p in paths]
    workers = workers or default_workers(len(jobs))
    if jobs:
        warm_up([lang] if lang else ("en", "de", "ru", "vi"))
    if workers <= 1:
        _init_worker(known, limits, ocr)
        results: Iterable[Event] = map(process_file, jobs)
        pool = None
    else:
        pool = multiprocessing.get_context("fork").Pool(workers, _init_worker, (known, limits, ocr))
        results = pool.imap(process_file, jobs, chunksize=2)
    try:
        for event in results:
            yield write(store, event)
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()


def write(store: Store, event: Event) -> Event:
    """Write one event's outcome to the store and return what really happened."""
    if event.kind == "skipped":
        store.record_skip(event.path, event.skip_kind or "error", event.reason or "")
        return event
    if event.kind == "duplicate":
        store.add_source(event.path, event.document.id)
        return event
    stored = store.save(event.document, event.language, event.extraction)
    if not stored:  # another run stored it since this one started
        return Event("duplicate", event.path, document=event.document)
    return event


def default_workers(jobs: int) -> int:
    """Use every core for a large batch; one process for a handful of files, where forking costs more than it saves."""
    return 1 if jobs < 8 else max(1, min(os.cpu_count() or 1, 4))
