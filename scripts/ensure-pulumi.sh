#!/usr/bin/env bash
# Makes a Pulumi CLI available and prints the folder that holds bin/pulumi (the PULUMI_ROOT).
#
# Order: a recent v3 `pulumi` on PATH; else a cached build in $PULUMI_CACHE_ROOT; else a build from
# Go modules (the only offline way on machines without Pulumi's installer), cached for next time.
# The language host (pulumi-language-nodejs) is built too when the module proxy can serve it, so
# plain `pulumi up` works in a project folder; without it the Automation API inline programs work.
#
# All progress goes to stderr; stdout is only the root folder, so callers can do
#   PULUMI_ROOT="$(bash scripts/ensure-pulumi.sh)"
#
# --no-build: only look (PATH, then the cache); exit 1 with instructions when nothing is there.
# The test harness uses this so a test run never starts a multi-minute build by itself.
set -euo pipefail

NO_BUILD=""
for arg in "$@"; do
  case "$arg" in
    --no-build) NO_BUILD=1 ;;
    *) echo "usage: bash scripts/ensure-pulumi.sh [--no-build]" >&2; exit 2 ;;
  esac
done

PULUMI_VERSION="${PULUMI_BUILD_VERSION:-v3.274.1}"
CACHE_BASE="${XDG_CACHE_HOME:-$HOME/.cache}"
PULUMI_CACHE_ROOT="${PULUMI_CACHE_ROOT:-$CACHE_BASE/pulumi-realtimekit/pulumi-cli/$PULUMI_VERSION}"
BUILD_DIR="${PULUMI_BUILD_DIR:-$CACHE_BASE/pulumi-realtimekit/pulumi-cli-build}"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAMP="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"

log() { echo "[ensure-pulumi] $*" >&2; }

# The dynamic-provider plugin is a script inside @pulumi/pulumi; the engine looks for it on PATH,
# then next to the pulumi binary. Link it into a root's bin folder when that folder is writable.
# A working link (possibly into another checkout: the script is the same everywhere, it resolves
# @pulumi/pulumi from its working folder) is left alone; a missing or dangling one is replaced.
# The test harness and the demo also put node_modules/@pulumi/pulumi on PATH, so they never
# depend on this link.
link_dynamic_provider_plugin() {
  local bin_dir="$1"
  local plugin="$REPO_DIR/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  local link="$bin_dir/pulumi-resource-pulumi-nodejs"
  if [[ -x "$link" ]]; then
    return 0
  fi
  if [[ -x "$plugin" && -w "$bin_dir" ]]; then
    ln -sfn "$plugin" "$link"
  fi
}

is_recent_v3() {
  local version
  version="$("$1" version 2>/dev/null | tr -d '[:space:]')" || return 1
  [[ "$version" =~ ^v3\.([0-9]+)\. ]] && (( BASH_REMATCH[1] >= 181 ))
}

# 1. A pulumi already on PATH.
if [[ -z "${PULUMI_IGNORE_PATH_CLI:-}" ]] && command -v pulumi >/dev/null 2>&1; then
  ambient="$(command -v pulumi)"
  if PULUMI_SKIP_UPDATE_CHECK=true is_recent_v3 "$ambient"; then
    root="$(cd "$(dirname "$(readlink -f "$ambient")")/.." && pwd)"
    log "using pulumi on PATH: $ambient ($(PULUMI_SKIP_UPDATE_CHECK=true "$ambient" version))"
    echo "$root"
    exit 0
  fi
  log "ignoring $ambient: not a recent v3 CLI"
fi

# 2. A cached build.
if [[ -x "$PULUMI_CACHE_ROOT/bin/pulumi" ]] \
  && [[ "$(PULUMI_SKIP_UPDATE_CHECK=true "$PULUMI_CACHE_ROOT/bin/pulumi" version 2>/dev/null)" == "$PULUMI_VERSION" ]]; then
  link_dynamic_provider_plugin "$PULUMI_CACHE_ROOT/bin"
  log "using cached build: $PULUMI_CACHE_ROOT/bin/pulumi ($PULUMI_VERSION)"
  echo "$PULUMI_CACHE_ROOT"
  exit 0
fi

if [[ -n "$NO_BUILD" ]]; then
  cat >&2 <<MSG
[ensure-pulumi] No Pulumi CLI found (not on PATH, not in $PULUMI_CACHE_ROOT).
Run \`bash scripts/ensure-pulumi.sh\` once to build $PULUMI_VERSION from Go modules (or install Pulumi:
https://www.pulumi.com/docs/iac/download-install/), then run the tests again.
MSG
  exit 1
fi

# 3. Build from Go modules.
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
[ensure-pulumi] No Pulumi CLI found and Go is not installed, so it cannot be built here.
Install Pulumi (https://www.pulumi.com/docs/iac/download-install/), e.g.
    curl -fsSL https://get.pulumi.com | sh
and put it on PATH, or install Go >= 1.24 and run this script again to build $PULUMI_VERSION.
MSG
  exit 1
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
mkdir -p "$BUILD_DIR/cli" "$PULUMI_CACHE_ROOT/bin"
# Two runs building at once (e.g. `npm test` and `npm run demo` in two terminals) would share the
# wrapper module folder; the second waits for the first, then finds its result in the cache.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$BUILD_DIR/.lock"
  flock 9
  if [[ -x "$PULUMI_CACHE_ROOT/bin/pulumi" ]] \
    && [[ "$(PULUMI_SKIP_UPDATE_CHECK=true "$PULUMI_CACHE_ROOT/bin/pulumi" version 2>/dev/null)" == "$PULUMI_VERSION" ]]; then
    link_dynamic_provider_plugin "$PULUMI_CACHE_ROOT/bin"
    log "using build finished by a concurrent run: $PULUMI_CACHE_ROOT/bin/pulumi"
    echo "$PULUMI_CACHE_ROOT"
    exit 0
  fi
fi
started=$(date +%s)
log "building pulumi $PULUMI_VERSION from Go modules in $BUILD_DIR (first time only; about 4 minutes on 2 cores, longer on a slow network)"
(
  cd "$BUILD_DIR/cli"
  [[ -f go.mod ]] || go mod init local.invalid/pulumi-cli-build >&2
  go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" >&2
  go get "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" >&2
  go mod tidy >&2
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w $STAMP" \
    -o "$PULUMI_CACHE_ROOT/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  mv "$PULUMI_CACHE_ROOT/bin/pulumi.tmp" "$PULUMI_CACHE_ROOT/bin/pulumi"
)
log "pulumi built in $(( $(date +%s) - started ))s: $(PULUMI_SKIP_UPDATE_CHECK=true "$PULUMI_CACHE_ROOT/bin/pulumi" version)"

# The language host is an untagged module: require it at the commit of the pkg tag built above.
# A marker remembers that the proxy could not serve it, so later runs do not ask again.
if [[ ! -x "$PULUMI_CACHE_ROOT/bin/pulumi-language-nodejs" && ! -f "$PULUMI_CACHE_ROOT/language-host-unavailable" ]]; then
  host_started=$(date +%s)
  if (
    mkdir -p "$BUILD_DIR/language-host" && cd "$BUILD_DIR/language-host"
    [[ -f go.mod ]] || go mod init local.invalid/pulumi-language-nodejs-build >&2
    commit="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" \
      | sed -n 's/.*"Hash": *"\([0-9a-f]\{40\}\)".*/\1/p' | head -n1)"
    [[ -n "$commit" ]] || { log "module proxy gave no commit hash for pkg/v3@$PULUMI_VERSION"; exit 1; }
    go get -tool "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$commit" >&2
    go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" >&2
    go mod tidy >&2
    go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w $STAMP" \
      -o "$PULUMI_CACHE_ROOT/bin/pulumi-language-nodejs" \
      github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 >&2
  ); then
    log "pulumi-language-nodejs built in $(( $(date +%s) - host_started ))s"
  else
    log "could not build pulumi-language-nodejs; Automation API inline programs still work"
    date -u +%FT%TZ > "$PULUMI_CACHE_ROOT/language-host-unavailable"
  fi
fi

link_dynamic_provider_plugin "$PULUMI_CACHE_ROOT/bin"
echo "$PULUMI_CACHE_ROOT"
