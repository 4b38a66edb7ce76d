# shellcheck shell=bash
# Builds and caches the Go binaries of the local cluster (sourced by cluster.sh).
#   ~/.cache/rfg/k8s/<K8S_VERSION>/      kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl etcd
#   ~/.cache/rfg/coredns/<COREDNS_VERSION>/coredns
#   ~/.cache/rfg/helm/<HELM_VERSION>/helm
#   ~/.cache/rfg/prometheus/<PROMETHEUS_VERSION>/prometheus promtool
#   ~/.cache/rfg/kube-router/<KUBE_ROUTER_VERSION>/kube-router   (NetworkPolicy controller, firewall only)
#   ~/.cache/rfg/bin/                    stable symlinks: kubectl helm etcd kube-apiserver coredns kube-router
#   ~/.kubeapitest/k8s/<ver>-linux-amd64/ etcd kube-apiserver kubectl (layout of io.javaoperatorsdk kube-api-test)

RFG_CACHE=${RFG_CACHE:-$HOME/.cache/rfg}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
K8S_BIN_DIR=$RFG_CACHE/k8s/$K8S_VERSION
COREDNS_BIN_DIR=$RFG_CACHE/coredns/$COREDNS_VERSION
HELM_BIN_DIR=$RFG_CACHE/helm/$HELM_VERSION
PROMETHEUS_BIN_DIR=$RFG_CACHE/prometheus/$PROMETHEUS_VERSION
KUBE_ROUTER_BIN_DIR=$RFG_CACHE/kube-router/$KUBE_ROUTER_VERSION
RFG_BIN=$RFG_CACHE/bin
K8S_CMDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

_gobuild_env() {
  export GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=local
  export PATH=$(dirname "$GO"):$PATH
}

# go.mod of a wrapper module that requires k8s.io/kubernetes and maps every staging module to its v0.x.y tag.
_k8s_wrapper() {
  local dir=$1 minor
  minor=v0.${K8S_VERSION#v1.}
  local modfile
  modfile=$("$GO" mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$modfile" ] || { echo "cannot download k8s.io/kubernetes@$K8S_VERSION" >&2; return 1; }
  mkdir -p "$dir/cmd/etcd"
  {
    echo "module rfg.local/k8sbuild"
    echo
    echo "go 1.24.0"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => ./staging/src/.*#\1#p' "$modfile" | sort -u |
      while read -r m; do echo "	$m => $m $minor"; done
    echo ")"
  } > "$dir/go.mod"
  # etcd: k8s.io/kubernetes already pins go.etcd.io/etcd/server/v3 (used by its integration framework), so the
  # etcd server builds in the same module with the same grpc; Debian's etcd 3.4 is older than k8s 1.33 supports.
  cat > "$dir/cmd/etcd/main.go" <<'GOEOF'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GOEOF
  ( cd "$dir" && "$GO" get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null 2>&1 || true )
}

_have_all() { local d=$1; shift; local b; for b in "$@"; do [ -x "$d/$b" ] || return 1; done; }

build_k8s() {
  if _have_all "$K8S_BIN_DIR" "${K8S_CMDS[@]}" etcd; then echo "k8s $K8S_VERSION binaries cached in $K8S_BIN_DIR"; return 0; fi
  _gobuild_env
  local b=$RFG_CACHE/build/k8s-$K8S_VERSION
  rm -rf "$b"; mkdir -p "$b"
  _k8s_wrapper "$b" || return 1
  local pkgs=() c
  for c in "${K8S_CMDS[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  echo "building k8s $K8S_VERSION (${K8S_CMDS[*]} etcd) -- takes 15-30 min on 2 cores the first time; log: $b/build.log"
  mkdir -p "$b/out"
  # version stamping, like hack/lib/version.sh does, so kubectl version / node info show the real version
  local ld="-s -w"
  local pfx
  for pfx in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    ld+=" -X $pfx.gitVersion=$K8S_VERSION -X $pfx.gitMajor=1 -X $pfx.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2)"
    ld+=" -X $pfx.gitTreeState=clean -X $pfx.buildDate=1970-01-01T00:00:00Z"
  done
  local extra=()
  if [ -n "${PROVISIONER_SRC:-}" ]; then
    mkdir -p "$b/cmd/hostpath-provisioner"; cp "$PROVISIONER_SRC"/*.go "$b/cmd/hostpath-provisioner/"
    extra=(./cmd/hostpath-provisioner)
  fi
  if ! ( cd "$b" && "$GO" build -trimpath -ldflags "$ld" -o out/ "${pkgs[@]}" ./cmd/etcd "${extra[@]}" ) > "$b/build.log" 2>&1; then
    echo "k8s build FAILED; tail of $b/build.log:" >&2; tail -40 "$b/build.log" >&2; return 1
  fi
  mkdir -p "$K8S_BIN_DIR"
  if [ -f "$b/out/hostpath-provisioner" ]; then
    mv "$b/out/hostpath-provisioner" "$K8S_BIN_DIR/hostpath-provisioner-$(_provisioner_sum "$PROVISIONER_SRC")"
  fi
  cp "$b"/out/* "$K8S_BIN_DIR"/
  cp "$b/go.mod" "$K8S_BIN_DIR/wrapper.go.mod"
}

build_coredns() {
  if _have_all "$COREDNS_BIN_DIR" coredns; then echo "coredns $COREDNS_VERSION cached in $COREDNS_BIN_DIR"; return 0; fi
  _gobuild_env
  local b=$RFG_CACHE/build/coredns-$COREDNS_VERSION
  rm -rf "$b"; mkdir -p "$b"
  echo "building coredns $COREDNS_VERSION; log: $b/build.log"
  if ! GOBIN=$b "$GO" install -trimpath -ldflags '-s -w' "github.com/coredns/coredns@$COREDNS_VERSION" > "$b/build.log" 2>&1; then
    echo "coredns build FAILED; tail of $b/build.log:" >&2; tail -40 "$b/build.log" >&2; return 1
  fi
  mkdir -p "$COREDNS_BIN_DIR"; cp "$b/coredns" "$COREDNS_BIN_DIR/"
}

build_helm() {
  if _have_all "$HELM_BIN_DIR" helm; then echo "helm $HELM_VERSION cached in $HELM_BIN_DIR"; return 0; fi
  _gobuild_env
  local b=$RFG_CACHE/build/helm-$HELM_VERSION
  rm -rf "$b"; mkdir -p "$b"
  echo "building helm $HELM_VERSION; log: $b/build.log"
  if ! GOBIN=$b "$GO" install -trimpath \
      -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
      "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" > "$b/build.log" 2>&1; then
    echo "helm build FAILED; tail of $b/build.log:" >&2; tail -40 "$b/build.log" >&2; return 1
  fi
  mkdir -p "$HELM_BIN_DIR"; cp "$b/helm" "$HELM_BIN_DIR/"
}

# kube-router, only for its NetworkPolicy controller (cluster.sh runs it with --run-firewall only): iptables filter
# chains + ipsets that enforce NetworkPolicy on the node. Version stamped like its Makefile does.
build_kube_router() {
  if _have_all "$KUBE_ROUTER_BIN_DIR" kube-router; then echo "kube-router $KUBE_ROUTER_VERSION cached in $KUBE_ROUTER_BIN_DIR"; return 0; fi
  _gobuild_env
  local b=$RFG_CACHE/build/kube-router-$KUBE_ROUTER_VERSION
  rm -rf "$b"; mkdir -p "$b"
  echo "building kube-router $KUBE_ROUTER_VERSION; log: $b/build.log"
  local pv=github.com/cloudnativelabs/kube-router/v2/pkg/version
  if ! GOBIN=$b "$GO" install -trimpath \
      -ldflags "-s -w -X $pv.Version=$KUBE_ROUTER_VERSION -X $pv.BuildDate=1970-01-01T00:00:00Z" \
      "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@$KUBE_ROUTER_VERSION" > "$b/build.log" 2>&1; then
    echo "kube-router build FAILED; tail of $b/build.log:" >&2; tail -40 "$b/build.log" >&2; return 1
  fi
  mkdir -p "$KUBE_ROUTER_BIN_DIR"; cp "$b/kube-router" "$KUBE_ROUTER_BIN_DIR/"
}

# Prometheus and promtool (issue #16), one `go install` of the same module: promtool unit-tests the chart's alerts in
# make test, and the cluster tier runs the server on the host against the local cluster (MetricsTest). Only make
# test needs them (cluster.sh prometheus), so make demo does not wait. Cold: promtool alone took 5 min 40 s on 2
# cores; both: see the figure in versions.env's comment.
build_prometheus() {
  if _have_all "$PROMETHEUS_BIN_DIR" promtool prometheus; then
    echo "prometheus and promtool $PROMETHEUS_VERSION cached in $PROMETHEUS_BIN_DIR"; return 0
  fi
  _gobuild_env
  local b=$RFG_CACHE/build/prometheus-$PROMETHEUS_VERSION
  rm -rf "$b"; mkdir -p "$b"
  echo "building prometheus and promtool $PROMETHEUS_VERSION; log: $b/build.log"
  if ! GOBIN=$b "$GO" install -trimpath -ldflags '-s -w' \
      "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION" \
      "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION" > "$b/build.log" 2>&1; then
    echo "prometheus build FAILED; tail of $b/build.log:" >&2; tail -40 "$b/build.log" >&2; return 1
  fi
  mkdir -p "$PROMETHEUS_BIN_DIR"; cp "$b/promtool" "$b/prometheus" "$PROMETHEUS_BIN_DIR/"
}

link_tools() {
  mkdir -p "$RFG_BIN"
  ln -sfn "$K8S_BIN_DIR/kubectl" "$RFG_BIN/kubectl"
  ln -sfn "$K8S_BIN_DIR/etcd" "$RFG_BIN/etcd"
  ln -sfn "$K8S_BIN_DIR/kube-apiserver" "$RFG_BIN/kube-apiserver"
  ln -sfn "$COREDNS_BIN_DIR/coredns" "$RFG_BIN/coredns"
  ln -sfn "$HELM_BIN_DIR/helm" "$RFG_BIN/helm"
  ln -sfn "$KUBE_ROUTER_BIN_DIR/kube-router" "$RFG_BIN/kube-router"
  local p
  for p in promtool prometheus; do
    if [ -x "$PROMETHEUS_BIN_DIR/$p" ]; then ln -sfn "$PROMETHEUS_BIN_DIR/$p" "$RFG_BIN/$p"; fi
  done
  # kube-api-test (io.javaoperatorsdk:kube-api-test) looks for <dir>/k8s/<version>-<os>-<arch>/{etcd,kube-apiserver,kubectl}
  local kat=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/${K8S_VERSION#v}-linux-amd64
  mkdir -p "$kat"
  local f
  for f in etcd kube-apiserver kubectl; do ln -sfn "$K8S_BIN_DIR/$f" "$kat/$f"; done
  echo "tools: $RFG_BIN (kubectl helm etcd kube-apiserver coredns kube-router, and prometheus/promtool once built); kube-api-test layout: $kat"
}

# The hostpath provisioner (e2e/cluster/hostpath-provisioner) builds in the k8s wrapper module (client-go is there
# already); cached by the hash of its source. build_k8s builds it along when PROVISIONER_SRC is set.
_provisioner_sum() { cat "$1"/*.go | sha256sum | cut -c1-12; }

build_provisioner() {
  local src=$1
  PROVISIONER_BIN=$K8S_BIN_DIR/hostpath-provisioner-$(_provisioner_sum "$src")
  if [ -x "$PROVISIONER_BIN" ]; then echo "hostpath-provisioner cached ($PROVISIONER_BIN)"; return 0; fi
  _gobuild_env
  local b=$RFG_CACHE/build/k8s-$K8S_VERSION
  [ -f "$b/go.mod" ] || { mkdir -p "$b"; _k8s_wrapper "$b" || return 1; }
  mkdir -p "$b/cmd/hostpath-provisioner"
  cp "$src"/*.go "$b/cmd/hostpath-provisioner/"
  echo "building hostpath-provisioner; log: $b/provisioner-build.log"
  if ! ( cd "$b" && "$GO" build -trimpath -ldflags '-s -w' -o "$PROVISIONER_BIN.tmp" ./cmd/hostpath-provisioner ) \
      > "$b/provisioner-build.log" 2>&1; then
    echo "hostpath-provisioner build FAILED:" >&2; tail -40 "$b/provisioner-build.log" >&2; return 1
  fi
  mv "$PROVISIONER_BIN.tmp" "$PROVISIONER_BIN"
}
