#!/usr/bin/env bash
# The one wrapper behind `npm test`, `npm run demo`, `npm run test:engine` and `npm run reliability`:
# prepares the checkout, then runs the command given, e.g.
#   bash scripts/run.sh mocha --grep drift
#   bash scripts/run.sh --lint --languages go,python,dotnet mocha        (what `npm test` runs)
#
# Preparing, one line per step (raw output in .logs/, printed only when a step fails):
#   1. npm ci when node_modules is missing or older than package-lock.json;
#   2. npm run build (tsc, then the package copied into node_modules/pulumi-realtimekit);
#   2b. with --lint: npm run lint (tsc over the whole repository, tests and benchmarks included, then
#       eslint, then prettier --check), then actionlint over every workflow file
#       (scripts/lint-workflows.sh; actionlint built once from the Go module proxy and cached);
#   3. the Pulumi CLI and its Node.js and YAML language hosts, plus those that --languages names
#      (scripts/ensure-pulumi.sh: PATH, cache or a build from Go modules), exported as PULUMI_ROOT
#      for the tests and the demo.
# The command's exit code is the script's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lint=false
languages=()
while (( $# > 0 )); do
  case "$1" in
    --lint) lint=true; shift ;;
    --languages) languages=(--languages "${2:-}"); shift 2 || true ;;
    *) break ;;
  esac
done
(( $# > 0 )) || { echo "usage: bash scripts/run.sh [--lint] [--languages go,python,dotnet] <command> [args…]" >&2; exit 2; }

STEP_PREFIX=prepare
source scripts/steps.sh

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "npm ci" npm ci
fi
step "build" npm run --silent build
if $lint; then
  step "lint" npm run --silent lint
  bash scripts/ensure-actionlint.sh >/dev/null # one line of its own when it has to build actionlint
  step "actionlint (workflow files)" bash scripts/lint-workflows.sh
fi
PULUMI_ROOT="$(bash scripts/ensure-pulumi.sh "${languages[@]}")"
export PULUMI_ROOT
hosts="$(cd "$PULUMI_ROOT/bin" && ls -1 pulumi-language-* | grep -v -- -exec | paste -sd ' ')"
echo "[prepare] pulumi $(PULUMI_SKIP_UPDATE_CHECK=true "$PULUMI_ROOT/bin/pulumi" version) with $hosts in $PULUMI_ROOT/bin" >&2

started=$(date +%s)
status=0
PATH="$PWD/node_modules/.bin:$PATH" "$@" || status=$?
echo "[$(basename "$1")] finished in $(( $(date +%s) - started )) s with exit code $status" >&2
exit "$status"
