package dev.rfg.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workload pod of issue #7 (image {@code rfg/workload}, {@code e2e/src/main/java/dev/rfg/e2e/workload}) for
 * one group: writers that write continuously through the master Service ({@code service}) or through the
 * sentinels with a Jedis {@code JedisSentinelPool} ({@code sentinel}), optionally with {@code WAIT 1 <ms>}
 * ({@code service:wait=1000}), recording every acknowledged write. The test reads its figures through the API
 * server's pod proxy. The password comes from the group's Secret, mounted as a file.
 */
public final class Workload implements AutoCloseable {

  /** Writers' specs, as the workload takes them. */
  public static final String SERVICE = "service";
  public static final String SENTINEL = "sentinel";

  public static String serviceWithWait(int waitMs) {
    return SERVICE + ":wait=" + waitMs;
  }

  public static String sentinelWithWait(int waitMs) {
    return SENTINEL + ":wait=" + waitMs;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PORT = 8080;

  private final FailoverGroup group;
  private final String pod;

  private Workload(FailoverGroup group, String pod) {
    this.group = group;
    this.pod = pod;
  }

  /** The image hack/images.sh builds: rfg/workload:<the chart's appVersion>, or -Drfg.workload.image. */
  public static String image() {
    String configured = System.getProperty("rfg.workload.image");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return "rfg/workload:" + Tools.appVersion();
  }

  /**
   * Starts the workload pod (named {@code workload}) with these writers, each at {@code ratePerWriter} writes per
   * second, and waits until every writer has acknowledged writes.
   */
  public static Workload start(FailoverGroup group, int ratePerWriter, String... writers) {
    String name = "workload";
    // Every sentinel pod by name, as the README tells Jedis users: through the sentinel Service, JedisSentinelPool
    // would subscribe to one pod, and a frozen one (SentinelLeaderKilledTest) keeps that subscription open
    // without ever announcing the new master.
    String sentinels = String.join(",", java.util.stream.IntStream.range(0, group.resource().getSpec().getReplicas())
        .mapToObj(i -> group.fqdn(group.name() + "-" + i) + ":26379").toList());
    List<String> args = new ArrayList<>(List.of("--master-host", group.masterService(), "--master-name",
        group.name(), "--sentinels", sentinels, "--password-file",
        "/etc/rfg-workload/password", "--rate", Integer.toString(ratePerWriter), "--prefix", "wl"));
    for (String writer : writers) {
      args.add("--writer");
      args.add(writer);
    }
    String secret = group.resource().getStatus().getAuthSecretName();
    var client = group.cluster().client();
    client.pods().inNamespace(group.namespace()).resource(new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(group.namespace())
            .withLabels(Map.of("app.kubernetes.io/name", "rfg-workload")).endMetadata()
        .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(0L)
            .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(10001L).withRunAsGroup(10001L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
            .addNewContainer().withName("workload").withImage(image()).withImagePullPolicy("IfNotPresent")
                .withArgs(args)
                .addNewPort().withName("http").withContainerPort(PORT).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withNewPort(PORT).endHttpGet()
                    .withPeriodSeconds(1).endReadinessProbe()
                .withNewResources().addToRequests("cpu", new Quantity("50m"))
                    .addToRequests("memory", new Quantity("128Mi")).addToLimits("memory", new Quantity("384Mi"))
                    .endResources()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("password").withMountPath("/etc/rfg-workload").withReadOnly(true)
                    .endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
            .endContainer()
            .addNewVolume().withName("password").withNewSecret().withSecretName(secret)
                .addNewItem().withKey("password").withPath("password").endItem().endSecret().endVolume()
            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec().build()).create();
    Workload workload = new Workload(group, name);
    try {
      await("workload pod ready (image " + image() + "; hack/images.sh --load builds and loads it)")
          .atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> {
            Pod p = client.pods().inNamespace(group.namespace()).withName(name).get();
            assertThat(p.getStatus().getPhase()).as("phase of the workload pod (%s)", p.getStatus())
                .isNotIn("Failed", "Succeeded");
            assertThat(p.getStatus().getConditions()).anySatisfy(c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("True");
            });
          });
      workload.awaitAllAcking(Duration.ofSeconds(60));
    } catch (RuntimeException | AssertionError e) {
      System.out.println("[Workload] logs:\n" + workload.logs());
      workload.close();
      throw e;
    }
    return workload;
  }

  /** Until every writer acknowledged at least one more write than now (so all of them write, now). */
  public void awaitAllAcking(Duration atMost) {
    JsonNode before = report();
    await("every writer of the workload acknowledging writes").atMost(atMost).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().untilAsserted(() -> {
          JsonNode now = report();
          for (JsonNode writer : now.get("writers")) {
            long then = writer(before, writer.get("name").asText()).get("acked").asLong();
            assertThat(writer.get("acked").asLong()).as("acknowledged writes of %s: %s", writer.get("name"), writer)
                .isGreaterThan(then);
          }
        });
  }

  /** GET /report: running, acked, errors, longestGapMs, and per writer the same and more. */
  public JsonNode report() {
    return get("report");
  }

  /** GET /stop: writers stop; the final report. */
  public JsonNode stop() {
    return get("stop");
  }

  /**
   * GET /verify: stops, reads every acknowledged key back through the master Service; per writer acked, present,
   * lost, lostKeys (a few), lostRanges, lostAckedFromMs/lostAckedToMs (when the lost writes were acknowledged).
   */
  public JsonNode verify() {
    stop();
    return get("verify");
  }

  /** The entry of one writer (by name: service, service-wait, sentinel, ...) in a report or verify answer. */
  public static JsonNode writer(JsonNode answer, String name) {
    for (JsonNode writer : answer.get("writers")) {
      if (writer.get("name").asText().equals(name)) {
        return writer;
      }
    }
    throw new AssertionError("no writer " + name + " in " + answer);
  }

  /** Each of these writers (by name) had writes acknowledged, and every acknowledged write was read back. */
  public static void assertAckedAndNoneLost(JsonNode verify, String... writers) {
    for (String writer : writers) {
      JsonNode w = writer(verify, writer);
      assertThat(w.get("acked").asLong()).as("writes acknowledged to %s", writer).isPositive();
      assertThat(w.get("lost").asLong()).as("acknowledged writes of %s lost: %s", writer, w).isZero();
    }
  }

  /** One line per writer: acked, errors, not replicated, longest gap, and the lost count when verified. */
  public static String summary(JsonNode report, JsonNode verify) {
    StringBuilder out = new StringBuilder();
    for (JsonNode w : report.get("writers")) {
      String name = w.get("name").asText();
      out.append(String.format("%-13s acked %6d, errors %4d, not replicated %4d, longest gap %6d ms, errors by kind %s",
          name, w.get("acked").asLong(), w.get("errors").asLong(), w.get("notReplicated").asLong(),
          w.get("longestGapMs").asLong(), w.get("errorKinds")));
      if (verify != null) {
        JsonNode v = writer(verify, name);
        out.append(String.format("; lost %d of %d", v.get("lost").asLong(), v.get("acked").asLong()));
        if (v.get("lost").asLong() > 0) {
          out.append(" (").append(v.get("lostRanges").asText()).append(')');
        }
      }
      out.append('\n');
    }
    return out.toString().stripTrailing();
  }

  /** Every line of the text indented under a {@code [ClassName]} prefix, as the tests print figures. */
  public static String prefixed(String testName, String text) {
    return text.lines().map(l -> "[" + testName + "]   " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  /**
   * What the writers logged: connects (and to which pod), the first error of every streak, and when writing
   * resumed; plus the sentinel pool's master changes. Wall-clock times.
   */
  public String writerLog() {
    return logs().lines()
        .filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT\\S+ \\[.*") || l.contains("Created JedisSentinelPool")
            || l.contains("Got message on topic +switch-master"))
        .reduce((a, b) -> a + "\n" + b).orElse("");
  }

  public String logs() {
    try {
      return group.cluster().client().pods().inNamespace(group.namespace()).withName(pod).getLog();
    } catch (RuntimeException e) {
      return "(no logs: " + e + ")";
    }
  }

  private JsonNode get(String what) {
    String path = "/api/v1/namespaces/" + group.namespace() + "/pods/" + pod + ":" + PORT + "/proxy/" + what;
    RuntimeException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        String body = group.cluster().client().raw(path);
        if (body != null) {
          return JSON.readTree(body);
        }
        last = new IllegalStateException("no answer from " + path);
      } catch (IOException e) {
        last = new UncheckedIOException(e);
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("workload " + what + " failed; logs:\n" + logs(), last);
  }

  @Override
  public void close() {
    group.cluster().client().pods().inNamespace(group.namespace()).withName(pod).withGracePeriod(0).delete();
  }
}
