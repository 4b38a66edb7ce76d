# Shared helpers for the hack/ scripts (bash). Source it from a script that runs with `set -euo pipefail`;
# it sets RFG_ROOT.
RFG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RFG_ROOT

# step NAME CMD...: runs CMD and prints how long it took; a failure anywhere in CMD stops the script with the
# step's name.
#
# CMD runs outside any `if`/`||`/`&&`: bash switches `set -e` off for everything called from a condition, so a
# failing command inside a shell function run as `if func` was ignored (a bare-machine `make demo` went on to the
# images after the cluster step had failed). Here `set -e` ends the script at the failing command, and the EXIT
# trap below names the step. Call `step` as a statement, never as a condition.
RFG_STEP=""
RFG_STEP_START=0
RFG_TIMINGS=()
RFG_ON_EXIT=()

_rfg_elapsed() { awk -v a="$RFG_STEP_START" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}'; }

step() {
  case $- in *e*) ;; *) echo "step: the calling script must run with set -e" >&2; exit 2 ;; esac
  local outer=$RFG_STEP outer_start=$RFG_STEP_START took
  RFG_STEP=$1; shift
  RFG_STEP_START=$EPOCHREALTIME
  echo "$(date +%H:%M:%S) ==> $RFG_STEP"
  "$@"
  took=$(_rfg_elapsed)
  RFG_TIMINGS+=("$(printf '%-44s %7ss' "$RFG_STEP" "$took")")
  echo "$(date +%H:%M:%S) <== $RFG_STEP (${took}s)"
  RFG_STEP=$outer RFG_STEP_START=$outer_start
}

# print_timings: how long each finished step took, in order.
print_timings() { local t; echo "---- timings ----"; for t in "${RFG_TIMINGS[@]}"; do echo "  $t"; done; }

# on_exit CMD...: runs CMD when the script ends, after the failed step (if any) is reported; last added, first run.
on_exit() { RFG_ON_EXIT=("$(printf '%q ' "$@")" "${RFG_ON_EXIT[@]}"); }
# on_exit_clear: forget every command registered with on_exit.
on_exit_clear() { RFG_ON_EXIT=(); }

_rfg_exit() {
  local rc=$? cmd
  if [ "$rc" != 0 ] && [ -n "$RFG_STEP" ]; then
    echo "!!! $RFG_STEP failed after $(_rfg_elapsed)s (exit $rc)" >&2
  fi
  for cmd in "${RFG_ON_EXIT[@]}"; do eval "$cmd" || true; done
  exit "$rc"
}
trap _rfg_exit EXIT

# apt_install PKG...: installs the Debian packages that are missing (needs root).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
    return 1
  fi
  echo "installing: ${missing[*]}"
  if [ ! -f /var/lib/apt/rfg-updated ] || [ -n "$(find /var/lib/apt/rfg-updated -mmin +720 2>/dev/null)" ]; then
    apt-get update -qq
    touch /var/lib/apt/rfg-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
