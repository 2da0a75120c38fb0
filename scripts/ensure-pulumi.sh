#!/usr/bin/env bash
# Makes the Pulumi CLI, its Node.js language host and its YAML language host available (and, when
# asked, its Go, Python and .NET language hosts) and prints the folder that holds bin/pulumi (the
# PULUMI_ROOT). `pulumi up` in a project folder needs the CLI and the program's language host
# (`pulumi-language-nodejs`, `pulumi-language-yaml` for a Pulumi YAML program, `pulumi-language-go`
# for a Go one); the Node.js host also runs this package's provider plugin, and
# `pulumi package add` / `gen-sdk` need the host of the SDK's language (it holds the generator).
#
# Order: a recent v3 `pulumi` on PATH; else a cached build in $PULUMI_CACHE_ROOT; else a build from
# Go modules (the only offline way on machines without Pulumi's installer), cached for next time.
# A `pulumi` without a language host beside it (a normal install has them all) gets it built:
# pulumi-language-<lang> for nodejs, go, python and dotnet from the host's source folder,
# $PULUMI_LANGUAGE_<LANG>_SRC (default ../shared/pulumi-language-<lang> beside the checkout: Pulumi's
# Go module proxy does not serve these hosts), each with its build.sh; `pulumi-language-yaml`
# $PULUMI_LANGUAGE_YAML_VERSION from the Go module proxy (`go install`). Each host built is one
# progress line; a host already there (beside an installed `pulumi`, or in the cache) is used as is.
# Where neither can be done, the script says why and fails.
#
# Progress goes to stderr, one line per step; the raw build output is in $RTK_LOG_DIR (see
# steps.sh) and printed only when a step fails. Stdout is only the root folder, so callers can do
#   PULUMI_ROOT="$(bash scripts/ensure-pulumi.sh)"
#
# --no-build: only look (PATH, then the cache); exit 1 with instructions when something is missing.
# The test harness uses this so a test run never starts a multi-minute build by itself.
# --languages go,python,dotnet: the language hosts wanted besides nodejs and yaml (the tests need
# all three; the demo none).
set -euo pipefail

usage() { echo "usage: bash scripts/ensure-pulumi.sh [--no-build] [--languages go,python,dotnet]" >&2; exit 2; }
NO_BUILD=""
EXTRA_LANGUAGES=()
while (( $# > 0 )); do
  case "$1" in
    --no-build) NO_BUILD=1 ;;
    --languages)
      (( $# > 1 )) || usage
      IFS=, read -r -a EXTRA_LANGUAGES <<<"$2"
      shift
      ;;
    *) usage ;;
  esac
  shift
done
for lang in "${EXTRA_LANGUAGES[@]}"; do
  [[ "$lang" =~ ^(go|python|dotnet)$ ]] || { echo "[ensure-pulumi] unknown language host: $lang (go, python or dotnet)" >&2; exit 2; }
done
# Every language host the root must have, the source-built ones first.
SOURCE_HOSTS=(nodejs "${EXTRA_LANGUAGES[@]}")
HOSTS=("${SOURCE_HOSTS[@]/#/pulumi-language-}" pulumi-language-yaml)

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PULUMI_VERSION="${PULUMI_BUILD_VERSION:-v3.274.1}"
CACHE_BASE="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-realtimekit"
PULUMI_CACHE_ROOT="${PULUMI_CACHE_ROOT:-$CACHE_BASE/pulumi-cli/$PULUMI_VERSION}"
BUILD_DIR="${PULUMI_BUILD_DIR:-$CACHE_BASE/pulumi-cli-build}"
STAMP="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
PULUMI_LANGUAGE_YAML_VERSION="${PULUMI_LANGUAGE_YAML_VERSION:-v1.25.0}"

STEP_PREFIX=ensure-pulumi
# shellcheck source=steps.sh
source "$REPO_DIR/scripts/steps.sh"
log() { echo "[ensure-pulumi] $*" >&2; }

# The dynamic-provider plugin is a script inside @pulumi/pulumi; the engine looks for it on PATH,
# then next to the pulumi binary. Link it into a root's bin folder when that folder is writable.
# A working link (possibly into another checkout: the script resolves @pulumi/pulumi from its
# working folder) is left alone. The test harness also puts node_modules/@pulumi/pulumi on PATH.
link_dynamic_provider_plugin() {
  local bin_dir="$1"
  local plugin="$REPO_DIR/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  local link="$bin_dir/pulumi-resource-pulumi-nodejs"
  if [[ ! -x "$link" && -x "$plugin" && -w "$bin_dir" ]]; then
    ln -sfn "$plugin" "$link"
  fi
}

is_recent_v3() {
  local version
  version="$(PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null | tr -d '[:space:]')" || return 1
  [[ "$version" =~ ^v3\.([0-9]+)\. ]] && (( BASH_REMATCH[1] >= 181 ))
}

cached_cli_ok() {
  [[ -x "$PULUMI_CACHE_ROOT/bin/pulumi" ]] \
    && [[ "$(PULUMI_SKIP_UPDATE_CHECK=true "$PULUMI_CACHE_ROOT/bin/pulumi" version 2>/dev/null)" == "$PULUMI_VERSION" ]]
}

need_go() {
  if ! command -v go >/dev/null 2>&1; then
    cat >&2 <<MSG
[ensure-pulumi] $1 is missing and Go is not installed, so it cannot be built here.
Install Pulumi (https://www.pulumi.com/docs/iac/download-install/), which brings the CLI and its
language hosts, and put it on PATH; or install Go >= 1.24 and run this script again.
MSG
    exit 1
  fi
}

no_build_hint() {
  local again="bash scripts/ensure-pulumi.sh"
  (( ${#EXTRA_LANGUAGES[@]} > 0 )) && again+=" --languages $(IFS=,; echo "${EXTRA_LANGUAGES[*]}")"
  cat >&2 <<MSG
[ensure-pulumi] $1
Run \`$again\` once (builds what is missing from Go modules, a few minutes),
or install Pulumi (https://www.pulumi.com/docs/iac/download-install/), then run the tests again.
MSG
  exit 1
}

# Builds pulumi-language-$1 (nodejs, go, python or dotnet) into $2 unless it is there already, with
# the build.sh of its source folder: $PULUMI_LANGUAGE_<LANG>_SRC, default ../shared beside the checkout.
ensure_source_host() {
  local lang="$1" bin_dir="$2"
  local host="pulumi-language-$lang"
  local variable="PULUMI_LANGUAGE_${lang^^}_SRC"
  local src="${!variable:-$REPO_DIR/../shared/$host}"
  [[ -x "$bin_dir/$host" ]] && return 0
  [[ -n "$NO_BUILD" ]] && no_build_hint "No $host next to $bin_dir/pulumi."
  if [[ ! -f "$src/build.sh" ]]; then
    cat >&2 <<MSG
[ensure-pulumi] The Pulumi CLI in $bin_dir has no $host, and its source is not at $src (set
$variable to the folder holding build.sh). Install Pulumi the usual way
(https://www.pulumi.com/docs/iac/download-install/), which includes it.
MSG
    exit 1
  fi
  need_go "$host"
  mkdir -p "$bin_dir"
  GOTOOLCHAIN=local step "build $host" bash "$src/build.sh" "$bin_dir"
}

# Builds pulumi-language-yaml into $1 unless it is there already (about 4 minutes on 2 cores with
# empty Go caches, seconds with warm ones).
ensure_yaml_language_host() {
  local bin_dir="$1"
  [[ -x "$bin_dir/pulumi-language-yaml" ]] && return 0
  [[ -n "$NO_BUILD" ]] && no_build_hint "No pulumi-language-yaml next to $bin_dir/pulumi."
  need_go "pulumi-language-yaml"
  mkdir -p "$bin_dir"
  build_yaml_host() (
    GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$bin_dir" \
      go install -trimpath -ldflags "-s -w" "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$PULUMI_LANGUAGE_YAML_VERSION"
  )
  step "build pulumi-language-yaml $PULUMI_LANGUAGE_YAML_VERSION" build_yaml_host
}

# The language hosts a root needs beside its pulumi, and the dynamic-provider plugin.
ensure_companions() {
  local lang
  for lang in "${SOURCE_HOSTS[@]}"; do
    ensure_source_host "$lang" "$1"
  done
  ensure_yaml_language_host "$1"
  link_dynamic_provider_plugin "$1"
}

# 1. A pulumi already on PATH. If it has no language host beside it, the root becomes a folder of
#    our cache whose bin/ links that pulumi and holds a language host built for it (callers put
#    <root>/bin first on PATH, where the engine finds the host).
if [[ -z "${PULUMI_IGNORE_PATH_CLI:-}" ]] && command -v pulumi >/dev/null 2>&1; then
  ambient="$(command -v pulumi)"
  if is_recent_v3 "$ambient"; then
    ambient_bin="$(dirname "$(readlink -f "$ambient")")"
    missing=""
    for host in "${HOSTS[@]}"; do
      [[ -x "$ambient_bin/$host" ]] || missing=1
    done
    if [[ -z "$missing" ]]; then
      log "using pulumi on PATH: $ambient ($(PULUMI_SKIP_UPDATE_CHECK=true "$ambient" version))"
      link_dynamic_provider_plugin "$ambient_bin"
      dirname "$ambient_bin"
      exit 0
    fi
    root="$CACHE_BASE/ambient-pulumi"
    mkdir -p "$root/bin"
    ln -sfn "$(readlink -f "$ambient")" "$root/bin/pulumi"
    # (pulumi-language-python runs programs through the script of that name beside it.)
    for host in "${HOSTS[@]}" pulumi-language-python-exec; do
      if [[ -x "$ambient_bin/$host" && ! -e "$root/bin/$host" ]]; then
        ln -sfn "$ambient_bin/$host" "$root/bin/$host"
      fi
    done
    ensure_companions "$root/bin"
    log "using pulumi on PATH: $ambient, with the language hosts in $root/bin"
    echo "$root"
    exit 0
  fi
  log "ignoring $ambient: not a recent v3 CLI"
fi

# 2. A cached build.
if cached_cli_ok; then
  ensure_companions "$PULUMI_CACHE_ROOT/bin"
  log "using cached build: $PULUMI_CACHE_ROOT/bin/pulumi ($PULUMI_VERSION)"
  echo "$PULUMI_CACHE_ROOT"
  exit 0
fi

[[ -n "$NO_BUILD" ]] && no_build_hint "No Pulumi CLI found (not on PATH, not in $PULUMI_CACHE_ROOT)."

# 3. Build from Go modules.
need_go "The Pulumi CLI"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
mkdir -p "$BUILD_DIR/cli" "$PULUMI_CACHE_ROOT/bin"
# Two runs building at once (e.g. `npm test` and `npm run demo` in two terminals) would share the
# wrapper module folder; the second waits for the first, then finds its result in the cache.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$BUILD_DIR/.lock"
  flock 9
fi
if ! cached_cli_ok; then
  log "building pulumi $PULUMI_VERSION from Go modules (first time only: about 7 minutes on 2 cores with empty Go caches, under a minute with warm ones)"
  build_cli() (
    cd "$BUILD_DIR/cli"
    [[ -f go.mod ]] || go mod init local.invalid/pulumi-cli-build
    go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION"
    go get "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
    go mod tidy
    go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w $STAMP" \
      -o "$PULUMI_CACHE_ROOT/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    mv "$PULUMI_CACHE_ROOT/bin/pulumi.tmp" "$PULUMI_CACHE_ROOT/bin/pulumi"
  )
  step "build pulumi $PULUMI_VERSION" build_cli
fi
ensure_companions "$PULUMI_CACHE_ROOT/bin"
echo "$PULUMI_CACHE_ROOT"
