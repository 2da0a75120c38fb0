#!/usr/bin/env bash
# Makes actionlint (the linter of GitHub Actions workflow files) available and prints its path.
#
# Order: the cached build in $CACHE_BASE/actionlint/<version>; else a build from the Go module proxy
# (`go install github.com/rhysd/actionlint/cmd/actionlint@<version>`), cached for next time, like the
# Pulumi binaries of ensure-pulumi.sh. Progress goes to stderr, one line; the raw build output is in
# $RTK_LOG_DIR (see steps.sh) and printed only when the build fails. Stdout is only the binary's path:
#   ACTIONLINT="$(bash scripts/ensure-actionlint.sh)"
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE_BASE="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-realtimekit"
BIN_DIR="$CACHE_BASE/actionlint/$ACTIONLINT_VERSION"
BINARY="$BIN_DIR/actionlint"

STEP_PREFIX=ensure-actionlint
# shellcheck source=steps.sh
source "$REPO_DIR/scripts/steps.sh"

if [[ -x "$BINARY" && "$("$BINARY" -version 2>/dev/null | head -n 1)" == "$ACTIONLINT_VERSION" ]]; then
  echo "$BINARY"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "[ensure-actionlint] actionlint $ACTIONLINT_VERSION is not in $BIN_DIR and Go is not installed, so it cannot be built here: install Go >= 1.24 and run this script again." >&2
  exit 1
fi
mkdir -p "$BIN_DIR"
step "build actionlint $ACTIONLINT_VERSION from the Go module proxy" \
  env GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
echo "$BINARY"
