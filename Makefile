# The two commands of the README's quick start, plus the pieces they are made of.
.PHONY: start test setup stop diagrams e2e bench

start: ## install what is missing, then serve the portal on http://localhost:3000
	@scripts/start.sh

test: ## every check: types, lint, unit, docs, diagrams, browser tests, PostgreSQL path
	@scripts/test.sh

setup: ## install or build what the portal and the tests need (Node 22, yarn deps, venvs, Go tools, Kafka, apt packages as root; README: Requirements)
	@scripts/setup.sh

stop: ## stop the portal that scripts/portal.sh started for tests
	@scripts/portal.sh stop

diagrams: ## render docs/diagrams/*.mmd to docs/assets/diagrams/*.svg
	@bash -c 'source scripts/lib.sh && node scripts/diagrams.mjs'

e2e: ## build the app, serve it from the backend on :7007 and run the browser tests
	@bash -c 'source scripts/lib.sh && yarn workspace app build >/dev/null' && scripts/e2e.sh

bench: ## print every benchmark's figures (bench/README.md says what each measures)
	@bash -c 'source scripts/lib.sh && set -e \
	  && echo "== portal" && bench/portal.sh \
	  && echo "== platform render" && node --require @backstage/cli/config/nodeTransform.cjs bench/platform-render.ts \
	  && echo "== validate against cue vet" && node --require @backstage/cli/config/nodeTransform.cjs bench/validate.ts \
	  && echo "== local runtime data path" && node --require @backstage/cli/config/nodeTransform.cjs bench/local-runtime.ts \
	  && echo "== configuration reference" && bench/reference-generate.sh \
	  && echo "== entity card" && node bench/card-render.mjs \
	  && echo "== catalog module" && node --require @backstage/cli/config/nodeTransform.cjs bench/catalog-ingest.ts'
