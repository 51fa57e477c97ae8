# `make build` compiles the courses in course_src/ into dist/; `make test` runs every test.
# `make setup` (scripts/setup.sh) installs what is missing and skips the rest; `make build` needs
# only the venv (scripts/setup.sh --build-only): no Chromium, npm packages, schemas or LRS.
VENV := .venv
# One pytest worker per core, each test file on one worker (its session fixtures start once
# there); `make test PYTEST_ARGS=` runs them in one process.
PYTEST_ARGS ?= -n auto --dist loadfile

.PHONY: setup setup-build build test lint runtime-min golden docs fuzz

setup:
	@scripts/setup.sh

setup-build:
	@scripts/setup.sh --build-only

build: setup-build
	$(VENV)/bin/coursebuild build course_src --out dist

test: setup
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	@# the conftest.py files, which the first run leaves out (pyproject.toml says why)
	$(VENV)/bin/mypy --explicit-package-bases $(shell find tests -name conftest.py | sort)

# Regenerate the committed minified runtime (templates/theme/static/min/) from the readable
# modules with the pinned terser; run it whenever a runtime module changes (a test compares).
runtime-min: setup
	node scripts/minify-runtime.js

# The generated references: source keys (from the schema) and commands (Typer's own generator).
docs: setup-build
	$(VENV)/bin/python -m builder.reference > docs/reference.md
	$(VENV)/bin/python -m typer builder.cli utils docs --name coursebuild \
		--title "Command reference" --output docs/commands.md

# Rewrite tests/golden/ from the current build; review the diff before committing it.
golden: setup
	UPDATE_GOLDEN=1 $(VENV)/bin/python -m pytest tests/targets/test_golden.py -q

# The nightly-sized fuzz run (CI runs a few hundred cases): 10,000 mutated sources and zips.
fuzz: setup
	FUZZ_EXAMPLES=10000 $(VENV)/bin/python -m pytest --timeout=0 -q \
		tests/source/test_fuzz_sources.py tests/check/test_check_fuzz.py
