# Two commands on a fresh machine:
#   make example   install everything, then check the bundled example batch (report in reports/)
#   make test      install everything, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

LOCK   := requirements/lock.txt

.PHONY: install example test lint lock wheel fuzz bench-nli clean

# Exact, hash-checked versions from the lock; works with the pip a fresh venv brings.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	# CPU build of torch first: an unpinned torch would pull several GB of CUDA wheels.
	$(PY) -m pip install --quiet --no-deps torch==2.13.0
	$(PY) -m pip install --quiet --no-deps --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e ".[dev]"
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
	$(VENV)/bin/ruff check consistency tests benchmarks setup.py
	$(VENV)/bin/ruff format --check consistency tests benchmarks setup.py

# Re-resolve the lock after editing pyproject.toml (`make lock LOCK_FLAGS=--upgrade` takes newer releases).
lock: $(STAMP)
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet $(LOCK_FLAGS) --generate-hashes --strip-extras --extra dev \
		--unsafe-package torch --constraint requirements/torch-cpu.txt \
		--no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

# A wheel with the bundled NLI model inside, in dist/.
wheel: $(STAMP)
	$(PY) -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

# The long fuzz run (the suite runs 25 inputs per target; this runs 3,000 and randomises).
fuzz: $(STAMP)
	CONSISTENCY_FUZZ_EXAMPLES=3000 $(PY) -m pytest -q tests/test_fuzz.py

bench-nli: $(STAMP)
	$(PY) benchmarks/nli_eval.py models/consistency-nli-minilm

clean:
	rm -rf $(VENV) reports/*.json reports/*.md reports/*.html
