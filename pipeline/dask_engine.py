"""The Dask engine: tasks run on a Dask cluster (a LocalCluster when no scheduler address is given).

Imported only when `--engine dask` is asked for. The context of a map reaches every worker once,
through a worker plugin, so that a worker that joins later (a replacement for one that died) gets
it too; each task then carries only its item and a token naming the context. A task whose worker
dies is run again elsewhere (the scheduler's allowed failures), and one that raises is retried
twice; an item that still fails comes back as a Done with its error, and the other items go on.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from .engine import Done, EngineError, default_workers

T = TypeVar("T")
R = TypeVar("R")

RETRIES = 2
_CONTEXTS: dict[str, Any] = {}  # on each worker: token -> context of a running map


class ContextPlugin(WorkerPlugin):
    """Install one map's context on every worker, including workers that join while it runs."""

    def __init__(self, token: str, context: Any):
        self.token = token
        self.context = context
        self.name = f"docket-context-{token}"

    def setup(self, worker: object) -> None:
        _CONTEXTS[self.token] = self.context

    def teardown(self, worker: object) -> None:
        _CONTEXTS.pop(self.token, None)


def run_task(fn: Callable[[Any, T], R], token: str, item: T) -> R:
    """Call fn with the context its map installed on this worker."""
    return fn(_CONTEXTS[token], item)


class DaskEngine:
    """Run tasks on a Dask cluster: the scheduler at an address, or a LocalCluster of `workers` processes."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                # one thread per worker: extraction is pure Python, so threads would share one core
                self.cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                            processes=True, dashboard_address=None,
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        self.workers = sum(self.client.nthreads().values()) or 1

    def map(self, fn: Callable[[Any, T], R], items: Iterable[T], context: Any = None) -> Iterator[Done[T, R]]:
        """Submit fn(context, item) per item, a window at a time, and yield each as it finishes, in any order."""
        token = uuid.uuid4().hex[:12]
        plugin = ContextPlugin(token, context)
        self.client.register_plugin(plugin)
        try:
            yield from self._stream(fn, token, iter(items))
        finally:
            self.client.unregister_worker_plugin(plugin.name)

    def _stream(self, fn: Callable[[Any, T], R], token: str, items: Iterator[T]) -> Iterator[Done[T, R]]:
        """Keep a bounded number of tasks in flight, so that a million files are not a million futures at once."""
        window = max(32, 8 * self.workers)
        pending: dict[str, T] = {}
        running = as_completed(with_results=True, raise_errors=False)  # results fetched in batches, not one by one
        counter = iter(range(1 << 62))
        for item in islice(items, window):
            running.add(self._submit(fn, token, item, next(counter), pending))
        for future, result in running:
            item = pending.pop(future.key)
            future.release()  # its result leaves the cluster
            yield Done(item, error=result) if future.status == "error" else Done(item, result)
            for more in islice(items, 1):
                running.add(self._submit(fn, token, more, next(counter), pending))

    def _submit(self, fn: Callable[[Any, T], R], token: str, item: T, n: int, pending: dict[str, T]):
        """Submit one task under its own key (pure=False: the same item twice is two tasks)."""
        key = f"{getattr(fn, '__name__', 'task')}-{token}-{n}"
        pending[key] = item
        return self.client.submit(run_task, fn, token, item, key=key, pure=False, retries=RETRIES)

    def close(self) -> None:
        """Close the client, and the LocalCluster if this engine started one."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
