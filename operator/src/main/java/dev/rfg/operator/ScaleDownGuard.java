package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.gate.DestructiveActionGate;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Optional;

/**
 * A StatefulSet scales down by removing its highest ordinals. If the master is among them, or where the master is
 * is not known in this reconcile's observation (sentinels unreachable or disagreeing, a failover under way), the
 * scale-down waits: the StatefulSet keeps its size until a switchover moved the master to a pod that stays.
 */
final class ScaleDownGuard {

  private ScaleDownGuard() {
  }

  static int statefulSetReplicas(RedisFailoverGroup group, GroupNames names, Optional<StatefulSet> statefulSet,
      String masterPod) {
    int desired = group.getSpec().getReplicas();
    int current = statefulSet.map(s -> s.getSpec().getReplicas()).orElse(desired);
    if (desired >= current) {
      return desired;
    }
    return mayRemoveMaster(desired, names, masterPod) ? current : desired;
  }

  /** What status says while the guard holds a scale-down back, or null. */
  static String waiting(RedisFailoverGroup group, Optional<StatefulSet> statefulSet, int statefulSetReplicas,
      DestructiveActionGate.Verdict gate) {
    int desired = group.getSpec().getReplicas();
    if (statefulSetReplicas <= desired || statefulSet.isEmpty()) {
      return null;
    }
    return "scale-down to " + desired + " waits: " + (gate.open()
        ? "the master " + gate.masterPod() + " is among the pods it removes; a switchover moves it first"
        : gate.hold());
  }

  /** Whether shrinking to {@code replicas} could remove the master: it is among the removed pods, or unknown. */
  static boolean mayRemoveMaster(int replicas, GroupNames names, String masterPod) {
    return masterPod == null || names.ordinalOf(masterPod) < 0 || names.ordinalOf(masterPod) >= replicas;
  }
}
