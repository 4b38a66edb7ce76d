package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.GroupObservation;
import dev.rfg.operator.status.RoleLabelPlan;
import dev.rfg.operator.status.RoleLabelWriter;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * When a majority of the group's sentinels agree on a master and no failover is running, the pods' role
 * labels must say the same; the sidecars write them at election time, this catches what they could not.
 */
final class RoleLabelBackstop {

  private RoleLabelBackstop() {
  }

  static void converge(KubernetesClient client, GroupNames names, GroupObservation seen,
      RedisFailoverGroupStatus status) {
    if (!trusted(seen, status)) {
      return;
    }
    var changes = RoleLabelPlan.plan(status.getMaster().getPod(), seen.configEpoch(), seen.pods());
    if (!changes.isEmpty()) {
      new RoleLabelWriter(client).apply(names.namespace(), changes);
    }
  }

  /**
   * Whether this reconcile's view may move labels: a master, no failover running, and a strict majority of the
   * configured sentinels naming it (a plurality of those that answered is not enough: the silent ones may know
   * better).
   */
  static boolean trusted(GroupObservation seen, RedisFailoverGroupStatus status) {
    return status.getMaster() != null && status.getMaster().getPod() != null && !seen.failingOver()
        && status.getSentinels() != null && status.getSentinels() >= seen.desiredReplicas() / 2 + 1;
  }
}
