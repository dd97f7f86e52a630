# The reconciliation coach. `make run` sets up and starts everything; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPACY_MODEL := build/spacy_en/meta.json
MODEL := models/coach.tar.gz
# coach/safety*.py run at prediction time only (nothing of them is trained): no retraining.
MODEL_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(SPACY_MODEL)

export TF_CPP_MIN_LOG_LEVEL ?= 3
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export RASA_TELEMETRY_ENABLED ?= false
export PYTHONPATH := $(CURDIR)

.PHONY: help setup run shell train validate test test-nlu bench-safety bench lint format clean

help:
	@echo "make run      set up (first time), train if needed, start the coach"
	@echo "make test     set up, train if needed, run every test"
	@echo "make shell    chat in the terminal (rasa shell)"
	@echo "make bench    the coach beside a stock rasa init assistant -> docs/benchmarks.md (~20 min;"
	@echo "              BENCH_ARGS='--train' also times training, '--sustained 60' shortens the soak)"
	@echo "make purge    delete conversations untouched for RETENTION_DAYS (default 90)"
	@echo "make train | validate | test-nlu | bench-safety | lint | format | clean"

$(STAMP): pyproject.toml scripts/find_python310.sh
	@PY=$$(scripts/find_python310.sh) || exit 1; \
	if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $$PY"; $$PY -m venv $(VENV) || exit 1; fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

$(SPACY_MODEL): $(STAMP) scripts/build_spacy_pipeline.py
	$(BIN)/python scripts/build_spacy_pipeline.py build/spacy_en

WEBCHAT := build/web/webchat.js

$(WEBCHAT): scripts/fetch_webchat.sh
	scripts/fetch_webchat.sh

setup: $(STAMP) $(SPACY_MODEL) $(WEBCHAT)

# The safety responses' support lines come from support_lines.yml (one file, by region).
domain.yml: support_lines.yml scripts/build_support_lines.py | $(STAMP)
	$(BIN)/python scripts/build_support_lines.py
	@touch $@

$(MODEL): $(STAMP) $(MODEL_INPUTS)
	$(BIN)/rasa train --fixed-model-name coach --out models --quiet

train: setup $(MODEL)

validate: setup
	$(BIN)/rasa data validate --fail-on-warning

run: setup $(MODEL)
	$(BIN)/python scripts/stack.py run

shell: setup $(MODEL)
	@scripts/shell.sh

test: setup $(MODEL)
	@scripts/install_test_deps.sh
	$(BIN)/rasa data validate --fail-on-warning
	$(BIN)/ruff check actions coach scripts tests
	$(BIN)/python -m pytest
	@mkdir -p results
	$(BIN)/python scripts/evaluate_nlu.py --min-f1 0.85 --max-false-safety 0.02 \
		>results/nlu-heldout.txt || { cat results/nlu-heldout.txt; exit 1; }
	@grep -E "^(Held-out|accuracy|safety)" results/nlu-heldout.txt
	$(BIN)/python scripts/evaluate_nlu.py --data tests/data/nlu_inflow_heldout.yml --min-f1 0.75 \
		--max-false-safety 0.05 >results/nlu-inflow.txt || { cat results/nlu-inflow.txt; exit 1; }
	@grep -E "^(Held-out|accuracy|safety)" results/nlu-inflow.txt
	$(BIN)/python scripts/safety_benchmark.py --part dev --min-recall 0.95 \
		--max-false-positives 0.05 >results/safety-dev.txt || { cat results/safety-dev.txt; exit 1; }
	@sed -n '/^Safety/,/^  safety_seen_set_5/p' results/safety-dev.txt
	$(BIN)/python scripts/safety_benchmark.py --part test --min-recall 0.85 \
		--max-false-positives 0.10 >results/safety-test.txt || { cat results/safety-test.txt; exit 1; }
	@sed -n '/^Safety/,/^  safety_unseen_set_5/p' results/safety-test.txt

test-nlu: setup $(MODEL)
	$(BIN)/python scripts/evaluate_nlu.py
	$(BIN)/python scripts/evaluate_nlu.py --data tests/data/nlu_inflow_heldout.yml

bench-safety: setup $(MODEL)
	$(BIN)/python scripts/safety_benchmark.py --part dev
	$(BIN)/python scripts/safety_benchmark.py --part test

bench: setup $(MODEL)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

purge: $(STAMP)
	$(BIN)/python scripts/purge.py

lint: setup
	$(BIN)/ruff check actions coach scripts tests
	$(BIN)/ruff format --check actions coach scripts tests

format: setup
	$(BIN)/ruff format actions coach scripts tests
	$(BIN)/ruff check --fix actions coach scripts tests

clean:
	rm -rf build models results .pytest_cache
