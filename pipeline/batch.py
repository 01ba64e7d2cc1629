"""Ingest many files: workers read, detect and extract; the calling process alone writes the store.

Each file becomes one event (stored, duplicate, skipped) so that the CLI can show progress and
a summary. Documents whose content hash is already stored are not extracted again, so an
interrupted run, started again, only does what is left.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .detect import SUPPORTED, detect_language, given_language
from .engine import Done, Engine, LocalEngine
from .errors import SkipFile
from .extract import Extractor, warm_up
from .fetch import is_url, read_url
from .ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, iter_paths, read_document, set_max_bytes, set_max_pages, set_ocr
from .records import Document, Extraction, Language
from .store import Store
from .written import number_text


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
    ocr: bool = False  # recognise the text of scanned PDFs instead of skipping them (a run's choice, carried with its limits)


class OverBudget(BaseException):
    """A file's time budget ran out; a BaseException, so that no reader's `except Exception` swallows it."""


_KNOWN: frozenset[str] = frozenset()
_LIMITS = Limits()
_EXTRACTOR = Extractor()


def _init_worker(known: frozenset[str], limits: Limits) -> None:
    global _KNOWN, _LIMITS
    _KNOWN, _LIMITS = known, limits
    set_max_bytes(limits.max_bytes)
    set_max_pages(limits.max_pages)
    set_ocr(limits.ocr)


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget inside the block once seconds have passed: by SIGALRM in a main thread, else by a timer."""
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with alarm_budget(seconds):
            yield
    else:  # a Dask worker runs its tasks in threads, where no signal arrives
        with thread_budget(seconds):
            yield


@contextmanager
def alarm_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the main thread by SIGALRM once seconds have passed."""
    def expire(signum: int, frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def thread_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in this thread once seconds have passed, from a timer thread (as SIGALRM, between bytecodes)."""
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"open": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["open"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(OverBudget))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["open"] = False
            timer.cancel()
            if state["fired"]:  # fired as the block ended: take back an exception not yet delivered
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)


def process_file(job: tuple[str, str | None, str | None]) -> Event:
    """Read, detect and extract one file within its time budget; never raises for a bad file."""
    path, lang, published = job
    try:
        with time_budget(_LIMITS.timeout_s):
            return read_and_extract(path, lang, published)
    except OverBudget:
        # a Python-level loop is stopped here; a C call that never returns is not (see README, budgets)
        return Event("skipped", path, skip_kind="timeout",
                     reason=f"took longer than the {number_text(_LIMITS.timeout_s)} s budget per file (raise it with --timeout-s)")


def ingest_task(context: tuple[frozenset[str], Limits, tuple[str, ...]], job: tuple[str, str | None, str | None]) -> Event:
    """Process one file on any engine's worker: take the run's context, load the rules once, then read and extract."""
    known, limits, languages = context
    if _KNOWN is not known or _LIMITS is not limits:
        _init_worker(known, limits)
    warm_once(languages)  # outside the budget: a fresh worker's first file must not pay for loading spaCy
    return process_file(job)


_WARM: set[str] = set()


def warm_once(languages: tuple[str, ...]) -> None:
    """Load the spaCy pipelines and rules of these languages once per process."""
    if not _WARM.issuperset(languages):
        warm_up(languages)
        _WARM.update(languages)


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
        engine: Engine | None = None) -> Iterator[Event]:
    """Ingest paths into store, yielding one event per file as it is written; limits (or max_bytes) bound each file,
    `published` dates every file, and the engine (default: local processes) runs the reading and extraction."""
    limits = limits or Limits(max_bytes=max_bytes)
    known = frozenset(r["id"] for r in store.db.query("SELECT id FROM documents"))
    jobs = [(p, lang, published) for p in paths]
    languages = tuple(code for code in ((lang,) if lang else SUPPORTED) if code in SUPPORTED)  # the rules to load
    engine = engine or LocalEngine(workers)
    if jobs and isinstance(engine, LocalEngine):
        warm_once(languages)  # before forking, so that every child shares the loaded rules
    for done in engine.map(ingest_task, jobs, (known, limits, languages)):
        yield write(store, event_of(done))


def event_of(done: Done) -> Event:
    """Return a task's event, or a skip naming the error when its worker failed it after every retry."""
    if done.error is None:
        return done.result
    path = done.item[0]
    return Event("skipped", path, skip_kind="error",
                 reason=f"could not be processed on a worker ({type(done.error).__name__}: {done.error})")


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
