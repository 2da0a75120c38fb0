# Sourced by scripts/test.sh and scripts/demo.sh: installs what is missing, builds, and makes the
# Pulumi CLI available. Leaves PULUMI_ROOT exported for the Automation API (scripts/lib/offlineEngine.ts).
# Expects to run from the repository root with `set -euo pipefail`.

if [[ ! -f node_modules/.package-lock.json ]]; then
  echo "[prepare] node_modules is missing: npm ci" >&2
  npm ci
elif [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[prepare] package-lock.json changed since the last install: npm ci" >&2
  npm ci
fi

echo "[prepare] npm run build" >&2
npm run --silent build >&2

PULUMI_ROOT="$(bash scripts/ensure-pulumi.sh)"
export PULUMI_ROOT
