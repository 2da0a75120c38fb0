# Sourced by the scripts that prepare a run: `step <label> <command…>` runs one step quietly.
#
# It prints one line to stderr when the step ends, e.g. `[prepare] npm ci … ok (18.2 s)`, and
# keeps the command's whole output in $RTK_LOG_DIR/<label>.log. When the step fails, that log is
# printed (its last 200 lines) before the script stops with the step's exit code, so a first run
# shows what happens without hundreds of lines of `go: downloading …` or compiler output.
#
# Expects `set -euo pipefail` in the caller. RTK_LOG_DIR defaults to <repo>/.logs.

RTK_LOG_DIR="${RTK_LOG_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.logs}"
export RTK_LOG_DIR

# The prefix of every line, e.g. `prepare`; set by the caller.
STEP_PREFIX="${STEP_PREFIX:-run}"

step() {
  local label="$1"
  shift
  mkdir -p "$RTK_LOG_DIR"
  local log="$RTK_LOG_DIR/${label//[^A-Za-z0-9._-]/-}.log"
  local started status=0
  started=$(date +%s%N)
  printf '[%s] %s …' "$STEP_PREFIX" "$label" >&2
  # In the background so that `set -e` still applies inside a shell function given as the command
  # (bash ignores it in anything run on the left of `||`).
  "$@" >"$log" 2>&1 </dev/null &
  wait $! || status=$?
  local tenths=$(( ($(date +%s%N) - started) / 100000000 ))
  local elapsed="$(( tenths / 10 )).$(( tenths % 10 )) s"
  if (( status == 0 )); then
    printf ' ok (%s)\n' "$elapsed" >&2
    return 0
  fi
  printf ' FAILED after %s (exit code %d); last lines of %s:\n' "$elapsed" "$status" "$log" >&2
  tail -n 200 "$log" | sed 's/^/    /' >&2
  return "$status"
}
