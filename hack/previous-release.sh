#!/usr/bin/env bash
# Builds the previous release (hack/previous-release) from its commit, for the upgrade test: its source from git
# (git archive, so nothing of this checkout changes), its jars in that source tree (mvn package: nothing goes into
# ~/.m2), its images rfg/operator:V and rfg/sentinel:V with its own Dockerfile. Cached under
# ~/.cache/rfg/releases/V by commit. With --load, imports the images into the local cluster's containerd.
# Prints the release's chart directory last.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$RFG_ROOT/images/lib.sh"
cd "$RFG_ROOT"
read -r VERSION COMMIT < <(grep -v '^#' hack/previous-release | grep -v '^[[:space:]]*$' | head -1)
DIR=$RFG_CACHE/releases/$VERSION
load=false
[ "${1:-}" = "--load" ] && load=true

source_tree() {
  if [ "$(cat "$DIR/commit" 2>/dev/null)" = "$COMMIT" ] && [ -f "$DIR/src/operator/target/rfg-operator.jar" ]; then
    echo "release $VERSION ($COMMIT) already built in $DIR"; return
  fi
  if ! git cat-file -e "$COMMIT^{commit}" 2>/dev/null; then
    # a shallow clone: fetch just that commit from where this one came from
    git fetch -q --depth 1 origin "$COMMIT"
  fi
  rm -rf "$DIR"; mkdir -p "$DIR/src"
  git archive "$COMMIT" | tar -x -C "$DIR/src"
  (cd "$DIR/src" && ./mvnw -B -ntp -q -DskipTests package -pl operator,sentinel-sidecar -am)
  echo "$COMMIT" > "$DIR/commit"
}

release_images() {
  ensure_dockerd
  # the bases (eclipse-temurin:25-jdk, debian:bookworm-slim) are the ones hack/images.sh made for this checkout
  images/build-base.sh
  images/build-jdk.sh
  for target in operator sentinel; do
    (cd "$DIR/src" && "$DOCKER" build -q --network host --target "$target" -t "rfg/$target:$VERSION" . >/dev/null)
    echo "built rfg/$target:$VERSION from $COMMIT"
  done
}

step "release $VERSION: source and jars" source_tree
step "release $VERSION: images" release_images
if $load; then
  step "release $VERSION: load into the cluster's containerd" images/load.sh "rfg/operator:$VERSION" "rfg/sentinel:$VERSION"
fi
echo "$DIR/src/helm/rfg-operator"
