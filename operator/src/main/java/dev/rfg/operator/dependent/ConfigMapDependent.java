package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.RedisConfRenderer;
import dev.rfg.operator.render.SentinelSettingsRenderer;
import dev.rfg.operator.rollout.VoterCount;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * {@code <name>-config}: the sentinels' settings, changed in place and followed live by the sidecars. Never a
 * password. Its redis.conf key is only for pods made by an operator from before {@link RedisConfigMaps} (their
 * template mounts this ConfigMap whole) until they are rolled; pods made since read the immutable one. The voter
 * count in the settings moves with the pods during a resize ({@link VoterCount}): pod events reconcile the group,
 * so it follows them.
 */
@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, RedisFailoverGroup> {

  @Override
  protected ConfigMap desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var groupContext = GroupContext.of(context);
    var names = groupContext.names(group);
    // Read from the informer by name: getSecondaryResource collects the cache into a HashSet, and hashing a
    // ConfigMap's interned managedFields overflowed the stack (ManagedFieldsInterner).
    Integer previous = eventSource().flatMap(es -> es.get(new ResourceID(names.configMap(), names.namespace())))
        .map(ConfigMap::getData)
        .map(data -> SentinelSettingsRenderer.renderedVoters(data.get(SentinelSettingsRenderer.SENTINEL_PROPERTIES)))
        .orElse(null);
    int voters = VoterCount.of(group.getSpec().getReplicas(), previous, groupContext.pods(), names);
    return new ConfigMapBuilder()
        .withNewMetadata().withName(names.configMap()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .addToData(RedisConfRenderer.REDIS_CONF, RedisConfRenderer.render(group.getSpec().getRedis()))
        .addToData(SentinelSettingsRenderer.SENTINEL_PROPERTIES, SentinelSettingsRenderer.render(group, names, voters))
        .build();
  }
}
