"""engine.py and dask_engine.py: the Dask engine stores what the local engine stores, and loses nothing when a worker dies."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline import batch, engine as engine_module
from pipeline.batch import Limits, collect, run
from pipeline.cli import cli
from pipeline.engine import LocalEngine, make_engine
from pipeline.link import link
from pipeline.reextract import reextract
from pipeline.store import Store

from .conftest import SAMPLE
from .fakes import FakeEmbedder

distributed = pytest.importorskip("distributed")
from pipeline.dask_engine import DaskEngine  # noqa: E402  (only where distributed is installed)

FACTS = ("counts", "deadlines", "agencies", "commitments")
LINKS = ("translation_links", "translation_groups", "series", "series_points", "revisions")
VOLATILE = {"ingested_at", "seen_at", "at"}  # when, not what

# reports written for these tests, in the shape of the sample corpus
WRITTEN = {
    "quang-tri-2025-02.en.txt": "Quang Tri Provincial People's Committee, 14 February 2025.\n\n"
    "The Department of Education has completed 9 of 15 new school buildings. The Provincial Police must "
    "finish issuing identity cards to 4,200 residents by 30 June 2025.\n",
    "quang-tri-2025-05.en.txt": "Quang Tri Provincial People's Committee, 20 May 2025.\n\n"
    "The Department of Education has completed 12 of 15 new school buildings. The Provincial Police must "
    "finish issuing identity cards to 4,200 residents by 30 June 2025.\n",
    "bremen-2025-03.de.txt": "Bremen, 3. März 2025.\n\nDas Justizamt prüfte 40 von 55 Verwaltungsverfahren. "
    "Die Provinzpolizei muss das Datenzentrum bis zum 31. Dezember 2025 fertigstellen.\n",
}


def corpus(folder: Path) -> Path:
    """Copy the sample corpus, add the written reports and one file that cannot be read."""
    shutil.copytree(SAMPLE, folder)
    for name, text in WRITTEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    return folder


@pytest.fixture(scope="module")
def dask_engine() -> Iterator[DaskEngine]:
    """A LocalCluster of two small worker processes, shared by the tests of this module."""
    engine = DaskEngine(workers=2)
    yield engine
    engine.close()


def rows(store: Store, table: str) -> list[tuple]:
    """Return a table's rows without timestamps, sorted, so that two stores can be compared."""
    out = []
    for row in store.db[table].rows:
        out.append(tuple(sorted((k, v) for k, v in row.items() if k not in VOLATILE)))
    return sorted(out, key=repr)


def ingest(folder: Path, db: Path, engine) -> tuple[Store, dict[str, batch.Event]]:
    """Ingest folder into a new store with an engine; return the store and the event of each file by name."""
    store = Store(db)
    paths, _ = collect([str(folder)])
    return store, {Path(e.path).name: e for e in run(store, paths, engine=engine)}


def test_the_dask_engine_stores_and_links_what_the_local_engine_does(tmp_path: Path, dask_engine: DaskEngine) -> None:
    folder = corpus(tmp_path / "in")
    local, local_events = ingest(folder, tmp_path / "local.db", LocalEngine(1))
    dask, dask_events = ingest(folder, tmp_path / "dask.db", dask_engine)
    assert {n: (e.kind, e.reason) for n, e in dask_events.items()} == {n: (e.kind, e.reason) for n, e in local_events.items()}
    assert dask_events["scan.pdf"].kind == "skipped" and dask_events["scan.pdf"].reason  # a bad file is a skip with its reason
    assert len(rows(dask, "documents")) == len(WRITTEN) + 6
    for table in ("documents", "sources", "sentences", "skipped", *FACTS):
        assert rows(dask, table) == rows(local, table), table
    link(local, FakeEmbedder())
    link(dask, FakeEmbedder(), engine=dask_engine)
    assert local.db["embeddings"].count and local.db["series"].count  # there is something to compare
    for table in ("embeddings", *LINKS):
        assert rows(dask, table) == rows(local, table), table


def test_reextract_on_dask_changes_what_it_does_locally(tmp_path: Path, dask_engine: DaskEngine) -> None:
    folder = corpus(tmp_path / "in")
    local, _ = ingest(folder, tmp_path / "local.db", LocalEngine(1))
    dask, _ = ingest(folder, tmp_path / "dask.db", LocalEngine(1))
    for store in (local, dask):  # as if the rules had changed: one document loses its counts
        with store.db.conn:
            doc = store.db.conn.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()[0]
            store.db.conn.execute("DELETE FROM counts WHERE document_id = ?", [doc])
    local_changes = sorted((c.document_id, c.added, c.removed) for c in reextract(local))
    dask_changes = sorted((c.document_id, c.added, c.removed) for c in reextract(dask, engine=dask_engine))
    assert dask_changes == local_changes and any(added for _, added, _ in dask_changes)
    assert rows(dask, "counts") == rows(local, "counts")


def kill_once(marker: Path, name: str, fn: Callable[[Any, Any], Any], context: Any, job: tuple) -> Any:
    """Kill this worker process the first time it is given the file `name` (the marker remembers), else run fn."""
    if Path(job[0]).name == name and not marker.exists():
        marker.touch()
        os._exit(1)  # as the OOM killer or a lost machine would: no exception, no goodbye
    return fn(context, job)


class KillingEngine:
    """The Dask engine with a worker that dies in the middle of one file."""

    def __init__(self, inner: DaskEngine, marker: Path, name: str):
        self.inner, self.marker, self.name = inner, marker, name
        self.workers = inner.workers

    def map(self, fn: Callable[[Any, Any], Any], items: Iterable, context: Any = None) -> Iterator:
        return self.inner.map(partial(kill_once, self.marker, self.name, fn), items, context)

    def close(self) -> None:
        self.inner.close()


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path, dask_engine: DaskEngine) -> None:
    folder = corpus(tmp_path / "in")
    marker = tmp_path / "killed"
    store, events = ingest(folder, tmp_path / "d.db", KillingEngine(dask_engine, marker, "quang-tri-2025-05.en.txt"))
    assert marker.exists()  # the worker did die
    assert events["quang-tri-2025-05.en.txt"].kind == "stored"
    assert sorted(e.kind for e in events.values()) == ["skipped"] + ["stored"] * (len(WRITTEN) + 6)
    ids = [r["id"] for r in store.db["documents"].rows]
    assert len(ids) == len(set(ids)) == len(WRITTEN) + 6  # every document once


def stuck_extractor(real: Callable, document, language):
    """Loop forever on a document that ends with 'stuck', as a quadratic rule on a long sentence would."""
    while document.text.endswith("stuck"):
        pass
    return real(document, language)


def slow_down_extraction() -> None:
    """Run on each worker: make extraction hang on the stuck file."""
    batch._EXTRACTOR = partial(stuck_extractor, batch._EXTRACTOR)


def test_the_time_budget_applies_inside_dask_workers(tmp_path: Path, dask_engine: DaskEngine) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in WRITTEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "stuck.txt").write_text(WRITTEN["bremen-2025-03.de.txt"] + "\nstuck", encoding="utf-8")
    dask_engine.client.run(slow_down_extraction)
    try:
        store = Store(tmp_path / "d.db")
        paths, _ = collect([str(folder)])
        events = {Path(e.path).name: e for e in run(store, paths, limits=Limits(timeout_s=1.0), engine=dask_engine)}
    finally:
        dask_engine.client.run(restore_extraction)
    assert events["stuck.txt"].skip_kind == "timeout"
    assert events["stuck.txt"].reason == "took longer than the 1 s budget per file (raise it with --timeout-s)"
    assert sorted(e.kind for n, e in events.items() if n != "stuck.txt") == ["stored"] * len(WRITTEN)


def restore_extraction() -> None:
    """Run on each worker: undo slow_down_extraction."""
    while isinstance(batch._EXTRACTOR, partial):
        batch._EXTRACTOR = batch._EXTRACTOR.args[0]


def test_the_dask_engine_without_dask_is_one_line_saying_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pipeline.dask_engine", None)  # as if dask were not installed
    with pytest.raises(engine_module.EngineError, match=r"pip install 'docket\[dask\]'"):
        make_engine("dask")
    result = CliRunner().invoke(cli, ["--db", ":memory:", "ingest", str(SAMPLE), "--engine", "dask"])
    assert result.exit_code == 1
    assert result.output == "Error: the Dask engine needs dask and distributed: pip install 'docket[dask]'\n"
