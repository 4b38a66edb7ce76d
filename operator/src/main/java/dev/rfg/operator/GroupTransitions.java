package dev.rfg.operator;

import dev.rfg.api.v1alpha1.Phase;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.events.GroupEvents;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Objects;
import java.util.Optional;

/** The events a user wants in `kubectl describe rfg`: what changed, never a heartbeat. */
final class GroupTransitions {

  private GroupTransitions() {
  }

  static void announceWorkflow(RedisFailoverGroup group, Optional<StatefulSet> before, int replicas,
      String scaleDownWaiting, GroupEvents events) {
    if (before.isEmpty()) {
      events.normal(group, "Created", "created the StatefulSet, Services and ConfigMap for " + replicas + " pods");
      return;
    }
    Integer had = before.get().getSpec().getReplicas();
    if (had != null && had != replicas) {
      events.normal(group, "Scaling", "scaling from " + had + " to " + replicas + " pods");
    } else if (scaleDownWaiting != null && !alreadySaid(group, scaleDownWaiting)) {
      // Once per reason: the status message keeps saying it while the wait lasts (an event each reconcile was an
      // API write every 5 s per waiting group).
      events.normal(group, "ScaleDownWaiting", scaleDownWaiting);
    }
  }

  private static boolean alreadySaid(RedisFailoverGroup group, String text) {
    return group.getStatus() != null && group.getStatus().getMessage() != null
        && group.getStatus().getMessage().contains(text);
  }

  /** A pod that cannot start (image pull, crash loop, unschedulable) is worth a warning the first time. */
  static void announcePodProblems(RedisFailoverGroup group, RedisFailoverGroupStatus before,
      java.util.List<dev.rfg.operator.status.PodState> pods, GroupEvents events) {
    String previous = before == null || before.getMessage() == null ? "" : before.getMessage();
    pods.stream().filter(p -> p.problem() != null).map(p -> p.name() + " " + p.problem())
        .filter(problem -> !previous.contains(problem))
        .forEach(problem -> events.warning(group, "PodProblem", problem));
  }

  /** Why the master moved, when it was planned; null for a failover nobody asked for. */
  @FunctionalInterface
  interface MasterMoves {
    String plannedBecause(String from, String to);
  }

  /**
   * @param moves says whether a master change was planned (a switchover the operator asked for, or the handover of
   *     a master whose pod is being deleted): told as a Normal MasterMoved, where any other change is a
   *     FailoverObserved Warning
   */
  static void announceStatus(RedisFailoverGroup group, RedisFailoverGroupStatus before,
      RedisFailoverGroupStatus now, GroupEvents events, MasterMoves moves) {
    String oldMaster = before == null || before.getMaster() == null ? null : before.getMaster().getPod();
    String newMaster = now.getMaster() == null ? null : now.getMaster().getPod();
    if (oldMaster != null && newMaster != null && !oldMaster.equals(newMaster)) {
      String moved = "master moved from " + oldMaster + " to " + newMaster + " (config epoch "
          + now.getConfigEpoch() + ")";
      String because = moves.plannedBecause(oldMaster, newMaster);
      if (because != null) {
        events.normal(group, "MasterMoved", moved + " " + because);
      } else {
        events.warning(group, "FailoverObserved", moved);
      }
    }
    Phase was = before == null ? null : before.getPhase();
    if (was == Phase.RollingUpdate && now.getPhase() != Phase.RollingUpdate) {
      events.normal(group, "RollingUpdateFinished", "every pod runs the current template"
          + (now.getPhase() == Phase.Ready ? " and the group is ready" : ", the group is " + now.getPhase()));
    }
    if (now.getPhase() == Phase.Ready && was != Phase.Ready) {
      events.normal(group, "Ready", now.getReady() + " pods ready, " + now.getSentinels()
          + " sentinels agree on master " + newMaster);
    }
    if (now.getPhase() == Phase.Degraded && !Objects.equals(before == null ? null : before.getMessage(),
        now.getMessage())) {
      events.warning(group, "Degraded", now.getMessage());
    }
  }
}
