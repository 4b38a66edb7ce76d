package dev.rfg.api.build;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.Map;

/**
 * The spec embeds Kubernetes types (affinity, tolerations, resources...) whose fabric8 classes carry no
 * descriptions. Rather than restate the Kubernetes API documentation, every such property points to the
 * Kubernetes field it mirrors, so {@code kubectl explain rfg.spec.pod.affinity.nodeAffinity} says where to read on.
 */
final class EmbeddedTypeDescriptions {

  /** Where an embedded type sits in our schema, and the Pod path it mirrors. */
  private static final Map<String, String> MIRRORS = Map.of(
      "spec.pod.affinity", "pod.spec.affinity",
      "spec.pod.tolerations", "pod.spec.tolerations",
      "spec.pod.topologySpreadConstraints", "pod.spec.topologySpreadConstraints",
      "spec.pod.securityContext", "pod.spec.securityContext",
      "spec.redis.resources", "pod.spec.containers.resources",
      "spec.sentinel.resources", "pod.spec.containers.resources",
      "spec.redis.imagePullSecrets", "pod.spec.imagePullSecrets",
      "spec.networkPolicy.clients", "networkpolicy.spec.ingress.from",
      "spec.networkPolicy.metricsScrapers", "networkpolicy.spec.ingress.from",
      "status.conditions", "deployment.status.conditions");

  private static final Map<String, String> OWN = Map.of(
      "spec", "The desired group: how many pods, and how Redis and the sentinels run.",
      "status", "The group as the sentinels and Redis report it.");

  private EmbeddedTypeDescriptions() {
  }

  static void apply(JSONSchemaProps root) {
    root.getProperties().forEach((name, schema) -> visit(name, name, null, schema));
  }

  private static void visit(String path, String name, String mirror, JSONSchemaProps schema) {
    String ownMirror = MIRRORS.get(path);
    String here = ownMirror != null ? ownMirror : mirror == null ? null : mirror + "." + name;
    if (isBlank(schema.getDescription())) {
      if (OWN.containsKey(path)) {
        schema.setDescription(OWN.get(path));
      } else if (here != null) {
        schema.setDescription("Same as the Kubernetes field " + here + ": see kubectl explain " + here + ".");
      } else {
        throw new IllegalStateException("CRD property " + path + " has no description: add "
            + "@JsonPropertyDescription to its Java field");
      }
    }
    JSONSchemaProps element = schema.getItems() != null ? schema.getItems().getSchema() : null;
    JSONSchemaProps container = element != null ? element : schema;
    if (container.getProperties() != null) {
      container.getProperties().forEach((child, childSchema) ->
          visit(path + "." + child, child, here, childSchema));
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
