#!/usr/bin/env bash
# `npm run demo`: installs what is missing, builds, makes the Pulumi CLI available, then deploys the
# root Pulumi project to the local RealtimeKit emulator (see scripts/demo.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prepare.sh
exec node -r ts-node/register/transpile-only scripts/demo.ts
