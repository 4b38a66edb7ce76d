#!/usr/bin/env bash
# Builds the project's images from the jars: rfg/operator:<version>, rfg/sentinel:<version> and the e2e tests'
# client rfg/workload:<version>, with the base images the Dockerfile names made locally when no registry can be
# reached (images/build-*.sh), plus the server images of images/servers (the CRD's default first). With --load,
# imports them into the local cluster's containerd.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$RFG_ROOT/images/lib.sh"
cd "$RFG_ROOT"
VERSION=${RFG_VERSION:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}/\1/p' helm/rfg-operator/Chart.yaml)}
load=false
[ "${1:-}" = "--load" ] && load=true
# The server images to build and load: every server of images/servers (the tests run groups on each), or with
# RFG_SERVER_IMAGES=default only the CRD's default (make demo).
if [ "${RFG_SERVER_IMAGES:-all}" = default ]; then
  servers=("$(images/build-redis.sh --list | head -1)")
else
  mapfile -t servers < <(images/build-redis.sh --list)
fi

build_jars() {
  if [ ! -f operator/target/rfg-operator.jar ] || [ ! -f sentinel-sidecar/target/rfg-sentinel.jar ] \
      || [ -n "$(find crds/src operator/src sentinel-sidecar/src -newer operator/target/rfg-operator.jar -type f | head -1)" ]; then
    ./mvnw -B -ntp -q -DskipTests package -pl operator,sentinel-sidecar -am
  fi
  if [ ! -f e2e/target/rfg-workload.jar ] \
      || [ -n "$(find e2e/src/main e2e/pom.xml -newer e2e/target/rfg-workload.jar -type f | head -1)" ]; then
    ./mvnw -B -ntp -q -DskipTests package -pl e2e -am
  fi
}

base_images() {
  ensure_dockerd
  images/build-base.sh
  images/build-jdk.sh
  images/build-redis.sh "${servers[@]}"
}

project_images() {
  for target in operator sentinel workload; do
    "$DOCKER" build -q --network host --target "$target" -t "rfg/$target:$VERSION" . >/dev/null
    echo "built rfg/$target:$VERSION"
  done
}

step "jars" build_jars
step "base images (local, cached)" base_images
step "rfg images" project_images
if $load; then
  # shellcheck disable=SC2046
  step "load into the cluster's containerd" images/load.sh "rfg/operator:$VERSION" "rfg/sentinel:$VERSION" "rfg/workload:$VERSION" \
    $(images/build-redis.sh --all-tags "${servers[@]}")
fi
