package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.MasterServiceSampler;
import dev.rfg.e2e.support.NodeAccess;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7, scenario 4: the master is cut off from the other two pods of its group (iptables DROP both ways in
 * its network namespace, entered from the node) while the clients keep writing; the workload pod is not cut, so
 * its open connection through the master Service keeps going to the old master. The majority fails over; after a
 * while the partition heals and the old master must be demoted. Whatever the isolated master acknowledged is lost:
 * the test reports how many plain and {@code WAIT 1} writes were lost, once without {@code minReplicasToWrite}
 * and once with {@code spec.redis.minReplicasToWrite: 1, minReplicasMaxLag: 5}, where the isolated master must
 * stop acknowledging writes within about the max lag, so fewer are lost. Needs the local cluster (skipped
 * otherwise).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionTest {

  private static final String NAME = "PartitionTest";
  private static final int DOWN_AFTER_MS = 2000;
  private static final int RATE = 200;
  private static final int MAX_LAG_S = 5;
  /** How long the old master stays cut off: well past the failover and the max lag. */
  private static final Duration PARTITION = Duration.ofSeconds(15);

  private static NodeAccess node;
  private static GroupFixture plain;
  private static GroupFixture bounded;
  /** Plain writes through the Service lost without minReplicasToWrite (the first method), for the second. */
  private static Long lostWithout;

  @BeforeAll
  static void createGroups() {
    node = NodeAccess.localOrSkip();
    // Both groups come up at once, each in a namespace of its own. Not on the common ForkJoinPool: on 2 cores it
    // has one thread, which the Kubernetes client's own async steps need while the fixtures wait.
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      var first = CompletableFuture.supplyAsync(() -> GroupFixture.start("rfg-partition", "pt", DOWN_AFTER_MS,
          null), starter);
      var second = CompletableFuture.supplyAsync(() -> GroupFixture.start("rfg-partition-minreplicas", "pm",
          DOWN_AFTER_MS, "{minReplicasToWrite: 1, minReplicasMaxLag: " + MAX_LAG_S + "}"), starter);
      try {
        plain = first.join();
      } finally {
        bounded = second.join();
      }
    } finally {
      starter.shutdown();
    }
  }

  @AfterAll
  static void cleanUp() {
    for (GroupFixture fixture : new GroupFixture[] {plain, bounded}) {
      if (fixture != null) {
        fixture.close();
      }
    }
  }

  @Test
  @Order(1)
  void masterCutOffWithoutMinReplicasToWrite() {
    Result result = partition(plain, "without minReplicasToWrite");
    // Without the bound the isolated master acknowledges plain writes for the whole partition, and they are lost.
    assertThat(result.servicePlain().get("lost").asLong()).as("plain writes lost: %s", result.servicePlain())
        .isPositive();
    lostWithout = result.servicePlain().get("lost").asLong();
  }

  @Test
  @Order(2)
  void masterCutOffWithMinReplicasToWrite() {
    Result result = partition(bounded, "with minReplicasToWrite 1, minReplicasMaxLag " + MAX_LAG_S);
    // The isolated master refused writes (NOREPLICAS) once its replicas' acks were older than the max lag.
    assertThat(result.beforeHeal().get("errorKinds").has("NOREPLICAS"))
        .as("the Service writer got NOREPLICAS while cut off: %s", result.beforeHeal()).isTrue();
    // Redis counts a replica good while its last ack is at most max-lag whole seconds old, re-counted once a second:
    // the isolated master refuses writes 5-7 s after the cut; 4 s of margin for a busy machine.
    for (String writer : List.of("service", "sentinel")) {
      JsonNode w = Workload.writer(result.verify(), writer);
      if (w.get("lost").asLong() > 0) {
        assertThat(w.get("lostAckedToMs").asLong() - result.cutAtMs())
            .as("ms from the cut to the last lost write of %s acknowledged: %s", writer, w)
            .isLessThanOrEqualTo((MAX_LAG_S + 4) * 1000L);
      }
    }
    if (lostWithout != null) {
      assertThat(result.servicePlain().get("lost").asLong())
          .as("plain writes through the Service lost with minReplicasToWrite, against %d without", lostWithout)
          .isLessThan(lostWithout);
    }
  }

  /** What one partition run measured. */
  record Result(long cutAtMs, JsonNode verify, JsonNode servicePlain, JsonNode beforeHeal) {
  }

  private Result partition(GroupFixture fixture, String what) {
    long started = System.nanoTime();
    FailoverGroup group = fixture.group();
    String old = group.awaitReady(Duration.ofMinutes(2));
    Sentinels sentinels = new Sentinels(group);
    long epochBefore = sentinels.configEpoch();
    List<String> others = group.podNames().stream().filter(p -> !p.equals(old)).toList();
    List<String> otherIps = others.stream().map(p -> group.pod(p).getStatus().getPodIP()).toList();
    long pid = node.hostPid(group.pod(old), "redis");
    assertThat(node.commandLine(pid)).as("host process %d of the redis container of %s", pid, old)
        .contains("redis-server");

    try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
         Workload workload = Workload.start(group, RATE, Workload.SERVICE, Workload.serviceWithWait(1000),
             Workload.SENTINEL)) {
      long t0 = System.currentTimeMillis();
      try {
        node.isolate(pid, otherIps);
        String master;
        JsonNode beforeHeal;
        try {
          System.out.printf("[%s] %s: %s cut off from %s %s%n", NAME, what, old, others, otherIps);
          await("the majority fails over").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
              .ignoreExceptions().untilAsserted(() -> {
                List<String> endpoints = group.masterEndpoints();
                assertThat(endpoints).hasSize(1).doesNotContain(old);
                assertThat(group.masterLabelled()).isEqualTo(endpoints);
              });
          master = group.masterEndpoints().get(0);
          System.out.printf("[%s] %s: master Service on %s after %d ms%n", NAME, what, master,
              System.currentTimeMillis() - t0);
          await("the partition lasts " + PARTITION.toSeconds() + " s").atMost(PARTITION.plusSeconds(5))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> System.currentTimeMillis() - t0 >= PARTITION.toMillis());
          beforeHeal = Workload.writer(workload.report(), "service");
          System.out.printf("[%s] %s: before the heal the Service writer is on %s: %s%n", NAME, what,
              beforeHeal.get("target").asText(), beforeHeal);
        } finally {
          // The rules live in the pod's network namespace: if redis-server restarted meanwhile, enter it anew.
          if (!node.heal(pid)) {
            node.heal(node.hostPid(group.pod(old), "redis"));
          }
        }
        long healedAt = System.currentTimeMillis();
        System.out.printf("[%s] %s: healed after %d ms%n", NAME, what, healedAt - t0);

        await("the old master demoted to a replica of " + master).atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
              assertThat(group.replicationInfo(fixture.client(), old)).containsEntry("role", "slave")
                  .containsEntry("master_host", group.fqdn(master)).containsEntry("master_link_status", "up");
              assertThat(group.pod(old).getMetadata().getLabels()).containsEntry(FailoverGroup.ROLE, "replica");
            });
        System.out.printf("[%s] %s: %s a synced replica of %s %d ms after the heal%n", NAME, what, old, master,
            System.currentTimeMillis() - healedAt);
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
        JsonNode servicePlain = Workload.writer(verify, "service");
        System.out.printf("[%s] %s: clients (%d writes/s each):%n%s%n", NAME, what, RATE,
            Workload.prefixed(NAME, Workload.summary(report, verify)));
        for (JsonNode w : verify.get("writers")) {
          if (w.get("lost").asLong() > 0) {
            System.out.printf("[%s] %s:   %s lost writes were acknowledged from t%+d to t%+d ms (cut at t0, heal at "
                    + "t%+d)%n", NAME, what, w.get("name").asText(), w.get("lostAckedFromMs").asLong() - t0,
                w.get("lostAckedToMs").asLong() - t0, healedAt - t0);
          }
        }
        System.out.println(sampler.describe("[" + NAME + "]   ", t0));
        System.out.println(Workload.prefixed(NAME, "workload log:\n" + workload.writerLog()));

        assertThat(sampler.maxSelected()).as("pods the master Service selected at once:\n%s", sampler.describe(""))
            .isEqualTo(1);
        JsonNode waited = Workload.writer(verify, "service-wait");
        assertThat(waited.get("lost").asLong()).as("writes acknowledged by WAIT 1 and lost: %s", waited).isZero();
        System.out.printf("[%s] %s: took %d s%n", NAME, what, Duration.ofNanos(System.nanoTime() - started)
            .toSeconds());
        return new Result(t0, verify, servicePlain, beforeHeal);
      } catch (RuntimeException | AssertionError e) {
        ScenarioLog.dump(NAME, group, workload, sampler, t0);
        throw e;
      }
    }
  }
}
