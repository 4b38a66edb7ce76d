package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.RedisSpec;

import java.util.Map;
import java.util.TreeMap;

/**
 * redis.conf as the ConfigMap carries it. It holds no password and no role: the sidecar writes both into
 * {@link #RUNTIME_CONF} on a memory volume before Redis starts, from the Secret and its role decision.
 */
public final class RedisConfRenderer {

  public static final String CONFIG_DIR = "/etc/rfg";
  public static final String REDIS_CONF = "redis.conf";
  public static final String RUNTIME_DIR = "/run/rfg";
  public static final String RUNTIME_CONF = RUNTIME_DIR + "/redis-runtime.conf";
  public static final String DATA_DIR = "/data";
  public static final int REDIS_PORT = 6379;

  private RedisConfRenderer() {
  }

  public static String render(RedisSpec redis) {
    StringBuilder conf = new StringBuilder();
    conf.append("# Rendered by the RFG operator. Replication, passwords and the announced name are set at\n")
        .append("# start: see the include at the end.\n");
    line(conf, "port", String.valueOf(REDIS_PORT));
    line(conf, "bind", "* -::*");
    line(conf, "protected-mode", "no");
    line(conf, "dir", DATA_DIR);
    // Replicas that lose their master keep serving reads, and a restarted replica syncs before it counts.
    line(conf, "replica-serve-stale-data", "yes");
    line(conf, "replica-read-only", "yes");
    if (redis.getMinReplicasToWrite() != null && redis.getMinReplicasToWrite() > 0) {
      line(conf, "min-replicas-to-write", String.valueOf(redis.getMinReplicasToWrite()));
      line(conf, "min-replicas-max-lag", String.valueOf(redis.getMinReplicasMaxLag()));
    }
    if (redis.getConfig() != null && !redis.getConfig().isEmpty()) {
      conf.append("# spec.redis.config\n");
      for (Map.Entry<String, String> e : new TreeMap<>(redis.getConfig()).entrySet()) {
        line(conf, e.getKey(), e.getValue());
      }
    }
    line(conf, "include", RUNTIME_CONF);
    return conf.toString();
  }

  private static void line(StringBuilder conf, String directive, String value) {
    conf.append(directive).append(' ').append(value).append('\n');
  }
}
