#!/usr/bin/env bash
# What the tests need on the machine: Redis and Sentinel from Debian for the protocol tests, redis-py for the
# client tests. The cluster tier installs its own (e2e/cluster/cluster.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
apt_install redis-server redis-sentinel redis-tools python3-redis procps
# Debian may start the packaged services; the tests run their own processes on free ports, so stop those
# services (only them: a redis-server inside a pod of a local cluster is visible from here too).
if command -v systemctl >/dev/null 2>&1; then systemctl stop redis-server redis-sentinel >/dev/null 2>&1 || true; fi
if command -v service >/dev/null 2>&1; then
  service redis-server stop >/dev/null 2>&1 || true
  service redis-sentinel stop >/dev/null 2>&1 || true
fi
