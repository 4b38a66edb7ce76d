#!/usr/bin/env bash
# A bare Debian 12 (the locally debootstrapped base image, nothing installed) runs `make demo`'s first part
# (hack/demo.sh up to its prerequisites step) and `install-prereqs.sh images`: each must end with every command
# the cluster and image scripts use present (a bare-machine `make demo` once stopped at "dockerd missing" because
# nothing installed the cluster's packages). Prints "N passed, N failed".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/images/lib.sh"
ensure_dockerd
"$ROOT/images/build-base.sh" >/dev/null
passed=0 failed=0
run_bare() {  # run_bare NAME SCRIPT: SCRIPT in a fresh container of the bare base, the repo read-only at /src
  local name=$1 script=$2 log
  log=$(mktemp)
  if "$DOCKER" run --rm --network host -e RFG_PREREQS_NO_GO=1 -e RFG_USE_CONTEXT=0 \
      -e RFG_DEMO_STOP_AFTER=prerequisites -v "$ROOT:/src:ro" debian:bookworm-slim \
      bash -c "cd /src && $script" > "$log" 2>&1; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name:"; tail -20 "$log"
  fi
  rm -f "$log"
}
run_bare "make demo installs the cluster's prerequisites on a bare Debian 12" \
  "hack/demo.sh && e2e/cluster/install-prereqs.sh check"
run_bare "install-prereqs.sh images on a bare Debian 12" \
  "e2e/cluster/install-prereqs.sh images"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
