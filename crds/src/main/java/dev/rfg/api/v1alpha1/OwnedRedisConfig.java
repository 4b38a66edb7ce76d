package dev.rfg.api.v1alpha1;

import java.util.List;
import java.util.Locale;

/**
 * redis.conf directives the operator and the sidecar set themselves. A user value for any of them would
 * break replication, addressing or the password handling, so the CRD refuses them by name (one CEL rule per
 * key, added by {@code dev.rfg.api.build.OwnedConfigRules}: a constant-key rule costs the API server almost
 * nothing, where one rule looping over the keys exceeds its cost budget).
 */
public final class OwnedRedisConfig {

  public static final List<String> KEYS = List.of(
      "replicaof", "slaveof", "port", "bind", "dir", "dbfilename", "appenddirname", "requirepass",
      "masterauth", "masteruser", "replica-announce-ip", "slave-announce-ip", "replica-announce-port",
      "slave-announce-port", "min-replicas-to-write", "min-slaves-to-write", "min-replicas-max-lag",
      "min-slaves-max-lag", "daemonize", "pidfile", "include", "unixsocket", "protected-mode", "aclfile",
      "rename-command");

  private OwnedRedisConfig() {
  }

  public static boolean isOwned(String directive) {
    return KEYS.contains(directive.toLowerCase(Locale.ROOT));
  }
}
