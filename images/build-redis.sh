#!/usr/bin/env bash
# Builds the server images of images/servers from Debian's packages on the local base images (bookworm or trixie):
#   build-redis.sh [--force] [NAME...]   NAME from images/servers (redis-8.0, redis-7.0, valkey-8.1); default: all.
# Each gets the tags its line names. `build-redis.sh --print-tag NAME` prints the tag groups use for NAME, `--list`
# the names (the first is the CRD's default, `--default-tag` its tag), `--all-tags [NAME...]` every tag of those servers (default: all).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
force=false
case "${1:-}" in
  --list) server_names; exit 0 ;;
  --print-tag) server_field "${2:?server name}" 4; exit 0 ;;
  --default-tag) server_field "$(server_names | head -1)" 4; exit 0 ;;
  --all-tags)
    shift; [ $# -gt 0 ] || set -- $(server_names)
    for n in "$@"; do server_field "$n" 4-; done | tr ' ' '\n'; exit 0 ;;
  --force) force=true; shift ;;
esac
names=("$@")
[ ${#names[@]} -gt 0 ] || mapfile -t names < <(server_names)
ensure_dockerd
for name in "${names[@]}"; do
  suite=$(server_field "$name" 2) prefix=$(server_field "$name" 3)
  read -r -a tags <<< "$(server_field "$name" 4-)"
  if ! $force && have_image "${tags[0]}"; then echo "server image ${tags[0]} present"; continue; fi
  "$here/build-base.sh" "$suite" >/dev/null
  "$DOCKER" build -q --network host --build-arg "SUITE=$suite" --build-arg "PREFIX=$prefix" \
    -t rfg-server:build "$here/server" >/dev/null
  ver=$("$DOCKER" run --rm --network none rfg-server:build "$prefix-server" --version | sed -n 's/.* v=\([0-9.]*\) .*/\1/p')
  [ -n "$ver" ] || { echo "cannot read the $name version" >&2; exit 1; }
  [ "${tags[0]##*:}" = "$ver" ] || { echo "$name: Debian $suite has $prefix-server $ver, images/servers says ${tags[0]}" >&2; exit 1; }
  for t in "${tags[@]}"; do "$DOCKER" tag rfg-server:build "$t"; done
  "$DOCKER" rmi rfg-server:build >/dev/null; "$DOCKER" image prune -f >/dev/null
  echo "server image: ${tags[*]} ($prefix-server $ver from Debian $suite)"
done
