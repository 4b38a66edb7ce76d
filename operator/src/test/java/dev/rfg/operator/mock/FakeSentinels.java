package dev.rfg.operator.mock;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.SentinelQuery;
import dev.rfg.operator.status.SentinelReport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sentinels the test steers: each pod's sentinel reports the master the test set, at an epoch. */
public final class FakeSentinels implements SentinelQuery {

  private volatile String masterPod = null;
  private volatile long epoch = 0;
  private final Map<String, String> passwordsSeen = new ConcurrentHashMap<>();

  public void elect(String pod, long configEpoch) {
    this.masterPod = pod;
    this.epoch = configEpoch;
  }

  public Map<String, String> passwordsSeen() {
    return passwordsSeen;
  }

  @Override
  public List<SentinelReport> ask(GroupNames names, List<String> pods, String password) {
    passwordsSeen.put(names.group(), password);
    String master = masterPod;
    return pods.stream().map(pod -> master == null
        ? SentinelReport.unreachable(pod, "no master yet")
        : new SentinelReport(pod, names.podHost(master), 6379, epoch, "master", pods.size() - 1, null)).toList();
  }
}
