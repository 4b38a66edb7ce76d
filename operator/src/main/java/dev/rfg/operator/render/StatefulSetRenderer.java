package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.PersistenceSpec;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.api.v1alpha1.PodOptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The group's StatefulSet. OnDelete: the operator, not the StatefulSet controller, decides which pod is
 * replaced when, so replicas go first and the master is switched over once. Parallel: pods start together,
 * since the sidecars, not the start order, decide who is master.
 */
public final class StatefulSetRenderer {

  private StatefulSetRenderer() {
  }

  public static StatefulSet render(RedisFailoverGroup group, GroupNames names, String sentinelImage,
      String authSecretName, String authKey, int replicas) {
    String redisConf = RedisConfRenderer.render(group.getSpec().getRedis());
    var persistence = group.getSpec().getRedis().getPersistence();
    String claimPolicy = persistence.getWhenDeleted() == PersistenceSpec.ClaimPolicy.Delete ? "Delete" : "Retain";
    return new StatefulSetBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(names.statefulSet()).withNamespace(names.namespace())
            .withLabels(GroupLabels.common(names.group())).build())
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(names.headlessService())
        .withPodManagementPolicy("Parallel")
        .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
        .withNewSelector().withMatchLabels(GroupLabels.selector(names.group())).endSelector()
        .withTemplate(podTemplate(group, names, sentinelImage, authSecretName, authKey, redisConf))
        .withVolumeClaimTemplates(PodVolumes.claimTemplate(group).stream().toList())
        .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted(claimPolicy).withWhenScaled(claimPolicy)
        .endPersistentVolumeClaimRetentionPolicy()
        .endSpec()
        .build();
  }

  static PodTemplateSpec podTemplate(RedisFailoverGroup group, GroupNames names, String sentinelImage,
      String authSecretName, String authKey, String redisConf) {
    PodOptions pod = group.getSpec().getPod();
    Map<String, String> labels = new LinkedHashMap<>(pod.getLabels());
    labels.putAll(GroupLabels.common(names.group()));
    Map<String, String> annotations = new LinkedHashMap<>(pod.getAnnotations());
    annotations.put(GroupLabels.CONFIG_HASH, ContentHash.of(redisConf));
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
        .withNewSpec()
        .withServiceAccountName(names.sentinelServiceAccount())
        // Only the sentinel container talks to the API; it alone mounts a token (PodVolumes.apiAccess).
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds(pod.getTerminationGracePeriodSeconds().longValue())
        .withInitContainers(SentinelContainerRenderer.render(group, names, sentinelImage))
        .withContainers(RedisContainerRenderer.render(group, names))
        .withVolumes(PodVolumes.render(group, names, authSecretName, authKey,
            names.redisConfigMap(ContentHash.of(redisConf))))
        .withSecurityContext(PodSecurity.pod(pod.getSecurityContext()))
        .withAffinity(pod.getAffinity() != null ? pod.getAffinity() : DefaultAffinity.spreadAcrossNodes(names.group()))
        .withNodeSelector(pod.getNodeSelector())
        .withTolerations(pod.getTolerations())
        .withTopologySpreadConstraints(pod.getTopologySpreadConstraints())
        .withPriorityClassName(pod.getPriorityClassName())
        .withImagePullSecrets(group.getSpec().getRedis().getImagePullSecrets())
        .endSpec()
        .build();
  }
}
