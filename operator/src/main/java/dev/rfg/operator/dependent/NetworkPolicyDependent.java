package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.NetworkPolicyRenderer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * spec.networkPolicy: made when enabled, deleted when turned off. The StatefulSet does not depend on it, although
 * that would make a new group's policy before its first pod: JOSDK deletes the dependents of a dependent whose
 * reconcile precondition fails, so a group without a policy would lose its StatefulSet.
 */
@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, RedisFailoverGroup> {

  @Override
  protected NetworkPolicy desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var groupContext = GroupContext.of(context);
    return NetworkPolicyRenderer.render(groupContext.names(group), group.getSpec().getNetworkPolicy(),
        groupContext.settings().operatorPods());
  }

  public static class Wanted implements Condition<NetworkPolicy, RedisFailoverGroup> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, RedisFailoverGroup> dependent, RedisFailoverGroup group,
        Context<RedisFailoverGroup> context) {
      return Boolean.TRUE.equals(group.getSpec().getNetworkPolicy().getEnabled());
    }
  }
}
