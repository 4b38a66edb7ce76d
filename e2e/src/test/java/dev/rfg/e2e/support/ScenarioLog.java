package dev.rfg.e2e.support;

import java.util.List;

/**
 * What a fault test prints when it fails, to tell the story without the cluster (the namespace is gone by the
 * time anyone reads the report): the master Service timeline, the workload's log, every sentinel's failover
 * events (the run before a restart too), the Redis replication log lines and the group's Events.
 */
public final class ScenarioLog {

  private ScenarioLog() {
  }

  /** Prints everything under a {@code [testName]} prefix; never throws. */
  public static void dump(String testName, FailoverGroup group, Workload workload, MasterServiceSampler sampler,
      long faultAtMs) {
    try {
      StringBuilder out = new StringBuilder("diagnostics after a failure (t0 = the fault)\n");
      if (sampler != null) {
        out.append("master Service and labels:\n").append(sampler.describe("  ", faultAtMs)).append('\n');
      }
      if (workload != null) {
        out.append("workload log (last 80 lines):\n").append(tail(workload.logs(), 80)).append('\n');
      }
      Sentinels sentinels = new Sentinels(group);
      for (String pod : group.podNames()) {
        if (sentinels.restarts(pod) > 0) {
          out.append("sentinel of ").append(pod).append(", run before the restart:\n")
              .append(failoverLines(sentinels.log(pod, true))).append('\n');
        }
        out.append("sentinel of ").append(pod).append(":\n").append(failoverLines(sentinels.log(pod, false)))
            .append('\n');
        out.append("redis of ").append(pod).append(":\n").append(sentinels.replicationLog(pod, 15)).append('\n');
      }
      for (String reason : List.of("FailoverStarted", "ReplicaPromoted", "SwitchComplete", "FailoverObserved")) {
        out.append(reason).append(": ").append(sentinels.eventMessages(reason)).append('\n');
      }
      out.append("status: ").append(group.resource() == null ? null : group.resource().getStatus());
      System.out.println(Workload.prefixed(testName, out.toString()));
    } catch (RuntimeException | AssertionError e) {
      System.out.println("[" + testName + "] diagnostics failed: " + e);
    }
  }

  /** The log lines of a sentinel that tell a failover's story (the last 40). */
  public static String failoverLines(String log) {
    List<String> lines = log.lines().filter(l -> l.matches(".*([+-](odown|sdown|try-failover|elected-leader|"
        + "failover-|selected-slave|promoted-slave|switch-master|new-epoch|vote-for-leader|config-update|"
        + "convert-to-slave|slave-reconf|reboot|role-change)|Simulated failure|Failure simulation|not written|"
        + "label).*")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
