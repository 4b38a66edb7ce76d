package dev.rfg.operator.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The group pods this operator saw being deleted lately. A master whose pod is deleted (kubectl delete, a drain,
 * an eviction, a scale-down) hands its role over before Redis stops, in its preStop hook: a planned switchover, told
 * as a Normal MasterMoved, not as a failover. Remembered for a while because the status that shows the new master
 * can come after the pod is gone, or already back under the same name. In memory only, like
 * {@link PlannedSwitchovers}: after an operator restart such a change is told as a failover.
 */
public final class TerminatingPods {

  private final Clock clock;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  public TerminatingPods(Clock clock) {
    this.clock = clock;
  }

  /** The pods of this group that have a deletion timestamp in this reconcile's view. */
  public void saw(String namespace, String group, Collection<String> terminating) {
    Instant now = forgetOld();
    terminating.forEach(pod -> seen.putIfAbsent(key(namespace, group, pod), now));
  }

  /** Whether this pod of this group was seen being deleted within {@link PlannedSwitchovers#REMEMBERED}. */
  public boolean wasTerminating(String namespace, String group, String pod) {
    forgetOld();
    return seen.containsKey(key(namespace, group, pod));
  }

  /** Here as well as on each question: rollouts delete pods every day, and most master changes are not asked about. */
  private Instant forgetOld() {
    Instant now = clock.instant();
    seen.values().removeIf(at -> at.plus(PlannedSwitchovers.REMEMBERED).isBefore(now));
    return now;
  }

  private static String key(String namespace, String group, String pod) {
    return namespace + "/" + group + "/" + pod;
  }
}
