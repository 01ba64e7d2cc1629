"""Start-up of the read-only commands: they never import spaCy, torch or the embedding model."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT

HEAVY = ("spacy", "thinc", "torch", "sentence_transformers", "transformers")
READ_ONLY = (["--help"], ["documents"], ["query", "--unit", "model"], ["export"], ["skipped"], ["targets"],
             ["revisions"], ["documents", "--translations"])

PROBE = """
import json, sys
from click.testing import CliRunner
from pipeline.cli import cli
for args in json.loads(sys.argv[2]):
    result = CliRunner().invoke(cli, ["--db", sys.argv[1], *args], obj={})
    assert result.exit_code == 0, (args, result.output)
print(json.dumps(sorted(m for m in json.loads(sys.argv[3]) if m in sys.modules)))
"""


def test_read_only_commands_import_neither_spacy_nor_torch(db_path: str) -> None:
    # each of them paid 3-9 s of spaCy and torch imports before it started; a user waits for none of it
    from pipeline.store import Store

    Store(db_path).close()  # a store that does not exist is an error for every command but ingest
    done = subprocess.run([sys.executable, "-c", PROBE, db_path, json.dumps(READ_ONLY), json.dumps(HEAVY)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
