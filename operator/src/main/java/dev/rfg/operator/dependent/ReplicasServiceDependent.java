package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.ServiceRenderer;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class ReplicasServiceDependent extends CRUDKubernetesDependentResource<Service, RedisFailoverGroup> {

  @Override
  protected Service desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var names = GroupContext.of(context).names(group);
    return ServiceRenderer.replicas(names);
  }

  /** spec.services.replicas.enabled */
  public static class Wanted implements Condition<Service, RedisFailoverGroup> {
    @Override
    public boolean isMet(DependentResource<Service, RedisFailoverGroup> dependent, RedisFailoverGroup group,
        Context<RedisFailoverGroup> context) {
      return Boolean.TRUE.equals(group.getSpec().getServices().getReplicas().getEnabled());
    }
  }
}
