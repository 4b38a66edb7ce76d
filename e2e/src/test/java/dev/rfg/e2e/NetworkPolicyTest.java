package dev.rfg.e2e;

import dev.rfg.e2e.support.Cluster;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RedisClientPod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #13 item 5: spec.networkPolicy, enforced by a real policy controller (the local cluster runs kube-router's,
 * e2e/cluster/README.md). A pod the policy does not name reaches neither Redis nor the sentinels, directly or
 * through the Services; a client it names does; the group's own traffic (replication, the sentinels' links, a
 * failover) and the operator's (its status comes from the sentinels) still flow; turning the policy off
 * lets everybody in again. Nothing running is restarted by any of it.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkPolicyTest {

  /** kube-router applies a new policy within a few seconds (e2e/cluster/README.md); this bounds the wait. */
  private static final Duration ENFORCED = Duration.ofSeconds(60);
  private static final int CONNECT_SECONDS = 3;

  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static Cluster cluster;
  private static RedisClientPod outsider;
  private static RedisClientPod web;
  private static Set<String> podUids;

  @BeforeAll
  static void start() {
    fixture = GroupFixture.start("rfg-netpol", "cache", 5000);
    group = fixture.group();
    cluster = group.cluster();
    outsider = fixture.client();
    var resource = group.resource();
    web = new RedisClientPod(cluster, group.namespace(), "web-client", Map.of("app", "web"),
        resource.getStatus().getAuthSecretName(), "cache-sentinel-admin", resource.getSpec().getRedis().getImage());
    podUids = uids();
  }

  @AfterAll
  static void cleanUp() {
    if (web != null) {
      web.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  /** Every place a client could knock: the master Service, one pod directly, the sentinels, the metrics port. */
  private static List<String> reachable(RedisClientPod from) {
    String pod = group.fqdn("cache-1");
    List<String> open = new java.util.ArrayList<>();
    if (from.canConnect(group.masterService(), 6379, CONNECT_SECONDS)) {
      open.add("master Service");
    }
    if (from.canConnect(pod, 6379, CONNECT_SECONDS)) {
      open.add("pod redis");
    }
    if (from.canConnect("cache-sentinel", 26379, CONNECT_SECONDS)) {
      open.add("sentinel Service");
    }
    if (from.canConnect(pod, 8080, CONNECT_SECONDS)) {
      open.add("pod metrics");
    }
    return open;
  }

  private static final List<String> EVERYTHING = List.of("master Service", "pod redis", "sentinel Service",
      "pod metrics");

  private static void patchSpec(String json) {
    cluster.client().resources(dev.rfg.api.v1alpha1.RedisFailoverGroup.class).inNamespace(group.namespace())
        .withName(group.name()).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + json + "}");
  }

  private static Set<String> uids() {
    return Set.copyOf(group.pods().stream().map(p -> p.getMetadata().getUid()).toList());
  }

  @Test
  @Order(1)
  void withoutAPolicyEveryPodGetsIn() {
    assertThat(reachable(outsider)).isEqualTo(EVERYTHING);
    assertThat(reachable(web)).isEqualTo(EVERYTHING);
  }

  @Test
  @Order(2)
  void aPolicyLetsInOnlyTheClientsItNames() {
    patchSpec("{\"networkPolicy\":{\"enabled\":true,\"clients\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}]}}");
    await("the outsider shut out").atMost(ENFORCED).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(reachable(outsider)).isEmpty());
    assertThat(reachable(web)).as("a named client: Redis and the sentinels, not the metrics port")
        .containsExactly("master Service", "pod redis", "sentinel Service");
    assertThat(web.cli("-h", group.masterService(), "SET", "fenced", "yes")).isEqualTo("OK");
    assertThat(web.cliRaw("-h", "cache-sentinel", "-p", "26379", "SENTINEL", "get-master-addr-by-name", "cache"))
        .startsWith(group.fqdn(group.statusMaster()));
    assertThat(uids()).as("a policy restarts no pod").isEqualTo(podUids);
    group.assertSettled();
  }

  @Test
  @Order(3)
  void theGroupAndTheOperatorStillTalkThroughAFailover() {
    String old = group.masterLabelled().get(0);
    int epochBefore = group.resource().getStatus().getConfigEpoch() == null ? 0
        : group.resource().getStatus().getConfigEpoch().intValue();
    group.deletePod(old, false);
    String master = group.awaitMasterServiceMovedFrom(old, Duration.ofSeconds(30));
    // Settled again: the old pod back as a replica in sync, every sentinel knowing the others, and the operator's
    // status (from the sentinels, through the policy) naming the new master.
    group.awaitReady(Duration.ofMinutes(3));
    assertThat(group.statusMaster()).isEqualTo(master);
    assertThat(group.resource().getStatus().getConfigEpoch()).isGreaterThan(epochBefore);
    assertThat(web.cli("-h", group.masterService(), "GET", "fenced")).isEqualTo("\"yes\"");
    for (String pod : group.podNames()) {
      if (!pod.equals(master)) {
        assertThat(group.replicationInfo(web, pod)).containsEntry("master_link_status", "up");
      }
    }
    assertThat(reachable(outsider)).as("still shut out after the failover").isEmpty();
  }

  @Test
  @Order(4)
  void scrapersGetTheMetricsPortAndTurningThePolicyOffLetsEverybodyIn() {
    patchSpec("{\"networkPolicy\":{\"metricsScrapers\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}]}}");
    await("the scraper let in").atMost(ENFORCED).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(reachable(web)).isEqualTo(EVERYTHING));
    assertThat(reachable(outsider)).isEmpty();
    Set<String> before = uids();
    patchSpec("{\"networkPolicy\":{\"enabled\":false}}");
    await("the policy gone").atMost(ENFORCED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(cluster.client().network().v1().networkPolicies().inNamespace(group.namespace())
          .withName(group.name()).get()).isNull();
      assertThat(reachable(outsider)).isEqualTo(EVERYTHING);
    });
    assertThat(uids()).isEqualTo(before);
    assertThat(group.containerRestarts()).isZero();
  }
}
