SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
export PATH := $(HOME)/.local/bin:$(PATH)

.PHONY: setup setup-product uv demo test lint bench serve

# Install uv when it is missing.
uv:
	@command -v uv >/dev/null 2>&1 || [ -x "$(HOME)/.local/bin/uv" ] || python3 -m pip install --user --quiet uv || python3 -m pip install --user --quiet --break-system-packages uv

# The locked Python and npm dependencies, test and lint tools included.
setup: uv
	$(UV) sync --frozen
	npm ci --no-audit --no-fund --silent

# What the product needs to run, nothing else (make demo).
setup-product: uv
	$(UV) sync --frozen --no-dev
	npm ci --no-audit --no-fund --silent

demo: setup-product
	bash scripts/demo.sh

test: setup
	bash scripts/test.sh

lint: setup
	$(UV) run ruff format --check src tests bench
	$(UV) run ruff check src tests bench
	$(UV) run mypy

bench: setup
	$(UV) run python bench/ingest.py
