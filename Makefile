# Lao meeting documents: `make briefing` / `make minutes` build every briefings/*.yaml into build/, in every
# edition it lists; `make test` runs the tests. All work on a fresh machine: they create .venv/ and install the
# package first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
BYTECODE := $(VENV)/.bytecode
FONT   ?= phetsarath

# Documents build in parallel, one job per core (nproc), unless a -j is given: make -j1 builds one
# at a time. Concurrent builds into build/ are safe: each writes temporary files and commits them
# under build/.generator.lock (generator/output.py).
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

BRIEFINGS := $(sort $(wildcard briefings/*.yaml))
SOURCES   := $(wildcard generator/*.py generator/*/*.py templates/* fonts/*.ttf)

# What every document depends on besides its meeting file, and the command that builds one
# kind and edition of it (the rules in build/.editions.mk add --kind and --lang).
DOCUMENT_INPUTS = $(SOURCES) build/.font $(STAMP) $(BYTECODE)
BUILD_DOCUMENT  = $(PY) -m generator build $< -o build --font $(FONT)
EDITIONS_MK    := build/.editions.mk
# Targets that build no documents never read the meeting files (nor install anything to do so).
NO_DOCUMENTS   := help clean test check schema preview golden bench fonts $(STAMP) $(BYTECODE)
PORT           ?= 8000

.PHONY: help briefing minutes mail test check schema preview golden bench fonts clean FORCE
.DEFAULT_GOAL := help

help: ## list the targets
	@echo "make briefing   build the briefing of every briefings/*.yaml into build/, in every edition it lists"
	@echo "                (editions:), PDF and DOCX; FONT=noto-sans|noto-serif to change the font"
	@echo "make minutes    the same for the minutes of every briefings/*.yaml that has an agenda"
	@echo "make mail       an e-mail draft (.eml) with the PDF beside every briefing PDF, for every edition (builds first)"
	@echo "make test       run the whole test suite (the command CI runs)"
	@echo "make check      check every document make would build (each kind and edition), the templates and the fonts; write nothing"
	@echo "make schema     regenerate briefings/meeting.schema.json and the key reference in docs/format.md"
	@echo "make preview    FILE=briefings/x.yaml: its PDF in a web page on http://127.0.0.1:8000/ (PORT=N), updated on every save"
	@echo "make golden     regenerate the golden files in tests/golden/ from the current code"
	@echo "make fonts      regenerate fonts/PhetsarathOT-Bold.ttf from the regular face (tools/embolden.py)"
	@echo "make bench      print timing figures: the build against LibreOffice (ratios), segmentation, text layer, stages, preview"
	@echo "make clean      remove build/ (keeps .venv/)"

ifneq ($(filter-out $(NO_DOCUMENTS),$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
# Records the font set while make reads this file (also under -n and -q), so that changing FONT
# rebuilds, leaving it alone does not, and `make -q briefing` can answer "up to date".
$(shell mkdir -p build && { echo $(FONT) | cmp -s - build/.font || echo $(FONT) > build/.font; })

# One rule per meeting file, kind and edition, written from the files' `editions` and `agenda`;
# make rewrites it (and reads it again) when a meeting file changes, comes or goes. A file name
# with a space comes apart into words here, and one with a colon would break the rule: they are
# left out of it, and the generator names them and stops.
include $(EDITIONS_MK)
$(EDITIONS_MK): $(foreach f,$(filter briefings/%.yaml,$(BRIEFINGS)),$(if $(findstring :,$(f)),,$(f))) \
                generator/editions.py $(STAMP)
	$(PY) -m generator.editions briefings -o $@
ifneq ($(EDITIONS_MK_FILES),$(BRIEFINGS))
$(EDITIONS_MK): FORCE
endif
endif

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# The generator's own modules compiled once (pip compiles the installed packages, not an editable
# one's): every run then skips compiling them, also where PYTHONDONTWRITEBYTECODE keeps Python
# from saving what it compiled. About 50 ms off each run's start; a stale file is only slower.
$(BYTECODE): $(wildcard generator/*.py generator/*/*.py) $(STAMP)
	$(PY) -m compileall -q generator
	touch $@

briefing: $(BRIEFING_DOCUMENTS) ## the briefing of every meeting file, in every edition it lists

minutes: $(MINUTES_DOCUMENTS) ## the minutes of every meeting file with an agenda, in every edition

mail: briefing
	$(PY) -m generator mail $(BRIEFINGS) -o build --all-editions

test: $(STAMP) $(BYTECODE)
	$(PY) -m pytest

check: $(STAMP) $(BYTECODE)
	$(PY) -m generator check $(BRIEFINGS) --all-documents --font $(FONT)

# Both are generated from the loader's field definitions (generator/data/format.py); tests fail when stale.
schema: $(STAMP)
	$(PY) -m generator.data.reference

preview: $(STAMP) $(BYTECODE)
	$(if $(FILE),,$(error name the meeting file: make preview FILE=briefings/accsm-20.yaml))
	$(PY) -m generator preview $(FILE) --port $(PORT) --font $(FONT)

golden: $(STAMP)
	$(PY) -m pytest tests/test_golden.py --accept -q

bench: $(STAMP) $(BYTECODE)
	$(PY) bench/run.py

# Not a file rule: building briefings must never regenerate a committed font.
fonts: $(STAMP)
	$(PY) tools/embolden.py --source fonts/PhetsarathOT.ttf --output fonts/PhetsarathOT-Bold.ttf

clean:
	rm -rf build
