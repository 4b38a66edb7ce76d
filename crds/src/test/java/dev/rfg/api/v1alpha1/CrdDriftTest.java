package dev.rfg.api.v1alpha1;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrdDriftTest {

  @Test
  void committedCrdIsWhatTheJavaTypesGenerate() {
    assertThat(GeneratedCrd.text(GeneratedCrd.COMMITTED))
        .as("crds/%s is out of date with the Java types. Regenerate it with "
            + "'./mvnw -pl crds process-classes -Drfg.crd.skipUpdate=false' and commit it.", GeneratedCrd.FILE)
        .isEqualTo(GeneratedCrd.text(GeneratedCrd.GENERATED));
  }

  @Test
  void chartCarriesTheGeneratedCrd() {
    assertThat(GeneratedCrd.text(GeneratedCrd.CHART))
        .as("the build copies the CRD into helm/rfg-operator/crds; commit that copy too")
        .isEqualTo(GeneratedCrd.text(GeneratedCrd.GENERATED));
  }
}
