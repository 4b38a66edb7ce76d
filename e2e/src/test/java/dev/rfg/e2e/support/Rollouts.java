package dev.rfg.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What every rollout scenario under load checks the same way (a server change, a chart upgrade). */
public final class Rollouts {

  private Rollouts() {
  }

  /** Each pod's uid by name. */
  public static Map<String, String> uids(FailoverGroup group) {
    return group.pods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(),
        p -> p.getMetadata().getUid()));
  }

  /** Waits until every pod named before was replaced (a new uid) and the group settled. */
  public static void awaitEveryPodReplaced(FailoverGroup group, Map<String, String> before, Duration atMost) {
    await("every pod replaced and the group settled").atMost(atMost).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().untilAsserted(() -> {
          Map<String, String> now = uids(group);
          assertThat(now.keySet()).isEqualTo(before.keySet());
          now.forEach((pod, uid) -> assertThat(uid).as("pod %s replaced", pod).isNotEqualTo(before.get(pod)));
          group.assertSettled();
        });
  }

  /** Replicas first, the old master's pod last, and the master moved once: the config epoch by one. */
  public static void assertReplicasFirstAndOneSwitchover(String name, FailoverGroup group, Sentinels sentinels,
      String oldMaster, long epochBefore) {
    List<String> replacedInOrder = group.pods().stream()
        .sorted(Comparator.comparing(p -> Instant.parse(p.getMetadata().getCreationTimestamp())))
        .map(p -> p.getMetadata().getName()).toList();
    System.out.printf("[%s] pods replaced in this order: %s (master was %s)%n", name, replacedInOrder, oldMaster);
    assertThat(replacedInOrder.get(replacedInOrder.size() - 1)).isEqualTo(oldMaster);
    assertThat(sentinels.configEpochs().values()).as("config epochs (before: %d): one switchover", epochBefore)
        .containsOnly(epochBefore + 1);
  }

  /** Stops the clients, prints their figures; never two pods selected, no write acknowledged to them lost. */
  public static void assertClientsLostNothing(String name, int rate, Workload workload, MasterServiceSampler sampler,
      String... writers) {
    JsonNode report = workload.stop();
    JsonNode verify = workload.verify();
    System.out.printf("[%s] clients (%d writes/s each):%n%s%n", name, rate,
        Workload.prefixed(name, Workload.summary(report, verify)));
    assertThat(sampler.maxSelected()).as("pods the master Service selected at once").isEqualTo(1);
    Workload.assertAckedAndNoneLost(verify, writers);
  }
}
