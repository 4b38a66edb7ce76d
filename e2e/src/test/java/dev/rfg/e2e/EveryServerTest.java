package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.ScenarioLog;
import dev.rfg.e2e.support.Sentinels;
import dev.rfg.e2e.support.Servers;
import dev.rfg.e2e.support.Servers.Server;
import dev.rfg.e2e.support.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #15, servers: the smoke and master-kill scenarios on every server of images/servers besides the default
 * (which the rest of the cluster tier runs on): a group with {@code spec.redis.image} set to it becomes Ready, runs
 * that server, serves through the master Service and the sentinels; a forced delete of its master while two clients
 * write fails over once, loses no write acknowledged by WAIT, and the old pod returns as a replica.
 */
@Tag("cluster")
class EveryServerTest {

  private static final int DOWN_AFTER_MS = 2000;
  private static final int RATE = 100;

  static List<Server> otherServers() {
    return Servers.others();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherServers")
  void smokeAndMasterKill(Server server) {
    String name = "EveryServerTest " + server.name();
    try (GroupFixture fixture = GroupFixture.start("rfg-" + server.name().replace('.', '-'), "srv", DOWN_AFTER_MS,
        "{image: " + server.image() + "}")) {
      FailoverGroup group = fixture.group();
      RedisClientPod client = fixture.client();
      String old = group.awaitReady(Duration.ofMinutes(2));

      // Smoke: the pods run this server, and the group serves through the master Service and the sentinels.
      for (String pod : group.podNames()) {
        assertThat(client.cliRaw("-h", group.fqdn(pod), "INFO", "server"))
            .as("INFO server of %s", pod).contains(server.versionField() + ":" + server.version());
      }
      assertThat(client.cli("-h", group.masterService(), "SET", "smoke", server.name())).isEqualTo("OK");
      assertThat(client.cli("-h", group.masterService(), "GET", "smoke")).isEqualTo("\"" + server.name() + "\"");
      assertThat(client.cli("-h", "srv-sentinel", "-p", "26379", "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "srv"))
          .contains(group.fqdn(old));

      // Master kill under load.
      Sentinels sentinels = new Sentinels(group);
      long epochBefore = sentinels.configEpoch();
      String oldUid = group.pod(old).getMetadata().getUid();
      try (Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
        long t0 = System.currentTimeMillis();
        try {
          group.deletePod(old, true);
          String master = group.awaitMasterServiceMovedFrom(old, Duration.ofSeconds(60));
          System.out.printf("[%s] forced delete of %s: master Service on %s after %d ms (down-after %d ms)%n", name,
              old, master, System.currentTimeMillis() - t0, DOWN_AFTER_MS);
          workload.awaitAllAcking(Duration.ofSeconds(60));

          await("the old pod back as a replica").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
              .ignoreExceptions().untilAsserted(() -> {
                assertThat(group.pod(old).getMetadata().getUid()).isNotEqualTo(oldUid);
                assertThat(group.replicationInfo(client, old)).containsEntry("role", "slave")
                    .containsEntry("master_host", group.fqdn(master)).containsEntry("master_link_status", "up");
                group.assertSettled();
                assertThat(group.masterLabelled()).containsExactly(master);
              });
          await("one failover: every sentinel at config epoch " + (epochBefore + 1)).atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                  assertThat(sentinels.configEpochs().values()).containsOnly(epochBefore + 1));

          JsonNode report = workload.stop();
          JsonNode verify = workload.verify();
          System.out.printf("[%s] settled %d ms after the delete; clients:%n%s%n", name,
              System.currentTimeMillis() - t0, Workload.prefixed(name, Workload.summary(report, verify)));
          JsonNode waited = Workload.writer(verify, "service-wait");
          assertThat(waited.get("acked").asLong()).isPositive();
          assertThat(waited.get("lost").asLong()).as("writes acknowledged by WAIT 1 and lost: %s", waited).isZero();
          assertThat(Workload.writer(verify, "sentinel").get("acked").asLong()).isPositive();
        } catch (RuntimeException | AssertionError e) {
          ScenarioLog.dump(name, group, workload, null, t0);
          throw e;
        }
      }
    }
  }
}
