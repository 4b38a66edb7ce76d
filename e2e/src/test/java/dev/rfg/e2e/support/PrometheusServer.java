package dev.rfg.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (built from its Go module by e2e/cluster/cluster.sh prometheus) on the test host, scraping the
 * local cluster's pods directly as an in-cluster Prometheus would (the pod network is the host's bridge). Its scrape
 * configs come from the chart's PodMonitor and ServiceMonitor, its rules from the chart's PrometheusRule, each
 * rendered by helm template with the values given; so what it finds and fires is what the chart ships.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final Path dir;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path dir, URI base) {
    this.process = process;
    this.dir = dir;
    this.base = base;
  }

  /** Starts Prometheus with the chart's monitoring objects rendered from {@code release} and {@code helmSets}. */
  public static PrometheusServer start(Cluster cluster, String release, String namespace, String interval,
      String... helmSets) {
    String binary = Tools.binary("prometheus");
    if (binary == null) {
      throw new IllegalStateException("no prometheus in ~/.cache/rfg/bin or on the PATH: run"
          + " e2e/cluster/cluster.sh prometheus");
    }
    List<HasMetadata> objects = render(cluster, release, namespace, helmSets);
    try {
      Path dir = Files.createTempDirectory("rfg-prometheus");
      List<Object> scrapeConfigs = new ArrayList<>();
      for (HasMetadata object : objects) {
        if (!(object instanceof GenericKubernetesResource resource)) {
          continue; // the metrics Service
        }
        switch (object.getKind()) {
          case "PodMonitor" -> scrapeConfigs.add(MonitorScrapeConfigs.fromPodMonitor(resource, cluster.kubeconfig()));
          case "ServiceMonitor" ->
              scrapeConfigs.add(MonitorScrapeConfigs.fromServiceMonitor(resource, cluster.kubeconfig()));
          case "PrometheusRule" -> Files.writeString(dir.resolve("rules.yaml"),
              Serialization.asYaml(resource.getAdditionalProperties().get("spec")));
          default -> { }
        }
      }
      if (scrapeConfigs.isEmpty() || !Files.exists(dir.resolve("rules.yaml"))) {
        throw new IllegalStateException("the chart rendered no PodMonitor/ServiceMonitor/PrometheusRule: " + objects);
      }
      Files.writeString(dir.resolve("prometheus.yml"), Serialization.asYaml(Map.of(
          "global", Map.of("scrape_interval", interval, "evaluation_interval", interval),
          "rule_files", List.of(dir.resolve("rules.yaml").toString()),
          "scrape_configs", scrapeConfigs)));
      int port = freePort();
      Process process = new ProcessBuilder(binary, "--config.file=" + dir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      PrometheusServer server = new PrometheusServer(process, dir, URI.create("http://127.0.0.1:" + port));
      await("Prometheus ready (log: " + dir.resolve("prometheus.log") + ")").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> process.isAlive() && server.get("/-/ready").statusCode() == 200);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HasMetadata> render(Cluster cluster, String release, String namespace, String... sets) {
    List<String> argv = new ArrayList<>(List.of("helm", "template", release, "helm/rfg-operator",
        "--namespace", namespace, "--kube-version", cluster.client().getKubernetesVersion().getGitVersion(),
        "--show-only", "templates/monitoring.yaml", "--show-only", "templates/metrics.yaml"));
    for (String set : sets) {
      argv.add("--set");
      argv.add(set);
    }
    String yaml = Tools.run(Duration.ofMinutes(1), Map.of(), argv.toArray(String[]::new))
        .orFail("helm template of the monitoring objects").stdout();
    return cluster.client().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  /** An instant query's result vector: each element has "metric" (labels) and "value" ([time, "number"]). */
  public List<JsonNode> query(String promql) {
    JsonNode data = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    List<JsonNode> result = new ArrayList<>();
    data.path("result").forEach(result::add);
    return result;
  }

  /** The value of a query that must return one sample. */
  public double value(String promql) {
    List<JsonNode> result = query(promql);
    if (result.size() != 1) {
      throw new AssertionError(promql + " returned " + result.size() + " samples, not 1: " + result);
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  /** Active targets: labels, health ("up"/"down") and the last scrape error. */
  public List<JsonNode> activeTargets() {
    List<JsonNode> result = new ArrayList<>();
    api("/api/v1/targets?state=active").path("activeTargets").forEach(result::add);
    return result;
  }

  /** Alerts pending or firing: labels and "state". */
  public List<JsonNode> alerts() {
    List<JsonNode> result = new ArrayList<>();
    api("/api/v1/alerts").path("alerts").forEach(result::add);
    return result;
  }

  /** Rules as Prometheus loaded them: the alert names with their health after the last evaluation. */
  public List<JsonNode> alertingRules() {
    List<JsonNode> result = new ArrayList<>();
    api("/api/v1/rules?type=alert").path("groups").forEach(g -> g.path("rules").forEach(result::add));
    return result;
  }

  private JsonNode api(String pathAndQuery) {
    HttpResponse<String> response = get(pathAndQuery);
    try {
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new AssertionError("Prometheus " + pathAndQuery + ": HTTP " + response.statusCode() + " "
            + response.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> get(String pathAndQuery) {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of Prometheus's own log, for a failure message. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("prometheus.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not a test failure
    }
  }
}
