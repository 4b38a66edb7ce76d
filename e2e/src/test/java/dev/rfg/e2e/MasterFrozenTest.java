package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.MasterServiceSampler;
import dev.rfg.e2e.support.NodeAccess;
import dev.rfg.e2e.support.RedisClientPod;
import dev.rfg.e2e.support.ScenarioLog;
import dev.rfg.e2e.support.Sentinels;
import dev.rfg.e2e.support.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7, scenario 3: the master's redis-server is frozen (SIGSTOP from the node: a signal from inside the
 * container to its PID 1 would be ignored) past down-after while two clients write, then thawed (SIGCONT) once the
 * sentinels failed over. The old master comes back believing it is master and must be demoted: a replica of the
 * new master, labelled replica; the master Service, watched all along, never selects two pods. Needs the local
 * cluster (skipped otherwise).
 */
@Tag("cluster")
class MasterFrozenTest {

  private static final String NAME = "MasterFrozenTest";
  private static final int DOWN_AFTER_MS = 2000;
  private static final int RATE = 200;

  private static NodeAccess node;
  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static RedisClientPod client;

  @BeforeAll
  static void createGroup() {
    node = NodeAccess.localOrSkip();
    fixture = GroupFixture.start("rfg-master-frozen", "fz", DOWN_AFTER_MS);
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
  void masterFrozenPastDownAfterThenThawed() {
    long started = System.nanoTime();
    String old = group.awaitReady(Duration.ofMinutes(2));
    Sentinels sentinels = new Sentinels(group);
    long epochBefore = sentinels.configEpoch();
    long pid = node.hostPid(group.pod(old), "redis");
    assertThat(node.commandLine(pid)).as("host process %d of the redis container of %s", pid, old)
        .contains("redis-server");

    try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
         Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
      long t0 = System.currentTimeMillis();
      try {
        node.signal(pid, "STOP");
        String master;
        long frozenMs;
        try {
          await("a new master while " + old + " is frozen").atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
                List<String> endpoints = group.masterEndpoints();
                assertThat(endpoints).hasSize(1).doesNotContain(old);
                assertThat(group.masterLabelled()).isEqualTo(endpoints);
              });
          master = group.masterEndpoints().get(0);
          System.out.printf("[%s] SIGSTOP to redis-server of %s (host pid %d): master Service on %s after %d ms "
              + "(down-after %d ms)%n", NAME, old, pid, master, System.currentTimeMillis() - t0, DOWN_AFTER_MS);
        } finally {
          node.signal(pid, "CONT");
          frozenMs = System.currentTimeMillis() - t0;
        }
        System.out.printf("[%s] SIGCONT after %d ms frozen%n", NAME, frozenMs);

        // The thawed Redis still believes it is master; the sentinels must demote it.
        await("the thawed old master demoted to a replica of " + master).atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
              assertThat(group.replicationInfo(client, old)).containsEntry("role", "slave")
                  .containsEntry("master_host", group.fqdn(master)).containsEntry("master_link_status", "up");
              assertThat(group.pod(old).getMetadata().getLabels()).containsEntry(FailoverGroup.ROLE, "replica");
            });
        long demoted = System.currentTimeMillis() - t0;
        System.out.printf("[%s] %s a synced replica of %s %d ms after the SIGSTOP (%d ms after the SIGCONT)%n", NAME,
            old, master, demoted, demoted - frozenMs);
        assertThat(group.pod(old).getStatus().getContainerStatuses()).filteredOn(s -> s.getName().equals("redis"))
            .singleElement().satisfies(s -> assertThat(s.getRestartCount()).as("redis restarts").isZero());

        await("group settled").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .untilAsserted(() -> {
              group.assertSettled();
              assertThat(group.masterLabelled()).containsExactly(master);
            });
        await("every sentinel at config epoch " + (epochBefore + 1)).atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(sentinels.configEpochs().values()).as("config epochs (before: %d)", epochBefore)
                    .containsOnly(epochBefore + 1));
        workload.awaitAllAcking(Duration.ofSeconds(30));

        JsonNode report = workload.stop();
        JsonNode verify = workload.verify();
        System.out.printf("[%s] clients (%d writes/s each):%n%s%n", NAME, RATE,
            Workload.prefixed(NAME, Workload.summary(report, verify)));
        System.out.println(sampler.describe("[" + NAME + "]   ", t0));
        System.out.println(Workload.prefixed(NAME, "workload log:\n" + workload.writerLog()));
        for (String pod : group.podNames()) {
          System.out.println(Workload.prefixed(NAME, "replication log of " + pod + ":\n"
              + sentinels.replicationLog(pod, 12)));
        }

        assertThat(sampler.maxSelected()).as("pods the master Service selected at once:\n%s", sampler.describe(""))
            .isEqualTo(1);
        assertThat(sampler.maxMasterLabelled()).as("pods labelled master at once").isEqualTo(1);
        JsonNode waited = Workload.writer(verify, "service-wait");
        assertThat(waited.get("lost").asLong()).as("writes acknowledged by WAIT 1 and lost: %s", waited).isZero();
      } catch (RuntimeException | AssertionError e) {
        ScenarioLog.dump(NAME, group, workload, sampler, t0);
        throw e;
      }
    }
    System.out.printf("[%s] took %d s%n", NAME, Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }
}
