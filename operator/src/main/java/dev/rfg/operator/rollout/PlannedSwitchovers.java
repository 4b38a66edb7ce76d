package dev.rfg.operator.rollout;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.Passwords;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The switchovers this operator asked for, so that a master that moves where it was asked to is told as planned
 * (a Normal {@code MasterMoved} event) and not as a failover (a {@code FailoverObserved} Warning, which alerts
 * and runbooks key on). Kept in memory only: after an operator restart a switchover asked for by the process
 * before is told as a failover, which errs on the side of telling.
 */
public final class PlannedSwitchovers implements SwitchoverRequester {

  /** A switchover asked for longer ago than this does not explain a master change any more. */
  static final Duration REMEMBERED = Duration.ofMinutes(2);

  private final SwitchoverRequester requester;
  private final Clock clock;
  private final Map<String, Planned> byGroup = new ConcurrentHashMap<>();

  private record Planned(String target, Instant at) {
  }

  public PlannedSwitchovers(SwitchoverRequester requester, Clock clock) {
    this.requester = requester;
    this.clock = clock;
  }

  @Override
  public String request(GroupNames names, String sentinelPod, String targetPod, Passwords passwords) {
    String error = requester.request(names, sentinelPod, targetPod, passwords);
    if (error == null) {
      byGroup.put(key(names.namespace(), names.group()), new Planned(targetPod, clock.instant()));
    }
    return error;
  }

  /**
   * Whether the master of this group moving to this pod is a switchover asked for lately. Kept, not forgotten,
   * once told: a reconcile that starts from a status not yet updated in the informer's cache tells the same
   * change again, and must tell it the same way. The next request replaces it; an old one no longer counts.
   */
  public boolean explains(String namespace, String group, String newMaster) {
    Instant now = clock.instant();
    byGroup.values().removeIf(p -> p.at().plus(REMEMBERED).isBefore(now));
    Planned planned = byGroup.get(key(namespace, group));
    return planned != null && planned.target().equals(newMaster);
  }

  private static String key(String namespace, String group) {
    return namespace + "/" + group;
  }
}
