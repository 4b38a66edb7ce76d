package dev.rfg.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CRD files the build produces and the ones committed, as tests see them. */
final class GeneratedCrd {

  static final String FILE = "redisfailovergroups.rfg.dev-v1.yml";
  /** Written by the generator (and CrdFinisher) in this build. */
  static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", FILE);
  /** The copy committed at crds/, which the chart and users apply. */
  static final Path COMMITTED = Path.of(FILE);
  static final Path CHART = Path.of("../helm/rfg-operator/crds", FILE);

  private GeneratedCrd() {
  }

  static String text(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CustomResourceDefinition load() {
    return new KubernetesSerialization().unmarshal(text(GENERATED), CustomResourceDefinition.class);
  }

  static JSONSchemaProps schema() {
    return load().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }

  static JSONSchemaProps at(String dottedPath) {
    JSONSchemaProps node = schema();
    for (String part : dottedPath.split("\\.")) {
      node = node.getProperties().get(part);
      if (node == null) {
        throw new AssertionError("no property " + part + " in " + dottedPath);
      }
    }
    return node;
  }
}
