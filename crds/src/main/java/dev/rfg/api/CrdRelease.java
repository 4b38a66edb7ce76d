package dev.rfg.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

import java.util.Map;

/**
 * Which RFG release a RedisFailoverGroup CRD belongs to: the build writes it into the CRD as an annotation, and the
 * operator reads it from the cluster's CRD to decide whether its own is newer (an operator rolled back to an older
 * release must not take fields away from the CRD a newer one installed).
 */
public final class CrdRelease {

  public static final String ANNOTATION = "rfg.dev/release";
  /** Where the build puts the finished CRD in the crds jar (and so on the operator's class path). */
  public static final String RESOURCE = "/META-INF/fabric8/redisfailovergroups.rfg.dev-v1.yml";

  private CrdRelease() {
  }

  /** The release a CRD says it belongs to, or null (CRDs of releases before 0.2.0 carry none). */
  public static String of(CustomResourceDefinition crd) {
    Map<String, String> annotations = crd.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  /** A Maven project version as a release: {@code 0.2.0-SNAPSHOT} is the work towards 0.2.0. */
  public static String fromProjectVersion(String projectVersion) {
    return projectVersion.replaceFirst("-SNAPSHOT$", "");
  }

  /**
   * Compares two releases {@code MAJOR.MINOR.PATCH} by number; negative when a is older. A part that is not a
   * number compares as 0, so a malformed value is never taken for a newer release.
   */
  public static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(part(x, i), part(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int part(String[] parts, int i) {
    if (i >= parts.length) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[i].replaceFirst("-.*$", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
