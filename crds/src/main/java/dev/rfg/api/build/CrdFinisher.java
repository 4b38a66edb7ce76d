package dev.rfg.api.build;

import dev.rfg.api.CrdRelease;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build step that runs after the fabric8 CRD generator (process-classes) and rewrites its output in place:
 * printer columns in kubectl's usual order, a description on every property, and the rules on
 * spec.redis.config, and the release annotation ({@link CrdRelease}).
 * Arguments: the project version, then the CRD files to finish.
 */
public final class CrdFinisher {

  private static final String HEADER = "# Generated from the Java types in crds/src by the fabric8 CRD "
      + "generator and dev.rfg.api.build.CrdFinisher; do not edit.\n";

  private CrdFinisher() {
  }

  public static void main(String[] args) throws IOException {
    var serialization = new KubernetesSerialization();
    String release = CrdRelease.fromProjectVersion(args[0]);
    for (int i = 1; i < args.length; i++) {
      Path path = Path.of(args[i]);
      var crd = serialization.unmarshal(Files.readString(path), CustomResourceDefinition.class);
      finish(crd, release);
      Files.writeString(path, HEADER + serialization.asYaml(crd).replaceFirst("^---\n", ""));
    }
  }

  static void finish(CustomResourceDefinition crd, String release) {
    crd.getMetadata().setAnnotations(new TreeMap<>(Map.of(CrdRelease.ANNOTATION, release)));
    for (var version : crd.getSpec().getVersions()) {
      PrinterColumnOrder.apply(version.getAdditionalPrinterColumns());
      EmbeddedTypeDescriptions.apply(version.getSchema().getOpenAPIV3Schema());
      OwnedConfigRules.apply(version.getSchema().getOpenAPIV3Schema());
    }
  }
}
