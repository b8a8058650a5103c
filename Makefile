# Two commands a newcomer needs (see README.md):
#   make demo   make .venv, install zhclean, print cleaned seeds/001_522596ff6ab5f318.txt
#   make test   make .venv, install zhclean with every extra, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
EXTRAS ?= dev

.PHONY: demo test venv clean-venv
.PHONY: docs lint

$(VENV)/.installed-$(EXTRAS): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

venv: $(VENV)/.installed-$(EXTRAS)

demo: venv
	$(PY) -m zhclean seeds/001_522596ff6ab5f318.txt

test: venv
	$(PY) -m pytest -q

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
