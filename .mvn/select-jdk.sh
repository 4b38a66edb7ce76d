# Sourced (POSIX sh) by ./mvnw and .ci/run: make JAVA_HOME point at a JDK >= 21.
# Keeps a JAVA_HOME that is already new enough; otherwise takes the newest JDK under /usr/lib/jvm.
rfg_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
rfg_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(rfg_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  rfg_best="" rfg_best_major=0
  case "$-" in *f*) rfg_noglob=1; set +f ;; *) rfg_noglob=0 ;; esac
  for rfg_dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$rfg_dir/bin/javac" ] || continue
    rfg_major="$(rfg_java_major "$rfg_dir")"
    if [ -n "$rfg_major" ] && [ "$rfg_major" -gt "$rfg_best_major" ]; then
      rfg_best="$rfg_dir" rfg_best_major="$rfg_major"
    fi
  done
  [ "$rfg_noglob" = 1 ] && set -f
  if [ "$rfg_best_major" -lt 21 ]; then
    echo "RFG needs a JDK 21 or newer; none found (JAVA_HOME='${JAVA_HOME-}', searched /usr/lib/jvm, /opt)." >&2
    echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME="$rfg_best"
  export JAVA_HOME
}
rfg_select_jdk || exit 1
