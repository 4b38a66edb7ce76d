package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupLabels;

import java.util.ArrayList;
import java.util.List;

/**
 * The operator's backstop for the role labels the failover leader writes: when the pods' labels disagree
 * with the master the sentinels elected, relabel them, demotions first so the master Service never selects
 * two pods. A pod whose label carries a newer config epoch than the sentinels' answer is left alone: that
 * answer is stale, and the writer with the newer epoch knows better. Only a Ready pod is labelled master: the
 * sentinels still name a deleted master until they fail over, and its replacement (same name, Redis not started)
 * must not carry the label meanwhile.
 */
public final class RoleLabelPlan {

  /** One label write: set {@code role} on {@code pod}, recording {@code epoch}. */
  public record Change(String pod, String role, long epoch) {
  }

  private RoleLabelPlan() {
  }

  public static List<Change> plan(String masterPod, long epoch, List<PodState> pods) {
    List<Change> demotions = new ArrayList<>();
    List<Change> promotions = new ArrayList<>();
    for (PodState pod : pods) {
      if (pod.roleEpoch() > epoch || pod.deleting()) {
        continue;
      }
      String wanted = pod.name().equals(masterPod) ? GroupLabels.ROLE_MASTER : GroupLabels.ROLE_REPLICA;
      if (wanted.equals(GroupLabels.ROLE_MASTER) && !pod.ready()) {
        continue;
      }
      if (!wanted.equals(pod.role())) {
        (wanted.equals(GroupLabels.ROLE_MASTER) ? promotions : demotions).add(new Change(pod.name(), wanted, epoch));
      }
    }
    List<Change> ordered = new ArrayList<>(demotions);
    ordered.addAll(promotions);
    return ordered;
  }
}
