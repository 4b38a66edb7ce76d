package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #16: what every group pod's sidecar and the operator export, scraped through the API server's pod proxy as
 * Prometheus would reach them: Redis's metrics under redis_exporter's names with the values redis-cli's INFO shows,
 * and every metric the chart's dashboard and alerts query.
 */
@Tag("cluster")
class MetricsTest {

  private static final Pattern METRIC_IN_QUERY = Pattern.compile("\\b((?:redis|rfg)_[a-z_]+)\\b");
  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static RedisClientPod client;

  @BeforeAll
  static void start() {
    fixture = GroupFixture.start("rfg-metrics", "metered", 5000);
    group = fixture.group();
    client = fixture.client();
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void sidecarsAndOperatorExportWhatTheDashboardAndAlertsQuery() {
    String master = group.awaitReady(Duration.ofMinutes(3));
    for (int i = 0; i < 40; i++) {
      assertThat(client.cli("-h", group.masterService(), "SET", "metered-" + i, "v")).isEqualTo("OK");
    }
    String replica = group.podNames().stream().filter(p -> !p.equals(master)).findFirst().orElseThrow();
    // At most one INFO per 5 s on the sidecar: the keys show within that.
    await("the master's metrics show the keys").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(sample(scrape(master), "redis_db_keys{db=\"db0\"}"))
            .isEqualTo(Long.parseLong(client.cli("-h", group.fqdn(master), "DBSIZE").replaceAll("\\D", ""))));

    String onMaster = scrape(master);
    var info = group.replicationInfo(client, master);
    assertThat(sample(onMaster, "redis_connected_slaves")).isEqualTo(Long.parseLong(info.get("connected_slaves")));
    assertThat(onMaster).contains("redis_up 1", "redis_instance_info{role=\"master\",redis_version=\""
        + client.cliRaw("-h", group.fqdn(master), "INFO", "server").lines()
            .filter(l -> l.startsWith("redis_version:")).findFirst().orElseThrow().substring(14).trim() + "\"");
    assertThat(sample(onMaster, "redis_memory_used_bytes")).isPositive();
    String onReplica = scrape(replica);
    assertThat(onReplica).contains("redis_instance_info{role=\"slave\"",
        "redis_master_link_up{master_host=\"" + group.fqdn(master));

    Set<String> exported = new TreeSet<>();
    for (String pod : group.podNames()) {
      exported.addAll(names(scrape(pod)));
    }
    exported.addAll(names(operatorScrape()));
    System.out.printf("[MetricsTest] %d metric names exported by the sidecars and the operator%n", exported.size());
    assertThat(namesInQueries()).as("metrics the dashboard and the alerts query").isNotEmpty()
        .allSatisfy(name -> assertThat(exported).as("exported metric names").contains(name));
  }

  /** Metric names in the dashboard's queries and the alerts' expressions. */
  static Set<String> namesInQueries() {
    try {
      Set<String> names = new TreeSet<>();
      JsonNode dashboard = new ObjectMapper().readTree(Files.readString(
          Tools.ROOT.resolve("helm/rfg-operator/files/dashboard.json")));
      dashboard.findValues("expr").forEach(e -> collect(e.asText(), names));
      for (String line : Files.readAllLines(Tools.ROOT.resolve("helm/rfg-operator/files/alerts.yaml"))) {
        if (!line.trim().startsWith("#") && !line.contains("summary:") && !line.contains("description:")) {
          collect(line, names);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(String query, Set<String> into) {
    Matcher m = METRIC_IN_QUERY.matcher(query);
    while (m.find()) {
      if (!m.group(1).equals("rfg_group")) {
        into.add(m.group(1));
      }
    }
  }

  private static String scrape(String pod) {
    return group.cluster().client().raw("/api/v1/namespaces/" + group.namespace() + "/pods/" + pod
        + ":8080/proxy/metrics");
  }

  private static String operatorScrape() {
    var pod = group.cluster().client().pods().inNamespace("rfg-system").list().getItems().stream()
        .filter(p -> p.getMetadata().getName().contains("operator")).findFirst().orElseThrow();
    return group.cluster().client().raw("/api/v1/namespaces/rfg-system/pods/" + pod.getMetadata().getName()
        + ":8080/proxy/metrics");
  }

  private static Set<String> names(String metrics) {
    Set<String> names = new TreeSet<>();
    for (String line : metrics == null ? new String[0] : metrics.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  private static long sample(String metrics, String sample) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([-0-9.eE+]+)$").matcher(metrics);
    assertThat(m.find()).as("sample %s", sample).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
