package dev.rfg.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The servers of images/servers (built and loaded by hack/images.sh); the first is the CRD's default. */
public final class Servers {

  /** One line: {@code redis-7.0 bookworm redis redis:7.0.15 ...}. */
  public record Server(String name, String prefix, String image) {

    /** The version in the image tag, e.g. 8.1.1. */
    public String version() {
      return image.substring(image.lastIndexOf(':') + 1);
    }

    /** The INFO server field that carries {@link #version()}: Valkey also reports a redis_version (7.2.4). */
    public String versionField() {
      return prefix + "_version";
    }

    @Override
    public String toString() {
      return name + " (" + image + ")";
    }
  }

  private Servers() {
  }

  public static List<Server> all() {
    try {
      return Files.readAllLines(Tools.ROOT.resolve("images/servers")).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.trim().split("\\s+"))
          .map(f -> new Server(f[0], f[2], f[3]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every server but the default one, which every other cluster test runs on. */
  public static List<Server> others() {
    List<Server> all = all();
    return all.subList(1, all.size());
  }
}
