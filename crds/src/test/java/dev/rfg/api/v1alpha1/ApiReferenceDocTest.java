package dev.rfg.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api-reference.md must name every field of our own (embedded Kubernetes types excepted). */
class ApiReferenceDocTest {

  @Test
  void everyOwnFieldIsDocumented() {
    String doc = GeneratedCrd.text(java.nio.file.Path.of("../docs/api-reference.md"));
    List<String> fields = new ArrayList<>();
    leaves("spec", GeneratedCrd.at("spec"), fields);
    leaves("status", GeneratedCrd.at("status"), fields);
    assertThat(fields).isNotEmpty()
        .allSatisfy(f -> assertThat(doc).as("docs/api-reference.md must describe %s", f).contains("`" + f + "`"));
  }

  private static void leaves(String path, JSONSchemaProps node, List<String> out) {
    if (node.getDescription() != null && node.getDescription().startsWith("Same as the Kubernetes field")) {
      return;
    }
    if (node.getProperties() == null || node.getProperties().isEmpty() || path.endsWith("affinity")
        || path.endsWith("securityContext") || path.endsWith("resources")) {
      out.add(path);
      return;
    }
    node.getProperties().forEach((name, child) -> leaves(path + "." + name, child, out));
  }
}
