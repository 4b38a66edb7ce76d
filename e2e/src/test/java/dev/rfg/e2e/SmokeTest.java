package dev.rfg.e2e;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.e2e.support.Cluster;
import dev.rfg.e2e.support.RedisClientPod;
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
 * What a user does first: install the chart, apply examples/basic.yaml, wait until Ready, look at
 * `kubectl get rfg`, write and read through the master Service, delete the group and see everything go.
 */
@Tag("cluster")
class SmokeTest {

  private static TestNamespace namespace;
  private static Cluster cluster;
  private static String ns;

  @BeforeAll
  static void install() {
    namespace = TestNamespace.create("rfg-smoke");
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
  void basicExampleBecomesReadyServesAndGoesAway() {
    RfgInstall.kubectl(cluster, "apply", "-n", ns, "-f", "examples/basic.yaml").orFail("kubectl apply");
    var groups = cluster.client().resources(RedisFailoverGroup.class).inNamespace(ns);
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .untilAsserted(() -> assertThat(groups.withName("cache").get().getStatus().getConditions())
            .anySatisfy(c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("True");
            }));

    String table = RfgInstall.kubectl(cluster, "get", "rfg", "-n", ns).orFail("kubectl get rfg").stdout();
    assertThat(table.lines().findFirst().orElseThrow())
        .matches("NAME\\s+MASTER\\s+READY\\s+SENTINELS\\s+PHASE\\s+AGE\\s*");
    assertThat(table).containsPattern("cache\\s+cache-\\d\\s+3/3\\s+3\\s+Ready");

    var status = groups.withName("cache").get().getStatus();
    try (var client = new RedisClientPod(cluster, ns, status.getAuthSecretName(),
        groups.withName("cache").get().getSpec().getRedis().getImage())) {
      assertThat(client.cli("-h", "cache-master", "SET", "smoke", "it works")).isEqualTo("OK");
      assertThat(client.cli("-h", "cache-master", "GET", "smoke")).isEqualTo("\"it works\"");
      assertThat(client.cli("-h", "cache-sentinel", "-p", "26379", "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "cache"))
          .contains(status.getMaster().getPod() + ".cache-headless." + ns);
    }

    groups.withName("cache").delete();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      assertThat(cluster.client().apps().statefulSets().inNamespace(ns).list().getItems()).isEmpty();
      assertThat(cluster.client().services().inNamespace(ns).list().getItems()).isEmpty();
      assertThat(cluster.client().configMaps().inNamespace(ns).withLabel("rfg.dev/group", "cache").list()
          .getItems()).isEmpty();
      assertThat(cluster.client().secrets().inNamespace(ns).withLabel("rfg.dev/group", "cache").list()
          .getItems()).isEmpty();
      assertThat(cluster.client().pods().inNamespace(ns).withLabel("rfg.dev/group", "cache").list()
          .getItems()).isEmpty();
    });
  }
}
