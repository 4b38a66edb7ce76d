package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.api.v1alpha1.RedisFailoverGroupSpec;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

/**
 * sentinel.properties in the ConfigMap: what every sidecar of the group needs to know and may change without
 * restarting pods (the sidecars read it from the mounted file at start, then follow the ConfigMap through the API
 * server every 2 s: docs/sidecar-contract.md). Scaling changes {@code replicas} here, not the pod template, so it
 * never rolls the pods.
 */
public final class SentinelSettingsRenderer {

  public static final String SENTINEL_PROPERTIES = "sentinel.properties";
  public static final int SENTINEL_PORT = 26379;
  /** The sentinels' admin user (the sidecar's SentinelUsers.ADMIN): its password is in NAME-sentinel-admin. */
  public static final String ADMIN_USER = "rfg-admin";
  static final int DEFAULT_PREVIOUS_PASSWORD_GRACE_SECONDS = 300;

  private SentinelSettingsRenderer() {
  }

  /**
   * {@code voters}: see {@code rollout.VoterCount}; the default quorum follows it, a quorum the spec sets is capped
   * by it.
   */
  public static String render(RedisFailoverGroup group, GroupNames names, int voters) {
    RedisFailoverGroupSpec spec = group.getSpec();
    int replicas = spec.getReplicas();
    StringBuilder props = new StringBuilder("# Rendered by the RFG operator for the sentinel sidecars.\n");
    prop(props, "master-name", names.monitoredMaster());
    prop(props, "group-uid", group.getMetadata().getUid());
    prop(props, "replicas", replicas);
    prop(props, "voters", voters);
    prop(props, "quorum", Math.min(spec.getSentinel().effectiveQuorum(voters), voters));
    prop(props, "down-after-milliseconds", spec.getSentinel().getDownAfterMilliseconds());
    prop(props, "failover-timeout", spec.getSentinel().getFailoverTimeoutMilliseconds());
    prop(props, "parallel-syncs", spec.getSentinel().getParallelSyncs());
    // At the group's first creation pod 0 starts as master; afterwards only the sentinels decide.
    prop(props, "bootstrap-master", names.pod(0));
    prop(props, "headless-service", names.headlessService());
    prop(props, "cluster-domain", names.clusterDomain());
    prop(props, "redis-port", RedisConfRenderer.REDIS_PORT);
    prop(props, "sentinel-port", SENTINEL_PORT);
    var auth = spec.getAuth();
    prop(props, "previous-password-grace-seconds", auth == null || auth.getPreviousPasswordGraceSeconds() == null
        ? DEFAULT_PREVIOUS_PASSWORD_GRACE_SECONDS : auth.getPreviousPasswordGraceSeconds());
    // The applications' users: the rules here (followed live), the passwords in their Secrets' files.
    for (var user : auth == null || auth.getUsers() == null ? java.util.List.<dev.rfg.api.v1alpha1.AclUserSpec>of()
        : auth.getUsers()) {
      prop(props, "acl-user." + user.getName(), user.getRules().replace("\\", "\\\\"));
    }
    return props.toString();
  }

  /** The voters line of a rendered sentinel.properties, or null when it has none (a new group, an older operator). */
  public static Integer renderedVoters(String sentinelProperties) {
    if (sentinelProperties == null) {
      return null;
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(sentinelProperties));
      String v = p.getProperty("voters");
      return v == null ? null : Integer.valueOf(v.trim());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static void prop(StringBuilder props, String key, Object value) {
    props.append(key).append('=').append(value == null ? "" : value).append('\n');
  }
}
