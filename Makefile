# Two commands on a fresh machine:
#   make example   install everything, then check the bundled example batch (report in reports/)
#   make test      install everything, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install example test lint bench-nli clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU build of torch first: an unpinned torch would pull several GB of CUDA wheels.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

example: $(STAMP)
	$(VENV)/bin/consistency check examples/ukraine-troops \
		--format terminal --format markdown --format json --format html \
		--output - --output reports/example.md --output reports/example.json --output reports/example.html \
		--fail-on never

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check consistency tests benchmarks
	$(VENV)/bin/ruff format --check consistency tests benchmarks

bench-nli: $(STAMP)
	$(PY) benchmarks/nli_eval.py models/consistency-nli-minilm

clean:
	rm -rf $(VENV) reports/*.json reports/*.md reports/*.html
