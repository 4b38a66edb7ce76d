#!/bin/sh
# Minimal stand-in for the official images' entrypoint: `docker run <image>` runs @PREFIX@-server, and
# `... --port 7000` or `... /etc/redis/redis.conf` run it with those arguments.
set -e
if [ $# -eq 0 ] || [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- @PREFIX@-server "$@"
fi
exec "$@"
