#!/usr/bin/env bash
# Installs the Debian 12 packages the local cluster and the image scripts need (idempotent; root).
# Go >= 1.24 with the module proxy must be present separately (this machine: /usr/local/go/bin/go).
set -euo pipefail
PKGS=(containerd runc containernetworking-plugins docker.io iptables debootstrap openssl conntrack gcc libc6-dev
      curl iproute2 kmod ca-certificates)
missing=()
for p in "${PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v go >/dev/null || [ -x /usr/local/go/bin/go ] || { echo "Go >= 1.24 not found" >&2; exit 1; }
echo "prerequisites present"
