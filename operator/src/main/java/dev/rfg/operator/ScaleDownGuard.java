package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Optional;

/**
 * A StatefulSet scales down by removing its highest ordinals. If the master is among them the scale-down
 * waits: the StatefulSet keeps its size until a switchover moved the master to a pod that stays.
 */
final class ScaleDownGuard {

  private ScaleDownGuard() {
  }

  static int statefulSetReplicas(RedisFailoverGroup group, GroupNames names, Optional<StatefulSet> statefulSet,
      RedisFailoverGroupStatus status) {
    int desired = group.getSpec().getReplicas();
    int current = statefulSet.map(s -> s.getSpec().getReplicas()).orElse(desired);
    if (desired >= current) {
      return desired;
    }
    return masterRemovedBy(desired, names, status) ? current : desired;
  }

  /** Whether shrinking to {@code replicas} would remove the master the sentinels elected. */
  static boolean masterRemovedBy(int replicas, GroupNames names, RedisFailoverGroupStatus status) {
    if (status == null || status.getMaster() == null || status.getMaster().getPod() == null) {
      return false;
    }
    return names.ordinalOf(status.getMaster().getPod()) >= replicas;
  }
}
