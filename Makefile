# Plain runner for the collection. Needs only Python >= 3.11 (with venv) and make.
#   make lab    create the environment if missing, open JupyterLab on the start notebook
#   make test   create the environment if missing, run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml helpers/__init__.py | cksum | cut -d' ' -f1)
JOBS   ?= 2
NB     ?=
# JupyterLab refuses to run as root unless told; token authentication stays on either way.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help setup lab test test-fast lint min-versions outputs bench answer-key site handouts clean

help:
	@echo "make lab         open JupyterLab on notebooks/00_start_here.ipynb (sets up on first run)"
	@echo "make test        run every test: helpers, data, notebook conventions, strict nbval"
	@echo "make test-fast   the same without re-running the notebooks"
	@echo "make lint        ruff check and ruff format --check (helpers, tests, tools, notebooks' code)"
	@echo "make min-versions install the lowest versions pyproject.toml allows (needs PyPI) and run the unit tests"
	@echo "make outputs     re-execute notebooks and store outputs (NB=notebooks/06_escapees.ipynb for one)"
	@echo "make bench       time each notebook's Run-All against a notebook that only imports the stack"
	@echo "make site        build the static site: site/_build/student (for students) and site/_build/teacher (keep private)"
	@echo "make handouts    write the printable classroom pack (PDF, A4 and US Letter) into handouts/_build"
	@echo "make answer-key  regenerate teacher-guide/answer-key.md from helpers/exercises/*.toml"
	@echo "make clean       remove the environment"

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml helpers/__init__.py
	@$(PYTHON) -c 'import sys; v=sys.version_info; sys.exit(0 if v >= (3, 11) else "Python >= 3.11 is needed, found %d.%d" % v[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	$(BIN)/python -m nkhr_helpers_guard install
	$(BIN)/python -m compileall -q helpers
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile tests helpers

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

min-versions:
	$(PYTHON) tools/min_versions.py

outputs: $(STAMP)
	$(BIN)/python tools/refresh_outputs.py $(NB)

bench: $(STAMP)
	$(BIN)/python tools/benchmark.py

answer-key: $(STAMP)
	$(BIN)/python tools/answer_key.py --write

site: $(STAMP)
	$(BIN)/python tools/build_site.py

handouts: $(STAMP)
	$(BIN)/python tools/handouts.py

clean:
	rm -rf $(VENV) build/min-versions
