package dev.rfg.e2e;

import dev.rfg.api.CrdRelease;
import dev.rfg.api.v1alpha1.ConditionTypes;
import dev.rfg.e2e.support.Cluster;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.MasterServiceSampler;
import dev.rfg.e2e.support.PreviousRelease;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Rollouts;
import dev.rfg.e2e.support.ScenarioLog;
import dev.rfg.e2e.support.Sentinels;
import dev.rfg.e2e.support.Tools;
import dev.rfg.e2e.support.Workload;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #15, chart and operator upgrades: a cluster set up as a user of the previous release has it (that release's
 * CRD, chart and images) runs a group under load; {@code helm upgrade} to this checkout's chart brings the CRD to
 * this release (the operator applies it at start), and the new sentinel image rolls the pods with one switchover
 * and no acknowledged write lost; the operator's own restart fails nothing over. Then {@code helm uninstall} leaves
 * the group running and writable, and installing again takes it over without touching a pod.
 */
@Tag("cluster")
class ChartUpgradeTest {

  private static final String NAME = "ChartUpgradeTest";
  private static final String CRD = "redisfailovergroups.rfg.dev";
  private static final int RATE = 100;

  @Test
  void helmUpgradeFromThePreviousReleaseUnderLoadThenUninstallLeavesTheGroupRunning() {
    Cluster cluster = Cluster.get();
    PreviousRelease previous = PreviousRelease.build(cluster);
    String ours = Tools.appVersion();
    System.out.printf("[%s] from release %s (%s) to %s%n", NAME, previous.version(), previous.chart(), ours);
    try {
      // The cluster as the previous release left it: its CRD, its chart, its operator. Helm installs that CRD
      // when there is none; where an earlier test's install left this release's, a replace puts back exactly the
      // previous release's object.
      RfgInstall.uninstall(cluster);
      if (crd(cluster) != null) {
        RfgInstall.kubectl(cluster, "replace", "-f", Path.of(previous.chart(), "crds", CRD + "-v1.yml").toString())
            .orFail("kubectl replace of the previous release's CRD");
      }
      RfgInstall.install(cluster, previous.chart());
      assertThat(CrdRelease.of(crd(cluster))).as("the previous release's CRD").isNotEqualTo(ours);

      try (GroupFixture fixture = GroupFixture.start("rfg-chart-upgrade", "up", 3000)) {
        FailoverGroup group = fixture.group();
        String oldMaster = group.awaitReady(Duration.ofMinutes(2));
        assertThat(sentinelImages(group)).containsOnly("rfg/sentinel:" + previous.version());
        Map<String, String> uidsBefore = Rollouts.uids(group);
        Sentinels sentinels = new Sentinels(group);
        long epoch = sentinels.configEpoch();
        long promotedBefore = sentinels.events("ReplicaPromoted");

        try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
             Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
          long t0 = System.currentTimeMillis();
          try {
            RfgInstall.install(cluster, RfgInstall.CHART);
            System.out.printf("[%s] helm upgrade done in %d ms%n", NAME, System.currentTimeMillis() - t0);
            CustomResourceDefinition upgraded = crd(cluster);
            assertThat(CrdRelease.of(upgraded)).as("the CRD's release after the upgrade").isEqualTo(ours);
            assertThat(upgraded.getMetadata().getManagedFields()).extracting(f -> f.getManager())
                .contains("rfg-operator");

            Rollouts.awaitEveryPodReplaced(group, uidsBefore, Duration.ofMinutes(6));
            System.out.printf("[%s] operator upgraded and 3 pods rolled in %d ms%n", NAME,
                System.currentTimeMillis() - t0);
            workload.awaitAllAcking(Duration.ofSeconds(30));
            assertThat(sentinelImages(group)).containsOnly("rfg/sentinel:" + ours);

            // One planned switchover and nothing else: the operator's restart failed nothing over.
            Rollouts.assertReplicasFirstAndOneSwitchover(NAME, group, sentinels, oldMaster, epoch);
            assertThat(sentinels.events("ReplicaPromoted") - promotedBefore).isEqualTo(1);
            assertStatusAndEventsRight(group);

            Rollouts.assertClientsLostNothing(NAME, RATE, workload, sampler, "service-wait", "sentinel");
          } catch (RuntimeException | AssertionError e) {
            ScenarioLog.dump(NAME, group, workload, sampler, t0);
            throw e;
          }
        }

        // helm uninstall: the operator goes, the groups, their Secrets and the CRD stay, and keep working.
        Map<String, String> running = Rollouts.uids(group);
        String master = group.masterLabelled().get(0);
        RfgInstall.uninstall(cluster);
        assertThat(cluster.client().apps().deployments().inNamespace(RfgInstall.NAMESPACE).list().getItems())
            .as("deployments left in %s", RfgInstall.NAMESPACE).isEmpty();
        assertThat(crd(cluster)).as("the CRD after helm uninstall").isNotNull();
        assertThat(group.resource()).as("the group after helm uninstall").isNotNull();
        assertThat(Rollouts.uids(group)).isEqualTo(running);
        assertThat(group.masterEndpoints()).containsExactly(master);
        assertThat(fixture.client().cli("-h", group.masterService(), "SET", "after-uninstall", "1")).contains("OK");
        assertThat(fixture.client().cli("-h", group.masterService(), "GET", "after-uninstall")).contains("1");

        // Installing again adopts the running group: nothing rolls, nothing fails over.
        RfgInstall.install(cluster, RfgInstall.CHART);
        await("the group settled under the new install").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(group::assertSettled);
        assertThat(Rollouts.uids(group)).isEqualTo(running);
        assertThat(sentinels.configEpochs().values()).containsOnly(epoch + 1);
        System.out.printf("[%s] helm uninstall left the group running; a new install took it over untouched%n",
            NAME);
      }
    } finally {
      // Whatever happened, the tests after this one run this checkout's chart.
      RfgInstall.install(cluster, RfgInstall.CHART);
    }
  }

  /** Ready, the spec applied, the master in status the labelled one, and no Warning event on the group. */
  private static void assertStatusAndEventsRight(FailoverGroup group) {
    var status = group.resource().getStatus();
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.SPEC_APPLIED))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(status.getMaster().getPod()).isEqualTo(group.masterLabelled().get(0));
    var events = group.cluster().client().v1().events().inNamespace(group.namespace())
        .withField("involvedObject.kind", "RedisFailoverGroup").list().getItems();
    events.forEach(e -> System.out.printf("[%s] event %s %s x%d: %s%n", NAME, e.getType(), e.getReason(),
        e.getCount(), e.getMessage()));
    var warnings = events.stream().filter(e -> "Warning".equals(e.getType())).toList();
    assertThat(warnings).as("Warning events on the group").extracting(e -> e.getReason() + ": " + e.getMessage())
        .isEmpty();
    assertThat(events).as("events on the group").filteredOn(e -> e.getReason().startsWith("RollingUpdateStarted")
        || e.getReason().equals("RollingUpdateFinished")).as("one rollout: one start, one finish")
        .extracting(e -> e.getReason() + " x" + e.getCount())
        .containsExactlyInAnyOrder("RollingUpdateStarted x1", "RollingUpdateFinished x1");
    assertThat(events).extracting(e -> e.getReason()).contains("Switchover", "MasterMoved");
  }

  private static CustomResourceDefinition crd(Cluster cluster) {
    return cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get();
  }

  private static List<String> sentinelImages(FailoverGroup group) {
    return group.pods().stream().flatMap(p -> p.getSpec().getInitContainers().stream())
        .filter(c -> c.getName().equals(Sentinels.CONTAINER)).map(c -> c.getImage()).distinct().toList();
  }

}
