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
    if (status.getMaster() == null || seen.failingOver()
        || status.getSentinels() < seen.desiredReplicas() / 2 + 1) {
      return;
    }
    var changes = RoleLabelPlan.plan(status.getMaster().getPod(), seen.configEpoch(), seen.pods());
    if (!changes.isEmpty()) {
      new RoleLabelWriter(client).apply(names.namespace(), changes);
    }
  }
}
