package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.PrometheusServer;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #16, with a real Prometheus (support/PrometheusServer) whose scrape configs and rules come from the chart's
 * PodMonitor, ServiceMonitor and PrometheusRule: it finds and scrapes every group pod's sidecar and the operator;
 * Redis's metrics carry redis_exporter's names with the values redis-cli's INFO shows; every metric the dashboard and
 * the alerts query is there; every rule evaluates; and a master kill fires the failover alert.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsTest {

  private static final Pattern METRIC_IN_QUERY = Pattern.compile("\\b((?:redis|rfg)_[a-z_]+)\\b");
  /** Scrape and rule evaluation interval: short, so the test waits seconds rather than minutes. */
  private static final String INTERVAL = "5s";
  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static RedisClientPod client;
  private static PrometheusServer prometheus;

  @BeforeAll
  static void start() {
    fixture = GroupFixture.start("rfg-metrics", "metered", 5000);
    group = fixture.group();
    client = fixture.client();
    prometheus = PrometheusServer.start(group.cluster(), RfgInstall.RELEASE, RfgInstall.NAMESPACE, INTERVAL,
        "metrics.podMonitor.enabled=true", "metrics.podMonitor.interval=" + INTERVAL,
        "metrics.serviceMonitor.enabled=true", "metrics.serviceMonitor.interval=" + INTERVAL,
        "metrics.prometheusRule.enabled=true");
  }

  @AfterAll
  static void cleanUp() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void prometheusScrapesEverySidecarAndTheOperatorWithWhatTheDashboardAndAlertsQuery() {
    String master = group.awaitReady(Duration.ofMinutes(3));
    for (int i = 0; i < 40; i++) {
      assertThat(client.cli("-h", group.masterService(), "SET", "metered-" + i, "v")).isEqualTo("OK");
    }
    await("Prometheus scrapes every pod's sidecar and the operator").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
          List<JsonNode> targets = prometheus.activeTargets();
          assertThat(targets.stream().filter(t -> group.namespace().equals(label(t, "namespace")))
              .filter(t -> "up".equals(t.path("health").asText())).map(t -> label(t, "pod")))
              .as("group pods scraped (targets: %s)", targets).containsExactlyInAnyOrderElementsOf(group.podNames());
          assertThat(targets.stream().filter(t -> t.path("scrapePool").asText().startsWith("serviceMonitor/")))
              .as("operator targets").isNotEmpty()
              .allSatisfy(t -> assertThat(t.path("health").asText()).as("operator target %s", t).isEqualTo("up"));
        });
    String inGroup = "namespace=\"" + group.namespace() + "\",rfg_group=\"" + group.name() + "\"";
    // The sidecar reads INFO at most every 5 s and Prometheus scrapes every 5 s: the keys show within that.
    long dbsize = Long.parseLong(client.cli("-h", group.fqdn(master), "DBSIZE").replaceAll("\\D", ""));
    await("Prometheus sees the master's keys").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(prometheus.value(
            "redis_db_keys{" + inGroup + ",pod=\"" + master + "\",db=\"db0\"}")).isEqualTo(dbsize));
    var info = group.replicationInfo(client, master);
    assertThat(prometheus.value("redis_connected_slaves{" + inGroup + ",pod=\"" + master + "\"}"))
        .isEqualTo(Double.parseDouble(info.get("connected_slaves")));
    assertThat(prometheus.query("redis_instance_info{" + inGroup + ",role=\"master\"}"))
        .extracting(sample -> label(sample, "pod")).containsExactly(master);
    assertThat(prometheus.value("sum(redis_up{" + inGroup + "})")).isEqualTo(group.podNames().size());
    assertThat(prometheus.value("sum(redis_master_link_up{" + inGroup + "})"))
        .as("replicas linked to the master").isEqualTo(group.podNames().size() - 1);
    assertThat(prometheus.value("redis_memory_used_bytes{" + inGroup + ",pod=\"" + master + "\"}")).isPositive();
    assertThat(prometheus.value("rfg_group_ready{namespace=\"" + group.namespace() + "\",group=\"" + group.name()
        + "\"}")).as("the operator's rfg_group_ready").isEqualTo(1);

    Set<String> exported = new TreeSet<>();
    prometheus.query("count by (__name__) ({__name__=~\"(redis|rfg)_.+\"})")
        .forEach(sample -> exported.add(label(sample, "__name__")));
    System.out.printf("[MetricsTest] Prometheus holds %d redis_/rfg_ metric names%n", exported.size());
    assertThat(namesInQueries()).as("metrics the dashboard and the alerts query").isNotEmpty()
        .allSatisfy(name -> assertThat(exported).as("metric names in Prometheus").contains(name));

    await("every shipped rule evaluated without error").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(prometheus.alertingRules())
            .as("alerting rules loaded from the chart's PrometheusRule").hasSizeGreaterThanOrEqualTo(10)
            .allSatisfy(rule -> assertThat(rule.path("health").asText())
                .as("health of %s (%s)", rule.path("name").asText(), rule.path("lastError").asText())
                .isEqualTo("ok")));
    assertThat(alertsOfThisGroup()).as("alerts of a healthy group").isEmpty();
  }

  @Test
  @Order(2)
  void aMasterKillFiresTheFailoverAlert() {
    String master = group.awaitReady(Duration.ofMinutes(3));
    long killed = System.nanoTime();
    group.deletePod(master, true);
    await("RedisGroupFailover firing (Prometheus log:\n" + prometheus.logTail() + ")").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(alertsOfThisGroup())
            .anySatisfy(alert -> {
              assertThat(label(alert, "alertname")).isEqualTo("RedisGroupFailover");
              assertThat(alert.path("state").asText()).isEqualTo("firing");
            }));
    System.out.printf("[MetricsTest] RedisGroupFailover firing %d ms after the master kill (scrape and evaluation"
        + " every %s)%n", Duration.ofNanos(System.nanoTime() - killed).toMillis(), INTERVAL);
    String newMaster = group.awaitReady(Duration.ofMinutes(3));
    assertThat(newMaster).isNotEqualTo(master);
  }

  private static List<JsonNode> alertsOfThisGroup() {
    return prometheus.alerts().stream()
        .filter(a -> group.namespace().equals(label(a, "namespace")))
        .toList();
  }

  private static String label(JsonNode sampleOrTarget, String name) {
    JsonNode labels = sampleOrTarget.has("metric") ? sampleOrTarget.path("metric") : sampleOrTarget.path("labels");
    return labels.path(name).asText(null);
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
}
