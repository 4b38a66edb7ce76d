package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.RedisConfRenderer;
import dev.rfg.operator.render.SentinelSettingsRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** {@code <name>-config}: redis.conf and the sentinels' settings. Never a password. */
@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, RedisFailoverGroup> {

  @Override
  protected ConfigMap desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var names = GroupContext.of(context).names(group);
    return new ConfigMapBuilder()
        .withNewMetadata().withName(names.configMap()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .addToData(RedisConfRenderer.REDIS_CONF, RedisConfRenderer.render(group.getSpec().getRedis()))
        .addToData(SentinelSettingsRenderer.SENTINEL_PROPERTIES, SentinelSettingsRenderer.render(group, names))
        .build();
  }
}
