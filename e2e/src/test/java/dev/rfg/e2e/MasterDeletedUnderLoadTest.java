package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.MasterServiceSampler;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.ScenarioLog;
import dev.rfg.e2e.support.Sentinels;
import dev.rfg.e2e.support.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7, scenario 2: the master pod is deleted (default grace) while two clients write, one through the master
 * Service with {@code WAIT 1}, one through the sentinels (Jedis JedisSentinelPool) without. Exactly one failover
 * (the config epoch moves by one on every sentinel, one ReplicaPromoted event), the new master is labelled and the
 * master Service follows it, never selecting two pods; the old pod returns as a replica; both clients write
 * again. No write acknowledged by WAIT is lost; the plain writes lost are printed.
 */
@Tag("cluster")
class MasterDeletedUnderLoadTest {

  private static final String NAME = "MasterDeletedUnderLoadTest";
  private static final int DOWN_AFTER_MS = 2000;
  private static final int RATE = 200;

  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static RedisClientPod client;

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-load-master-deleted", "ld", DOWN_AFTER_MS);
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
  void masterPodDeletedWhileClientsWrite() {
    long started = System.nanoTime();
    String old = group.awaitReady(Duration.ofMinutes(2));
    Sentinels sentinels = new Sentinels(group);
    long epochBefore = sentinels.configEpoch();
    long promotedBefore = sentinels.events("ReplicaPromoted");
    String oldUid = group.pod(old).getMetadata().getUid();

    try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
         Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
      long t0 = System.currentTimeMillis();
      try {
        group.deletePod(old, false);

        String master = group.awaitMasterServiceMovedFrom(old, Duration.ofSeconds(60));
        long toService = System.currentTimeMillis() - t0;
        System.out.printf("[%s] graceful delete of %s: master Service on %s after %d ms (down-after %d ms)%n", NAME,
            old, master, toService, DOWN_AFTER_MS);

        // Both clients write again, on the new master.
        workload.awaitAllAcking(Duration.ofSeconds(60));
        System.out.printf("[%s] both clients acknowledged writes again %d ms after the delete%n", NAME,
            System.currentTimeMillis() - t0);

        // The old pod returns as a replica of the new master; the group settles.
        await("the old pod back as a replica").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions().untilAsserted(() -> {
              var back = group.pod(old);
              assertThat(back.getMetadata().getUid()).isNotEqualTo(oldUid);
              assertThat(back.getMetadata().getLabels()).containsEntry(FailoverGroup.ROLE, "replica");
              assertThat(group.replicationInfo(client, old)).containsEntry("role", "slave")
                  .containsEntry("master_host", group.fqdn(master)).containsEntry("master_link_status", "up");
              group.assertSettled();
              assertThat(group.masterLabelled()).containsExactly(master);
            });
        long settled = System.currentTimeMillis() - t0;

        // Exactly one failover: every sentinel (the returning one too) is at the next config epoch.
        await("every sentinel at config epoch " + (epochBefore + 1)).atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(sentinels.configEpochs().values()).as("config epochs (before: %d)", epochBefore)
                    .containsOnly(epochBefore + 1));
        await("one ReplicaPromoted event").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(sentinels.events("ReplicaPromoted") - promotedBefore).isEqualTo(1));

        JsonNode report = workload.stop();
        JsonNode verify = workload.verify();
        System.out.printf("[%s] group settled %d ms after the delete; clients (%d writes/s each):%n%s%n", NAME, settled,
            RATE, Workload.prefixed(NAME, Workload.summary(report, verify)));
        System.out.println(sampler.describe("[" + NAME + "]   ", t0));
        System.out.println(Workload.prefixed(NAME, "workload log:\n" + workload.writerLog()));

        assertThat(sampler.maxSelected()).as("pods the master Service selected at once:\n%s", sampler.describe(""))
            .isEqualTo(1);
        JsonNode waited = Workload.writer(verify, "service-wait");
        assertThat(waited.get("acked").asLong()).isPositive();
        assertThat(waited.get("lost").asLong()).as("writes acknowledged by WAIT 1 and lost: %s", waited).isZero();
        assertThat(Workload.writer(verify, "sentinel").get("acked").asLong()).isPositive();
      } catch (RuntimeException | AssertionError e) {
        ScenarioLog.dump(NAME, group, workload, sampler, t0);
        throw e;
      }
    }
    System.out.printf("[%s] took %d s%n", NAME, Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }
}
