#!/usr/bin/env bash
# Checks every GitHub Actions workflow file of the repository (.github/workflows and the examples'
# own, e.g. examples/gitops/.github/workflows) with actionlint (scripts/ensure-actionlint.sh).
# Fails when actionlint finds something, cannot be had, or no workflow file is found. shellcheck and
# pyflakes are switched off so the verdict is the same on every machine, whatever is on its PATH.
# `npm test` runs it as part of its lint step (scripts/run.sh --lint).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
actionlint="$(bash scripts/ensure-actionlint.sh)"
mapfile -t files < <(find . -path ./node_modules -prune -o -path '*/node_modules' -prune -o \
  -path '*/.github/workflows/*' \( -name '*.yml' -o -name '*.yaml' \) -print | sort)
if (( ${#files[@]} == 0 )); then
  echo "lint-workflows: no workflow file found under .github/workflows or examples/*/.github/workflows" >&2
  exit 1
fi
"$actionlint" -shellcheck= -pyflakes= "${files[@]}"
echo "actionlint: ${#files[@]} workflow files checked (${files[*]})"
