# Two commands set Docket up on a fresh machine:
#   make demo   builds .venv, installs Docket and ingests corpora/sample/ into outputs/docket.db
#   make test   builds .venv, installs Docket with its test tools and runs the tests
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup demo test bench clean

setup: $(VENV)/.installed

# torch first and pinned: this machine keeps the CPU build of 2.13.0 on disk, while a bare
# "torch" requirement (pulled in by sentence-transformers) would download a CUDA build of several GB.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/docket ingest corpora/sample/ || [ $$? -eq 1 ]
	$(BIN)/docket documents
	$(BIN)/docket export --format jsonl -o outputs/sample.jsonl

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/ingest_bench.py

clean:
	rm -rf $(VENV) outputs/*.db outputs/*.db-* outputs/sample.jsonl
