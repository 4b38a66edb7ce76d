package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.MasterServiceSampler;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Sentinels;
import dev.rfg.e2e.support.Workload;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7, scenario 8: a config change rolls the pods while two clients write (through the master Service with
 * {@code WAIT 1}, and through the sentinels). Replicas are replaced first, then one planned switchover moves the
 * master, then the old master's pod is replaced; no acknowledged write is lost; status shows the RollingUpdate
 * phase and events tell the progress.
 */
@Tag("cluster")
class RollingUpdateUnderLoadTest {

  private static final String NAME = "RollingUpdateUnderLoadTest";
  private static final int RATE = 200;

  private static GroupFixture fixture;
  private static FailoverGroup group;

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-load-rollout", "ru", 3000);
    group = fixture.group();
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void configChangeRollsReplicasFirstWithOneSwitchoverAndLosesNothing() {
    long started = System.nanoTime();
    String oldMaster = group.awaitReady(Duration.ofMinutes(2));
    Map<String, String> uidsBefore = uids();
    Sentinels sentinels = new Sentinels(group);
    long epoch = sentinels.configEpoch();
    long promotedBefore = sentinels.events("ReplicaPromoted");
    Set<String> phases = ConcurrentHashMap.newKeySet();

    try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
         Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
      long t0 = System.nanoTime();
      RfgInstall.kubectl(group.cluster(), "patch", "rfg", group.name(), "-n", group.namespace(), "--type=merge",
          "-p", "{\"spec\":{\"redis\":{\"config\":{\"maxmemory-policy\":\"allkeys-lru\"}}}}")
          .orFail("kubectl patch redis.config");

      await("every pod replaced and the group settled").atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            phases.add(String.valueOf(group.resource().getStatus().getPhase()));
            Map<String, String> now = uids();
            assertThat(now.keySet()).isEqualTo(uidsBefore.keySet());
            now.forEach((pod, uid) -> assertThat(uid).as("pod %s replaced", pod).isNotEqualTo(uidsBefore.get(pod)));
            group.assertSettled();
          });
      System.out.printf("[%s] rollout of 3 pods settled in %d ms; phases seen: %s%n", NAME,
          Duration.ofNanos(System.nanoTime() - t0).toMillis(), phases);
      workload.awaitAllAcking(Duration.ofSeconds(30));

      // Replicas first: the old master's pod was replaced last, after the master had moved off it.
      List<String> replacedInOrder = group.pods().stream()
          .sorted(Comparator.comparing(p -> Instant.parse(p.getMetadata().getCreationTimestamp())))
          .map(p -> p.getMetadata().getName()).toList();
      System.out.printf("[%s] pods replaced in this order: %s (master was %s)%n", NAME, replacedInOrder, oldMaster);
      assertThat(replacedInOrder.get(replacedInOrder.size() - 1)).isEqualTo(oldMaster);
      String newMaster = group.masterLabelled().get(0);
      assertThat(newMaster).isNotEqualTo(oldMaster);

      // One switchover: the config epoch moved by one, one promotion.
      assertThat(sentinels.configEpochs().values()).as("config epochs (before: %d)", epoch)
          .containsOnly(epoch + 1);
      assertThat(sentinels.events("ReplicaPromoted") - promotedBefore).isEqualTo(1);
      assertThat(phases).contains("RollingUpdate");
      String described = group.describe();
      assertThat(described).contains("RollingUpdateStarted", "RollingUpdateFinished", "Switchover");

      for (Pod pod : group.pods()) {
        String name = pod.getMetadata().getName();
        assertThat(fixture.client().cliRaw("-h", group.fqdn(name), "CONFIG", "GET", "maxmemory-policy"))
            .as("maxmemory-policy of %s", name).contains("allkeys-lru");
      }

      JsonNode report = workload.stop();
      JsonNode verify = workload.verify();
      System.out.printf("[%s] clients (%d writes/s each):%n%s%n", NAME, RATE, indent(Workload.summary(report, verify)));
      System.out.println(sampler.describe("[" + NAME + "]   "));
      assertThat(sampler.maxSelected()).as("pods the master Service selected at once:\n%s", sampler.describe(""))
          .isEqualTo(1);
      Workload.assertAckedAndNoneLost(verify, "service-wait", "sentinel");
    }
    System.out.printf("[%s] took %d s%n", NAME, Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  private static Map<String, String> uids() {
    return group.pods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(),
        p -> p.getMetadata().getUid()));
  }

  private static String indent(String text) {
    return text.lines().map(l -> "[" + NAME + "]   " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }
}
