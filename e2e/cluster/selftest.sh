#!/usr/bin/env bash
# Smoke test of the local cluster (e2e/cluster/cluster.sh up): exits non-zero on the first failed check.
#  1. node Ready
#  2. a Redis StatefulSet pod (the locally built default server image, imagePullPolicy IfNotPresent) with a PVC from the default
#     StorageClass (volumeClaimTemplates) reaches Running/Ready; the PVC is Bound and writable by uid 999 (SAVE)
#  3. from another pod: the Service name and the pod's headless name resolve through CoreDNS, and redis-cli through the Service
#     (kube-proxy, iptables) reaches the Redis pod; kubernetes.default.svc:443 is reachable and the
#     ServiceAccount token is mounted
#  4. hairpin: the Redis pod reaches itself through its own Service
#  5. in-cluster API access like an operator: ServiceAccount token + CA against https://kubernetes.default.svc
#     (rfg-toolbox image with curl; built and loaded if missing)
#  6. NetworkPolicy is enforced (kube-router): a server pod selected by a policy that admits only pods labelled
#     np-access=true: the labelled toolbox pod connects, the unlabelled one is refused; the node (kubelet's probe, a
#     connection from the host to the pod IP) still gets in; once the policy is deleted the unlabelled pod gets in again
#  7. deleting the namespace releases the PV and the provisioner deletes it
# All waits are bounded (kubectl wait --timeout, or polling a condition until a deadline).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
set -a; . "$HERE/versions.env"; set +a
RFG_CACHE=${RFG_CACHE:-$HOME/.cache/rfg}
export KUBECONFIG=${KUBECONFIG:-$RFG_CACHE/cluster/kubeconfig}
KUBECTL=${KUBECTL:-$RFG_CACHE/bin/kubectl}
[ -x "$KUBECTL" ] || KUBECTL=kubectl
NS=rfg-selftest
IMAGE=${SELFTEST_IMAGE:-$("$HERE/../../images/build-redis.sh" --default-tag)}
k() { "$KUBECTL" "$@"; }

t0=$(date +%s)
ok() { printf '  ok  %-60s (%ss)\n' "$1" "$(( $(date +%s) - t0 ))"; }
fail() {
  echo "FAIL: $1" >&2
  { k get nodes -o wide; k -n "$NS" get all,pvc,networkpolicy -o wide; k get pv; k -n "$NS" describe pods;
    k -n "$NS" get events --sort-by=.lastTimestamp | tail -20; } >&2 2>&1 || true
  exit 1
}

k delete namespace "$NS" --ignore-not-found --wait=true --timeout=60s >/dev/null || fail "old namespace $NS not deleted"

k wait --for=condition=Ready node --all --timeout=60s >/dev/null || fail "node not Ready"
ok "node Ready"

k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: $NS}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis, namespace: $NS}
spec:
  replicas: 1
  serviceName: redis-headless
  selector: {matchLabels: {app: redis-selftest}}
  template:
    metadata: {labels: {app: redis-selftest}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: redis
        image: $IMAGE
        imagePullPolicy: IfNotPresent
        ports: [{containerPort: 6379}]
        readinessProbe:
          exec: {command: [redis-cli, ping]}
          periodSeconds: 1
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 100Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: redis-headless, namespace: $NS}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector: {app: redis-selftest}
  ports: [{port: 6379, targetPort: 6379}]
---
apiVersion: v1
kind: Service
metadata: {name: redis-selftest, namespace: $NS}
spec:
  selector: {app: redis-selftest}
  ports: [{port: 6379, targetPort: 6379}]
EOF

k -n "$NS" rollout status statefulset/redis --timeout=120s >/dev/null || fail "StatefulSet redis not ready"
ok "StatefulSet pod redis-0 Running and Ready ($IMAGE)"
k -n "$NS" wait --for=jsonpath='{.status.phase}'=Bound pvc/data-redis-0 --timeout=60s >/dev/null || fail "PVC not Bound"
ok "PVC bound by the default StorageClass ($(k get storageclass -o name | head -1))"
[ "$(k -n "$NS" exec redis-0 -- redis-cli save)" = OK ] || fail "SAVE into the PVC failed"
k -n "$NS" exec redis-0 -- test -s /data/dump.rdb || fail "no dump.rdb on the PVC"
ok "PVC writable by uid 999 (SAVE -> /data/dump.rdb)"

k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: $NS}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 1
  containers:
  - name: client
    image: $IMAGE
    imagePullPolicy: IfNotPresent
    command:
    - bash
    - -ec
    - |
      getent hosts redis-selftest
      getent hosts redis-selftest.$NS.svc.cluster.local
      getent hosts kubernetes.default.svc.cluster.local
      getent hosts redis-0.redis-headless.$NS.svc.cluster.local
      # kube-proxy programs a new Service's endpoints within about a second of the pod turning Ready, but not
      # always (a CI run waited longer): until it has, a SYN to the ClusterIP can go unanswered, and redis-cli 7.0
      # has no connect timeout, so every attempt is bounded and retried for up to 30 s.
      for i in \$(seq 1 60); do [ "\$(timeout 2 redis-cli -h redis-selftest ping 2>/dev/null)" = PONG ] && break; sleep 0.5; done
      timeout 5 redis-cli -h redis-selftest set selftest routed
      echo "value=\$(timeout 5 redis-cli -h redis-selftest get selftest)"
      test -s /var/run/secrets/kubernetes.io/serviceaccount/token
      timeout 5 bash -c '</dev/tcp/kubernetes.default.svc/443' && echo apiserver-reachable
EOF
k -n "$NS" wait --for=jsonpath='{.status.phase}'=Succeeded pod/client --timeout=120s >/dev/null ||
  { k -n "$NS" logs client >&2 || true; fail "client pod did not succeed"; }
out=$(k -n "$NS" logs client)
echo "$out" | sed 's/^/      /'
grep -q '^value=routed$' <<<"$out" || fail "redis through the Service did not answer"
grep -q '^apiserver-reachable$' <<<"$out" || fail "kubernetes.default.svc:443 not reachable from a pod"
grep -q 'redis-0.redis-headless' <<<"$out" || fail "StatefulSet pod DNS name not resolved"
ok "DNS (Service, headless pod name) + Service routing (kube-proxy) + API server TCP from a pod"

[ "$(k -n "$NS" exec redis-0 -- redis-cli -h redis-selftest.$NS.svc.cluster.local get selftest)" = routed ] ||
  fail "hairpin (pod -> own Service) failed"
ok "hairpin: pod reaches itself through its Service"

TOOLBOX=${TOOLBOX_IMAGE:-rfg-toolbox:latest}
if ! ctr --address "${CONTAINERD_ADDRESS:-/run/rfg-cluster/containerd.sock}" -n k8s.io images ls -q 2>/dev/null |
    grep -qx "docker.io/library/$TOOLBOX"; then
  "$HERE/../../images/build-toolbox.sh" >/dev/null && "$HERE/../../images/load.sh" "$TOOLBOX" >/dev/null ||
    fail "cannot build/load $TOOLBOX"
fi
k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: $NS}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 1
  containers:
  - name: api
    image: $TOOLBOX
    imagePullPolicy: IfNotPresent
    command:
    - sh
    - -ec
    - |
      T=/var/run/secrets/kubernetes.io/serviceaccount
      curl -sS --fail-with-body --cacert \$T/ca.crt -H "Authorization: Bearer \$(cat \$T/token)" \
        -H 'Content-Type: application/json' -X POST \
        -d '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}' \
        "https://\$KUBERNETES_SERVICE_HOST:\$KUBERNETES_SERVICE_PORT/apis/authentication.k8s.io/v1/selfsubjectreviews" |
        grep -o '"username": *"[^"]*"'
EOF
k -n "$NS" wait --for=jsonpath='{.status.phase}'=Succeeded pod/api --timeout=90s >/dev/null ||
  { k -n "$NS" logs api >&2 || true; fail "in-cluster API access failed"; }
grep -q "system:serviceaccount:$NS:default" <<<"$(k -n "$NS" logs api)" || fail "token not accepted by the API server"
ok "in-cluster config: SA token + CA -> kubernetes Service -> API server"

# --- NetworkPolicy enforcement (kube-router's firewall; cluster.sh up starts it)
# until_ok <seconds> <command...>: polls the command until it succeeds; 1 when the deadline passes first
until_ok() {
  local end=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -lt "$end" ] || return 1; sleep 0.2; done
}
# can/cannot <client-pod>: a TCP connection from that pod to np-server:8080 succeeds / fails (nc's own exit code, so
# a failing kubectl exec counts as neither; 2 s connect timeout, the policy's REJECT answers at once)
probe() { k -n "$NS" exec "$1" -- sh -c "nc -z -w 2 $NP_IP 8080 2>/dev/null; echo rc=\$?" 2>/dev/null; }
can() { [ "$(probe "$1")" = rc=0 ]; }
cannot() { [ "$(probe "$1")" = rc=1 ]; }
host_can() { timeout 3 bash -c "exec 3<>/dev/tcp/$NP_IP/8080"; }
np_server_ready() {
  [ "$(k -n "$NS" get pod np-server -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}')" = True ]
}
k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: np-server, namespace: $NS, labels: {app: np-server}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: server
    image: $TOOLBOX
    imagePullPolicy: IfNotPresent
    command: [nc, -lk, "8080"]
    ports: [{containerPort: 8080}]
    # kubelet's TCP probe comes from the node: it must keep passing under the policy
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1, failureThreshold: 2}
---
apiVersion: v1
kind: Pod
metadata: {name: np-allowed, namespace: $NS, labels: {np-access: "true"}}
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: c, image: $TOOLBOX, imagePullPolicy: IfNotPresent}]
---
apiVersion: v1
kind: Pod
metadata: {name: np-other, namespace: $NS}
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: c, image: $TOOLBOX, imagePullPolicy: IfNotPresent}]
EOF
k -n "$NS" wait --for=condition=Ready pod/np-server pod/np-allowed pod/np-other --timeout=90s >/dev/null ||
  fail "NetworkPolicy test pods not Ready"
NP_IP=$(k -n "$NS" get pod np-server -o jsonpath='{.status.podIP}')
{ until_ok 20 can np-allowed && until_ok 20 can np-other; } ||
  fail "no policy yet, but a toolbox pod cannot reach np-server $NP_IP:8080"
ok "no policy: both toolbox pods reach np-server $NP_IP:8080"

k apply -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np-server, namespace: $NS}
spec:
  podSelector: {matchLabels: {app: np-server}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {np-access: "true"}}}]
    ports: [{protocol: TCP, port: 8080}]
EOF
t_np=$(date +%s%N)
until_ok 30 cannot np-other ||
  fail "NetworkPolicy not enforced 30 s after create: np-other still reaches np-server (kube-router running? cluster.sh status)"
d_np=$(( ($(date +%s%N) - t_np) / 1000000 ))
cannot np-other || fail "np-other got through again under the policy"
can np-allowed || fail "np-allowed (np-access=true) is refused under the policy that admits it"
ok "policy: np-other refused (${d_np} ms after create), np-allowed (np-access=true) admitted"
host_can || fail "a connection from the host to np-server's pod IP is refused under the policy (node traffic must pass)"
# kubelet probes every second: Ready must hold over a few periods under the policy
end_np=$(( $(date +%s) + 4 ))
while [ "$(date +%s)" -lt "$end_np" ]; do
  np_server_ready || fail "np-server lost Ready under the policy (kubelet's probe from the node blocked?)"
  sleep 0.5
done
ok "policy: host -> pod IP connects, kubelet's TCP probe keeps np-server Ready"

k -n "$NS" delete networkpolicy np-server --wait=true >/dev/null || fail "deleting the NetworkPolicy"
t_np=$(date +%s%N)
until_ok 30 can np-other || fail "np-other still refused 30 s after the NetworkPolicy was deleted"
d_np=$(( ($(date +%s%N) - t_np) / 1000000 ))
ok "policy deleted: np-other reaches np-server again (${d_np} ms after delete)"
k -n "$NS" delete pod np-server np-allowed np-other --wait=true --timeout=60s >/dev/null ||
  fail "deleting the NetworkPolicy test pods"

pv=$(k -n "$NS" get pvc data-redis-0 -o jsonpath='{.spec.volumeName}')
k delete namespace "$NS" --wait=true --timeout=90s >/dev/null || fail "namespace deletion"
k wait --for=delete "pv/$pv" --timeout=60s >/dev/null || fail "PV $pv not deleted after release"
ok "namespace deleted, PV $pv reclaimed"
echo "selftest passed in $(( $(date +%s) - t0 ))s"
