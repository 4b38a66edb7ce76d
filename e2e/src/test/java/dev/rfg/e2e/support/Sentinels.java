package dev.rfg.e2e.support;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the fault tests read about a group's sentinels: their /metrics (through the API server's pod proxy), the
 * sidecar containers' restarts, the failure simulation flags, and the group's Events.
 */
public final class Sentinels {

  public static final String CONTAINER = "sentinel";

  private final FailoverGroup group;

  public Sentinels(FailoverGroup group) {
    this.group = group;
  }

  /** A per-master gauge or counter of one sentinel's /metrics; -1 when the sentinel does not answer. */
  public long metric(String pod, String metric) {
    var m = Pattern.compile("(?m)^" + metric + "\\{[^}]*master=\"" + Pattern.quote(group.name())
        + "\"[^}]*\\}\\s+([0-9.eE+]+)").matcher(metricsText(pod));
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }

  /** A metric without a master label (rfg_sentinel_current_epoch); -1 when the sentinel does not answer. */
  public long sentinelMetric(String pod, String metric) {
    var m = Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})?\\s+([0-9.eE+]+)").matcher(metricsText(pod));
    return m.find() ? (long) Double.parseDouble(m.group(2)) : -1;
  }

  private String metricsText(String pod) {
    try {
      String text = group.cluster().client().raw("/api/v1/namespaces/" + group.namespace() + "/pods/" + pod
          + ":8080/proxy/metrics");
      return text == null ? "" : text;
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * The replication story of the Redis next to a sentinel, from its log: role changes and how each replica synced
   * (partial or full resync, diskless transfer delays). The last {@code max} such lines.
   */
  public String replicationLog(String pod, int max) {
    String log;
    try {
      log = group.cluster().client().pods().inNamespace(group.namespace()).withName(pod).inContainer("redis")
          .getLog();
    } catch (RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
    List<String> lines = log.lines().filter(l -> l.matches(".*(resync|Resync|BGSAVE|MASTER MODE|REPLICAOF|"
        + "Connection with (master|replica)|Synchronization with replica).*"))
        .map(l -> l.length() > 200 ? l.substring(0, 200) + "..." : l).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - max), lines.size()));
  }

  /** The sidecar's log (the run before the last restart with previous), or what went wrong reading it. */
  public String log(String pod, boolean previous) {
    try {
      var container = group.cluster().client().pods().inNamespace(group.namespace()).withName(pod)
          .inContainer(CONTAINER);
      return previous ? container.terminated().getLog() : container.getLog();
    } catch (RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Follows a sidecar's log from now on, so what a pod said before it was deleted can still be read: a deleted
   * pod's log is gone with it. {@link FollowedLog#text()} is what arrived so far; close ends the stream.
   */
  public FollowedLog follow(String pod) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    var watch = group.cluster().client().pods().inNamespace(group.namespace()).withName(pod).inContainer(CONTAINER)
        .sinceSeconds(1).watchLog(buffer);
    return new FollowedLog(pod, buffer, watch);
  }

  /** A log being followed ({@link #follow(String)}). */
  public record FollowedLog(String pod, ByteArrayOutputStream buffer, LogWatch watch) implements AutoCloseable {
    /** ByteArrayOutputStream's methods are synchronized, so reading while the watch writes is safe. */
    public String text() {
      return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      watch.close();
    }
  }

  /** rfg_sentinel_config_epoch of every pod's sentinel (-1 for one that does not answer). */
  public Map<String, Long> configEpochs() {
    Map<String, Long> epochs = new LinkedHashMap<>();
    for (String pod : group.podNames()) {
      epochs.put(pod, metric(pod, "rfg_sentinel_config_epoch"));
    }
    return epochs;
  }

  /** The highest config epoch any sentinel reports. */
  public long configEpoch() {
    return configEpochs().values().stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  public Map<String, Long> currentEpochs() {
    Map<String, Long> epochs = new LinkedHashMap<>();
    for (String pod : group.podNames()) {
      epochs.put(pod, sentinelMetric(pod, "rfg_sentinel_current_epoch"));
    }
    return epochs;
  }

  /** The sidecar container's status in the pod (a native sidecar: an init container). */
  public ContainerStatus status(String pod) {
    Pod p = group.pod(pod);
    if (p == null || p.getStatus() == null) {
      return null;
    }
    return Stream.concat(
            p.getStatus().getInitContainerStatuses() == null ? Stream.<ContainerStatus>empty()
                : p.getStatus().getInitContainerStatuses().stream(),
            p.getStatus().getContainerStatuses() == null ? Stream.<ContainerStatus>empty()
                : p.getStatus().getContainerStatuses().stream())
        .filter(s -> s.getName().equals(CONTAINER)).findFirst().orElse(null);
  }

  public int restarts(String pod) {
    ContainerStatus status = status(pod);
    return status == null || status.getRestartCount() == null ? 0 : status.getRestartCount();
  }

  /** The exit code of the sidecar's previous run (after a restart), or null. */
  public Integer lastExitCode(String pod) {
    ContainerStatus status = status(pod);
    if (status == null || status.getLastState() == null || status.getLastState().getTerminated() == null) {
      return null;
    }
    return status.getLastState().getTerminated().getExitCode();
  }

  /**
   * SENTINEL SIMULATE-FAILURE with these flags (crash-after-election, crash-after-promotion) on one sentinel, as its
   * admin user (the group's password may not).
   */
  public String simulateFailure(RedisClientPod client, String pod, String... flags) {
    List<String> argv = new ArrayList<>(List.of("-h", group.fqdn(pod), "-p", "26379", "SENTINEL",
        "SIMULATE-FAILURE"));
    argv.addAll(List.of(flags));
    return client.adminCliRaw(argv.toArray(String[]::new));
  }

  /** Clears the simulation flags (SIMULATE-FAILURE HELP resets them, as in Redis Sentinel). */
  public void clearSimulatedFailure(RedisClientPod client, String pod) {
    simulateFailure(client, pod, "HELP");
  }

  /** sentinel_simulate_failure_flags of INFO: 0 none, 1 crash-after-election, 2 crash-after-promotion. */
  public int simulateFailureFlags(RedisClientPod client, String pod) {
    String info = client.cliRaw("-h", group.fqdn(pod), "-p", "26379", "INFO", "sentinel");
    var m = Pattern.compile("sentinel_simulate_failure_flags:(\\d+)").matcher(info);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The group's Events with this reason (an Event's count included). */
  public long events(String reason) {
    long n = 0;
    for (Event event : group.cluster().client().v1().events().inNamespace(group.namespace()).list().getItems()) {
      if (event.getInvolvedObject() != null && group.name().equals(event.getInvolvedObject().getName())
          && reason.equals(event.getReason())) {
        n += event.getCount() == null || event.getCount() < 1 ? 1 : event.getCount();
      }
    }
    return n;
  }

  /** The messages of the group's Events with this reason, oldest first. */
  public List<String> eventMessages(String reason) {
    return group.cluster().client().v1().events().inNamespace(group.namespace()).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && group.name().equals(e.getInvolvedObject().getName())
            && reason.equals(e.getReason()))
        .sorted(java.util.Comparator.comparing(e -> String.valueOf(e.getMetadata().getCreationTimestamp())))
        .map(e -> e.getMessage() + (e.getReportingInstance() == null ? "" : " [" + e.getReportingInstance() + "]"))
        .toList();
  }
}
