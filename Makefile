# Lao meeting briefings: `make briefing` builds every briefings/*.yaml into build/; `make test` runs the tests.
# Both work on a fresh machine: they create .venv/ and install the package first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
FONT   ?= phetsarath

BRIEFINGS := $(wildcard briefings/*.yaml)
OUTPUTS   := $(foreach f,$(BRIEFINGS:briefings/%.yaml=%),build/$(f)-briefing.pdf build/$(f)-briefing.docx)
SOURCES   := $(wildcard generator/*.py generator/*/*.py templates/* fonts/*.ttf)

PORT      ?= 8000

.PHONY: help briefing mail test check schema preview golden bench fonts clean FORCE
.DEFAULT_GOAL := help

help: ## list the targets
	@echo "make briefing   build every briefings/*.yaml into build/ (PDF and DOCX; FONT=noto-sans|noto-serif to change the font)"
	@echo "make mail       an e-mail draft (.eml) with the PDF beside every briefing PDF, for every edition (builds first)"
	@echo "make test       run the whole test suite (the command CI runs)"
	@echo "make check      check every briefings/*.yaml, the templates and the fonts; write nothing"
	@echo "make schema     regenerate briefings/meeting.schema.json and the key reference in docs/format.md"
	@echo "make preview    FILE=briefings/x.yaml: its PDF in a web page on http://127.0.0.1:8000/ (PORT=N), updated on every save"
	@echo "make golden     regenerate the golden files in tests/golden/ from the current code"
	@echo "make fonts      regenerate fonts/PhetsarathOT-Bold.ttf from the regular face (tools/embolden.py)"
	@echo "make bench      print timing figures for segmentation and a full build"
	@echo "make clean      remove build/ (keeps .venv/)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

briefing: $(OUTPUTS) ## build every meeting file

# One run of the generator writes both formats of a meeting (a grouped pattern rule).
build/%-briefing.pdf build/%-briefing.docx: briefings/%.yaml $(SOURCES) build/.font $(STAMP)
	$(PY) -m generator build $< -o build --font $(FONT)

# Records the font set, so that changing FONT rebuilds and leaving it alone does not.
build/.font: FORCE
	@mkdir -p build
	@echo $(FONT) | cmp -s - $@ || echo $(FONT) > $@

# The drafts of every edition each file lists, once `briefing` has brought their PDFs up to date;
# `mail` refuses any PDF made from other data than the meeting file holds now.
mail: briefing
	$(PY) -m generator mail $(BRIEFINGS) -o build --all-editions

test: $(STAMP)
	$(PY) -m pytest

check: $(STAMP)
	$(PY) -m generator check $(BRIEFINGS)

# Both are generated from the loader's field definitions (generator/data/format.py); tests fail when stale.
schema: $(STAMP)
	$(PY) -m generator.data.reference

preview: $(STAMP)
	$(if $(FILE),,$(error name the meeting file: make preview FILE=briefings/accsm-20.yaml))
	$(PY) -m generator preview $(FILE) --port $(PORT) --font $(FONT)

golden: $(STAMP)
	$(PY) -m pytest tests/test_golden.py --accept -q

bench: $(STAMP)
	$(PY) bench/run.py

# Not a file rule: building briefings must never regenerate a committed font.
fonts: $(STAMP)
	$(PY) tools/embolden.py --source fonts/PhetsarathOT.ttf --output fonts/PhetsarathOT-Bold.ttf

clean:
	rm -rf build
