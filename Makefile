# Decision Desk: `make run` starts the app, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: venv run test lint bench clean dist test-dist

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py

# The layers first (import-linter's contracts in pyproject.toml), then the suite
# (tests/test_layers.py: no import cycles, no project import inside a function).
test: $(STAMP)
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/search_50k.py
	$(BIN)/python benchmarks/pack_300.py
	$(BIN)/python benchmarks/render_records.py
	$(BIN)/python benchmarks/long_texts.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/soak_window.py 80

# The installed build: a frozen one-folder app (PyInstaller, packaging/decision-desk.spec)
# in dist/decision-desk/, and on Linux its tarball in dist/ (packaging/README.md).
$(DIST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,dist]'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	$(BIN)/python packaging/build.py

# Builds it, then runs the frozen app with no Python about (tests/test_dist.py, marked slow).
test-dist: dist
	DECISION_DESK_FROZEN=dist/decision-desk QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q -m slow tests/test_dist.py

clean:
	rm -rf $(VENV) build dist *.egg-info
