package dev.rfg.api.v1alpha1;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRD's default server image is the one the test tiers build and run first (images/servers' first line). */
class DefaultImageTest {

  @Test
  void theDefaultImageIsTheFirstServerTheTestsBuild() throws Exception {
    String first = Files.readAllLines(Path.of("../images/servers")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .findFirst().orElseThrow();
    assertThat(first.trim().split("\\s+")[3]).isEqualTo(RedisSpec.DEFAULT_IMAGE);
  }
}
