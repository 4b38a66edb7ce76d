package dev.rfg.operator.rollout;

import dev.rfg.operator.gate.DestructiveActionGate;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One step of a rolling update at a time (the StatefulSet is OnDelete): replicas first, each only when the
 * previous one is back and in sync (its readiness says so), then one planned switchover to an updated replica,
 * then the old master. So a rollout costs one master change, not one per pod. An outdated replica that is not
 * ready is replaced before anything else, so reverting a bad change recovers without deleting pods by hand.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {
  }

  /**
   * @param updateRevision the StatefulSet's status.updateRevision, or null before the controller set it
   * @param gate whether pods may be deleted or the master switched now, and the master they may rely on
   */
  public static RolloutStep next(GroupNames names, int desired, List<PodState> pods, String updateRevision,
      DestructiveActionGate.Verdict gate) {
    String masterPod = gate.masterPod();
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
    // An outdated replica that is not ready goes first: waiting for it would wait for ever when the change it
    // still runs was bad and has been reverted (the planner used to wait for that pod to become ready). Only while
    // every updated pod is ready: during a bad change the updated pod is the one failing, and an outdated replica
    // that is briefly not ready (its Redis restarting) must keep its good revision, not get the bad one
    // (BadConfigRevertedTest caught that in a CI run).
    boolean updatedHealthy = pods.stream().filter(p -> updateRevision.equals(p.revision()))
        .allMatch(p -> p.ready() && !p.deleting());
    Optional<PodState> stuck = outdated.stream().filter(p -> !p.ready() && !p.deleting()).findFirst();
    if (stuck.isPresent() && updatedHealthy && gate.open() && !stuck.get().name().equals(masterPod)) {
      return new RolloutStep(RolloutStep.Action.REPLACE_REPLICA, stuck.get().name(),
          done + ", replacing replica " + stuck.get().name() + ", which is not ready on an old template");
    }
    Optional<PodState> notBack = pods.stream().filter(p -> !p.ready() || p.deleting()).findFirst();
    if (notBack.isPresent() || pods.size() < desired) {
      return new RolloutStep(RolloutStep.Action.WAIT, notBack.map(PodState::name).orElse(null),
          done + ", waiting for " + notBack.map(PodState::name).orElse("the missing pods") + " to be ready");
    }
    if (!gate.open()) {
      return new RolloutStep(RolloutStep.Action.WAIT, null, done + ", waiting: " + gate.hold());
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
