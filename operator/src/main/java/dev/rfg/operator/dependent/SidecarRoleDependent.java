package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.SidecarRbacRenderer;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class SidecarRoleDependent extends CRUDKubernetesDependentResource<Role, RedisFailoverGroup> {

  @Override
  protected Role desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    GroupContext groupContext = GroupContext.of(context);
    var names = groupContext.names(group);
    return SidecarRbacRenderer.role(names, groupContext.podCount(names));
  }
}
