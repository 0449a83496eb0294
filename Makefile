# Decision Desk: `make run` starts the app, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run test lint bench clean

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
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/search_50k.py
	$(BIN)/python benchmarks/pack_300.py
	$(BIN)/python benchmarks/render_records.py
	$(BIN)/python benchmarks/long_texts.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/soak_window.py 80

clean:
	rm -rf $(VENV) build *.egg-info
