package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.StatefulSetRenderer;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The group's StatefulSet; its pods are replaced by the operator's rollout, not by the controller. */
@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class StatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, RedisFailoverGroup> {

  @Override
  protected StatefulSet desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var groupContext = GroupContext.of(context);
    return StatefulSetRenderer.render(group, groupContext.names(group), groupContext.settings().sentinelImage(),
        groupContext.authSecretName(), groupContext.authKey(), groupContext.statefulSetReplicas());
  }
}
