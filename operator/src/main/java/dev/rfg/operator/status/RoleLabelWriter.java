package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Applies a {@link RoleLabelPlan}. Each write re-reads the pod, re-checks the epoch guard and sends the
 * pod's resourceVersion, so a concurrent writer (a sidecar with a newer epoch) makes this write fail rather
 * than be overwritten.
 */
public final class RoleLabelWriter {

  private static final Logger LOG = LoggerFactory.getLogger(RoleLabelWriter.class);
  private final KubernetesClient client;

  public RoleLabelWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Returns false when a write was refused, so the caller looks again on the next reconcile. */
  public boolean apply(String namespace, List<RoleLabelPlan.Change> changes) {
    for (RoleLabelPlan.Change change : changes) {
      var resource = client.pods().inNamespace(namespace).withName(change.pod());
      Pod pod = resource.get();
      if (pod == null || PodState.of(pod).roleEpoch() > change.epoch()) {
        return false;
      }
      pod.getMetadata().getLabels().put(GroupLabels.ROLE, change.role());
      pod.getMetadata().setAnnotations(pod.getMetadata().getAnnotations() == null
          ? new java.util.HashMap<>() : pod.getMetadata().getAnnotations());
      pod.getMetadata().getAnnotations().put(GroupLabels.ROLE_EPOCH, String.valueOf(change.epoch()));
      try {
        client.pods().inNamespace(namespace).resource(pod).update();
        LOG.info("pod {}/{}: {}={} at config epoch {}", namespace, change.pod(), GroupLabels.ROLE, change.role(),
            change.epoch());
      } catch (KubernetesClientException e) {
        LOG.info("pod {}/{}: role label not written ({}); looking again later", namespace, change.pod(),
            e.getMessage());
        return false;
      }
    }
    return true;
  }
}
