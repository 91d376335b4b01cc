# kompetensi-toolkit: set-up and main jobs.
#   make run    install into .venv, write the sample data, run every region's report
#   make test   install into .venv and run the test suite
#   make national  write the synthetic national dataset (552 governments, Parquet by region)
# Override the interpreter with `make PYTHON=python3.12 ...`.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= data/sample
OUT    ?= outputs

.PHONY: install run sample national test browser lint lab clean

install: $(STAMP)

# The stamp is rebuilt when the dependency list changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[notebooks,distributed,dev]"
	# A python3 kernel inside the environment, so papermill never hits "No such kernel".
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kompetensi)"
	touch $(STAMP)

sample: install
	$(BIN)/kompetensi sample-data --out $(DATA)

national: install
	$(BIN)/kompetensi sample-data --national --out data/national

run: sample
	$(BIN)/kompetensi run --all --data $(DATA) --out $(OUT)

test: install browser
	$(BIN)/python -m pytest

# Headless Chromium for the browser tests (Debian's package; installed when missing and we are root).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else echo "note: chromium not found; the browser tests will be skipped (apt-get install chromium)"; fi; }

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

lab: install
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) $(OUT)/* $(DATA) .pytest_cache .ruff_cache
