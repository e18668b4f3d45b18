# carepages: every target is phony and does one job. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Variables given on the command line (TREATMENT, SOURCES, SLUG, DRAFT) reach commands as
# single-quoted arguments, read with $(value …) so make never expands what they hold:
# `quote` wraps a value in '…' with each ' written as '\''.
quote = '$(subst ','\'',$(1))'

VENV      := .venv
PY        := $(VENV)/bin/python
CAREPAGES := NO_MKDOCS_2_WARNING=1 $(PY) -m carepages
LAB       := NO_MKDOCS_2_WARNING=1 $(PY) -m lab
export NO_MKDOCS_2_WARNING := 1

.PHONY: help site serve check plan test lint new ingest eval bench lighthouse clean \
        venv test-deps npm-site chromium poppler

help: ## Show this list of targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip>=24"
	$(VENV)/bin/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed requirements-test.lock
	$(VENV)/bin/pip install --quiet -r requirements-test.lock
	touch $@

node_modules/.site-installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

node_modules/.all-installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@ node_modules/.site-installed

venv: $(VENV)/.installed ## Create .venv and install the pinned dependencies

test-deps: $(VENV)/.test-installed node_modules/.all-installed chromium poppler ## Install test-only dependencies (pytest, Playwright, axe-core, ESLint, chromium, poppler)

npm-site: node_modules/.site-installed

chromium: ## Install Debian's chromium if it is missing
	@command -v /usr/bin/chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@/usr/bin/chromium --version

poppler: ## Install Debian's poppler-utils (pdfinfo, pdftoppm: the printed plan's page count and pictures)
	@command -v pdftoppm >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }

site: venv npm-site ## Validate content, build site/ (strict) and dist/carepages-site.zip
	$(CAREPAGES) build

serve: venv npm-site ## Live preview for editors on http://127.0.0.1:8000 (DRAFT=name previews drafts/name)
	$(CAREPAGES) serve $(if $(value DRAFT),--draft $(call quote,$(value DRAFT)))

check: venv ## Validate content only (errors stop, warnings are reported; STRICT=1 fails on warnings too)
	$(CAREPAGES) check $(if $(STRICT),--strict)

plan: venv ## What the recovery plan says on one day: make plan SLUG=microneedling DAY=3 (or DATE= TREATMENT_DATE=)
	@test -n "$(SLUG)" -a -n "$(DAY)$(DATE)" || { echo 'usage: make plan SLUG=microneedling DAY=3  (or DATE=2026-11-26 TREATMENT_DATE=2026-11-23)'; exit 2; }
	@$(CAREPAGES) plan $(SLUG) $(if $(DAY),--day=$(DAY)) $(if $(DATE),--date $(DATE)) $(if $(TREATMENT_DATE),--treatment-date $(TREATMENT_DATE))

lint: $(VENV)/.test-installed node_modules/.all-installed ## ruff lint and format check, mypy type check, ESLint on the browser scripts
	$(VENV)/bin/ruff check carepages macros lab tests
	$(VENV)/bin/ruff format --check carepages macros lab tests
	$(VENV)/bin/mypy
	node_modules/.bin/eslint --max-warnings=0 overrides/assets/components

test: test-deps npm-site lint ## Run the whole test suite, real-browser tests included
	$(CAREPAGES) check
	$(PY) -m pytest

new: venv ## Scaffold a treatment: make new TREATMENT="Chemical peel"
	@test -n $(call quote,$(value TREATMENT)) || { echo 'usage: make new TREATMENT="Chemical peel"'; exit 2; }
	$(CAREPAGES) new $(call quote,$(value TREATMENT)) $(if $(FORCE),--force)

ingest: venv ## Draft a treatment from sources: make ingest SOURCES="a.txt b.html" SLUG=name
	@test -n $(call quote,$(value SOURCES)) -a -n $(call quote,$(value SLUG)) || { echo 'usage: make ingest SOURCES="files or folders" SLUG=name'; exit 2; }
	$(CAREPAGES) ingest $(foreach source,$(value SOURCES),$(call quote,$(source))) --slug $(call quote,$(value SLUG)) $(if $(FORCE),--force)

eval: venv ## Score the normaliser on the labelled evaluation set and the seeds
	$(LAB) eval

bench: venv npm-site test-deps ## Measure build speed against stock Material, page transfer and Lighthouse; writes BENCHMARKS.md
	$(LAB) bench

lighthouse: venv node_modules/.all-installed chromium ## Lighthouse mobile scores of the built site
	$(LAB) lighthouse

clean: ## Remove build output (site/, dist/, build/)
	rm -rf site dist build
