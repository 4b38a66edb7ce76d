#!/usr/bin/env bash
# The README's first command: a running RedisFailoverGroup on a local cluster.
#   - uses the current kube context when it answers (RFG_USE_CONTEXT=0 forces the local cluster), else brings up
#     the local single-node cluster of e2e/cluster/cluster.sh (built from Go modules, cached);
#   - builds the images and, on the local cluster, imports them (another cluster needs them in a registry:
#     set RFG_IMAGE_REGISTRY and push rfg/operator and rfg/sentinel there first);
#   - installs the chart, applies examples/basic.yaml, waits for Ready with progress, shows how to connect.
# Running it again changes nothing that works.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$RFG_ROOT"
NS=${RFG_DEMO_NAMESPACE:-default}
local_cluster=false

# use_context: true when the current kube context answers and is not the local cluster's.
use_context() {
  local server
  server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}' 2>/dev/null || true)
  [ "${RFG_USE_CONTEXT:-1}" = 1 ] && [ -n "$server" ] && [ "$server" != "https://127.0.0.1:6443" ] \
    && kubectl version --request-timeout=5s >/dev/null 2>&1
}

local_cluster_up() {
  eval "$(e2e/cluster/cluster.sh env)"
  if e2e/cluster/cluster.sh status >/dev/null 2>&1; then
    echo "the local cluster is already up"
  else
    e2e/cluster/cluster.sh up
  fi
}

install_chart() {
  local args=(upgrade --install rfg helm/rfg-operator --namespace rfg-system --create-namespace --wait --timeout 5m)
  if [ -n "${RFG_IMAGE_REGISTRY:-}" ]; then
    args+=(--set "image.repository=$RFG_IMAGE_REGISTRY/rfg/operator" --set "sentinelImage.repository=$RFG_IMAGE_REGISTRY/rfg/sentinel")
  fi
  helm "${args[@]}"
}

wait_ready() {
  kubectl apply -n "$NS" -f examples/basic.yaml
  local last="" now deadline=$((SECONDS + 300))
  while [ $SECONDS -lt $deadline ]; do
    now=$(kubectl get rfg cache -n "$NS" -o jsonpath='{.status.phase} {.status.ready} {.status.message}' 2>/dev/null || true)
    if [ "$now" != "$last" ]; then echo "  cache: ${now:-(no status yet)}"; last=$now; fi
    if [ "$(kubectl get rfg cache -n "$NS" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]; then
      return 0
    fi
    sleep 2
  done
  echo "cache did not become Ready in 5 minutes; kubectl describe rfg cache -n $NS says:" >&2
  kubectl describe rfg cache -n "$NS" >&2 || true
  return 1
}

if command -v kubectl >/dev/null && use_context; then
  echo "using the current kube context: $(kubectl config current-context)"
  step "prerequisites (Debian packages for the image builds)" e2e/cluster/install-prereqs.sh images
  step "images" env RFG_SERVER_IMAGES=default hack/images.sh
else
  local_cluster=true
  step "prerequisites (Debian packages for the local cluster and the image builds)" e2e/cluster/install-prereqs.sh
  # hack/tests/prereqs-bare-test.sh runs this far in a bare Debian container
  if [ "${RFG_DEMO_STOP_AFTER:-}" = prerequisites ]; then exit 0; fi
  step "local cluster" local_cluster_up
  eval "$(e2e/cluster/cluster.sh env)"
  step "images" env RFG_SERVER_IMAGES=default hack/images.sh --load
fi
step "chart" install_chart
step "sample group" wait_ready
kubectl get rfg -n "$NS"
cat <<TXT

Connect from a pod in namespace $NS:
  master:    cache-master:6379         (password: kubectl get secret -n $NS \$(kubectl get rfg cache -n $NS -o jsonpath='{.status.authSecretName}') -o jsonpath='{.data.password}' | base64 -d)
  sentinels: cache-sentinel:26379, master name "cache"
$($local_cluster && echo "This shell's kubectl: eval \"\$(e2e/cluster/cluster.sh env)\"")
TXT
