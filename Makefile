# Between the Lines: two commands do all set-up on a fresh machine (Python 3.11+ and make).
#   make lab    create .venv if missing, install, serve JupyterLab (opens lessons/00-start-here.ipynb)
#   make test   create or update .venv, install, run every test
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8888
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
PYTEST_FLAGS ?=
# The JupyterHub test's tools (make hub-tools): a venv every user can run (made with the
# system Python, outside any home folder) and configurable-http-proxy from npm.
HUB_TOOLS ?= /var/tmp/medialit-hub-tools
SYSTEM_PYTHON ?= /usr/bin/python3

.PHONY: lab test test-fast test-ui test-notebooks test-hub hub-tools bench lessons clean

$(STAMP): pyproject.toml requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m medialit.labsetup
	@touch $(STAMP)

lab: $(STAMP)
	@$(BIN)/python -m medialit.labsetup >/dev/null   # the widgets' extension, as the sources are now
	@echo "Opening the course: the URL with its token is printed below; open it in a browser."
	$(BIN)/jupyter lab --no-browser $(ROOT_FLAG) --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) \
	  --ServerApp.root_dir=. --ServerApp.default_url=/lab/tree/lessons/00-start-here.ipynb

test: $(STAMP)
	@$(BIN)/python -m medialit.labsetup >/dev/null
	$(BIN)/python -m pytest --nbval --nbval-current-env tests lessons solutions $(PYTEST_FLAGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -m "not ui" $(PYTEST_FLAGS)

test-ui: $(STAMP)
	$(BIN)/python -m pytest tests/ui $(PYTEST_FLAGS)

test-notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env lessons solutions $(PYTEST_FLAGS)

test-hub: $(STAMP)
	MEDIALIT_HUB_TOOLS=$(HUB_TOOLS) $(BIN)/python -m pytest tests/hub $(PYTEST_FLAGS)

hub-tools: $(HUB_TOOLS)/venv/.installed $(HUB_TOOLS)/node/.installed

$(HUB_TOOLS)/venv/.installed: requirements-hub.txt
	@mkdir -p $(HUB_TOOLS) && chmod 0755 $(HUB_TOOLS)
	@test -x $(HUB_TOOLS)/venv/bin/python || $(SYSTEM_PYTHON) -m venv $(HUB_TOOLS)/venv
	$(HUB_TOOLS)/venv/bin/python -m pip install --quiet --upgrade pip
	$(HUB_TOOLS)/venv/bin/python -m pip install --quiet -r requirements-hub.txt
	@chmod -R a+rX $(HUB_TOOLS)/venv && touch $@

$(HUB_TOOLS)/node/.installed:
	@mkdir -p $(HUB_TOOLS)/node
	npm install --silent --no-fund --no-audit --prefix $(HUB_TOOLS)/node configurable-http-proxy@5
	@chmod -R a+rX $(HUB_TOOLS)/node && touch $@

bench: $(STAMP)
	$(BIN)/python -m bench

lessons: $(STAMP)
	$(BIN)/python -m medialit.lessons build
	$(BIN)/python -m medialit.instructor.notebook build

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info src/*.egg-info
