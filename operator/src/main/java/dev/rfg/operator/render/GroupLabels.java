package dev.rfg.operator.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and annotations the operator and the sidecars agree on. */
public final class GroupLabels {

  public static final String GROUP = "rfg.dev/group";
  /** master or replica; written by the failover leader, re-checked by the operator. */
  public static final String ROLE = "rfg.dev/role";
  public static final String ROLE_MASTER = "master";
  public static final String ROLE_REPLICA = "replica";
  /** Config epoch of the last role write on a pod; a writer with an older epoch must not overwrite it. */
  public static final String ROLE_EPOCH = "rfg.dev/role-epoch";
  /** Hash of the rendered redis.conf, so a config change rolls the pods. */
  public static final String CONFIG_HASH = "rfg.dev/config-hash";
  /** On the group: request a planned switchover, to the named pod or to any ("") replica. */
  public static final String SWITCHOVER_REQUEST = "rfg.dev/switchover";

  /**
   * On a Secret the spec names (spec.auth.secretName, spec.auth.users[].passwordSecret): the groups whose pods may
   * mount it, comma-separated, or {@code *}. Without it a spec could mount any Secret of its namespace into a
   * container whose image the same spec chooses.
   */
  public static final String ALLOWED_GROUPS = "rfg.dev/allowed-groups";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "rfg-operator";
  /** Informers of the operator only see objects carrying this selector. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;

  private GroupLabels() {
  }

  /** Labels on every object of the group. */
  public static Map<String, String> common(String group) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "redis");
    labels.put("app.kubernetes.io/instance", group);
    labels.put("app.kubernetes.io/component", "redis-failover-group");
    labels.put(MANAGED_BY, MANAGER);
    labels.put(GROUP, group);
    return labels;
  }

  /** What the StatefulSet and the Services select pods by. */
  public static Map<String, String> selector(String group) {
    return Map.of(GROUP, group);
  }

  public static Map<String, String> roleSelector(String group, String role) {
    return Map.of(GROUP, group, ROLE, role);
  }
}
