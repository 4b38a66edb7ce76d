package dev.rfg.e2e;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #6: a group without persistence whose master's Redis comes back empty (its container shut down with
 * SHUTDOWN NOSAVE, restarted by the kubelet in the same pod; then the whole pod deleted, default grace). The start-as-replica
 * guard must keep the empty Redis from becoming master and wiping the replicas: every acknowledged key is still
 * readable through the master Service once the group is Ready again.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterRestartedWithoutPersistenceTest {

  /**
   * Small on purpose: a master whose Redis comes back as a replica is only SDOWN after down-after + 2 INFO
   * periods, while its replicas' links have been down since it died. Below ~2.3 s this used to abort with
   * -failover-abort-no-good-slave forever (issue #6); the replicas' allowance now counts from the master's last
   * INFO as a master.
   */
  private static final int DOWN_AFTER_MS = 2000;
  private static final int KEYS = 200;

  private static GroupFixture fixture;
  private static TestNamespace namespace;
  private static FailoverGroup group;
  private static RedisClientPod client;

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-master-restarted", "mr", DOWN_AFTER_MS);
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
  void redisContainerOfTheMasterRestartsEmpty() {
    String old = group.awaitReady(Duration.ofMinutes(2));
    writeAcknowledged("c");
    int restartsBefore = redisRestarts(old);

    // The master's Redis dies without saving: its container restarts in the same pod, with an empty dataset
    // (emptyDir, no RDB written).
    var shutdown = dev.rfg.e2e.support.RfgInstall.kubectl(group.cluster(), "exec", "-n", group.namespace(),
        "redis-client", "--", "redis-cli", "-h", group.fqdn(old), "SHUTDOWN", "NOSAVE");
    System.out.println("[MasterRestartedWithoutPersistenceTest] SHUTDOWN NOSAVE on " + old + ": "
        + shutdown.output().trim());
    await("the redis container of " + old + " restarted").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .untilAsserted(() -> assertThat(redisRestarts(old)).isGreaterThan(restartsBefore));

    String master = settleAndCheck("c", old);
    System.out.println("[MasterRestartedWithoutPersistenceTest] after the container restart: master " + old
        + " -> " + master);
  }

  @Test
  @Order(2)
  void masterPodIsDeletedAndComesBackEmpty() {
    String old = group.awaitReady(Duration.ofMinutes(2));
    writeAcknowledged("p");
    group.deletePod(old, false);
    String master = settleAndCheck("p", old);
    System.out.println("[MasterRestartedWithoutPersistenceTest] after the pod delete: master " + old + " -> "
        + master);
  }

  /** N keys, then WAIT on the same connection until both replicas acknowledged them. */
  private void writeAcknowledged(String prefix) {
    String script = "{ for i in $(seq 1 " + KEYS + "); do echo \"SET " + prefix + ":$i v$i\"; done; "
        + "echo 'WAIT 2 5000'; } | redis-cli -h " + group.masterService() + " | tail -n 1";
    assertThat(client.sh(script)).as("replicas that acknowledged the writes").isEqualTo("2");
  }

  private String settleAndCheck(String prefix, String old) {
    await("group Ready again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().untilAsserted(() -> {
          group.assertSettled();
          assertThat(group.masterLabelled()).doesNotContain(old);
        });
    String master = group.masterLabelled().get(0);
    String script = "for i in $(seq 1 " + KEYS + "); do echo \"GET " + prefix + ":$i\"; done | redis-cli -h "
        + group.masterService();
    String expected = IntStream.rangeClosed(1, KEYS).mapToObj(i -> "v" + i).collect(Collectors.joining("\n"));
    await("all keys readable through the master Service").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .untilAsserted(() -> assertThat(client.sh(script)).isEqualTo(expected));
    // The Redis that came back empty is a replica of the new master again, with the data.
    await("the old master is a synced replica").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().untilAsserted(() -> {
          assertThat(group.replicationInfo(client, old)).containsEntry("role", "slave")
              .containsEntry("master_host", group.fqdn(master)).containsEntry("master_link_status", "up");
          assertThat(client.cliRaw("-h", group.fqdn(old), "GET", prefix + ":" + KEYS)).isEqualTo("v" + KEYS);
        });
    return master;
  }

  private int redisRestarts(String pod) {
    return group.pod(pod).getStatus().getContainerStatuses().stream().filter(s -> s.getName().equals("redis"))
        .findFirst().orElseThrow().getRestartCount();
  }
}
