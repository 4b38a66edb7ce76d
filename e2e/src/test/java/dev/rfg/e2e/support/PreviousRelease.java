package dev.rfg.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The release this checkout upgrades from (hack/previous-release), built from its commit by
 * hack/previous-release.sh: its images loaded into the local cluster, its chart in a directory of its own.
 *
 * @param version its release number, the tag of its images and its chart's appVersion
 * @param chart its chart's directory
 */
public record PreviousRelease(String version, String chart) {

  /** Builds (or finds cached) and loads the previous release; takes a few minutes the first time. */
  public static PreviousRelease build(Cluster cluster) {
    String version;
    try {
      version = Files.readAllLines(Tools.ROOT.resolve("hack/previous-release")).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow().trim().split("\\s+")[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Tools.Result built = Tools.run(Duration.ofMinutes(20), RfgInstall.env(cluster), "hack/previous-release.sh",
        "--load").orFail("hack/previous-release.sh --load");
    List<String> lines = built.stdout().lines().toList();
    String chart = lines.get(lines.size() - 1).trim();
    if (!Files.isRegularFile(Path.of(chart, "Chart.yaml"))) {
      throw new AssertionError("hack/previous-release.sh named no chart:\n" + built.output());
    }
    return new PreviousRelease(version, chart);
  }
}
