# shellcheck shell=bash
# Shared helpers of the image scripts: a local Docker engine and the cache dir.
RFG_CACHE=${RFG_CACHE:-$HOME/.cache/rfg}
IMAGES_CACHE=$RFG_CACHE/images

# Debian's docker client (20.10) matches Debian's dockerd; a newer /usr/local/bin/docker (28.x) also talks to it
# (API negotiation) but wants buildx for `docker build`. Prefer the Debian one.
if [ -z "${DOCKER:-}" ]; then
  if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi
export DOCKER_BUILDKIT=0

# Start dockerd if no engine answers. It runs without bridge and iptables rules so that it never touches the
# FORWARD policy or NAT that the Kubernetes node uses; builds use --network host.
ensure_dockerd() {
  if "$DOCKER" info >/dev/null 2>&1; then return 0; fi
  command -v dockerd >/dev/null || { echo "dockerd missing: apt-get install -y docker.io iptables" >&2; return 1; }
  mkdir -p "$RFG_CACHE"
  local log=$RFG_CACHE/dockerd.log
  local pidfile=/run/rfg-dockerd.pid pid
  # A dockerd killed with its session leaves its pid file behind, and a new one refuses to start over it.
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile" 2>/dev/null || true)
    if [ -z "$pid" ] || ! grep -qs dockerd "/proc/$pid/comm"; then rm -f "$pidfile"; fi
  fi
  echo "starting dockerd (log: $log)"
  setsid nohup dockerd --iptables=false --ip-masq=false --ip-forward=false --bridge=none \
    --pidfile "$pidfile" > "$log" 2>&1 < /dev/null &
  local i
  for i in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "dockerd did not come up; tail of $log:" >&2; tail -30 "$log" >&2; return 1
}

have_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

# Debian mirror that apt on this machine uses (deb822 or one-line format).
debian_mirror() {
  local m
  m=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -m1 '/debian/*$' || true)
  [ -n "$m" ] || m=$(grep -h '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | grep -m1 '/debian/*$' || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# The servers of images/servers: `server_names` lists them, `server_field NAME N[-]` prints field N (or N to the end).
SERVERS_FILE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/servers
server_names() { awk '!/^#/ && NF {print $1}' "$SERVERS_FILE"; }
server_field() {
  local line
  line=$(awk -v n="$1" '!/^#/ && $1 == n' "$SERVERS_FILE")
  [ -n "$line" ] || { echo "no server $1 in $SERVERS_FILE (have: $(server_names | tr '\n' ' '))" >&2; return 1; }
  echo "$line" | tr -s ' ' | cut -d' ' -f"$2"
}
