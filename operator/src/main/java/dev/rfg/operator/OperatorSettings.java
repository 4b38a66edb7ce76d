package dev.rfg.operator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How this operator process runs, from its environment (the Helm chart sets these variables).
 *
 * @param sentinelImage image of the sentinel sidecar when a group does not name one
 * @param clusterDomain DNS suffix of Services, for the pods' fully qualified names
 * @param watchNamespaces namespaces to watch; empty means all
 * @param leaderElection whether to take a Lease before reconciling (off for a local run)
 * @param leaseNamespace where the Lease lives
 * @param httpPort port of /healthz, /readyz and /metrics
 * @param reconcileThreads groups reconciled at once (and the threads of their dependents' workflows)
 * @param crdUpgrade whether to bring the cluster's CRD up to this release's at start ({@code CrdUpgrade})
 * @param operatorPods this operator's own pods, which a group's NetworkPolicy admits; null when it does not run
 *     in a pod the chart made (a local run)
 */
public record OperatorSettings(String sentinelImage, String clusterDomain, List<String> watchNamespaces,
    boolean leaderElection, String leaseNamespace, int httpPort, int reconcileThreads, boolean crdUpgrade,
    OperatorPods operatorPods) {

  /** The namespace and the labels of the operator's pods (the chart's selector labels). */
  public record OperatorPods(String namespace, Map<String, String> labels) {

    /** {@code labels} as the chart writes them: {@code k=v,k=v}; null when either is missing. */
    static OperatorPods parse(String namespace, String labels) {
      if (namespace == null || namespace.isBlank() || labels == null || labels.isBlank()) {
        return null;
      }
      Map<String, String> parsed = new java.util.TreeMap<>();
      for (String pair : labels.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("RFG_OPERATOR_POD_LABELS must be key=value pairs separated by commas, "
              + "not '" + labels + "'");
        }
        parsed.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      return new OperatorPods(namespace.trim(), Map.copyOf(parsed));
    }
  }

  public static final String DEFAULT_SENTINEL_IMAGE = "rfg/sentinel:0.2.0";

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    return new OperatorSettings(
        env.getOrDefault("RFG_SENTINEL_IMAGE", DEFAULT_SENTINEL_IMAGE),
        env.getOrDefault("RFG_CLUSTER_DOMAIN", "cluster.local"),
        Arrays.stream(env.getOrDefault("RFG_WATCH_NAMESPACES", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList(),
        Boolean.parseBoolean(env.getOrDefault("RFG_LEADER_ELECTION", "false")),
        env.getOrDefault("RFG_LEASE_NAMESPACE", env.getOrDefault("POD_NAMESPACE", "default")),
        Integer.parseInt(env.getOrDefault("RFG_HTTP_PORT", "8080")),
        positive("RFG_RECONCILE_THREADS", env.getOrDefault("RFG_RECONCILE_THREADS", "16")),
        // Off unless asked for (the chart asks by default): a local run must not rewrite a cluster's CRD.
        Boolean.parseBoolean(env.getOrDefault("RFG_CRD_UPGRADE", "false")),
        OperatorPods.parse(env.get("POD_NAMESPACE"), env.get("RFG_OPERATOR_POD_LABELS")));
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive number, not '" + value + "'");
  }

  /** Settings for tests and local runs. */
  public static OperatorSettings defaults() {
    return fromEnvironment(Map.of());
  }
}
