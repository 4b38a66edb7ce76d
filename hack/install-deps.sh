#!/usr/bin/env bash
# What the tests need on the machine: Redis and Sentinel from Debian for the protocol tests, redis-py for the
# client tests. The cluster tier installs its own (e2e/cluster/cluster.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
apt_install redis-server redis-sentinel redis-tools python3-redis procps
# Debian starts the packaged services; the tests run their own processes on free ports.
if command -v systemctl >/dev/null 2>&1; then systemctl stop redis-server redis-sentinel >/dev/null 2>&1 || true; fi
pkill -x redis-server >/dev/null 2>&1 || true
pkill -x redis-sentinel >/dev/null 2>&1 || true
