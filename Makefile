# The two commands of the README's quick start, plus the pieces they are made of.
.PHONY: start test setup stop diagrams e2e bench

start: ## install what is missing, then serve the portal on http://localhost:3000
	@scripts/start.sh

test: ## every check: types, lint, unit, docs, diagrams, browser tests, PostgreSQL path
	@scripts/test.sh

setup: ## install Node 22, yarn deps, the TechDocs venv, cue, Chromium/PostgreSQL/Mosquitto
	@scripts/setup.sh

stop: ## stop the portal that scripts/portal.sh started for tests
	@scripts/portal.sh stop

diagrams: ## render docs/diagrams/*.mmd to docs/assets/diagrams/*.svg
	@bash -c 'source scripts/lib.sh && node scripts/diagrams.mjs'

e2e: ## build the app, serve it from the backend on :7007 and run the browser tests
	@bash -c 'source scripts/lib.sh && yarn workspace app build >/dev/null' && scripts/e2e.sh

bench: ## print the portal's start-up, docs build and memory figures
	@bash -c 'source scripts/lib.sh && bench/portal.sh'
