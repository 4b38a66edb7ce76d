package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.MasterServiceSampler;
import dev.rfg.e2e.support.RfgInstall;
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
 * Issue #7, scenario 7: {@code kubectl scale rfg} 3 → 5 → 3 while two clients write (through the master Service
 * with {@code WAIT 1}, and through the sentinels). The master stays where it is (no failover: the config epoch does
 * not move), the new pods join as replicas and their sentinels as voters, every sentinel counts the election
 * majority over the new size both ways, the removed pods' sentinels are forgotten, and no acknowledged write is
 * lost.
 */
@Tag("cluster")
class ScaleUnderLoadTest {

  private static final String NAME = "ScaleUnderLoadTest";
  private static final int RATE = 200;

  private static GroupFixture fixture;
  private static FailoverGroup group;

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-load-scale", "sc", 3000);
    group = fixture.group();
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void scaleUpAndDownWhileClientsWrite() {
    long started = System.nanoTime();
    String master = group.awaitReady(Duration.ofMinutes(2));
    Sentinels sentinels = new Sentinels(group);
    long epoch = sentinels.configEpoch();

    try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
         Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
      long t0 = System.nanoTime();
      scaleTo(5);
      await("5 pods Ready and known to every sentinel").atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            group.assertSettled();
            assertVoters(5);
          });
      System.out.printf("[%s] 3 -> 5 settled in %d ms%n", NAME, Duration.ofNanos(System.nanoTime() - t0).toMillis());
      assertThat(group.masterLabelled()).containsExactly(master);
      workload.awaitAllAcking(Duration.ofSeconds(30));

      long t1 = System.nanoTime();
      scaleTo(3);
      await("back to 3 pods, the removed sentinels forgotten").atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(group.podNames()).containsExactly("sc-0", "sc-1", "sc-2");
            group.assertSettled();
            assertVoters(3);
          });
      System.out.printf("[%s] 5 -> 3 settled in %d ms%n", NAME, Duration.ofNanos(System.nanoTime() - t1).toMillis());
      workload.awaitAllAcking(Duration.ofSeconds(30));

      // No failover: the same master, the same config epoch everywhere, one pod behind the Service throughout.
      assertThat(group.masterLabelled()).containsExactly(master);
      assertThat(sentinels.configEpochs().values()).as("config epochs (before: %d)", epoch).containsOnly(epoch);
      assertThat(group.statusMaster()).isEqualTo(master);
      group.assertSentinelsClean(fixture.client(), master);

      JsonNode report = workload.stop();
      JsonNode verify = workload.verify();
      System.out.printf("[%s] clients (%d writes/s each):%n%s%n", NAME, RATE,
          indent(Workload.summary(report, verify)));
      assertThat(sampler.maxSelected()).as("pods the master Service selected at once:\n%s", sampler.describe(""))
          .isEqualTo(1);
      Workload.assertAckedAndNoneLost(verify, "service-wait", "sentinel");
    }
    System.out.printf("[%s] took %d s%n", NAME, Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  private static String indent(String text) {
    return text.lines().map(l -> "[" + NAME + "]   " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private static void scaleTo(int replicas) {
    RfgInstall.kubectl(group.cluster(), "scale", "rfg", group.name(), "-n", group.namespace(),
        "--replicas=" + replicas).orFail("kubectl scale rfg --replicas=" + replicas);
  }

  /** Every sentinel counts the election majority over {@code size} voters and knows exactly that many. */
  private static void assertVoters(int size) {
    Sentinels sentinels = new Sentinels(group);
    for (String pod : group.podNames()) {
      assertThat(sentinels.metric(pod, "rfg_sentinel_voters")).as("voters of the sentinel of %s", pod)
          .isEqualTo(size);
      assertThat(sentinels.metric(pod, "rfg_sentinel_known_sentinels")).as("sentinels known to %s", pod)
          .isEqualTo(size);
    }
  }
}
