#!/usr/bin/env bash
# Imports local Docker images into the node's containerd (namespace k8s.io) so pods with
# imagePullPolicy: IfNotPresent (or Never) use them:  images/load.sh redis:7.0.15 rfg/operator:dev ...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
# the cluster's own containerd (e2e/cluster/cluster.sh); CONTAINERD_ADDRESS=/run/containerd/containerd.sock targets a system one
CONTAINERD_SOCK=${CONTAINERD_SOCK:-${CONTAINERD_ADDRESS:-/run/rfg-cluster/containerd.sock}}
[ $# -gt 0 ] || { echo "usage: $0 <image:tag>..." >&2; exit 2; }
ensure_dockerd
[ -S "$CONTAINERD_SOCK" ] || { echo "no containerd at $CONTAINERD_SOCK (is the cluster up? e2e/cluster/cluster.sh up)" >&2; exit 1; }
start=$(date +%s)
for img in "$@"; do have_image "$img" || { echo "image $img not in the local Docker engine" >&2; exit 1; }; done
"$DOCKER" save "$@" | ctr --address "$CONTAINERD_SOCK" -n k8s.io images import - >/dev/null
echo "loaded into containerd (k8s.io): $* ($(( $(date +%s) - start ))s)"
