#!/usr/bin/env bash
# The README's test command: every tier that this machine can run.
#   unit + protocol + API-server tiers: ./mvnw verify (real redis-server processes, a real kube-apiserver)
#   cluster tier (-Pcluster): when a cluster is reachable through KUBECONFIG (e2e/cluster/cluster.sh up)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$RFG_ROOT"
step "test dependencies" hack/install-deps.sh
profiles=()
if [ -n "${KUBECONFIG:-}" ] && [ -f "$KUBECONFIG" ]; then
  profiles=(-Pcluster)
  echo "cluster tier on: KUBECONFIG=$KUBECONFIG"
else
  echo "cluster tier off: no KUBECONFIG (bring one up with e2e/cluster/cluster.sh up)"
fi
step "maven verify" ./mvnw -B -ntp verify "${profiles[@]}" "$@"
