#!/usr/bin/env bash
# Builds rfg-toolbox:latest (curl, dig, nc, ip, redis-cli on debian:bookworm-slim) for tests and debugging.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
TAG=${TOOLBOX_IMAGE:-rfg-toolbox:latest}
ensure_dockerd
"$here/build-base.sh" >/dev/null
if [ "${1:-}" != "--force" ] && have_image "$TAG"; then echo "toolbox image $TAG present"; exit 0; fi
"$DOCKER" build -q --network host -t "$TAG" "$here/toolbox" >/dev/null
echo "toolbox image: $TAG"
