package dev.rfg.operator.rollout;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Removes a handled switchover request, so it is carried out once. */
final class AnnotationCleaner {

  private AnnotationCleaner() {
  }

  static void removeSwitchoverRequest(KubernetesClient client, RedisFailoverGroup group) {
    try {
      client.resources(RedisFailoverGroup.class).inNamespace(group.getMetadata().getNamespace())
          .withName(group.getMetadata().getName())
          .edit(g -> {
            if (g.getMetadata().getAnnotations() != null) {
              g.getMetadata().getAnnotations().remove(GroupLabels.SWITCHOVER_REQUEST);
            }
            return g;
          });
    } catch (KubernetesClientException e) {
      // The next reconcile sees the annotation again; the sentinels refuse a switchover to the current master.
    }
  }
}
