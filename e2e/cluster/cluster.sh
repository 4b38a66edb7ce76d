#!/usr/bin/env bash
# A real single-node Kubernetes for RFG's end-to-end tests, without kubeadm, registries or downloads of binaries:
# everything is built from Go modules (cached under ~/.cache/rfg) and runs as host processes.
#
#   cluster.sh tools    build/cache binaries (k8s, etcd, coredns, helm, kube-router, provisioner), set up ~/.cache/rfg/bin and
#                       the kube-api-test layout ~/.kubeapitest/k8s/<ver>-linux-amd64; starts nothing
#   cluster.sh prometheus  build/cache prometheus and promtool (make test's alert tests and the cluster tier's
#                       Prometheus; not needed for a cluster; `promtool` is the same command)
#   cluster.sh up       clean leftovers, then start etcd, kube-apiserver, controller-manager, scheduler, containerd,
#                       kubelet, kube-proxy, CoreDNS, the hostpath provisioner, kube-router's NetworkPolicy controller;
#                       wait until usable; print kubeconfig
#   cluster.sh down     stop everything and remove the state it made (keeps the caches and the Docker engine)
#   cluster.sh status   what runs, node and system state
#   cluster.sh env      print `export KUBECONFIG=... PATH=...` lines (eval "$(e2e/cluster/cluster.sh env)")
#
# RFG_AUDIT=1 cluster.sh up also writes an audit log of every request made by a ServiceAccount (the operator, the
# sidecars) to $STATE/logs/audit.log: hack/rbac-usage.sh turns it into the verbs each identity used.
#
# Needs root and Go >= 1.24 with the module proxy; `up` installs the Debian packages it needs
# (install-prereqs.sh: containerd, runc, CNI plugins, docker.io, iptables, debootstrap, ...).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
set -a; . "$HERE/versions.env"; set +a
. "$HERE/lib/tools.sh"
. "$REPO/hack/lib.sh"     # step, print_timings

STATE=${RFG_CLUSTER_STATE:-$RFG_CACHE/cluster}      # certs, configs, kubeconfigs, logs, pids
NODE_DIR=/var/lib/rfg-cluster                       # etcd data, containerd root, kubelet root, volumes, CNI
RUN_DIR=/run/rfg-cluster                            # containerd state + socket
CONTAINERD_SOCK=$RUN_DIR/containerd.sock
NODE_NAME=${RFG_NODE_NAME:-rfg-node}
SERVICE_CIDR=10.96.0.0/16
KUBERNETES_SVC_IP=10.96.0.1
DNS_SVC_IP=10.96.0.10
CLUSTER_CIDR=10.244.0.0/16
POD_CIDR=10.244.0.0/24
BRIDGE=rfg0
ETCD_CLIENT_PORT=12379
ETCD_PEER_PORT=12380
APISERVER_PORT=6443
PAUSE_IMAGE=registry.k8s.io/pause:3.10
STORAGE_CLASS=standard
PROVISIONER_NAME=rfg.dev/hostpath
KUBECONFIG_OUT=$STATE/kubeconfig
# kube-router's health endpoint (it listens on all addresses, no flag to narrow it): below the ephemeral port range
# (32768-60999) and the NodePort range, used by nothing else here
KUBE_ROUTER_HEALTH_PORT=${RFG_KUBE_ROUTER_HEALTH_PORT:-20244}
export CONTAINERD_ADDRESS=$CONTAINERD_SOCK

COMPONENTS_START=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy coredns hostpath-provisioner
                  kube-router)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }


need_root() { [ "$(id -u)" = 0 ] || die "must run as root (starts kubelet, containerd, iptables rules)"; }

kc() { "$K8S_BIN_DIR/kubectl" --kubeconfig "$KUBECONFIG_OUT" "$@"; }

host_ip() {
  local ip
  ip=$(ip -4 route get 192.0.2.123 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -1)
  [ -n "$ip" ] || ip=$(ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | grep -v '^10\.244\.' | head -1)
  [ -n "$ip" ] || die "no global IPv4 address on this host for the API server to advertise"
  echo "$ip"
}

# ------------------------------------------------------------------------------------------------ processes
pidfile() { echo "$STATE/pids/$1.pid"; }
# alive and not a zombie (our detached processes are reaped by init, which may take a while)
pid_alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }
is_running() { local p; p=$(cat "$(pidfile "$1")" 2>/dev/null) && pid_alive "$p"; }

# start_proc <name> <cmd...>: runs detached in its own session, output to $STATE/logs/<name>.log
start_proc() {
  local name=$1; shift
  mkdir -p "$STATE/logs" "$STATE/pids"
  setsid nohup "$@" > "$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pidfile "$name")"
  sleep 0.2
  is_running "$name" || fail_with_log "$name" "exited right after start"
}

fail_with_log() {
  local name=$1 why=$2
  log "ERROR: $name: $why; last lines of $STATE/logs/$name.log:" >&2
  grep -v '\] FLAG: --' "$STATE/logs/$name.log" 2>/dev/null | tail -n 40 >&2 || true
  exit 1
}

# wait_for <name> <seconds> <command...>: polls the command until it succeeds; on timeout shows the log of <name>
wait_for() {
  local name=$1 secs=$2; shift 2
  local end=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    if [ -f "$(pidfile "$name")" ] && ! is_running "$name"; then fail_with_log "$name" "process died"; fi
    [ "$(date +%s)" -lt "$end" ] || fail_with_log "$name" "not ready after ${secs}s ($*)"
    sleep 0.5
  done
}

stop_proc() {
  local name=$1 p i
  p=$(cat "$(pidfile "$name")" 2>/dev/null) || return 0
  if pid_alive "$p"; then
    kill -TERM "$p" 2>/dev/null || true
    for i in $(seq 1 100); do pid_alive "$p" || break; sleep 0.1; done
    pid_alive "$p" && kill -KILL "$p" 2>/dev/null
  fi
  rm -f "$(pidfile "$name")"
}

# ------------------------------------------------------------------------------------------------ tools/images
# the four Go builds run side by side (module downloads overlap the compiles); each prints its own time
cmd_tools() {
  local jobs=() logs=() t f rc=0
  mkdir -p "$RFG_CACHE/build"
  export PROVISIONER_SRC=$HERE/hostpath-provisioner
  for t in build_k8s build_coredns build_helm build_kube_router; do
    f=$RFG_CACHE/build/$t.out
    ( s0=$(date +%s); $t; echo "$t: $(( $(date +%s) - s0 ))s" ) > "$f" 2>&1 &
    jobs+=($!); logs+=("$f")
  done
  log "==> Go builds (k8s $K8S_VERSION + etcd $ETCD_VERSION, coredns $COREDNS_VERSION, helm $HELM_VERSION, kube-router $KUBE_ROUTER_VERSION) in parallel"
  local i
  for i in "${!jobs[@]}"; do wait "${jobs[$i]}" || rc=1; sed 's/^/    /' "${logs[$i]}"; done
  [ $rc = 0 ] || die "a Go build failed (see above)"
  step "build/cache hostpath-provisioner" build_provisioner "$HERE/hostpath-provisioner"
  link_tools
}

build_images() {
  "$REPO/images/build-base.sh"
  PAUSE_IMAGE=$PAUSE_IMAGE "$REPO/images/build-pause.sh"
  # the default server only (the selftest's): hack/images.sh builds and loads the others when tests need them
  "$REPO/images/build-redis.sh" "$("$REPO/images/build-redis.sh" --list | head -1)"
}

# ------------------------------------------------------------------------------------------------ certificates
# gen_cert <name> <CN> <O or ""> <client|server|both> [SANs...]
gen_cert() {
  local name=$1 cn=$2 org=$3 usage=$4; shift 4
  local pki=$STATE/pki subj="/CN=$cn" eku
  [ -n "$org" ] && subj="/O=$org/CN=$cn"
  case $usage in
    client) eku=clientAuth ;; server) eku=serverAuth ;; both) eku=serverAuth,clientAuth ;;
  esac
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    if [ $# -gt 0 ]; then
      local sans="" s
      for s in "$@"; do
        if [[ $s =~ ^[0-9.]+$ ]]; then sans+="IP:$s,"; else sans+="DNS:$s,"; fi
      done
      echo "subjectAltName=${sans%,}"
    fi
  } > "$pki/$name.ext"
  # EC P-256 keys are ~50x faster to make than RSA; the admin cert (used by Java clients) stays RSA
  if [ "${KEY_TYPE:-ec}" = rsa ]; then openssl genrsa -out "$pki/$name.key" 2048 2>/dev/null
  else openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/$name.key" 2>/dev/null; fi
  openssl req -new -key "$pki/$name.key" -subj "$subj" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}

# kubeconfig <file> <cert-name> <server>
write_kubeconfig() {
  local file=$1 cert=$2 server=$3 pki=$STATE/pki
  cat > "$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: rfg
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 < "$pki/ca.crt")
users:
- name: $cert
  user:
    client-certificate-data: $(base64 -w0 < "$pki/$cert.crt")
    client-key-data: $(base64 -w0 < "$pki/$cert.key")
contexts:
- name: rfg
  context: {cluster: rfg, user: $cert, namespace: default}
current-context: rfg
EOF
  chmod 600 "$file"
}

gen_pki() {
  local pki=$STATE/pki ip=$HOST_IP
  mkdir -p "$pki"
  openssl genrsa -out "$pki/ca.key" 2048 2>/dev/null
  openssl req -x509 -new -key "$pki/ca.key" -subj "/CN=rfg-cluster-ca" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$pki/ca.crt" 2>/dev/null
  gen_cert apiserver kube-apiserver "" server \
    kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local localhost \
    "$NODE_NAME" "$(hostname)" "$KUBERNETES_SVC_IP" "$ip" 127.0.0.1
  gen_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters client
  KEY_TYPE=rsa gen_cert admin kubernetes-admin system:masters client
  gen_cert controller-manager system:kube-controller-manager "" client
  gen_cert scheduler system:kube-scheduler "" client
  gen_cert kubelet "system:node:$NODE_NAME" system:nodes client
  gen_cert kubelet-server "$NODE_NAME" "" server "$NODE_NAME" "$(hostname)" "$ip" 127.0.0.1 localhost
  gen_cert kube-proxy system:kube-proxy "" client
  # coredns and the provisioner get admin rights: a throwaway test cluster
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  local local_url=https://127.0.0.1:$APISERVER_PORT
  write_kubeconfig "$STATE/admin.kubeconfig" admin "$local_url"
  write_kubeconfig "$STATE/controller-manager.kubeconfig" controller-manager "$local_url"
  write_kubeconfig "$STATE/scheduler.kubeconfig" scheduler "$local_url"
  write_kubeconfig "$STATE/kubelet.kubeconfig" kubelet "$local_url"
  write_kubeconfig "$STATE/kube-proxy.kubeconfig" kube-proxy "$local_url"
  cp "$STATE/admin.kubeconfig" "$KUBECONFIG_OUT"
}

# ------------------------------------------------------------------------------------------------ host setup
prepare_host() {
  mkdir -p "$NODE_DIR" "$RUN_DIR" "$STATE/logs" "$STATE/pids"
  modprobe br_netfilter 2>/dev/null || true
  modprobe overlay 2>/dev/null || true
  sysctl -qw net.ipv4.ip_forward=1
  if sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1; then
    sysctl -qw net.bridge.bridge-nf-call-iptables=1 || true
    sysctl -qw net.bridge.bridge-nf-call-ip6tables=1 2>/dev/null || true
  else
    log "WARNING: br_netfilter unavailable; relying on the bridge's hairpin mode for pod->Service->same-bridge pod"
  fi
  sysctl -qw net.ipv4.conf.all.route_localnet=1 2>/dev/null || true
  swapoff -a 2>/dev/null || true
}

# ------------------------------------------------------------------------------------------------ components
start_etcd() {
  mkdir -p "$NODE_DIR/etcd"
  start_proc etcd "$K8S_BIN_DIR/etcd" --name rfg --data-dir "$NODE_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "rfg=http://127.0.0.1:$ETCD_PEER_PORT" \
    --unsafe-no-fsync --snapshot-count 10000 --quota-backend-bytes 2147483648 --log-level warn
  wait_for etcd 30 curl -fsS "http://127.0.0.1:$ETCD_CLIENT_PORT/health"
}

# Metadata only (never a request body: Secrets), ServiceAccounts only, one line per finished request.
audit_flags() {
  [ "${RFG_AUDIT:-0}" = 1 ] || return 0
  rm -f "$STATE"/logs/audit*.log
  cat > "$STATE/audit-policy.yaml" <<'POLICY'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, ResponseStarted]
rules:
  - level: Metadata
    userGroups: ["system:serviceaccounts"]
  - level: None
POLICY
  echo --audit-policy-file "$STATE/audit-policy.yaml" --audit-log-path "$STATE/logs/audit.log" \
    --audit-log-maxsize 200 --audit-log-maxbackup 3
}

start_apiserver() {
  local pki=$STATE/pki
  # shellcheck disable=SC2046 # audit_flags prints words meant to be split
  start_proc kube-apiserver "$K8S_BIN_DIR/kube-apiserver" $(audit_flags) \
    --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --advertise-address "$HOST_IP" --bind-address 0.0.0.0 --secure-port "$APISERVER_PORT" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$pki/ca.crt" \
    --kubelet-preferred-address-types InternalIP,Hostname \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --allow-privileged=true --profiling=false --v=1
  wait_for kube-apiserver 90 kc get --raw /readyz
}

start_controller_manager() {
  local pki=$STATE/pki kcfg=$STATE/controller-manager.kubeconfig
  start_proc kube-controller-manager "$K8S_BIN_DIR/kube-controller-manager" \
    --kubeconfig "$kcfg" --authentication-kubeconfig "$kcfg" --authorization-kubeconfig "$kcfg" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials=true \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --allocate-node-cidrs=true --cluster-cidr "$CLUSTER_CIDR" --node-cidr-mask-size 24 \
    --service-cluster-ip-range "$SERVICE_CIDR" --controllers '*' --profiling=false --v=1
}

start_scheduler() {
  local kcfg=$STATE/scheduler.kubeconfig
  start_proc kube-scheduler "$K8S_BIN_DIR/kube-scheduler" \
    --kubeconfig "$kcfg" --authentication-kubeconfig "$kcfg" --authorization-kubeconfig "$kcfg" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false --v=1
}

start_containerd() {
  local cni_conf=$NODE_DIR/cni/net.d
  mkdir -p "$cni_conf" "$NODE_DIR/cni/networks" "$NODE_DIR/containerd" "$RUN_DIR/containerd"
  cat > "$cni_conf/10-rfg-bridge.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "rfg",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$POD_CIDR"}]],
        "routes": [{"dst": "0.0.0.0/0"}],
        "dataDir": "$NODE_DIR/cni/networks"
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
  cat > "$STATE/containerd.toml" <<EOF
version = 2
root = "$NODE_DIR/containerd"
state = "$RUN_DIR/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$NODE_DIR/containerd-opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  enable_selinux = false
  # this VM's root lacks CAP_SYS_RESOURCE: the sandbox's oom_score_adj -998 would fail in runc ("failed to update
  # /proc/self/oom_score_adj: Permission denied"); clamp container scores to containerd's own instead
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$RUN_DIR/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$cni_conf"
    max_conf_num = 1
EOF
  start_proc containerd containerd --config "$STATE/containerd.toml" --log-level warn
  wait_for containerd 30 ctr --address "$CONTAINERD_SOCK" version
}

load_images() {
  # shellcheck disable=SC2046
  CONTAINERD_SOCK=$CONTAINERD_SOCK "$REPO/images/load.sh" "$PAUSE_IMAGE" \
    $("$REPO/images/build-redis.sh" --all-tags "$("$REPO/images/build-redis.sh" --list | head -1)")
}

start_kubelet() {
  local pki=$STATE/pki
  mkdir -p "$NODE_DIR/kubelet"
  cat > "$STATE/kubelet-config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: "$pki/ca.crt"}
authorization: {mode: Webhook}
tlsCertFile: "$pki/kubelet-server.crt"
tlsPrivateKeyFile: "$pki/kubelet-server.key"
cgroupDriver: cgroupfs
containerRuntimeEndpoint: "unix://$CONTAINERD_SOCK"
clusterDNS: ["$DNS_SVC_IP"]
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
failSwapOn: false
failCgroupV1: false
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
# images cannot be pulled here: never garbage-collect them, and don't evict on a fairly full disk
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
serializeImagePulls: false
maxPods: 110
rotateCertificates: false
serverTLSBootstrap: false
registerNode: true
podPidsLimit: -1
EOF
  start_proc kubelet "$K8S_BIN_DIR/kubelet" --config "$STATE/kubelet-config.yaml" \
    --kubeconfig "$STATE/kubelet.kubeconfig" --root-dir "$NODE_DIR/kubelet" \
    --hostname-override "$NODE_NAME" --node-ip "$HOST_IP" --v=1
}

start_kube_proxy() {
  cat > "$STATE/kube-proxy-config.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection: {kubeconfig: "$STATE/kube-proxy.kubeconfig"}
hostnameOverride: "$NODE_NAME"
clusterCIDR: "$CLUSTER_CIDR"
bindAddress: 0.0.0.0
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
iptables: {masqueradeAll: false, syncPeriod: 10s, minSyncPeriod: 0s}
EOF
  start_proc kube-proxy "$K8S_BIN_DIR/kube-proxy" --config "$STATE/kube-proxy-config.yaml" --v=1
}

# CoreDNS runs on the host (bound to the host IP), behind the usual kube-system/kube-dns Service 10.96.0.10 whose
# Endpoints point at the host; kube-proxy routes pods' DNS traffic there. No upstream forwarding: names outside
# cluster.local get NXDOMAIN at once (this machine may not reach other DNS servers); RFG_DNS_UPSTREAM=/etc/resolv.conf
# (or an IP) forwards them instead.
start_coredns() {
  local other='template ANY ANY { rcode NXDOMAIN }'
  [ -z "${RFG_DNS_UPSTREAM:-}" ] || other="forward . $RFG_DNS_UPSTREAM"
  cat > "$STATE/Corefile" <<EOF
cluster.local:53 in-addr.arpa:53 ip6.arpa:53 {
    bind $HOST_IP
    errors
    health 127.0.0.1:18180
    ready 127.0.0.1:18181
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $STATE/admin.kubeconfig rfg
        pods insecure
        ttl 5
    }
    cache 5
    loadbalance
}
.:53 {
    bind $HOST_IP
    errors
    $other
}
EOF
  start_proc coredns "$COREDNS_BIN_DIR/coredns" -conf "$STATE/Corefile"
}

start_provisioner() {
  start_proc hostpath-provisioner "$PROVISIONER_BIN" --kubeconfig "$STATE/admin.kubeconfig" \
    --name "$PROVISIONER_NAME" --root "$NODE_DIR/volumes" --node "$NODE_NAME"
}

# kube-router's NetworkPolicy controller only (no routing, no service proxy: the bridge CNI and kube-proxy do those),
# so NetworkPolicy is enforced: per-pod chains in the filter table (KUBE-ROUTER-{INPUT,FORWARD,OUTPUT}, KUBE-POD-FW-*,
# KUBE-NWPLCY-*) and ipsets KUBE-SRC-*/KUBE-DST-*. It reads the node's InternalIP (pods whose hostIP is that IP are
# the local ones), so it starts once the node is registered. Traffic from the node itself (kubelet probes, the API
# server, host processes such as a Prometheus scraping pod IPs) is always admitted (--src-type LOCAL).
# Policy changes are applied on the event (a full sync, < 1 s here); --iptables-sync-period is the periodic resync.
start_kube_router() {
  start_proc kube-router "$KUBE_ROUTER_BIN_DIR/kube-router" --kubeconfig "$STATE/admin.kubeconfig" \
    --hostname-override "$NODE_NAME" \
    --run-firewall=true --run-router=false --run-service-proxy=false --run-loadbalancer=false \
    --enable-ipv4=true --enable-ipv6=false \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --health-port "$KUBE_ROUTER_HEALTH_PORT" --metrics-port 0 \
    --iptables-sync-period 1m --cache-sync-timeout 1m --v=1
  wait_for kube-router 60 kube_router_ready
}

# healthy, jumps from the filter table's built-in chains in place, and a first full sync finished without error
kube_router_ready() {
  curl -fsS "http://127.0.0.1:$KUBE_ROUTER_HEALTH_PORT/healthz" >/dev/null || return 1
  local c
  for c in INPUT FORWARD OUTPUT; do iptables -t filter -S "$c" | grep -q -- "-j KUBE-ROUTER-$c" || return 1; done
  grep -q 'sync iptables took' "$STATE/logs/kube-router.log" && ! grep -q 'Aborting sync' "$STATE/logs/kube-router.log"
}

apply_system_objects() {
  kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS}
spec:
  clusterIP: $DNS_SVC_IP
  ports:
  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
---
apiVersion: v1
kind: Endpoints
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns}
subsets:
- addresses: [{ip: "$HOST_IP"}]
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: $STORAGE_CLASS
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: $PROVISIONER_NAME
reclaimPolicy: Delete
volumeBindingMode: Immediate
allowVolumeExpansion: false
EOF
}

# A DNS query over UDP in pure bash, through the kube-dns Service IP (so through kube-proxy's rules):
# kubernetes.default.svc.cluster.local must resolve to the kubernetes Service IP. (dd: one write = one datagram;
# bash's printf may write the packet in pieces.)
dns_answers() {
  local q="\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" label
  for label in kubernetes default svc cluster local; do q+=$(printf '\\x%02x' "${#label}")$label; done
  q+="\x00\x00\x01\x00\x01"
  local out
  out=$(timeout 3 bash -c "exec 3<>/dev/udp/$DNS_SVC_IP/53; printf '$q' | dd bs=512 count=1 iflag=fullblock >&3 2>/dev/null; dd bs=4096 count=1 <&3 2>/dev/null | od -An -tx1 | tr -d ' \n'") || return 1
  local want
  want=$(printf '%02x' ${KUBERNETES_SVC_IP//./ })
  [[ $out == *"$want"* ]]
}

node_ready() { kc get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' | grep -qx True; }
coredns_ready() { curl -fsS http://127.0.0.1:18181/ready; }
default_sa() { kc -n default get serviceaccount default; }
storageclass_ok() { kc get storageclass "$STORAGE_CLASS"; }

# ------------------------------------------------------------------------------------------------ down
# pids of the processes inside the pod cgroups kubelet made (cgroup v1 and v2 layouts)
pod_pids() {
  local d
  for d in /sys/fs/cgroup/pids/kubepods /sys/fs/cgroup/kubepods /sys/fs/cgroup/kubepods.slice; do
    [ -d "$d" ] || continue
    find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null || true
  done | sort -un
}

# containerd-shim processes of our containerd (found by the unique socket path in their command line)
shim_pids() {
  local p
  for p in /proc/[0-9]*; do
    tr '\0' ' ' 2>/dev/null < "$p/cmdline" | grep -q -- "-address $CONTAINERD_SOCK " && echo "${p#/proc/}"
  done
  return 0
}

remove_pod_netns() {
  # network namespaces that containerd bind-mounted for our sandboxes: match their inode with the pods' netns
  local inodes="" p f
  for p in $(pod_pids); do inodes+=" $(stat -L -c %i "/proc/$p/ns/net" 2>/dev/null)"; done
  for f in /var/run/netns/cni-*; do
    [ -e "$f" ] || continue
    if [[ " $inodes " == *" $(stat -L -c %i "$f" 2>/dev/null) "* ]]; then
      umount "$f" 2>/dev/null || true; rm -f "$f"
    fi
  done
}

kill_pods() {
  remove_pod_netns
  local pids i
  for i in 1 2 3 4 5; do
    pids=$(pod_pids)
    [ -n "$pids" ] || break
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.3
  done
  pids=$(shim_pids)
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  # remove the (now empty) pod cgroups, deepest first
  local d
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods /sys/fs/cgroup/*/kubepods.slice; do
    [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  return 0
}

unmount_under() {
  local dir
  for dir in "$@"; do
    awk -v d="$dir" '$5 == d || index($5, d "/") == 1 {print $5}' /proc/self/mountinfo | sort -r |
      while read -r m; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  done
}

cleanup_network() {
  if [ -x "$K8S_BIN_DIR/kube-proxy" ]; then "$K8S_BIN_DIR/kube-proxy" --cleanup >/dev/null 2>&1 || true; fi
  ip link del "$BRIDGE" 2>/dev/null || true
  # what kube-proxy --cleanup leaves: kubelet's KUBE-FIREWALL/KUBE-KUBELET-CANARY/KUBE-MARK-MASQ, canaries, and the
  # chains the CNI portmap/bridge plugins made for our pods
  local ipt t c
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null || continue
    for t in nat filter mangle; do
      local chains
      chains=$("$ipt" -t "$t" -S 2>/dev/null | awk '$1=="-N" && $2 ~ /^(KUBE-|CNI-)/ {print $2}')
      [ -n "$chains" ] || continue
      # rules in any chain that jump to one of ours
      "$ipt" -t "$t" -S 2>/dev/null | awk '$1=="-A" && $0 ~ / -j (KUBE-|CNI-)/ {sub(/^-A/, "-D"); print}' |
        while read -r rule; do eval "$ipt -t $t $rule" 2>/dev/null || true; done
      for c in $chains; do "$ipt" -t "$t" -F "$c" 2>/dev/null || true; done
      for c in $chains; do "$ipt" -t "$t" -X "$c" 2>/dev/null || true; done
    done
  done
  # kube-router's ipsets (its chains are KUBE-*, removed above, so the sets are no longer referenced): the policy
  # sets KUBE-SRC-*/KUBE-DST-* and the TMP-<16 base32 chars> it swaps through (left over only if it was killed)
  if command -v ipset >/dev/null; then
    local s
    for s in $(ipset list -n 2>/dev/null | grep -E '^(inet6:)?(KUBE-(SRC|DST)-[A-Z2-7]{16}|TMP-[A-Z2-7]{16})$'); do
      ipset destroy "$s" 2>/dev/null || log "WARNING: cannot destroy ipset $s"
    done
  fi
}

cmd_down() {
  need_root
  local name
  for name in kube-router hostpath-provisioner coredns kube-proxy kubelet; do stop_proc "$name"; done
  kill_pods
  for name in containerd kube-scheduler kube-controller-manager kube-apiserver etcd; do stop_proc "$name"; done
  local left
  left=$(shim_pids)
  # shellcheck disable=SC2086
  [ -z "$left" ] || kill -KILL $left 2>/dev/null || true
  unmount_under "$NODE_DIR" "$RUN_DIR"
  cleanup_network
  rm -rf "$NODE_DIR" "$RUN_DIR"
  rm -rf "$STATE/pki" "$STATE/pids" "$STATE"/*.kubeconfig "$STATE"/*.yaml "$STATE"/*.toml "$STATE/Corefile" "$KUBECONFIG_OUT"
  log "cluster down (logs of the last run kept in $STATE/logs; caches kept in $RFG_CACHE)"
}

# ------------------------------------------------------------------------------------------------ up
start_controllers() { start_controller_manager; start_scheduler; }
start_node() { start_kubelet; start_kube_proxy; }
start_addons() { start_coredns; start_provisioner; }
wait_dns() { wait_for coredns 60 coredns_ready; wait_for kube-proxy 60 dns_answers; }

cmd_up() {
  need_root
  local t_start
  t_start=$(date +%s)
  step "prerequisites (Debian packages)" "$HERE/install-prereqs.sh"
  step "clean up leftovers of an earlier run" cmd_down
  step "tools (Go builds, cached)" cmd_tools
  step "images (base, pause, redis)" build_images
  HOST_IP=$(host_ip)
  log "host IP (API server advertise address, node IP): $HOST_IP"
  step "host setup (sysctl, modules)" prepare_host
  step "certificates and kubeconfigs" gen_pki
  step "etcd" start_etcd
  step "kube-apiserver" start_apiserver
  step "controller-manager + scheduler" start_controllers
  step "containerd" start_containerd
  step "load images into containerd" load_images
  step "kubelet + kube-proxy" start_node
  step "kube-dns Service, StorageClass" apply_system_objects
  step "coredns + hostpath provisioner" start_addons
  step "wait: node Ready" wait_for kubelet 120 node_ready
  step "wait: default ServiceAccount" wait_for kube-controller-manager 60 default_sa
  step "wait: CoreDNS answers via $DNS_SVC_IP" wait_dns
  step "wait: StorageClass $STORAGE_CLASS" wait_for hostpath-provisioner 30 storageclass_ok
  step "kube-router (NetworkPolicy controller)" start_kube_router
  print_timings
  log "cluster up in $(( $(date +%s) - t_start ))s"
  echo "KUBECONFIG=$KUBECONFIG_OUT"
  echo "kubectl/helm: $RFG_BIN   (eval \"\$($0 env)\")"
  echo "containerd: $CONTAINERD_SOCK (ctr --address $CONTAINERD_SOCK -n k8s.io ...); load images: images/load.sh <image:tag>..."
}

cmd_status() {
  local name rc=0
  for name in "${COMPONENTS_START[@]}"; do
    if is_running "$name"; then printf '  %-24s running (pid %s)\n' "$name" "$(cat "$(pidfile "$name")")"
    else printf '  %-24s stopped\n' "$name"; rc=1; fi
  done
  if is_running kube-router; then
    printf '  %-24s %s\n' "kube-router health" "$(curl -sS -m 2 "http://127.0.0.1:$KUBE_ROUTER_HEALTH_PORT/healthz" 2>&1 | head -1)"
  fi
  if [ -f "$KUBECONFIG_OUT" ] && is_running kube-apiserver; then
    echo "KUBECONFIG=$KUBECONFIG_OUT"
    kc get nodes -o wide || rc=1
    kc get pods -A -o wide 2>/dev/null || true
  fi
  echo "logs: $STATE/logs"
  return $rc
}

cmd_env() {
  echo "export KUBECONFIG=$KUBECONFIG_OUT"
  echo "export PATH=$RFG_BIN:\$PATH"
  echo "export CONTAINERD_ADDRESS=$CONTAINERD_SOCK"
}

case "${1:-}" in
  tools) t0=$(date +%s); step "tools (Go builds, cached)" cmd_tools; print_timings; log "tools ready in $(( $(date +%s) - t0 ))s" ;;
  prometheus|promtool) mkdir -p "$RFG_CACHE/build"; step "prometheus and promtool (Go build, cached)" build_prometheus; link_tools ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
