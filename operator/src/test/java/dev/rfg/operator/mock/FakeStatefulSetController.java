package dev.rfg.operator.mock;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;

/**
 * The mock API server has no controllers: this plays the StatefulSet controller's part, creating the pods
 * of a StatefulSet from its template (ready, as a kubelet would report them) and deleting surplus ones.
 */
public final class FakeStatefulSetController {

  private final KubernetesClient client;

  public FakeStatefulSetController(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Brings the pods in line with the StatefulSet once; tests call it inside their waits. The revision is a
   * hash of the pod template, as the real controller's controller-revision-hash is; status.updateRevision
   * follows the template, and, the strategy being OnDelete, only deleted pods come back with it.
   */
  public void sync(String namespace, String name) {
    StatefulSet sts = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    if (sts == null) {
      return;
    }
    String revision = name + "-" + dev.rfg.operator.render.ContentHash.of(
        client.getKubernetesSerialization().asJson(sts.getSpec().getTemplate()));
    if (sts.getStatus() == null || !revision.equals(sts.getStatus().getUpdateRevision())) {
      sts.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
          .withUpdateRevision(revision).withReplicas(sts.getSpec().getReplicas()).build());
      client.apps().statefulSets().inNamespace(namespace).resource(sts).updateStatus();
    }
    int replicas = sts.getSpec().getReplicas();
    for (int i = 0; i < replicas; i++) {
      String pod = name + "-" + i;
      if (client.pods().inNamespace(namespace).withName(pod).get() == null) {
        var labels = new HashMap<>(sts.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("controller-revision-hash", revision);
        labels.put("statefulset.kubernetes.io/pod-name", pod);
        var created = client.pods().inNamespace(namespace).resource(new PodBuilder()
            .withNewMetadata().withName(pod).withNamespace(namespace).withLabels(labels)
            .withAnnotations(sts.getSpec().getTemplate().getMetadata().getAnnotations()).endMetadata()
            .withSpec(sts.getSpec().getTemplate().getSpec())
            .build()).create();
        // A real API server ignores status on create: the kubelet's report comes as a status update.
        created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
            .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
        client.pods().inNamespace(namespace).resource(created).updateStatus();
      }
    }
    client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(name + "-"))
        .filter(p -> Integer.parseInt(p.getMetadata().getName().substring(name.length() + 1)) >= replicas)
        .forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
  }
}
