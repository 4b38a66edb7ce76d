# Shared helpers for the hack/ scripts (bash). Source it; it sets RFG_ROOT.
RFG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RFG_ROOT

# step NAME CMD...: runs CMD and prints how long it took; a failure stops the script with the step's name.
step() {
  local name="$1"; shift
  local start=$SECONDS
  echo "==> $name"
  if "$@"; then
    echo "<== $name: $((SECONDS - start))s"
  else
    local rc=$?
    echo "!!! $name failed after $((SECONDS - start))s (exit $rc)" >&2
    exit "$rc"
  fi
}

# apt_install PKG...: installs the Debian packages that are missing (needs root).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
    return 1
  fi
  if [ ! -f /var/lib/apt/rfg-updated ] || [ -n "$(find /var/lib/apt/rfg-updated -mmin +720 2>/dev/null)" ]; then
    apt-get update -qq && touch /var/lib/apt/rfg-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
