package dev.rfg.operator.gate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an image reference says about the server in it, when it says anything: the official and common images
 * are named {@code [registry/][path/]redis:<version>[-variant]} or {@code .../valkey:<version>...}. Anything else
 * (a digest only, {@code latest}, an image of one's own) is unknown, and the gate then lets the change through:
 * a pod that cannot replicate stops the rollout at that pod, and reverting the spec recovers.
 *
 * @param server "Redis" or "Valkey"
 * @param major the release line's major version
 * @param minor its minor version, or -1 for a tag like {@code redis:8}
 */
public record ServerImage(String server, int major, int minor) {

  private static final Pattern TAG = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)?(?:[-_].*)?");

  public static Optional<ServerImage> parse(String image) {
    if (image == null) {
      return Optional.empty();
    }
    String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon <= slash) {
      return Optional.empty(); // no tag: latest, whatever that is today
    }
    String name = ref.substring(slash + 1, colon);
    String server = switch (name) {
      case "redis" -> "Redis";
      case "valkey" -> "Valkey";
      default -> null;
    };
    Matcher tag = TAG.matcher(ref.substring(colon + 1));
    if (server == null || !tag.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ServerImage(server, Integer.parseInt(tag.group(1)),
        tag.group(2) == null ? -1 : Integer.parseInt(tag.group(2))));
  }

  /**
   * The RDB format this release line writes, where known. A server loads RDB formats up to its own only, and a
   * replica's first sync is an RDB from its master, so a replica of an older line than its master's cannot sync.
   * Checked on 2026-12-04 with Debian's binaries (7.0.15 writes 10, Valkey 8.1.1 11, Redis 8.0.2 12; 8.0 → 7.0,
   * 8.0 → Valkey 8.1 and Valkey 8.1 → 7.0 fail with "Can't handle RDB format version"); 7.2 (11) and 7.4 (12) from
   * Redis's release notes. Lines after the ones listed are unknown rather than guessed.
   */
  public Optional<Integer> rdbFormat() {
    if (server.equals("Redis")) {
      if (major == 7 && minor >= 0) {
        return Optional.of(minor < 2 ? 10 : minor < 4 ? 11 : 12);
      }
      return major == 8 && minor == 0 ? Optional.of(12) : Optional.empty();
    }
    boolean knownValkey = (major == 7 && minor == 2) || (major == 8 && (minor == 0 || minor == 1));
    return knownValkey ? Optional.of(11) : Optional.empty();
  }

  /** Older than RFG supports: before Redis 7.0 (Valkey starts at 7.2). */
  public boolean unsupported() {
    return server.equals("Redis") && major < 7;
  }

  @Override
  public String toString() {
    return server + " " + major + (minor >= 0 ? "." + minor : "");
  }
}
