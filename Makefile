SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
export PATH := $(HOME)/.local/bin:$(PATH)

.PHONY: setup demo test lint bench serve

# Install uv when it is missing, then the locked Python and npm dependencies.
setup:
	@command -v uv >/dev/null 2>&1 || [ -x "$(HOME)/.local/bin/uv" ] || python3 -m pip install --user --quiet uv || python3 -m pip install --user --quiet --break-system-packages uv
	$(UV) sync --frozen
	npm ci --no-audit --no-fund --silent

demo: setup
	bash scripts/demo.sh

test: setup
	bash scripts/test.sh

lint: setup
	$(UV) run ruff format --check src tests bench
	$(UV) run ruff check src tests bench
	$(UV) run mypy

bench: setup
	$(UV) run python bench/ingest.py
