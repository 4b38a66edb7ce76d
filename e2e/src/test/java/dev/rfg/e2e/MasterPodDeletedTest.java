package dev.rfg.e2e;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.RedisDownProbe;
import dev.rfg.e2e.support.TestNamespace;
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
 * Issue #6: the master pod is deleted (gracefully, then forced). Exactly one new master, its label and the
 * master Service follow within down-after + 1.5 s of the old master's silence, writes work again, status and
 * events tell the story, the old pod returns as a replica, and every sentinel knows its peers and replicas by DNS
 * name only.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterPodDeletedTest {

  private static final int DOWN_AFTER_MS = 2000;
  /** The bound asserted for the master Service to point at the new master, from the delete. */
  private static final Duration SERVICE_BOUND = Duration.ofMillis(DOWN_AFTER_MS).plusSeconds(10);
  /**
   * Issue #6's bound, from the moment the old master stops answering (the kubelet's share of a delete, stopping
   * the container, is not the sentinels'): down-after + 1.5 s, plus the 100 ms of this test's poll.
   */
  private static final Duration FAILOVER_BOUND = Duration.ofMillis(DOWN_AFTER_MS + 1500 + 100);

  private static GroupFixture fixture;
  private static TestNamespace namespace;
  private static FailoverGroup group;
  private static RedisClientPod client;

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-master-deleted", "md", DOWN_AFTER_MS);
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
  @Order(1)
  void gracefulDeleteOfTheMasterPod() {
    failOverBy(false);
  }

  @Test
  @Order(2)
  void forcedDeleteOfTheMasterPod() {
    failOverBy(true);
  }

  private void failOverBy(boolean force) {
    String old = group.awaitReady(Duration.ofMinutes(2));
    var oldPod = group.pod(old);
    String oldUid = oldPod.getMetadata().getUid();
    String oldIp = oldPod.getStatus().getPodIP();
    assertThat(client.cli("-h", group.masterService(), "SET", "before-" + force, "1")).isEqualTo("OK");

    long t0;
    long serviceAt;
    long silentAt;
    boolean probed;
    try (RedisDownProbe probe = RedisDownProbe.start(oldIp)) {
      probed = reachable(probe);
      t0 = System.nanoTime();
      group.deletePod(old, force);

      // The master Service selects exactly one pod, not the old one, and it is the only master-labelled pod.
      group.awaitMasterServiceMovedFrom(old, SERVICE_BOUND.plusSeconds(50));
      serviceAt = System.nanoTime();
      silentAt = probe.silentSinceNanos();
    }
    Duration toService = Duration.ofNanos(serviceAt - t0);
    String master = group.masterEndpoints().get(0);
    System.out.printf("[MasterPodDeletedTest] %s delete of %s: master Service on %s after %d ms (down-after %d ms)%n",
        force ? "forced" : "graceful", old, master, toService.toMillis(), DOWN_AFTER_MS);
    assertThat(toService).as("time from the delete until the master Service selects the new master")
        .isLessThanOrEqualTo(SERVICE_BOUND);
    if (probed && silentAt != 0) {
      Duration fromSilence = Duration.ofNanos(serviceAt - silentAt);
      System.out.printf("[MasterPodDeletedTest] %s delete: %s stopped answering %d ms after the delete; master"
          + " Service on %s %d ms after that (bound %d ms)%n", force ? "forced" : "graceful", old,
          Duration.ofNanos(silentAt - t0).toMillis(), master, fromSilence.toMillis(), FAILOVER_BOUND.toMillis());
      assertThat(fromSilence).as("time from the old master's silence until the master Service selects the new one")
          .isLessThanOrEqualTo(FAILOVER_BOUND);
    } else {
      System.out.printf("[MasterPodDeletedTest] pod IP %s not reachable from here: only the bound from the delete"
          + " is checked%n", oldIp);
    }

    await("a write through the master Service").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().untilAsserted(() ->
            assertThat(client.cli("-h", group.masterService(), "SET", "after-" + force, "1")).isEqualTo("OK"));
    System.out.printf("[MasterPodDeletedTest] first write through %s after %d ms%n", group.masterService(),
        Duration.ofNanos(System.nanoTime() - t0).toMillis());
    assertThat(client.cli("-h", group.masterService(), "GET", "before-" + force)).isEqualTo("\"1\"");

    await("status.master follows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().untilAsserted(() -> assertThat(group.statusMaster()).isEqualTo(master));
    await("events in kubectl describe rfg").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> {
          String described = group.describe();
          assertThat(described).contains("master moved from " + old + " to " + master);
          if (force) {
            // Gone at once: the sentinels fail over after down-after, as for any lost master.
            assertThat(described).contains("FailoverObserved", "FailoverStarted", "ReplicaPromoted", "SwitchComplete");
          } else {
            // The preStop handover of a pod being deleted is planned: a Normal event, no Warning.
            assertThat(described).contains("MasterMoved", "because the pod of " + old + " was being deleted")
                .doesNotContain("FailoverObserved");
          }
        });

    // The old pod is back, a new pod with a new IP, as a replica of the new master.
    await("the old pod back as a replica").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().untilAsserted(() -> {
          var back = group.pod(old);
          assertThat(back.getMetadata().getUid()).isNotEqualTo(oldUid);
          assertThat(back.getStatus().getPodIP()).isNotBlank().isNotEqualTo(oldIp);
          assertThat(back.getMetadata().getLabels()).containsEntry(FailoverGroup.ROLE, "replica");
          var info = group.replicationInfo(client, old);
          assertThat(info).containsEntry("role", "slave").containsEntry("master_host", group.fqdn(master))
              .containsEntry("master_link_status", "up");
          group.assertSettled();
          assertThat(group.masterLabelled()).containsExactly(master);
        });

    await("sentinels know pods by DNS name only, nothing stale").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .untilAsserted(() -> group.assertSentinelsClean(client, master));
    System.out.printf("[MasterPodDeletedTest] %s delete: group settled again after %d ms%n",
        force ? "forced" : "graceful", Duration.ofNanos(System.nanoTime() - t0).toMillis());
  }

  /** Whether the test machine reaches the pod IP (the local cluster's node does; a remote cluster may not). */
  private static boolean reachable(RedisDownProbe probe) {
    try {
      await("the probe reaches the master").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(probe::reachable);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }
}
