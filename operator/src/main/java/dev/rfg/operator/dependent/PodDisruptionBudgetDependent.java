package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** One voluntary eviction at a time: a drain never takes the master and a replica together. */
@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class PodDisruptionBudgetDependent
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, RedisFailoverGroup> {

  @Override
  protected PodDisruptionBudget desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var names = GroupContext.of(context).names(group);
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName(names.podDisruptionBudget()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .withNewSpec().withMaxUnavailable(new IntOrString(1))
        .withNewSelector().withMatchLabels(GroupLabels.selector(names.group())).endSelector().endSpec()
        .build();
  }

  /** A single pod has nothing to protect: a budget would only block node drains. */
  public static class Wanted implements Condition<PodDisruptionBudget, RedisFailoverGroup> {
    @Override
    public boolean isMet(DependentResource<PodDisruptionBudget, RedisFailoverGroup> dependent,
        RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
      return Boolean.TRUE.equals(group.getSpec().getPodDisruptionBudget().getEnabled())
          && group.getSpec().getReplicas() > 1;
    }
  }
}
