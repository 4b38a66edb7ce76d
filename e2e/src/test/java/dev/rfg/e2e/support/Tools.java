package dev.rfg.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** helm and kubectl as a user runs them: from ~/.cache/rfg/bin (e2e/cluster/cluster.sh tools) or the PATH. */
public final class Tools {

  /** The repository root (the e2e module runs with e2e/ as its working directory). */
  public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** The local cluster's Kubernetes version (e2e/cluster/versions.env), for helm template's capabilities. */
  public static final String KUBE_VERSION = kubeVersion();
  /** A thread per stream read: the common pool has one thread on 2 cores, and these reads block. */
  private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();
  private static final Path CACHE_BIN = Path.of(System.getProperty("user.home"), ".cache", "rfg", "bin");

  private Tools() {
  }

  private static String kubeVersion() {
    try {
      return Files.readAllLines(ROOT.resolve("e2e/cluster/versions.env")).stream()
          .filter(l -> l.startsWith("K8S_VERSION=")).map(l -> l.substring(12).split("\\s")[0]).findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * What a command printed, and how it ended. Standard output and error are kept apart because kubectl writes
   * warnings to stderr at any moment (e.g. "websocket.go: Unknown stream id" during exec) and those must not end
   * up in what a test parses.
   */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Both streams, for messages and for finding an error text wherever the tool printed it. */
    public String output() {
      return stderr.isEmpty() ? stdout : stdout + stderr;
    }

    public Result orFail(String what) {
      if (exitCode != 0) {
        throw new AssertionError(what + " failed (exit " + exitCode + "):\n" + output());
      }
      return this;
    }
  }

  /** This checkout's release: the chart's appVersion, the tag hack/images.sh gives the images. */
  public static String appVersion() {
    try {
      var m = java.util.regex.Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?")
          .matcher(Files.readString(ROOT.resolve("helm/rfg-operator/Chart.yaml")));
      if (!m.find()) {
        throw new IllegalStateException("no appVersion in helm/rfg-operator/Chart.yaml");
      }
      return m.group(1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static String binary(String name) {
    Path cached = CACHE_BIN.resolve(name);
    if (Files.isExecutable(cached)) {
      return cached.toString();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    return null;
  }

  public static Result run(Duration timeout, Map<String, String> env, String... command) {
    List<String> argv = new ArrayList<>(List.of(command));
    String resolved = binary(argv.get(0));
    if (resolved != null) {
      argv.set(0, resolved);
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(argv).directory(ROOT.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      // Both streams are drained beside the wait, so a command that hangs with its output open still times out.
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), READERS);
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), READERS);
      boolean ended;
      try {
        ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        // An Awaitility deadline interrupts its condition: the command must not outlive the test that ran it.
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        return new Result(-1, out.getNow(""), err.getNow("") + "\n(interrupted while waiting for it)");
      }
      if (!ended) {
        process.destroyForcibly();
        return new Result(-1, out.getNow(""), err.getNow("") + "\n(timed out after " + timeout + ")");
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      return new Result(-1, "", e.toString());
    }
  }

  private static String readAll(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read: " + e + ")"; // the process was killed on a timeout
    }
  }
}
