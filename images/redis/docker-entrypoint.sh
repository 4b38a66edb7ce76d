#!/bin/sh
# Minimal stand-in for the official image's entrypoint: `docker run redis:7.0.15 --port 7000` and
# `... /etc/redis/redis.conf` run redis-server with those arguments.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
exec "$@"
