#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, makes the Pulumi CLI available (building it from Go
# modules the first time), then runs the whole mocha suite: unit, emulator, conformance and the
# real-engine tests under test/engine. Extra arguments go to mocha, e.g.
#   npm test -- test/engine/lifecycle.spec.ts
# mocha's exit code is the script's exit code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prepare.sh

started=$(date +%s)
status=0
node_modules/.bin/mocha "$@" || status=$?
echo "[test] mocha finished in $(( $(date +%s) - started ))s with exit code $status" >&2
exit "$status"
