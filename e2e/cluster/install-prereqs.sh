#!/usr/bin/env bash
# Installs the Debian 12 packages that the local cluster and the image scripts need (idempotent; root).
#   install-prereqs.sh          everything: the node (containerd, runc, CNI plugins, iptables, conntrack, ...) and
#                               the image builds (docker.io, debootstrap)
#   install-prereqs.sh images   only what hack/images.sh needs (for a cluster of your own)
# Go >= 1.24 with the module proxy must be present separately (this machine: /usr/local/go/bin/go).
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/hack/lib.sh"
IMAGE_PKGS=(docker.io iptables debootstrap ca-certificates)
NODE_PKGS=(containerd runc containernetworking-plugins conntrack openssl gcc libc6-dev curl iproute2 kmod)
case "${1:-all}" in
  images) apt_install "${IMAGE_PKGS[@]}" ;;
  all)
    apt_install "${IMAGE_PKGS[@]}" "${NODE_PKGS[@]}"
    command -v go >/dev/null || [ -x /usr/local/go/bin/go ] || { echo "Go >= 1.24 not found" >&2; exit 1; }
    ;;
  *) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
echo "prerequisites present"
