# The RFG images, built from the jars (./mvnw -DskipTests package first):
#   docker build --target operator -t rfg/operator:0.2.0 .
#   docker build --target sentinel -t rfg/sentinel:0.2.0 .
#   docker build --target workload -t rfg/workload:0.2.0 .    (the e2e tests' client, e2e/target/rfg-workload.jar)
# Each carries a Java runtime trimmed by jlink to the modules its jar uses, and runs as a non-root user. The lists
# are explicit: jdeps cannot see what log4j, Jackson and Netty load by reflection; the cluster tests run them.
# Base images are the public eclipse-temurin JDK and debian:bookworm-slim; on a machine without a registry,
# images/build-jdk.sh and images/build-base.sh make them locally under the same names.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG BASE_IMAGE=debian:bookworm-slim

ARG OPERATOR_MODULES=java.base,java.logging,java.xml,java.naming,java.net.http,java.management,java.sql,java.desktop,jdk.httpserver,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.naming.dns
ARG SENTINEL_MODULES=java.base,java.logging,java.naming,java.net.http,java.management,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns

FROM ${JDK_IMAGE} AS operator-jre
ARG OPERATOR_MODULES
RUN jlink --add-modules "${OPERATOR_MODULES}" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
      --output /jre

FROM ${JDK_IMAGE} AS sentinel-jre
ARG SENTINEL_MODULES
RUN jlink --add-modules "${SENTINEL_MODULES}" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
      --output /jre

FROM ${BASE_IMAGE} AS operator
COPY --from=operator-jre /jre /opt/java
COPY operator/target/rfg-operator.jar /opt/rfg/rfg-operator.jar
# Sized for the chart's memory limit (e2e/README.md, "Operator at scale"): half of it for the heap, the rest for
# metaspace, threads and malloc; C1 alone keeps the code cache and compiler threads small; two malloc arenas
# instead of one per thread.
ENV JAVA_HOME=/opt/java LANG=C.UTF-8 MALLOC_ARENA_MAX=2
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/opt/java/bin/java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", \
  "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=/tmp", "-jar", "/opt/rfg/rfg-operator.jar"]

FROM ${BASE_IMAGE} AS sentinel
COPY --from=sentinel-jre /jre /opt/java
COPY sentinel-sidecar/target/rfg-sentinel.jar /opt/rfg/rfg-sentinel.jar
COPY sentinel-sidecar/bin/rfg-sentinel /usr/local/bin/rfg-sentinel
ENV JAVA_HOME=/opt/java RFG_SENTINEL_JAR=/opt/rfg/rfg-sentinel.jar LANG=C.UTF-8
# The redis user of the Redis image: the sidecar writes the runtime include Redis reads.
USER 999:999
EXPOSE 26379 8080
ENTRYPOINT ["/usr/local/bin/rfg-sentinel"]

# The e2e workload (issue #7): Jedis writers and a small HTTP report, e2e/src/main/java/dev/rfg/e2e/workload. It
# needs no module the sentinel's runtime lacks (java.base, java.management for commons-pool2, jdk.httpserver).
FROM ${BASE_IMAGE} AS workload
COPY --from=sentinel-jre /jre /opt/java
COPY e2e/target/rfg-workload.jar /opt/rfg/rfg-workload.jar
ENV JAVA_HOME=/opt/java LANG=C.UTF-8
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/opt/java/bin/java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", \
  "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=/tmp", "-jar", "/opt/rfg/rfg-workload.jar"]
