# The two entry points of the README: `make examples` and `make test`.
# Each installs everything it needs (system packages, a virtual environment)
# and can be run on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out/examples

.PHONY: examples test bench golden catalogs lint install install-test clean

$(BIN)/giaoban: pyproject.toml constraints.txt
	bash scripts/install-system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e .
	$(BIN)/python -m compileall -q generator
	touch $@

$(VENV)/.test-deps: $(BIN)/giaoban
	bash scripts/install-system-packages.sh --with-test-tools
	$(BIN)/pip install -q -c constraints.txt -e '.[test,distributed]'
	touch $@

install: $(BIN)/giaoban
install-test: $(VENV)/.test-deps

examples: install
	$(BIN)/giaoban render examples/records/*.yaml --doc tb,bc --to docx,pdf --out $(OUT)

test: install-test
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2

# Speed figures of BENCHMARKS.md (not part of the tests: the machines are noisy).
# The peers: docxtpl and unoserver's client here, unoserver's server in .venv-peers (Debian's
# Python, which has LibreOffice's uno module).
bench: install-test
	bash scripts/install-system-packages.sh --with-bench-tools
	$(BIN)/pip install -q -c constraints.txt -e '.[test,distributed,bench]'
	test -x .venv-peers/bin/unoserver || (/usr/bin/python3 -m venv --system-site-packages .venv-peers \
		&& .venv-peers/bin/pip install -q -c constraints.txt unoserver)
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/digest.py
	$(BIN)/python benchmarks/docx_writer.py

clean:
	rm -rf $(VENV) .venv-peers out build dist

# Write the golden texts of the example documents anew (review the diff before committing).
golden: install-test
	GIAOBAN_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_golden.py

# Compile the message catalogs (generator/locale/*/LC_MESSAGES/*.po) after editing them.
catalogs: install
	for domain in giaoban click; do $(BIN)/pybabel -q compile -d generator/locale -D $$domain; done
