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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #14 at the default down-after (5000 ms), under writers through the master Service (plain, and with
 * {@code WAIT 1}) and through the sentinels:
 * <ol>
 *   <li>the master pod is deleted with the default grace: its preStop hands the role to a replica (a planned
 *   switchover) before Redis stops, none of the WAIT-acknowledged writes lost;</li>
 *   <li>Redis in the master pod crashes ({@code SHUTDOWN NOSAVE}; the pod lives, the kubelet restarts the
 *   container): the crash fast path fails over without waiting for down-after, none lost;</li>
 *   <li>the master is blocked by {@code DEBUG SLEEP} for half of down-after: no failover.</li>
 * </ol>
 * The bound on the longest gap between acknowledged writes is down-after itself: without the two fast paths no
 * writer can write again before the sentinels waited down-after (6.1 s median from a delete before the preStop).
 * Measured on the local cluster, 2026-12-02, two runs: planned delete, gaps 2.0 and 1.3 s plain, 3.5 and 1.3 s with
 * WAIT, 1.1 and 0.8 s through Sentinel, master Service on the new master 1.5 and 1.1 s after the delete; crash, gaps
 * 2.5 and 2.3 s (plain and WAIT), 1.5 and 1.0 s through Sentinel, master Service after 1.8 and 1.4 s. Issue #14 asks
 * for 1 s (planned) and 1.5 s (crash): not yet met.
 * 2026-12-03, one run after the switchover asks its target for the replication ACK (it waited up to a second for
 * Redis's own, 743 ms in the run before) and the label writes lost a read: planned delete, master Service on the new
 * master 0.6 s after the delete (0.5 s in the sampler), gaps 1.2 s plain and with WAIT, 0.11 s through Sentinel
 * (the Service clients' gap is now mostly the workload's retry backoff, 20 ms doubling to 500 ms, over the 0.35 s the
 * Service has no endpoint: the old pod leaves it at once when it starts terminating); crash, gaps 2.1 s plain and
 * WAIT, 1.1 s through Sentinel, master Service after 1.5 s (counted from before the kubectl exec that runs
 * SHUTDOWN, which in Redis 7 also waits for the replicas' ACK with writes paused).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlannedAndCrashFailoverTest {

  private static final String NAME = "PlannedAndCrashFailoverTest";
  private static final int DOWN_AFTER_MS = 5000;
  private static final int RATE = 100;
  /** The writer {@code Workload.serviceWithWait} starts, by its name in the reports. */
  private static final String WAIT = "service-wait";

  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static RedisClientPod client;

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-planned-crash", "pc", DOWN_AFTER_MS,
        "{config: {enable-debug-command: \"yes\"}}");
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
  @Order(1)
  void aDeletedMasterPodHandsOverBeforeItStops() {
    failOver("delete of the master pod (default grace)", old -> group.deletePod(old, false), DOWN_AFTER_MS - 1,
        DOWN_AFTER_MS - 1);
  }

  @Test
  @Order(2)
  void aCrashedRedisInALivePodIsFailedOverWithoutWaitingForDownAfter() {
    failOver("SHUTDOWN NOSAVE of the master's Redis", old -> {
      try {
        client.cli("-h", group.fqdn(old), "SHUTDOWN", "NOSAVE");
      } catch (RuntimeException | AssertionError expected) {
        // redis-cli reports the connection the server closed
      }
    }, DOWN_AFTER_MS - 1, DOWN_AFTER_MS - 1);
  }

  @Test
  @Order(3)
  void aMasterBlockedForHalfOfDownAfterIsNotFailedOver() {
    String master = group.awaitReady(Duration.ofMinutes(3));
    Sentinels sentinels = new Sentinels(group);
    long epoch = sentinels.configEpoch();
    assertThat(client.cli("-h", group.fqdn(master), "DEBUG", "SLEEP", String.valueOf(DOWN_AFTER_MS / 2000.0)))
        .isEqualTo("OK");
    // Every sentinel has had a PONG from the woken master since, so whatever the block caused has shown.
    await("every sentinel pinged the master after the block").atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
          for (String pod : group.podNames()) {
            var fields = client.cliRaw("-h", group.fqdn(pod), "-p", "26379", "SENTINEL", "MASTER", group.name())
                .lines().toList();
            long lastPong = Long.parseLong(fields.get(fields.indexOf("last-ok-ping-reply") + 1));
            assertThat(lastPong).as("last-ok-ping-reply on %s", pod).isLessThan(1000);
          }
        });
    assertThat(sentinels.configEpochs().values()).as("config epochs (before: %d)", epoch).containsOnly(epoch);
    assertThat(group.masterEndpoints()).containsExactly(master);
    for (String pod : group.podNames()) {
      assertThat(sentinels.metric(pod, "rfg_sentinel_master_sdown")).as("SDOWN on %s", pod).isZero();
    }
  }

  private interface Fault {
    void apply(String master);
  }

  /**
   * Applies the fault to the master under the three writers; then exactly one failover, the master Service on
   * the new master, no WAIT-acknowledged write lost, and the longest gaps within the bounds.
   */
  private void failOver(String what, Fault fault, long maxPlainGapMs, long maxWaitGapMs) {
    String old = group.awaitReady(Duration.ofMinutes(3));
    Sentinels sentinels = new Sentinels(group);
    long epochBefore = sentinels.configEpoch();
    try (Sentinels.FollowedLog oldLog = sentinels.follow(old);
         MasterServiceSampler sampler = MasterServiceSampler.start(group);
         Workload workload = Workload.start(group, RATE, Workload.SERVICE, Workload.serviceWithWait(1000),
        Workload.SENTINEL)) {
      long t0 = System.currentTimeMillis();
      try {
        fault.apply(old);
        String master = group.awaitMasterServiceMovedFrom(old, Duration.ofSeconds(60));
        System.out.printf("[%s] %s %s: master Service on %s after %d ms (down-after %d ms)%n", NAME, what, old,
            master, System.currentTimeMillis() - t0, DOWN_AFTER_MS);
        workload.awaitAllAcking(Duration.ofSeconds(60));
        await("every sentinel at config epoch " + (epochBefore + 1)).atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                assertThat(sentinels.configEpochs().values()).as("config epochs (before: %d)", epochBefore)
                    .containsOnly(epochBefore + 1));

        JsonNode report = workload.stop();
        JsonNode verify = workload.verify();
        System.out.printf("[%s] %s, clients (%d writes/s each):%n%s%n", NAME, what, RATE,
            Workload.prefixed(NAME, Workload.summary(report, verify)));
        System.out.println(sampler.describe("[" + NAME + "]   ", t0));
        // The old master's sidecar led a planned handover: its pod may be gone, so its log was followed.
        System.out.println(Workload.prefixed(NAME, "sentinel of " + old + " (followed):\n"
            + ScenarioLog.failoverLines(oldLog.text())));
        assertThat(sampler.maxSelected()).as("pods the master Service selected at once").isEqualTo(1);
        JsonNode waited = Workload.writer(verify, WAIT);
        assertThat(waited.get("lost").asLong()).as("writes acknowledged by WAIT 1 and lost: %s", waited).isZero();
        assertThat(Workload.writer(report, Workload.SERVICE).get("longestGapMs").asLong())
            .as("longest gap between acknowledged plain writes through the master Service")
            .isLessThanOrEqualTo(maxPlainGapMs);
        assertThat(Workload.writer(report, WAIT).get("longestGapMs").asLong())
            .as("longest gap between WAIT-acknowledged writes through the master Service")
            .isLessThanOrEqualTo(maxWaitGapMs);
      } catch (RuntimeException | AssertionError e) {
        ScenarioLog.dump(NAME, group, workload, sampler, t0);
        throw e;
      }
    }
    await("the group settled again").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().untilAsserted(() -> {
          group.assertSettled();
          assertThat(group.replicationInfo(client, old)).containsEntry("role", "slave")
              .containsEntry("master_link_status", "up");
        });
  }
}
