package dev.rfg.operator.gate;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.GroupObservation;
import dev.rfg.operator.status.SentinelReport;
import dev.rfg.operator.status.StatusCalculator;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one gate in front of every destructive action of the operator (deleting a pod in a rollout, shrinking the
 * StatefulSet, asking for a switchover): on this reconcile's observation, a strict majority of the configured
 * sentinels must name the same master, none may report a failover in progress, and that pod's Redis must itself
 * answer {@code ROLE} with {@code master}. Otherwise the action waits, and {@link Verdict#hold} says why (status
 * shows it). A stale or split view can then never make the operator delete or shrink away the real master.
 */
public final class DestructiveActionGate {

  /**
   * @param masterPod the master every destructive action may rely on, or null when the gate holds
   * @param hold why the gate holds, for status; null when it is open
   */
  public record Verdict(String masterPod, String hold) {
    public boolean open() {
      return hold == null;
    }

    static Verdict hold(String why) {
      return new Verdict(null, why);
    }
  }

  private DestructiveActionGate() {
  }

  /**
   * @param redisRole the {@code ROLE} the Redis of a pod reports ("master", "slave"), empty when it did not answer;
   *     asked only for the pod the sentinels agree on
   */
  public static Verdict decide(GroupObservation seen, GroupNames names, Function<String, Optional<String>> redisRole) {
    int configured = seen.desiredReplicas();
    int needed = configured / 2 + 1;
    long answered = seen.sentinels().stream().filter(SentinelReport::answered).count();
    if (answered == 0) {
      return Verdict.hold("no sentinel answers");
    }
    if (seen.failingOver()) {
      return Verdict.hold("the sentinels report a failover in progress");
    }
    Optional<Map.Entry<String, Long>> most = seen.majorityMaster();
    long agreeing = most.map(Map.Entry::getValue).orElse(0L);
    if (agreeing < needed) {
      return Verdict.hold(agreeing + " of the " + configured + " configured sentinels agree on the master ("
          + needed + " needed)");
    }
    String address = most.get().getKey();
    String pod = StatusCalculator.podOf(address.substring(0, address.lastIndexOf(':')), names);
    if (names.ordinalOf(pod) < 0) {
      return Verdict.hold("the sentinels name " + address + ", which is not a pod of this group");
    }
    Optional<String> role = redisRole.apply(pod);
    if (role.isEmpty()) {
      return Verdict.hold("the sentinels name " + pod + " as master, but its Redis does not answer ROLE");
    }
    if (!"master".equals(role.get())) {
      return Verdict.hold("the sentinels name " + pod + " as master, but its Redis reports role " + role.get());
    }
    return new Verdict(pod, null);
  }
}
