package dev.rfg.operator.rollout;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Switchovers that are not part of a rollout: one a user asked for with the {@code rfg.dev/switchover}
 * annotation (a pod name, or empty for any replica), and one a held scale-down needs.
 */
public final class SwitchoverReasons {

  private SwitchoverReasons() {
  }

  /** The pod to switch to, or empty when nothing asks for a switchover or no pod qualifies yet. */
  public static Optional<String> target(RedisFailoverGroup group, GroupNames names, List<PodState> pods,
      String masterPod, int statefulSetReplicas) {
    if (masterPod == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = group.getMetadata().getAnnotations();
    String requested = annotations == null ? null : annotations.get(GroupLabels.SWITCHOVER_REQUEST);
    int keep = group.getSpec().getReplicas();
    boolean scaleDownHeld = statefulSetReplicas > keep && names.ordinalOf(masterPod) >= keep;
    if (requested == null && !scaleDownHeld) {
      return Optional.empty();
    }
    if (requested != null && !requested.isBlank()) {
      return requested.equals(masterPod) ? Optional.empty() : Optional.of(requested);
    }
    int limit = scaleDownHeld ? keep : Integer.MAX_VALUE;
    return pods.stream().filter(p -> p.ready() && !p.deleting() && !p.name().equals(masterPod))
        .filter(p -> names.ordinalOf(p.name()) < limit)
        .min(Comparator.comparingInt(p -> names.ordinalOf(p.name()))).map(PodState::name);
  }
}
