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


class LocalEngine:
    """Run tasks in this process (one worker) or in a pool of forked processes; the default engine."""

    def __init__(self, workers: int | None = None, small: int = 8):
        self.requested = workers
        self.small = small  # fewer items than this run in this process: forking costs more than it saves
        self.workers = workers or default_workers()

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
        pool = multiprocessing.get_context("fork").Pool(workers, _set_context, (context,))
        try:
            yield from pool.imap(_call, ((fn, item) for item in items), chunksize=2)
        except BaseException:
            pool.terminate()
            raise
        finally:
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
