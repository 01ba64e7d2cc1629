"""The quality bar on the development reports in ../shared (skipped where they are not beside the project)."""

from __future__ import annotations

import json
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
    return json.loads(scored.stdout)


@pytest.mark.parametrize("field, bar", [("counts", 0.85), ("deadlines", 0.85), ("agencies", 0.80)])
def test_overall_f1(scores: dict, field: str, bar: float) -> None:
    assert scores["scores"][field]["f1"] >= bar


@pytest.mark.parametrize("field", ["counts", "deadlines", "agencies"])
@pytest.mark.parametrize("lang", ["en", "de", "ru", "vi"])
def test_no_language_below_070(scores: dict, field: str, lang: str) -> None:
    assert scores["scores"][f"{field}:{lang}"]["f1"] >= 0.70


def test_language_accuracy(scores: dict) -> None:
    assert scores["accuracy"]["language"] == 1.0
    assert not scores["missing"]
