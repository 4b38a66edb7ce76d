#!/usr/bin/env bash
# JDK base image for the jlink stage of the project's Dockerfile, made from the JDK installed on this machine
# (no registry): the whole JDK in debian:bookworm-slim, tagged eclipse-temurin:<major>-jdk, the name the
# Dockerfile uses, so `docker build` runs here unchanged. Cached: a present tag is kept unless --force.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
JDK=${JDK_HOME:-}
if [ -z "$JDK" ] || [ ! -x "$JDK/bin/jlink" ]; then
  JDK=$(ls -d /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-*-jdk-* 2>/dev/null | head -1)
fi
[ -x "$JDK/bin/jlink" ] || { echo "no JDK with jlink under /usr/lib/jvm (set JDK_HOME)" >&2; exit 1; }
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JDK/release")
TAG=${JDK_TAG:-eclipse-temurin:$major-jdk}
ensure_dockerd
"$here/build-base.sh" >/dev/null
if [ "${1:-}" != "--force" ] && have_image "$TAG"; then echo "jdk image $TAG present"; exit 0; fi
ctx=$(mktemp -d); trap 'rm -rf "$ctx"' EXIT
cp -a "$JDK" "$ctx/jdk"
# keep man/: JDK 24+ jlink links from the run-time image (no jmods) and checks the SHA-512 of every file the
# modules own, man pages included ("SHA-512 sum check failed!" when they are missing)
rm -f "$ctx/jdk/lib/src.zip"
# Debian-style JDK packages link lib/security/cacerts to /etc/ssl/certs/java/cacerts, absent in the image: copy
# every link that leaves the JDK as the file it points to
find "$ctx/jdk" -type l -lname '/*' | while read -r l; do cp --remove-destination -L "$JDK/${l#"$ctx/jdk/"}" "$l"; done
cat > "$ctx/Dockerfile" <<'X'
FROM debian:bookworm-slim
COPY jdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8
# binutils: jlink --strip-debug runs objcopy (the official eclipse-temurin JDK images ship it for that reason)
RUN apt-get update && apt-get install -y --no-install-recommends binutils && rm -rf /var/lib/apt/lists/* \
 && java -version && jlink --version
X
"$DOCKER" build -q --network host -t "$TAG" "$ctx" >/dev/null
echo "jdk image: $TAG (from $JDK)"
