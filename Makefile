# Two commands do all the set-up on a fresh machine:
#   make run   -> .venv with the runtime lock, index the shipped seeds, open the reader
#   make test  -> .venv-test with the test lock, run the test suite
PYTHON ?= python3
VENV ?= .venv
TEST_VENV ?= .venv-test
SIZE ?= 10000
# The reader's index for `make run` lives in the user data dir unless NEWSDESK_INDEX is set.
PIP_FLAGS ?= --disable-pip-version-check --quiet

.PHONY: run test bench eval lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_FLAGS) --require-hashes -r requirements.lock
	$(VENV)/bin/pip install $(PIP_FLAGS) --no-deps --no-build-isolation -e .
	touch $@

$(TEST_VENV)/.installed: requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/pip install $(PIP_FLAGS) --require-hashes -r requirements-dev.lock
	$(TEST_VENV)/bin/pip install $(PIP_FLAGS) --no-deps --no-build-isolation -e .
	touch $@

run: $(VENV)/.installed
	@# byte-compile our modules as a regular (non-editable) install would: ~100 ms off each start
	$(VENV)/bin/python -m compileall -q index tui >/dev/null
	$(VENV)/bin/newsdesk index seeds/
	$(VENV)/bin/newsdesk

test: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

bench: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/python -m benchmarks.run --size $(SIZE) $(BENCH_ARGS)

eval: $(TEST_VENV)/.installed
	$(TEST_VENV)/bin/python -m benchmarks.eval_extraction

# Regenerate the hash-pinned lock files (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --universal -o requirements.lock
	uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --universal -o requirements-dev.lock

clean:
	rm -rf $(VENV) $(TEST_VENV) .pytest_cache benchmarks/results/latest.json
