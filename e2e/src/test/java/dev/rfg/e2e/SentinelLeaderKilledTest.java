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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7, scenario 5: the sentinel that leads a failover dies in the middle of it. The master's pod stops dead,
 * as on a node that lost power: its redis-server and its sentinel sidecar are both frozen (SIGSTOP from the node),
 * so one of the two other sentinels must lead. Those two are told to crash once elected ({@code SENTINEL
 * SIMULATE-FAILURE crash-after-election}), or once their replica is promoted ({@code crash-after-promotion}); the
 * leader's sidecar exits (code 99) and the kubelet restarts it (a native sidecar), and the failover is completed in
 * a later epoch (the remaining flags are cleared once the first leader crashed, so the next leader finishes). Then
 * the old master's pod is thawed. At the end: exactly one master, the master Service on it (never two pods), every
 * sentinel at the same, later config epoch, the old master demoted to a replica, both clients writing.
 *
 * <p>Until issue #14 the fault was a graceful delete of the master pod; since then that delete hands over in the
 * pod's preStop, led by the master's own sentinel, so the survivors never lead (PlannedAndCrashFailoverTest covers
 * that path). Freezing the whole pod keeps the master's sentinel out of the election.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelLeaderKilledTest {

  private static final String NAME = "SentinelLeaderKilledTest";
  private static final int DOWN_AFTER_MS = 2000;
  private static final int RATE = 200;

  private static NodeAccess node;
  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static RedisClientPod client;
  private static Sentinels sentinels;

  @BeforeAll
  static void createGroup() {
    node = NodeAccess.localOrSkip();
    fixture = GroupFixture.start("rfg-leader-killed", "lk", DOWN_AFTER_MS);
    group = fixture.group();
    client = fixture.client();
    sentinels = new Sentinels(group);
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void leaderCrashesAfterElection() {
    // The crashed leader's epoch changed nothing: the failover that counts is in a later one.
    leaderCrashes("crash-after-election", 1, 2);
  }

  @Test
  @Order(2)
  void leaderCrashesAfterPromotion() {
    leaderCrashes("crash-after-promotion", 2, 1);
  }

  private void leaderCrashes(String simulation, int flag, int minEpochStep) {
    long started = System.nanoTime();
    String old = group.awaitReady(Duration.ofMinutes(2));
    String oldUid = group.pod(old).getMetadata().getUid();
    // The whole pod stops: Redis and the sentinel sidecar (its JVM is the container's main process).
    List<Long> frozen = List.of(node.hostPid(group.pod(old), "redis"), node.hostPid(group.pod(old), "sentinel"));
    List<String> survivors = group.podNames().stream().filter(p -> !p.equals(old)).toList();
    long epochBefore = sentinels.configEpoch();
    Map<String, Integer> restartsBefore = new LinkedHashMap<>();
    survivors.forEach(p -> restartsBefore.put(p, sentinels.restarts(p)));

    try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
         Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
      for (String pod : survivors) {
        assertThat(sentinels.simulateFailure(client, pod, simulation)).isEqualTo("OK");
        assertThat(sentinels.simulateFailureFlags(client, pod)).as("simulation flags of %s", pod).isEqualTo(flag);
      }
      long t0 = System.currentTimeMillis();
      boolean thawed = false;
      try {
        frozen.forEach(pid -> node.signal(pid, "STOP"));

        // The elected leader crashes; the kubelet restarts its sidecar.
        String crashed = await("a failover leader's sidecar crashes (" + simulation + ")")
            .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
            .until(() -> survivors.stream().filter(p -> sentinels.restarts(p) > restartsBefore.get(p)).findFirst()
                .orElse(null), p -> p != null);
        long crashedAt = System.currentTimeMillis() - t0;
        // The other survivor must finish the job: no more simulated crashes (the restarted sidecar has none).
        for (String pod : survivors) {
          if (!pod.equals(crashed)) {
            sentinels.clearSimulatedFailure(client, pod);
          }
        }
        System.out.printf("[%s] %s: master pod %s frozen; the sentinel of %s crashed as leader after %d ms%n", NAME,
            simulation, old, crashed, crashedAt);
        await("the crashed sidecar exited with 99 and runs again").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
              assertThat(sentinels.lastExitCode(crashed)).as("exit code of the crashed sidecar").isEqualTo(99);
              assertThat(sentinels.status(crashed).getStarted()).isTrue();
            });

        String master = group.awaitMasterServiceMovedFrom(old, Duration.ofSeconds(120));
        System.out.printf("[%s] %s: master Service on %s after %d ms%n", NAME, simulation, master,
            System.currentTimeMillis() - t0);
        workload.awaitAllAcking(Duration.ofSeconds(60));
        frozen.forEach(pid -> node.signal(pid, "CONT"));
        thawed = true;

        await("the old master thawed and demoted to a replica, the group settled").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
              var back = group.pod(old);
              assertThat(back.getMetadata().getUid()).as("the thawed pod is the same pod").isEqualTo(oldUid);
              assertThat(back.getMetadata().getLabels()).containsEntry(FailoverGroup.ROLE, "replica");
              assertThat(group.replicationInfo(client, old)).containsEntry("role", "slave")
                  .containsEntry("master_host", group.fqdn(master)).containsEntry("master_link_status", "up");
              group.assertSettled();
              assertThat(group.masterLabelled()).containsExactly(master);
            });
        // Exactly one master among the Redis servers, and the sentinels agree on it at one later epoch.
        for (String pod : group.podNames()) {
          assertThat(group.replicationInfo(client, pod).get("role")).as("role of %s", pod)
              .isEqualTo(pod.equals(master) ? "master" : "slave");
        }
        await("every sentinel at the same config epoch, later than the crashed leader's").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
              var epochs = sentinels.configEpochs();
              assertThat(epochs.values()).as("config epochs (before: %d)", epochBefore).hasSize(3)
                  .containsOnly(epochs.values().iterator().next());
              assertThat(epochs.values().iterator().next()).as("config epoch (before: %d)", epochBefore)
                  .isGreaterThanOrEqualTo(epochBefore + minEpochStep);
            });
        long settledAt = System.currentTimeMillis() - t0;
        Map<String, Long> epochs = sentinels.configEpochs();
        System.out.printf("[%s] %s: settled after %d ms; config epochs %s (before %d), current epochs %s%n", NAME,
            simulation, settledAt, epochs, epochBefore, sentinels.currentEpochs());
        for (String reason : List.of("FailoverStarted", "ReplicaPromoted", "SwitchComplete")) {
          System.out.println(Workload.prefixed(NAME, reason + ": " + sentinels.eventMessages(reason)));
        }
        // What the failover looked like to the sentinels that survived (the crashed one before and after).
        System.out.println(Workload.prefixed(NAME, "sentinel of " + crashed + " until the crash:\n"
            + ScenarioLog.failoverLines(sentinels.log(crashed, true))));
        for (String pod : survivors) {
          System.out.println(Workload.prefixed(NAME, "sentinel of " + pod + (pod.equals(crashed) ? " after the restart"
              : "") + ":\n" + ScenarioLog.failoverLines(sentinels.log(pod, false))));
        }

        JsonNode report = workload.stop();
        JsonNode verify = workload.verify();
        System.out.printf("[%s] %s: clients (%d writes/s each):%n%s%n", NAME, simulation, RATE,
            Workload.prefixed(NAME, Workload.summary(report, verify)));
        System.out.println(sampler.describe("[" + NAME + "]   ", t0));
        System.out.println(Workload.prefixed(NAME, "workload log:\n" + workload.writerLog()));

        assertThat(sampler.maxSelected()).as("pods the master Service selected at once:\n%s", sampler.describe(""))
            .isEqualTo(1);
        JsonNode waited = Workload.writer(verify, "service-wait");
        assertThat(waited.get("lost").asLong()).as("writes acknowledged by WAIT 1 and lost: %s", waited).isZero();
      } catch (RuntimeException | AssertionError e) {
        ScenarioLog.dump(NAME, group, workload, sampler, t0);
        throw e;
      } finally {
        if (!thawed) {
          frozen.forEach(pid -> node.signal(pid, "CONT"));
        }
      }
    } finally {
      for (String pod : group.podNames()) {
        try {
          sentinels.clearSimulatedFailure(client, pod);
        } catch (RuntimeException | AssertionError ignored) {
          // a sentinel that is not up has no flags
        }
      }
    }
    System.out.printf("[%s] %s: took %d s%n", NAME, simulation, Duration.ofNanos(System.nanoTime() - started)
        .toSeconds());
  }
}
