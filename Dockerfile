# The RFG images, built from the jars (./mvnw -DskipTests package first):
#   docker build --target operator -t rfg/operator:0.1.0 .
#   docker build --target sentinel -t rfg/sentinel:0.1.0 .
# Each carries a Java runtime trimmed by jlink to the modules its jar uses (jdeps), and runs as a non-root user.
# Base images are the public eclipse-temurin JDK and debian:bookworm-slim; on a machine without a registry,
# images/build-jdk.sh and images/build-base.sh make them locally under the same names.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${JDK_IMAGE} AS operator-jre
COPY operator/target/rfg-operator.jar /build/app.jar
# jdk.crypto.ec: TLS to the API server with EC keys; jdk.naming.dns: name lookups without /etc/hosts entries.
RUN modules="$(jdeps --ignore-missing-deps --multi-release 21 --print-module-deps /build/app.jar)" \
 && jlink --add-modules "${modules},jdk.crypto.ec,jdk.naming.dns" --strip-debug --no-man-pages \
      --no-header-files --compress=zip-6 --output /jre

FROM ${JDK_IMAGE} AS sentinel-jre
COPY sentinel-sidecar/target/rfg-sentinel.jar /build/app.jar
RUN modules="$(jdeps --ignore-missing-deps --multi-release 21 --print-module-deps /build/app.jar)" \
 && jlink --add-modules "${modules},jdk.crypto.ec,jdk.naming.dns" --strip-debug --no-man-pages \
      --no-header-files --compress=zip-6 --output /jre

FROM ${BASE_IMAGE} AS operator
COPY --from=operator-jre /jre /opt/java
COPY operator/target/rfg-operator.jar /opt/rfg/rfg-operator.jar
ENV JAVA_HOME=/opt/java LANG=C.UTF-8
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/opt/java/bin/java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", \
  "-XX:+UseSerialGC", "-Djava.io.tmpdir=/tmp", "-jar", "/opt/rfg/rfg-operator.jar"]

FROM ${BASE_IMAGE} AS sentinel
COPY --from=sentinel-jre /jre /opt/java
COPY sentinel-sidecar/target/rfg-sentinel.jar /opt/rfg/rfg-sentinel.jar
COPY sentinel-sidecar/bin/rfg-sentinel /usr/local/bin/rfg-sentinel
ENV JAVA_HOME=/opt/java RFG_SENTINEL_JAR=/opt/rfg/rfg-sentinel.jar LANG=C.UTF-8
# The redis user of the Redis image: the sidecar writes the runtime include Redis reads.
USER 999:999
EXPOSE 26379 8080
ENTRYPOINT ["/usr/local/bin/rfg-sentinel"]
