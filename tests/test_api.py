"""api.py: the one door to a store for scripts, notebooks and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline as docket
from pipeline.api import RECORD_COLUMNS, Docket, Filters
from pipeline.cli import cli
from pipeline.link import link

from .conftest import ROOT, SAMPLE
from .fakes import FakeEmbedder
from .test_reviews import REPORT


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus, ingested and linked with the fake embedder."""
    db = str(tmp_path_factory.mktemp("api") / "docket.db")
    with docket.open(db) as dk:
        events = dk.ingest([SAMPLE], workers=1)
        assert {e.kind for e in events} == {"stored"} and len(events) == 6
        link(dk.store, FakeEmbedder())
    return db


def cli_json(db: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["--db", db, *args, "--format", "json"], obj={}, catch_exceptions=False)
    return json.loads(result.stdout)


@pytest.mark.parametrize("filters", [
    {"agency": "Provincial Police", "due_before": "2025-12-31"},
    {"unit": "model", "status": "completed"},
    {"lang": "vi", "place": "Ha Tinh"},
    {"search": "data center", "limit": 2},
])
def test_query_gives_what_the_cli_prints(sample: str, filters: dict) -> None:
    args = [a for k, v in filters.items() for a in (f"--{k.replace('_', '-')}", str(v))]
    with Docket(sample) as dk:
        hits = dk.query(**filters)
    assert hits and hits == cli_json(sample, "query", *args)


def test_documents_give_what_the_cli_prints(sample: str) -> None:
    with Docket(sample) as dk:
        rows = dk.documents(lang="en")
    assert len(rows) == 3
    assert [r["id"] for r in rows] == [r["id"] for r in cli_json(sample, "documents", "--lang", "en")]


def test_records_are_flat_and_follow_the_filters(sample: str) -> None:
    with Docket(sample) as dk:
        models = dk.records("counts", unit="model", place="Nghe An")
        commitments = dk.records("commitments", agency="Provincial Police")
        all_counts = dk.records("counts")
    assert {(r["unit"], r["place"]) for r in models} == {("model", "Nghe An")}
    assert all(not isinstance(v, (list, dict)) for r in models + commitments for v in r.values())
    assert all(len(r["id"]) == 16 for r in all_counts) and len({r["id"] for r in all_counts}) == len(all_counts)
    police = [c for c in commitments if "Provincial Police" in c["agencies"]]
    assert police, commitments
    count_ids = {r["id"] for r in all_counts}
    assert all(i in count_ids for c in commitments for i in c["count_ids"].split("; ") if i)


def test_dataframes_have_flat_columns(sample: str) -> None:
    pytest.importorskip("pandas")
    with Docket(sample) as dk:
        counts = dk.dataframe("counts", lang="de")
        deadlines = dk.dataframe("deadlines", due_after="2024-01-01")
        documents = dk.dataframe("documents")
        series = dk.dataframe("series", place="Ha Tinh")
    assert list(counts.columns) == RECORD_COLUMNS["counts"] and set(counts["language"]) == {"de"}
    assert (deadlines["due"].dropna() >= "2024-01-01").any()
    assert len(documents) == 6 and {"counts", "deadlines", "place"} <= set(documents.columns)
    assert {"date", "value", "total", "languages", "evidence"} <= set(series.columns)
    for frame in (counts, deadlines, documents, series):
        assert not frame.map(lambda v: isinstance(v, (list, dict))).any().any()
    with pytest.raises(ValueError, match="no table"):
        Docket(sample).dataframe("sentences")


def test_filters_are_checked() -> None:
    with pytest.raises(ValueError, match="status"):
        Filters(status="done")
    with pytest.raises(ValueError, match="ISO date"):
        Filters(due_before="31.12.2025")
    assert Filters(due_after=__import__("datetime").date(2025, 1, 2)).due_after == "2025-01-02"


def test_timeline_to_a_file_or_a_figure(sample: str, tmp_path: Path) -> None:
    with Docket(sample) as dk:
        png = dk.timeline(tmp_path / "out" / "ha-tinh.png", place="Ha Tinh")
        figure = dk.timeline(place="Ha Tinh")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Ha Tinh" in figure.axes[0].get_title()


def test_reviews_through_the_api(db_path: str, tmp_path: Path) -> None:
    path = tmp_path / "report.en.txt"
    path.write_text(REPORT, encoding="utf-8")
    with docket.open(db_path) as dk:
        dk.ingest([path])
        pending = dk.pending()
        bare = next(r for r in pending if r["kind"] == "counts" and r["total"] is None)
        dk.correct(bare["id"], {"total": 40, "status": "completed"}, note="40 in the annex", by="an")
        [count] = [r for r in dk.records("counts") if r["id"] == bare["id"]]
        assert (count["value"], count["total"], count["status"], count["review_status"]) == (12, 40, "completed", "corrected")
        assert bare["id"] not in {r["id"] for r in dk.pending()}
        [made] = dk.reviews()
        assert (made.by, made.note, made.original["total"]) == ("an", "40 in the annex", None)
        assert dk.orphans() == []


def test_ingest_reports_a_skipped_file(db_path: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    with Docket(db_path) as dk:
        [event] = dk.ingest([tmp_path / "empty.txt"])
    assert event.kind == "skipped" and "empty" in event.reason


def test_the_read_path_loads_no_model_library(sample: str) -> None:
    code = (f"import sys, pipeline as docket; dk = docket.open({sample!r}); dk.query(unit='model'); "
            "dk.records('deadlines'); dk.documents(); dk.pending(); "
            "print(sorted(m for m in ('spacy', 'torch', 'sentence_transformers', 'pandas', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_the_api_embeds_with_the_same_engine_as_the_cli(tmp_path) -> None:
    """A notebook's link and search use ONNX Runtime for the default model, as `docket link` does, not torch."""
    from pipeline.embed import OnnxEmbedder

    with Docket(tmp_path / "api.db") as dk:
        assert isinstance(dk.embedder(), OnnxEmbedder)
        assert dk.embedder() is dk.embedder()  # loaded once per Docket
