"""Where the work of ingest, reextract and embedding runs: one process, a pool of processes, or a Dask cluster.

An engine maps a function over items and streams back each item with its result as it finishes;
the caller alone writes the store. The function is called as `fn(context, item)`: the context
(what every task needs, such as the ids already stored and the limits per file) reaches each
worker once, not once per task. Items must be small (file paths, batches of sentences): on a
cluster they travel over the network and the workers read files from a shared filesystem.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from .errors import DocketError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
DASK_MISSING = "the Dask engine needs dask and distributed: pip install 'docket[dask]'"


class EngineError(DocketError):
    """An engine cannot start: a missing package or an unreachable scheduler."""


@dataclass(frozen=True)
class Done(Generic[T, R]):
    """One finished task: its item and either its result or the error that ended it after every retry."""

    item: T
    result: R | None = None
    error: BaseException | None = None


class Engine(Protocol):
    """Run fn(context, item) for every item somewhere, and stream back each item with its result."""

    workers: int

    def map(self, fn: Callable[[Any, T], R], items: Iterable[T], context: Any = None) -> Iterator[Done[T, R]]: ...

    def close(self) -> None: ...


_CONTEXT: Any = None


def _set_context(context: Any) -> None:
    global _CONTEXT
    _CONTEXT = context


def _call(job: tuple[Callable[[Any, T], R], T]) -> Done[T, R]:
    fn, item = job
    return Done(item, fn(_CONTEXT, item))


class Window:
    """Feed a pool at most `size` items ahead of what its consumer has taken, so that results a slow writer has
    not yet stored cannot pile up in memory however many files a run holds (the Dask engine keeps its own window)."""

    def __init__(self, size: int):
        self.slots = threading.Semaphore(size)
        self.fed = 0
        self.stopped = False

    def feed(self, fn: Callable[[Any, T], R], items: Iterable[T]) -> Iterator[tuple[Callable[[Any, T], R], T]]:
        """Yield (fn, item) jobs, each after a slot frees; runs in the pool's task thread, so waiting here is free."""
        for item in items:
            self.slots.acquire()
            if self.stopped:
                return
            self.fed += 1
            yield fn, item

    def taken(self) -> None:
        """The consumer took one result: one more item may go."""
        self.slots.release()

    def stop(self) -> None:
        """Feed nothing more, and wake the feeder if it waits, so that the pool can be shut down."""
        self.stopped = True
        self.slots.release()


class LocalEngine:
    """Run tasks in this process (one worker) or in a pool of forked processes; the default engine."""

    def __init__(self, workers: int | None = None, small: int = 8, ahead: int = 16):
        self.requested = workers
        self.small = small  # fewer items than this run in this process: forking costs more than it saves
        self.ahead = ahead  # items in flight per worker
        self.workers = workers or default_workers()
        self.window: Window | None = None  # the last pool run's window, for tests

    def map(self, fn: Callable[[Any, T], R], items: Iterable[T], context: Any = None) -> Iterator[Done[T, R]]:
        """Call fn(context, item) for every item, in order; a pool's children inherit the context when forked."""
        if self.requested is None:  # decided by the number of items: only then are they all taken at once
            items = list(items)
            workers = self.workers if len(items) >= self.small else 1
        else:
            workers = self.requested
        if workers <= 1:  # items are taken one at a time, so that stored texts are read as they are needed
            for item in items:
                yield Done(item, fn(context, item))
            return
        window = self.window = Window(workers * self.ahead)
        pool = multiprocessing.get_context("fork").Pool(workers, _set_context, (context,))
        try:
            for done in pool.imap(_call, window.feed(fn, items), chunksize=2):
                window.taken()
                yield done
        except BaseException:
            window.stop()
            pool.terminate()
            raise
        finally:
            window.stop()
            pool.close()
            pool.join()

    def close(self) -> None:
        """Nothing outlives a map."""


def default_workers() -> int:
    """Use every core, up to four."""
    return max(1, min(os.cpu_count() or 1, 4))


def make_engine(name: str = "local", scheduler: str | None = None, workers: int | None = None) -> Engine:
    """Return the engine asked for by name; the Dask one imports dask only now, and says how to install it if missing."""
    if name == "local":
        if scheduler:
            raise EngineError("--scheduler needs --engine dask")
        return LocalEngine(workers)
    if name != "dask":
        raise EngineError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")
    try:
        from .dask_engine import DaskEngine
    except ImportError as exc:
        raise EngineError(DASK_MISSING) from exc
    return DaskEngine(scheduler, workers)
