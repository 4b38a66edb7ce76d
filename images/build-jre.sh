#!/usr/bin/env bash
# Java runtime base image for the operator and sidecar images, made from the JDK installed on this machine
# (no registry): jlink a full runtime (all modules) into debian:bookworm-slim and tag it
#   eclipse-temurin:<major>-jre   (e.g. eclipse-temurin:25-jre; JAVA_HOME picks the JDK)
# A Dockerfile `FROM eclipse-temurin:25-jre` then builds here unchanged.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
JDK=${JDK_HOME:-${JAVA_HOME:-}}
if [ -z "$JDK" ] || [ ! -x "$JDK/bin/jlink" ]; then
  JDK=$(ls -d /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-*-jdk-* 2>/dev/null | head -1)
fi
[ -x "$JDK/bin/jlink" ] || { echo "no JDK with jlink found (set JAVA_HOME)" >&2; exit 1; }
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JDK/release")
TAG=${JRE_TAG:-eclipse-temurin:$major-jre}
ensure_dockerd
"$here/build-base.sh" >/dev/null
if [ "${1:-}" != "--force" ] && have_image "$TAG"; then echo "jre image $TAG present"; exit 0; fi
ctx=$(mktemp -d); trap 'rm -rf "$ctx"' EXIT
# JDK 24+ may ship without jmods (JEP 493: jlink links from the run-time image); name the modules explicitly
want="java.se jdk.unsupported jdk.management jdk.management.agent jdk.management.jfr jdk.jfr jdk.naming.dns \
  jdk.httpserver jdk.zipfs jdk.localedata jdk.charsets jdk.crypto.ec jdk.crypto.cryptoki jdk.security.auth \
  jdk.security.jgss jdk.net jdk.jdwp.agent jdk.attach jdk.jcmd jdk.jstatd jdk.internal.le"
have=$("$JDK/bin/java" --list-modules | sed 's/@.*//')
mods=$(for m in $want; do grep -qx "$m" <<<"$have" && echo "$m"; done | paste -sd, -)
mp=(); [ -d "$JDK/jmods" ] && mp=(--module-path "$JDK/jmods")
"$JDK/bin/jlink" "${mp[@]}" --add-modules "$mods" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$ctx/jre"
cat > "$ctx/Dockerfile" <<'X'
FROM debian:bookworm-slim
COPY jre /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8
RUN java -version
X
"$DOCKER" build -q -t "$TAG" "$ctx" >/dev/null
echo "jre image: $TAG (jlinked from $JDK)"
