#!/usr/bin/env bash
# Builds a Debian base image locally (no registry): debootstrap a minbase root, `docker import` it and tag it the
# way Dockerfiles name it. `build-base.sh [bookworm|trixie] [--force]`, bookworm by default:
#   bookworm: debian:bookworm-slim, debian:bookworm, debian:12-slim, debian:12 (every image of the project)
#   trixie:   debian:trixie-slim, debian:trixie, debian:13-slim, debian:13 (the Redis 8.0 and Valkey 8.1 images)
# Idempotent: skips when the image exists; reuses the rootfs tarball cached in ~/.cache/rfg/images.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

SUITE=bookworm
case "${1:-}" in bookworm|trixie) SUITE=$1; shift ;; esac
case $SUITE in
  bookworm) TAGS=(debian:bookworm-slim debian:bookworm debian:12-slim debian:12) ;;
  trixie) TAGS=(debian:trixie-slim debian:trixie debian:13-slim debian:13) ;;
esac
TARBALL=$IMAGES_CACHE/debian-$SUITE-minbase.tar.gz
start=$(date +%s)
ensure_dockerd

if [ "${1:-}" != "--force" ] && have_image "${TAGS[0]}"; then
  for t in "${TAGS[@]:1}"; do have_image "$t" || "$DOCKER" tag "${TAGS[0]}" "$t"; done
  echo "base image ${TAGS[0]} present"; exit 0
fi

if [ "${1:-}" = "--force" ] || [ ! -s "$TARBALL" ]; then
  command -v debootstrap >/dev/null || { echo "debootstrap missing: apt-get install -y debootstrap" >&2; exit 1; }
  mirror=$(debian_mirror)
  root=$(mktemp -d /var/tmp/rfg-rootfs.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  echo "debootstrap $SUITE from $mirror (takes ~1-3 min)"
  debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$root" "$mirror" > "$root.log" 2>&1 ||
    { tail -30 "$root.log" >&2; exit 1; }
  rm -f "$root.log"
  # like the official image: slim dpkg excludes, one deb822 sources file, no caches
  mkdir -p "$root/etc/dpkg/dpkg.cfg.d" "$root/etc/apt/apt.conf.d" "$root/etc/apt/sources.list.d"
  cat > "$root/etc/dpkg/dpkg.cfg.d/docker" <<'X'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
X
  cat > "$root/etc/apt/apt.conf.d/docker-clean" <<'X'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::GzipIndexes "true";
X
  echo 'APT::Install-Recommends "false";' > "$root/etc/apt/apt.conf.d/docker-no-recommends"
  rm -f "$root/etc/apt/sources.list"
  cat > "$root/etc/apt/sources.list.d/debian.sources" <<X
Types: deb
URIs: $mirror
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian*}/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
X
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/var/log/*.log "$root"/tmp/*
  : > "$root/etc/resolv.conf"; echo localhost > "$root/etc/hostname"
  mkdir -p "$IMAGES_CACHE"
  tar -C "$root" --numeric-owner -czf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
  echo "rootfs cached: $TARBALL ($(du -h "$TARBALL" | cut -f1))"
fi

"$DOCKER" import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$TARBALL" "${TAGS[0]}" >/dev/null
for t in "${TAGS[@]:1}"; do "$DOCKER" tag "${TAGS[0]}" "$t"; done
echo "base image: ${TAGS[*]} ($(( $(date +%s) - start ))s)"
