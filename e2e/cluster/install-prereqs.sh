#!/usr/bin/env bash
# Installs the Debian 12 packages that the local cluster and the image scripts need (idempotent; root).
#   install-prereqs.sh          everything: the node (containerd, runc, CNI plugins, iptables, ipset, conntrack, ...) and
#                               the image builds (docker.io, debootstrap)
#   install-prereqs.sh images   only what hack/images.sh needs (for a cluster of your own)
#   install-prereqs.sh check    install nothing; fail unless every command the scripts use is present
# Go >= 1.24 with the module proxy must be present separately (this machine: /usr/local/go/bin/go).
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/hack/lib.sh"
IMAGE_PKGS=(docker.io iptables debootstrap ca-certificates)
# ipset: kube-router's NetworkPolicy controller runs the ipset command (save/restore of its KUBE-SRC-/KUBE-DST- sets)
NODE_PKGS=(containerd runc containernetworking-plugins conntrack ipset openssl gcc libc6-dev curl iproute2 kmod)
# What the scripts run, checked after the install: a package list that misses one fails here, not midway.
IMAGE_CMDS=(dockerd iptables debootstrap)
NODE_CMDS=(containerd runc /usr/lib/cni/bridge /usr/lib/cni/host-local /usr/lib/cni/loopback /usr/lib/cni/portmap
           conntrack ipset iptables-save iptables-restore openssl gcc curl ip modprobe)

check_cmds() {
  local c missing=()
  for c in "$@"; do
    if [[ $c == /* ]]; then [ -x "$c" ] || missing+=("$c"); else command -v "$c" >/dev/null || missing+=("$c"); fi
  done
  [ ${#missing[@]} -eq 0 ] || { echo "still missing after the install: ${missing[*]}" >&2; return 1; }
}

# Another apt/dpkg run on this host (unattended upgrades, a parallel job) holds dpkg's lock: wait for it, bounded,
# instead of failing on the lock; never touch that process. (apt inside a container, e.g. an image build, is in
# another pid namespace and does not count.)
apt_busy() {
  local p me
  command -v pgrep >/dev/null || return 1   # a bare container has no procps, and no other apt either
  me=$(readlink /proc/self/ns/pid)
  for p in $(pgrep -x apt-get; pgrep -x apt; pgrep -x dpkg; pgrep -x unattended-upgr); do
    [ "$(readlink "/proc/$p/ns/pid" 2>/dev/null)" = "$me" ] && return 0
  done
  return 1
}
wait_for_apt() {
  local end=$(( $(date +%s) + ${RFG_APT_WAIT:-600} ))
  while apt_busy; do
    [ "$(date +%s)" -lt "$end" ] || { echo "apt/dpkg still busy after ${RFG_APT_WAIT:-600}s" >&2; return 1; }
    sleep 2
  done
}
[ "${1:-all}" = check ] || wait_for_apt

case "${1:-all}" in
  images)
    apt_install "${IMAGE_PKGS[@]}"
    check_cmds "${IMAGE_CMDS[@]}"
    ;;
  all)
    apt_install "${IMAGE_PKGS[@]}" "${NODE_PKGS[@]}"
    check_cmds "${IMAGE_CMDS[@]}" "${NODE_CMDS[@]}"
    [ -n "${RFG_PREREQS_NO_GO:-}" ] || command -v go >/dev/null || [ -x /usr/local/go/bin/go ] ||
      { echo "Go >= 1.24 not found" >&2; exit 1; }
    ;;
  check) check_cmds "${IMAGE_CMDS[@]}" "${NODE_CMDS[@]}" ;;
  *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
echo "prerequisites present"
