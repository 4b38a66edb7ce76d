package dev.rfg.e2e;

import dev.rfg.api.v1alpha1.ConditionTypes;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.MasterServiceSampler;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Rollouts;
import dev.rfg.e2e.support.ScenarioLog;
import dev.rfg.e2e.support.Sentinels;
import dev.rfg.e2e.support.Servers;
import dev.rfg.e2e.support.Servers.Server;
import dev.rfg.e2e.support.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #15, server upgrades and migration: {@code spec.redis.image} changes on a running group while two clients
 * write (master Service with {@code WAIT 1}, and Sentinel): replicas are replaced first, one switchover moves the
 * master to an upgraded replica, the old master's pod goes last; no acknowledged write is lost, no unplanned
 * failover (the epoch moves by one). Then the change back, which cannot work (the new line writes an RDB format the
 * old one cannot load), is refused: SpecApplied False with the reason, an event, no pod touched.
 */
@Tag("cluster")
class ServerUpgradeTest {

  private static final int RATE = 100;

  static Stream<Arguments> upgrades() {
    Map<String, Server> byName = Servers.all().stream().collect(Collectors.toMap(Server::name, s -> s));
    return Stream.of(Arguments.of(byName.get("redis-7.0"), byName.get("redis-8.0")),
        Arguments.of(byName.get("redis-7.0"), byName.get("valkey-8.1")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("upgrades")
  void imageChangeRollsReplicasFirstWithOneSwitchoverAndTheWayBackIsRefused(Server from, Server to) {
    String name = "ServerUpgradeTest " + from.name() + " -> " + to.name();
    try (GroupFixture fixture = GroupFixture.start("rfg-upgrade-" + to.name().replace('.', '-'), "up", 3000,
        "{image: " + from.image() + "}")) {
      FailoverGroup group = fixture.group();
      String oldMaster = group.awaitReady(Duration.ofMinutes(2));
      Map<String, String> uidsBefore = Rollouts.uids(group);
      Sentinels sentinels = new Sentinels(group);
      long epoch = sentinels.configEpoch();

      try (MasterServiceSampler sampler = MasterServiceSampler.start(group);
           Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
        long t0 = System.currentTimeMillis();
        try {
          patchImage(group, to.image());
          Rollouts.awaitEveryPodReplaced(group, uidsBefore, Duration.ofMinutes(6));
          System.out.printf("[%s] rollout of 3 pods settled in %d ms%n", name, System.currentTimeMillis() - t0);
          workload.awaitAllAcking(Duration.ofSeconds(30));
          Rollouts.assertReplicasFirstAndOneSwitchover(name, group, sentinels, oldMaster, epoch);
          for (String pod : group.podNames()) {
            assertThat(fixture.client().cliRaw("-h", group.fqdn(pod), "INFO", "server"))
                .as("INFO server of %s", pod).contains(to.versionField() + ":" + to.version());
          }

          Rollouts.assertClientsLostNothing(name, RATE, workload, sampler, "service-wait", "sentinel");
        } catch (RuntimeException | AssertionError e) {
          ScenarioLog.dump(name, group, workload, sampler, t0);
          throw e;
        }
      }

      // The way back cannot work: refused before any pod is touched.
      Map<String, String> upgraded = Rollouts.uids(group);
      patchImage(group, from.image());
      await("SpecApplied False with the reason").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions().untilAsserted(() -> assertThat(group.resource().getStatus().getConditions())
              .filteredOn(c -> c.getType().equals(ConditionTypes.SPEC_APPLIED)).singleElement().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getMessage()).contains(from.image() + " (", "cannot replace " + to.image());
              }));
      assertThat(group.describe()).contains("ServerChangeRefused");
      var template = group.cluster().client().apps().statefulSets().inNamespace(group.namespace())
          .withName(group.name()).get().getSpec().getTemplate().getSpec().getContainers();
      assertThat(template).filteredOn(c -> c.getName().equals("redis")).singleElement()
          .satisfies(c -> assertThat(c.getImage()).isEqualTo(to.image()));
      assertThat(Rollouts.uids(group)).isEqualTo(upgraded);
      System.out.printf("[%s] the way back (%s) refused, no pod touched%n", name, from.image());
    }
  }

  private static void patchImage(FailoverGroup group, String image) {
    RfgInstall.kubectl(group.cluster(), "patch", "rfg", group.name(), "-n", group.namespace(), "--type=merge",
        "-p", "{\"spec\":{\"redis\":{\"image\":\"" + image + "\"}}}").orFail("kubectl patch redis.image");
  }

}
