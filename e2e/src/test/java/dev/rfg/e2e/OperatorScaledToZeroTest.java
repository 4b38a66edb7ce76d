package dev.rfg.e2e;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #6: with the operator scaled to zero, deleting the master pod still fails over, and the sidecars move
 * the role labels and so the master Service by themselves; once the operator is back, the status catches up.
 */
@Tag("cluster")
class OperatorScaledToZeroTest {

  private static final int DOWN_AFTER_MS = 2000;
  private static final String DEPLOYMENT = "deploy/rfg-rfg-operator";

  private static GroupFixture fixture;
  private static TestNamespace namespace;
  private static FailoverGroup group;
  private static RedisClientPod client;

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-operator-down", "od", DOWN_AFTER_MS);
    namespace = fixture.namespace();
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
  void failoverWithoutTheOperatorAndStatusCatchesUp() {
    String old = group.awaitReady(Duration.ofMinutes(2));
    try {
      scaleOperator(0);
      await("operator pods gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(operatorPods()).isEmpty());

      long t0 = System.nanoTime();
      group.deletePod(old, false);
      await("labels and master Service follow without the operator").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            List<String> endpoints = group.masterEndpoints();
            assertThat(endpoints).hasSize(1).doesNotContain(old);
            assertThat(group.masterLabelled()).isEqualTo(endpoints);
          });
      String master = group.masterLabelled().get(0);
      System.out.printf("[OperatorScaledToZeroTest] operator down: master Service %s -> %s after %d ms%n", old,
          master, Duration.ofNanos(System.nanoTime() - t0).toMillis());
      await("a write through the master Service").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
              assertThat(client.cli("-h", group.masterService(), "SET", "operator-down", "1")).isEqualTo("OK"));
      assertThat(group.statusMaster()).as("nobody updates the status while the operator is down").isEqualTo(old);
      assertThat(operatorPods()).isEmpty();

      scaleOperator(1);
      await("status catches up with the operator back").atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(group.statusMaster()).isEqualTo(master);
            group.assertSettled();
          });
      assertThat(group.describe()).contains("master moved from " + old + " to " + master);
    } finally {
      scaleOperator(1);
      RfgInstall.kubectl(group.cluster(), "rollout", "status", "-n", RfgInstall.NAMESPACE, DEPLOYMENT,
          "--timeout=120s").orFail("the operator back");
    }
  }

  private static void scaleOperator(int replicas) {
    RfgInstall.kubectl(group.cluster(), "scale", "-n", RfgInstall.NAMESPACE, DEPLOYMENT,
        "--replicas=" + replicas).orFail("kubectl scale the operator to " + replicas);
  }

  private static List<String> operatorPods() {
    return group.cluster().client().pods().inNamespace(RfgInstall.NAMESPACE)
        .withLabel("app.kubernetes.io/name", "rfg-operator").list().getItems().stream()
        .map(p -> p.getMetadata().getName()).toList();
  }
}
