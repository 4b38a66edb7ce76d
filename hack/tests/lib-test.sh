#!/usr/bin/env bash
# Tests of hack/lib.sh's `step` and `on_exit`, and a check that no script of the project calls `step` where bash
# would switch `set -e` off (the bare-machine `make demo` bug: a failing command inside a step's shell function
# was ignored because the step ran it inside `if`). Prints "N passed, N failed"; exits 1 on any failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

# run_script BODY: runs BODY as a script that sources lib.sh; leaves rc, out, err
run_script() {
  printf '#!/usr/bin/env bash\nset -euo pipefail\n. %q/hack/lib.sh\n%s\n' "$ROOT" "$1" > "$tmp/s.sh"
  bash "$tmp/s.sh" > "$tmp/out" 2> "$tmp/err"; rc=$?
  out=$(cat "$tmp/out"); err=$(cat "$tmp/err")
}
has() { grep -qF -- "$2" <<<"$1"; }

run_script 'work() { false; echo "after the failing command"; }
step "first" work
echo "after the step"'
check "a failing command inside a step's function stops the script" [ "$rc" = 1 ]
check "  ... before the function's next command" eval '! has "$out" "after the failing command"'
check "  ... before the script's next command" eval '! has "$out" "after the step"'
check "  ... naming the step" has "$err" "!!! first failed"

run_script 'step "missing command" no-such-command-rfg
echo "after"'
check "a step whose command does not exist stops the script with its name" \
  eval '[ "$rc" = 127 ] && has "$err" "!!! missing command failed" && ! has "$out" after'

run_script 'inner() { false; }
outer() { step "inner step" inner; echo "after inner"; }
step "outer step" outer'
check "a failing nested step is named, and the outer step goes no further" \
  eval '[ "$rc" = 1 ] && has "$err" "!!! inner step failed" && ! has "$out" "after inner"'

run_script 'set_state() { STATE=changed; }
STATE=initial
step "state" set_state
echo "state=$STATE"
print_timings'
check "a step's function runs in the script's shell (its variables stay set)" has "$out" "state=changed"
check "a finished step is timed" eval 'has "$out" "<== state (" && has "$out" "---- timings ----"'

run_script 'on_exit echo "cleanup ran"
step "fails" false'
check "on_exit commands run after a failed step" eval '[ "$rc" = 1 ] && has "$out" "cleanup ran"'

run_script 'on_exit echo "cleanup ran"
on_exit_clear
step "works" true'
check "on_exit_clear forgets the commands" eval '[ "$rc" = 0 ] && ! has "$out" "cleanup ran"'

run_script 'set +e
step "no errexit" true'
check "step refuses a script without set -e" eval '[ "$rc" = 2 ] && has "$err" "must run with set -e"'

# Every script that uses step: step as a statement only, never as a condition or in a pipeline.
bad=$(cd "$ROOT" && grep -rnE '(\bif|\bwhile|\buntil|\|\||&&|!)[[:space:]]+step[[:space:]]|step[[:space:]].*\|[^|]' \
  --include='*.sh' hack e2e/cluster images e2e/bin .ci 2>/dev/null | grep -v '^hack/tests/' || true)
check "no script calls step inside a condition${bad:+: $bad}" [ -z "$bad" ]
users=$(cd "$ROOT" && grep -rlE '^[[:space:]]*step[[:space:]]' hack e2e/cluster images e2e/bin .ci 2>/dev/null | grep -v '^hack/tests/')
for f in $users; do
  check "$f runs with set -e" grep -qE '^set -[a-z]*e' "$ROOT/$f"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
