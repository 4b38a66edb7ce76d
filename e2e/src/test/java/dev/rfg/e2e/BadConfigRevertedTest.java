package dev.rfg.e2e;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Sentinels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #14, item 4: a redis.conf value Redis refuses ({@code maxmemory: 10xb}) reaches one pod only, the first
 * the rollout replaces, which then crash-loops; every other pod keeps the revision it was made with, through a
 * restart of its Redis too (with one ConfigMap changed in place the kubelet handed the bad value to every pod,
 * each failing at its next restart). Reverting the spec recovers without anyone deleting a pod: the rollout
 * replaces the crash-looping pod first, and the bad revision's ConfigMap goes.
 */
@Tag("cluster")
class BadConfigRevertedTest {

  private static final String NAME = "BadConfigRevertedTest";
  /** Longer than the kubelet's sync period (1 min) plus its ConfigMap cache: an in-place change would have arrived. */
  private static final Duration KUBELET_REFRESH = Duration.ofSeconds(90);

  private static GroupFixture fixture;
  private static FailoverGroup group;

  @BeforeAll
  static void start() {
    fixture = GroupFixture.start("rfg-bad-config", "badconf", 5000);
    group = fixture.group();
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aBadValueReachesOnePodAndRevertingRecoversByItself() {
    String master = group.awaitReady(Duration.ofMinutes(3));
    Sentinels sentinels = new Sentinels(group);
    long epoch = sentinels.configEpoch();
    List<String> goodRevision = redisConfigMaps();
    assertThat(goodRevision).hasSize(1);
    String replaced = "badconf-2";
    String kept = master.equals("badconf-1") ? "badconf-0" : "badconf-1";
    assertThat(master).as("the rollout replaces the highest replica first").isNotEqualTo(replaced);

    patch("{\"spec\":{\"redis\":{\"config\":{\"maxmemory\":\"10xb\"}}}}");
    await(replaced + " crash-looping on the bad revision").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
          assertThat(redisConfigMaps()).hasSize(2);
          assertThat(restarts(replaced)).isPositive();
          assertThat(mountedConf(replaced)).contains("maxmemory 10xb");
        });
    System.out.printf("[%s] %s: %s%n", NAME, replaced, group.resource().getStatus().getMessage());
    // The pods not replaced keep their revision: give the kubelet time to have synced any in-place change.
    await("no bad value reaches " + kept).during(KUBELET_REFRESH).atMost(KUBELET_REFRESH.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(mountedConf(kept)).doesNotContain("10xb"));
    int restartsBefore = restarts(kept);
    String keptUid = group.pod(kept).getMetadata().getUid();
    try {
      fixture.client().cli("-h", group.fqdn(kept), "SHUTDOWN", "NOSAVE");
    } catch (RuntimeException | AssertionError expected) {
      // redis-cli reports the connection the server closed
    }
    await(kept + "'s Redis back with its own revision").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
          assertThat(restarts(kept)).isGreaterThan(restartsBefore);
          assertThat(group.pod(kept).getMetadata().getUid())
              .as("%s not replaced while the bad revision's pod fails", kept).isEqualTo(keptUid);
          assertThat(FailoverGroup.isReady(group.pod(kept))).isTrue();
        });

    patch("{\"spec\":{\"redis\":{\"config\":{\"maxmemory\":null}}}}");
    await("the group recovered by itself").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().untilAsserted(() -> {
          group.assertSettled();
          assertThat(redisConfigMaps()).as("only the good revision is left").isEqualTo(goodRevision);
          assertThat(mountedConf(replaced)).doesNotContain("10xb");
        });
    assertThat(group.masterEndpoints()).containsExactly(master);
    assertThat(sentinels.configEpochs().values()).as("no failover (config epoch %d)", epoch).containsOnly(epoch);
    assertThat(group.describe()).contains("RollingUpdateStarted");
  }

  private static void patch(String json) {
    RfgInstall.kubectl(group.cluster(), "patch", "rfg", group.name(), "-n", group.namespace(), "--type=merge",
        "-p", json).orFail("kubectl patch " + json);
  }

  private static List<String> redisConfigMaps() {
    return group.cluster().client().configMaps().inNamespace(group.namespace()).withLabel("rfg.dev/config", "redis")
        .withLabel("rfg.dev/group", group.name()).list().getItems().stream().map(ConfigMap::getMetadata)
        .map(m -> m.getName()).sorted().toList();
  }

  /** What the pod's sentinel container reads at /etc/rfg/redis.conf (the redis container may be down). */
  private static String mountedConf(String pod) {
    return RfgInstall.kubectl(group.cluster(), "exec", "-n", group.namespace(), pod, "-c", "sentinel", "--",
        "cat", "/etc/rfg/redis.conf").orFail("cat redis.conf in " + pod).stdout();
  }

  private static int restarts(String pod) {
    return group.pod(pod).getStatus().getContainerStatuses().stream().filter(c -> c.getName().equals("redis"))
        .mapToInt(c -> c.getRestartCount()).sum();
  }
}
