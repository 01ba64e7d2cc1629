"""The quality bar on the development reports in ../shared (skipped where they are not beside the project)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

from .conftest import SHARED

DEV = SHARED / "corpora" / "dev"
pytestmark = pytest.mark.skipif(not (DEV.is_dir() and (SHARED / "eval" / "score.py").is_file()),
                                reason="../shared/corpora/dev is not beside the project")


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("dev")
    db, out = str(tmp / "dev.db"), tmp / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", str(DEV), "-q"], obj={}).exit_code == 0
    result = runner.invoke(cli, ["--db", db, "export", "-o", str(out)], obj={})
    assert result.exit_code == 0
    scored = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out), str(SHARED / "eval" / "gold" / "dev"),
                             "--json"], capture_output=True, text=True, check=True)
    return {**json.loads(scored.stdout), "export": str(out)}


@pytest.mark.parametrize("field", ["counts", "deadlines", "agencies"])
def test_overall_f1(scores: dict, field: str) -> None:
    assert scores["scores"][field]["f1"] >= 0.90


@pytest.mark.parametrize("field", ["counts", "deadlines", "agencies"])
@pytest.mark.parametrize("lang", ["en", "de", "ru", "vi"])
def test_no_language_below_085(scores: dict, field: str, lang: str) -> None:
    assert scores["scores"][f"{field}:{lang}"]["f1"] >= 0.85


def test_meeting_dates(scores: dict) -> None:
    assert scores["accuracy"]["event_date"] >= 0.90


def test_language_accuracy(scores: dict) -> None:
    assert scores["accuracy"]["language"] == 1.0
    assert not scores["missing"]


def record_keys(doc: dict, field: str) -> set:
    """What a translation must state alike: counts by value and unit, deadline dates, agency names."""
    if field == "counts":
        return {(float(c["value"]), c["unit"]) for c in doc["counts"]}
    if field == "deadlines":
        return {d["due"] for d in doc["deadlines"] if d["role"] == "deadline"}
    return {a["name"] for a in doc["agencies"]}


@pytest.mark.parametrize("field", ["counts", "deadlines", "agencies"])
def test_translated_pairs_agree(scores: dict, field: str) -> None:
    """Two languages of one article give the same canonical records. The excerpts are cut at about 2,000
    bytes, so one language often stops earlier (Cyrillic takes two bytes a letter): what the shorter
    one states must be what the longer one states there, so agreement is measured on the smaller set."""
    assert scores["pairs"], "the gold has translation pairs"
    docs = {}
    for line in open(scores["export"], encoding="utf-8"):
        doc = json.loads(line)
        docs[doc["source"].rsplit("/", 1)[-1]] = doc
    for pair in scores["pairs"]:
        a, b = (record_keys(docs[name], field) for name in pair["pair"])
        shared = len(a & b) / min(len(a), len(b)) if a and b else float(a == b)
        assert shared >= 0.80, (pair, sorted(map(str, a - b)), sorted(map(str, b - a)))


# -- linking on the development reports, with the real model -----------------------------------


@pytest.fixture(scope="module")
def linked_dev(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("linked") / "dev.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(DEV), "-q"], obj={})
    expected = len([p for p in DEV.iterdir() if p.is_file()])
    assert result.exit_code == 0 and f"linked {expected} documents" in result.stdout, result.output
    return db


def grouped_pairs(db: str) -> dict[frozenset[str], dict]:
    """Map each pair of file names in one translation group to the link between them."""
    from pipeline.store import Store

    store = Store(db)
    name = {r["id"]: r["source"].split("/")[-1] for r in store.translation_rows()}
    return {frozenset({name[link["a"]], name[link["b"]]}): link for link in store.translation_links()}


def gold_pairs() -> set[frozenset[str]]:
    pairs = set()
    for path in (SHARED / "eval" / "gold" / "dev").glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("translation_of"):
            pairs.add(frozenset({gold["document"], gold["translation_of"]}))
    return pairs


@pytest.mark.model
def test_every_gold_translation_pair_is_grouped_and_no_other(linked_dev: str) -> None:
    from pipeline.link import TRANSLATION_MIN
    from pipeline.store import Store

    by_group: dict[str, set[str]] = {}
    for row in Store(linked_dev).translation_rows():
        by_group.setdefault(row["group_id"], set()).add(row["source"].split("/")[-1])
    found = {frozenset({a, b}) for members in by_group.values() for a in members for b in members if a < b}
    assert found == gold_pairs()
    # each found by its aligned sentences, with room above the threshold
    for pair, link in grouped_pairs(linked_dev).items():
        assert link["kind"] == "translation" and link["score"] >= TRANSLATION_MIN + 0.25, (pair, link["reason"])


@pytest.mark.model
def test_the_sample_reports_linked_with_the_development_set_add_only_their_pair(linked_dev: str, tmp_path) -> None:
    from .conftest import SAMPLE

    db = str(tmp_path / "dev-and-sample.db")
    shutil.copy(linked_dev, db)  # the development vectors are stored: only the sample's sentences are embedded
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(SAMPLE), "-q"], obj={})
    assert result.exit_code == 0, result.output
    # the German Ha Tinh report is a later report of the same project, not a translation
    assert set(grouped_pairs(db)) == gold_pairs() | {frozenset({"ha-tinh-2024-03-project06.en.txt", "ha-tinh-2024-03-project06.vi.txt"})}


@pytest.mark.model
def test_nghe_an_pilot_models_are_one_series_across_reports(linked_dev: str) -> None:
    from pipeline.report import series
    from pipeline.store import Store

    found = series(Store(linked_dev), unit="model", place="Nghe An")
    assert len(found) == 1
    points = found[0]["points"]
    assert [(p["date"], p["value"], p["total"]) for p in points] == [("2024-01-19", None, 38.0), ("2024-04-02", 6.0, 38.0)]
    assert points[1]["languages"] == ["de", "en"]  # the translated pair is one report
