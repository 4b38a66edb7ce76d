package dev.rfg.operator.rollout;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One step of a rolling update at a time (the StatefulSet is OnDelete): replicas first, each only when the
 * previous one is back and in sync (its readiness says so), then one planned switchover to an updated replica,
 * then the old master. So a rollout costs one master change, not one per pod.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {
  }

  /**
   * @param updateRevision the StatefulSet's status.updateRevision, or null before the controller set it
   * @param masterPod the master the sentinels agree on, or null
   * @param failingOver whether the sentinels report a failover in progress
   */
  public static RolloutStep next(GroupNames names, int desired, List<PodState> pods, String updateRevision,
      String masterPod, boolean failingOver) {
    if (updateRevision == null) {
      return RolloutStep.none();
    }
    List<PodState> outdated = pods.stream().filter(p -> !updateRevision.equals(p.revision()))
        .sorted(Comparator.comparingInt((PodState p) -> names.ordinalOf(p.name())).reversed()).toList();
    if (outdated.isEmpty()) {
      return RolloutStep.none();
    }
    long updated = pods.size() - outdated.size();
    String done = updated + " of " + desired + " pods updated";
    Optional<PodState> notBack = pods.stream().filter(p -> !p.ready() || p.deleting()).findFirst();
    if (notBack.isPresent() || pods.size() < desired) {
      return new RolloutStep(RolloutStep.Action.WAIT, notBack.map(PodState::name).orElse(null),
          done + ", waiting for " + notBack.map(PodState::name).orElse("the missing pods") + " to be ready");
    }
    if (masterPod == null || failingOver) {
      return new RolloutStep(RolloutStep.Action.WAIT, null, done + ", waiting for the sentinels to agree on a master");
    }
    Optional<PodState> replica = outdated.stream().filter(p -> !p.name().equals(masterPod)).findFirst();
    if (replica.isPresent()) {
      return new RolloutStep(RolloutStep.Action.REPLACE_REPLICA, replica.get().name(),
          done + ", replacing replica " + replica.get().name());
    }
    Optional<PodState> target = pods.stream().filter(p -> updateRevision.equals(p.revision()))
        .min(Comparator.comparingInt(p -> names.ordinalOf(p.name())));
    if (target.isEmpty()) {
      // A single-pod group has nowhere to switch to: its master is replaced in place.
      return new RolloutStep(RolloutStep.Action.REPLACE_ONLY_POD, masterPod, done + ", replacing the only pod "
          + masterPod);
    }
    return new RolloutStep(RolloutStep.Action.SWITCHOVER, target.get().name(),
        done + ", switching the master from " + masterPod + " to " + target.get().name());
  }
}
