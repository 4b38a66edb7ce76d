package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.ContentHash;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.render.PodVolumes;
import dev.rfg.operator.render.RedisConfRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * redis.conf in immutable ConfigMaps named by its content, {@code NAME-redis-<hash>}, which the pod template names
 * (issue #14, item 4). A change makes a new one and rolls the pods onto it one by one; a pod not replaced yet keeps
 * reading the one it was made with, even when its container restarts (an in-place ConfigMap gave a bad value to
 * every pod at its next restart). One that neither the template nor any pod names any more is deleted.
 *
 * <p>Not a JOSDK dependent: there is one per revision of the configuration, made once and never updated.
 */
public final class RedisConfigMaps {

  /** The label that tells these ConfigMaps from the group's other ones. */
  public static final String CONFIG_LABEL = "rfg.dev/config";
  static final String CONFIG_LABEL_VALUE = "redis";

  /** What was left after the last collection, by group UID: no list while nothing changes. */
  private final Map<String, Set<String>> keptByGroup = new ConcurrentHashMap<>();

  /** The ConfigMap of the group's current redis.conf. */
  public static ConfigMap render(RedisFailoverGroup group, GroupNames names) {
    String conf = RedisConfRenderer.render(group.getSpec().getRedis());
    Map<String, String> labels = new HashMap<>(GroupLabels.common(names.group()));
    labels.put(CONFIG_LABEL, CONFIG_LABEL_VALUE);
    return new ConfigMapBuilder()
        .withNewMetadata().withName(names.redisConfigMap(ContentHash.of(conf))).withNamespace(names.namespace())
        .withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(group.getApiVersion())
            .withKind(group.getKind()).withName(group.getMetadata().getName()).withUid(group.getMetadata().getUid())
            .withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata()
        .withImmutable(true)
        .addToData(RedisConfRenderer.REDIS_CONF, conf)
        .build();
  }

  /** Makes the current one unless it exists; returns its name. */
  public String ensure(KubernetesClient client, RedisFailoverGroup group, GroupNames names) {
    ConfigMap wanted = render(group, names);
    String name = wanted.getMetadata().getName();
    Set<String> kept = keptByGroup.get(group.getMetadata().getUid());
    if (kept != null && kept.contains(name)) {
      return name;
    }
    if (client.configMaps().inNamespace(names.namespace()).withName(name).get() == null) {
      try {
        client.resource(wanted).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    return name;
  }

  /**
   * Deletes the group's redis ConfigMaps that neither the current template ({@code current}) nor a pod names; lists
   * them only when what is named changed since the last time.
   */
  public void collect(KubernetesClient client, RedisFailoverGroup group, GroupNames names, String current,
      List<Pod> pods) {
    Set<String> named = new HashSet<>();
    named.add(current);
    pods.forEach(p -> named.addAll(PodVolumes.configMapsOf(p)));
    String uid = group.getMetadata().getUid();
    if (named.equals(keptByGroup.get(uid))) {
      return;
    }
    var ours = client.configMaps().inNamespace(names.namespace()).withLabel(CONFIG_LABEL, CONFIG_LABEL_VALUE)
        .withLabel(GroupLabels.GROUP, names.group()).list().getItems();
    for (ConfigMap cm : ours) {
      if (!named.contains(cm.getMetadata().getName())) {
        client.resource(cm).withGracePeriod(0).delete();
      }
    }
    keptByGroup.put(uid, named);
  }
}
