package dev.rfg.operator.rollout;

import dev.rfg.operator.status.Passwords;
import dev.rfg.api.v1alpha1.Phase;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.events.GroupEvents;
import dev.rfg.operator.gate.DestructiveActionGate;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * The operator's own changes to running pods: one rollout step, else a switchover someone asked for.
 * Nothing here runs unless the {@link DestructiveActionGate} is open.
 */
public final class PodChanges {

  private final SwitchoverRequester switchovers;
  private final RollingUpdate rollingUpdate;

  /**
   * @param rollout the rollout's progress for status, or null when none runs
   * @param acted whether pods or the master were just changed, so the next look should come soon
   */
  public record Result(String rollout, boolean acted) {
  }

  public PodChanges(SwitchoverRequester switchovers) {
    this.switchovers = switchovers;
    this.rollingUpdate = new RollingUpdate(switchovers);
  }

  /**
   * A rollout step, or a requested switchover; returns the rollout's progress, or null when none runs.
   *
   * @param updateRevision the StatefulSet's status.updateRevision, or null before the controller set it
   */
  public Result apply(RedisFailoverGroup group, GroupNames names, KubernetesClient client, String updateRevision,
      List<PodState> pods, DestructiveActionGate.Verdict gate, int statefulSetReplicas, Passwords passwords,
      RedisFailoverGroupStatus previous, GroupEvents events) {
    String masterPod = gate.masterPod();
    var step = RolloutPlanner.next(names, statefulSetReplicas, pods, updateRevision, gate);
    boolean wasRolling = previous != null && previous.getPhase() == Phase.RollingUpdate;
    if (step.action() != RolloutStep.Action.NONE || wasRolling) {
      String progress = rollingUpdate.act(step, group, names, masterPod, passwords, client, events,
          wasRolling);
      return new Result(progress, step.action() != RolloutStep.Action.WAIT);
    }
    var target = !gate.open() ? java.util.Optional.<String>empty()
        : SwitchoverReasons.target(group, names, pods, masterPod, statefulSetReplicas);
    if (target.isEmpty()) {
      return new Result(null, false);
    }
    if (pods.stream().noneMatch(p -> p.name().equals(target.get()))) {
      events.warning(group, "SwitchoverRefused", "switchover requested to " + target.get()
          + ", which is not a pod of this group");
      AnnotationCleaner.removeSwitchoverRequest(client, group);
      return new Result(null, false);
    }
    String error = switchovers.request(names, masterPod, target.get(), passwords);
    if (error != null) {
      events.warning(group, "SwitchoverRefused", "switchover to " + target.get() + " refused: " + error);
      return new Result(null, false);
    }
    events.normal(group, "Switchover", "switching the master from " + masterPod + " to " + target.get());
    AnnotationCleaner.removeSwitchoverRequest(client, group);
    return new Result(null, true);
  }

}
