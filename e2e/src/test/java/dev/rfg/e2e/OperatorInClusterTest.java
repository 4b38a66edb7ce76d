package dev.rfg.e2e;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.e2e.support.Cluster;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The installed operator in a real cluster, independent of Redis coming up: the chart's RBAC is enough for
 * everything it renders, bad specs never reach it, and a deleted group takes its objects along.
 */
@Tag("cluster")
class OperatorInClusterTest {

  private static TestNamespace namespace;
  private static Cluster cluster;
  private static String ns;

  @BeforeAll
  static void install() {
    namespace = TestNamespace.create("rfg-operator-e2e");
    cluster = namespace.cluster();
    ns = namespace.name();
  }

  @AfterAll
  static void cleanUp() {
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  void operatorPodIsReadyWithItsMetrics() {
    var pods = cluster.client().pods().inNamespace(RfgInstall.NAMESPACE)
        .withLabel("app.kubernetes.io/name", "rfg-operator").list().getItems();
    assertThat(pods).isNotEmpty().allSatisfy(p -> assertThat(p.getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Ready");
          assertThat(c.getStatus()).isEqualTo("True");
        }));
    String metrics = RfgInstall.kubectl(cluster, "get", "--raw", "/api/v1/namespaces/" + RfgInstall.NAMESPACE
        + "/services/rfg-rfg-operator-metrics:http/proxy/metrics").orFail("metrics through the API proxy").stdout();
    assertThat(metrics).contains("rfg_groups", "operator_sdk");
  }

  @Test
  void aBadSpecIsRefusedByKubectlApplyWithItsMessage() {
    var refused = applyYaml("""
        apiVersion: rfg.dev/v1alpha1
        kind: RedisFailoverGroup
        metadata: {name: two}
        spec: {replicas: 2}
        """);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).contains("replicas must be 1 (no failover) or at least 3");
  }

  @Test
  void aGroupGetsItsObjectsStatusAndEventsAndTakesThemAlongWhenDeleted() {
    applyYaml("""
        apiVersion: rfg.dev/v1alpha1
        kind: RedisFailoverGroup
        metadata: {name: objects}
        spec: {replicas: 3, redis: {config: {maxmemory: 64mb}}}
        """).orFail("kubectl apply");
    var client = cluster.client();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(ns).withName("objects").get()).isNotNull();
      assertThat(client.services().inNamespace(ns).withLabel("rfg.dev/group", "objects").list().getItems())
          .hasSize(4);
      assertThat(client.configMaps().inNamespace(ns).withName("objects-config").get().getData().get("redis.conf"))
          .contains("maxmemory 64mb").doesNotContain("requirepass");
      assertThat(client.secrets().inNamespace(ns).withName("objects-auth").get()).isNotNull();
      assertThat(client.rbac().roles().inNamespace(ns).withName("objects-sentinel").get()).isNotNull();
      assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("objects").get()).isNotNull();
      var group = client.resources(RedisFailoverGroup.class).inNamespace(ns).withName("objects").get();
      assertThat(group.getStatus().getAuthSecretName()).isEqualTo("objects-auth");
      assertThat(group.getStatus().getObservedGeneration()).isEqualTo(group.getMetadata().getGeneration());
    });
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(RfgInstall.kubectl(cluster, "describe", "rfg", "objects", "-n", ns).orFail("describe").output())
            .contains("Created"));

    RfgInstall.kubectl(cluster, "delete", "rfg", "objects", "-n", ns, "--wait=true").orFail("kubectl delete");
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
      assertThat(client.services().inNamespace(ns).withLabel("rfg.dev/group", "objects").list().getItems()).isEmpty();
      assertThat(client.configMaps().inNamespace(ns).withLabel("rfg.dev/group", "objects").list().getItems()).isEmpty();
      assertThat(client.secrets().inNamespace(ns).withLabel("rfg.dev/group", "objects").list().getItems()).isEmpty();
      assertThat(client.rbac().roles().inNamespace(ns).withLabel("rfg.dev/group", "objects").list().getItems()).isEmpty();
    });
  }

  private static dev.rfg.e2e.support.Tools.Result applyYaml(String yaml) {
    try {
      var file = java.nio.file.Files.createTempFile("rfg-e2e", ".yaml");
      java.nio.file.Files.writeString(file, yaml);
      return RfgInstall.kubectl(cluster, "apply", "-n", ns, "-f", file.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
