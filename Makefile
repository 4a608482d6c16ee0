# ROSS Explorer. `make run` starts the app, `make test` runs every test; both create the
# virtual environment (.venv) and install the project into it the first time.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
QM := assets/translations/ross_ru.qm

.PHONY: run test bench lint clean

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

test: $(STAMP) $(QM)
	@tools/system_packages.sh test
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP) $(QM)
	@tools/system_packages.sh test
	$(PY) bench/meshes.py
	xvfb-run -a -s "-screen 0 2100x1400x24" $(PY) bench/frame.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/startup.py
	xvfb-run -a -s "-screen 0 1920x1200x24" $(PY) bench/export.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
