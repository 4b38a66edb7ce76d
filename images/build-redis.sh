#!/usr/bin/env bash
# Builds the Redis test image from Debian bookworm's redis-server on the local base image and tags it
#   redis:7.0.15 (the CRD default) and redis:<debian package version without epoch/revision>, plus redis:7.0, redis:7.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ensure_dockerd
"$here/build-base.sh" >/dev/null
REDIS_TAGS=(${REDIS_TAGS:-redis:7.0.15 redis:7.0 redis:7})
if [ "${1:-}" != "--force" ] && have_image "${REDIS_TAGS[0]}"; then echo "redis image ${REDIS_TAGS[0]} present"; exit 0; fi
"$DOCKER" build -q --network host -t rfg-redis:build "$here/redis" >/dev/null
ver=$("$DOCKER" run --rm --network none rfg-redis:build redis-server --version | sed -n 's/.* v=\([0-9.]*\) .*/\1/p')
[ -n "$ver" ] || { echo "cannot read redis version" >&2; exit 1; }
for t in "${REDIS_TAGS[@]}" "redis:$ver"; do "$DOCKER" tag rfg-redis:build "$t"; done
"$DOCKER" rmi rfg-redis:build >/dev/null; "$DOCKER" image prune -f >/dev/null
echo "redis image: ${REDIS_TAGS[*]} redis:$ver (redis-server $ver from Debian bookworm)"
