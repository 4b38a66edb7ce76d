package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;

/** The names of everything a group owns, and the DNS names its pods are addressed by. */
public record GroupNames(String group, String namespace, String clusterDomain) {

  public static GroupNames of(RedisFailoverGroup group, String clusterDomain) {
    return new GroupNames(group.getMetadata().getName(), group.getMetadata().getNamespace(), clusterDomain);
  }

  public String statefulSet() { return group; }
  public String headlessService() { return group + "-headless"; }
  public String masterService() { return group + "-master"; }
  public String replicasService() { return group + "-replicas"; }
  public String sentinelService() { return group + "-sentinel"; }
  public String configMap() { return group + "-config"; }
  /** redis.conf of one revision, by the hash of its content (immutable: RedisConfigMaps). */
  public String redisConfigMap(String contentHash) { return group + "-redis-" + contentHash; }
  public String generatedAuthSecret() { return group + "-auth"; }
  /** The sentinels' admin password (rfg-admin): always generated. */
  public String sentinelAdminSecret() { return group + "-sentinel-admin"; }
  public String sentinelServiceAccount() { return group + "-sentinel"; }
  public String podDisruptionBudget() { return group; }
  public String networkPolicy() { return group; }

  /** The name clients give the sentinels: SENTINEL GET-MASTER-ADDR-BY-NAME {@code <group>}. */
  public String monitoredMaster() { return group; }

  public String pod(int ordinal) { return group + "-" + ordinal; }

  /** Stable for the life of the pod name, unlike its IP: what Redis and the sentinels announce. */
  public String podHost(String podName) {
    return podName + "." + headlessService() + "." + namespace + ".svc." + clusterDomain;
  }

  /** The same host with the pod name left to Kubernetes' $(POD_NAME) expansion in container args. */
  public String podHostTemplate() {
    return podHost("$(POD_NAME)");
  }

  /** The ordinal of a pod of this group, or -1 for a name that is not one. */
  public int ordinalOf(String podName) {
    String prefix = group + "-";
    if (!podName.startsWith(prefix)) {
      return -1;
    }
    try {
      return Integer.parseInt(podName.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
