package dev.rfg.operator.mock;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.Passwords;
import dev.rfg.operator.status.SentinelQuery;
import dev.rfg.operator.status.SentinelReport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sentinels the test steers: each pod's sentinel reports the master the test set, at an epoch. */
public final class FakeSentinels implements SentinelQuery, dev.rfg.operator.rollout.SwitchoverRequester {

  private volatile String masterPod = null;
  private volatile long epoch = 0;
  private final Map<String, String> passwordsSeen = new ConcurrentHashMap<>();
  private final List<String> switchovers = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Roles a pod's Redis reports against what the elected master implies (a split view, a demoted master). */
  private final Map<String, String> roleOverrides = new ConcurrentHashMap<>();

  public void reportRole(String pod, String role) {
    roleOverrides.put(pod, role);
  }

  @Override
  public java.util.Optional<String> redisRole(GroupNames names, String pod, Passwords passwords) {
    String role = roleOverrides.get(pod);
    return java.util.Optional.of(role != null ? role : pod.equals(masterPod) ? "master" : "slave");
  }

  public void elect(String pod, long configEpoch) {
    this.masterPod = pod;
    this.epoch = configEpoch;
  }

  public Map<String, String> passwordsSeen() {
    return passwordsSeen;
  }

  /** A switchover the way RFG's sentinel does it: the target becomes master at the next epoch. */
  @Override
  public String request(GroupNames names, String sentinelPod, String targetPod, Passwords passwords) {
    if (refusal != null) {
      return refusal;
    }
    switchovers.add(targetPod);
    elect(targetPod, epoch + 1);
    return null;
  }

  private volatile String refusal;

  /** Every switchover asked for from now on is refused with this error (null: carried out again). */
  public void refuseSwitchovers(String error) {
    this.refusal = error;
  }

  public List<String> switchovers() {
    return switchovers;
  }

  @Override
  public List<SentinelReport> ask(GroupNames names, List<String> pods, Passwords passwords) {
    passwordsSeen.put(names.group(), passwords.current());
    String master = masterPod;
    return pods.stream().map(pod -> master == null
        ? SentinelReport.unreachable(pod, "no master yet")
        : new SentinelReport(pod, names.podHost(master), 6379, epoch, "master", pods.size() - 1, null)).toList();
  }
}
