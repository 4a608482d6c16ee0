# ROSS Explorer. `make run` starts the app, `make test` runs every test; both create the
# virtual environment (.venv) and install the project into it the first time.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
QM := assets/translations/ross_ru.qm

VALIDATORS := tools/validators/node_modules/.installed

.PHONY: run test test-fast bench lint format clean vendor-web dist dist-check golden

$(STAMP): pyproject.toml
	@tools/system_packages.sh run
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ROSS Explorer needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

$(QM): assets/translations/ross_ru.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

run: $(STAMP) $(QM)
	$(PY) main.py $(ARGS)

$(VALIDATORS): tools/validators/package-lock.json
	npm ci --silent --no-audit --no-fund --prefix tools/validators
	@touch $@

# ruff (lint and format), the layer contracts (import-linter) and the type checker
lint: $(STAMP)
	$(VENV)/bin/ruff check models3d ui main.py tests bench tools
	$(VENV)/bin/ruff format --check models3d ui main.py tests bench tools
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix models3d ui main.py tests bench tools
	$(VENV)/bin/ruff format models3d ui main.py tests bench tools

test: $(STAMP) $(QM)
	@tools/system_packages.sh test
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory $(VALIDATORS)
	$(PY) -m pytest $(PYTEST_ARGS)

vendor-web:
	bash tools/build_web_vendor.sh

BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@

bench: $(BENCH_STAMP) $(QM)
	@tools/system_packages.sh test
	$(PY) bench/meshes.py
	xvfb-run -a -s "-screen 0 2100x1400x24" $(PY) bench/frame.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/startup.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/export.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/picking.py --draw
	$(PY) bench/orbit.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/orbit_view.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/tour.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/press.py

# make golden: draw the reference pictures of tests/gl/test_golden.py again (after a
# deliberate change of the look; review the PNG diff in the commit)
golden: $(STAMP)
	@tools/system_packages.sh test
	xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) tools/golden.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info

# make dist: the wheel and the sdist (python -m build, with this venv's setuptools) and
# the PyInstaller one-folder bundle as dist/ross-explorer-<version>-linux-x86_64.tar.gz
# (tools/bundle/ross-explorer.spec says what it leaves out). make dist-check unpacks the
# bundle in a fresh folder and checks its first frame under Xvfb and a headless export.
DIST_STAMP := $(VENV)/.dist-stamp
BUNDLE_WORK := build/bundle

$(DIST_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,dist]'
	@touch $@

dist: $(DIST_STAMP) $(QM)
	rm -rf dist $(BUNDLE_WORK)
	$(PY) -m build --no-isolation --outdir dist .
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath $(BUNDLE_WORK)/out \
		--workpath $(BUNDLE_WORK)/work tools/bundle/ross-explorer.spec
	tar -C $(BUNDLE_WORK)/out -czf dist/ross-explorer-$$($(PY) -c \
		'import models3d; print(models3d.__version__)')-linux-x86_64.tar.gz ross-explorer
	@ls -l dist

dist-check: $(STAMP)
	@tools/system_packages.sh test
	@ls dist/ross-explorer-*-linux-x86_64.tar.gz >/dev/null 2>&1 || $(MAKE) --no-print-directory dist
	tools/bundle/check.sh $$(ls -t dist/ross-explorer-*-linux-x86_64.tar.gz | head -1)
