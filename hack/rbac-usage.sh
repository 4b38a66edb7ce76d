#!/usr/bin/env bash
# What each RFG identity did with the API, from the audit log of a local cluster started with RFG_AUDIT=1
# (e2e/cluster/cluster.sh): one line per identity, API group, resource and verb, with how often and which
# answers it got. Run after a test tier to see which verbs of the chart's ClusterRole and the sidecar Role are
# used, and whether any was refused (403).
#
#   hack/rbac-usage.sh [audit.log ...]     default: ~/.cache/rfg/cluster/logs/audit*.log
set -euo pipefail
logs=("$@")
if [ ${#logs[@]} -eq 0 ]; then
  logs=("${RFG_CACHE:-$HOME/.cache/rfg}"/cluster/logs/audit*.log)
fi
# Sidecar ServiceAccounts are per group (NAME-sentinel in any namespace): one line for all of them.
jq -r 'select(.user.username | test("^system:serviceaccount:(rfg-system:|.*-sentinel$)"))
  | [ (.user.username | if test("-sentinel$") then "sidecar (GROUP-sentinel)" else sub("^system:serviceaccount:"; "") end),
      (.objectRef.apiGroup // "core"),
      (.objectRef.resource // .requestURI) + (if .objectRef.subresource then "/" + .objectRef.subresource else "" end),
      .verb, (if .annotations["authorization.k8s.io/decision"] == "forbid" then "RBAC-denied" else (.responseStatus.code | tostring) end) ] | @tsv' "${logs[@]}" \
  | sort | uniq -c | sed -E 's/^ *([0-9]+) /\1\t/' \
  | awk -F '\t' 'BEGIN { OFS = "\t" }
         { key = $2 "\t" $3 "\t" $4 "\t" $5; n[key] += $1; codes[key] = codes[key] " " $6 "x" $1 }
         END { for (k in n) print k, n[k], codes[k] }' \
  | sort | column -t -s $'\t' -N IDENTITY,GROUP,RESOURCE,VERB,REQUESTS,ANSWERS
