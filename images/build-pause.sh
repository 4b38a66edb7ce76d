#!/usr/bin/env bash
# Builds the pod sandbox image locally: a static C binary in a scratch image, tagged as the pause image that
# kubelet 1.33 / containerd expect (containerd's sandbox_image is set to PAUSE_IMAGE by e2e/cluster/cluster.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
PAUSE_IMAGE=${PAUSE_IMAGE:-registry.k8s.io/pause:3.10}
ensure_dockerd
if [ "${1:-}" != "--force" ] && have_image "$PAUSE_IMAGE"; then echo "pause image $PAUSE_IMAGE present"; exit 0; fi
ctx=$(mktemp -d); trap 'rm -rf "$ctx"' EXIT
gcc -Os -static -Wall -o "$ctx/pause" "$here/pause/pause.c"
strip "$ctx/pause"
cp "$here/pause/Dockerfile" "$ctx/"
"$DOCKER" build -q -t "$PAUSE_IMAGE" "$ctx" >/dev/null
echo "pause image: $PAUSE_IMAGE"
