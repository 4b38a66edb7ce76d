package dev.rfg.api.v1alpha1;

import dev.rfg.api.CrdRelease;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRD says which release it belongs to, and that is the chart's appVersion: the operator of that release
 * compares it with the cluster's CRD before upgrading it.
 */
class CrdReleaseTest {

  @Test
  void theCrdCarriesTheChartsRelease() throws Exception {
    var m = Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?")
        .matcher(Files.readString(Path.of("../helm/rfg-operator/Chart.yaml")));
    assertThat(m.find()).as("appVersion in Chart.yaml").isTrue();
    assertThat(CrdRelease.of(GeneratedCrd.load())).isEqualTo(m.group(1));
  }

  @Test
  void releasesCompareByNumberAndAMalformedOneIsNeverNewer() {
    assertThat(CrdRelease.compare("0.2.0", "0.10.0")).isNegative();
    assertThat(CrdRelease.compare("1.0.0", "0.9.9")).isPositive();
    assertThat(CrdRelease.compare("0.2", "0.2.0")).isZero();
    assertThat(CrdRelease.compare("0.2.0-rc1", "0.2.0")).isZero();
    assertThat(CrdRelease.compare("garbage", "0.1.0")).isNegative();
    assertThat(CrdRelease.fromProjectVersion("0.2.0-SNAPSHOT")).isEqualTo("0.2.0");
  }
}
