#!/usr/bin/env bash
# Host binaries of a server of images/servers, for the protocol tier: `server-bins.sh NAME` prints a directory
# with redis-server, redis-sentinel and redis-cli (plus valkey-* for Valkey) that run that server's binaries from
# its image, unpacked in ~/.cache/rfg/servers/NAME. The trixie binaries need a newer glibc than a bookworm host
# has, so each wrapper execs the image's own dynamic loader on the binary, with the image's libraries; the loader
# maps the server into its own process, so the pid the test holds is the server's and signals reach it directly.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
name=${1:?usage: server-bins.sh NAME (one of: $(server_names | tr '\n' ' '))}
tag=$(server_field "$name" 4) prefix=$(server_field "$name" 3)
dir=$RFG_CACHE/servers/$name
"$here/build-redis.sh" "$name" >/dev/null
id=$("$DOCKER" image inspect -f '{{.Id}}' "$tag")
if [ "$(cat "$dir/image-id" 2>/dev/null)" != "$id" ]; then
  rm -rf "$dir"; mkdir -p "$dir/root" "$dir/bin"
  c=$("$DOCKER" create "$tag" 2>/dev/null)
  "$DOCKER" export "$c" | tar -C "$dir/root" -x --exclude='dev/*' --exclude='proc/*' --exclude='sys/*'
  "$DOCKER" rm "$c" >/dev/null
  root=$dir/root
  loader=$root/usr/lib64/ld-linux-x86-64.so.2
  [ -e "$loader" ] || loader=$root/lib64/ld-linux-x86-64.so.2
  libs=$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu
  for role in server sentinel cli; do
    for alias in "$prefix-$role" "redis-$role"; do
      # --argv0 keeps the name the server decides its mode by (redis-sentinel / valkey-sentinel: sentinel mode)
      printf '#!/bin/sh\nexec "%s" --library-path "%s" --argv0 "$0" "%s" "$@"\n' \
        "$loader" "$libs" "$root/usr/bin/$prefix-$role" > "$dir/bin/$alias"
      chmod +x "$dir/bin/$alias"
    done
  done
  echo "$id" > "$dir/image-id"
fi
echo "$dir/bin"
