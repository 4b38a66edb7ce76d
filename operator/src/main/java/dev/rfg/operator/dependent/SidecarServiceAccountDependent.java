package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.SidecarRbacRenderer;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class SidecarServiceAccountDependent extends CRUDKubernetesDependentResource<ServiceAccount, RedisFailoverGroup> {

  @Override
  protected ServiceAccount desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    return SidecarRbacRenderer.serviceAccount(GroupContext.of(context).names(group));
  }
}
